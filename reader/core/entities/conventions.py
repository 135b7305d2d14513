"""Rules after the CRF and the lexicon that follow the conventions of news corpora (places, organisations).

Each rule works on one sentence's BIO labels and records, for the spans it created, a confidence (``hints``,
keyed by token span); :func:`apply` runs them all, with the person rules of :mod:`reader.core.entities.persons`:

- place heads: news corpora include the word before a place in its name (استان تهران, شمال غرب عراق);
- organisation heads: a head noun (سازمان، وزارت، دانشگاه، حزب، جبهة، الائتلاف…) that the CRF left outside
  any entity starts an organisation when it is followed by a name (دانشگاه تهران, دولت آمریکا) or by words the
  CRF itself sees as the inside of an organisation (marginal probability), or, in Arabic, by definite words
  (جبهة النصرة, الائتلاف الوطني السوري); a Persian minister's portfolio is one (وزیر [امور خارجه]);
- media names that are common words, after a media word (به گزارش مهر, صحيفة الرياض);
- Latin acronyms (CNN, IBM) inside Persian/Arabic text, and lone Latin brand names in Arabic, are organisations.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.entities import persons
from reader.core.entities.bio import SpanScores as Hints
from reader.core.entities.bio import clear as _clear
from reader.core.entities.bio import spans
from reader.core.entities.bio import write as _write
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import clitic_splits, is_word, key

HEAD_CONFIDENCE = 0.6  # an organisation found by its head noun
ACRONYM_CONFIDENCE = 0.6
PLACE_HEAD_EXTRA = ("دولت", "سفارت", "کنسولگری")  # heads only before a name (دولت آمریکا), never alone
# Arabic news (ANERcorp's convention): these heads are part of the name (حزب الله, مجلس الأمن, جبهة النصرة) ...
AR_HEADS_IN = frozenset({"حزب", "مجلس", "جامعه", "منظمه", "جبهه", "ائتلاف", "اتحاد", "تحالف", "هیئه", "تنظیم"})
# ... and these are not: the name is what follows (صحيفة «الأهرام», حركة «حماس», وكالة «فرانس برس»)
AR_HEADS_OUT = frozenset({"صحیفه", "قناه", "وکاله", "حرکه", "شرکه", "مجله", "شبکه"})
INSIDE_ORG_MIN = 0.2  # marginal of I-ORGANIZATION that lets a head-noun organisation grow over a word

def place_heads(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """استان + تهران, شمال غرب + عراق → one place (Persian news corpora's convention)."""
    for typ, s, e in spans(labels):
        if typ != "LOCATION":
            continue
        a = s
        while a > 0 and labels[a - 1] == "O" and norms[a - 1] in lex.loc_heads:
            a -= 1
        if a < s:
            _write(labels, a, e, "LOCATION")
            hints[(a, e)] = max(hints.pop((s, e), 0.0), 0.7)


def _ar_stems(w: str) -> list[str]:
    cands = [w] + [r for _p, r in clitic_splits(w, "ar")]
    return cands + [c[2:] for c in cands if c.startswith("ال") and len(c) > 4]


FA_REGION_ADJECTIVES = frozenset({"شرقی", "غربی", "شمالی", "جنوبی", "مرکزی", "میانه", "لاتین", "شرقیه"})


def region_names(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """Persian: اروپای شرقی, آسیای مرکزی — a place with the ezafe -ی, then a direction adjective."""
    for i in range(len(norms) - 1):
        w = norms[i]
        if (labels[i] in ("O", "B-LOCATION") and labels[i + 1] == "O" and norms[i + 1] in FA_REGION_ADJECTIVES
                and w.endswith("ی") and (i + 2 >= len(labels) or not labels[i + 2].startswith("I-"))):
            entry = lex.names.get(w[:-1])
            if entry is not None and entry.type == "LOCATION" and entry.tier <= 2:
                _write(labels, i, i + 2, "LOCATION")
                hints[(i, i + 2)] = 0.8


def _head_of(w: str, lex: Lexicon) -> bool:
    if lex.lang == "ar":
        return any(c in AR_HEADS_IN for c in _ar_stems(w))
    return w in lex.org_heads or w in PLACE_HEAD_EXTRA


def trim_outside_heads(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """Arabic: صحيفة الأهرام → the organisation is الأهرام (but وكالة الأنباء القطرية is one name)."""
    for typ, s, e in spans(labels):
        if typ == "ORGANIZATION" and e - s >= 2 and any(c in AR_HEADS_OUT for c in _ar_stems(norms[s])) and (
                "".join(norms[s + 1:e]) in lex.names or "".join(norms[s:e]) not in lex.names):
            labels[s] = "O"
            labels[s + 1] = "B-ORGANIZATION"
            if (s, e) in hints:
                hints[(s + 1, e)] = hints.pop((s, e))


# Adverbs and time words that follow an organisation's name in news but never continue it («وزارت کشور پیش‌تر
# گفته بود», «الوزارة أمس»), in their matching form (reader.core.entities.text.norm).
NEVER_IN_NAME = frozenset({
    "پیشتر", "قبلا", "اخیرا", "همچنین", "نیز", "هم", "امروز", "دیروز", "فردا", "اکنون", "سپس", "بعدا", "تاکنون",
    "هنوز", "دوباره", "همواره", "معمولا", "رسما", "گفت", "اعلام", "امس", "الیوم", "ایضا", "کذلک", "سابقا",
    "موخرا", "ثم", "غدا", "حالیا", "رسمیا",
})


def trim_never_in_name(labels: list[str], norms: Sequence[str]) -> None:
    """A span never ends on an adverb or time word (the model sometimes runs a name on into «پیش‌تر»)."""
    for i in range(len(labels) - 1, -1, -1):
        if labels[i].startswith("I-") and norms[i] in NEVER_IN_NAME and (
                i + 1 == len(labels) or not labels[i + 1].startswith("I-")):
            labels[i] = "O"


def org_heads(labels: list[str], norms: Sequence[str], lex: Lexicon, probs: Sequence[dict[str, float]] | None,
              hints: Hints) -> None:
    """A head noun outside any entity starts an organisation over the name or the words that follow it."""
    n = len(norms)
    i = 0
    while i < n - 1:
        if labels[i] != "O" or not _head_of(norms[i], lex):
            i += 1
            continue
        if labels[i + 1].startswith("B-") and labels[i + 1][2:] in ("LOCATION", "ORGANIZATION", "PERSON"):
            e = i + 2
            while e < n and labels[e].startswith("I-"):
                e += 1
            if labels[i + 1] == "B-PERSON" and norms[i] not in PLACE_HEAD_EXTRA:
                i = e  # حزب + a person: usually "the party of X", leave it
                continue
            _write(labels, i, e, "ORGANIZATION")
            hints[(i, e)] = max(hints.pop((i + 1, e), 0.0), HEAD_CONFIDENCE)
            i = e
            continue
        if norms[i] in PLACE_HEAD_EXTRA:
            i += 1
            continue
        j = i + 1
        while (j < n and j - i <= 4 and labels[j] == "O" and is_word(norms[j]) and norms[j] not in lex.stopwords
               and norms[j] not in NEVER_IN_NAME):
            inside = probs[j].get("I-ORGANIZATION", 0.0) if probs is not None else 0.0
            definite = lex.lang == "ar" and norms[j].startswith("ال") and len(norms[j]) >= 4 \
                and norms[j] not in lex.common
            if inside < INSIDE_ORG_MIN and not definite:
                break
            j += 1
        if j > i + 1:
            _write(labels, i, j, "ORGANIZATION")
            hints[(i, j)] = HEAD_CONFIDENCE
        i = j


def media_names(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """به گزارش مهر / خبرگزاری فارس / صحيفة الرياض: a medium's name right after a media word."""
    n = len(norms)
    for i in range(n - 1):
        for width in (2, 1):  # the trigger: "به گزارش" or "خبرگزاری"
            t_end = i + width
            if t_end >= n or "".join(norms[i:t_end]) not in lex.media_triggers:
                continue
            for m_len in (2, 1):
                m_end = t_end + m_len
                if m_end > n or "".join(norms[t_end:m_end]) not in lex.media:
                    continue
                if any(lab != "O" and not lab.endswith("LOCATION") for lab in labels[t_end:m_end]) \
                        or (m_end < n and labels[m_end].startswith("I-")):
                    continue
                include_head = lex.lang == "fa" and width == 1 and labels[i] == "O" and norms[i] in lex.org_heads
                start = i if include_head else t_end
                _clear(labels, start, m_end)
                _write(labels, start, m_end, "ORGANIZATION")
                hints[(start, m_end)] = 0.8
                break
            break


def org_conjunctions(labels: list[str], norms: Sequence[str], probs: Sequence[dict[str, float]] | None) -> None:
    """An organisation name goes on over «و» when the CRF sees the words after it as the inside of an
    organisation too (شرکت ملی پالایش و پخش)."""
    if probs is None:
        return
    n = len(norms)
    for typ, s, e in spans(labels):
        if typ != "ORGANIZATION":
            continue
        j = e
        while (j + 1 < n and norms[j] == "و" and labels[j] == "O" and labels[j + 1] == "O" and is_word(norms[j + 1])
               and probs[j + 1].get("I-ORGANIZATION", 0.0) >= INSIDE_ORG_MIN
               and probs[j].get("I-ORGANIZATION", 0.0) >= INSIDE_ORG_MIN / 2):
            j += 2
            while j < n and labels[j] == "O" and is_word(norms[j]) \
                    and probs[j].get("I-ORGANIZATION", 0.0) >= INSIDE_ORG_MIN:
                j += 1
        if j > e:
            _write(labels, s, j, "ORGANIZATION")


def org_place_suffix(labels: list[str]) -> None:
    """Persian: a place right after an organisation belongs to its name (سازمان انتقال خون ایران, ارتش عراق)."""
    found = spans(labels)
    for (t1, s1, e1), (t2, s2, e2) in zip(found, found[1:], strict=False):
        if t1 == "ORGANIZATION" and t2 == "LOCATION" and e1 == s2:
            _write(labels, s1, e2, "ORGANIZATION")


# Persian news corpora tag a minister's portfolio as an organisation: وزیر [امور خارجه فرانسه], وزیر [نفت]
FA_PORTFOLIOS = frozenset(key(p) for p in (
    "امور خارجه", "خارجه", "کشور", "دفاع", "دفاع و پشتیبانی نیروهای مسلح", "بهداشت", "بهداشت ، درمان و آموزش پزشکی",
    "اقتصاد", "امور اقتصادی و دارایی", "دارایی", "نفت", "نیرو", "انرژی", "ارتباطات", "ارتباطات و فناوری اطلاعات",
    "آموزش و پرورش", "جهاد کشاورزی", "کشاورزی", "صنعت ، معدن و تجارت", "صنعت و تجارت", "صنعت و معدن و تجارت",
    "صمت", "راه و شهرسازی", "راه و ترابری", "ورزش و جوانان", "ورزش", "فرهنگ و ارشاد اسلامی", "ارشاد", "فرهنگ",
    "اطلاعات", "علوم", "علوم ، تحقیقات و فناوری", "دادگستری", "تعاون ، کار و رفاه اجتماعی", "کار",
    "کار ، رفاه و تعاون اجتماعی", "میراث فرهنگی ، گردشگری و صنایع دستی", "میراث فرهنگی", "بازرگانی", "مسکن",
    "خزانه‌داری", "امنیت داخلی", "محیط زیست", "گردشگری", "مالیه"))
FA_MINISTER = frozenset({"وزیر", "وزرای", "سرپرست‌وزارت"})


def portfolios(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """Persian: the portfolio after وزیر (with the country after it) is an organisation."""
    n = len(norms)
    for i in range(n - 1):
        if norms[i] not in FA_MINISTER or labels[i + 1] != "O":
            continue
        best = 0
        for j in range(i + 2, min(n, i + 10) + 1):
            if labels[j - 1] != "O":
                break
            if "".join(w for w in norms[i + 1:j] if w not in ("،", ",")) in FA_PORTFOLIOS:
                best = j
        if not best:
            continue
        end = best
        if end < n and labels[end] == "B-LOCATION":
            end += 1
            while end < n and labels[end] == "I-LOCATION":
                end += 1
        _write(labels, i + 1, end, "ORGANIZATION")
        hints[(i + 1, end)] = 0.75


def latin_acronyms(labels: list[str], raws: Sequence[str], hints: Hints, *, brands: bool = True) -> None:
    """CNN, IBM, NATO written in Latin letters inside Persian/Arabic text, and (*brands*: Arabic news) a
    capitalised Latin word alone among Arabic-script words (Dell, وSony): a brand far more often than not."""
    n = len(raws)
    for i, r in enumerate(raws):
        if labels[i] != "O":
            continue
        if 2 <= len(r) <= 6 and r.isascii() and r.isalpha() and r.isupper():
            labels[i] = "B-ORGANIZATION"
            hints[(i, i + 1)] = ACRONYM_CONFIDENCE
            continue
        if not brands:
            continue
        word = r[1:] if r[:1] in "وبلف" else r
        latin_near = any(0 <= j < n and raws[j][:1].isascii() and raws[j][:1].isalpha() for j in (i - 1, i + 1))
        if len(word) >= 3 and word.isascii() and word.isalpha() and word[0].isupper() and not latin_near:
            labels[i] = "B-ORGANIZATION"  # a brand in Latin letters alone among Arabic-script words (Dell, وSony)
            hints[(i, i + 1)] = ACRONYM_CONFIDENCE


def apply(labels: list[str], norms: Sequence[str], raws: Sequence[str], lex: Lexicon,
          probs: Sequence[dict[str, float]] | None = None, *, ya_for_alef: bool = False
          ) -> tuple[list[str], Hints]:
    """All the rules above, in order; returns new labels and the confidences of the spans the rules made."""
    out = list(labels)
    hints: Hints = {}
    if lex.lang == "fa":
        region_names(out, norms, lex, hints)
        place_heads(out, norms, lex, hints)
        portfolios(out, norms, lex, hints)
    media_names(out, norms, lex, hints)
    org_heads(out, norms, lex, probs, hints)
    org_conjunctions(out, norms, probs)
    if lex.lang == "fa":
        org_place_suffix(out)
    if lex.lang == "ar":
        trim_outside_heads(out, norms, lex, hints)
    latin_acronyms(out, raws, hints, brands=lex.lang == "ar")
    if lex.lang == "ar":
        persons.speakers(out, norms, lex, hints)
    persons.given_names(out, norms, lex, hints)
    persons.given_name_places(out, norms, lex, hints)
    persons.drop_non_entities(out, norms, lex, ya_for_alef=ya_for_alef)
    if lex.lang == "ar":
        persons.name_particles(out, norms)
    trim_never_in_name(out, norms)
    live = {(s, e) for _t, s, e in spans(out)}
    return out, {k: v for k, v in hints.items() if k in live}
