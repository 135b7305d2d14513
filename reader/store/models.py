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
    created = DateTimeField(default=_now)
    updated = DateTimeField(default=_now)
    # reader.store.fingerprint.content_hash of ``text``: the article's identity for re-imports (migration _v3)
    content_hash = CharField(max_length=80, default="", index=True, constraints=[SQL("DEFAULT ''")])

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


class Feed(BaseModel):
    """An RSS/Atom subscription (migration _v4)."""

    url = TextField(unique=True)  # the feed document's address
    title = TextField(default="")
    site_url = TextField(default="")  # the site the feed belongs to (its <link>)
    auto_translate = BooleanField(default=False)  # translate new items in the background
    etag = TextField(default="")  # HTTP validators for conditional refresh
    last_modified = TextField(default="")
    last_checked = DateTimeField(null=True)
    last_error = TextField(default="")  # one line, "" after a good refresh
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "feed"


class FeedItem(BaseModel):
    """One entry of a feed and the article it became (migration _v4)."""

    feed = ForeignKeyField(Feed, backref="items", on_delete="CASCADE")
    guid = TextField()  # the entry's id (or its link when it has none)
    link = TextField(default="")
    title = TextField(default="")
    published = TextField(default="")  # ISO 8601 when the feed gives a date
    article = ForeignKeyField(Article, null=True, backref="feed_items", on_delete="SET NULL")
    state = CharField(max_length=16, default="new")  # new | imported | failed
    error = TextField(default="")
    attempts = IntegerField(default=0)  # failed imports so far (given up after feed_refresh.MAX_ATTEMPTS)
    read = BooleanField(default=False)
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "feed_item"
        indexes = ((("feed", "guid"), True),)


ALL_MODELS: list[type[BaseModel]] = [Article, Sentence, Entity, Annotation, TranslationCache, Feed, FeedItem]
