"""The web side of importing: an HTTP fetcher with hard limits, page charset decoding, pages as articles,
RSS/Atom feeds and OPML subscription lists. Pure (no store, no Qt): the store layer orchestrates."""
