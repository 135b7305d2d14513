"""News-style training sentences for the Persian model, generated from templates written for Tarjoman.

The shippable Persian corpus (ParsTwiNER) is tweets; the app reads news. These templates carry the contexts of
news prose (titles before names, "گفت"/"افزود" after them, "در X" for places, organisation names built from a
head word like وزارت/سازمان/دانشگاه and a complement), and their slots are filled from the training corpus's
own entities, the gazetteer and the organisation patterns below, so the CRF sees many names in news contexts.
Everything here is our own text (GPL like the app); generation is deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from reader.core.entities.lexicon import Lexicon
from reader.core.entities.text import key, tokenize
from tools.ner.corpora import Sentence, spans

TEMPLATES_FA: tuple[str, ...] = (
    "{PER} ، وزیر امور خارجه {LOC} ، روز {DAY} در دیدار با همتای خود در {CITY} گفت که روابط دو کشور رو به گسترش است .",
    "به گزارش {NEWS} ، {PER} در این نشست افزود : دولت برای حل این مشکل برنامه دارد .",
    "{PER} ، رئیس {ORG} ، امروز در جمع خبرنگاران اعلام کرد که قیمت‌ها افزایش نمی‌یابد .",
    "سخنگوی {ORG} در گفتگو با خبرنگار {NEWS} گفت : این طرح از ماه آینده در {CITY} اجرا می‌شود .",
    "{PER} که برای شرکت در اجلاس {ORG} به {CITY} سفر کرده است ، با {PER2} دیدار و گفتگو کرد .",
    "آقای {PER} در پاسخ به پرسشی درباره تحریم‌ها گفت که {LOC} راه دیگری ندارد .",
    "خانم {PER} ، نماینده مردم {CITY} در مجلس ، این تصمیم را نادرست خواند .",
    "بر اساس گزارش {ORG} ، صادرات {LOC} به {LOC2} در سال گذشته {NUM} درصد رشد داشته است .",
    "{ORG} در بیانیه‌ای حمله اخیر به غیرنظامیان در {LOC} را محکوم کرد .",
    "هیئتی از {LOC} به ریاست {PER} وارد {CITY} شد .",
    "{PER} ، سرمربی تیم {ORG} ، پس از بازی گفت که بازیکنانش عملکرد خوبی داشتند .",
    "تیم {ORG} در دیداری حساس {ORG2} را با نتیجه {NUM} بر یک شکست .",
    "به گفته {PER} ، مذاکرات {LOC} و {LOC2} هفته آینده در {CITY} از سر گرفته می‌شود .",
    "وزیر دفاع {LOC} روز {DAY} در سفری از پیش اعلام نشده وارد {CITY} شد .",
    "{PER} ، دبیرکل {ORG} ، خواستار آتش‌بس فوری در {LOC} شد .",
    "رئیس‌جمهور {LOC} در پیامی به {PER} ، پیروزی او در انتخابات را تبریک گفت .",
    "{PER} گفت : ما به تعهدات خود پایبند هستیم و انتظار داریم {LOC} نیز چنین کند .",
    "این گزارش می‌افزاید که {PER} پیش از این معاون {ORG} بوده است .",
    "در پی این حادثه ، {ORG} اعلام کرد که تحقیقات درباره علت آن آغاز شده است .",
    "{PER} ، استاد {ORG} ، در این همایش درباره آینده اقتصاد {LOC} سخنرانی کرد .",
    "نشست مشترک {ORG} و {ORG2} صبح امروز در {CITY} برگزار شد .",
    "سفیر {LOC} در {LOC2} به وزارت امور خارجه احضار شد .",
    "{PER} با انتشار پیامی در شبکه‌های اجتماعی از حمایت مردم {CITY} قدردانی کرد .",
    "قیمت نفت پس از اظهارات {PER} درباره تولید {ORG} کاهش یافت .",
    "نخست‌وزیر {LOC} ، {PER} ، در کنفرانس خبری مشترک با {PER2} حاضر شد .",
    "مردم {CITY} روز {DAY} در اعتراض به افزایش قیمت‌ها تجمع کردند .",
    "{ORG} اعلام کرد که نرخ تورم در ماه گذشته به {NUM} درصد رسیده است .",
    "به نوشته روزنامه {NEWSPAPER} ، {PER} قرار است هفته آینده به {LOC} سفر کند .",
    "{PER} ، مدیرعامل {ORG} ، از افتتاح خط تولید جدید در {CITY} خبر داد .",
    "در این دیدار که در محل {ORG} برگزار شد ، {PER} بر گسترش همکاری‌ها تاکید کرد .",
    "زلزله‌ای به بزرگی {NUM} ریشتر حوالی {CITY} را لرزاند .",
    "{PER} از سوی {ORG} به عنوان بهترین بازیکن سال انتخاب شد .",
    "وی افزود : {LOC} و {LOC2} در زمینه انرژی همکاری نزدیکی دارند .",
    "{PER} در واکنش به این خبر گفت که {ORG} هیچ نقشی در این ماجرا نداشته است .",
    "کاروان تیم ملی {LOC} برای حضور در مسابقات جهانی راهی {CITY} شد .",
    "{ORG} روز {DAY} با صدور اطلاعیه‌ای از تعطیلی مدارس {CITY} خبر داد .",
    "گفتنی است {PER} سال گذشته نیز به عنوان نماینده ویژه {ORG} به {LOC} سفر کرده بود .",
    "رهبران {LOC} و {LOC2} در {CITY} توافقنامه‌ای را امضا کردند .",
    "{PER} و {PER2} در حاشیه نشست {ORG} با یکدیگر گفتگو کردند .",
    "به گزارش خبرنگار {NEWS} از {CITY} ، برگزاری این نمایشگاه تا پایان هفته ادامه دارد .",
    "دادگاه {CITY} ، {PER} را به {NUM} سال زندان محکوم کرد .",
    "{PER} پیش از ظهر امروز با حضور در {ORG} با مدیران این مجموعه دیدار کرد .",
    "عضو {ORG} با اشاره به وضعیت بازار گفت : دولت باید زودتر تصمیم بگیرد .",
    "{LOC} خواستار برگزاری نشست فوری {ORG} درباره این بحران شد .",
    "سرکنسول {LOC} در {CITY} در این مراسم حضور داشت .",
    "{PER} ، فرمانده {ORG} ، گفت نیروهایش آماده هر گونه عملیات هستند .",
    "شهردار {CITY} از آغاز ساخت پل جدید بر روی رودخانه خبر داد .",
    "{PER} ، بازیگر و کارگردان ، برای فیلم تازه‌اش جایزه جشنواره {CITY} را دریافت کرد .",
    "کتاب تازه {PER} درباره تاریخ {LOC} از سوی {ORG} منتشر شد .",
    "بنابر اعلام {ORG} ، شمار مبتلایان در {LOC} از {NUM} هزار نفر گذشت .",
    "{PER} در سخنانی در {ORG} سیاست‌های {LOC} در منطقه را به شدت انتقاد کرد .",
    "این هواپیما که از {CITY} به مقصد {CITY2} در پرواز بود ، به دلیل نقص فنی فرود اضطراری کرد .",
    "معاون اول رئیس‌جمهور ، {PER} ، ریاست این جلسه را بر عهده داشت .",
    "{PER} تصریح کرد : {ORG} به زودی گزارش کامل این بررسی را منتشر می‌کند .",
    "گروهی از دانشجویان {ORG} مقابل ساختمان {ORG2} تجمع کردند .",
    "در {CITY} ، پلیس {NUM} نفر را در ارتباط با این پرونده بازداشت کرد .",
    "{PER} ، نویسنده و پژوهشگر ، در {NUM} سالگی در {CITY} درگذشت .",
    "روابط {LOC} و {LOC2} پس از سفر {PER} به {CITY} وارد مرحله تازه‌ای شده است .",
    "مذاکره‌کنندگان {LOC} و {ORG} در {CITY} دور تازه‌ای از گفتگوها را آغاز کردند .",
    "{PER} به {NEWS} گفت که هنوز تصمیمی درباره نامزدی در انتخابات نگرفته است .",
    "این قرارداد میان {ORG} و یک شرکت از {LOC} به امضا رسید .",
    "{PER} ، عضو هیئت رئیسه {ORG} ، گفت بودجه سال آینده هفته بعد بررسی می‌شود .",
    "بارش شدید باران در {CITY} و {CITY2} موجب آبگرفتگی معابر شد .",
    "در حالی که {PER} از کاهش تورم خبر می‌دهد ، آمار {ORG} چیز دیگری می‌گوید .",
    "{LOC} اعلام کرد که سفارت خود در {CITY} را بازگشایی می‌کند .",
    "{PER} ، وزیر {MINISTRY} ، گفت که طرح تازه از ابتدای سال اجرا می‌شود .",
    "به گزارش روابط عمومی {ORG} ، این دوره آموزشی با حضور {NUM} نفر برگزار شد .",
    "{PER} ، سخنگوی دولت ، در نشست خبری هفتگی به پرسش‌های خبرنگاران پاسخ داد .",
    "سازمان‌های بین‌المللی از جمله {ORG} نسبت به وضعیت انسانی در {LOC} هشدار دادند .",
    "{PER} روز {DAY} در {CITY} با فعالان اقتصادی دیدار کرد .",
    "ولادت {PER} را به همه مسلمانان تبریک می‌گوییم .",
)

DAYS_FA = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "گذشته", "جاری")

# Organisation names as head + complement ({CITY}/{LOC} filled from the gazetteer).
ORG_PATTERNS_FA: dict[str, tuple[str, ...]] = {
    "وزارت": ("امور خارجه", "خارجه", "کشور", "دفاع", "بهداشت", "اقتصاد", "نفت", "نیرو", "ارتباطات",
              "آموزش و پرورش", "جهاد کشاورزی", "صنعت ، معدن و تجارت", "راه و شهرسازی", "ورزش و جوانان",
              "فرهنگ و ارشاد اسلامی", "اطلاعات", "علوم", "دادگستری", "میراث فرهنگی", "خارجه {LOC}", "دفاع {LOC}"),
    "سازمان": ("برنامه و بودجه", "محیط زیست", "انرژی اتمی", "هواپیمایی کشوری", "تامین اجتماعی", "بورس",
               "غذا و دارو", "نظام پزشکی", "ملل", "ملل متحد", "حمایت از مصرف‌کنندگان", "امور مالیاتی",
               "بنادر و دریانوردی", "تبلیغات اسلامی", "جهانی بهداشت", "جهانی تجارت", "آتش‌نشانی {CITY}"),
    "شرکت": ("ملی نفت ایران", "ملی گاز ایران", "ملی پالایش و پخش", "مخابرات ایران", "ایران خودرو", "سایپا",
             "فولاد مبارکه", "توانیر", "آب و فاضلاب {CITY}", "واحد اتوبوسرانی {CITY}", "گوگل", "اپل",
             "متروی {CITY}"),
    "دانشگاه": ("تهران", "صنعتی شریف", "علوم پزشکی {CITY}", "آزاد اسلامی", "شهید بهشتی", "علامه طباطبایی",
                "فردوسی مشهد", "صنعتی امیرکبیر", "هاروارد", "آکسفورد", "{CITY}", "صنعتی {CITY}"),
    "باشگاه": ("پرسپولیس", "استقلال", "سپاهان", "تراکتور", "فولاد خوزستان", "ذوب آهن", "رئال مادرید",
               "بارسلونا", "منچستر یونایتد", "بایرن مونیخ"),
    "بانک": ("مرکزی", "مرکزی {LOC}", "ملی", "ملت", "صادرات", "تجارت", "سپه", "کشاورزی", "مسکن", "جهانی"),
    "حزب": ("جمهوریخواه", "دموکرات", "کارگر", "محافظه‌کار", "اعتدال و توسعه", "کارگزاران سازندگی",
            "مؤتلفه اسلامی", "بعث", "عدالت و توسعه", "کمونیست چین"),
    "خبرگزاری": ("فارس", "مهر", "تسنیم", "ایسنا", "ایرنا", "ایلنا", "میزان", "رویترز", "فرانسه",
                 "آسوشیتدپرس", "شینهوا", "آناتولی", "دانشجو", "صدا و سیما"),
    "شورای": ("شهر {CITY}", "امنیت", "امنیت سازمان ملل", "نگهبان", "عالی امنیت ملی", "عالی انقلاب فرهنگی",
              "اسلامی شهر {CITY}", "حقوق بشر", "همکاری خلیج فارس", "اروپا", "عالی فضای مجازی"),
    "کمیسیون": ("امنیت ملی و سیاست خارجی", "اقتصادی مجلس", "برنامه و بودجه", "تلفیق", "اروپا", "آموزش",
                "بهداشت و درمان", "عمران", "انرژی", "صنایع و معادن"),
    "مجلس": ("شورای اسلامی", "خبرگان", "نمایندگان {LOC}", "سنای {LOC}", "عوام {LOC}"),
    "دیوان": ("محاسبات", "عدالت اداری", "عالی کشور", "کیفری بین‌المللی"),
    "ستاد": ("کل نیروهای مسلح", "ملی مقابله با کرونا", "تنظیم بازار", "مدیریت بحران {CITY}"),
    "نیروی": ("انتظامی", "دریایی ارتش", "هوایی ارتش", "قدس سپاه", "زمینی سپاه", "هوافضای سپاه"),
    "اتاق": ("بازرگانی ایران", "بازرگانی {CITY}", "اصناف {CITY}", "بازرگانی ایران و {LOC}"),
    "فدراسیون": ("فوتبال", "کشتی", "والیبال", "وزنه‌برداری", "جهانی فوتبال", "فوتبال {LOC}"),
    "استانداری": ("{CITY}",),
    "شهرداری": ("{CITY}",),
    "دادگستری": ("{CITY}", "کل استان {CITY}"),
    "اداره کل": ("هواشناسی {CITY}", "راهداری {CITY}", "میراث فرهنگی {CITY}", "ورزش و جوانان {CITY}"),
    "پلیس": ("راهور", "فتا", "مبارزه با مواد مخدر", "راهنمایی و رانندگی {CITY}"),
    "ارتش": ("{LOC}",),
    "سفارت": ("{LOC} در {CITY}", "{LOC}"),
    "بیمارستان": ("امام خمینی", "میلاد", "سینا", "شهید رجایی", "{CITY}"),
}
MINISTRIES_FA = ("امور خارجه", "کشور", "دفاع", "بهداشت", "اقتصاد", "نفت", "نیرو", "ارتباطات", "آموزش و پرورش",
                 "جهاد کشاورزی", "راه و شهرسازی", "ورزش و جوانان", "فرهنگ و ارشاد اسلامی", "اطلاعات", "علوم")
NEWSPAPERS_FA = ("همشهری", "کیهان", "اطلاعات", "شرق", "اعتماد", "جوان", "وطن امروز", "نیویورک تایمز", "گاردین",
                 "واشنگتن پست", "فایننشال تایمز", "دنیای اقتصاد")

_SLOT = re.compile(r"\{([A-Z]+)2?\}")


def _entity_pool(corpus: Iterable[Sentence], typ: str, max_tokens: int = 5) -> list[list[str]]:
    pool: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for sent in corpus:
        toks = [t for t, _ in sent]
        for t, s, e in spans([lab for _, lab in sent]):
            if t == typ and e - s <= max_tokens:
                k = tuple(toks[s:e])
                if k not in seen:
                    seen.add(k)
                    pool.append(list(k))
    return pool


class _Filler:
    def __init__(self, corpus: list[Sentence], lex: Lexicon, rng: random.Random) -> None:
        from reader.core.entities.lexicon import read_hand
        from tools.ner.gazetteer_build import display_names

        self.rng = rng
        hand = read_hand()
        lang = lex.lang

        def not_a_place(words: list[str]) -> bool:
            e = lex.names.get(key(" ".join(words)))
            return e is None or e.type == "PERSON"

        self.persons = [p for p in _entity_pool(corpus, "PERSON") if not_a_place(p)]
        self.persons += [tokenize_words(n) for item in hand.get("people", []) for n in item.get(lang, [])]
        firsts = [p[0] for p in self.persons if len(p) >= 2]
        lasts = [p[-1] for p in self.persons if len(p) >= 2]
        if firsts and lasts:  # new first+last combinations: names the CRF has not seen whole
            self.persons += [[rng.choice(firsts), rng.choice(lasts)] for _ in range(len(self.persons))]
        self.corpus_locs = _entity_pool(corpus, "LOCATION")
        self.corpus_orgs = _entity_pool(corpus, "ORGANIZATION")
        self.places = [n for item in hand.get("places", []) for n in item.get(lang, [])]
        self.places += [n for n in display_names(lang) if key(n) in lex.names]  # not the ambiguous ones
        self.hand_orgs = [n for item in hand.get("organizations", []) for n in item.get(lang, [])]
        agencies = ("Reuters", "AFP", "Associated Press", "IRNA", "ISNA", "ILNA", "TASS", "Xinhua", "BBC", "CNN")
        self.news = [n for item in hand.get("organizations", []) if "News" in item["en"] or item["en"] in agencies
                     for n in item.get(lang, [])]

    def _loc(self) -> list[str]:
        if self.rng.random() < 0.5 or not self.corpus_locs:
            return tokenize_words(self.rng.choice(self.places))
        return self.rng.choice(self.corpus_locs)

    def _org(self) -> list[tuple[str, str]]:
        r = self.rng.random()
        if r < 0.35 and self.corpus_orgs:
            return _as_entity(self.rng.choice(self.corpus_orgs), "ORGANIZATION")
        if r < 0.5:
            return _as_entity(tokenize_words(self.rng.choice(self.hand_orgs)), "ORGANIZATION")
        head = self.rng.choice(sorted(ORG_PATTERNS_FA))
        comp = self.rng.choice(ORG_PATTERNS_FA[head])
        words: list[str] = tokenize_words(head)
        for part in re.split(r"(\{[A-Z]+\})", comp):
            if part in ("{CITY}", "{LOC}"):
                words += self._loc()
            elif part.strip():
                words += tokenize_words(part)
        return _as_entity(words, "ORGANIZATION")

    def fill(self, slot: str) -> list[tuple[str, str]]:
        if slot == "PER":
            return _as_entity(self.rng.choice(self.persons), "PERSON")
        if slot in ("LOC", "CITY"):
            return _as_entity(self._loc(), "LOCATION")
        if slot == "ORG":
            return self._org()
        if slot == "NEWS":
            return _as_entity(tokenize_words(self.rng.choice(self.news)), "ORGANIZATION")
        if slot == "NEWSPAPER":
            return _as_entity(tokenize_words(self.rng.choice(NEWSPAPERS_FA)), "ORGANIZATION")
        if slot == "MINISTRY":  # news corpora tag a minister's portfolio as an organisation: وزیر [نفت]
            return _as_entity(tokenize_words(self.rng.choice(MINISTRIES_FA)), "ORGANIZATION")
        if slot == "DAY":
            return [(self.rng.choice(DAYS_FA), "O")]
        if slot == "NUM":
            return [(str(self.rng.randint(2, 90)), "O")]
        raise KeyError(slot)


def tokenize_words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def _as_entity(words: list[str], typ: str) -> list[tuple[str, str]]:
    return [(w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]


def generate_fa(corpus: list[Sentence], lex: Lexicon, n: int, seed: int = 13) -> list[Sentence]:
    """*n* labelled news-style sentences; names drawn from *corpus* (its entities), the lexicon and patterns."""
    rng = random.Random(seed)
    filler = _Filler(corpus, lex, rng)
    out: list[Sentence] = []
    for k in range(n):
        template = TEMPLATES_FA[k % len(TEMPLATES_FA)]
        sent: Sentence = []
        pos = 0
        for m in _SLOT.finditer(template):
            sent += [(w, "O") for w in tokenize_words(template[pos:m.start()])]
            sent += filler.fill(m.group(1))
            pos = m.end()
        sent += [(w, "O") for w in tokenize_words(template[pos:])]
        out.append(sent)
    return out
