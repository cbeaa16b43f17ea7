"""Plain data passed between the extraction stages and out to the services.

Nothing here touches the ORM: extraction is text in, these objects out. Every record carries
``start``/``end`` character offsets into the document text, so that ``text[start:end]`` is
exactly the passage it came from.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

# Precision of a date: "2001" is a year, "September 2025" a month, "1 September 2025" a day.
DAY = "day"
MONTH = "month"
YEAR = "year"


@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as the text says, no more.

    ``projected`` marks forward-looking dates ("by the end of 2025").
    """

    year: int
    month: int | None = None
    day: int | None = None
    projected: bool = False

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    def first_day(self) -> dt.date:
        """The first day of the period; stored with ``precision`` so it is never over-read."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the date is."""
        if self.precision == DAY:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def from_date(cls, date: dt.date, precision: str = DAY, projected: bool = False) -> FuzzyDate:
        if precision == YEAR:
            return cls(date.year, projected=projected)
        if precision == MONTH:
            return cls(date.year, date.month, projected=projected)
        return cls(date.year, date.month, date.day, projected=projected)


# --- Lexicon: what the extractor knows before it reads a document -----------------------------


@dataclass(frozen=True)
class ActorEntry:
    """A known actor and the names it goes by.

    kind: "person" | "state" | "organisation" | "body"
    bloc: "western" | "member" | "partner" | "other" | "" (unknown)
    """

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    title: str = ""
    country: str = ""
    bloc: str = ""


@dataclass(frozen=True)
class TopicEntry:
    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows up front; loaded from the database (editable in the admin)
    or from the seed JSON in tests.

    ``terms`` maps a term kind to {term: meaning}. Kinds used by the pipeline:
      - "speech_verb":   {"urged": "calls_for", "stated": "neutral", ...}   meaning = stance
      - "response_verb": {"rejected": "rejects", "dismissed": "rejects", ...} meaning = stance
      - "meeting_phrase": {"held talks with": "", "met": "", ...}
      - "title":         {"president": "head of state", "foreign minister": "...", ...}
      - "demonym":       {"turkish": "Turkey", "iranian": "Iran", ...}        meaning = country
      - "event_keyword": {"parade": "parade", "founded": "founding", ...}      meaning = event kind
      - "membership_status": {"observer": "observer", "dialogue partner": "dialogue_partner"}
    """

    actors: tuple[ActorEntry, ...] = ()
    topics: tuple[TopicEntry, ...] = ()
    terms: dict[str, dict[str, str]] = field(default_factory=dict)


# --- What extraction returns -------------------------------------------------------------------


@dataclass(frozen=True)
class FoundActor:
    """An actor met in the text: a lexicon actor, or a new one discovered by pattern."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    title: str = ""
    country: str = ""
    bloc: str = ""
    is_new: bool = False


@dataclass(frozen=True)
class SummitInfo:
    organisation: str  # actor name of the organisation, e.g. its lexicon name
    city: str = ""
    country: str = ""
    year: int | None = None
    date: FuzzyDate | None = None


@dataclass(frozen=True)
class ExtractedEvent:
    title: str
    kind: str
    date: FuzzyDate | None
    start: int
    end: int
    location: str = ""
    participants: tuple[str, ...] = ()  # actor names
    summary: str = ""


@dataclass(frozen=True)
class ExtractedStatement:
    speaker: str  # actor name
    start: int
    end: int
    quote: str = ""  # exact quoted words, "" for pure reported speech
    summary: str = ""  # the reported clause or a short summary
    stance: str = "neutral"  # supports | opposes | calls_for | neutral
    topics: tuple[str, ...] = ()  # topic names
    date: FuzzyDate | None = None


@dataclass(frozen=True)
class ExtractedMeeting:
    participants: tuple[str, ...]  # actor names, two or more
    start: int
    end: int
    date: FuzzyDate | None = None
    location: str = ""
    topics: tuple[str, ...] = ()
    summary: str = ""
    # False when the sentence gives no date and ``date`` is the summit's or the report's
    date_told: bool = True


@dataclass(frozen=True)
class ExtractedResponse:
    responder: str  # actor name
    start: int
    end: int
    responds_to: str = ""  # what it reacts to, e.g. the proposal's name or the speaker
    stance: str = "neutral"  # rejects | sceptical | reaffirms | supports | concerned | neutral
    quote: str = ""
    summary: str = ""
    topics: tuple[str, ...] = ()
    date: FuzzyDate | None = None


@dataclass(frozen=True)
class ExtractedMembership:
    organisation: str  # actor name
    member: str  # actor name (a state)
    start: int
    end: int
    year_joined: int | None = None
    status: str = "member"  # member | observer | dialogue_partner


@dataclass
class Extraction:
    title: str = ""
    published: FuzzyDate | None = None
    summit: SummitInfo | None = None
    actors: list[FoundActor] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    statements: list[ExtractedStatement] = field(default_factory=list)
    meetings: list[ExtractedMeeting] = field(default_factory=list)
    responses: list[ExtractedResponse] = field(default_factory=list)
    memberships: list[ExtractedMembership] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
