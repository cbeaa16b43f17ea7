"""Which summit the document is about: organisation, host city and country, date.

The organisation is the first lexicon organisation the text calls a summit or meeting of
("summit of the X", "meeting of the X", "X summit", "X leaders' summit"); the city comes from a
dateline ("City, Country –") or "summit in City".
"""

from __future__ import annotations

import bisect
import re

from .actors import ActorIndex
from .dates import DATE_RE, DateContext, find_dates
from .lexicon import Matcher
from .text import Layout, Sentence
from .types import FuzzyDate, SummitInfo

_CAP = r"[A-ZÀ-Þ][\w’'-]*"
# "Rio de Janeiro", "Addis Ababa": capitalised words with lower-case particles between.
_CITY = rf"{_CAP}(?:[ \t]+(?:(?:de|da|do|del|la|le|es|al|el)[ \t]+)?{_CAP}){{0,3}}"
_DATELINE_RE = re.compile(
    rf"^(?P<city>{_CITY})(?:,\s*(?P<country>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
    r"(?:,\s*[^–—\n]{1,25}?)?\s*(?:\([^)\n]{1,30}\))?\s*[–—-]\s",
    re.M,
)
# "summit in the Japanese city of Hiroshima", "summit in the resort town of Sochi"
_CITY_OF = r"(?:the\s+(?:[A-Z][\w-]*\s+)?(?:city|capital|port|town|resort|resort\s+town)\s+of\s+)?"
_IN_CITY_RE = re.compile(rf"\b(?:summit|meeting|talks)\s+(?:in|at)\s+{_CITY_OF}(?P<city>{_CITY})")
# "summit in X", "summit is being held in X", "summit, held in X,"
_HELD = r"(?:,?\s+(?:(?:is|was|will|be|being|been|to)\s+){0,3}(?:held|hosted|taking\s+place))?"
# "a summit of the Group of 20 major economies in the Japanese city of Osaka"
_OF_WHOM = r"(?:\s+of(?:\s+the)?(?:\s+[\w-]+){1,5}?)?"
_SUMMIT_IN_CITY_RE = re.compile(rf"\bsummit{_OF_WHOM}{_HELD}\s+in\s+{_CITY_OF}(?P<city>{_CITY})")
# "the Osaka summit", "The 2024 Washington Summit", "the NATO Washington Summit Declaration"
_CITY_SUMMIT_RE = re.compile(
    rf"\b(?:[Tt]he\s+(?P<city>{_CAP})\s+summit"
    rf"|(?:\d{{4}}|[A-Z][A-Z0-9]+)\s+(?P<named>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+Summit)\b"
)
_OF_BEFORE_RE = re.compile(r"(?:summit|meeting|gathering)\s+of\s+(?:the\s+)?$", re.I)
# "the leaders of the X gathered in Y": the organisation whose leaders came together.
_LEADERS_OF_RE = re.compile(r"\bleaders\s+of\s+(?:the\s+)?$", re.I)
_GATHERED_RE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:gathered|convened|assembled|met)\b")
# "the EU's foreign policy chief": an organisation named as someone's employer.
_POSSESSIVE_RE = re.compile(r"['’]s\b")


def find_summit_org(
    text: str,
    matcher: Matcher,
    actors: ActorIndex,
    layout: Layout | None = None,
    dates: DateContext | None = None,
) -> str:
    """The organisation named as holding the summit/meeting, or ""."""
    for m in actors.mentions:
        org = _organisation_of(matcher, actors, m.actor)
        if not org:
            continue
        after = text[m.end : m.end + 30].lstrip()
        after = re.sub(r"^\)\s*", "", after)
        before = text[max(0, m.start - 30) : m.start]
        if (
            matcher.summit_word_re.match(after)
            or _OF_BEFORE_RE.search(before)
            or (_LEADERS_OF_RE.search(before) and _GATHERED_RE.match(text, m.end))
        ) and not _background_mention(text, m.start, m.end, layout, dates):
            return org
    for m in actors.mentions:  # "leaders of the Group of 20 ... at their summit"
        if actors.kind(m.actor) != "organisation" or _POSSESSIVE_RE.match(text, m.end):
            continue
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        stop = min(line_end, m.end + 200)
        sentence_end = text.find(". ", m.end, stop)
        word = matcher.summit_word_re.search(
            text, m.end, sentence_end if sentence_end > 0 else stop
        )
        if (
            word
            and not _OWN_NAME_BEFORE.search(text, max(m.end, word.start() - 40), word.start())
            and not _background_mention(text, m.start, word.end(), layout, dates)
        ):
            return m.actor
    return _most_named_org(text, matcher, actors, layout, dates)


# "They previously met at the G7 summit", "their first meeting since the G20 summit": a
# summit the article looks back on, wherever it stands.
_LOOKING_BACK_RE = re.compile(
    r"\b(?:previously|last\s+(?:met|year|month|time)|since|earlier\s+(?:met|talks|meeting))\b",
    re.I,
)
# "days before a NATO summit", "ahead of the G20 summit": another event's time is set by the
# summit. In the headline or lead the summit is the story ("Leaders arrive ahead of G20
# summit"); in a later sentence it is background to a visit or meeting.
_RELATIVE_TO_RE = re.compile(
    r"\b(?:before|ahead\s+of|after|since)\s+(?:(?:the|a|an|this|its|their)\s+)?$", re.I
)


def _background_mention(
    text: str, start: int, end: int, layout: Layout | None, dates: DateContext | None
) -> bool:
    """A summit mention in a sentence that looks back on it or dates it well before the
    article ("when they met at the G20 summit in Osaka in 2019"), or a late mention timing
    something else by it: another summit than the article's own."""
    if layout is None:
        return False
    i = bisect.bisect_right([s.start for s in layout.sentences], start) - 1
    if i < 0 or start >= layout.sentences[i].end:
        return False
    sentence = layout.sentences[i]
    if _NEXT_RE.search(text, max(sentence.start, start - 20), start):
        return True  # "the next NATO summit", "last year's G20 summit"
    if _LOOKING_BACK_RE.search(text, sentence.start, start):
        return True
    window = max(sentence.start, start - 20)
    if start >= _HEAD_CHARS and _RELATIVE_TO_RE.search(text, window, start):
        return True
    if dates is None:
        return False
    found = [d.date for d in find_dates(text, sentence.start, sentence.end, dates)]
    return bool(found) and all(_before_the_article(d, text, dates) for d in found)


def _before_the_article(date: FuzzyDate, text: str, dates: DateContext) -> bool:
    """A date more than a month before publication, or of an earlier year than the article's
    latest: history, not the news."""
    if date.projected:
        return False
    if dates.published is not None:
        return (dates.published - date.last_day()).days > 31
    return dates.latest_year is not None and date.year < dates.latest_year


# "NATO states acknowledged the Alaska summit": a summit named by its own place or parties
# is not the organisation's.
_OWN_NAME_BEFORE = re.compile(r"\b(?:the|a|an)\s+[A-ZÀ-Þ][\w’'.-]*\s+$")
# "Friday's Russia-US summit", "the Alaska summit": a summit named by its parties or place.
_NAMED_BEFORE = re.compile(r"[A-ZÀ-Þ][\w’'.-]*\s+$")
_HEAD_CHARS = 600


def _most_named_org(
    text: str,
    matcher: Matcher,
    actors: ActorIndex,
    layout: Layout | None = None,
    dates: DateContext | None = None,
) -> str:
    """ "Armenia snubs security bloc summit": the head of the article speaks of a summit
    without naming whose; the organisation the article names most is the one."""
    head = text[:_HEAD_CHARS]
    if not any(
        not _NEXT_RE.search(head, max(0, w.start() - 12), w.start())
        and not _NAMED_BEFORE.search(head, max(0, w.start() - 40), w.start())
        and not _PRESS_BEFORE.search(head, max(0, w.start() - 12), w.start())
        for w in matcher.summit_word_re.finditer(head)
        if w.group().lower() != "meeting"
    ):
        return ""
    counts: dict[str, int] = {}
    for m in actors.mentions:
        if actors.kind(m.actor) != "organisation" or _background_mention(
            text, m.start, m.end, layout, dates
        ):
            continue
        # Named once late ("with United Nations officials") or as part of another name ("the
        # UN Charter"), an organisation is a passing reference: the summit is someone
        # else's, an unnamed one or a visit. Named in the lead ("Leaders of the Group of 20
        # said"), once is enough.
        lead = m.start < _HEAD_CHARS and not _COMPOUND_AFTER_RE.match(text, m.end)
        counts[m.actor] = counts.get(m.actor, 0) + (2 if lead else 1)
    if not counts:
        return ""
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else ""


# "UN Charter", "EU's": the organisation names something else
_COMPOUND_AFTER_RE = re.compile(r"(?:['’]s\b|\s+[A-Z][a-z])")


def _organisation_of(matcher: Matcher, actors: ActorIndex, name: str) -> str:
    """An organisation, or the organisation a body belongs to ("European Council summit")."""
    kind = actors.kind(name)
    if kind == "organisation":
        return name
    if kind == "body":
        parent = actors.found[name].country
        entry = matcher.actors.get(parent)
        if entry is not None and entry.kind == "organisation":
            return parent
    return ""


def _title_city(raw: str, text: str = "") -> str:
    """A capitalised dateline city as the text spells it elsewhere ("RIO DE JANEIRO")."""
    if not raw.isupper():
        return raw
    m = re.search(re.escape(raw), text[text.find(raw) + len(raw) :], re.I)
    return m.group() if m and not m.group().isupper() else raw.title()


def find_city(
    text: str, layout: Layout, matcher: Matcher, dates: DateContext | None = None
) -> tuple[str, str]:
    """(city, country) from a dateline in the first paragraphs, else "summit in City"."""
    # the dateline opens the first paragraph, or stands alone on a line under the title
    paragraphs = [b for b in layout.blocks[1:] if b.kind in ("paragraph", "heading")][:3]
    # "summit in Lima" in the lead names the host; a dateline names where the story was
    # filed ("QUITO, Nov 14 – ... the summit in Lima"), the host only most of the time.
    # "summit in Japan" names the host state only: a city may follow.
    state = ""
    for block in paragraphs:
        found = _named_city(
            text[: block.end], matcher, _SUMMIT_IN_CITY_RE, _CITY_SUMMIT_RE,
            start=block.start, layout=layout, dates=dates,
        )  # fmt: skip
        if found and found[0]:
            return found
        state = state or (found[1] if found else "")
    for block in paragraphs:
        m = _DATELINE_RE.match(text, block.start, block.end)
        if m and _is_place(m.group("city")):
            city = _title_city(m.group("city"), text)
            country = matcher.actor_for_alias(m.group("country") or "") or ""
            if not country:
                country = _state_of(matcher, city)
            if state and country and country != state:
                break  # filed from another state than the summit's
            if country and city.lower() == country.lower():
                return "", country  # "JAPAN –": a state, not a city
            return city, country
    found = _named_city(text, matcher, _IN_CITY_RE, _CITY_SUMMIT_RE, layout=layout, dates=dates)
    if found and found[0]:
        return found
    return "", state or (found[1] if found else "")


def _named_city(
    text: str,
    matcher: Matcher,
    *patterns: re.Pattern[str],
    start: int = 0,
    layout: Layout | None = None,
    dates: DateContext | None = None,
) -> tuple[str, str] | None:
    """The first city the patterns name as where this summit is, with its state; ("", state)
    when the first place named is a state."""
    state = ""
    for rx in patterns:
        for m in rx.finditer(text, start):
            if _NEXT_RE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "the next summit in Kuala Lumpur" is another summit
            city = m.group("city") or m.groupdict().get("named") or ""
            if not _is_place(city):
                continue  # "an emergency summit in April 2021": a month is no place
            if matcher.lookup("demonym", city):
                continue  # "the Samoan summit": whose, not where
            actor = matcher.actor_for_alias(city)
            if actor and matcher.actors[actor].kind != "state":
                continue
            if any(matcher.actor_for_alias(part) for part in re.split(r"[-–]", city)[1:]):
                continue  # "the EU-China summit" names its parties, not a city
            if _background_mention(text, m.start(), m.end(), layout, dates):
                continue  # "the 1971 meeting in Nagoya": another meeting, long ago
            if actor and actor.lower() == city.lower():
                # "the summit in Japan": the host state, its city perhaps later (a capital
                # is an alias of its state too: "the summit in Tokyo" names the city)
                state = state or actor
                continue
            return city, _state_of(matcher, city)
    return ("", state) if state else None


def _is_place(words: str) -> bool:
    """No word of a city is a month, a weekday or a dateline's filler ("Updated", "In")."""
    return not any(
        _CALENDAR_WORD.fullmatch(w) or w.lower() in _NOT_PLACE_WORDS for w in words.split()
    )


_NOT_PLACE_WORDS = frozenset(
    ("in", "on", "at", "by", "from", "for", "the", "this", "last", "next")
    + ("updated", "published", "posted", "today", "yesterday")
    # "the G20 Leaders Summit", "an Extraordinary Summit": what kind of summit, not where
    + ("leaders", "peace", "special", "extraordinary", "emergency", "business")
)


_CALENDAR_WORD = re.compile(
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _state_of(matcher: Matcher, place: str) -> str:
    name = matcher.actor_for_alias(place)
    if name and matcher.actors[name].kind == "state":
        return name
    return ""


def summit_sentence(
    text: str,
    layout: Layout,
    matcher: Matcher,
    org: str,
    city: str,
    actors: ActorIndex,
    dates: DateContext | None = None,
) -> Sentence | None:
    """First prose sentence that talks about the summit itself (summit word + org or city)."""
    fallback = None
    first = None
    gathering = None  # "The council met in Minsk on 27 June": no summit word, but the meeting
    for s in layout.prose():
        word = _summit_word(text, matcher, s.start, s.end)
        quoted = _quoted_spans(text, s)
        names = {
            m.actor
            for m in actors.within(s.start, s.end)
            if not any(a <= m.start < b for a, b in quoted)
        }
        if (
            not word
            and gathering is None
            and _MET_RE.search(text, s.start, s.end)
            and _dated(text, s, dates)
            and ((city and city in text[s.start : s.end]) or org in names)
        ):
            gathering = s
        if not word or _NEXT_RE.search(text, max(s.start, word.start() - 12), word.start()):
            continue
        if org in names or (city and city in text[s.start : s.end]):
            if dates is not None and _dated_only_before(text, s, dates):
                continue  # "The US kicked off annual APEC summits in 1993": history
            if first is None and _mentions_date(text, s):
                # "On June 13-14 the council met in Bishkek. ... their first meeting since
                # February": the gathering the text dated by its day before is the summit
                return gathering if gathering and not _dated(text, s, dates) else s
            if _dated(text, s, dates):
                return s  # an undated first mention ("gather for a summit"): the first dated
            first = first or s
        fallback = fallback or s
    return (first or gathering or fallback) if org else None


_MET_RE = re.compile(
    r"\b(?:met|convened|gathered|opened)\s+(?:in|at)\s+[A-Z]|\b(?:told|addressed|hosted)\s+"
    r"(?:the\s+)?(?:\w+\s+)?leaders\b"
)
_QUOTED_RE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")


def _quoted_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED_RE.finditer(text, sentence.start, sentence.end)]


# "told a news conference" is no summit
_NOT_SUMMIT_BEFORE = re.compile(r"\b(?:news|press|video|phone|telephone)\s+$", re.I)


def _summit_word(text: str, matcher: Matcher, start: int, end: int) -> re.Match[str] | None:
    """A summit word ("summit", "meeting") or a summit keyword ("declaration") in the span."""
    for rx in (matcher.summit_word_re, matcher.event_re):
        for m in rx.finditer(text, start, end):
            if rx is matcher.event_re and matcher.lookup("event_keyword", m.group()) != "summit":
                continue
            if not _NOT_SUMMIT_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                return m
    return None


# "during a press conference": a briefing, not a summit.
_PRESS_BEFORE = re.compile(r"\b(?:press|news)\s+$", re.I)
_NEXT_RE = re.compile(r"\b(?:next|last|previous|future|upcoming)\s+(?:\S+\s+)?$", re.I)


def _dated_only_before(text: str, sentence: Sentence, dates: DateContext) -> bool:
    found = find_dates(text, sentence.start, sentence.end, dates)
    return bool(found) and all(_before_the_article(d.date, text, dates) for d in found)


def _mentions_date(text: str, sentence: Sentence) -> bool:
    return bool(DATE_RE.search(text, sentence.start, sentence.end))


def _dated(text: str, sentence: Sentence, dates: DateContext | None) -> bool:
    if dates is None:
        return False
    return any(
        d.date.precision == "day" and not d.date.projected
        for d in find_dates(text, sentence.start, sentence.end, dates)
    )


def _most_precise_first(found: list) -> FuzzyDate:
    """The sentence's first date, unless it gives only a year that a later date of the same
    year makes precise ("The 2024 summit is held on July 9-11": July 9)."""
    first = found[0].date
    if first.month is None:
        for d in found[1:]:
            if d.date.year == first.year and d.date.month is not None:
                return d.date
    return first


def find_summit(
    text: str, layout: Layout, matcher: Matcher, actors: ActorIndex, dates: DateContext
) -> tuple[SummitInfo | None, Sentence | None]:
    org = find_summit_org(text, matcher, actors, layout, dates)
    if not org:
        return None, None
    city, country = find_city(text, layout, matcher, dates)
    sentence = summit_sentence(text, layout, matcher, org, city, actors, dates)
    date: FuzzyDate | None = None
    if sentence is not None:
        found = find_dates(text, sentence.start, sentence.end, dates)
        dateline = _DATELINE_RE.match(text, sentence.start, sentence.end)
        if dateline and any(d.start >= dateline.end() for d in found):
            # "CITY, June 14 – ... opened on Thursday": the story's date, not the dateline's
            found = [d for d in found if d.start >= dateline.end()]
        if any(not _before_the_article(d.date, text, dates) for d in found):
            # "agreed by the leaders in Jakarta on April 24, 2021," said at this year's summit
            found = [d for d in found if not _before_the_article(d.date, text, dates)]
        if found:
            date = _most_precise_first(found)
    year = date.year if date else (dates.published.year if dates.published else dates.default_year)
    return SummitInfo(org, city, country, year, date), sentence
