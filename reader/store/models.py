"""peewee models of the library: articles, their sentences, entities, annotations, tags and the translation cache.

Every span (sentence, entity, annotation) anchors to the *normalised* article text. The texts of an article live
once, compressed, in :class:`ArticleBody` (see :mod:`reader.store.compact`): the normalised text, the cleaned
original as a delta against it, the decoded input as a delta against the original, and the offset map packed as
integers. ``Article.text``/``original_text``/``raw_text``/``offset_map`` and ``Sentence.text`` read them back on
demand, so the ``article`` and ``sentence`` rows stay small and listing the library reads only what it shows.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from peewee import (
    SQL,
    BlobField,
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
    date = TextField(default="")  # as printed in the article (may be Jalali or Hijri)
    meta = JSONField(default=dict)  # news code, agency, boilerplate removed, ...
    backend = TextField(default="")  # which engine/model translated it
    # SQL defaults too: the headline/glossary migration adds these columns to libraries with rows already
    title_en = TextField(default="", constraints=[SQL("DEFAULT ''")])  # the headline's translation
    title_model = TextField(default="", constraints=[SQL("DEFAULT ''")])  # model key of title_en ("manual": typed)
    created = DateTimeField(default=_now)  # imported
    updated = DateTimeField(default=_now)
    published = TextField(null=True)  # ISO 8601 publication date (YYYY-MM-DD[THH:MM]) when known
    site = TextField(default="")  # web site / agency / feed the article came from
    n_sentences = IntegerField(default=0)
    n_translated = IntegerField(default=0)
    read_at = DateTimeField(null=True)  # None: unread
    read_position = IntegerField(default=0)  # sentence index the reader was at
    deleted_at = DateTimeField(null=True)  # in the trash (undoable) until purged
    # reader.store.fingerprint.content_hash of ``original_text``: the article's identity for re-imports
    content_hash = CharField(max_length=80, default="", index=True, constraints=[SQL("DEFAULT ''")])

    class Meta:
        table_name = "article"

    def _body(self) -> Any:
        from reader.store.compact import load_body

        cached = self.__dict__.get("_body_cache")
        if cached is None or cached.article_id != self.id:
            cached = load_body(self.id)
            self.__dict__["_body_cache"] = cached
        return cached

    @property
    def text(self) -> str:
        """The cleaned, normalised body: the anchor of every span."""
        return self._body().text

    @property
    def original_text(self) -> str:
        """The cleaned body before normalisation (the "original" toggle)."""
        return self._body().original_text

    @property
    def raw_text(self) -> str:
        """The decoded input, before cleaning."""
        return self._body().raw_text

    @property
    def offset_map(self) -> list[list[int]]:
        """Run-length map normalised → original offsets (see reader.core.text.offsets)."""
        return self._body().offset_map


class ArticleBody(BaseModel):
    """The article's texts, each stored once and compressed (codec 1: see reader.store.compact)."""

    article = ForeignKeyField(Article, primary_key=True, on_delete="CASCADE", backref="body")
    codec = IntegerField(default=1)
    text = BlobField()
    original = BlobField()
    raw = BlobField()
    offset_map = BlobField()

    class Meta:
        table_name = "article_body"


class Sentence(BaseModel):
    article = ForeignKeyField(Article, backref="sentences", on_delete="CASCADE", index=False)
    index = IntegerField()
    start = IntegerField()
    end = IntegerField()
    paragraph = IntegerField(default=0)
    translation = TextField(null=True)
    flags = JSONField(default=list)  # list of {"code", "message"}
    score = FloatField(null=True)
    model = TextField(default="")
    edits = JSONField(default=list, constraints=[SQL("DEFAULT '[]'")])  # glossary/name corrections: Edit.to_json
    glossary = TextField(default="", constraints=[SQL("DEFAULT ''")])  # glossary version of those corrections

    class Meta:
        table_name = "sentence"
        indexes = ((("article", "index"), True),)

    @property
    def text(self) -> str:
        """``article.text[start:end]``; filled in bulk by ``repo.sentences``, else read from the body."""
        value = self.__dict__.get("_text")
        if value is None:
            from reader.store.compact import load_text

            value = load_text(self.article_id)[self.start : self.end]
            self.__dict__["_text"] = value
        return value

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["_text"] = value


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
    confidence = FloatField(null=True)  # the tagger's confidence (0..1); None: unknown or the reader's own

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
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "feed_item"
        indexes = ((("feed", "guid"), True),)


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


class Tag(BaseModel):
    """A reader's tag / collection of articles (names are unique, case-insensitively)."""

    name = TextField(unique=True)
    created = DateTimeField(default=_now)

    class Meta:
        table_name = "tag"


class ArticleTag(BaseModel):
    article = ForeignKeyField(Article, on_delete="CASCADE", index=False)
    tag = ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        table_name = "article_tag"
        primary_key = False
        indexes = ((("article", "tag"), True),)



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
    Article, ArticleBody, Sentence, Entity, Annotation, TranslationCache, Tag, ArticleTag, EntityCorrectionRow,
    Feed, FeedItem,
    GlossaryTerm,
]
