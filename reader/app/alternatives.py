"""Alternatives service: the n best translations of one stored sentence, and picking one (stored like an
edited translation, so it is kept when the article is translated again)."""

from __future__ import annotations

from reader.core.translate.alternatives import Alternative, translate_alternatives
from reader.core.translate.settings import EngineSettings
from reader.store import repo
from reader.store.db import StoreError


def article_alternatives(article_id: int, index: int, n: int = 5,
                         settings: EngineSettings | None = None) -> list[Alternative]:
    """Alternatives for sentence *index* of a stored article, with the installed model for its language."""
    from reader.core.translate.catalog import find_model
    from reader.core.translate.engine import get_engine
    from reader.core.translate.settings import load_settings

    article = repo.get_article(article_id)
    rows = {s.index: s for s in repo.sentences(article)}
    if index not in rows:
        raise StoreError(f"Article {article_id} has no sentence {index} (it has {len(rows)}, from 0).")
    settings = settings or load_settings()[0]
    engine = get_engine(find_model(article.language, "en"), settings)
    return translate_alternatives(engine, rows[index].text, n, settings)


def choose_alternative(article_id: int, index: int, text: str) -> None:
    """Store the chosen alternative as the sentence's translation (kept across re-translation)."""
    repo.set_manual_translation(article_id, index, text)
