"""The per-document context shared by the stages, and small clause helpers they all need.

``Doc`` is built once per document (layout, actor mentions, date context, summit) so that each
stage stays a plain function of (doc, ...) -> records.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .actors import ActorIndex, Mention
from .dates import DateContext, DateMention, find_dates
from .lexicon import Matcher
from .text import HEADING, TITLE, Layout, Sentence, after_dateline
from .types import FuzzyDate, SummitInfo

_QUOTE_RE = re.compile(r"“([^“”]+)”|\"([^\"\n]+)\"")
_PRONOUN_RE = re.compile(r"(?<![\w-])(?:he|she)(?![\w-])", re.I)
_WORDS_RE = re.compile(r"[\w’'-]+")


@dataclass
class Doc:
    text: str
    layout: Layout
    matcher: Matcher
    actors: ActorIndex
    dates: DateContext
    summit: SummitInfo | None = None
    summit_sentence: Sentence | None = None
    memberships: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    _dates: list[DateMention] | None = field(default=None, repr=False)
    _date_starts: list[int] = field(default_factory=list, repr=False)
    _quotes: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict, repr=False)
    # Worked out once per document by responses.py (asked once per speech act).
    summit_sides: set[str] | None = field(default=None, repr=False)
    visit_sides: set[str] | None = field(default=None, repr=False)
    visit_regions: bool = field(default=False, repr=False)  # "the Russia-Africa summit"
    # events.py: (kind, date, sentence start) -> (sentence, keyword position), for the titles
    # of the keyword events that survive deduplication.
    event_title_at: dict = field(default_factory=dict, repr=False)

    def quotes_of(self, sentence: Sentence) -> list[tuple[int, int]]:
        """``quotes_in`` the sentence, scanned once (speech, pronouns and meetings all ask)."""
        key = (sentence.start, sentence.end)
        found = self._quotes.get(key)
        if found is None:
            found = self._quotes[key] = quotes_in(self.text, sentence.start, sentence.end)
        return found

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """Date mentions inside [start, end) (the whole text is scanned once)."""
        if self._dates is None:
            self._dates = find_dates(self.text, 0, len(self.text), self.dates)
            self._date_starts = [d.start for d in self._dates]
        i = bisect_left(self._date_starts, start)
        out = []
        while i < len(self._dates) and self._dates[i].start < end:
            if self._dates[i].end <= end:
                out.append(self._dates[i])
            i += 1
        return out

    def context_date(self) -> FuzzyDate | None:
        """Date of things the text does not date: the summit's, else the published date."""
        if self.summit and self.summit.date:
            return self.summit.date
        if self.dates.published:
            return FuzzyDate.from_date(self.dates.published)
        if self.summit and self.summit.year:
            return FuzzyDate(self.summit.year)
        return None

    def clause_start(self, sentence: Sentence) -> int:
        """Where the sentence's own words begin (after a bullet's "Label:")."""
        block = self.layout.block_of(sentence)
        if block.label_end > sentence.start and block.label_end < sentence.end:
            if self._speech_label(block.start, block.label_end):
                return sentence.start  # "President X said: “...”" is speech, not a label
            return block.label_end
        return sentence.start

    def _speech_label(self, start: int, label_end: int) -> bool:
        label = self.text[start : label_end - 1].rstrip()
        end = start + len(label)
        return any(m.end() == end for m in self.matcher.speech_re.finditer(self.text, start, end))

    def section_before(self, pos: int) -> list[tuple[int, int]]:
        """Spans of the blocks from the latest heading up to ``pos`` (nearest first)."""
        out = []
        for block in reversed(self.layout.blocks):
            if block.start >= pos:
                continue
            out.append((block.start, min(block.end, pos)))
            if block.kind in (HEADING, TITLE):
                break
        return out


def quotes_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation in text[start:end]."""
    out = []
    for m in _QUOTE_RE.finditer(text, start, end):
        g = 1 if m.group(1) is not None else 2
        out.append((m.start(g), m.end(g)))
    return out


def quote_text(text: str, spans: list[tuple[int, int]]) -> str:
    """All quoted fragments, joined with an ellipsis; trailing commas dropped."""
    parts = [text[s:e].strip().rstrip(",").strip() for s, e in spans]
    return " … ".join(p for p in parts if p)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


# Words that may stand between a subject and its verb: adverbs, auxiliaries, role nouns
# ("EU officials have", "Putin also", "the Kremlin's spokesman").
_BRIDGE = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "further",
        "then",
        "again",
        "later",
        "once",
        "both",
        "all",
        "would",
        "did",
        "not",
        "earlier",
        "had",
        "was",
        "were",
        "is",
        "are",
        "will",
        "repeatedly",
        "officials",
        "official",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "leaders",
        "leader",
        "diplomats",
        "diplomat",
        "sources",
        "representatives",
        "representative",
        "ministers",
        "minister",
        "delegation",
        "government",
        "administration",
        "envoy",
        "ambassador",
        "chief",
        "itself",
        "himself",
        "herself",
        "jointly",
        "publicly",
        "reportedly",
        "separately",
        "subsequently",
        "who",
        "which",
        "foreign",
        "ministry",
        "office",
        "presidency",
        "presidential",
        "state",
        "media",
        "agency",
        "military",
        "mission",
        "embassy",
        "press",
        "secretary",
        # hedged reporting: "is understood to have pressed", "is said to have urged"
        "understood",
        "believed",
        "thought",
        "known",
        "reported",
        "to",
        "be",
        # continuous tenses: "India has been calling for"
        "been",
    ]
)


def _bridge_word(word: str) -> bool:
    w = word.lower().strip("’'")
    return w in _BRIDGE or (w.endswith("ly") and len(w) > 4) or w in ("’s", "'s", "s")


def strip_parenthetical(text: str, start: int, end: int) -> int:
    """End of the subject part before a verb: "Putin, during talks with Xi, said" -> "Putin".

    Adverbs right before the verb are looked through ("Putin, ..., repeatedly advocated").
    """
    full = text[start:end].rstrip()
    seg = full
    words = seg.split()
    while words and _bridge_word(words[-1]):
        seg = seg[: seg.rfind(words[-1])].rstrip()
        words.pop()
    if seg.endswith(","):
        inner = seg[:-1]
        cut = inner.rfind(",")
        first = inner.find(",")
        if 0 <= first < cut and inner[first + 1 : first + 3].strip()[:1].islower():
            # "Modi, invited along with the leaders of A, B and C, met": the parenthetical
            # opens at the first comma, whatever it lists
            cut = first
        if cut >= 0:
            return start + cut
        return start + len(inner)
    return start + len(full)


def subject_of(
    doc: Doc,
    clause_start: int,
    verb_start: int,
    quotes: list[tuple[int, int]],
    max_gap: int = 5,
    strict: bool = True,
) -> tuple[Mention | None, bool]:
    """The actor mention acting as subject of the verb at ``verb_start``.

    Returns (mention, is_pronoun). The subject is the last mention (or he/she) before the verb
    once a parenthetical is removed, no more than ``max_gap`` words before the verb, and not an
    organisation used as an adjective of a summit ("the SCO summit underscored").
    """
    # only the few words before the verb can be the time phrase (a scan of the whole clause
    # tries the pattern at every space)
    time = _TIME_BEFORE_VERB.search(doc.text, max(clause_start, verb_start - 40), verb_start)
    if time and (
        "," not in doc.text[after_dateline(doc.text, clause_start) : time.start()]
        # "Sitting down for talks with Trump, Chinese President Xi on Saturday said": the
        # time right after a name that follows the opener's comma
        or _name_then_time(doc, clause_start, time.start())
    ):
        # "Zelensky and Trump on Monday expressed hope": the time says nothing of who spoke
        # (after a comma, "X, who met Y on Friday, called", the parenthetical rule below reads it)
        found, pronoun = subject_of(doc, clause_start, time.start(), quotes, max_gap, strict)
        if pronoun or (
            found is not None
            and (
                doc.actors.kind(found.actor) == "person"
                # "India's government on Thursday thanked", not "leaders meeting in Cairo"
                or not _PLACE_BEFORE.search(doc.text, max(0, found.start - 8), found.start)
            )
        ):
            return found, pronoun
    cut = strip_parenthetical(doc.text, clause_start, verb_start)
    named = _appositive_name(doc, clause_start, cut, verb_start)
    if named is not None:
        return named, False
    best: Mention | None = None
    for m in doc.actors.within(clause_start, cut):
        if inside(m.start, quotes) or _is_event_modifier(doc, m):
            continue
        best = m
    pron_pos, pron_end = -1, -1
    for p in _PRONOUN_RE.finditer(doc.text, clause_start, cut):
        if not inside(p.start(), quotes):
            pron_pos, pron_end = p.start(), p.end()
    if pron_pos > (best.start if best else -1):
        gap = _gap_words(doc.text, pron_end, cut)
        return (None, True) if gap <= max_gap else (None, False)
    if best is None:
        return None, False
    owner = _possessor_of_unit(doc, clause_start, best)
    if owner is not None and _bridged(doc.text, best.end, cut, max_gap):
        return owner, False  # "China's mission to the European Union said": China's
    if strict and not _bridged(doc.text, best.end, cut, max_gap):
        return None, False
    if _gap_words(doc.text, best.end, cut) > max_gap:
        return None, False
    return best, False


def _name_then_time(doc: Doc, clause_start: int, time_start: int) -> bool:
    """A person named right before the time phrase, after the sentence's last comma."""
    comma = doc.text.rfind(",", clause_start, time_start)
    before = doc.actors.within(comma + 1, time_start)
    return (
        len(before) == 1
        and doc.actors.kind(before[0].actor) == "person"
        # the name fills the whole stretch: not "X, who met Y on Friday, called"
        and not doc.text[comma + 1 : before[0].start].strip()
        and not doc.text[before[0].end : time_start].strip()
    )


# "A foreign ministry spokesperson, Zhao Lijian, said": the title's words, no verb.
_TITLE_PHRASE = re.compile(r"^[\w\s.'’-]{2,80}$")


def _appositive_name(doc: Doc, clause_start: int, cut: int, verb_start: int) -> Mention | None:
    """ "A Chinese foreign ministry spokesperson, Zhao Lijian, said", "Secretary-General of the
    OIC, Hussein Taha, said": the person named between the commas is the speaker, not the
    body or state of the title before them."""
    if cut >= verb_start or doc.text[cut] != ",":
        return None
    inside = doc.actors.within(cut, verb_start)
    if len(inside) != 1 or doc.actors.kind(inside[0].actor) != "person":
        return None
    person = inside[0]
    if doc.text[cut + 1 : person.start].strip() or doc.text[person.end : verb_start].strip(" ,"):
        return None  # more than the name between the commas
    head = doc.text[after_dateline(doc.text, clause_start) : cut]
    first = next(iter(doc.actors.within(clause_start, cut)), None)
    if not _TITLE_PHRASE.match(head) or first is None:
        return None  # the part before is a title with a body or state in it
    if doc.actors.kind(first.actor) == "person":
        return None  # "Putin, Xi, said": a list, not a title
    return person


_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near)\s+$", re.I)
_TIME_BEFORE_VERB = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|(?:earlier|later)\s+(?:this|last)\s+week"
    r"|today|yesterday)\s*,?(?:\s+[a-z]+ly)?\s*$"  # "on Sunday pointedly cautioned"
)
_UNIT_OF_POSSESSOR = re.compile(
    r"^['’]s\s+(?:[a-z][\w-]*\s+){1,3}(?:to|at|in|with|from)\s+(?:the\s+)?$"
)


def _possessor_of_unit(doc: Doc, clause_start: int, mention: Mention) -> Mention | None:
    """ "China's mission to the European Union": the owner of the unit, not the place the
    unit is posted to."""
    before = doc.actors.within(clause_start, mention.start)
    if before and _UNIT_OF_POSSESSOR.match(doc.text[before[-1].end : mention.start]):
        return before[-1]
    return None


def _bridged(text: str, start: int, end: int, max_gap: int) -> bool:
    """Only adverbs, auxiliaries and role nouns (at most ``max_gap``) between subject and verb."""
    if start >= end:
        return True
    # "The Ministry of External Affairs (MEA) said": an acronym in brackets names it again
    words = _WORDS_RE.findall(_ACRONYM_ASIDE.sub(" ", text[start:end]))
    return len(words) <= max_gap and all(_bridge_word(w) for w in words)


_ACRONYM_ASIDE = re.compile(r"^\s*\([A-Z][A-Za-z]{1,7}\)")


def _gap_words(text: str, start: int, end: int) -> int:
    return len(_WORDS_RE.findall(text, start, end)) if start < end else 0


def _is_event_modifier(doc: Doc, m: Mention) -> bool:
    """ "SCO summit", "NATO meeting": the organisation names an event, not a speaker."""
    if doc.actors.kind(m.actor) not in ("organisation",):
        return False
    follow = doc.text[m.end : m.end + 30]
    return bool(doc.matcher.summit_word_re.match(follow.lstrip()))
