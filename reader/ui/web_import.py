"""Links in the window: a URL on the clipboard, in a drop from a browser, or typed into File ▸ Open URL…

Browsers drop a link as ``text/uri-list`` (http/https URLs, not local files) and often as plain text too;
a dropped or pasted string that is one web address is opened as a page, anything else stays text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QWidget


def _is_url(text: str) -> bool:
    from reader.core.web.page import is_url

    return is_url(text)


def clipboard_url() -> str:
    """The clipboard's text when it is one web address, else ""."""
    text = (QGuiApplication.clipboard().text() or "").strip()
    return text if _is_url(text) else ""


def ask_url(parent: QWidget) -> str:
    """File ▸ Open URL…: the address typed (pre-filled from the clipboard), or "" when cancelled."""
    url, ok = QInputDialog.getText(parent, "Open URL", "Address of a Persian or Arabic news page:",
                                   text=clipboard_url())
    return url.strip() if ok else ""


def split_drop(md: QMimeData) -> tuple[list[Path], list[str], list[str]]:
    """(local files, web addresses, texts) of a drop or paste."""
    paths: list[Path] = []
    urls: list[str] = []
    texts: list[str] = []
    if md.hasUrls():
        for u in md.urls():
            if u.isLocalFile():
                paths.append(Path(u.toLocalFile()))
            elif u.scheme() in ("http", "https"):
                urls.append(u.toString())
    if not paths and not urls and md.hasText():
        text = md.text().strip()
        if _is_url(text):
            urls.append(text)
        elif text:
            texts.append(md.text())
    return paths, urls, texts
