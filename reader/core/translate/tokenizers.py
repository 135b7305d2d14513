"""Tokenizers of the models we run, applied exactly as argostranslate 1.11 applies them (argostranslate/tokenizer.py).

- SentencePiece (``sentencepiece.model``, or OPUS-MT's ``source.spm`` + ``target.spm``): pieces in;
  ``decode_pieces`` then "▁"/"_" → space out (the caller removes one leading space).
- BPE (argos-train's ``bpe.model``): sacremoses punctuation normalisation + Moses tokenisation of the source,
  subword-nmt segmentation with argostranslate's bundled ``apply_bpe.BPE``; output "@@ " joins removed, then
  Moses detokenisation.

Imported only by ``engine`` when a model loads (sentencepiece, sacremoses are heavy).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol


class Tokenizer(Protocol):
    """Source text → model pieces; model pieces → target text."""

    kind: str

    def encode(self, text: str) -> list[str]: ...

    def decode(self, pieces: Sequence[str]) -> str: ...

    def encode_target(self, text: str) -> list[str]:
        """English text as target pieces (forced decoding)."""
        ...

    def word_start(self, pieces: Sequence[str], i: int) -> bool:
        """Whether piece *i* begins a word (a window may start there)."""
        ...


class SentencePieceTokenizer:
    kind = "sentencepiece"

    def __init__(self, source: Path, target: Path) -> None:
        import sentencepiece as spm

        self._source: Any = spm.SentencePieceProcessor(model_file=str(source))
        self._target: Any = self._source if target == source else spm.SentencePieceProcessor(model_file=str(target))

    def encode(self, text: str) -> list[str]:
        return list(self._source.encode(text, out_type=str)) if text.strip() else []

    def decode(self, pieces: Sequence[str]) -> str:
        return str(self._target.decode_pieces(list(pieces))).replace("\u2581", " ").replace("_", " ")

    def encode_target(self, text: str) -> list[str]:
        return list(self._target.encode(text, out_type=str))

    def word_start(self, pieces: Sequence[str], i: int) -> bool:
        return pieces[i].startswith("\u2581")


class BpeTokenizer:
    """argostranslate's BPETokenizer, loaded eagerly (a broken bpe.model fails at load, not mid-article)."""

    kind = "bpe"

    def __init__(self, model_file: Path, from_code: str, to_code: str) -> None:
        from argostranslate.apply_bpe import BPE
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer

        self._tokenizer = MosesTokenizer(from_code)
        self._target_tokenizer = MosesTokenizer(to_code)
        self._detokenizer = MosesDetokenizer(to_code)
        self._normalizer = MosesPunctNormalizer(from_code)
        with open(model_file, encoding="utf-8") as fh:
            self._bpe = BPE(fh)

    def encode(self, text: str) -> list[str]:
        if not text.strip():
            return []
        normalized = self._normalizer.normalize(text)
        tokenized = " ".join(self._tokenizer.tokenize(normalized))
        return list(self._bpe.segment_tokens(tokenized.strip("\r\n ").split(" ")))

    def decode(self, pieces: Sequence[str]) -> str:
        return str(self._detokenizer.detokenize(" ".join(pieces).replace("@@ ", "").split(" ")))

    def encode_target(self, text: str) -> list[str]:
        tokens = self._target_tokenizer.tokenize(text) if text.strip() else []
        return list(self._bpe.segment_tokens(tokens))

    def word_start(self, pieces: Sequence[str], i: int) -> bool:
        return i == 0 or not pieces[i - 1].endswith("@@")


def load_tokenizer(kind: str, source: Path, target: Path, from_code: str, to_code: str) -> Tokenizer:
    if kind == "bpe":
        return BpeTokenizer(source, from_code, to_code)
    return SentencePieceTokenizer(source, target)
