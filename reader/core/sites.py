"""Which site, agency or feed an article came from (what the library groups and filters by)."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_of(source: str, meta: dict | None = None) -> str:
    """A short name: the feed or site the importer recorded, else the web host of a URL source, else the agency
    the text names, else ""."""
    meta = meta or {}
    for key in ("feed", "site", "site_name"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:80]
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).hostname or ""
        return host.removeprefix("www.")
    agency = meta.get("agency")
    return " ".join(agency.split())[:80] if isinstance(agency, str) else ""
