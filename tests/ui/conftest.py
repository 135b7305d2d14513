"""Qt fixtures: a main window over an isolated library (offscreen platform set in the root conftest)."""

from __future__ import annotations

import pytest

from reader.core.types import ProcessedText
from tests.support.articles import processed_from_sentences

FA_SENTENCES = [
    "وزیر امور خارجه ایران روز دوشنبه به مسکو سفر کرد.",
    "او در این سفر با همتای روسی خود درباره همکاری‌های اقتصادی گفت‌وگو خواهد کرد.",
    "به گفته کارشناسان، این دیدار می‌تواند راه را برای قراردادهای تازه باز کند.",
    "سازمان ملل متحد از هر دو کشور خواسته است به تعهدات خود پایبند بمانند.",
    "آیا این سفر نتیجه‌ای خواهد داشت؟",
    "پاسخ این پرسش تا پایان هفته روشن می‌شود.",
]


def processed(sentences: list[str], lang: str = "fa", title: str = "سفر وزیر به مسکو") -> ProcessedText:
    return processed_from_sentences(sentences, lang, title, per_paragraph=3, date="۱۴۰۳/۰۲/۱۰",
                                    meta={"news_code": "12345"})


@pytest.fixture
def window(qtbot, library):
    """A shown MainWindow with one Persian article open (no translation model installed)."""
    from reader.settings import Settings
    from reader.store import repo
    from reader.ui.app import create_window
    from reader.ui.hub import reset_hub

    s = Settings()
    s.first_run_done = True
    s.save()
    reset_hub()
    art = repo.save_article(processed(FA_SENTENCES))
    _app, win = create_window([], restore=False)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    win.open_article(art.id)
    yield win
    win.tasks.cancel_all(wait=5)
