"""peewee models of the library: articles, their sentences, entities, annotations, and the translation cache.

Every span (sentence, entity, annotation) anchors to the *normalised* article text (``Article.text``);
``Article.offset_map`` maps those offsets back to ``Article.original_text`` for the original-text toggle.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from reader.store.base import db


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class JSONField(TextField):
    """Text column holding JSON."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = db


class Article(BaseModel):
    title = TextField(default="")
    language = CharField(max_length=8)
    source = TextField(default="")  # file path, URL or "paste"
    date = TextField(default="")  # as printed in the article (may be Jalali)
    raw_text = TextField(default="")  # decoded input, before cleaning
    original_text = TextField(default="")  # cleaned body, not normalised
    text = TextField(default="")  # cleaned + normalised body: the anchor for all spans
    offset_map = JSONField(default=list)  # run-length map normalised -> original offsets
    meta = JSONField(default=dict)  # news code, agency, boilerplate removed, ...
    backend = TextField(default="")  # which engine/model translated it
    # SQL defaults too: migration 3 adds these columns to libraries that have rows already
    title_en = TextField(default="", constraints=[SQL("DEFAULT ''")])  # the headline's translation
    title_model = TextField(default="", constraints=[SQL("DEFAULT ''")])  # model key of title_en ("manual" when typed by the user)
    created = DateTimeField(default=_now)
    updated = DateTimeField(default=_now)

    class Meta:
        table_name = "article"


class Sentence(BaseModel):
    article = ForeignKeyField(Article, backref="sentences", on_delete="CASCADE")
    index = IntegerField()
    start = IntegerField()
    end = IntegerField()
    paragraph = IntegerField(default=0)
    text = TextField()
    translation = TextField(null=True)
    flags = JSONField(default=list)  # list of {"code", "message"}
    score = FloatField(null=True)
    model = TextField(default="")
    edits = JSONField(default=list, constraints=[SQL("DEFAULT '[]'")])  # glossary/name corrections: Edit.to_json
    glossary = TextField(default="", constraints=[SQL("DEFAULT ''")])  # version of the glossary those corrections came from

    class Meta:
        table_name = "sentence"
        indexes = ((("article", "index"), True),)


class Entity(BaseModel):
    article = ForeignKeyField(Article, backref="entities", on_delete="CASCADE")
    sentence = ForeignKeyField(Sentence, backref="entities", on_delete="CASCADE")
    type = CharField(max_length=16)
    start = IntegerField()  # offsets in Article.text
    end = IntegerField()
    text = TextField()
    canonical = TextField(default="")
    english = TextField(null=True)
    en_start = IntegerField(null=True)  # offsets in Sentence.translation
    en_end = IntegerField(null=True)

    class Meta:
        table_name = "entity"


class Annotation(BaseModel):
    article = ForeignKeyField(Article, backref="annotations", on_delete="CASCADE")
    sentence = ForeignKeyField(Sentence, backref="annotations", on_delete="CASCADE")
    side = CharField(max_length=8)  # "source" | "target"
    start = IntegerField()  # offsets inside the sentence's text (source) or translation (target)
    end = IntegerField()
    quote = TextField(default="")  # the selected text when created (re-anchoring check)
    color = CharField(max_length=16, default="#ffe066")
    note = TextField(default="")
    tags = JSONField(default=list)
    deleted = BooleanField(default=False)  # soft delete so undo can restore
    created = DateTimeField(default=_now)
    updated = DateTimeField(default=_now)

    class Meta:
        table_name = "annotation"


class TranslationCache(BaseModel):
    key = CharField(primary_key=True, max_length=128)  # sha256(model_key + "\0" + source)
    model = TextField()  # backend:model-id:version
    translation = TextField()
    score = FloatField(null=True)
    flags = JSONField(default=list)
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "translation_cache"


class EntityCorrectionRow(BaseModel):
    """The reader's own entity lexicon: one correction per (language, matching key, action)."""

    language = CharField(max_length=8)
    key = TextField()  # reader.core.entities.text.key of the surface form
    text = TextField()  # the surface form as marked
    action = CharField(max_length=16)  # reject | type | english | add
    type = CharField(max_length=16, default="")
    english = TextField(default="")
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "entity_correction"
        indexes = ((("language", "key", "action"), True),)


class GlossaryTerm(BaseModel):
    """A user glossary entry: the English a translation must use for a Persian/Arabic term."""

    language = CharField(max_length=8)  # "fa" | "ar"
    source = TextField()
    key = TextField()  # reader.core.entities.text.key(source): one row per spelling-insensitive term
    english = TextField()
    note = TextField(default="")
    created = DateTimeField(default=_now)
    updated = DateTimeField(default=_now)

    class Meta:
        table_name = "glossary_term"
        indexes = ((("language", "key"), True),)


ALL_MODELS: list[type[BaseModel]] = [
    Article, Sentence, Entity, Annotation, TranslationCache, EntityCorrectionRow, GlossaryTerm,
]
