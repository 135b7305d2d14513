"""Small but real Argos translation packages for tests and benchmarks (random weights, real formats).

A package is what the Argos package index serves: a zip (``.argosmodel``) holding one top-level folder with
``metadata.json``, a CTranslate2 model in ``model/`` and a SentencePiece model ``sentencepiece.model``.
The CTranslate2 weights are seeded numpy arrays, so translations are deterministic gibberish; everything
around them (install, load, tokenise, batched decode, scores, cache) runs for real.

Public API (other test modules and bench/ use these):

- ``build_argos_package(out_dir, from_code, to_code="en", size="tiny", seed=0) -> Path`` — a valid package.
  ``size="tiny"`` (d=64, 2+2 layers, ~1k vocab, float32, builds in about a second) for tests;
  ``size="base"`` (transformer-base: d=512, 6+6 layers, 32k vocab, int8, ~94 MB) and ``size="big"``
  (transformer-big, OPUS-MT tc-big's shape: d=1024, 16 heads, 6+6 layers, int8, ~250 MB) for benchmarks only.
- ``build_broken_package(out_dir, kind, from_code="fa") -> Path`` — kinds in ``BROKEN_KINDS``.
- ``build_custom_model_dir(out_dir, from_code="fa", layout="opus"|"flat") -> Path`` — a bare CTranslate2
  model directory as a user would convert one (OPUS-MT style ``source.spm``/``target.spm``, or flat).
- ``install_test_model(from_code="fa", to_code="en", size="tiny")`` — builds (cached) and installs into the
  current ``TARJOMAN_HOME``; returns the installed ``reader.core.translate.catalog.ModelSpec``.
- ``parallel_corpus(n, seed)`` / ``sample_sentences(lang, n)`` — (en, fa, ar) sentences we wrote for the tests
  (word lists and templates in tests/support/testcorpus.py).
- ``processed_text(raw, language=None)`` / ``store_article(raw, language=None, max_sentences=None) -> id`` —
  an article through reader.core.text.pipeline.process (or a plain split before it existed), stored.

- ``build_opus_release_zip``, ``build_nllb_dir``, ``build_bpe_argos_package``: see tests/support/modelbuilders.py.

Builds are cached on disk under ``$TARJOMAN_TESTMODEL_CACHE`` (default: a folder in the system temp dir) keyed
by a hash of the configuration, so a whole test session builds each model once; ``out_dir`` gets a copy.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from tests.support.testcorpus import LANG_NAMES, parallel_corpus, sample_sentences

__all__ = [
    "BROKEN_KINDS", "SIZES", "build_argos_package", "build_broken_package", "build_custom_model_dir",
    "install_test_model", "parallel_corpus", "processed_text", "sample_sentences", "store_article",
]
BUILDER_VERSION = 4
SIZES: dict[str, dict[str, Any]] = {
    "tiny": {"d": 64, "heads": 4, "ff": 256, "layers": (2, 2), "vocab": 1000, "quant": None},
    "base": {"d": 512, "heads": 8, "ff": 2048, "layers": (6, 6), "vocab": 32000, "quant": "int8"},
    "big": {"d": 1024, "heads": 16, "ff": 4096, "layers": (6, 6), "vocab": 32000, "quant": "int8"},  # bench only
}
BROKEN_KINDS = ("truncated", "bad_crc", "no_metadata", "no_model", "bad_model", "zip_slip", "wrong_direction")
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# --- building ----------------------------------------------------------------------------------------------
def cache_root() -> Path:
    env = os.environ.get("TARJOMAN_TESTMODEL_CACHE")
    root = Path(env) if env else Path(tempfile.gettempdir()) / f"tarjoman-testmodels-{os.getuid()}"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _config_key(**config: Any) -> str:
    import ctranslate2
    import sentencepiece

    config.update(builder=BUILDER_VERSION, ct2=ctranslate2.__version__, spm=sentencepiece.__version__)
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def _pseudo_words(count: int, seed: int) -> list[str]:
    """Distinct English-looking pseudo-words, to pad the base model's vocabulary to 32k pieces."""
    rng = random.Random(seed)
    onsets, vowels, codas = "b c d f g h k l m n p r s t v w".split(), "a e i o u ea ou".split(), ["", "n", "r", "s", "t"]
    words: set[str] = set()
    while len(words) < count:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3))) + rng.choice(codas)
        words.add(word)
    return sorted(words)


def _train_sentencepiece(vocab: int, seed: int) -> bytes:
    import sentencepiece as spm

    lines = [s for triple in parallel_corpus(900, seed) for s in triple]
    writer = io.BytesIO()
    with open(os.devnull, "w") as devnull:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_writer=writer, vocab_size=min(vocab, 1000), model_type="unigram",
            hard_vocab_limit=False, character_coverage=1.0, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
            num_threads=1, minloglevel=2, logstream=devnull,
        )
    proto = writer.getvalue()
    if vocab <= 1000:
        return proto
    from sentencepiece import sentencepiece_model_pb2 as pb

    model = pb.ModelProto()
    model.ParseFromString(proto)
    have = {p.piece for p in model.pieces}
    # Real Persian words as whole pieces (hazm's frequency list, when installed), so real news tokenises to
    # ~1.5 pieces per word as with a real model; then English-looking pseudo-words up to the vocabulary size.
    for word, score in _frequent_persian_words((vocab - len(have)) * 2 // 3):
        if word not in have:
            have.add(word)
            model.pieces.add(piece=word, score=score, type=pb.ModelProto.SentencePiece.NORMAL)
    extra = [w for w in ("\u2581" + x for x in _pseudo_words(vocab, seed)) if w not in have][: vocab - len(have)]
    for i, word in enumerate(extra):
        model.pieces.add(piece=word, score=-30.0 - i * 1e-4, type=pb.ModelProto.SentencePiece.NORMAL)
    return model.SerializeToString()


def _frequent_persian_words(limit: int) -> list[tuple[str, float]]:
    """The *limit* most frequent words of hazm's word list as ("▁word", log-frequency); [] without hazm."""
    import importlib.util
    import math

    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.origin:
        return []
    path = Path(spec.origin).parent / "data" / "words.dat"
    if not path.is_file():
        return []
    counts: list[tuple[int, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit() and parts[0] and " " not in parts[0]:
            counts.append((int(parts[1]), parts[0]))
    counts.sort(reverse=True)
    top = counts[:limit]
    total = sum(c for c, _ in top) or 1
    return [("\u2581" + w, max(-25.0, math.log(max(c, 1) / total))) for c, w in top]


def _fill_weights(spec: Any, cfg: dict[str, Any], vocab: int, rng: Any) -> None:
    import numpy as np

    d, ff = cfg["d"], cfg["ff"]

    def w(rows: int, cols: int) -> Any:
        return rng.normal(0.0, cols**-0.5, (rows, cols)).astype(np.float32)

    def b(n: int) -> Any:
        return rng.normal(0.0, 0.02, (n,)).astype(np.float32)

    def norm(layer: Any) -> None:
        layer.gamma = np.ones(d, np.float32)
        layer.beta = np.zeros(d, np.float32)

    def linear(layer: Any, rows: int, cols: int) -> None:
        layer.weight, layer.bias = w(rows, cols), b(rows)

    def ffn(layer: Any) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, ff, d)
        linear(layer.linear_1, d, ff)

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = w(vocab, d)
    dec.embeddings.weight = w(vocab, d)
    norm(enc.layer_norm)
    norm(dec.layer_norm)
    linear(dec.projection, vocab, d)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        ffn(layer.ffn)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        ffn(layer.ffn)


def _build_model_dir(target: Path, from_code: str, to_code: str, size: str, seed: int) -> None:
    """Write model/ (CTranslate2) and sentencepiece.model into *target*."""
    import ctranslate2
    import numpy as np
    import sentencepiece as spm

    cfg = SIZES[size]
    proto = _train_sentencepiece(cfg["vocab"], seed)
    (target / "sentencepiece.model").write_bytes(proto)
    sp = spm.SentencePieceProcessor(model_proto=proto)
    specials = ["<unk>", "<s>", "</s>"]
    tokens = ["<blank>", *specials] + [sp.id_to_piece(i) for i in range(sp.get_piece_size())
                                       if sp.id_to_piece(i) not in specials]
    spec = ctranslate2.specs.TransformerSpec.from_config(cfg["layers"], cfg["heads"])
    pair_seed = seed * 1000 + sum(map(ord, from_code + to_code))
    _fill_weights(spec, cfg, len(tokens), np.random.default_rng(pair_seed))
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=cfg["quant"])
    (target / "model").mkdir()
    spec.save(str(target / "model"))


def _metadata(from_code: str, to_code: str, size: str, **extra: Any) -> dict[str, Any]:
    return {
        "package_version": "0.1", "argos_version": "1.0", "type": "translate",
        "from_code": from_code, "from_name": LANG_NAMES.get(from_code, from_code),
        "to_code": to_code, "to_name": LANG_NAMES.get(to_code, to_code), "links": [],
        "description": f"Tarjoman synthetic test model ({size}, random weights: output is meaningless)",
        **extra,
    }


def _zip_dir(src: Path, arc_root: str, out_file: Path) -> None:
    tmp = out_file.with_name(out_file.name + f".tmp{os.getpid()}")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in sorted(src.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{arc_root}/{path.relative_to(src).as_posix()}", _ZIP_TIME)
                info.compress_type = zipfile.ZIP_STORED if path.name == "model.bin" else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    os.replace(tmp, out_file)


def package_name(from_code: str, to_code: str) -> str:
    return f"translate-{from_code}_{to_code}"


def _cached_package(from_code: str, to_code: str, size: str, seed: int, metadata_codes: tuple[str, str]) -> Path:
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}")
    key = _config_key(f=from_code, t=to_code, size=size, seed=seed, meta=list(metadata_codes))
    out = cache_root() / key / f"{package_name(*metadata_codes)}-0_1.argosmodel"
    if out.exists():
        return out
    # Build in a child process: SentencePiece's trainer needs a real stderr file descriptor, which pytest's
    # capsys takes away, so building inside a test (or in any order) must not depend on the caller's streams.
    args = json.dumps([from_code, to_code, size, seed, list(metadata_codes), str(out)])
    root_dir = Path(__file__).resolve().parent.parent.parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root_dir), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-c", "import sys, json; from tests.support.testmodels import _build_package; "
         "_build_package(*json.loads(sys.argv[1]))", args],
        cwd=root_dir, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"building the test model failed:\n{done.stderr[-4000:]}")
    return out


def _build_package(from_code: str, to_code: str, size: str, seed: int, metadata_codes: list[str], out: str) -> None:
    """Build one package into *out* (run in a child process by _cached_package); the file appears atomically."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        root = Path(tmp) / "pkg"
        root.mkdir()
        _build_model_dir(root, from_code, to_code, size, seed)
        meta = _metadata(metadata_codes[0], metadata_codes[1], size)
        (root / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        (root / "README.md").write_text(meta["description"] + "\n", encoding="utf-8")
        partial = Path(tmp) / target.name
        _zip_dir(root, f"{package_name(*metadata_codes)}-0_1", partial)
        os.replace(partial, target)


def _deliver(cached: Path, out_dir: Path | str, name: str | None = None) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dest = out_dir / (name or cached.name)
    if not dest.exists() or dest.stat().st_mtime < cached.stat().st_mtime:
        shutil.copyfile(cached, dest)
    return dest


def build_argos_package(out_dir: Path | str, from_code: str, to_code: str = "en", size: str = "tiny",
                        seed: int = 0) -> Path:
    """A valid .argosmodel for *from_code*→*to_code* in *out_dir* (built once per config, then copied)."""
    return _deliver(_cached_package(from_code, to_code, size, seed, (from_code, to_code)), out_dir)


def build_broken_package(out_dir: Path | str, kind: str, from_code: str = "fa") -> Path:
    """A package that must be refused at install; *kind* is one of BROKEN_KINDS."""
    if kind not in BROKEN_KINDS:
        raise ValueError(f"kind must be one of {BROKEN_KINDS}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dest = out_dir / f"broken-{kind}-{from_code}.argosmodel"
    if kind == "wrong_direction":  # a real, valid package, but English -> source language
        return _deliver(_cached_package(from_code, "en", "tiny", 0, ("en", from_code)), out_dir, dest.name)
    good = _cached_package(from_code, "en", "tiny", 0, (from_code, "en"))
    data = good.read_bytes()
    if kind == "truncated":
        dest.write_bytes(data[: len(data) // 2])
        return dest
    if kind == "bad_crc":
        with zipfile.ZipFile(good) as zf:
            info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model.bin")))
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 64
        dest.write_bytes(data[:start] + bytes(b ^ 0xFF for b in data[start : start + 32]) + data[start + 32 :])
        return dest
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(dest, "w") as zf:
        for name in src.namelist():
            body = src.read(name)
            if kind == "no_metadata" and name.endswith("/metadata.json"):
                continue
            if kind == "no_model" and name.endswith("/model.bin"):
                continue
            if kind == "bad_model" and name.endswith("/model.bin"):
                body = b"not a CTranslate2 model" * 100
            zf.writestr(zipfile.ZipInfo(name, _ZIP_TIME), body)
        if kind == "zip_slip":
            top = src.namelist()[0].split("/")[0]
            zf.writestr(zipfile.ZipInfo(f"{top}/../../escaped.txt", _ZIP_TIME), b"outside the package dir")
    return dest


def build_custom_model_dir(out_dir: Path | str, from_code: str = "fa", layout: str = "opus") -> Path:
    """A bare CTranslate2 model dir as a user would bring one (not an .argosmodel).

    ``layout="opus"``: model.bin + vocab + source.spm/target.spm in one folder (converted OPUS-MT style);
    ``layout="flat"``: model.bin + vocab + sentencepiece.model in one folder.
    """
    if layout not in ("opus", "flat"):
        raise ValueError("layout must be 'opus' or 'flat'")
    dest = Path(out_dir) / f"custom-{from_code}-{layout}"
    if dest.exists():
        return dest
    pkg = _cached_package(from_code, "en", "tiny", 0, (from_code, "en"))
    with zipfile.ZipFile(pkg) as zf:
        names = zf.namelist()
        dest.mkdir(parents=True)
        for name in names:
            rel = name.split("/", 1)[1]
            if rel.startswith("model/"):
                (dest / rel[len("model/") :]).write_bytes(zf.read(name))
            elif rel == "sentencepiece.model":
                spm_bytes = zf.read(name)
    if layout == "opus":
        (dest / "source.spm").write_bytes(spm_bytes)
        (dest / "target.spm").write_bytes(spm_bytes)
    else:
        (dest / "sentencepiece.model").write_bytes(spm_bytes)
    return dest


def install_test_model(from_code: str = "fa", to_code: str = "en", size: str = "tiny", seed: int = 0) -> Any:
    """Build (cached) and install a test package into the current TARJOMAN_HOME; returns its ModelSpec."""
    from reader.core.translate.packages import install_package

    pkg = _cached_package(from_code, to_code, size, seed, (from_code, to_code))
    return install_package(pkg)


# --- articles for tests ------------------------------------------------------------------------------------
def processed_text(raw: str, language: str | None = None) -> Any:
    """A ``ProcessedText`` for *raw*: reader.core.text.pipeline.process when it exists, else a plain split
    (sentence-final punctuation or line breaks) good enough to drive translation tests."""
    import re

    from reader.core.types import ProcessedText, SentenceSpan

    try:
        from reader.core.text.pipeline import process
    except ImportError:
        process = None
    if process is not None:
        return process(raw) if language is None else process(raw, language=language)
    text = raw.strip()
    if language is None:
        fa = sum(text.count(c) for c in "پچژگکی")
        ar = sum(text.count(c) for c in "ةيكى")
        language = "fa" if fa >= ar else "ar"
    spans = []
    paragraph = 0
    for m in re.finditer(r"[^\n.!?؟]+[.!?؟]*|\n+", text):
        chunk = m.group()
        if chunk.startswith("\n"):
            paragraph += 1 if spans else 0
            continue
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = m.start() + lead
            spans.append(SentenceSpan(len(spans), start, start + len(body), body, paragraph))
    title = spans[0].text if spans else ""
    return ProcessedText(language, title, "", {}, text, text, [], tuple(spans))


def store_article(raw: str, language: str | None = None, max_sentences: int | None = None) -> int:
    """Save *raw* as an article in the bound library (optionally only its first sentences); returns its id."""
    from dataclasses import replace

    from reader.store import repo

    processed = processed_text(raw, language)
    if max_sentences is not None:
        processed = replace(processed, sentences=processed.sentences[:max_sentences])
    return repo.save_article(processed, source="test").id


def __getattr__(name: str) -> Any:  # the builders in modelbuilders.py (imported lazily: it imports this module)
    if name in ("build_opus_release_zip", "build_nllb_dir", "build_bpe_argos_package", "build_hf_nllb_dir",
                "learn_bpe"):
        from tests.support import modelbuilders

        return getattr(modelbuilders, name)
    raise AttributeError(name)
