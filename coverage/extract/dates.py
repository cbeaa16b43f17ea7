"""Stage 3: dates with the precision the text gives, resolved against the document's context.

Regexes cover the news formats (they are far faster than dateparser, which is not needed for
these shapes): "1 September 2025", "September 1st, 2025", "Sept. 3", "February 2022", "2001",
ISO dates, "by the end of 2025" (projected), and relative dates ("today", "on Wednesday",
"last month", "yesterday") resolved against the published date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .types import FuzzyDate

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# The first character of every shape below: a digit; a month or weekday name, "In" or "Since"
# (capitalised); "in", "since", "until", "by", "early" or "late" (lower case); or a relative
# word (today ... next, on) in either case. The scan rejects other words at their first letter
# instead of trying each shape; a new shape must add its first letters here ("a year ago" and
# "four years ago" by their first words: "a" and "f" start too many words).
_FIRST_CHAR = "[0-9ADEFIJLMNOSTWYbeilnostuy]"
# "two years ago", "a month ago"
_COUNT = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|[1-9]\d?)"
_COUNTS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

# "later that day", "the day before", "a month later", "eight years later": a date told by its
# distance from the date the text gave just before (resolved against that one, not against
# the publication date).
_ANAPHORIC = (
    rf"(?P<ana>(?i:(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day|the\s+same\s+day"
    rf"|the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after|prior)"
    rf"|{_COUNT}\s+(?:days?|weeks?|months?|years?)\s+(?:later|earlier)))\b"
)
DATE_RE = re.compile(
    rf"\b(?={_FIRST_CHAR}|an?\s+(?:day|week|year|month)|f(?:our|ive)\s)"
    rf"(?:{_ANAPHORIC}|"
    rf"(?:(?P<iso>(?<!\d)(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d))"
    rf"|(?P<mdy>(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?![\d:])(?:,?\s+(?P<y1>{_YEAR})(?!\d))?)"
    rf"|(?P<dmy>(?<!\d)(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR})(?!\d))?)"
    rf"|(?P<my>(?P<m3>{_MONTH})\s+(?:of\s+)?(?P<y3>{_YEAR})(?!\d))"
    rf"|(?P<bm>(?:in|In|since|Since|until|by|early|late)\s+(?P<m4>{_FULL_MONTH})\b(?!\s+\d))"
    rf"|(?P<rel>(?i:\b(?:today|yesterday|tomorrow|tonight|(?:earlier|later)\s+in\s+the\s+day"
    rf"|(?:earlier|later)\s+today|(?:earlier|later)\s+this\s+"
    rf"(?:week|month|year)|(?:last|this|next)\s+(?:week|month|year)"
    rf"|{_COUNT}\s+(?:years?|months?)\s+ago)\b))"
    rf"|(?P<wd>\b(?:(?i:on|last|this|next)\s+)?{_WEEKDAY}\b)"
    rf"|(?P<year>(?<![\d$€£.,/-])\b{_YEAR}\b(?![\d%/-]|\s*(?:billion|million|km|troops)))))"
)
_PROJECTED_BEFORE = re.compile(
    r"(?:\bby\s+(?:the\s+)?(?:end|middle|start|beginning)\s+of\s+|\bby\s+)$"
    r"|\b(?:will|would|projected|expected|forecast|scheduled|due|set\s+to|plans?\s+to|target"
    r"|(?<!had\s)agreed\s+to|intends?\s+to|next|upcoming|looking\s+forward\s+to)\b"
    r"[^.;]*$",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: FuzzyDate
    explicit_year: bool = False  # the text states the year itself
    relative: bool = False


@dataclass
class DateContext:
    """What relative and year-less dates are resolved against."""

    published: dt.date | None = None
    # the year of a year-less day or month that no stated year precedes: the latest stated
    # with a month or day. Not the latest bare year: "withdrew from the deal in 2018" is
    # history, and would date "on June 13" of a story written a year later.
    default_year: int | None = None
    # the latest year the text names, bare years included (a year-less dateline's year)
    latest_year: int | None = None
    # (position, year) of dates stating their year, in text order
    anchors: list[tuple[int, int]] = field(default_factory=list)
    # every date-like match of the whole text (scanned once, resolved on demand)
    matches: list[re.Match[str]] = field(default_factory=list)

    def year_at(self, pos: int) -> int | None:
        if self.published:
            return self.published.year
        year = None
        for p, y in self.anchors:
            if p > pos:
                break
            year = y
        return year or self.default_year


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _safe(year: int, month: int, day: int | None = None) -> FuzzyDate | None:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return FuzzyDate(year, month, day)


# A publication date is believed within these years (the command line, the admin upload and
# an HTML page's metadata all refuse others); the upper bound is next year (see published_problem).
PUBLISHED_FIRST_YEAR = 1900


def published_problem(published: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why ``published`` cannot be a publication date (a one-line message), or None."""
    last_year = (today or dt.date.today()).year + 1
    if PUBLISHED_FIRST_YEAR <= published.year <= last_year:
        return None
    return (
        f"publication date {published.isoformat()} is not between "
        f"{PUBLISHED_FIRST_YEAR} and {last_year}"
    )


def _relative(phrase: str, published: dt.date | None) -> FuzzyDate | None:
    if published is None:
        return None
    try:
        found = _shifted(phrase, published)
    except (OverflowError, ValueError):  # "tomorrow" of 9999-12-31: past the calendar's end
        return None
    if found is None or not dt.MINYEAR <= found.year <= dt.MAXYEAR:
        return None  # "next year" of 9999, "last month" of January 1
    return found


def _shifted(phrase: str, published: dt.date) -> FuzzyDate | None:
    p = " ".join(phrase.lower().split())
    if p in ("today", "tonight", "on today", "earlier today", "earlier in the day"):
        return FuzzyDate.from_date(published)
    if p in ("later today", "later in the day"):  # still to come on the day of writing
        return FuzzyDate.from_date(published, projected=p == "later today")
    if p == "yesterday":
        return FuzzyDate.from_date(published - dt.timedelta(days=1))
    if p == "tomorrow":
        return FuzzyDate.from_date(published + dt.timedelta(days=1), projected=True)
    words = p.split()
    if words[-1] == "ago":
        return _ago(words, published)
    if words[-1] in WEEKDAYS:
        target = WEEKDAYS.index(words[-1])
        delta = (published.weekday() - target) % 7
        if words[0] == "next":
            return FuzzyDate.from_date(
                published + dt.timedelta(days=(target - published.weekday()) % 7 or 7),
                projected=True,
            )
        if words[0] == "last" and delta == 0:
            delta = 7
        return FuzzyDate.from_date(published - dt.timedelta(days=delta))
    unit = words[-1]
    shift = {"last": -1, "next": 1}.get(words[0], 0)
    ahead = shift > 0 or words[0] == "later"
    if unit == "year":
        return FuzzyDate(published.year + shift, projected=ahead)
    if unit == "month":
        month = published.month + shift
        year = published.year + (month - 1) // 12
        return FuzzyDate(year, (month - 1) % 12 + 1, projected=ahead)
    if unit == "week":
        # a week names no day: its month is as precise as the text allows
        day = published + dt.timedelta(weeks=shift)
        return FuzzyDate(day.year, day.month, projected=ahead)
    return None


def _ago(words: list[str], published: dt.date) -> FuzzyDate:
    """ "two years ago" (the year, no more precise), "a month ago" (the month)."""
    count = words[0]
    n = int(count) if count.isdigit() else 1 if count in ("a", "an") else _COUNTS.index(count) + 1
    if words[1].startswith("year"):
        return FuzzyDate(published.year - n)
    month = published.month - n
    return FuzzyDate(published.year + (month - 1) // 12, (month - 1) % 12 + 1)


def _weekday_ahead(phrase: str, published: dt.date | None) -> FuzzyDate | None:
    """The coming weekday, for a weekday said in the future tense (the same day counts)."""
    words = phrase.lower().split()
    if published is None or words[-1] not in WEEKDAYS or words[0] in ("last", "next"):
        return None
    ahead = (WEEKDAYS.index(words[-1]) - published.weekday()) % 7
    try:
        day = published + dt.timedelta(days=ahead)
    except OverflowError:  # "on Friday" said on 9999-12-31: past the calendar's end
        return None
    # said in the future tense, even today's weekday is still to come ("will on Thursday
    # host", written on Thursday)
    return FuzzyDate.from_date(day, projected=True)


def find_dates(text: str, start: int, end: int, ctx: DateContext) -> list[DateMention]:
    """Date mentions in text[start:end], each with a FuzzyDate (unresolvable ones dropped)."""
    out = []
    whole = ctx.matches and start == 0 and end == len(text)
    for m in ctx.matches if whole else DATE_RE.finditer(text, start, end):
        mention = _to_mention(text, m, ctx)
        if mention is not None:
            out.append(mention)
    return out


def _projected(text: str, pos: int) -> bool:
    window = text[max(0, pos - 60) : pos]
    window = re.split(r"[.;!?]", window)[-1]
    return bool(_PROJECTED_BEFORE.search(window))


def _weekday_projected(text: str, pos: int) -> bool:
    """A future verb before a weekday, reaching further than for other dates, unless a verb in
    the past stands between them and takes the weekday ("relations will grow, he said Friday")."""
    if _projected(text, pos):
        return True
    window = re.split(r"[.;!?]", text[max(0, pos - _WEEKDAY_REACH) : pos])[-1]
    cue = _PROJECTED_BEFORE.search(window)
    if cue is None:
        return False
    cue_word = re.compile(r"\S+").match(window, cue.start())  # "expected" is no past verb
    return not _PAST_VERB.search(window, cue_word.end() if cue_word else cue.start())


# A bare weekday is only ever last week's or the coming one: the tense of its sentence decides,
# and a future verb may stand well before it ("is due to hold talks with the visiting
# president and his delegation on Tuesday").
_WEEKDAY_REACH = 140
_PAST_VERB = re.compile(r"\b(?:said|told|was|were|had|did|met|held|\w{3,}ed)\b", re.I)
_SAME_DAY = re.compile(r"(?i:today|tonight|later\s+in\s+the\s+day)")
# "Today, we will take part", "Tonight, leaders are due to dine" (a fronted day: "the
# decisions we make today will matter" is said today)
_AHEAD_AFTER = re.compile(
    r",\s+(?:[\w’']+\s+){0,3}?(?:will|shall|(?:is|are)\s+(?:set|due|expected|scheduled)\s+to)\b",
    re.I,
)
_APPROXIMATE_BEFORE = re.compile(
    r"\b(?:more\s+than|over|nearly|almost|about|around|some|roughly|at\s+least)\s+$", re.I
)
_RANGE_START = re.compile(r"(?<!\d)(\d{1,2})\s?[-–]\s?$")


def _to_mention(text: str, m: re.Match[str], ctx: DateContext) -> DateMention | None:
    found = _read_mention(text, m, ctx)
    if (
        found is not None
        and found.date.projected
        and ctx.published is not None
        and found.date.last_day() < ctx.published
    ):
        # "the 1.5C target, the goal of the 2015 Paris deal", "was expected to open on 3 May"
        # written a week later: a date over before publication is not still to come
        d = found.date
        return DateMention(
            found.start,
            found.end,
            FuzzyDate(d.year, d.month, d.day),
            found.explicit_year,
            found.relative,
        )
    if (
        found is not None
        and not found.relative
        and ctx.published is not None
        and not found.date.projected
        and found.date.first_day() > ctx.published
    ):
        # a date after publication is forward-looking ("takes over in January 2025")
        d = found.date
        return DateMention(
            found.start, found.end, FuzzyDate(d.year, d.month, d.day, True), found.explicit_year
        )
    return found


# "in October last year", "since October the previous year", "on March 3 next year": the
# year is told after the month.
_YEAR_WORD_AFTER = re.compile(r",?\s+(?:the\s+)?(last|this|next|previous)\s+year\b", re.I)
_YEAR_SHIFT = {"last": -1, "previous": -1, "this": 0, "next": 1}


def _year_told_after(text: str, end: int, ctx: DateContext) -> int | None:
    """The year of a month named without one, from "last/this/next year" right after it."""
    m = _YEAR_WORD_AFTER.match(text, end)
    if m is None or ctx.published is None:
        return None
    return ctx.published.year + _YEAR_SHIFT[m.group(1).lower()]


_ANAPHORIC_REACH = 600  # the date it counts from is in the same or the previous paragraph
_UNIT_PRECISION = {"day": 3, "week": 3, "month": 2, "year": 1}


def _anaphoric(text: str, m: re.Match[str], ctx: DateContext) -> DateMention | None:
    """ "Later that day" is the day the text named last; "a month later", the month after it."""
    words = m.group("ana").lower().split()
    if words[-1] in ("later", "earlier"):
        count, unit = words[0], words[1].rstrip("s")
        n = (
            int(count)
            if count.isdigit()
            else 1
            if count in ("a", "an")
            else _COUNTS.index(count) + 1
        )
        shift = n if words[-1] == "later" else -n
    else:
        unit = "day"
        shift = (
            1
            if any(w in ("next", "following", "after") for w in words)
            else -1
            if any(w in ("previous", "before", "prior") for w in words)
            else 0
        )
    base = _date_before(text, m.start(), ctx, _UNIT_PRECISION[unit])
    if base is None:
        return None
    try:
        if unit in ("day", "week"):
            day = dt.date(base.year, base.month, base.day) + dt.timedelta(
                days=shift * (7 if unit == "week" else 1)
            )
            found = FuzzyDate(day.year, day.month, day.day)
        elif unit == "month":
            month = base.month + shift
            found = FuzzyDate(base.year + (month - 1) // 12, (month - 1) % 12 + 1)
        else:
            found = FuzzyDate(base.year + shift)
    except (OverflowError, ValueError):
        return None
    return DateMention(m.start(), m.end(), found, False, True)


def _date_before(text: str, pos: int, ctx: DateContext, precision: int) -> FuzzyDate | None:
    """The last date the text gives before ``pos`` (within reach), at least as precise as
    ``precision`` needs (3 a day, 2 a month, 1 a year)."""
    matches = ctx.matches or list(DATE_RE.finditer(text, max(0, pos - _ANAPHORIC_REACH), pos))
    for prior in reversed(matches):
        if prior.end() > pos:
            continue
        if prior.end() < pos - _ANAPHORIC_REACH:
            return None
        if prior.group("ana"):
            continue
        found = _read_mention(text, prior, ctx)
        if found is None:
            continue
        d = found.date
        have = 3 if d.day is not None else 2 if d.month is not None else 1
        if have >= precision:
            return d
        return None  # the last date is vaguer than the distance counted from it
    return None


def _read_mention(text: str, m: re.Match[str], ctx: DateContext) -> DateMention | None:
    kind = m.lastgroup
    if m.group("ana"):
        return _anaphoric(text, m, ctx)
    if m.group("iso"):
        d = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        return DateMention(m.start(), m.end(), d, True) if d else None
    if m.group("rel") or m.group("wd"):
        if _APPROXIMATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return None  # "more than two years ago" is no date
        d = _relative(m.group(), ctx.published)
        if d is not None and m.group("wd") and _weekday_projected(text, m.start()):
            d = _weekday_ahead(m.group(), ctx.published) or d  # "will host ... on Thursday"
        elif (
            d is not None
            and not d.projected
            and _SAME_DAY.fullmatch(m.group())
            and (_projected(text, m.start()) or _AHEAD_AFTER.match(text, m.end()))
        ):
            # "was scheduled to take place later in the day", "Today, we will open": still
            # to come on the day of writing
            d = FuzzyDate(d.year, d.month, d.day, projected=True)
        return DateMention(m.start(), m.end(), d, False, True) if d else None
    projected = _projected(text, m.start())
    if m.group("year"):
        y = int(m.group("year"))
        return DateMention(m.start(), m.end(), FuzzyDate(y, projected=projected), True)
    if m.group("bm"):
        told = _year_told_after(text, m.end(), ctx)
        y = told or ctx.year_at(m.start())
        if y is None:
            return None
        return DateMention(
            m.start(), m.end(), FuzzyDate(y, _month(m.group("m4")), projected=projected), bool(told)
        )
    if m.group("my"):
        d = _safe(int(m.group("y3")), _month(m.group("m3")))
        if d is None:
            return None
        month = FuzzyDate(d.year, d.month, projected=projected)
        return DateMention(m.start(), m.end(), month, True)
    if kind in ("mdy", "dmy") or m.group("mdy") or m.group("dmy"):
        mon, day, year = (
            (m.group("m1"), m.group("d1"), m.group("y1"))
            if m.group("mdy")
            else (m.group("m2"), m.group("d2"), m.group("y2"))
        )
        told = None if year else _year_told_after(text, m.end(), ctx)
        explicit = year is not None or told is not None
        y = int(year) if year else told or ctx.year_at(m.start())
        if y is None:
            return None
        first = _RANGE_START.search(text, max(0, m.start() - 4), m.start())
        if first and m.group("dmy"):
            day = first.group(1)  # "28-30 June 2022": the range starts on the 28th
        d = _safe(y, _month(mon), int(re.match(r"\d+", day).group()))
        if d is None:
            return None
        return DateMention(
            m.start(), m.end(), FuzzyDate(d.year, d.month, d.day, projected=projected), explicit
        )
    return None


_PUBLISHED_LABEL = re.compile(
    r"^[\s*_]*(?:last\s+)?(?:published|updated|posted|date|dateline)\b\s*(?:on)?\s*[:\-–—]?\s*",
    re.I,
)
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]{1,30}\))?\s*[–—-]")


def build_context(
    text: str, published: dt.date | None, head_blocks: list[tuple[int, int]]
) -> DateContext:
    """Date context of a document: published date (given or read from a dateline) and years."""
    ctx = DateContext(published=published)
    years = []
    ctx.matches = list(DATE_RE.finditer(text))
    for m in ctx.matches:
        if m.group("y1") or m.group("y2") or m.group("y3") or m.group("iy"):
            if _projected(text, m.start()):
                continue  # "will take effect from 1 January 2024": not the year written in
            year = int(m.group("y1") or m.group("y2") or m.group("y3") or m.group("iy"))
            ctx.anchors.append((m.start(), year))
            years.append(year)
        elif m.group("year") and not _projected(text, m.start()):
            years.append(int(m.group("year")))
    # News is written in its latest (non-projected) year: "founded in 2001" is history.
    ctx.latest_year = max(years) if years else None
    ctx.default_year = max((y for _, y in ctx.anchors), default=None)
    if published is None:
        found = find_published(text, head_blocks, ctx)
        if found is not None:
            ctx.published = found
    return ctx


def find_published(
    text: str, head_blocks: list[tuple[int, int]], ctx: DateContext
) -> dt.date | None:
    """A publication date from a "Published: ..." line or a "CITY, Date (Agency) –" dateline."""
    # a dateline is the day of writing: a year-less one is in the latest year the text names
    probe = DateContext(default_year=ctx.latest_year, anchors=ctx.anchors)  # no matches: scans
    for start, end in head_blocks:
        line = text[start:end]
        label = _PUBLISHED_LABEL.match(line)
        offset = start + (label.end() if label else 0)
        for d in find_dates(text, offset, min(end, start + 80), probe):
            if d.date.precision != "day" or d.relative:
                continue
            tail = text[d.end : end].strip("*_ \t")
            if label or _DATELINE_TAIL.match(tail) or not tail.strip():
                if not d.explicit_year:
                    # "LIMA, Nov 16 (Reuters) - ... on Saturday": the weekday names the year
                    by_weekday = _yearless_dateline(text, start, end)
                    if by_weekday is not None:
                        return by_weekday
                return d.date.first_day()
    for start, end in head_blocks:
        found = _yearless_dateline(text, start, end)
        if found is not None:
            return found
    return None


_YEARLESS_DATELINE = re.compile(
    rf"[A-Z][^\n,]{{0,40}}(?:,\s*[A-Z][^\n,\d]{{0,30}})?,\s+(?P<m>{_MONTH})\s+(?P<d>{_DAY})\s*(?:\([^)\n]{{1,30}}\))?\s*[–—-]\s"
)
_WEEKDAY_RE = re.compile(rf"\b{_WEEKDAY}\b")


def _yearless_dateline(text: str, start: int, end: int) -> dt.date | None:
    """ "WASHINGTON, July 10 (Reuters) - ... on Wednesday": wire copy gives no year; the
    latest year (not in the future) in which that day is the weekday the lead names."""
    m = _YEARLESS_DATELINE.match(text, start, end)
    if m is None:
        return None
    wd = _WEEKDAY_RE.search(text, m.end(), end)
    if wd is None:
        return None
    target = WEEKDAYS.index(wd.group().lower())
    month, day = _month(m.group("m")), int(re.match(r"\d+", m.group("d")).group())
    for year in range(dt.date.today().year, dt.date.today().year - 12, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == target and candidate <= dt.date.today():
            return candidate
    return None
