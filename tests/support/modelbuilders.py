"""More small but real model formats for tests (random weights, real files), re-exported by testmodels:

- ``build_opus_release_zip(out_dir, lang="ar")`` — a tiny Marian model in the OPUS-MT (Tatoeba) release layout: a
  ``.npz`` with ``special:model.yml`` and Marian's variable names, a vocabulary ``.yml``, ``decoder.yml``,
  ``source.spm``/``target.spm``, README.md (with "source language(s)") and LICENSE, zipped flat like a release
  (default name ``opus+bt-2021-04-30.zip``, the catalogue's base ara-eng release). Converting it needs
  CTranslate2's OpusMTConverter, i.e. what users run.
- ``build_nllb_dir(out_dir)`` — an NLLB-200-shaped CTranslate2 folder: language tokens (``arb_Arab``, ``pes_Arab``,
  ``eng_Latn``) in the vocabulary, one SentencePiece model, and the ``tarjoman-model.json`` description.
- ``build_bpe_argos_package(out_dir, from_code="fa")`` — an Argos package with ``bpe.model`` (subword-nmt codes
  learned here on Moses-tokenised text) built the way argos-train zips one: directory entries, a ``stanza/``
  folder, the bare 6-field metadata.json (no type, links or description) and a README.md carrying the description.

The SentencePiece model is taken from the cached tiny Argos package (trained in a child process there), so these
builders run in-process in well under a second each.
"""

from __future__ import annotations

import collections
import json
import zipfile
from pathlib import Path
from typing import Any

from tests.support.testcorpus import LANG_NAMES, parallel_corpus

_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
TINY = {"d": 64, "heads": 4, "ff": 256, "layers": (2, 2)}
OPUS_README = """# opus+bt-2021-04-30.zip

Tarjoman test release: random weights, the layout of a Tatoeba-MT-models release.

* dataset: opus+bt
* model: transformer-align
* source language(s): {src}
* target language(s): eng
* pre-processing: normalization + SentencePiece (spm32k,spm32k)
"""


def _spm_bytes(from_code: str) -> bytes:
    from tests.support.testmodels import _cached_package

    pkg = _cached_package(from_code, "en", "tiny", 0, (from_code, "en"))
    with zipfile.ZipFile(pkg) as zf:
        return zf.read(next(n for n in zf.namelist() if n.endswith("/sentencepiece.model")))


def _pieces(spm: bytes) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=spm)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _zip(files: dict[str, bytes], out: Path, dirs: tuple[str, ...] = ()) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for d in dirs:
            info = zipfile.ZipInfo(d.rstrip("/") + "/", _ZIP_TIME)
            info.external_attr = (0o40755 << 16) | 0x10
            zf.writestr(info, b"")
        for name, body in files.items():
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, body)
    return out


# --- OPUS-MT (Marian) ---------------------------------------------------------------------------------------
def _yaml_token(token: str) -> str:
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


def marian_weights(vocab: int, seed: int = 0, cfg: dict[str, Any] = TINY) -> dict[str, Any]:
    """Marian's variables of a post-norm transformer (tied embeddings), as OpusMTConverter reads them."""
    import numpy as np

    rng = np.random.default_rng(seed)
    d, ff = cfg["d"], cfg["ff"]

    def w(rows: int, cols: int) -> Any:
        return rng.normal(0.0, rows**-0.5, (rows, cols)).astype(np.float32)

    def b(n: int) -> Any:
        return rng.normal(0.0, 0.02, (1, n)).astype(np.float32)

    out: dict[str, Any] = {"Wemb": w(vocab, d), "decoder_ff_logit_out_b": b(vocab)}

    def attention(scope: str) -> None:
        for x in "qkvo":
            out[f"{scope}_W{x}"], out[f"{scope}_b{x}"] = w(d, d), b(d)
        out[f"{scope}_Wo_ln_scale"], out[f"{scope}_Wo_ln_bias"] = np.ones((1, d), np.float32), b(d)

    def ffn(scope: str) -> None:
        out[f"{scope}_W1"], out[f"{scope}_b1"] = w(d, ff), b(ff)
        out[f"{scope}_W2"], out[f"{scope}_b2"] = w(ff, d), b(d)
        out[f"{scope}_ffn_ln_scale"], out[f"{scope}_ffn_ln_bias"] = np.ones((1, d), np.float32), b(d)

    for i in range(1, cfg["layers"][0] + 1):
        attention(f"encoder_l{i}_self")
        ffn(f"encoder_l{i}_ffn")
    for i in range(1, cfg["layers"][1] + 1):
        attention(f"decoder_l{i}_self")
        attention(f"decoder_l{i}_context")
        ffn(f"decoder_l{i}_ffn")
    model_yml = "\n".join([
        "type: transformer", f"dim-emb: {d}", f"enc-depth: {cfg['layers'][0]}", f"dec-depth: {cfg['layers'][1]}",
        f"transformer-heads: {cfg['heads']}", f"transformer-dim-ffn: {ff}", "transformer-ffn-activation: swish",
        "transformer-preprocess: \"\"", "transformer-postprocess: dan", "transformer-postprocess-emb: d",
        "transformer-decoder-autoreg: self-attention", "transformer-no-projection: false",
        "transformer-guided-alignment-layer: last", "tied-embeddings-all: true", "",
    ])
    out["special:model.yml"] = np.frombuffer(model_yml.encode() + b"\0", dtype=np.int8)
    return out


def build_opus_release_zip(out_dir: Path | str, lang: str = "ar", name: str = "opus+bt-2021-04-30.zip",
                           seed: int = 0) -> Path:
    """A tiny OPUS-MT release zip (see the module doc); *lang* is "ar" or "fa"."""
    import io

    import numpy as np

    spm = _spm_bytes(lang)
    pieces = [p for p in _pieces(spm) if p not in ("<unk>", "<s>", "</s>")]
    vocab = ["</s>", "<unk>", *pieces, "<pad>"]
    buf = io.BytesIO()
    np.savez(buf, **marian_weights(len(vocab), seed))
    model_name = "opus+bt.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz"
    vocab_name = "opus+bt.spm32k-spm32k.vocab.yml"
    decoder = (f"models:\n  - {model_name}\nvocabs:\n  - {vocab_name}\n  - {vocab_name}\nbeam-size: 6\n"
               "normalize: 0.6\nword-penalty: 0\nmini-batch: 1\nmaxi-batch: 1\nmaxi-batch-sort: src\n")
    files = {
        "README.md": OPUS_README.format(src={"ar": "ara", "fa": "fas"}[lang]).encode(),
        "LICENSE": b"CC-BY 4.0 (test release)\n",
        "decoder.yml": decoder.encode(),
        model_name: buf.getvalue(),
        vocab_name: "".join(f"{_yaml_token(t)}: {i}\n" for i, t in enumerate(vocab)).encode(),
        "source.spm": spm, "target.spm": spm,
        "preprocess.sh": b"#!/bin/sh\n", "postprocess.sh": b"#!/bin/sh\n",
    }
    return _zip(files, Path(out_dir) / name)


# --- NLLB-200 shape -----------------------------------------------------------------------------------------
NLLB_LANG_TOKENS = ("arb_Arab", "pes_Arab", "eng_Latn")


def build_nllb_dir(out_dir: Path | str, name: str = "nllb-tiny", seed: int = 0) -> Path:
    """A tiny NLLB-200-shaped CTranslate2 folder with its tarjoman-model.json (serves fa and ar)."""
    import ctranslate2
    import numpy as np

    from reader.core.translate.known import nllb_description
    from tests.support.testmodels import _fill_weights

    dest = Path(out_dir) / name
    dest.mkdir(parents=True, exist_ok=True)
    spm = _spm_bytes("fa")
    (dest / "sentencepiece.bpe.model").write_bytes(spm)  # the name Hugging Face's NLLB folders use
    tokens = ["<s>", "<pad>", "</s>", "<unk>"]
    tokens += [p for p in _pieces(spm) if p not in tokens] + list(NLLB_LANG_TOKENS)
    spec = ctranslate2.specs.TransformerSpec.from_config(TINY["layers"], TINY["heads"])
    _fill_weights(spec, {"d": TINY["d"], "ff": TINY["ff"]}, len(tokens), np.random.default_rng(seed + 77))
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.config.decoder_start_token = "</s>"
    spec.validate()
    spec.save(str(dest))
    meta = nllb_description(name, "nllb-200-distilled-600M")
    (dest / "tarjoman-model.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return dest


# --- Argos BPE package (argos-train layout) -----------------------------------------------------------------
def learn_bpe(words: collections.Counter[str], merges: int) -> list[tuple[str, str]]:
    """subword-nmt's algorithm, small: repeatedly merge the most frequent adjacent pair (ends marked </w>)."""
    vocab = {tuple(w[:-1]) + (w[-1] + "</w>",): c for w, c in words.items() if w}
    out: list[tuple[str, str]] = []
    for _ in range(merges):
        pairs: collections.Counter[tuple[str, str]] = collections.Counter()
        for word, count in vocab.items():
            for a, b in zip(word, word[1:], strict=False):
                pairs[a, b] += count
        if not pairs:
            break
        best = max(pairs, key=lambda p: (pairs[p], p))
        out.append(best)
        merged: dict[tuple[str, ...], int] = {}
        for word, count in vocab.items():
            new: list[str] = []
            i = 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    new.append(word[i] + word[i + 1])
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            merged[tuple(new)] = merged.get(tuple(new), 0) + count
        vocab = merged
    return out


def build_bpe_argos_package(out_dir: Path | str, from_code: str = "fa", seed: int = 0, merges: int = 400) -> Path:
    """An Argos BPE package as argos-train builds one (see the module doc)."""
    import io

    import ctranslate2
    import numpy as np
    from argostranslate.apply_bpe import BPE
    from sacremoses.tokenize import MosesTokenizer

    from tests.support.testmodels import _fill_weights

    corpus = parallel_corpus(300, seed)
    col = {"en": 0, "fa": 1, "ar": 2}
    words: collections.Counter[str] = collections.Counter()
    for lang in (from_code, "en"):
        tok = MosesTokenizer(lang)
        for triple in corpus:
            words.update(tok.tokenize(triple[col[lang]]))
    codes = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in learn_bpe(words, merges))
    bpe = BPE(io.StringIO(codes))
    pieces = sorted({p for w in words for p in bpe.segment_tokens([w])} | set("0123456789.,;:!?()«»،؛؟"))
    tokens = ["<blank>", "<unk>", "<s>", "</s>", *pieces]
    spec = ctranslate2.specs.TransformerSpec.from_config(TINY["layers"], TINY["heads"])
    _fill_weights(spec, {"d": TINY["d"], "ff": TINY["ff"]}, len(tokens), np.random.default_rng(seed + 5))
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    top = f"translate-{from_code}_en-1_0"
    model_dir = Path(out_dir) / f".build-{top}"
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    meta = {"package_version": "1.0", "argos_version": "1.0", "from_code": from_code,
            "from_name": LANG_NAMES.get(from_code, from_code), "to_code": "en", "to_name": "English"}
    files = {f"{top}/metadata.json": json.dumps(meta, indent=4).encode(),
             f"{top}/README.md": (f"# {LANG_NAMES.get(from_code, from_code)}-English\n\nA BPE test package built "
                                  "the way argos-train builds one (random weights).\n").encode(),
             f"{top}/bpe.model": codes.encode(),
             f"{top}/stanza/{from_code}/tokenize/test.pt": b"stanza tokenizer placeholder (unused by Tarjoman)"}
    for p in sorted(model_dir.iterdir()):
        files[f"{top}/model/{p.name}"] = p.read_bytes()
    dirs = (top, f"{top}/model", f"{top}/stanza", f"{top}/stanza/{from_code}", f"{top}/stanza/{from_code}/tokenize")
    out = _zip(files, Path(out_dir) / f"{top}.argosmodel", dirs)
    for p in model_dir.iterdir():
        p.unlink()
    model_dir.rmdir()
    return out


# --- NLLB-200 as Hugging Face ships it (needs transformers + torch) ---------------------------------------------
def build_hf_nllb_dir(out_dir: Path | str, name: str = "nllb-hf") -> Path:
    """A tiny random M2M100/NLLB checkpoint folder as ``huggingface-cli download`` leaves one (config.json,
    safetensors weights, sentencepiece.bpe.model, tokenizer files); the NLLB tokenizer adds its 202 language codes."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    dest = Path(out_dir) / name
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "sentencepiece.bpe.model").write_bytes(_spm_bytes("fa"))
    tok = NllbTokenizer(vocab_file=str(dest / "sentencepiece.bpe.model"), src_lang="pes_Arab", tgt_lang="eng_Latn")
    cfg = M2M100Config(vocab_size=len(tok), d_model=32, encoder_layers=1, decoder_layers=1,
                       encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
                       max_position_embeddings=256, scale_embedding=True, pad_token_id=tok.pad_token_id,
                       bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                       decoder_start_token_id=tok.eos_token_id)
    cfg.architectures = ["M2M100ForConditionalGeneration"]
    import torch

    torch.manual_seed(0)
    M2M100ForConditionalGeneration(cfg).save_pretrained(str(dest))
    tok.save_pretrained(str(dest))
    return dest
