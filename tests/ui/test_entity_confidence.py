"""Unsure entities (tagger confidence below CONFIDENCE_LIGHT) are stored with their confidence and drawn lighter."""

from __future__ import annotations

from reader.app.view import ArticleView, ViewEntity
from reader.core.entities.confidence import CONFIDENCE_LIGHT
from reader.core.types import EntitySpan
from reader.ui import style
from reader.ui.sentence_render import sentence_marks


def test_confidence_survives_the_store(library) -> None:
    from reader.store.entities import entities_for_article, save_entities
    from tests.support.testmodels import store_article

    article = store_article("وزیر خارجه به مسکو رفت.\n", "fa")
    save_entities(article, {0: [EntitySpan("LOCATION", 15, 19, "مسکو", "Moscow", confidence=0.55)]})
    (span,) = entities_for_article(article)[0]
    assert span.confidence == 0.55


def _view(confidence: float | None) -> ArticleView:
    entity = ViewEntity(1, 0, "LOCATION", 0, 4, "مسکو", "Moscow", "Moscow", 0, 6, confidence)
    return ArticleView(id=1, title="t", language="fa", source="", date="", meta={}, backend="",
                       sentences=(), entities=(entity,))


def test_unsure_entities_are_lighter_and_say_so() -> None:
    colors = style.LIGHT
    sure = sentence_marks(_view(0.9), 0, "source", colors, True, {"LOCATION"})
    unsure = sentence_marks(_view(CONFIDENCE_LIGHT - 0.05), 0, "source", colors, True, {"LOCATION"})
    unknown = sentence_marks(_view(None), 0, "target", colors, True, {"LOCATION"})
    assert sure[0].background == colors.entity["LOCATION"] == unknown[0].background
    assert unsure[0].background != colors.entity["LOCATION"] and "not sure" in unsure[0].title
    # lighter: every channel between the type's colour and white
    a, b = colors.entity["LOCATION"], unsure[0].background
    assert all(int(a[i:i + 2], 16) <= int(b[i:i + 2], 16) for i in (1, 3, 5))
