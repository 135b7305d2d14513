"""Language identification for Tarjoman's two source languages: Persian (``fa``) and Arabic (``ar``).

Evidence is counted, not guessed from one letter: letters only one of the two languages writes (پ چ ژ گ
against ة ى), frequent function words (است، این، را، که، می against في، على، الذي), looked up with ي/ك folded
to ی/ک, and the Arabic article ``ال``. The spelling of yeh and kaf (ی ک against ي ك) counts little: Persian
typed on an Arabic keyboard or kept in an old archive («مي كند», «براي») is still Persian. Text in another language raises :class:`LanguageError` (a ``ValueError``) with a message a user
can act on: no Arabic-script letters at all (English, Latin-only), or letters that belong to Urdu, Pashto,
Kurdish or Uyghur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = ("fa", "ar")


class LanguageError(ValueError):
    """The text is neither Persian nor Arabic (or too little of it is)."""


# Letters only Persian writes (Arabic spells foreign names with ب ج ز غ ك instead), and letters only Arabic
# writes. ی/ک against ي/ك is spelling, not language: Persian typed on an Arabic keyboard or taken from an old
# archive writes «مي كند», «براي»; those four letters count little.
_FA_LETTERS = frozenset("پچژگ")
_AR_LETTERS = frozenset("ة")
_FA_SPELLING = frozenset("کیۀ۰۱۲۳۴۵۶۷۸۹")  # and Persian digits
_AR_SPELLING = frozenset("يكى٠١٢٣٤٥٦٧٨٩")  # ى too: old Persian text writes final ye so; and digits
# Letters of other languages written in Arabic script (Urdu, Pashto, Kurdish Sorani, Uyghur, Sindhi).
_OTHER_LETTERS = {
    "Urdu": frozenset("ٹڈڑںےۓ"),
    "Pashto": frozenset("ټځڅډړږښګڼۍې"),
    "Kurdish": frozenset("ێۆڵڕەۊ"),
    "Uyghur": frozenset("ۇۈۋ"),
    "Sindhi": frozenset("ڀڄڃڇڊڍڏڙڦڱڻ"),
}


def _class(letters: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(letters)) + "]")


_FA_RE = _class(_FA_LETTERS)
_AR_RE = _class(_AR_LETTERS)
_FA_SPELLING_RE = _class(_FA_SPELLING)
_AR_SPELLING_RE = _class(_AR_SPELLING)
_OTHER_RE = {name: _class(letters) for name, letters in _OTHER_LETTERS.items()}
_ARABIC_SCRIPT = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u200c]+")
# Words are looked up with ي/ك folded to ی/ک and ZWNJ dropped, so «براي», «مي‌كند» and «میکند» all count.
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": ""})
_FA_FOLD = str.maketrans({"ى": "ی"})  # «مى كند», «براى»: alef maqsura as Persian final ye

_FA_WORDS = frozenset(
    "است این را که می نمی های ها از به با برای یک آن شد کرد نیز هم تا اند خود شده بود او گفت کند شود"
    " میشود میکند کرده اما اگر چه چون همچنین درباره پس ایشان آنها اینکه آنکه شدند کردند بودند"
    " هستند نیست هست باید دارد داشت دارند داشته گفته میگوید میدهد خواهد خبرگزاری گزارش ایران"
    " بسیار خیلی چرا کجا چطور امروز دیروز ما شما ولی یا همه هیچ بیش کم بیشتر کمتر بر روی زیر"
    " وی آنان چند پیش اکنون هنوز تنها همین همان".split()
)
_AR_WORDS = frozenset(
    "فی على الذی التی أن إن قال إلى الى عن هذا هذه کان کانت ذلک تلک لم لن أو حیث وقد کما عند"
    " الذین وفی وقال إنه أنه ولا قد هو هی ثم لقد إذ إذا هناک لیس کل بأن وأن التى الذى علیه علیها"
    " فیه فیها منذ حتى لدى أیضا ضد نحو وهو وهی لها له ذات".split()
)
# Words frequent in both languages (بین، بعد، قبل، من، ما) are left out of both lists on purpose.
_MIN_SCRIPT_SHARE = 0.3
_WORD_WEIGHT = 3.0
_LETTER_WEIGHT = 2.0
_SPELLING_WEIGHT = 0.25


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
    fa_spelling: int = 0
    ar_spelling: int = 0

    @property
    def fa_score(self) -> float:
        return (
            _LETTER_WEIGHT * self.fa_letters
            + _WORD_WEIGHT * self.fa_words
            + _SPELLING_WEIGHT * self.fa_spelling
        )

    @property
    def ar_score(self) -> float:
        return (
            _LETTER_WEIGHT * self.ar_letters
            + _WORD_WEIGHT * self.ar_words
            + 0.5 * self.al_words
            + _SPELLING_WEIGHT * self.ar_spelling
        )


def evidence(text: str) -> Evidence:
    fa_letters = len(_FA_RE.findall(text))
    ar_letters = len(_AR_RE.findall(text))
    other = {name: len(rx.findall(text)) for name, rx in _OTHER_RE.items()}
    fa_words = ar_words = al_words = 0
    for raw in _WORD.findall(text):
        w = raw.translate(_FOLD)
        fa_w = w.translate(_FA_FOLD)
        if fa_w in _FA_WORDS or (
            len(fa_w) > 4 and (fa_w.startswith("می") or fa_w.startswith("نمی")) and "\u200c" in raw
        ):
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
        fa_spelling=len(_FA_SPELLING_RE.findall(text)),
        ar_spelling=len(_AR_SPELLING_RE.findall(text)),
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
            f"too little Persian or Arabic text: only {share}% of the letters are in Arabic script "
            "(to read just its Persian/Arabic passages: tarjoman import --passages)"
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
