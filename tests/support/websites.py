"""A real HTTP server on 127.0.0.1 serving news pages and feeds we wrote, in the shapes of real sites.

``serve()`` starts a ``ThreadingHTTPServer`` in a thread and returns a :class:`Site`; ``site.url("/path")``
gives absolute addresses and ``site.hits`` counts requests per path. Routes: the pages below (menus,
related links, share bars, comment forms, bylines, kickers, leads, OpenGraph/JSON-LD), a windows-1256 page,
a page whose ``<meta charset>`` lies, gzip, redirects and a redirect loop, 404, 500, a slow page (times out),
a huge page, RSS (summaries only) and Atom (full content) feeds, a broken feed and a slow feed. All text here
is our own, never copied from a real site.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FA_HEADLINE = "افزایش قیمت نان در شهرهای شمالی"
FA_KICKER = "سخنگوی اتحادیه نانوایان اعلام کرد:"
FA_LEAD = "قیمت نان در سه استان شمالی از ابتدای هفته آینده ده درصد افزایش می‌یابد."
FA_BODY = [
    "سخنگوی اتحادیه نانوایان روز دوشنبه در گفت‌وگو با خبرنگاران گفت هزینه آرد و سوخت در ماه‌های گذشته بالا رفته است.",
    "به گفته او نانوایی‌های کوچک بیشترین فشار را تحمل کرده‌اند و برخی از آن‌ها ساعت کار خود را کم کرده‌اند.",
    "وی افزود که اتحادیه پیشنهاد کرده است یارانه سوخت نانوایی‌ها تا پایان سال ادامه یابد.",
    "کارشناسان اقتصادی می‌گویند افزایش قیمت نان بر سبد خرید خانوارهای کم‌درآمد اثر مستقیم دارد.",
]
AR_HEADLINE = "افتتاح جسر جديد فوق النهر في العاصمة"
AR_LEAD = "افتتحت البلدية صباح اليوم جسرا جديدا يربط ضفتي النهر بعد عامين من العمل."
AR_BODY = [
    "وقال رئيس البلدية في كلمة خلال الافتتاح إن الجسر سيخفف الازدحام في وسط المدينة بشكل كبير.",
    "وأضاف أن المشروع نفذته شركات محلية بتمويل من صندوق التنمية الوطني.",
    "ويبلغ طول الجسر نحو ثمانمئة متر ويضم مسارا خاصا للدراجات الهوائية وممرات للمشاة.",
    "وأعرب عدد من السكان عن ارتياحهم للمشروع الذي طال انتظاره منذ سنوات.",
]
AR_BODY_2 = [
    "أعلنت وزارة الصحة اليوم عن حملة تطعيم جديدة تشمل جميع المحافظات.",
    "وقال المتحدث باسم الوزارة إن الحملة تستمر أسبوعين وتستهدف الأطفال دون الخامسة.",
    "وأوضح أن الفرق الصحية ستزور المدارس والمراكز الصحية في القرى النائية.",
]


def _chrome_fa(body: str, *, title: str, canonical: str = "", charset: str = "utf-8") -> str:
    """A Persian news page: menu, breadcrumbs, share bar, related news, comment form, footer."""
    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="{charset}">
<title>{title} - خبرگزاری نمونه</title>
{canon}
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="خبرگزاری نمونه">
<meta property="og:type" content="article">
<meta name="description" content="{FA_LEAD}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{title}","datePublished":"2024-03-11T09:30:00+03:30","author":{{"@type":"Person","name":"مریم احمدی"}}}}</script>
<style>.menu{{color:red}}</style></head>
<body>
<header><nav class="menu"><ul><li><a href="/">صفحه اول</a></li><li><a href="/s/politics">سیاسی</a></li>
<li><a href="/s/economy">اقتصادی</a></li><li><a href="/s/sport">ورزشی</a></li><li><a href="/s/world">بین‌الملل</a></li></ul></nav>
<div class="breadcrumb"><a href="/">خانه</a> › <a href="/s/economy">اقتصادی</a></div></header>
<main><article>
{body}
</article>
<div class="share">اشتراک‌گذاری: <a href="#">تلگرام</a> <a href="#">واتساپ</a> <a href="#">توییتر</a></div>
<section class="related"><h3>اخبار مرتبط</h3><ul>
<li><a href="/n/2">کاهش صادرات گندم در سال جاری</a></li><li><a href="/n/3">نشست وزیران کشاورزی در پایتخت</a></li></ul></section>
<section class="comments"><h3>نظر شما</h3><form><p>نظرات حاوی توهین منتشر نمی‌شود.</p>
<input name="name" placeholder="نام"><textarea name="c"></textarea><button>ارسال نظر</button></form></section>
</main>
<footer><p>تمامی حقوق این سایت محفوظ است.</p></footer></body></html>"""


def fa_article_body(headline: str = FA_HEADLINE) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in FA_BODY)
    return (f'<div class="kicker">{FA_KICKER}</div><h1>{headline}</h1>'
            f'<div class="byline">نویسنده: مریم احمدی | ۲۱ اسفند ۱۴۰۲ - ۰۹:۳۰</div>'
            f'<p class="lead"><strong>{FA_LEAD}</strong></p>\n{paras}')


def ar_page(charset_meta: str, body_paras: list[str] = AR_BODY, headline: str = AR_HEADLINE) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body_paras)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">
<title>{headline} | صحيفة المثال</title>
<meta property="og:title" content="{headline}"><meta property="og:url" content="https://news.example.org/ar/bridge">
</head><body>
<div id="menu"><a href="/">الرئيسية</a> | <a href="/local">محليات</a> | <a href="/sport">رياضة</a> | <a href="/econ">اقتصاد</a></div>
<div class="post"><h1>{headline}</h1><p class="author">كتب: سامر خليل</p><p class="lead"><b>{AR_LEAD}</b></p>
{paras}
<div class="tags">وسوم: البلدية، النقل، العاصمة</div></div>
<div class="more"><h4>اقرأ أيضا</h4><a href="/x1">ارتفاع أسعار الخضار في الأسواق</a><br><a href="/x2">مباراة الديربي تنتهي بالتعادل</a></div>
<div class="comment-form">أضف تعليقك<form><textarea></textarea><input type="submit" value="إرسال"></form></div>
</body></html>"""


def rss_feed(base: str, items: list[tuple[str, str, str, str]]) -> str:
    """RSS 2.0 with summaries only: (guid path, title, summary, pubDate)."""
    entries = "\n".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<description><![CDATA[<p>{s}</p>]]></description><pubDate>{d}</pubDate></item>"
        for path, t, s, d in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>خبرگزاری نمونه - اقتصادی</title><link>{base}/</link>
<description>آخرین اخبار اقتصادی</description><language>fa</language>
{entries}
</channel></rss>"""


def atom_feed(base: str) -> str:
    """Atom with the full article in <content> (no page fetch needed)."""
    content = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in AR_BODY_2)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>صحيفة المثال - صحة</title>
<link href="{base}/ar/"/><id>urn:example:ar-health</id><updated>2024-05-02T10:00:00Z</updated>
<entry><title>حملة تطعيم جديدة في جميع المحافظات</title><link href="{base}/ar/vaccine"/>
<id>urn:example:ar-health:1</id><updated>2024-05-02T10:00:00Z</updated>
<summary>أعلنت وزارة الصحة عن حملة تطعيم.</summary>
<content type="html">{content}</content></entry>
</feed>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between chunks of the body
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class Site:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes = b"", *, status: int = 200, content_type: str = "text/html",
            charset: str | None = "utf-8", encoding: str = "utf-8", **kw: object) -> None:
        data = body.encode(encoding) if isinstance(body, str) else body
        headers = dict(kw.pop("headers", {}) or {})  # type: ignore[arg-type]
        headers.setdefault("Content-Type", content_type + (f"; charset={charset}" if charset else ""))
        self.routes[path] = Route(data, status, headers, **kw)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *_args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        site.hits[path] += 1
        route = site.routes.get(path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            body = "<html><body><h1>صفحه پیدا نشد</h1></body></html>".encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if route.handler is not None:
            route.handler(self)
            return
        if route.delay:
            time.sleep(route.delay)
        body = route.body
        try:
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if route.headers.get("Content-Encoding") == "gzip":
                body = gzip.compress(body)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if route.drip:
                for i in range(0, len(body), 64):
                    self.wfile.write(body[i:i + 64])
                    self.wfile.flush()
                    time.sleep(route.drip)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    site = Site(server)
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def news_site(site: Site) -> Site:
    """Install the standard pages on *site*."""
    b = site.base
    site.add("/fa/bread", _chrome_fa(fa_article_body(), title=FA_HEADLINE, canonical=f"{b}/fa/bread"))
    site.add("/fa/bread-gz", _chrome_fa(fa_article_body(), title=FA_HEADLINE, canonical=f"{b}/fa/bread"),
             headers={"Content-Encoding": "gzip"})
    site.add("/ar/bridge-1256", ar_page("windows-1256"), charset=None, encoding="windows-1256")
    site.add("/ar/bridge-header", ar_page("windows-1256"), charset="windows-1256", encoding="windows-1256")
    # the meta says windows-1256 but the page was re-saved as UTF-8
    site.add("/ar/lying-meta", ar_page("windows-1256"), charset=None, encoding="utf-8")
    # the server claims iso-8859-1, the bytes are windows-1256
    site.add("/ar/lying-header", ar_page("windows-1256"), charset="iso-8859-1", encoding="windows-1256")
    site.add("/old", b"", status=301, headers={"Location": "/fa/bread"})
    site.add("/older", b"", status=302, headers={"Location": f"{b}/old"})
    site.add("/loop-a", b"", status=302, headers={"Location": "/loop-b"})
    site.add("/loop-b", b"", status=302, headers={"Location": "/loop-a"})
    site.add("/error", "<html><body>خطای داخلی</body></html>", status=500)
    site.add("/slow", _chrome_fa(fa_article_body(), title=FA_HEADLINE), delay=3.0)
    site.add("/drip", _chrome_fa(fa_article_body(), title=FA_HEADLINE), drip=0.05)
    huge = _chrome_fa(fa_article_body() + "<p>" + "متن " * 800_000 + "</p>", title=FA_HEADLINE)
    site.add("/huge", huge)
    site.add("/huge-gz", huge, headers={"Content-Encoding": "gzip"})  # small on the wire: cut while streaming
    site.add("/image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png", charset=None)
    site.add("/en", "<html><body><h1>Bread prices rise</h1><p>Prices rise in the north.</p></body></html>")
    return site


RSS_ITEMS = [
    ("/fa/bread", "افزایش قیمت نان در شهرهای شمالی", "قیمت نان ده درصد افزایش می‌یابد.",
     "Mon, 11 Mar 2024 06:00:00 GMT"),
    ("/fa/gone", "خبری که دیگر در سایت نیست", "این خبر فقط یک خلاصه دارد و صفحه‌اش حذف شده است. "
     "خلاصه خبر درباره بازار میوه است که امروز شلوغ بود.", "Mon, 11 Mar 2024 05:00:00 GMT"),
]


def feed_site(site: Site) -> Site:
    """News pages plus feeds: RSS (summaries only, one page missing), Atom (full text), broken and slow."""
    news_site(site)
    b = site.base
    site.add("/rss/economy.xml", rss_feed(b, RSS_ITEMS), content_type="application/rss+xml",
             headers={"ETag": '"v1"'})
    site.add("/atom/health.xml", atom_feed(b), content_type="application/atom+xml")
    site.add("/feeds/broken.xml", "<html><body><p>این یک صفحه است، نه خوراک.</p></body></html>")
    site.add("/feeds/slow.xml", atom_feed(b), content_type="application/atom+xml", delay=6.0)
    site.add("/fa/", '<html><head><link rel="alternate" type="application/rss+xml" title="اقتصادی" '
             'href="/rss/economy.xml"></head><body><p>صفحه اول</p></body></html>')
    return site
