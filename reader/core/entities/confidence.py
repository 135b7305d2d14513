"""How sure the tagger is of a span: thresholds for showing it (``EntitySpan.confidence``, 0..1).

A span's confidence is the CRF's mean marginal probability of its labels, raised for names the lexicon knows
and for spans the rules made, and shared by every mention of a name in an article (see ``tagger``).
"""

from __future__ import annotations

CONFIDENCE_LIGHT = 0.6  # below this a view draws the highlight lighter
CONFIDENCE_HIDE = 0.5  # below this a span is not returned at all
KNOWN_CONFIDENCE = 0.9  # a name of the lexicon or the gazetteer (towns that are often common words: 0.7)
