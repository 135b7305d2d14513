"""Alternatives service: the n best translations of one stored sentence (the engine's beam n-best,
reader.core.translate.engine.Engine.alternatives), and picking one — stored like an edited translation, so it is
kept when the article is translated again."""

from __future__ import annotations

from reader.core.translate.engine import Alternative
from reader.core.translate.settings import EngineSettings
from reader.store import repo
from reader.store.db import StoreError

MAX_ALTERNATIVES = 10


def article_alternatives(article_id: int, index: int, n: int = 5,
                         settings: EngineSettings | None = None) -> list[Alternative]:
    """Up to *n* distinct translations of sentence *index* of a stored article, best first, with the installed
    model for its language (kept warm)."""
    from reader.core.translate.engine import translate_alternatives
    from reader.core.translate.errors import TranslateError
    from reader.core.translate.settings import load_settings

    article = repo.get_article(article_id)
    rows = {s.index: s for s in repo.sentences(article)}
    if index not in rows:
        raise StoreError(f"Article {article_id} has no sentence {index} (it has {len(rows)}, from 0).")
    if not rows[index].text.strip():
        raise TranslateError(f"Sentence {index} of article {article_id} is empty.")
    settings = settings or load_settings()[0]
    return translate_alternatives(rows[index].text, article.language, max(1, min(n, MAX_ALTERNATIVES)), settings)


def choose_alternative(article_id: int, index: int, text: str) -> None:
    """Store the chosen alternative as the sentence's translation (kept across re-translation)."""
    repo.set_manual_translation(article_id, index, text)
