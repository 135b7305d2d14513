"""A LibreTranslate server as a translation backend (team scale-out), with the same duck-typed contract as
:class:`reader.core.translate.engine.Engine`: ``spec.key``, ``spec.from_code``, ``spec.to_code`` and
``translate_stream(sentences, settings, cancel)`` yielding batches of ``RawTranslation``.

We send OUR segmented sentences, never whole paragraphs: ``POST /translate`` with ``q`` as a JSON list of
strings and ``format: "text"`` answers ``{"translatedText": [...]}`` with one string per input, in order
(LibreTranslate 1.3+), so the sentence alignment stays exactly 1:1. Each list item is one paragraph to the
server; its sentence splitter sees one sentence and leaves it whole.

- Cache key: ``libretranslate:<host:port[/prefix]>:translate-<from>_<to>:<server version>``. LibreTranslate
  does not report its model versions; ``/spec`` reports the server's version, so an upgraded server (which
  usually brings new models) never reuses old cache entries, while every user of the same server shares keys.
- Requests: batches of at most ``batch_size`` sentences and ``max_chars`` characters, the first batch holding
  the first ``settings.first_batch`` sentences (fast first paint), up to ``concurrency`` requests in flight.
- Failures: connection errors, timeouts, HTTP 429 and 5xx are retried ``retries`` times with exponential
  backoff (bounded); then, and for 400/403 at once, :class:`RemoteError` with one line a user can act on
  (server down, API key refused, language not offered, timeout). Batches that finished before the failure
  are yielded first, so the caller caches them and a later run sends only the rest.
- Cancel is honoured between batches (and during backoff waits); batches already sent are still yielded.

Only ``requests`` is used (no LibreTranslate client library). :func:`get_remote_engine` builds (and keeps
warm) the engine the app's settings ask for, :func:`engine_from_settings` returns it only when the settings
choose this backend (None: local); :func:`probe_languages` reads ``/languages``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from reader.core.translate.engine import RawTranslation
from reader.core.translate.errors import TranslateError
from reader.core.translate.settings import EngineSettings

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic", "en": "English"}
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 120.0  # one batch on a busy CPU server can take a while; past this the server is stuck


class RemoteError(TranslateError):
    """The translation server could not be used; ``kind`` says why, ``str(exc)`` is one human line.

    kinds: ``config`` (no/invalid address), ``down`` (cannot connect), ``timeout``, ``auth`` (API key
    missing or refused), ``language`` (pair not offered), ``limit`` (request too large / rate limited),
    ``server`` (5xx or an answer we cannot read).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def normalise_url(url: str) -> str:
    """``host:port`` or a full URL → ``http(s)://host:port[/prefix]`` without a trailing slash or /translate."""
    url = (url or "").strip()
    if not url:
        raise RemoteError("No LibreTranslate server address is set; enter it in Preferences "
                          "(for example http://translate.example.org:5000).", "config")
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"{url!r} is not a valid server address; use http://HOST:PORT.", "config")
    path = parts.path.rstrip("/")
    for suffix in ("/translate", "/languages"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _server_label(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc + parts.path


def _pair(from_code: str, to_code: str) -> str:
    return f"{LANGUAGE_NAMES.get(from_code, from_code)}→{LANGUAGE_NAMES.get(to_code, to_code)}"


def _error_text(response: requests.Response) -> str:
    try:
        data = response.json()
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"]).strip().splitlines()[0]
    except ValueError:
        pass
    text = (response.text or "").strip()
    return text.splitlines()[0][:200] if text else f"HTTP {response.status_code}"


class _Client:
    """HTTP with bounded retries; one requests.Session per thread (keep-alive, thread-safe use)."""

    def __init__(self, url: str, api_key: str, timeout: float, retries: int, backoff: float) -> None:
        self.url = url
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.requests = 0  # HTTP requests sent (all endpoints, retries included)
        self._lock = threading.Lock()
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = "Tarjoman"
            self._local.session = session
        return session

    def _failure(self, exc: Exception) -> RemoteError:
        where = _server_label(self.url)
        if isinstance(exc, requests.Timeout):
            return RemoteError(f"The translation server {where} did not answer within {self.timeout:g} s; "
                               "it may be overloaded — try again later.", "timeout")
        reason = "connection refused" if "refused" in str(exc).lower() else type(exc).__name__
        return RemoteError(f"The translation server {where} is not reachable ({reason}); check the address "
                           "in Preferences or that the server is running.", "down")

    def call(self, method: str, path: str, *, json: Any = None, cancel: threading.Event | None = None,
             what: str = "") -> Any:
        """Send one request, retrying transient failures (cannot connect, timeout, 429, 5xx) with exponential
        backoff; returns the decoded JSON answer. Raises RemoteError, or _Interrupted when *cancel* is set
        during a backoff wait."""
        attempt = 0
        while True:
            try:
                with self._lock:
                    self.requests += 1
                response = self._session().request(method, self.url + path, json=json,
                                                   timeout=(min(CONNECT_TIMEOUT, self.timeout), self.timeout))
            except (requests.ConnectionError, requests.Timeout) as exc:
                error, retry = self._failure(exc), True
            else:
                if response.status_code == 200:
                    try:
                        return response.json()
                    except ValueError:
                        raise RemoteError(f"The translation server {_server_label(self.url)} sent an answer that "
                                          "is not JSON; is the address a LibreTranslate server?", "server") from None
                error = self._http_error(response, what)
                retry = response.status_code == 429 or response.status_code >= 500
            if not retry or attempt >= self.retries:
                raise error
            delay = self.backoff * (2**attempt)
            attempt += 1
            if cancel is not None:
                if cancel.wait(delay):
                    raise _Interrupted()
            else:
                time.sleep(delay)

    def _http_error(self, response: requests.Response, what: str) -> RemoteError:
        where = _server_label(self.url)
        reason = _error_text(response)
        low = reason.lower()
        code = response.status_code
        if code in (401, 403):
            if "api key" in low and "invalid" in low:
                return RemoteError(f"The translation server {where} refused the API key ({reason}); check the "
                                   "key in Preferences.", "auth")
            return RemoteError(f"The translation server {where} needs an API key ({reason}); enter it in "
                               "Preferences.", "auth")
        if code == 429:
            return RemoteError(f"The translation server {where} is rate-limiting this client ({reason}); try "
                               "again later or ask its administrator for a higher limit.", "limit")
        if code == 400 and ("not supported" in low or "not available" in low):
            return RemoteError(f"The translation server {where} does not offer {what} ({reason}).", "language")
        if code == 400 and "limit" in low:
            return RemoteError(f"The translation server {where} refused a request as too large ({reason}).",
                               "limit")
        if code == 404:
            return RemoteError(f"{where} answered 404 Not Found: it does not look like a LibreTranslate server.",
                               "config")
        if code >= 500:
            return RemoteError(f"The translation server {where} failed ({code}: {reason}).", "server")
        return RemoteError(f"The translation server {where} rejected the request ({code}: {reason}).", "server")


class _Interrupted(Exception):
    """Cancel was set while waiting to retry: the batch is simply not done (not an error)."""


def probe_languages(url: str, api_key: str = "", timeout: float = 10.0) -> dict[str, list[str]]:
    """``/languages`` of the server: {source code: [target codes]}. Raises RemoteError (one line)."""
    client = _Client(normalise_url(url), api_key, timeout, retries=0, backoff=0)
    data = client.call("GET", "/languages", what="its language list")
    if not isinstance(data, list):
        raise RemoteError(f"{_server_label(client.url)} sent a language list we cannot read.", "server")
    return {str(d.get("code")): [str(t) for t in d.get("targets", [])] for d in data if isinstance(d, dict)}


def probe_version(client: _Client) -> str:
    """The server's version from its API description (``/spec``), or "" when it hides it."""
    try:
        data = client.call("GET", "/spec")
    except RemoteError:
        return ""
    info = data.get("info") if isinstance(data, dict) else None
    version = str(info.get("version", "")) if isinstance(info, dict) else ""
    return version.strip().replace(":", "_")


@dataclass(frozen=True)
class RemoteSpec:
    """Describes a server-side model like ``catalog.ModelSpec`` does a local one (what job.py and the UI read)."""

    url: str
    from_code: str
    to_code: str
    server_version: str = ""
    backend: str = "libretranslate"

    @property
    def model_id(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"

    @property
    def version(self) -> str:
        return self.server_version or "unknown"

    @property
    def key(self) -> str:
        return f"libretranslate:{_server_label(self.url)}:{self.model_id}:{self.version}"

    @property
    def pair(self) -> tuple[str, str]:
        return self.from_code, self.to_code

    @property
    def description(self) -> str:
        return f"LibreTranslate server {_server_label(self.url)}" + (
            f" (version {self.server_version})" if self.server_version else "")


def plan_requests(sentences: Sequence[str], batch_size: int, max_chars: int, first_batch: int) -> list[list[int]]:
    """Indices of the non-empty sentences in reading order, split into requests: the first holds the first
    *first_batch* sentences, the others at most *batch_size* sentences and *max_chars* characters (a single
    longer sentence goes alone)."""
    todo = [i for i, s in enumerate(sentences) if s.strip()]
    head = todo[: max(0, first_batch)]
    batches = [head] if head else []
    current: list[int] = []
    chars = 0
    for i in todo[len(head) :]:
        n = len(sentences[i])
        if current and (len(current) >= max(1, batch_size) or chars + n > max_chars):
            batches.append(current)
            current, chars = [], 0
        current.append(i)
        chars += n
    if current:
        batches.append(current)
    return batches


class LibreTranslateEngine:
    """Translates through a LibreTranslate server. ``requests`` (HTTP requests sent), ``calls`` (translate
    requests that succeeded) and ``sentences`` (sentences they carried) count real traffic; tests use them."""

    def __init__(self, url: str, from_code: str, to_code: str = "en", *, api_key: str = "",
                 batch_size: int = 16, max_chars: int = 6000, concurrency: int = 2, timeout: float = READ_TIMEOUT,
                 retries: int = 3, backoff: float = 0.5, check: bool = True) -> None:
        url = normalise_url(url)
        self.client = _Client(url, api_key.strip(), timeout, retries, backoff)
        self.batch_size = max(1, batch_size)
        self.max_chars = max(1, max_chars)
        self.concurrency = max(1, concurrency)
        self.settings = EngineSettings()
        self.calls = 0
        self.sentences = 0
        self._lock = threading.Lock()
        version = ""
        if check:
            self.check_pair(from_code, to_code)
            version = probe_version(self.client)
        self.spec = RemoteSpec(url, from_code, to_code, version)

    @property
    def requests(self) -> int:
        return self.client.requests

    def check_pair(self, from_code: str, to_code: str) -> None:
        """Raise RemoteError unless the server offers *from_code* → *to_code*."""
        data = self.client.call("GET", "/languages", what="its language list")
        offered = {str(d.get("code")): [str(t) for t in d.get("targets", [])] for d in data
                   if isinstance(d, dict)} if isinstance(data, list) else {}
        if to_code not in offered.get(from_code, []):
            pairs = ", ".join(f"{s}→{t}" for s, ts in sorted(offered.items()) for t in ts if s != t) or "none"
            raise RemoteError(f"The translation server {_server_label(self.client.url)} does not offer "
                              f"{_pair(from_code, to_code)} (it offers: {pairs}).", "language")

    def _translate(self, texts: list[str], cancel: threading.Event | None) -> list[str]:
        spec = self.spec
        body: dict[str, Any] = {"q": texts, "source": spec.from_code, "target": spec.to_code, "format": "text"}
        if self.client.api_key:
            body["api_key"] = self.client.api_key
        data = self.client.call("POST", "/translate", json=body, cancel=cancel,
                                what=_pair(spec.from_code, spec.to_code))
        out = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(out, str) and len(texts) == 1:
            out = [out]  # a server too old for list input answers one string
        if not isinstance(out, list) or len(out) != len(texts) or not all(isinstance(t, str) for t in out):
            raise RemoteError(f"The translation server {_server_label(self.client.url)} did not answer one "
                              "translation per sentence (LibreTranslate 1.3 or newer is needed).", "server")
        with self._lock:
            self.calls += 1
            self.sentences += len(texts)
        return out

    def translate_stream(
        self,
        sentences: Sequence[str],
        settings: EngineSettings | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[list[RawTranslation]]:
        """Yield translated batches as they finish (in request order; each item carries its index).

        Empty sentences come back first without a request. When *cancel* is set no new request starts; those in
        flight are still yielded. On a failure, the batches that finished are yielded, then RemoteError raised.
        """
        s = settings or self.settings
        empty = [RawTranslation(i, "", None, 0) for i, t in enumerate(sentences) if not t.strip()]
        if empty:
            yield empty
        queue = list(reversed(plan_requests(sentences, self.batch_size, self.max_chars, s.first_batch)))
        if not queue:
            return
        failure: RemoteError | None = None
        running: list[tuple[list[int], Future[list[str]]]] = []
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="libretranslate") as pool:
            try:
                while queue or running:
                    while (queue and failure is None and len(running) < self.concurrency
                           and not (cancel is not None and cancel.is_set())):
                        idx = queue.pop()
                        running.append((idx, pool.submit(self._translate, [sentences[i] for i in idx], cancel)))
                    if not running:
                        break
                    idx, future = running.pop(0)
                    try:
                        texts = future.result()
                    except _Interrupted:
                        continue
                    except RemoteError as exc:
                        failure = failure or exc
                        continue
                    yield [RawTranslation(i, t, None, len(t.split())) for i, t in zip(idx, texts, strict=True)]
            finally:
                for _, future in running:  # the consumer stopped early: don't start what is queued
                    future.cancel()
        if failure is not None:
            raise failure

    def translate(self, sentences: Sequence[str], settings: EngineSettings | None = None) -> list[RawTranslation]:
        """All sentences, in order (a convenience over :meth:`translate_stream`)."""
        out: dict[int, RawTranslation] = {}
        for batch in self.translate_stream(sentences, settings):
            out.update((r.index, r) for r in batch)
        return [out[i] for i in range(len(sentences))]

    def close(self) -> None:
        """Nothing to unload (the model lives on the server)."""


_REGISTRY: dict[tuple[str, str, str, str], LibreTranslateEngine] = {}
_REGISTRY_LOCK = threading.Lock()


def uses_remote(settings: Any) -> bool:
    """Whether the app's settings (``reader.settings.Settings``) ask for the LibreTranslate backend."""
    return str(getattr(settings, "backend", "local") or "local") == "libretranslate"


def get_remote_engine(settings: Any, from_code: str, to_code: str = "en", **options: Any) -> LibreTranslateEngine:
    """The engine for the server in the app's settings (``backend="libretranslate"``, ``libretranslate_url``,
    ``libretranslate_key``), probed once (pair offered? server version) and kept per (url, key, pair).
    Raises RemoteError (one line) when the address is missing, the server is down or lacks the pair."""
    url = normalise_url(getattr(settings, "libretranslate_url", ""))
    key = str(getattr(settings, "libretranslate_key", "") or "")
    ident = (url, key, from_code, to_code)
    with _REGISTRY_LOCK:
        engine = _REGISTRY.get(ident)
    if engine is not None and not options:
        return engine
    engine = LibreTranslateEngine(url, from_code, to_code, api_key=key, **options)
    if not options:
        with _REGISTRY_LOCK:
            _REGISTRY[ident] = engine
    return engine


def engine_from_settings(language: str, to_code: str = "en", settings: Any = None) -> LibreTranslateEngine | None:
    """The remote engine when the app's settings (``reader.settings.Settings``, loaded if not given) choose the
    LibreTranslate backend, else None (use the local model). Raises RemoteError as get_remote_engine does."""
    if settings is None:
        from reader.settings import Settings

        settings = Settings.load()
    return get_remote_engine(settings, language, to_code) if uses_remote(settings) else None


def evict() -> None:
    """Forget the warm remote engines (e.g. after the server address or key changed in Preferences)."""
    with _REGISTRY_LOCK:
        _REGISTRY.clear()
