"""Downloads against a real HTTP server on 127.0.0.1: skipped non-http links, retries, Range resume, short files."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import config
from reader.core.jobs import Cancelled
from reader.core.translate import OfflineError
from reader.core.translate.catalog import installed_models
from reader.core.translate.download import download_package, fetch, http_links


class Server:
    """Serves files from a folder; honours Range; ``truncate`` serves half of each answer then hangs up."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.truncate = False
        self.ranges: list[str] = []
        self.requests = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                owner.requests += 1
                path = owner.root / self.path.lstrip("/")
                if not path.is_file():
                    self.send_error(404, "Not Found")
                    return
                data = path.read_bytes()
                start = 0
                header = self.headers.get("Range")
                if header:
                    owner.ranges.append(header)
                    start = int(header.removeprefix("bytes=").split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if owner.truncate else body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "www"
    root.mkdir()
    s = Server(root)
    yield s
    s.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_only_http_links_are_tried() -> None:
    assert http_links(["ipfs://Qm123", "https://a/x", "ftp://b/y", "http://c/z"]) == ["https://a/x", "http://c/z"]


def test_mirror_down_reports_the_network_error_not_the_ipfs_link(tarjoman_home: Path, server: Server,
                                                                  fa_package: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The Argos index lists an ipfs:// link last; it used to replace the real error ("Refusing ... ipfs")."""
    dead = f"http://127.0.0.1:{_closed_port()}/translate-fa_en.argosmodel"
    meta = {"type": "translate", "from_code": "fa", "to_code": "en", "from_name": "Persian", "to_name": "English",
            "package_version": "1.5", "argos_version": "1.0", "links": [dead, "ipfs://QmSomething"]}
    (server.root / "index.json").write_text(json.dumps([meta]), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.base)
    monkeypatch.setattr("reader.core.translate.download.BACKOFF", 0.01)
    with pytest.raises(OfflineError) as info:
        download_package("fa", "en", timeout=2)
    text = str(info.value)
    assert "Cannot reach 127.0.0.1" in text and "refused" in text.lower() and "ipfs" not in text and "\n" not in text
    assert installed_models() == []
    assert not list((config.paths().cache / "downloads").glob("*")), "a partial file was left behind"


def test_partial_download_is_resumed_with_a_range_request(tmp_path: Path, server: Server, fa_package: Path) -> None:
    data = fa_package.read_bytes()
    (server.root / "pkg.argosmodel").write_bytes(data)
    dest = tmp_path / "dl" / "pkg.argosmodel"
    dest.parent.mkdir()
    dest.with_name("pkg.argosmodel.part").write_bytes(data[:1000])  # what an interrupted download left
    seen: list[tuple[int, int]] = []
    fetch([server.base + "pkg.argosmodel"], dest, progress=lambda d, t: seen.append((d, t)))
    assert dest.read_bytes() == data
    assert server.ranges == ["bytes=1000-"] and seen[0] == (1000, len(data)) and seen[-1] == (len(data), len(data))
    assert not dest.with_name("pkg.argosmodel.part").exists()


def test_connection_lost_midway_is_retried_and_resumed(tmp_path: Path, server: Server, fa_package: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = fa_package.read_bytes()
    (server.root / "pkg.argosmodel").write_bytes(data)
    server.truncate = True
    dest = tmp_path / "pkg.argosmodel"
    with pytest.raises(OfflineError, match=r"download stopped at [\d,]+ of [\d,]+ bytes"):
        fetch([server.base + "pkg.argosmodel"], dest, attempts=3, backoff=0.01)
    assert server.requests == 3 and len(server.ranges) == 2, "each retry resumes where the last one stopped"
    assert not dest.exists() and not dest.with_name(dest.name + ".part").exists(), "a truncated file was kept"


def test_truncated_file_on_the_mirror_is_refused_by_the_installer(tarjoman_home: Path, server: Server,
                                                                  fa_package: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The mirror holds a short copy (its Content-Length agrees): the download completes, the install refuses."""
    data = fa_package.read_bytes()
    (server.root / "short.argosmodel").write_bytes(data[: len(data) - 5000])
    meta = {"type": "translate", "from_code": "fa", "to_code": "en", "package_version": "0.1",
            "links": [server.base + "short.argosmodel"]}
    (server.root / "index.json").write_text(json.dumps([meta]), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.base)
    from reader.core.translate import PackageError

    with pytest.raises(PackageError, match="damaged"):
        download_package("fa", "en", timeout=2)
    assert installed_models() == [] and not list((config.paths().cache / "downloads").glob("*"))


def test_second_mirror_used_when_first_answers_404(tmp_path: Path, server: Server, fa_package: Path) -> None:
    (server.root / "b.argosmodel").write_bytes(fa_package.read_bytes())
    dest = tmp_path / "x.argosmodel"
    fetch(["ipfs://Qm", server.base + "missing", server.base + "b.argosmodel"], dest, backoff=0.01)
    assert dest.read_bytes() == fa_package.read_bytes() and server.requests == 2  # 404 is not retried


def test_cancel_removes_the_partial_file(tmp_path: Path, server: Server, fa_package: Path) -> None:
    (server.root / "p.argosmodel").write_bytes(fa_package.read_bytes())
    cancel = threading.Event()
    cancel.set()
    dest = tmp_path / "p.argosmodel"
    with pytest.raises(Cancelled):
        fetch([server.base + "p.argosmodel"], dest, cancel=cancel)
    assert not dest.exists() and not dest.with_name(dest.name + ".part").exists()
