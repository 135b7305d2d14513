"""The CTranslate2 + SentencePiece engine: the only module that imports ctranslate2 and sentencepiece.

It mirrors how argostranslate 1.11 applies a package (translate.apply_packaged_translation): SentencePiece
pieces in, ``translate_batch(..., replace_unknowns=True, length_penalty=0.2, return_scores=True)``, the
package's ``target_prefix`` (if any) forced as the first target token and stripped from the output,
``decode_pieces`` then "▁"/"_" → space and one leading space removed. Argos adds no source-language token.
What we do differently: sentences come from our own segmentation (no stanza, no network, exact 1:1
alignment); they are sorted by length into batches so little padding is decoded, and decoded by parallel workers; the decode length is capped
at ``max_length_ratio * source tokens + max_length_offset`` so a broken model cannot loop to CTranslate2's
default 256 tokens; and batches stream back as soon as each finishes, with their indices.

One loaded model per language pair stays warm in a process-wide, thread-safe registry (:func:`get_engine`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reader.core.translate.catalog import ModelSpec
from reader.core.translate.errors import ModelLoadError, TranslateError
from reader.core.translate.quality import per_token_logprob
from reader.core.translate.settings import EngineSettings


@dataclass(frozen=True)
class RawTranslation:
    """One decoded sentence; ``index`` is its position in the list given to the engine."""

    index: int
    text: str
    logprob: float | None  # mean log-probability per target token (None: nothing was decoded)
    tokens: int  # target tokens decoded


class ModelKey(Protocol):
    key: str
    from_code: str
    to_code: str


class SentenceEngine(Protocol):
    """What the translation job needs from an engine (this module's Engine, or a remote one)."""

    @property
    def spec(self) -> ModelKey: ...

    def translate_stream(
        self, sentences: Sequence[str], settings: EngineSettings | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[list[RawTranslation]]: ...


def plan_batches(lengths: Sequence[int], max_batch_size: int, first_batch: int = 0, workers: int = 1) -> list[list[int]]:
    """Split sentence indices into batches for *workers* parallel decoders.

    The first *first_batch* sentences in reading order come first, alone (what the reader sees first). The
    rest are sorted longest first (little padding; the longest work starts first, so the workers finish
    together) and cut into equal batches of at most *max_batch_size*, their number rounded up to a multiple
    of *workers* so that no worker idles at the end. Empty sentences (length 0) are left out.
    """
    todo = [i for i, n in enumerate(lengths) if n > 0]
    head = todo[: max(0, first_batch)]
    rest = sorted(todo[len(head) :], key=lambda i: (-lengths[i], i))
    batches = [head] if head else []
    if rest:
        count = -(-len(rest) // max(1, max_batch_size))
        count = min(len(rest), -(-count // max(1, workers)) * max(1, workers))
        size, extra = divmod(len(rest), count)
        start = 0
        for k in range(count):
            end = start + size + (1 if k < extra else 0)
            batches.append(rest[start:end])
            start = end
    return batches


def _load_error(spec: ModelSpec, exc: BaseException) -> ModelLoadError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ModelLoadError(f"The translation model in {spec.path} could not be loaded ({reason}); "
                          "reinstall it or remove it with `tarjoman models remove`.")


class Engine:
    """A loaded model. ``calls``/``sentences``/``target_tokens`` count real CTranslate2 work (tests use them)."""

    def __init__(self, spec: ModelSpec, settings: EngineSettings | None = None) -> None:
        self.spec = spec
        self.settings = settings or EngineSettings()
        self._lock = threading.Lock()
        self.calls = 0
        self.sentences = 0
        self.target_tokens = 0
        started = time.perf_counter()
        try:
            import ctranslate2
            import sentencepiece as spm

            inter, intra = self.settings.threads()
            self._translator: Any = ctranslate2.Translator(
                str(spec.ct2_dir), device=self.settings.device, compute_type=self.settings.compute_type,
                inter_threads=inter, intra_threads=intra,
            )
            self._sp_source: Any = spm.SentencePieceProcessor(model_file=str(spec.source_spm))
            self._sp_target: Any = (
                self._sp_source if spec.target_spm == spec.source_spm
                else spm.SentencePieceProcessor(model_file=str(spec.target_spm))
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise _load_error(spec, exc) from exc
        self.load_seconds = time.perf_counter() - started

    # --- tokenisation ---------------------------------------------------------------------------------
    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        return [self._sp_source.encode(s, out_type=str) if s.strip() else [] for s in sentences]

    def decode(self, tokens: Sequence[str]) -> str:
        prefix = self.spec.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        value = self._sp_target.decode_pieces(list(tokens)).replace("\u2581", " ").replace("_", " ")
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value[1:] if value.startswith(" ") else value

    # --- decoding -------------------------------------------------------------------------------------
    def _submit(self, batch: list[list[str]], s: EngineSettings) -> list[Any]:
        longest = max(len(t) for t in batch)
        prefix = [[self.spec.target_prefix]] * len(batch) if self.spec.target_prefix else None
        with self._lock:
            self.calls += 1
            self.sentences += len(batch)
        return self._translator.translate_batch(
            batch, target_prefix=prefix, beam_size=max(1, s.beam_size), num_hypotheses=1,
            length_penalty=s.length_penalty, return_scores=True, replace_unknowns=True,
            max_decoding_length=int(s.max_length_ratio * longest + s.max_length_offset) + (1 if prefix else 0),
            max_batch_size=0, asynchronous=True,
        )

    def _collect(self, indices: list[int], pending: list[Any], s: EngineSettings) -> list[RawTranslation]:
        out: list[RawTranslation] = []
        produced = 0
        for i, res in zip(indices, pending, strict=True):
            r = res.result()
            tokens = r.hypotheses[0]
            n = len(tokens) - (1 if self.spec.target_prefix and tokens[:1] == [self.spec.target_prefix] else 0)
            produced += n
            lp = per_token_logprob(r.scores[0], n, s.length_penalty) if r.scores else None
            out.append(RawTranslation(i, self.decode(tokens), lp, n))
        with self._lock:
            self.target_tokens += produced
        return out

    def translate_stream(
        self,
        sentences: Sequence[str],
        settings: EngineSettings | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[list[RawTranslation]]:
        """Yield translated batches as they finish (not in sentence order; each item carries its index).

        Empty sentences come back first without a model call. When *cancel* is set no new batch starts; the
        batches already running are still yielded, then the iteration ends (the caller decides what that means).
        """
        s = settings or self.settings
        tokenized = self.encode(sentences)
        empty = [RawTranslation(i, "", None, 0) for i, t in enumerate(tokenized) if not t]
        if empty:
            yield empty
        inter, _ = self.settings.threads()
        batches = plan_batches([len(t) for t in tokenized], s.max_batch_size, s.first_batch, inter)
        window = inter + 1  # one batch queued beyond the workers, so none idles while Python post-processes
        queue = list(reversed(batches))
        running: list[tuple[list[int], list[Any]]] = []
        try:
            while queue or running:
                while queue and len(running) < window and not (cancel is not None and cancel.is_set()):
                    idx = queue.pop()
                    running.append((idx, self._submit([tokenized[i] for i in idx], s)))
                if not running:
                    break  # cancelled with nothing in flight
                done = next((r for r in running if all(x.done() for x in r[1])), None)
                if done is None:
                    if inter == 1:
                        done = running[0]  # one worker: batches finish in submission order
                    else:
                        time.sleep(0.002)
                        continue
                running.remove(done)
                yield self._collect(done[0], done[1], s)
        except RuntimeError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise TranslateError(f"Translation with {self.spec.key} failed in CTranslate2 ({reason}).") from exc

    def translate(self, sentences: Sequence[str], settings: EngineSettings | None = None) -> list[RawTranslation]:
        """All sentences, in order (a convenience over :meth:`translate_stream`)."""
        out: dict[int, RawTranslation] = {}
        for batch in self.translate_stream(sentences, settings):
            out.update((r.index, r) for r in batch)
        return [out[i] for i in range(len(sentences))]

    def close(self) -> None:
        translator = getattr(self, "_translator", None)
        if translator is not None and hasattr(translator, "unload_model"):
            translator.unload_model()


_REGISTRY: dict[tuple[str, str], Engine] = {}
_REGISTRY_LOCK = threading.Lock()  # held only to read or change _REGISTRY, never while a model loads
_LOAD_LOCKS: dict[tuple[str, str], threading.Lock] = {}  # one loader per pair at a time
_GENERATION: dict[tuple[str, str], int] = {}  # bumped by evict: a load that started before is not kept


def _warm(spec: ModelSpec, settings: EngineSettings) -> Engine | None:
    current = _REGISTRY.get(spec.pair)
    if current is not None and current.spec == spec and current.settings.load_key() == settings.load_key():
        current.settings = settings
        return current
    return None


def get_engine(spec: ModelSpec, settings: EngineSettings | None = None) -> Engine:
    """The warm engine for *spec*'s language pair, loading (or reloading) it when the model or its
    thread/device settings changed. Decoding settings (beam, batch size) never force a reload.

    The load itself runs outside the registry lock (under a per-pair lock), so evicting, or getting another
    pair's engine, never waits for a model to load; an engine evicted while it was loading is returned to its
    caller but not kept warm."""
    settings = settings or EngineSettings()
    with _REGISTRY_LOCK:
        engine = _warm(spec, settings)
        if engine is not None:
            return engine
        load_lock = _LOAD_LOCKS.setdefault(spec.pair, threading.Lock())
    with load_lock:
        with _REGISTRY_LOCK:  # another thread may have loaded it while we waited
            engine = _warm(spec, settings)
            if engine is not None:
                return engine
            generation = _GENERATION.get(spec.pair, 0)
        engine = Engine(spec, settings)  # seconds of work: no registry lock held
        with _REGISTRY_LOCK:
            if _GENERATION.get(spec.pair, 0) == generation:
                # the engine it replaces is not closed: a job may still use it; freed with its last user
                _REGISTRY[spec.pair] = engine
        return engine


def evict(pair: tuple[str, str] | None = None) -> None:
    """Forget the engine of *pair* (all engines when None), e.g. after its model was replaced or removed.
    The model is freed once no running job holds it any more. Never waits for a load in progress."""
    with _REGISTRY_LOCK:
        for key in [k for k in _REGISTRY if pair is None or k == pair]:
            del _REGISTRY[key]
        for key in ({pair} if pair is not None else set(_LOAD_LOCKS) | set(_GENERATION)):
            _GENERATION[key] = _GENERATION.get(key, 0) + 1


def loaded_pairs() -> list[tuple[str, str]]:
    with _REGISTRY_LOCK:
        return list(_REGISTRY)


def check_loadable(spec: ModelSpec) -> None:
    """Load *spec* once (one thread) and translate one word, raising ModelLoadError if anything fails."""
    engine = Engine(spec, EngineSettings(inter_threads=1, intra_threads=1))
    try:
        list(engine.translate_stream(["test"], EngineSettings(beam_size=1, max_length_ratio=1, max_length_offset=2)))
    finally:
        engine.close()
