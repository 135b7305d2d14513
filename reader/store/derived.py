"""Column values the store derives from an article's metadata: which site, agency or feed it came from (what
the library groups and filters by) and an ISO publication date the importer already found."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


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


def meta_iso(meta: dict) -> str | None:
    """An ISO publication date the importer already put in *meta* ("published"/"date_iso"), else None."""
    for key in ("published", "date_iso"):
        value = meta.get(key)
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            return value.strip()
    return None
