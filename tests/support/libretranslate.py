"""A real LibreTranslate server for tests and benchmarks, started locally and offline.

The server runs from its own virtual environment ``.venv-lt`` (its pins clash with ours), created by
``scripts/install_libretranslate.sh`` when missing (:func:`ensure_installed`). :class:`LibreTranslateServer`
prepares a private home (``HOME``, ``XDG_*``, ``ARGOS_PACKAGES_DIR`` all inside a temp dir), installs the
given ``.argosmodel`` test packages with the LT venv's own argostranslate, and starts
``libretranslate --host 127.0.0.1 --port N --load-only fa,ar,en`` on a free port.

What keeps it offline (checked in LibreTranslate 1.9.6's ``init.boot``): with two or more packages installed
and without ``--update-models``/``--force-update-models`` it does not fetch the package index or download
models. Its sentence splitter (MiniSBD) would download ``fa.onnx``/``ar.onnx`` from GitHub on the first
request; we pre-seed MiniSBD's model cache (``$XDG_DATA_HOME/argos-translate/minisbd``) with a tiny ONNX
model we build here: a real MiniSBD model file (config, vocabulary, an ONNX graph with the ``units`` and
``features`` inputs) whose graph marks no boundary inside a text and whose config says ``no_ssplit``, so every
``q`` item — one of our sentences — stays one sentence. Everything else (HTTP API, argostranslate, the
CTranslate2 model from the package, API keys) is the real server.

Server start is bounded (``start_timeout``); stop terminates the process (then kills it).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LT_VENV = Path(os.environ.get("TARJOMAN_LT_VENV", ROOT / ".venv-lt"))
INSTALL_SCRIPT = ROOT / "scripts" / "install_libretranslate.sh"
TEST_API_KEY = "tarjoman-test-key"
_installed = False  # ensure_installed succeeded in this process

# Runs with the LT venv's Python: installs packages, seeds MiniSBD's cache, adds an API key.
_PREPARE = r"""
import json, sys
from pathlib import Path
cfg = json.loads(sys.argv[1])
import argostranslate.package as package
import argostranslate.settings as settings
for pkg in cfg["packages"]:
    package.install_from_path(Path(pkg))
import onnx
from onnx import TensorProto, helper
sbd_dir = settings.data_dir / "minisbd"
sbd_dir.mkdir(parents=True, exist_ok=True)
for lang in cfg["sbd_languages"]:
    units = helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"])
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "T", 1])
    logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "T", 5])
    nodes = [
        helper.make_node("Shape", ["units"], ["bt"]),
        helper.make_node("Concat", ["bt", "five"], ["shape"], axis=0),
        helper.make_node("ConstantOfShape", ["shape"], ["zeros"],
                         value=helper.make_tensor("v", TensorProto.FLOAT, [1], [0.0])),
        # class 0 ("inside a token") wins everywhere; the reader forces the text's last character to
        # "end of sentence", so each q item comes back as one sentence.
        helper.make_node("Add", ["zeros", "bias"], ["logits"]),
    ]
    inits = [helper.make_tensor("five", TensorProto.INT64, [1], [5]),
             helper.make_tensor("bias", TensorProto.FLOAT, [5], [1.0, 0.0, 0.0, 0.0, 0.0])]
    graph = helper.make_graph(nodes, "tarjoman-test-sbd", [units, features], [logits], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {"<PAD>": 0, "<UNK>": 1}, "_id2unit": ["<PAD>", "<UNK>"]}
    config = {"no_ssplit": True, "feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32,
              "use_dictionary": False, "num_dict_feat": 0, "skip_newline": False}
    for key, value in (("lang_code", lang), ("config", json.dumps(config)), ("vocab", json.dumps(vocab)),
                       ("lexicon", "null")):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    onnx.save(model, str(sbd_dir / f"{lang}.onnx"))
if cfg.get("api_keys_db"):
    from libretranslate.api_keys import Database
    db = Database(cfg["api_keys_db"])
    if db.lookup(cfg["api_key"]) is None:
        db.add(100000, cfg["api_key"], 0)
print("prepared")
"""


class LibreTranslateUnavailable(RuntimeError):
    """The LibreTranslate venv could not be installed or the server did not start (one-line reason)."""


def ensure_installed(timeout: float = 900.0) -> Path:
    """Install .venv-lt via scripts/install_libretranslate.sh (a fast no-op when that version is there).
    Raises LibreTranslateUnavailable with the script's last words when the install fails (e.g. no PyPI)."""
    global _installed
    if _installed:
        return LT_VENV
    env = dict(os.environ, LT_VENV=str(LT_VENV))
    try:  # the script returns at once when its stamp says this version is installed
        proc = subprocess.run(["bash", str(INSTALL_SCRIPT)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise LibreTranslateUnavailable(f"installing LibreTranslate took over {timeout:.0f} s "
                                        "(is PyPI reachable?)") from exc
    if proc.returncode != 0:
        tail = " | ".join(line for line in (proc.stderr + proc.stdout).strip().splitlines()[-3:]
                          if not line.startswith("WARNING: Location"))
        raise LibreTranslateUnavailable(f"scripts/install_libretranslate.sh failed: {tail}")
    _installed = True
    return LT_VENV


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LibreTranslateServer:
    """One LibreTranslate process on 127.0.0.1 with a private home under *workdir*.

    ``packages``: .argosmodel files to install (the test fa→en and ar→en). ``api_keys=True`` enables the API
    key database with :data:`TEST_API_KEY` (requests without a key are still served, as LibreTranslate does
    unless told to require one). ``start()`` may be called again after ``stop()`` (same port, same home):
    that is how tests bring a server "back".
    """

    def __init__(self, workdir: Path, packages: list[Path], *, port: int | None = None, api_keys: bool = False,
                 load_only: tuple[str, ...] = ("fa", "ar", "en"), threads: int = 2,
                 start_timeout: float = 120.0) -> None:
        self.workdir = Path(workdir)
        self.packages = [Path(p) for p in packages]
        self.port = port or free_port()
        self.api_keys = api_keys
        self.load_only = load_only
        self.threads = threads
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.workdir / "server.log"
        self.start_seconds = 0.0
        self.prepare_seconds = 0.0
        self._prepared = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        home = self.workdir / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "LT_", "XDG_", "PYTHON"))}
        env.update(
            HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
            XDG_CONFIG_HOME=str(home / "config"), ARGOS_PACKAGES_DIR=str(home / "argos-packages"),
            ARGOS_DEVICE_TYPE="cpu", ARGOS_INTER_THREADS="1", ARGOS_INTRA_THREADS="1", ARGOS_BEAM_SIZE="1",
            LT_UPDATE_MODELS="false", LT_FORCE_UPDATE_MODELS="false", OMP_NUM_THREADS="1",
        )
        return env

    def prepare(self) -> None:
        if self._prepared:
            return
        started = time.perf_counter()
        (self.workdir / "home").mkdir(parents=True, exist_ok=True)
        venv = ensure_installed()
        cfg = {"packages": [str(p) for p in self.packages], "sbd_languages": [c for c in self.load_only if c != "en"],
               "api_keys_db": str(self.workdir / "api_keys.db") if self.api_keys else "", "api_key": TEST_API_KEY}
        proc = subprocess.run([str(venv / "bin" / "python"), "-c", _PREPARE, json.dumps(cfg)], env=self.env(),
                              cwd=self.workdir, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or "prepared" not in proc.stdout:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            raise LibreTranslateUnavailable(f"preparing the LibreTranslate home failed: {tail[0]}")
        self._prepared = True
        self.prepare_seconds = time.perf_counter() - started

    def command(self) -> list[str]:
        cmd = [str(LT_VENV / "bin" / "libretranslate"), "--host", "127.0.0.1", "--port", str(self.port),
               "--load-only", ",".join(self.load_only), "--threads", str(self.threads),
               "--disable-web-ui", "--disable-files-translation"]
        if self.api_keys:
            cmd += ["--api-keys", "--api-keys-db-path", str(self.workdir / "api_keys.db")]
        return cmd

    def start(self) -> LibreTranslateServer:
        """Start the server and wait (bounded) until ``/languages`` answers with the loaded languages."""
        self.prepare()
        if self.proc is not None and self.proc.poll() is None:
            return self
        started = time.perf_counter()
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(self.command(), env=self.env(), cwd=self.workdir, stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        deadline = started + self.start_timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise LibreTranslateUnavailable(f"LibreTranslate exited at start (code {self.proc.returncode}): "
                                                f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/languages", timeout=2) as resp:
                    if resp.status == 200 and json.loads(resp.read()):
                        self.start_seconds = time.perf_counter() - started
                        return self
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.2)
        self.stop()
        raise LibreTranslateUnavailable(f"LibreTranslate did not answer within {self.start_timeout:.0f} s: "
                                        f"{self.log_tail()}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def log_tail(self, lines: int = 3) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return " | ".join(text.strip().splitlines()[-lines:]) or "(empty log)"

    def __enter__(self) -> LibreTranslateServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


if __name__ == "__main__":  # manual use: python -m tests.support.libretranslate [fa|ar ...]
    import tempfile

    sys.path.insert(0, str(ROOT))
    from tests.support import testmodels

    work = Path(tempfile.mkdtemp(prefix="tarjoman-lt-"))
    pkgs = [testmodels.build_argos_package(work / "pkgs", code) for code in (sys.argv[1:] or ["fa", "ar"])]
    server = LibreTranslateServer(work / "server", pkgs)
    server.start()
    print(f"LibreTranslate at {server.url} (prepared in {server.prepare_seconds:.1f} s, "
          f"started in {server.start_seconds:.1f} s); Ctrl+C stops it")
    try:
        server.proc.wait() if server.proc else None
    except KeyboardInterrupt:
        pass
    finally:
        server.cleanup()
