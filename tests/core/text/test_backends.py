"""The hazm adapter loads only hazm's Normalizer: not hazm/__init__ and its nltk, scipy, pandas, scikit-learn,
gensim and fasttext (checked in a fresh process, where nothing else has imported them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("nltk", "scipy", "pandas", "sklearn", "gensim", "fasttext")
# Written for this test: Arabic letter variants, glued می and ها, Latin digits, straight quotes.
TEXT = "وزير امور خارجه گفت كه مذاكرات ادامه مي يابد و كتابها را در 3 روز \"آينده\" بررسي ميكنند ."


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_persian_normalisation_imports_none_of_hazms_heavy_dependencies() -> None:
    got = _run(f"""
        import json, sys
        from reader.core.text.backends import hazm_normalizer, persian_lexicon
        text = hazm_normalizer().normalize({TEXT!r})
        lexicon = persian_lexicon()
        print(json.dumps({{"text": text, "words": len(lexicon.words), "stems": len(lexicon.past_stems),
                           "loaded": sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})),
                           "left": sorted(m for m in sys.modules if m.split(".")[0] in ("hazm", "nltk"))}}))
    """)
    assert got["loaded"] == [] and got["left"] == []
    assert "می‌یابد" in got["text"] and "۳" in got["text"] and "كه" not in got["text"]
    assert got["words"] > 100_000 and got["stems"] > 100


@pytest.mark.slow
def test_the_light_normalizer_matches_hazms_own_and_leaves_hazm_importable() -> None:
    got = _run(f"""
        import json
        from reader.core.text.backends import hazm_normalizer
        light = hazm_normalizer()
        import hazm  # the real package still imports afterwards (nothing of the light load is left behind)
        real = hazm.Normalizer(remove_diacritics=False)
        print(json.dumps({{"light": light.normalize({TEXT!r}), "real": real.normalize({TEXT!r}),
                           "same_lexicon": light.words == real.words and light.verbs == real.verbs,
                           "real_is_real": type(real).__module__ == "hazm.normalizer" and hasattr(hazm, "POSTagger")}}))
    """)
    assert got["light"] == got["real"]
    assert got["same_lexicon"] and got["real_is_real"]
