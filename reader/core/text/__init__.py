"""Text pipeline for Persian and Arabic: language id, cleaning, normalisation, ZWNJ restoration, segmentation."""
