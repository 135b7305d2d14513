"""Language identification for Tarjoman's two source languages: Persian (``fa``) and Arabic (``ar``).

Evidence is counted, not guessed from one letter: letters only one of the two languages writes (پ چ ژ گ ک ی
against ي ك ة ى), frequent function words (است، این، را، که against في، من، على، الذي), and the Arabic article
``ال``. Text in another language raises :class:`LanguageError` (a ``ValueError``) with a message a user
can act on: no Arabic-script letters at all (English, Latin-only), or letters that belong to Urdu, Pashto,
Kurdish or Uyghur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = ("fa", "ar")


class LanguageError(ValueError):
    """The text is neither Persian nor Arabic (or too little of it is)."""


# Letters written in Persian but not in standard Arabic, and the reverse.
_FA_LETTERS = frozenset("پچژگکیۀ")
_AR_LETTERS = frozenset("يكةى")
# Letters of other languages written in Arabic script (Urdu, Pashto, Kurdish Sorani, Uyghur, Sindhi).
_OTHER_LETTERS = {
    "Urdu": frozenset("ٹڈڑںےۓ"),
    "Pashto": frozenset("ټځڅډړږښګڼۍې"),
    "Kurdish": frozenset("ێۆڵڕەۊ"),
    "Uyghur": frozenset("ۇۈۋ"),
    "Sindhi": frozenset("ڀڄڃڇڊڍڏڙڦڱڻ"),
}
_FA_RE = re.compile("[" + "".join(sorted(_FA_LETTERS)) + "]")
_AR_RE = re.compile("[" + "".join(sorted(_AR_LETTERS)) + "]")
_OTHER_RE = {
    name: re.compile("[" + "".join(sorted(letters)) + "]") for name, letters in _OTHER_LETTERS.items()
}
_ARABIC_SCRIPT = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u200c]+")

_FA_WORDS = frozenset(
    "است این را که می های ها از به با برای یک آن شد کرد نیز هم تا اند خود شده بود او گفت کند شود"
    " می‌شود می‌کند کرده است؛ اما اگر چه چون همچنین درباره بین پس".split()
)
_AR_WORDS = frozenset(
    "في من على الذي التي أن إن قال إلى الى عن مع هذا هذه كان ذلك بين لم لن أو حيث وقد كما بعد عند"
    " الذين وفي وقال إنه أنه ولا قد هو هي".split()
)
# Words that are frequent in both languages (or ambiguous) are left out of both lists on purpose.

_MIN_SCRIPT_SHARE = 0.3


@dataclass(frozen=True)
class Evidence:
    """Counts behind a decision (useful for tests and for explaining a refusal)."""

    arabic_script: int
    latin: int
    fa_letters: int
    ar_letters: int
    fa_words: int
    ar_words: int
    al_words: int
    other: dict[str, int]

    @property
    def fa_score(self) -> float:
        return self.fa_letters + 3.0 * self.fa_words

    @property
    def ar_score(self) -> float:
        return self.ar_letters + 3.0 * self.ar_words + 0.5 * self.al_words


def evidence(text: str) -> Evidence:
    fa_letters = len(_FA_RE.findall(text))
    ar_letters = len(_AR_RE.findall(text))
    other = {name: len(rx.findall(text)) for name, rx in _OTHER_RE.items()}
    fa_words = ar_words = al_words = 0
    for w in _WORD.findall(text):
        if w in _FA_WORDS:
            fa_words += 1
        elif w in _AR_WORDS:
            ar_words += 1
        if len(w) > 3 and (w.startswith("ال") or w.startswith("وال") or w.startswith("بال")):
            al_words += 1
    return Evidence(
        arabic_script=len(_ARABIC_SCRIPT.findall(text)),
        latin=len(_LATIN.findall(text)),
        fa_letters=fa_letters,
        ar_letters=ar_letters,
        fa_words=fa_words,
        ar_words=ar_words,
        al_words=al_words,
        other=other,
    )


def has_arabic_script(text: str, min_letters: int = 1) -> bool:
    """True when the text holds at least *min_letters* Arabic-script letters."""
    return len(_ARABIC_SCRIPT.findall(text)) >= min_letters


def detect(text: str) -> str:
    """Return ``"fa"`` or ``"ar"``; raise :class:`LanguageError` for anything else."""
    ev = evidence(text)
    if ev.arabic_script == 0:
        if ev.latin:
            raise LanguageError(
                "no Persian or Arabic text found (the text is in Latin script); "
                "Tarjoman reads Persian and Arabic"
            )
        raise LanguageError("no Persian or Arabic text found")
    total_letters = ev.arabic_script + ev.latin
    if ev.arabic_script < _MIN_SCRIPT_SHARE * total_letters:
        share = round(100 * ev.arabic_script / total_letters)
        raise LanguageError(
            f"too little Persian or Arabic text: only {share}% of the letters are in Arabic script"
        )
    name, count = max(ev.other.items(), key=lambda kv: kv[1])
    if count >= 2 and count >= 0.01 * ev.arabic_script:
        raise LanguageError(
            f"this looks like {name} (it uses letters that Persian and Arabic do not); "
            "Tarjoman reads Persian and Arabic only"
        )
    fa, ar = ev.fa_score, ev.ar_score
    if fa == 0 and ar == 0:
        raise LanguageError(
            "cannot tell whether this text is Persian or Arabic (too short); choose the language explicitly"
        )
    return "fa" if fa > ar else "ar"


def check_language(language: str) -> str:
    """Validate a user-supplied language code."""
    code = (language or "").strip().lower()
    aliases = {"persian": "fa", "farsi": "fa", "fas": "fa", "per": "fa", "arabic": "ar", "ara": "ar"}
    code = aliases.get(code, code)
    if code not in LANGUAGES:
        raise LanguageError(f"unsupported language {language!r}; use 'fa' (Persian) or 'ar' (Arabic)")
    return code
