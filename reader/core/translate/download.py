"""Downloads (only on the user's request): the Argos index, Argos packages, OPUS-MT release zips.

Rules, the same for every file: only http(s) links are tried (the Argos index lists an ``ipfs://`` link last;
it is skipped, so the user sees the real network error of the http mirrors, not "refusing ipfs"); each link is
tried up to ``ATTEMPTS`` times, a partial download (``NAME.part``) is resumed with an HTTP Range request when the
server allows it, and the size is verified against what the server announced (``Content-Length`` /
``Content-Range``) — a short file is refused, never installed. What else can be verified is verified by the
installer (zip checksums of every member, the model loads). Name lookup runs in a thread with a timeout and
every socket has one, so an offline machine gives one line (:class:`OfflineError`), never a hang.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import config
from reader.core.jobs import Cancelled, Progress, no_progress
from reader.core.jsonlimits import JsonLimitError, loads_bounded
from reader.core.translate.catalog import ModelSpec, argos_package_module, pair_label
from reader.core.translate.errors import ModelNotFound, OfflineError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
CONNECT_TIMEOUT = 8.0  # seconds to resolve + connect; reads time out after the same idle time
ATTEMPTS = 3
BACKOFF = 0.5  # seconds before the 2nd attempt, doubled for each next one
MAX_INDEX_BYTES = 16 * 1024 * 1024
CHUNK = 256 * 1024


def index_url() -> str:
    """argostranslate's package index (``ARGOS_PACKAGE_INDEX`` is the base URL, as in argostranslate)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def _offline(url: str, reason: object) -> OfflineError:
    return OfflineError(f"Cannot reach {_host(url)} ({reason}): Tarjoman seems to be offline. Check the connection, "
                        "or download the model file elsewhere and run `tarjoman models install FILE`.")


def _resolve(url: str, timeout: float) -> None:
    """Name resolution has no socket timeout; run it in a thread so an offline machine cannot hang us."""
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        return
    box: dict[str, BaseException] = {}

    def work() -> None:
        try:
            socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        except OSError as exc:
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _offline(url, "name lookup timed out")
    if "error" in box:
        raise _offline(url, "name lookup failed")


class _HttpStatus(OfflineError):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _open(url: str, timeout: float, start: int = 0) -> Any:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise OfflineError(f"Refusing to download from {url}: only http(s) links are used.")
    _resolve(url, timeout)
    headers = {"User-Agent": "Tarjoman (model download)"}
    if start:
        headers["Range"] = f"bytes={start}-"
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise _HttpStatus(f"{url} answered HTTP {exc.code} ({exc.reason}).", exc.code) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _offline(url, getattr(exc, "reason", exc)) from exc


def http_links(links: Sequence[str]) -> list[str]:
    """The links we try, in order: http(s) only (``ipfs://`` and other schemes are skipped)."""
    return [str(u) for u in links if urllib.parse.urlsplit(str(u)).scheme in ("http", "https")]


def fetch_index(timeout: float = CONNECT_TIMEOUT) -> list[Any]:
    """The Argos package index as argostranslate ``AvailablePackage`` objects (translation packages only)."""
    url = index_url()
    try:
        with _open(url, timeout) as response:
            data = loads_bounded(response.read(MAX_INDEX_BYTES + 1), max_bytes=MAX_INDEX_BYTES, max_depth=12,
                                 what=f"The package index at {url}")
    except JsonLimitError as exc:
        raise OfflineError(f"{exc}.") from exc
    except OSError as exc:
        if isinstance(exc, OfflineError):
            raise
        raise OfflineError(f"The package index at {url} could not be read ({exc}).") from exc
    if not isinstance(data, list):
        raise OfflineError(f"The package index at {url} is not a list of packages.")
    available = argos_package_module().AvailablePackage
    return [available(m) for m in data if isinstance(m, dict) and m.get("type", "translate") == "translate"]


def _fetch_once(url: str, part: Path, report: Progress, cancel: Any, timeout: float) -> None:
    """Download *url* into *part*, resuming from its current size when the server supports ranges."""
    have = part.stat().st_size if part.exists() else 0
    try:
        response = _open(url, timeout, have)
    except _HttpStatus as exc:
        if exc.code == 416 and have:  # our partial file does not fit the server's file any more: start over
            part.unlink()
            response = _open(url, timeout)
            have = 0
        else:
            raise
    with response:
        status = getattr(response, "status", 200)
        length = int(response.headers.get("Content-Length") or 0)
        if have and status == 206:
            total_text = str(response.headers.get("Content-Range") or "").rpartition("/")[2]
            total = int(total_text) if total_text.isdigit() else (have + length if length else 0)
        else:
            have, total = 0, length  # the server sent the whole file: start over
        done = have
        report(done, total)
        last = time.monotonic()
        with open(part, "ab" if have else "wb") as out:
            while True:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                try:
                    chunk = response.read(CHUNK)
                except OSError as exc:  # http.client.IncompleteRead is an OSError subclass too
                    raise _offline(url, f"connection lost after {done // 1024} kB: {exc}") from exc
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if time.monotonic() - last > 0.1:
                    report(done, total)
                    last = time.monotonic()
        if total and done != total:
            raise _offline(url, f"download stopped at {done:,} of {total:,} bytes")
        report(done, total or done)


def fetch(links: Sequence[str], dest: Path, *, progress: Progress | None = None, cancel: Any = None,
          timeout: float = CONNECT_TIMEOUT, attempts: int = ATTEMPTS, backoff: float = BACKOFF) -> Path:
    """Download the first link that works into *dest* (atomically); see the module doc for the rules.

    ``progress(bytes_done, bytes_total)`` (total 0 when the server does not say). Cancel stops it and removes
    the partial file. Raises OfflineError with the last real error, ModelNotFound when no link is http(s)."""
    report = progress or no_progress
    urls = http_links(links)
    if not urls:
        raise ModelNotFound("The model has no http(s) download link"
                            + (f" (only {', '.join(str(u).split(':')[0] for u in links)})." if links else "."))
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    last_error: OfflineError | None = None
    try:
        for url in urls:
            for attempt in range(max(1, attempts)):
                if attempt:
                    delay = backoff * 2 ** (attempt - 1)
                    if cancel is not None and cancel.wait(delay):
                        raise Cancelled()
                    if cancel is None:
                        time.sleep(delay)
                try:
                    _fetch_once(url, part, report, cancel, timeout)
                except _HttpStatus as exc:
                    last_error = exc
                    if exc.code < 500 and exc.code not in (408, 429):
                        break  # 404 and friends will not change: next link
                    continue
                except OfflineError as exc:
                    last_error = exc
                    continue
                os.replace(part, dest)
                return dest
            part.unlink(missing_ok=True)  # a partial file of this link is no use for the next one
    except Cancelled:
        part.unlink(missing_ok=True)
        raise
    part.unlink(missing_ok=True)
    if last_error is None:  # no link was tried (the caller passed none)
        raise OfflineError("The package lists no download link that Tarjoman can use.")
    raise last_error


def download_package(
    from_code: str,
    to_code: str = "en",
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = CONNECT_TIMEOUT,
) -> ModelSpec:
    """Download the newest *from_code*→*to_code* package from the Argos index and install it."""
    from reader.core.translate.catalog import _version_key
    from reader.core.translate.packages import install_package

    candidates = [p for p in fetch_index(timeout) if (p.from_code, p.to_code) == (from_code, to_code) and p.links]
    if not candidates:
        raise ModelNotFound(f"The Argos package index has no {pair_label(from_code, to_code)} package.")
    pkg = max(candidates, key=lambda p: _version_key(str(p.package_version)))
    name = f"{argos_package_module().argospm_package_name(pkg)}-{pkg.package_version}.argosmodel"
    target = fetch(list(pkg.links), config.paths().cache / "downloads" / name, progress=progress, cancel=cancel,
                   timeout=timeout)
    try:
        return install_package(target, expect=(from_code, to_code))
    finally:
        target.unlink(missing_ok=True)


def index_versions(timeout: float = CONNECT_TIMEOUT) -> dict[tuple[str, str], str]:
    """Newest package version per pair in the Argos index (for "update available"); OfflineError when offline."""
    from reader.core.translate.catalog import _version_key

    out: dict[tuple[str, str], str] = {}
    for p in fetch_index(timeout):
        pair, version = (str(p.from_code), str(p.to_code)), str(p.package_version)
        if pair not in out or _version_key(version) > _version_key(out[pair]):
            out[pair] = version
    return out
