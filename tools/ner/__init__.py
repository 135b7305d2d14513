"""Training and evaluation of the named-entity models shipped in ``resources/ner`` (development only).

    python -m tools.ner.train       # rebuild the shipped models and gazetteer
    python -m tools.ner.evaluate    # per-type P/R/F1 on every test split

Nothing here is imported by the app (``reader``) or shipped in the bundle; see README.md in this folder.
"""
