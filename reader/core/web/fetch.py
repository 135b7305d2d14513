"""One careful HTTP GET: timeouts, a size limit enforced while streaming, a redirect limit, gzip, and a
one-line reason for every failure.

``fetch(url)`` returns the body bytes (already un-gzipped) with the final URL and the charset the server
declared; :class:`FetchError` (a ``ValueError``) carries a sentence a reader can act on: offline, the server
refused, not found (404), server failure (5xx), too slow, too large, a redirect loop. Refusals happen as early
as possible: a ``Content-Length`` over the limit is refused before the body is read, and a body that grows
past it (or a slow drip past the total deadline) is cut off while streaming.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from reader import __version__

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_CONNECT_TIMEOUT = 8.0
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_TOTAL_TIMEOUT = 60.0
DEFAULT_MAX_REDIRECTS = 8
USER_AGENT = f"Tarjoman/{__version__} (offline news reader; +https://example.invalid/tarjoman)"
_CHUNK = 64 * 1024


class FetchError(ValueError):
    """A page or feed that could not be fetched; the message is one human line."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT  # seconds to open the connection
    read_timeout: float = DEFAULT_READ_TIMEOUT  # seconds of silence while waiting for data
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT  # seconds for the whole response
    max_bytes: int = DEFAULT_MAX_BYTES  # decoded (un-gzipped) body size
    max_redirects: int = DEFAULT_MAX_REDIRECTS


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # "text/html" (no parameters), lower case
    charset: str  # from the Content-Type header, "" when none
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def check_url(url: str) -> str:
    """*url* stripped, with ``https://`` added when the scheme is missing; FetchError when not a web address."""
    url = (url or "").strip()
    if not url:
        raise FetchError("no web address given")
    if "://" not in url and not url.startswith("//"):
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url} is not a web address (only http:// and https:// links can be opened)")
    if not parts.hostname or " " in parts.netloc:
        raise FetchError(f"{url} is not a valid web address")
    return url


def _http_error(status: int, url: str) -> FetchError:
    host = _host(url)
    if status == 404:
        return FetchError(f"{url}: page not found (HTTP 404)", status)
    if status == 410:
        return FetchError(f"{url}: the page was removed (HTTP 410)", status)
    if status in (401, 403):
        return FetchError(f"{host} refused access to {url} (HTTP {status})", status)
    if status == 429:
        return FetchError(f"{host} says too many requests (HTTP 429); try again later", status)
    if status >= 500:
        return FetchError(f"{host} had a server error (HTTP {status}); try again later", status)
    return FetchError(f"{url}: the server answered HTTP {status}", status)


def _connection_error(exc: BaseException, url: str, limits: Limits) -> FetchError:
    import requests

    host = _host(url)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return FetchError(f"{host} did not answer within {limits.connect_timeout:g} seconds")
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return FetchError(f"{host} stopped sending data for {limits.read_timeout:g} seconds (too slow)")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(f"the secure connection to {host} failed (its certificate could not be verified)")
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return FetchError(f"{url}: too many redirects")
    text = repr(exc).lower()
    if "read timed out" in text:
        return FetchError(f"{host} stopped sending data for {limits.read_timeout:g} seconds (too slow)")
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text \
            or "name resolution" in text or "no address associated" in text:
        return FetchError(f"cannot find {host}: you may be offline, or the address is wrong")
    if "refused" in text:
        return FetchError(f"{host} refused the connection (the site may be down)")
    if "network is unreachable" in text or "no route to host" in text:
        return FetchError(f"cannot reach {host}: you appear to be offline")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError):
        return FetchError(f"{host} sent a broken response (the transfer was cut or garbled)")
    return FetchError(f"cannot reach {host}: the connection failed")


def _lower(headers: object) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in headers.items()}  # type: ignore[attr-defined]


def _split_content_type(value: str) -> tuple[str, str]:
    kind, _, params = (value or "").partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


def fetch(
    url: str,
    *,
    limits: Limits | None = None,
    headers: dict[str, str] | None = None,
    session: object | None = None,
    what: str = "the page",
) -> Fetched:
    """GET *url* within *limits*; *headers* are added (e.g. ``If-None-Match``). A 304 answer returns with
    empty data. Raises FetchError."""
    import requests

    limits = limits or Limits()
    url = check_url(url)
    own = session is None
    sess: requests.Session = session if session is not None else requests.Session()  # type: ignore[assignment]
    request_headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "fa,ar;q=0.9,en;q=0.5",
        **(headers or {}),
    }
    deadline = time.monotonic() + limits.total_timeout
    seen = [url]
    current = url
    try:
        for _hop in range(limits.max_redirects + 1):
            try:
                resp = sess.get(current, headers=request_headers, stream=True, allow_redirects=False,
                                timeout=(limits.connect_timeout, limits.read_timeout))
            except requests.exceptions.RequestException as exc:
                raise _connection_error(exc, current, limits) from None
            with resp:
                if resp.is_redirect and resp.headers.get("location"):
                    target = check_url(urljoin(current, resp.headers["location"]))
                    if target in seen:
                        raise FetchError(f"{url}: the site redirects in a loop ({_host(target)})")
                    seen.append(target)
                    current = target
                    continue
                if resp.status_code == 304:
                    return Fetched(url, current, 304, "", "", b"", _lower(resp.headers))
                if resp.status_code >= 400:
                    raise _http_error(resp.status_code, current)
                kind, charset = _split_content_type(resp.headers.get("content-type", ""))
                data = _read_body(resp, current, limits, deadline, what)
                return Fetched(url, current, resp.status_code, kind, charset, data, _lower(resp.headers))
        raise FetchError(f"{url}: more than {limits.max_redirects} redirects")
    finally:
        if own:
            sess.close()


def _read_body(resp: object, url: str, limits: Limits, deadline: float, what: str) -> bytes:
    import requests

    from reader.core.importers import human_size

    declared = resp.headers.get("content-length", "")  # type: ignore[attr-defined]
    encoded = resp.headers.get("content-encoding", "").strip().lower()  # type: ignore[attr-defined]
    if declared.isdigit() and encoded in ("", "identity") and int(declared) > limits.max_bytes:
        raise FetchError(
            f"{what} at {url} is {human_size(int(declared))}, over the {human_size(limits.max_bytes)} limit"
        )
    chunks: list[bytes] = []
    size = 0
    late = FetchError(f"{_host(url)} took longer than {limits.total_timeout:g} seconds to send {what}")
    # A server that drips a byte at a time never trips the read timeout, and a read waits for a whole chunk:
    # at the deadline a watchdog shuts the socket, which ends the blocked read.
    fired = threading.Event()
    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, (resp, fired))
    watchdog.daemon = True
    watchdog.start()
    try:
        for chunk in resp.iter_content(_CHUNK, decode_unicode=False):  # type: ignore[attr-defined]
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(f"{what} at {url} is over the {human_size(limits.max_bytes)} limit")
            if time.monotonic() > deadline:
                raise late
            chunks.append(chunk)
    except (requests.exceptions.RequestException, OSError, ValueError) as exc:
        if isinstance(exc, FetchError):
            raise
        if fired.is_set() or time.monotonic() >= deadline:
            raise late from None
        raise _connection_error(exc, url, limits) from None
    finally:
        watchdog.cancel()
    if fired.is_set():  # the shut socket may read as a clean end of a body without a length: it is cut short
        raise late
    return b"".join(chunks)


def _shut(resp: object, fired: threading.Event) -> None:
    """Shut the response's socket (from the watchdog thread): the reading thread's recv returns at once.

    urllib3 hands the socket over to the response's file object, so the shutdown goes through its descriptor
    (a duplicate: shutting down one descriptor ends the connection for all of them)."""
    import socket

    fired.set()
    try:
        fd = resp.raw._fp.fp.fileno()  # type: ignore[attr-defined]
        dup = socket.fromfd(fd, socket.AF_INET, socket.SOCK_STREAM)
    except (AttributeError, OSError, ValueError):
        return
    try:
        dup.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        dup.close()
