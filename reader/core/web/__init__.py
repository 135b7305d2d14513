"""The web side of importing: an HTTP fetcher with hard limits (fetch), pages as articles (page: decoded and
extracted by reader.core.importers like saved pages), RSS/Atom feeds (feeds) and OPML subscription lists
(opml). Pure (no store, no Qt): reader.app orchestrates."""
