"""Confidence thresholds of tagged spans (0..1), free of imports so the tagger and the UI can both read them.

Spans below :data:`CONFIDENCE_HIDE` are never returned; a view draws spans below :data:`CONFIDENCE_LIGHT` as a
lighter highlight.
"""

from __future__ import annotations

CONFIDENCE_LIGHT = 0.6
CONFIDENCE_HIDE = 0.5
