"""The CTranslate2 engine: the only module that imports ctranslate2 (tokenizers come from ``tokenizers``).

It mirrors how argostranslate 1.11 applies a package (translate.apply_packaged_translation): tokenizer
pieces in (SentencePiece, or BPE as argostranslate's BPETokenizer), ``translate_batch(..., replace_unknowns=True, length_penalty=0.2, return_scores=True)``, the
package's ``target_prefix`` (if any) forced as the first target token and stripped from the output,
``decode_pieces`` then "▁"/"_" → space and one leading space removed. Argos adds no source-language token;
a model description (NLLB-200) may: ``source_prefix + pieces + source_suffix`` (``[arb_Arab] … </s>``), with its
``target_prefix`` (``eng_Latn``) forced and dropped from the output. What we do differently: sentences come from our own segmentation (no stanza, no network, exact 1:1
alignment); they are sorted by length into batches so little padding is decoded, and decoded by parallel workers; the decode length is capped
at ``max_length_ratio * source tokens + max_length_offset`` so a broken model cannot loop to CTranslate2's
default 256 tokens; a run-on sentence longer than ``max_source_tokens`` is decoded in chunks (``longinput``)
and its translations joined, so decode time per sentence stays bounded and one source sentence still gives one
translation; decode time per sentence is capped by decoding at most ``max_sentence_tokens`` source pieces of it
(a 200,000-character "sentence" is a segmentation accident: its start is translated and marked " […]"); and
batches stream back as soon as each finishes, with their indices. :meth:`Engine.alternatives`
gives the n best translations of one sentence with their scores (beam n-best; ``alternatives`` wraps it).

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
    reason = _first_line(exc)
    return ModelLoadError(f"The translation model in {spec.path} could not be loaded ({reason}); "
                          "reinstall it or remove it with `tarjoman models remove`.")


@dataclass(frozen=True)
class Alternative:
    """One of the n best translations of a sentence; ``score`` is the mean log-probability per target token."""

    text: str
    score: float
    tokens: int


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


class Engine:
    """A loaded model. ``calls``/``sentences``/``units``/``target_tokens`` count real CTranslate2 work (tests use
    them); ``units`` counts decoded sequences (a run-on sentence decoded in three chunks is 1 sentence, 3 units)."""

    def __init__(self, spec: ModelSpec, settings: EngineSettings | None = None, share: Engine | None = None) -> None:
        """Load *spec*; with *share* (an engine of the same model files, e.g. NLLB for the other language), reuse
        its loaded CTranslate2 model instead of loading a second copy."""
        self.spec = spec
        self.settings = settings or EngineSettings()
        self._lock = threading.Lock()
        self.calls = 0
        self.sentences = 0
        self.units_decoded = 0
        self.target_tokens = 0
        started = time.perf_counter()
        try:
            import ctranslate2

            from reader.core.translate.tokenizers import load_tokenizer

            inter, intra = self.settings.threads()
            self._translator: Any = share._translator if share is not None else ctranslate2.Translator(
                str(spec.ct2_dir), device=self.settings.device, compute_type=self.settings.compute_type,
                inter_threads=inter, intra_threads=intra,
            )
            self.tokenizer = load_tokenizer(getattr(spec, "tokenizer", "sentencepiece"), spec.source_spm,
                                            spec.target_spm, spec.from_code, spec.to_code)
        except Exception as exc:  # noqa: BLE001 - CTranslate2 raises RuntimeError, IndexError, ValueError…
            raise _load_error(spec, exc) from exc
        self.load_seconds = time.perf_counter() - started

    # --- tokenisation ---------------------------------------------------------------------------------
    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        """Tokenizer pieces of each sentence (no model prefix/suffix tokens)."""
        return [self.tokenizer.encode(s) if s.strip() else [] for s in sentences]

    def target_pieces(self, text: str) -> list[str]:
        """*text* as target-side pieces (for forced decoding of a given translation, e.g. alignment)."""
        return self.tokenizer.encode_target(text) if text.strip() else []

    def model_input(self, pieces: Sequence[str]) -> list[str]:
        """The tokens handed to CTranslate2 for one unit: source prefix + pieces + source suffix."""
        spec = self.spec
        return [*getattr(spec, "source_prefix", ()), *pieces, *getattr(spec, "source_suffix", ())]

    def decode(self, tokens: Sequence[str]) -> str:
        prefix = self.spec.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        value = self.tokenizer.decode(tokens)
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value[1:] if value.startswith(" ") else value

    def units(self, pieces: Sequence[Sequence[str]], s: EngineSettings) -> list[tuple[int, list[str]]]:
        """(sentence index, model input) per decoding unit; a run-on sentence gives several units in order.

        A sentence longer than ``max_sentence_tokens`` is decoded up to there (cut at a word start) and
        :attr:`cut_short` records it: its translation ends with " […]"."""
        from reader.core.translate.longinput import cut_at_word, split_pieces

        out: list[tuple[int, list[str]]] = []
        self.cut_short: set[int] = set()
        for i, p in enumerate(pieces):
            if not p:
                continue
            if 0 < s.max_sentence_tokens < len(p):
                p = cut_at_word(p, s.max_sentence_tokens, self.tokenizer.word_start)
                self.cut_short.add(i)
            out.extend((i, self.model_input(c)) for c in split_pieces(p, s.max_source_tokens,
                                                                      self.tokenizer.word_start))
        return out

    # --- decoding -------------------------------------------------------------------------------------
    def _submit(self, batch: list[list[str]], s: EngineSettings, hypotheses: int = 1,
                beam: int | None = None, sentences: int | None = None) -> list[Any]:
        longest = max(len(t) for t in batch)
        prefix = [[self.spec.target_prefix]] * len(batch) if self.spec.target_prefix else None
        with self._lock:
            self.calls += 1
            self.sentences += len(batch) if sentences is None else sentences
            self.units_decoded += len(batch)
        return self._translator.translate_batch(
            batch, target_prefix=prefix, beam_size=max(1, beam or s.beam_size, hypotheses),
            num_hypotheses=hypotheses, length_penalty=s.length_penalty, return_scores=True, replace_unknowns=True,
            max_decoding_length=int(s.max_length_ratio * longest + s.max_length_offset) + (1 if prefix else 0),
            max_batch_size=64, asynchronous=True,
        )

    def _hypothesis(self, tokens: list[str], score: float | None, s: EngineSettings) -> tuple[str, float | None, int]:
        n = len(tokens) - (1 if self.spec.target_prefix and tokens[:1] == [self.spec.target_prefix] else 0)
        lp = per_token_logprob(score, n, s.length_penalty) if score is not None else None
        return self.decode(tokens), lp, n

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
        pieces = self.encode(sentences)
        empty = [RawTranslation(i, "", None, 0) for i, t in enumerate(pieces) if not t]
        if empty:
            yield empty
        units = self.units(pieces, s)
        cut_short = set(self.cut_short)
        owner = [i for i, _ in units]
        opens = {u for u in range(len(units)) if u == 0 or owner[u - 1] != owner[u]}  # a sentence's first unit
        remaining: dict[int, int] = {}
        for i in owner:
            remaining[i] = remaining.get(i, 0) + 1
        parts: dict[int, list[tuple[int, str, float | None, int]]] = {}
        first = set(sorted(remaining)[: max(0, s.first_batch)])
        inter, _ = self.settings.threads()
        batches = plan_batches([len(u) for _, u in units], s.max_batch_size,
                               sum(1 for i in owner if i in first), inter)
        window = inter + 1  # one batch queued beyond the workers, so none idles while Python post-processes
        queue = list(reversed(batches))
        running: list[tuple[list[int], list[Any]]] = []
        try:
            while queue or running:
                while queue and len(running) < window and not (cancel is not None and cancel.is_set()):
                    idx = queue.pop()
                    running.append((idx, self._submit([units[u][1] for u in idx], s,
                                                      sentences=sum(1 for u in idx if u in opens))))
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
                finished: list[RawTranslation] = []
                produced = 0
                for u, res in zip(done[0], done[1], strict=True):
                    r = res.result()
                    text, lp, n = self._hypothesis(r.hypotheses[0], r.scores[0] if r.scores else None, s)
                    produced += n
                    i = owner[u]
                    parts.setdefault(i, []).append((u, text, lp, n))
                    remaining[i] -= 1
                    if remaining[i] == 0:
                        finished.append(_joined(i, parts.pop(i), i in cut_short))
                with self._lock:
                    self.target_tokens += produced
                if finished:
                    yield finished
        except RuntimeError as exc:
            raise TranslateError(f"Translation with {self.spec.key} failed in CTranslate2 ({_first_line(exc)}).") from exc

    def translate(self, sentences: Sequence[str], settings: EngineSettings | None = None) -> list[RawTranslation]:
        """All sentences, in order (a convenience over :meth:`translate_stream`)."""
        out: dict[int, RawTranslation] = {}
        for batch in self.translate_stream(sentences, settings):
            out.update((r.index, r) for r in batch)
        return [out[i] for i in range(len(sentences))]

    def alternatives(self, sentence: str, n: int = 5, settings: EngineSettings | None = None) -> list[Alternative]:
        """The *n* best translations of *sentence* (beam search with at least *n* beams), best first, distinct
        (up to 2n hypotheses are decoded, since some decode to the same text).

        A run-on sentence is decoded in chunks; its k-th alternative takes each chunk's k-th hypothesis (or its
        last one when a chunk has fewer)."""
        s = settings or self.settings
        n = max(1, n)
        units = self.units(self.encode([sentence]), s)
        if not units:
            return []
        try:
            ask = min(2 * n, 20)
            results = [res.result() for res in self._submit([u for _, u in units], s, hypotheses=ask,
                                                              beam=max(ask, s.beam_size, 4), sentences=1)]
        except RuntimeError as exc:
            raise TranslateError(f"Translation with {self.spec.key} failed in CTranslate2 ({_first_line(exc)}).") from exc
        per_unit = [[self._hypothesis(h, sc, s) for h, sc in zip(r.hypotheses, r.scores or [None] * len(r.hypotheses),
                                                                  strict=True)] for r in results]
        out: list[Alternative] = []
        seen: set[str] = set()
        for k in range(max(len(h) for h in per_unit)):
            picks = [h[min(k, len(h) - 1)] for h in per_unit]
            text = " ".join(p[0] for p in picks).strip()
            tokens = sum(p[2] for p in picks)
            scored = [(p[1] or 0.0) * p[2] for p in picks]
            if text and text not in seen:
                seen.add(text)
                out.append(Alternative(text, sum(scored) / tokens if tokens else 0.0, tokens))
        return sorted(out, key=lambda a: -a.score)[:n]

    def close(self) -> None:
        translator = getattr(self, "_translator", None)
        if translator is not None and hasattr(translator, "unload_model"):
            translator.unload_model()


def _joined(index: int, parts: list[tuple[int, str, float | None, int]], cut_short: bool = False) -> RawTranslation:
    """One sentence's translation from its chunks' (unit order, text, logprob, tokens); " […]" marks a sentence
    decoded only up to ``max_sentence_tokens``."""
    parts.sort()
    if cut_short:
        last = parts[-1]
        parts[-1] = (last[0], last[1].rstrip() + " […]", last[2], last[3])
    if len(parts) == 1:
        _, text, lp, n = parts[0]
        return RawTranslation(index, text, lp, n)
    tokens = sum(p[3] for p in parts)
    scored = [p[2] * p[3] for p in parts if p[2] is not None]
    lp = sum(scored) / tokens if scored and tokens else None
    return RawTranslation(index, " ".join(p[1].strip() for p in parts if p[1].strip()), lp, tokens)


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
            same_files = next((e for e in _REGISTRY.values() if e.spec.ct2_dir == spec.ct2_dir  # NLLB: fa and ar
                               and e.spec.version == spec.version and e.settings.load_key() == settings.load_key()),
                              None)
        engine = Engine(spec, settings, share=same_files)  # seconds of work: no registry lock held
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


def translate_alternatives(sentence: str, language: str, n: int = 5, settings: EngineSettings | None = None,
                           spec: ModelSpec | None = None) -> list[Alternative]:
    """The n best translations of one sentence with the model for *language* (or *spec*), kept warm; what the
    Alternatives… action shows. Raises ModelNotFound / TranslateError (one line)."""
    from reader.core.translate.catalog import find_model

    spec = spec or find_model(language, "en")
    return get_engine(spec, settings).alternatives(sentence, n, settings)
