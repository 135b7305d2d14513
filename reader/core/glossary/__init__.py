"""The user's glossary and consistent names: terms a translation must use, enforced by post-editing.

- ``terms``: :class:`Term`, :class:`Glossary` (per language) and matching terms in Persian/Arabic sentences.
- ``postedit``: put a term's English into a model translation where the model rendered it differently, with an
  :class:`reader.core.types.Edit` mark saying what was replaced.
- ``names``: one English spelling per name across an article (the entity layer's projections).
- ``files``: CSV and TBX-lite import/export.

Post-editing never re-runs the model: a glossary change re-applies to the cached model output.
"""

from reader.core.glossary.terms import Glossary, TermMatch, glossary_version, term_key
from reader.core.types import Term

__all__ = ["Glossary", "Term", "TermMatch", "glossary_version", "term_key"]
