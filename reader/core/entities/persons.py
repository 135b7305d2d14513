"""Person rules after the CRF and the lexicon, and the removal of spans that are no names.

- a place name that is also a given name, followed by an unknown family name (آسيا العتروس), is a person;
- Arabic: an unknown word after a verb of saying is the speaker (وأضاف دويسنبرج أن); أبو/ابن/بن belong to the name;
- a given name followed by an unknown word is a person with a family name (جوناثان تود);
- spans that are no names: words listed in the lexicon (currencies, «فيروس كورونا», «بشدة»), a head word alone
  (مجلس, البرلمان), person spans trimmed of function words, plurals, numbers and adverbs (اصناف، دو سال، می کند),
  and the preposition على written علي (Egyptian spelling) taken for the name Ali.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.entities.bio import SpanScores as Hints
from reader.core.entities.bio import clear as _clear
from reader.core.entities.bio import spans
from reader.core.entities.bio import write as _write
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import clitic_splits, is_word, key, norm

# على written علي (Egyptian and some Gulf spelling) before these words is the preposition, not the name Ali
ALA_IDIOMS = frozenset({"الرغم", "الاقل", "سبیل", "مستوی", "مستوى", "ان", "حد", "هامش", "صعید", "خلفیه", "راس",
                        "وجه", "الفور", "مدی", "مدى", "طول", "متن", "الصعید", "الاطلاق", "غرار", "اثر", "ید",
                        "انه", "انها", "نحو", "الساحه", "ضوء", "قدم", "عاتق", "اساس", "الحدود", "الارض"})


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
    return (is_word(w) and len(w) >= 3 and w not in lex.common and w not in lex.stopwords and w not in lex.names
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
            b = e
            while b - s >= 2 and lex.lang == "fa" and norms[b - 1].endswith("های") \
                    and norms[b - 1] not in lex.names:  # ... مجلس | جلسه‌ای: an indefinite or plural noun
                b -= 1
            if b < e:
                _clear(labels, s, e)
                _write(labels, s, b, typ)
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
