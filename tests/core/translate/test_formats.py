"""Model formats beyond Argos SentencePiece packages, end to end with real files and real CTranslate2:
OPUS-MT release zips (served over HTTP, converted on install), NLLB-shaped models described by
tarjoman-model.json, and argos-train BPE packages; `models install FILE` says which it found."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader import config
from reader.core.jobs import Cancelled
from reader.core.translate import EngineSettings, PackageError
from reader.core.translate.catalog import find_model, installed_models, register_custom_model
from reader.core.translate.engine import Engine
from tests.support import testmodels

FAST = EngineSettings(beam_size=1, max_batch_size=8, inter_threads=1, intra_threads=1)


@pytest.fixture(scope="module")
def opus_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return testmodels.build_opus_release_zip(tmp_path_factory.mktemp("opus"), "ar")


@pytest.fixture
def release_server(tmp_path: Path, opus_zip: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """127.0.0.1 playing object.pouta.csc.fi/Tatoeba-MT-models: <base>/ara-eng/<release>.zip."""
    root = tmp_path / "www"
    (root / "ara-eng").mkdir(parents=True)
    (root / "ara-eng" / opus_zip.name).write_bytes(opus_zip.read_bytes())

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("TARJOMAN_OPUS_MT_BASE", base)
    yield base
    server.shutdown()
    server.server_close()


def _nothing_staged() -> bool:
    cache = config.paths().cache
    return not list(cache.glob("convert-*")) and not list((cache / "downloads").glob("*")) if cache.exists() else True


def test_opus_release_downloaded_converted_and_translates_a_seed_article_one_to_one(
        library: object, release_server: str, seeds: list[Path]) -> None:
    from reader.app.translate import translate_article
    from reader.core.translate.opusmt import download_opus
    from reader.store import repo

    stages: list[str] = []
    progress: list[tuple[int, int]] = []
    spec = download_opus("opus-mt-ar-en-base", progress=lambda d, t: progress.append((d, t)), on_stage=stages.append)
    assert spec.family == "opus-mt" and spec.pair == ("ar", "en") and spec.catalog_id == "opus-mt-ar-en-base"
    assert (spec.path / "source.spm").is_file() and (spec.path / "target.spm").is_file()  # copied by us
    assert (spec.path / "model.bin").is_file() and (spec.path / "shared_vocabulary.json").is_file() or \
        (spec.path / "source_vocabulary.json").is_file()
    assert stages[0].startswith("Downloading") and any("Converting" in s for s in stages)
    assert progress[-1] == (5, 5) and _nothing_staged()
    assert find_model("ar") == spec
    arabic = next(p for p in seeds if "الشمالية" in p.read_text(encoding="utf-8")[:400])
    article_id = testmodels.store_article(arabic.read_text(encoding="utf-8"), "ar", max_sentences=6)
    first = translate_article(article_id, settings=FAST)
    rows = repo.sentences(repo.get_article(article_id))
    assert len(first) == len(rows) == 6 and all(r.translation for r in first)
    assert all(r.model == spec.key for r in first)
    again = translate_article(article_id, settings=FAST)
    assert all(r.cached for r in again) and [r.translation for r in again] == [r.translation for r in first]


def test_opus_zip_installed_from_file_says_what_it_found(tarjoman_home: Path, opus_zip: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    assert main(["models", "install", str(opus_zip)]) == 0
    out = capsys.readouterr().out
    assert "OPUS-MT release" in out and "converted" in out and "opus-mt-ar-en-base" in out
    assert [m.family for m in installed_models()] == ["opus-mt"]


def test_failed_conversion_leaves_nothing_installed(tarjoman_home: Path, opus_zip: Path, tmp_path: Path) -> None:
    from reader.core.translate.opusmt import install_opus_zip

    broken = tmp_path / "opus+bt-2021-04-30.zip"
    with zipfile.ZipFile(opus_zip) as src, zipfile.ZipFile(broken, "w") as out:
        for name in src.namelist():
            body = src.read(name)
            if name == "decoder.yml":
                body = body.replace(b"vocab.yml", b"missing.yml")
            out.writestr(name, body)
    with pytest.raises(PackageError, match=r"cannot be installed: the conversion to CTranslate2 failed \(decoder.yml names .*missing.yml") as info:
        install_opus_zip(broken)
    assert "\n" not in str(info.value)
    assert installed_models() == [] and _nothing_staged()
    assert not any(config.paths().custom_models.iterdir()) if config.paths().custom_models.exists() else True


def test_cancelled_conversion_leaves_nothing_installed(tarjoman_home: Path, opus_zip: Path) -> None:
    from reader.core.translate.opusmt import install_opus_zip

    cancel = threading.Event()

    def stop_when_converting(text: str) -> None:
        if text.startswith("Converting"):
            cancel.set()

    with pytest.raises(Cancelled):
        install_opus_zip(opus_zip, cancel=cancel, on_stage=stop_when_converting)
    for _ in range(600):  # the converter thread finishes in the background and removes its staging folder
        if _nothing_staged():
            break
        threading.Event().wait(0.05)
    assert installed_models() == [] and _nothing_staged()


class _Spy:
    """Delegates to the real CTranslate2 translator and records what it was handed."""

    def __init__(self, real: Any) -> None:
        self.real, self.calls = real, []

    def translate_batch(self, source: list[list[str]], **kw: Any) -> Any:
        self.calls.append((source, kw.get("target_prefix")))
        self.kwargs = dict(kw, asynchronous=False)
        return self.real.translate_batch(source, **kw)


def test_nllb_model_gets_language_token_eos_and_target_prefix(tarjoman_home: Path, tmp_path: Path) -> None:
    spec_fa = register_custom_model(testmodels.build_nllb_dir(tmp_path))
    specs = {m.from_code: m for m in installed_models()}
    assert set(specs) == {"fa", "ar"} and specs["fa"] == spec_fa and specs["fa"].family == "nllb"
    for code, lang_token in (("ar", "arb_Arab"), ("fa", "pes_Arab")):
        engine = Engine(specs[code], FAST)
        spy = _Spy(engine._translator)
        engine._translator = spy
        pieces = engine.encode(["سلام بر شما"])[0]
        [result] = engine.translate(["سلام بر شما"])
        [(source, prefix)] = spy.calls
        assert source == [[lang_token, *pieces, "</s>"]] and prefix == [["eng_Latn"]]
        raw = spy.real.translate_batch(source, **spy.kwargs)  # the same call again, to see the raw tokens
        hyp = raw[0].hypotheses[0]
        assert hyp[0] == "eng_Latn" and result.text == engine.decode(hyp) and "eng_Latn" not in result.text
        assert result.tokens == len(hyp) - 1  # the forced prefix is not counted


def test_bpe_argos_package_installs_and_translates_as_argostranslate_tokenises(
        tarjoman_home: Path, tmp_path: Path) -> None:
    from argostranslate.tokenizer import BPETokenizer

    from reader.core.translate.packages import install_package

    pkg = testmodels.build_bpe_argos_package(tmp_path, "fa")
    with zipfile.ZipFile(pkg) as zf:
        names = zf.namelist()
    assert "translate-fa_en-1_0/" in names and any("/stanza/" in n for n in names)  # argos-train's layout
    spec = install_package(pkg)
    assert spec.tokenizer == "bpe" and spec.source_spm.name == "bpe.model"
    assert spec.description.startswith("A BPE test package")  # from README.md: the metadata has none
    engine = Engine(spec, FAST)
    text = "این یک آزمایش است، گفت."
    theirs = BPETokenizer(spec.source_spm, "fa", "en")
    assert engine.encode([text])[0] == theirs.encode(text)
    [result] = engine.translate([text])
    assert result.text and "@@" not in result.text.replace("@@ ", "") or result.text
    assert engine.decode(["the", "Sun@@", "day", "is", "here", "."]) == theirs.decode(["the", "Sun@@", "day", "is", "here", "."])


@pytest.mark.slow
def test_hugging_face_nllb_folder_converted_where_transformers_is_installed(tarjoman_home: Path,
                                                                            tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    pytest.importorskip("torch")
    from reader.core.translate.installer import install_from_path, sniff

    folder = testmodels.build_hf_nllb_dir(tmp_path)
    assert sniff(folder) == "nllb-hf"
    stages: list[str] = []
    done = install_from_path(folder, on_stage=stages.append)
    assert done.kind == "nllb-hf" and "Hugging Face NLLB-200" in done.found and "Converting NLLB" in stages[0]
    specs = {m.from_code: m for m in installed_models()}
    assert set(specs) == {"fa", "ar"} and specs["fa"].source_prefix == ("pes_Arab",)
    engine = Engine(specs["ar"], FAST)
    spy = _Spy(engine._translator)
    engine._translator = spy
    [result] = engine.translate(["سلام"])
    assert spy.calls[0][0][0][0] == "arb_Arab" and spy.calls[0][0][0][-1] == "</s>"
    assert spy.calls[0][1] == [["eng_Latn"]] and "eng_Latn" not in result.text
    assert not list(config.paths().cache.glob("convert-*"))


def test_nllb_conversion_is_refused_in_one_sentence_without_transformers(tarjoman_home: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from reader.core.translate.nllb import install_hf_nllb

    real_import = builtins.__import__

    def no_transformers(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("transformers", "torch"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_transformers)
    with pytest.raises(PackageError, match="needs the Python packages transformers and torch") as info:
        install_hf_nllb(tmp_path)
    assert "\n" not in str(info.value) and installed_models() == []


def test_one_nllb_model_in_memory_serves_both_languages(tarjoman_home: Path, tmp_path: Path) -> None:
    from reader.core.translate.engine import get_engine

    register_custom_model(testmodels.build_nllb_dir(tmp_path))
    fa, ar = get_engine(find_model("fa"), FAST), get_engine(find_model("ar"), FAST)
    assert fa is not ar and fa._translator is ar._translator
    assert fa.model_input(["x"])[0] == "pes_Arab" and ar.model_input(["x"])[0] == "arb_Arab"


def test_opus_zip_bomb_is_refused_before_unpacking(tarjoman_home: Path, opus_zip: Path, tmp_path: Path) -> None:
    from reader.core.translate.installer import install_from_path

    bomb = tmp_path / "opus+bt-2021-04-30.zip"
    with zipfile.ZipFile(opus_zip) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            out.writestr(name, bytes(48 * 1024**2) if name == "README.md" else src.read(name))
    with pytest.raises(PackageError, match="README.md would unpack to 48 MB .*zip bomb") as info:
        install_from_path(bomb)
    assert "\n" not in str(info.value) and installed_models() == [] and _nothing_staged()
