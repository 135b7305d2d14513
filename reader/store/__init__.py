"""SQLite library store (peewee). Never imports Qt."""

from reader.store.db import StoreError, close_db, db, init_db
from reader.store.models import (
    Annotation,
    Article,
    Entity,
    Sentence,
    TranslationCache,
)

__all__ = [
    "Annotation",
    "Article",
    "Entity",
    "Sentence",
    "StoreError",
    "TranslationCache",
    "close_db",
    "db",
    "init_db",
]
