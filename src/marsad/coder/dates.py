"""Stage 4: when did it happen?

Explicit dates (years, month and year, day month year, spans, Hijri dates)
in the trigger's sentence win, nearest first; then relative expressions
anchored on the publication date (اليوم، أمس، الثلاثاء، قبل شهرين، الشهر
الماضي); then the publication date itself. `date_basis` says which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from hijridate import Hijri

from marsad.coder.spans import words_between
from marsad.coder.state import Sentence, Trigger
from marsad.coder.status import in_future
from marsad.knowledge.base import active_kb
from marsad.knowledge.base import words as word_class
from marsad.knowledge.wars import War
from marsad.text import normalize_form

_YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)(?!\.?\d)")
_SPAN = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)\s*(?:-|–|/|و|الى|حتى)\s*(1[89]\d\d|20\d\d)(?!\.?\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# Words after which a four-digit number is a year, not a quantity.
_AGO = re.compile(r"(قبل|منذ)\s+(?:(\d+|[^\W\d_]+)\s+)?([^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class DateGuess:
    value: str | None
    basis: str  # explicit | relative | published | unknown
    text: str | None = None
    rule: str = ""  # which date rule decided (shown in Event.rule and scored by `evaluate --by-rule`)


def _published(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _shift(d: dt.date, unit: str, n: int) -> tuple[dt.date, str]:
    """The date `n` units from `d`, and the precision it is known to."""
    if unit == "day":
        return d + dt.timedelta(days=n), "day"
    if unit == "week":
        return d + dt.timedelta(weeks=n), "day"
    if unit == "month":
        m = d.month - 1 + n
        return dt.date(d.year + m // 12, m % 12 + 1, 1), "month"
    return dt.date(d.year + n, 1, 1), "year"


def _fmt(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _explicit(text: str, sent: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, value) of every explicit date in the sentence (computed once per sentence)."""
    if sent.dates is None:
        sent.dates = _find_explicit(text, sent)
    return sent.dates


_DIGIT = re.compile(r"\d")


def _find_explicit(text: str, sent: Sentence) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = _decades(text, sent)
    lo, hi = sent.start, sent.end
    if not _DIGIT.search(text, lo, hi) and not any(c.kind == "hijri" for c in sent.cues):
        return out  # every other explicit date has digits in the sentence (a Hijri year may follow the month's)
    taken: list[tuple[int, int]] = []
    for m in _SPAN.finditer(text, lo, hi):
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(lo, m.start() - 12):m.start()].split()[-1:]
        if a < b and before and normalize_form(before[0]) in word_class("year_context"):
            out.append((m.start(), m.end(), f"{a}/{b}"))
            taken.append((m.start(), m.end()))
    for rx in (_ISO, _NUMERIC):
        for m in rx.finditer(text, lo, hi):
            g = m.groups()
            y, mo, d = (int(g[0]), int(g[1]), int(g[2])) if rx is _ISO else (int(g[2]), int(g[1]), int(g[0]))
            try:
                out.append((m.start(), m.end(), dt.date(y, mo, d).isoformat()))
                taken.append((m.start(), m.end()))
            except ValueError:
                continue
    out += _hijri(text, sent, taken)
    months = [c for c in sent.cues if c.kind == "month"]
    for m in _YEAR.finditer(text, lo, hi):
        if any(s <= m.start() < e for s, e in taken):
            continue
        year = int(m.group(1))
        words = text[max(lo, m.start() - 30):m.start()].split()
        before = normalize_form(words[-1]) if words else ""
        month = next((c for c in months if 0 <= m.start() - c.end <= 3), None)
        after = text[m.end():m.end() + 2]
        if month is not None:
            # تشرين الأول/أكتوبر: the Levantine and the Egyptian name of one month, the day before the first
            twin = next((c for c in months if c is not month and 0 <= month.start - c.end <= 2
                         and "/" in text[c.end:month.start]), None)
            if twin is not None:
                month = twin
            day_m = re.search(r"(\d{1,2})\s*$", text[max(lo, month.start - 4):month.start])
            value = f"{year}-{int(month.value):02d}"  # type: ignore[call-overload]
            start = month.start
            if day_m and 1 <= int(day_m.group(1)) <= 31:
                value += f"-{int(day_m.group(1)):02d}"
                start = month.start - (len(text[max(lo, month.start - 4):month.start]) - day_m.start())
            out.append((start, m.end(), value))
        elif before in word_class("year_context") or after.startswith("م") and not after[1:2].isalpha():
            out.append((m.start(), m.end(), str(year)))
    out += _short_years(text, sent)
    return out


# "في بداية الثمانينات وقعت الحرب": a decade of the last century, dated by its first year; "في الستينات من عمره"
# is an age
_DECADE = re.compile(r"(?<!\S)[وفبل]{0,2}ال(\S+?)(?:ات|يات)(?!\S)")


def _decades(text: str, sent: Sentence) -> list[tuple[int, int, str]]:
    chunk = text[sent.start:sent.end]
    if "ينات" not in chunk and "ينيات" not in chunk:
        return []  # every decade's name ends so (الثمانينات، التسعينيات): skip the scan elsewhere
    decades = active_kb().grammar.decades
    out = []
    for m in _DECADE.finditer(text, sent.start, sent.end):
        year = decades.get(m.group(1))
        after = words_between(text, m.end(), min(sent.end, m.end() + 16))[:2]
        if year is not None and not (after[:1] == ["من"] and after[1:] and after[1] in word_class("age_words")):
            out.append((m.start(), m.end(), str(year)))
    return out


# "في الـ90 غزا صدام الكويت": a year of the last century written with its last two digits after في الـ (the
# tatweel is gone in normalised text), right before the act it dates; a day, an age or a count ("في الـ30 من
# شعبان"، "في الـ40 عاما الماضية") is not followed by an event word
_SHORT_YEAR = re.compile(r"(?<!\S)و?في ال(3[2-9]|[4-9]\d)(?![\d.,%])\s+")


def _short_years(text: str, sent: Sentence) -> list[tuple[int, int, str]]:
    out = []
    for m in _SHORT_YEAR.finditer(text, sent.start, sent.end):
        if any(t.start - len(t.match.prefix) == m.end() for t in sent.triggers):
            out.append((m.start(1), m.end(1), str(1900 + int(m.group(1)))))
    return out


_HIJRI_YEAR = re.compile(r"\s*(1[34]\d\d)(?!\d)")


def _hijri(text: str, sent: Sentence, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """"15 رمضان 1436 هـ" → 2015-07-02: Hijri dates converted with hijridate (day, month and year given)."""
    out = []
    for c in sent.cues:
        if c.kind != "hijri":
            continue
        year = _HIJRI_YEAR.match(text, c.end)
        if year is None:
            continue
        day = re.search(r"(\d{1,2})\s*$", text[max(sent.start, c.start - 4):c.start])
        try:
            g = Hijri(int(year.group(1)), int(c.value), int(day.group(1)) if day else 1).to_gregorian()  # type: ignore[call-overload]
        except (ValueError, OverflowError):
            continue
        start = c.start - (len(day.group(0)) if day else 0)
        value = g.isoformat() if day else g.isoformat()[:7]
        out.append((start, year.end(), value))
        taken.append((start, year.end()))
    return out


_LETTERS = re.compile(r"[^\W\d_]+")


def _says(span: str, word_list: str) -> bool:
    """Does a word of the grammar's list stand in this bit of text (the words right after a month or a day)?"""
    return bool(word_class(word_list) & set(_LETTERS.findall(span)))


def _relative(text: str, sent: Sentence, pub: dt.date, future: bool = False) -> list[tuple[int, int, str]]:
    """Relative dates counted from `pub`; a month named alone is the next one for a future verb (سيصل في سبتمبر)."""
    out: list[tuple[int, int, str]] = []
    for c in sent.cues:
        if c.kind == "relative":
            unit, n = c.value  # type: ignore[misc]
            d, prec = _shift(pub, unit, n)
            out.append((c.start, c.end, _fmt(d, prec)))
        elif c.kind == "weekday":
            after = text[c.end:c.end + 12]
            if _says(after, "coming_words") or (future and not _says(after, "past_words")):
                ahead = (int(c.value) - pub.weekday()) % 7 or 7  # type: ignore[call-overload]
                out.append((c.start, c.end, (pub + dt.timedelta(days=ahead)).isoformat()))  # الخميس المقبل
                continue
            back = (pub.weekday() - int(c.value)) % 7  # type: ignore[call-overload]
            out.append((c.start, c.end, (pub - dt.timedelta(days=back)).isoformat()))
        elif c.kind == "month":
            if any(s <= c.start < e for s, e, _ in _explicit(text, sent)):
                continue  # part of an explicit date
            nxt = text[c.end:c.end + 12]
            if _YEAR.match(nxt.strip()) or re.match(r"\s*\d{4}", nxt):
                continue  # an explicit month and year
            month = int(c.value)  # type: ignore[call-overload]
            after = text[c.end:c.end + 24]  # سبتمبر (أيلول) المقبل: the modifier may follow the twin name
            coming = _says(after, "coming_words") or (future and not _says(after, "past_words"))
            past = _says(after, "past_words")
            # ديسمبر الماضي in July is last year's; يوليو الماضي in July too (this July would be هذا الشهر)
            year = pub.year if month < pub.month or (month == pub.month and not past) else pub.year - 1
            if coming:
                year = pub.year if month >= pub.month else pub.year + 1
            out.append((c.start, c.end, f"{year}-{month:02d}"))
    for m in _AGO.finditer(text, sent.start, sent.end):
        num, unit = m.group(2), normalize_form(m.group(3))
        if unit not in active_kb().grammar.time_units:
            continue
        u, n = active_kb().grammar.time_units[unit]
        if n is None:
            n = int(num) if num and num.isdigit() else active_kb().grammar.number_words.get(normalize_form(num or ""))
        elif num:
            continue
        if n:
            d, prec = _shift(pub, u, -n)
            out.append((m.start(), m.end(), _fmt(d, prec)))
    return out


@cache
def _narrative(phrases: frozenset[str]) -> re.Pattern[str]:
    """One regex for the words that continue a paragraph's background time (في اليوم التالي، آنذاك)."""
    return re.compile("|".join(sorted(map(re.escape, phrases), key=len, reverse=True)))


def next_anchor(text: str, sent: Sentence, anchor: DateGuess | None, published: str | None = None) -> DateGuess | None:
    """The time the paragraph narrates in after `sent`: its last explicit date, or the day it names (أمس
    الاثنين) for the sentences after it that name none."""
    # a date that a participle takes for itself (الوثيقة الموقعة في أغسطس 2019) does not move the story's time
    # nor does the start of a span (منذ قطع علاقاتهما عام 1980): the story is not told from then
    explicit = [c for c in _explicit(text, sent)
                if not any(w in word_class("date_attachers") for w in text[max(sent.start, c[0] - 40):c[0]].split()[-4:])
                and not word_class("since_words") & set(text[max(sent.start, c[0] - 60):c[0]].split()[-7:])]
    if explicit:
        s, e, v = max(explicit, key=lambda c: c[0])
        return DateGuess(v, "explicit", text[s:e], "paragraph-anchor")
    if any(c.kind in ("relative", "weekday") for c in sent.cues):
        pub = _published(published)
        days = [d for d in (_relative(text, sent, pub) if pub else []) if len(d[2]) == 10]
        if days:
            s, e, v = max(days, key=lambda d: d[0])
            return DateGuess(v, "relative", text[s:e], "paragraph-day")
        return None
    return anchor


def _attached_elsewhere(text: str, sent: Sentence, trig: Trigger, start: int) -> bool:
    """A date after the trigger that a participle, a relative clause or another act in between takes for
    itself (الوثيقة الموقعة في أغسطس 2019؛ البلدين اللذين خاضا حربا عام 1963؛ منذ قطع علاقاتهما عام 1980)."""
    if start <= trig.end:
        return False
    return (any(w in word_class("date_attachers") or w in word_class("relatives") for w in text[trig.end:start].split())
            or any(trig.end <= t.start and t.end <= start for t in sent.triggers))


def _latest(text: str, trig: Trigger) -> bool:
    """العدوان الإسرائيلي الأخير: "the latest" (after the noun or its adjective) is the one before publication."""
    after = re.findall(r"[^\W\d_]+", text[trig.match.word_end:trig.match.word_end + 30])[:2]
    return any(w in word_class("latest") for w in after)


LINE_YEAR = re.compile(r"[\s*•·-]*(\d{4})\s*[-–—:]\s")


def _line_year(text: str, sent: Sentence, pub: dt.date | None) -> DateGuess | None:
    """A line that opens with a year and a dash (a "this day in history" list): the year of what it tells."""
    m = LINE_YEAR.match(text, sent.start, min(sent.end, sent.start + 16))
    if m is None or (sent.start and text[sent.start - 1] != "\n" and text[:sent.start].strip()):
        return None
    year = int(m.group(1))
    if not 1000 <= year <= (pub.year if pub else 2100):
        return None
    return DateGuess(str(year), "explicit", m.group(1), "line-year")


def date_of(text: str, sent: Sentence, trig: Trigger, published: str | None,
            anchor: DateGuess | None = None, planned: bool = False) -> DateGuess:
    """The date of the event at `trig`; `anchor` is the paragraph's narrative time, if a background one."""
    def nearest(cands: list[tuple[int, int, str]]) -> tuple[int, int, str]:
        return min(cands, key=lambda c: min(abs(c[0] - trig.end), abs(trig.start - c[1])))

    pub = _published(published)
    if trig.form.pos == "passive_participle" and pub is not None:
        # الحوثيون المدعومون من إيران ... انطلقوا عام 2014: a state that holds as the article is written; the
        # sentence's dates are its verbs'
        return DateGuess(pub.isoformat(), "published", None, "published")
    explicit = [c for c in _explicit(text, sent) if not _attached_elsewhere(text, sent, trig, c[0])]
    line = _line_year(text, sent, pub)
    if line is not None and not any(v[:4] == line.value for _, _, v in explicit):
        return line  # 1965 - حرب ثانية بين الهند وباكستان: a line of history that opens with its year
    if (pub is not None and trig.form.pos == "noun" and _latest(text, trig)
            and not any(trig.end <= s < trig.end + 40 for s, _, _ in explicit)):
        # "the latest" X is the one before the article, whatever year the sentence opened with
        return DateGuess(pub.isoformat(), "published", None, "latest")
    if explicit:
        s, e, v = nearest(explicit)
        relative = _relative(text, sent, pub) if pub else []
        if relative:
            rs, re_, rv = nearest(relative)
            # "في مارس الماضي" beside the trigger beats "منذ 2011" at the other end of the sentence
            if min(abs(rs - trig.end), abs(trig.start - re_)) < min(abs(s - trig.end), abs(trig.start - e)):
                return DateGuess(rv, "relative", text[rs:re_], "relative-nearer")
        return DateGuess(v, "explicit", text[s:e], "explicit")
    narrative = anchor is not None and anchor.value and _narrative(word_class("narrative_time")).search(text, sent.start, sent.end)
    # "the next day", "then", "weeks later": the paragraph's background time goes on.
    if narrative and anchor.basis == "explicit":  # type: ignore[union-attr]
        return DateGuess(anchor.value[:4], "explicit", anchor.text, "narrative")  # type: ignore[union-attr]
    if pub is None:
        return DateGuess(None, "unknown", None, "unknown")
    # a planned act (سيزور، يتطلع لاستقبال) in "سبتمبر" is in the coming September
    relative = _relative(text, sent, pub, planned or in_future(sent, trig))
    if relative:
        s, e, v = nearest(relative)
        return DateGuess(v, "relative", text[s:e], "relative")
    if anchor is not None and anchor.value and anchor.basis == "relative":
        return anchor  # وصل الوزير أمس الاثنين ... وعقد: the day the paragraph named goes on
    if anchor is not None and anchor.value:
        # A paragraph that dated its story keeps that time until it dates something else.
        return DateGuess(anchor.value[:4], "explicit", anchor.text, "paragraph-time")
    return DateGuess(pub.isoformat(), "published", None, "published")


def named_war(date: DateGuess, war: War | None, published: str | None) -> DateGuess:
    """الحرب العراقية الإيرانية: a war of history its name fixes, dated by its first year when the article is
    written after it ended, unless the text gives a year within it (اندلعت عام 1980، انتهت عام 1988)."""
    pub = _published(published)
    if war is None or pub is None or pub.year <= war.end:
        return date
    if date.basis == "explicit" and date.value and war.start <= int(date.value[:4]) <= war.end:
        return date
    return DateGuess(str(war.start), "explicit", date.text, "named-war")
