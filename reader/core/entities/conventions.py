"""Rules after the CRF and the lexicon that follow news conventions and remove known false positives.

Each rule works on one sentence's BIO labels and returns the labels with, for the spans it created, a
confidence (``hints``, keyed by token span):

- place heads: news corpora include the word before a place in its name (استان تهران, شهرستان کرج);
- organisation heads: a head noun (سازمان، وزارت، دانشگاه، حزب، جبهة، الائتلاف…) that the CRF left outside
  any entity starts an organisation when it is followed by a name (دانشگاه تهران, دولت آمریکا) or by words the
  CRF itself sees as the inside of an organisation (marginal probability), or, in Arabic, by definite words
  (جبهة النصرة, الائتلاف الوطني السوري);
- Latin acronyms (CNN, IBM) inside Persian/Arabic text are organisations;
- a place name that is also a given name, followed by an unknown family name (آسيا العتروس), is a person;
- spans that are no names: words listed in the lexicon (currencies, «فيروس كورونا», «بشدة»), a head word alone
  (مجلس, البرلمان), person spans trimmed of function words, plurals, numbers and adverbs (اصناف، دو سال، می کند),
  and the preposition على written علي (Egyptian spelling) taken for the name Ali.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.entities.bio import spans
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import clitic_splits, key, norm

Hints = dict[tuple[int, int], float]
HEAD_CONFIDENCE = 0.6  # an organisation found by its head noun
ACRONYM_CONFIDENCE = 0.6
PLACE_HEAD_EXTRA = ("دولت", "سفارت", "کنسولگری")  # heads only before a name (دولت آمریکا), never alone
# Arabic news (ANERcorp's convention): these heads are part of the name (حزب الله, مجلس الأمن, جبهة النصرة) ...
AR_HEADS_IN = frozenset({"حزب", "مجلس", "جامعه", "منظمه", "جبهه", "ائتلاف", "اتحاد", "تحالف", "هیئه", "تنظیم"})
# ... and these are not: the name is what follows (صحيفة «الأهرام», حركة «حماس», وكالة «فرانس برس»)
AR_HEADS_OUT = frozenset({"صحیفه", "قناه", "وکاله", "حرکه", "شرکه", "مجله", "شبکه"})
INSIDE_ORG_MIN = 0.2  # marginal of I-ORGANIZATION that lets a head-noun organisation grow over a word
# على written علي (Egyptian and some Gulf spelling) before these words is the preposition, not the name Ali
ALA_IDIOMS = frozenset({"الرغم", "الاقل", "سبیل", "مستوی", "مستوى", "ان", "حد", "هامش", "صعید", "خلفیه", "راس",
                        "وجه", "الفور", "مدی", "مدى", "طول", "متن", "الصعید", "الاطلاق", "غرار", "اثر", "ید",
                        "انه", "انها", "نحو", "الساحه", "ضوء", "قدم", "عاتق", "اساس", "الحدود", "الارض"})


def _write(labels: list[str], start: int, end: int, typ: str) -> None:
    labels[start] = "B-" + typ
    for k in range(start + 1, end):
        labels[k] = "I-" + typ


def _clear(labels: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        labels[k] = "O"


def _is_word(w: str) -> bool:
    return bool(w) and w[0].isalpha()


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
        while j < n and j - i <= 4 and labels[j] == "O" and _is_word(norms[j]) and norms[j] not in lex.stopwords:
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
        while (j + 1 < n and norms[j] == "و" and labels[j] == "O" and labels[j + 1] == "O" and _is_word(norms[j + 1])
               and probs[j + 1].get("I-ORGANIZATION", 0.0) >= INSIDE_ORG_MIN
               and probs[j].get("I-ORGANIZATION", 0.0) >= INSIDE_ORG_MIN / 2):
            j += 2
            while j < n and labels[j] == "O" and _is_word(norms[j]) \
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


def latin_acronyms(labels: list[str], raws: Sequence[str], hints: Hints) -> None:
    """CNN, IBM, NATO written in Latin letters inside Persian/Arabic text, and a capitalised Latin word alone
    among Arabic-script words (Dell, وSony): a brand or a medium far more often than anything else."""
    n = len(raws)
    for i, r in enumerate(raws):
        if labels[i] != "O":
            continue
        if 2 <= len(r) <= 6 and r.isascii() and r.isalpha() and r.isupper():
            labels[i] = "B-ORGANIZATION"
            hints[(i, i + 1)] = ACRONYM_CONFIDENCE
            continue
        word = r[1:] if r[:1] in "وبلف" else r
        latin_near = any(0 <= j < n and raws[j][:1].isascii() and raws[j][:1].isalpha() for j in (i - 1, i + 1))
        if len(word) >= 3 and word.isascii() and word.isalpha() and word[0].isupper() and not latin_near:
            labels[i] = "B-ORGANIZATION"  # a brand in Latin letters alone among Arabic-script words (Dell, وSony)
            hints[(i, i + 1)] = ACRONYM_CONFIDENCE


def given_name_places(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """آسيا العتروس: a place that is also a given name, then an unknown family name with the article."""
    for typ, s, e in spans(labels):
        if typ != "LOCATION" or e - s != 1 or norms[s] not in lex.given_places or e >= len(norms):
            continue
        nxt = norms[e]
        if (labels[e] == "O" and nxt.startswith("ال") and len(nxt) >= 5 and nxt not in lex.names
                and nxt not in lex.known_words and nxt not in lex.common and lex.vocab.get(nxt, 0) <= 2
                and not nxt.endswith(("ی", "یه", "ه", "ین", "ون"))):
            _write(labels, s, e + 1, "PERSON")
            hints[(s, e + 1)] = 0.6


# Arabic news puts the speaker right after the verb of saying (وأضاف دويسنبرج أن ...)
AR_SAY_VERBS = frozenset(norm(w) for w in (
    "قال", "أضاف", "أكد", "أشار", "أوضح", "صرح", "ذكر", "تابع", "اعتبر", "رأى", "لفت", "شدد", "أعلن", "أردف",
    "قالت", "أضافت", "أكدت", "أشارت", "أوضحت", "صرحت", "ذكرت", "تابعت", "اعتبرت", "رأت", "لفتت", "شددت",
    "أعلنت", "أردفت", "ركز"))
SPEAKER_CONFIDENCE = 0.55


def _unknown_word(w: str, lex: Lexicon) -> bool:
    """Not a word the corpus or the lexicon knows as a common word, a place or an organisation."""
    return (_is_word(w) and len(w) >= 3 and w not in lex.common and w not in lex.stopwords and w not in lex.names
            and w not in lex.triggers and w not in lex.title_words and lex.vocab.get(w, 0) <= 1
            and not w.isascii() and lex.word_classes.get(w, "0")[:1] <= "3")  # rare in hazm's word list


def speakers(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """Arabic: an unknown word (or two) right after a verb of saying, before أن/إن/:/, is the speaker."""
    n = len(norms)
    for i in range(n - 2):
        if norms[i] not in AR_SAY_VERBS and not any(r in AR_SAY_VERBS for _p, r in clitic_splits(norms[i], "ar")):
            continue
        j = i + 1
        while j < n and j - i <= 3 and labels[j] == "O" and (_unknown_word(norms[j], lex)
                                                              or (j == i + 1 and norms[j] in lex.first_names)):
            j += 1
        if j > i + 1 and j < n and (norms[j] in ("ان", "انه", "انها", ":", "،", ",")
                                    or labels[j].startswith("B-")):
            _write(labels, i + 1, j, "PERSON")
            hints[(i + 1, j)] = SPEAKER_CONFIDENCE


AMBIGUOUS_GIVEN = frozenset({"علی", "جمیله", "امل", "نور", "انا", "سعید", "کریم", "جمیل", "سالم", "عادل", "کمال",
                             "مالک", "امین", "فارس", "رشید", "هادی", "ناصر", "منصور", "حامد", "شریف"})


def given_names(labels: list[str], norms: Sequence[str], lex: Lexicon, hints: Hints) -> None:
    """A given name followed by an unknown word is a person with a family name (جوناثان تود, سرهنگ یوسف
    سپهوند): a new person when the CRF left the given name out, a longer one when it tagged the given name alone."""
    n = len(norms)
    for i in range(n - 1):
        if norms[i] not in lex.first_names or norms[i] in AMBIGUOUS_GIVEN:
            continue
        alone = labels[i] == "B-PERSON" and not labels[i + 1].startswith("I-")
        if labels[i] != "O" and not alone:
            continue
        j = i + 1
        if labels[j] == "O" and (_unknown_word(norms[j], lex) or norms[j] in lex.first_names):
            _write(labels, i, j + 1, "PERSON")
            hints[(i, j + 1)] = 0.6 if not alone else 0.7


def _glued_common(w: str, lex: Lexicon) -> bool:
    """Arabic: «و» glued to a word the corpus knows as common (كيم وابنته "and his daughter")."""
    if lex.lang != "ar" or not w.startswith("و") or w in lex.first_names or w in lex.known_words:
        return False
    rest = w[1:]
    return len(rest) >= 3 and rest not in lex.first_names and rest not in lex.known_words and (
        rest in lex.common or lex.vocab.get(rest, 0) >= 2 or rest.endswith(("ه", "ها", "هم")))


def _not_name_word(w: str, lex: Lexicon, *, trailing: bool = False) -> bool:
    """A word a person's name does not start with (or, *trailing*, end with: family names are often common
    words, so only function words, plurals, numbers and adverbs are cut from the end)."""
    if w in lex.not_entities or w in lex.never_person or w in lex.stopwords:
        return True
    if lex.lang == "fa" and len(w) >= 5 and w.endswith(("گران", "ها")) and w not in lex.known_words:
        return True  # Persian plurals: تحلیلگران, کشورها
    return not trailing and w in lex.common and w not in lex.first_names and w not in lex.known_words


AR_PARTICLES = frozenset({"ابو", "ابن", "بن"})  # أبو أيوب, ابن خلدون: part of the name in Arabic news


def name_particles(labels: list[str], norms: Sequence[str]) -> None:
    """Arabic: أبو/ابن/بن right before a person belong to the name, and so does a family name with the article
    right after it (أبو أيوب | المصري)."""
    for typ, s, e in spans(labels):
        if typ == "PERSON" and s > 0 and labels[s - 1] == "O" and norms[s - 1] in AR_PARTICLES:
            _write(labels, s - 1, e, "PERSON")
    found = spans(labels)
    for (t1, _s1, e1), (t2, s2, e2) in zip(found, found[1:], strict=False):
        if t1 == t2 == "PERSON" and e1 == s2 and e2 - s2 == 1 and norms[s2].startswith("ال"):
            labels[s2] = "I-PERSON"


def drop_non_entities(labels: list[str], norms: Sequence[str], lex: Lexicon, *, ya_for_alef: bool = False) -> None:
    """Remove spans that are no names and trim person spans of words that are never part of one."""
    for typ, s, e in spans(labels):
        words = [w for w in norms[s:e] if w != "-"]
        whole = "".join(words)
        if whole in lex.not_entities or any(r in lex.not_entities for _p, r in clitic_splits(whole, lex.lang)):
            _clear(labels, s, e)
            continue
        if typ == "ORGANIZATION" and len(words) == 1 and words[0] in lex.generic_orgs:
            _clear(labels, s, e)
            continue
        if e - s >= 2 and norms[s] in lex.not_entities:  # ریال عمان, کرون نروژ: a currency, then its country
            rest = lex.names.get("".join(norms[s + 1:e]))
            _clear(labels, s, e)
            if rest is not None:
                _write(labels, s + 1, e, rest.type)
            continue
        if typ != "PERSON":
            continue
        if norms[s] == "علی" and lex.lang == "ar" and (
                e - s == 1 or (e - s > 1 and norms[s + 1] in ALA_IDIOMS)
                or (e < len(norms) and e - s == 1 and norms[e] in ALA_IDIOMS)):
            _clear(labels, s, e)
            continue
        if whole in lex.names:
            continue  # a known name (کیم جونگ اون) keeps all its words
        a, b = s, e
        while a < b and _not_name_word(norms[a], lex) and norms[a] not in lex.names:
            a += 1
        while b > a and norms[b - 1] not in lex.names and (
                norms[b - 1] in lex.not_entities or _glued_common(norms[b - 1], lex)
                or (_not_name_word(norms[b - 1], lex, trailing=True)
                    and not (b - 2 >= a and norms[b - 2] in lex.first_names))):  # محمد مرسی: a family name
            b -= 1
        if (a, b) != (s, e):
            _clear(labels, s, e)
            if b - a >= 1 and key(" ".join(norms[a:b])) not in lex.not_entities:
                _write(labels, a, b, "PERSON")


def apply(labels: list[str], norms: Sequence[str], raws: Sequence[str], lex: Lexicon,
          probs: Sequence[dict[str, float]] | None = None, *, ya_for_alef: bool = False
          ) -> tuple[list[str], Hints]:
    """All the rules above, in order; returns new labels and the confidences of the spans the rules made."""
    out = list(labels)
    hints: Hints = {}
    if lex.lang == "fa":
        region_names(out, norms, lex, hints)
        place_heads(out, norms, lex, hints)
    media_names(out, norms, lex, hints)
    org_heads(out, norms, lex, probs, hints)
    org_conjunctions(out, norms, probs)
    if lex.lang == "fa":
        org_place_suffix(out)
    if lex.lang == "ar":
        trim_outside_heads(out, norms, lex, hints)
    latin_acronyms(out, raws, hints)
    if lex.lang == "ar":
        speakers(out, norms, lex, hints)
    given_names(out, norms, lex, hints)
    given_name_places(out, norms, lex, hints)
    drop_non_entities(out, norms, lex, ya_for_alef=ya_for_alef)
    if lex.lang == "ar":
        name_particles(out, norms)
    live = {(s, e) for _t, s, e in spans(out)}
    return out, {k: v for k, v in hints.items() if k in live}
