"""The glossary service: add/update by spelling-insensitive key, list, remove, and one clear sentence for bad
terms."""

from __future__ import annotations

import pytest

from reader.app import glossary as store
from reader.core.glossary import Term
from reader.store.db import StoreError


def test_add_update_list_remove(library: object) -> None:
    assert store.add_terms([Term("پیونگ‌یانگ", "Pyongyang", "fa"), Term("بوتين", "Putin", "ar")]) == (2, 0)
    assert store.add_terms([Term("پیونگ یانگ", "P'yŏngyang", "fa", "old spelling")]) == (0, 1)  # same key
    assert store.terms("fa") == [Term("پیونگ یانگ", "P'yŏngyang", "fa", "old spelling")]
    assert store.glossary("ar").find("قال بوتين")[0].term.english == "Putin"
    assert store.remove_term("پیونگیانگ") == 1 and store.terms("fa") == []
    with pytest.raises(StoreError, match="not in the glossary"):
        store.remove_term("پیونگیانگ")
    with pytest.raises(StoreError, match="needs its English"):
        store.add_term("سپاه", "  ", "fa")
    with pytest.raises(StoreError, match="fa or ar"):
        store.add_term("سپاه", "IRGC", "ku")
