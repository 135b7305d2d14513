"""The LibreTranslate backend: URL handling and request planning, real HTTP failure modes (nothing
listening, a server that never answers, a server that is not LibreTranslate), and — against a REAL
LibreTranslate server started locally with the test fa→en / ar→en packages — 1:1 sentence alignment, caching
(second run: zero requests), API keys, languages not offered, and a server stopped mid-article (clear error,
what was done is cached, the next run translates only the rest)."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app.translate import library_cache, translate_article
from reader.core.translate.cache import normalise
from reader.core.translate.job import translate_sentences
from reader.core.translate.remote import (
    LibreTranslateEngine,
    RemoteError,
    engine_from_settings,
    get_remote_engine,
    normalise_url,
    plan_requests,
    probe_languages,
    uses_remote,
)
from reader.core.types import TranslationResult
from reader.settings import Settings
from reader.store import repo
from tests.support import testmodels
from tests.support.libretranslate import (
    TEST_API_KEY,
    LibreTranslateServer,
    LibreTranslateUnavailable,
    free_port,
)


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# --- no server needed -----------------------------------------------------------------------------------
def test_normalise_url_accepts_what_users_type() -> None:
    assert normalise_url("translate.example.org:5000") == "http://translate.example.org:5000"
    assert normalise_url(" https://lt.example.org/api/ ") == "https://lt.example.org/api"
    assert normalise_url("http://127.0.0.1:5000/translate") == "http://127.0.0.1:5000"
    for bad in ("", "   ", "ftp://x.org", "http://"):
        with pytest.raises(RemoteError) as err:
            normalise_url(bad)
        assert err.value.kind == "config"
        _one_line(err.value)


def test_plan_requests_reading_order_first_batch_and_limits() -> None:
    sents = ["a" * 10, "", "b" * 10, "c" * 10, "d" * 50, "e" * 10, "f" * 10, "  "]
    assert plan_requests(sents, batch_size=2, max_chars=1000, first_batch=1) == [[0], [2, 3], [4, 5], [6]]
    assert plan_requests(sents, batch_size=10, max_chars=30, first_batch=0) == [[0, 2, 3], [4], [5, 6]]
    assert plan_requests(["", " "], 4, 100, 1) == []


def test_settings_select_the_backend() -> None:
    assert not uses_remote(Settings())
    assert engine_from_settings("fa", settings=Settings()) is None  # local backend: the local model is used
    assert uses_remote(Settings(backend="libretranslate", libretranslate_url="http://127.0.0.1:1"))
    with pytest.raises(RemoteError) as err:
        get_remote_engine(Settings(backend="libretranslate"), "fa")
    assert err.value.kind == "config" and "Preferences" in _one_line(err.value)


def test_nothing_listening_is_a_clear_bounded_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    started = time.perf_counter()
    with pytest.raises(RemoteError) as err:
        LibreTranslateEngine(url, "fa", retries=2, backoff=0.01)
    assert time.perf_counter() - started < 5
    assert err.value.kind == "down"
    assert "not reachable" in _one_line(err.value) and "127.0.0.1" in str(err.value)


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as listener:  # accepts connections (kernel backlog) but never replies
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        started = time.perf_counter()
        with pytest.raises(RemoteError) as err:
            LibreTranslateEngine(url, "fa", timeout=0.3, retries=1, backoff=0.01)
        assert time.perf_counter() - started < 5
    assert err.value.kind == "timeout" and "did not answer within" in _one_line(err.value)


class _NotLibreTranslate(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = b"<html>a web page</html>"
        self.send_response(404 if self.path != "/" else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_an_address_that_is_not_libretranslate() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(RemoteError) as err:
            LibreTranslateEngine(f"http://127.0.0.1:{server.server_address[1]}", "fa", retries=0)
    finally:
        server.shutdown()
        server.server_close()
    assert err.value.kind == "config" and "does not look like a LibreTranslate server" in _one_line(err.value)


# --- a real LibreTranslate server -------------------------------------------------------------------------
def _start(server: LibreTranslateServer) -> LibreTranslateServer:
    try:
        return server.start()
    except LibreTranslateUnavailable as exc:
        pytest.fail(f"LibreTranslate test server unavailable: {exc}", pytrace=False)


@pytest.fixture(scope="module")
def lt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreTranslateServer]:
    work = tmp_path_factory.mktemp("libretranslate")
    pkgs = [testmodels.build_argos_package(work / "pkgs", code) for code in ("fa", "ar")]
    server = LibreTranslateServer(work / "server", pkgs, api_keys=True)
    _start(server)
    print(f"\nLibreTranslate: prepared in {server.prepare_seconds:.1f} s, started in {server.start_seconds:.1f} s")
    yield server
    server.stop()


def _seed_sentences(seeds: list[Path], prefix: str, limit: int | None = None) -> list[str]:
    raw = next(p for p in seeds if p.name.startswith(prefix)).read_text(encoding="utf-8")
    sents = [s.text for s in testmodels.processed_text(raw).sentences]
    return sents[:limit] if limit else sents


@pytest.mark.slow
def test_languages_probe_and_pair_not_offered(lt_server: LibreTranslateServer) -> None:
    langs = probe_languages(lt_server.url)
    assert "en" in langs["fa"] and "en" in langs["ar"]
    with pytest.raises(RemoteError) as err:
        LibreTranslateEngine(lt_server.url, "tr", "en")
    assert err.value.kind == "language" and "does not offer" in _one_line(err.value)
    assert "fa→en" in str(err.value)


@pytest.mark.slow
def test_seed_article_one_translation_per_sentence_then_zero_requests(
        library: object, lt_server: LibreTranslateServer, seeds: list[Path]) -> None:
    sentences = _seed_sentences(seeds, "000")
    assert len(sentences) > 10
    engine = LibreTranslateEngine(lt_server.url, "fa", batch_size=8)
    assert engine.spec.key.startswith(f"libretranslate:127.0.0.1:{lt_server.port}:translate-fa_en:")
    assert engine.spec.version not in ("", "unknown")  # the server's version, from /spec
    cache = library_cache(use_shipped=False)
    results = translate_sentences(sentences, engine, cache)
    assert [r.index for r in results] == list(range(len(sentences)))
    assert [r.source for r in results] == sentences
    assert all(r.translation.strip() and r.model == engine.spec.key and not r.cached for r in results)
    unique = len({normalise(s) for s in sentences})
    assert engine.sentences == unique
    assert engine.calls == len(plan_requests(list(dict.fromkeys(map(normalise, sentences))), 8, 6000, 1))

    # 1:1 and in order: each sentence sent alone comes back exactly as it did inside its batch.
    for i in (0, len(sentences) // 2, len(sentences) - 1):
        alone = LibreTranslateEngine(lt_server.url, "fa", check=False).translate([normalise(sentences[i])])
        assert alone[0].text == results[i].translation

    before = engine.requests
    again = translate_sentences(sentences, engine, cache)
    assert engine.requests == before, "a second run must not send a single request"
    assert all(r.cached for r in again)
    assert [r.translation for r in again] == [r.translation for r in results]


@pytest.mark.slow
def test_translate_article_through_the_server_saves_it(
        library: object, lt_server: LibreTranslateServer, seeds: list[Path]) -> None:
    raw = next(p for p in seeds if p.name.startswith("001")).read_text(encoding="utf-8")
    aid = testmodels.store_article(raw, max_sentences=10)
    engine = get_remote_engine(Settings(backend="libretranslate", libretranslate_url=lt_server.url,
                                        libretranslate_key=TEST_API_KEY), "ar")
    results = translate_article(aid, engine=engine)
    rows = repo.sentences(aid)
    assert [r.index for r in results] == [s.index for s in rows]
    assert [s.translation for s in rows] == [r.translation for r in results]
    assert repo.get_article(aid).backend == engine.spec.key


@pytest.mark.slow
def test_api_key_refused(lt_server: LibreTranslateServer) -> None:
    engine = LibreTranslateEngine(lt_server.url, "fa", api_key="not-a-key")
    with pytest.raises(RemoteError) as err:
        engine.translate(testmodels.sample_sentences("fa", 2))
    assert err.value.kind == "auth" and "refused the API key" in _one_line(err.value)
    good = LibreTranslateEngine(lt_server.url, "fa", api_key=TEST_API_KEY)
    assert all(r.text for r in good.translate(testmodels.sample_sentences("fa", 2)))


@pytest.mark.slow
def test_server_stopped_mid_article_then_resumed(library: object, tmp_path: Path, seeds: list[Path]) -> None:
    sentences = list(dict.fromkeys(_seed_sentences(seeds, "003", limit=16)))
    pkgs = [testmodels.build_argos_package(tmp_path / "pkgs", code) for code in ("fa", "ar")]
    server = _start(LibreTranslateServer(tmp_path / "server", pkgs))
    try:
        engine = LibreTranslateEngine(server.url, "fa", batch_size=3, concurrency=1, retries=1, backoff=0.05)
        cache = library_cache(use_shipped=False)
        seen: list[TranslationResult] = []

        def stop_after_first_batches(r: TranslationResult) -> None:
            seen.append(r)
            if len(seen) == 4:  # first batch (1 sentence) + the next (3): stop the server mid-article
                server.stop()

        with pytest.raises(RemoteError) as err:
            translate_sentences(sentences, engine, cache, on_result=stop_after_first_batches)
        assert err.value.kind == "down" and "not reachable" in _one_line(err.value)
        done = len(seen)
        assert 4 <= done < len(sentences)
        assert len(cache.lookup(engine.spec.key, [normalise(s) for s in sentences])) == done

        _start(server)  # back on the same address
        engine2 = LibreTranslateEngine(server.url, "fa", batch_size=3)
        assert engine2.spec.key == engine.spec.key
        results = translate_sentences(sentences, engine2, cache)
        assert engine2.sentences == len(sentences) - done, "only the rest goes to the server"
        assert [r.index for r in results] == list(range(len(sentences)))
        assert sum(r.cached for r in results) == done
    finally:
        server.stop()
