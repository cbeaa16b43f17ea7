"""Stage 5: meetings between actors.

A meeting phrase from the lexicon ("held talks with", "met", "bilateral talks with") with a
subject before it and partners after it. "X held talks with A, focusing on T, and with B,
discussing U" yields two meetings; "X met with A, B and C" one meeting of all, or one each
when the text says "separately". "A and B held talks" has its partners in the subject.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .actors import Mention
from .doc import Doc, inside, subject_of
from .text import Sentence, after_dateline
from .topics import topics_in
from .types import ExtractedMeeting, FuzzyDate

_SEGMENT_SPLIT = re.compile(
    r",?\s+and,?\s+(?:then\s+|also\s+|separately,?\s+)*with\s+|;\s*|,\s+as\s+well\s+as\s+"
    r"|,?\s+and\s+(?:later|then|afterwards|subsequently)\s+(?:with\s+)?"
)
# "A, B and C"; "A — the country's ruler — and B": a description between dashes is no break.
_LIST_SEP = re.compile(
    r"^(?:\s+[—–]\s[^—–\n]{1,60}?\s[—–])?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$"
)
# "A and B", "A, B and C", "A and his Russian counterpart B", "A and Russian counterpart B".
_SUBJECT_PAIR = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their)\s+)?(?:[A-Z][\w.-]+\s+){0,3}"
    r"(?:counterpart\s+)?$"
)
# "met separately", "held bilateral meetings with A, B and C": one meeting per partner.
_SEPARATE_RE = re.compile(
    r"\b(?:separately|separate|individually|respectively|one-on-one|meetings|bilateral"
    r"|talks\s+with\s+each)\b",
    re.I,
)
# "held talks in the Kremlin": a place, not a partner; "since Russia invaded": a clause.
_PLACE_LEAD = re.compile(
    r"\b(?:in|at|inside|near|from|outside|on|since|after|before|until|when|while)\s+(?:the\s+)?$",
    re.I,
)


# "Putin told Xi at their bilateral meeting", "In their 50-minute talks, A and B vowed", "A
# invited B, following their last meeting in C": the two people of the sentence met.
_THEIR_MEETING = re.compile(
    r"\b(?:at|during|in|after|following|since)\s+their\s+(?:[\w-]+\s+){0,3}?(?:meeting|talks)\b"
    # "A and B opened their long-awaited summit", "A and B have completed their talks": the
    # meeting is the object of a verb that says it took place
    r"|\b(?:held|opened|began|started|completed|concluded|ended|wrapped\s+up)\s+their\s+"
    r"(?:[\w-]+\s+){0,3}?(?:meeting|talks|summit)\b",
    re.I,
)
# A meeting announced, not held: "will meet", "is set to hold talks", "plans to meet".
_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?:plans?|planned|set|expected|due|scheduled|likely|hopes?|hoped"
    r"|wants?|wanted|going|aims?|is|are|was|were|agreed|invited|intends?)\s+to)"
    r"\s+(?:\w+ly\s+|also\s+|then\s+)?(?:hold\s+|have\s+)?$",  # "is set to hold a meeting with"
    re.I,
)


# A phrase in the base form ("hold talks", "meet") in a sentence that looks ahead says when
# something will happen, not that it did.
_BASE_FORM = re.compile(r"(?:hold|meet|have)\b", re.I)
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|(?:expected|set|due|scheduled|going|planning|poised)\s+to)\b", re.I
)


def find_meetings(doc: Doc) -> list[ExtractedMeeting]:
    out: list[ExtractedMeeting] = []
    last_person: str | None = None
    previous: Sentence | None = None
    for sentence in doc.layout.prose():
        found = _meetings_in(doc, sentence, last_person, previous, out)
        if not found:
            found = _their_meeting(doc, sentence)
        if not found:
            found = _named_meeting(doc, sentence)
        if not found:
            found = _told_at_meeting(doc, sentence)
        found += _participle_meeting(doc, sentence, last_person, found)
        out.extend(found)
        previous = sentence
        people = [
            m.actor
            for m in doc.actors.within(sentence.start, sentence.end)
            if doc.actors.kind(m.actor) == "person"
        ]
        if people:
            last_person = people[0]
    return out


def _first_person_before(
    doc: Doc, start: int, end: int, quotes: list[tuple[int, int]]
) -> str | None:
    for m in doc.actors.within(start, end):
        if doc.actors.kind(m.actor) == "person" and not inside(m.start, quotes):
            return m.actor
    return None


def _meetings_in(
    doc: Doc,
    sentence: Sentence,
    last_person: str | None,
    previous_sentence: Sentence | None,
    earlier: list[ExtractedMeeting],
) -> list[ExtractedMeeting]:
    text = doc.text
    start = doc.clause_start(sentence)
    quotes = doc.quotes_of(sentence)
    found: list[ExtractedMeeting] = []  # "held talks with A and met B": every phrase counts
    previous: list[str] = []
    for phrase, people_only in _phrases(doc, start, sentence.end):
        if phrase.group().lower() == "spoke" and not _PAIR_SUBJECT_BEFORE.search(
            text, start, phrase.start()
        ):
            continue  # "A and B spoke" met; "Biden spoke about Ukraine" did not
        if phrase.group().lower().startswith("will ") or _FUTURE.search(
            text, max(start, phrase.start() - 20), phrase.start()
        ):
            continue  # only meetings the text says were held
        if _BASE_FORM.match(phrase.group()) and _FUTURE_CLAUSE.search(text, start, phrase.start()):
            continue  # "A and B are expected to sign a treaty as they hold talks": both ahead
        subjects: list[str] = []
        if previous and _AND_BEFORE.search(text, start, phrase.start()):
            subjects = previous  # "... held talks with A and met B": same subject
        elif _PAIR_BEFORE.search(text, start, phrase.start()) or _THEY_BEFORE.search(
            text, start, phrase.start()
        ):
            subjects = _pair(doc, sentence, phrase.start(), previous_sentence)
            if not subjects and _THEY_BEFORE.search(text, start, phrase.start()):
                subjects = _pair_who_met(doc, sentence, earlier)
        else:
            # the traveller first: "visited Moscow to meet Putin" is not Moscow's meeting
            mention, pronoun = _traveller(doc, start, phrase.start(), quotes), False
            if mention is None:
                # "Biden – who also visited his school – held a meeting with": the subject
                # stands before the dashes
                dashes = _DASHED_ASIDE.search(text, start, phrase.start())
                verb = dashes.start() if dashes else phrase.start()
                mention, pronoun = subject_of(doc, start, verb, quotes, max_gap=4, strict=False)
            if mention is not None and _is_place_of_clause(doc, start, mention):
                mention = None  # "visited Kyiv and met Zelensky": Kyiv is where, not who
            if mention is None and not pronoun:
                mention = _coordinated_subject(doc, start, phrase.start())
            if mention is None and not pronoun:
                mention, pronoun = _main_clause_subject(doc, start, phrase, sentence, quotes)
            if mention is not None and _modifier_of_noun(doc, mention, phrase):
                continue  # "his White House meetings with Zelensky": where, not who
            if mention is not None:
                subjects = _titled_states(doc, start, mention) or _subject_group(
                    doc, start, mention
                )
            elif pronoun:
                # "Trump urged Kim ... as he began talks with ...", "Zelensky responded that he
                # had signed a deal with Putin": the person earlier in the sentence (outside its
                # quotations) before the one the previous sentence opened with
                here = _first_person_before(doc, start, phrase.start(), quotes)
                subjects = [here] if here else [last_person] if last_person else []
        if people_only and not all(_is_person(doc, x) for x in subjects):
            continue  # "Hungary welcomed the decision", "the Kremlin signed deals with"
        if not subjects:
            continue
        previous = subjects
        groups = _partner_groups(doc, phrase.end(), sentence.end, subjects)
        if people_only:
            groups = _people_groups(doc, groups)
            if not groups:
                continue
        if not groups and len(subjects) >= 2:
            if _is_summit_itself(doc, sentence, subjects):
                continue
            groups = [
                (
                    _host_of_talks(doc, phrase.end(), sentence.end, subjects),
                    phrase.end(),
                    sentence.end,
                )
            ]
        if not groups:
            continue
        separately = bool(
            _SEPARATE_RE.search(text, sentence.start, sentence.end)
            or _SEPARATE_RE.search(phrase.group())
            or _ONE_BY_ONE.match(phrase.group())
        )
        meetings = []
        if groups and _hosts_the_summit(doc, sentence, groups):
            continue
        for partners, seg_start, seg_end in groups:
            sets = [[p] for p in partners] if separately and partners else [partners]
            for group in sets:
                participants = tuple(dict.fromkeys(subjects + group))
                if len(participants) < 2:
                    continue
                meetings.append(
                    _meeting(doc, sentence, participants, seg_start, seg_end, phrase.start())
                )
        found.extend(meetings)
    return found


# Verbs whose object is a person or a place, a thing or a plan: "visited Zelensky in Kyiv",
# "welcomed Yoon and Kishida to the retreat" are meetings, "visited Kyiv", "welcomed the
# decision" are not; only people on both sides make one. "Signed a treaty with Kim" met him.
# A passive reception may carry a phrase before its agent ("was greeted on the red carpet
# by", "was welcomed upon his arrival in Manama by"). An adjective, quoted or not, may stand
# in a phone call ("had a “difficult” call with"): that phrase takes any partner.
_PEOPLE_PHRASE = re.compile(
    r"\b(?:visited|welcomed)\s+(?:both\s+)?"
    r"|\bsigned\s+(?:[\w-]+\s+){0,5}?(?:agreements?|deals?|treaty|treaties|accords?|pacts?"
    r"|documents?|memorand(?:um|a))\s+(?:of\s+understanding\s+)?with\s+"
    r"|\b(?:was|were)\s+(?:warmly\s+)?(?:greeted|welcomed|received)\s+"
    r"(?:(?:on|at|upon|in|after)\s+[^,.;:“”\"]{2,50}?\s+)by\s+"
)
_ADJECTIVE_CALL = re.compile(
    r"\b(?:had|held)\s+an?\s+(?:[“\"][\w-]+[”\"]|[\w-]+)\s+(?:phone\s+|telephone\s+)?"
    r"(?:call|conversation)\s+with\s+"
)
# "visited A and B": one visit each.
_ONE_BY_ONE = re.compile(r"visited\b")


def _phrases(doc: Doc, start: int, end: int) -> list[tuple[re.Match[str], bool]]:
    """The lexicon's meeting phrases, with the grammar's above where none of them stands;
    ``True`` marks a phrase whose parties must be people."""
    found = [(m, False) for m in doc.matcher.meeting_re.finditer(doc.text, start, end)]
    words = doc.text[start:end]
    if not any(w in words for w in ("visited", "welcomed", "signed", "was ", "were ", "call")):
        return found  # most sentences: substring tests are far cheaper than the regexes
    extra = [(m, True) for m in _PEOPLE_PHRASE.finditer(doc.text, start, end)]
    extra += [(m, False) for m in _ADJECTIVE_CALL.finditer(doc.text, start, end)]
    for m, people in extra:
        if not any(f.start() < m.end() and m.start() < f.end() for f, _ in found):
            found.append((m, people))
    return sorted(found, key=lambda x: x[0].start())


def _people_groups(
    doc: Doc, groups: list[tuple[list[str], int, int]]
) -> list[tuple[list[str], int, int]]:
    """The segments whose partners are all people ("visited Kyiv and Zelensky" is no list),
    named as the object itself ("visited the grave of X", "welcomed the remarks by X" are not
    meetings with X)."""
    out = []
    for partners, start, end in groups:
        if not partners or not all(_is_person(doc, p) for p in partners):
            continue
        first = next(m for m in doc.actors.within(start, end) if m.actor == partners[0])
        if not _OBJECT_OF.search(doc.text, start, first.start):
            out.append((partners, start, end))
    return out


_OBJECT_OF = re.compile(r"\b(?:of|by|from|for|to|about|on)\b", re.I)


_DASHED_ASIDE = re.compile(r"\s[–—]\s[^–—\n]{3,80}?\s[–—]\s+(?:\w+\s+){0,2}$")


_NOUN_PHRASE = re.compile(r"(?:a\s+)?(?:bilateral\s+)?(?:meetings?|talks)\b", re.I)


def _modifier_of_noun(doc: Doc, mention: Mention, phrase: re.Match[str]) -> bool:
    """A place, body or state right before "meetings with": a modifier of the noun."""
    return (
        doc.actors.kind(mention.actor) != "person"
        and not doc.text[mention.end : phrase.start()].strip()
        and bool(_NOUN_PHRASE.match(phrase.group()))
    )


def _their_meeting(doc: Doc, sentence: Sentence) -> list[ExtractedMeeting]:
    m = _THEIR_MEETING.search(doc.text, doc.clause_start(sentence), sentence.end)
    if m is None:
        return []
    quotes = doc.quotes_of(sentence)
    people = [
        x.actor
        for x in doc.actors.within(sentence.start, sentence.end)
        if doc.actors.kind(x.actor) == "person" and not any(s <= x.start < e for s, e in quotes)
    ]
    people = list(dict.fromkeys(people))
    if len(people) != 2:
        return []  # a third person makes "their" unclear
    return [_meeting(doc, sentence, tuple(people), m.start(), sentence.end, m.start())]


# "The meeting between A and B lasted an hour", "a sideline meeting took place between A and
# B": the meeting named by its parties.
_BETWEEN = re.compile(r"\b(?:meeting|talks)\s+(?:[\w-]+\s+){0,2}?between\s+", re.I)
# "The A-B talks ended": two people joined by a hyphen before the noun.
_JOINED_NOUN = re.compile(r"\b([A-Z][\w’']+)[-–]([A-Z][\w’']+)\s+(?:[\w-]+\s+)?(?:meeting|talks)\b")


def _person_named(doc: Doc, word: str) -> str:
    """The person a single name stands for: a lexicon alias, else a person of the article
    whose name ends with it ("Modi")."""
    name = doc.matcher.actor_for_alias(word)
    if name:
        return name if doc.matcher.actors[name].kind == "person" else ""
    found = [a for a in doc.actors.found if _is_person(doc, a) and a.split()[-1] == word]
    return found[0] if len(found) == 1 else ""


# "Macron told Xi during a bilateral meeting", "she told him at their talks": who spoke and
# who listened met.
_TOLD = re.compile(r"\btold\s+")
_AT_MEETING = re.compile(
    r"\s+(?:during|at|in)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks)\b", re.I
)


def _told_at_meeting(doc: Doc, sentence: Sentence) -> list[ExtractedMeeting]:
    text = doc.text
    if "told" not in text[sentence.start : sentence.end]:
        return []  # most sentences: a substring test instead of the scans below
    for told in _TOLD.finditer(text, sentence.start, sentence.end):
        after = doc.actors.within(told.end(), sentence.end)
        before = doc.actors.within(sentence.start, told.start())
        if not after or not before or after[0].start != told.end():
            continue
        speaker, listener = before[-1], after[0]
        if text[speaker.end : told.start()].strip() or not _AT_MEETING.match(text, listener.end):
            continue  # "Macron told Xi during a meeting", not "told reporters after the meeting"
        pair = (speaker.actor, listener.actor)
        if pair[0] != pair[1] and all(_is_person(doc, p) for p in pair):
            return [_meeting(doc, sentence, pair, told.start(), sentence.end, told.start())]
    return []


# "A meeting between A and B is expected next week": announced, not held.
_NOT_HELD = re.compile(
    r"\b(?:will|would|could|may|might|expected|planned|scheduled|proposed|possible|potential"
    r"|upcoming|ahead\s+of|next|set\s+to|due\s+to|hopes?\s+for|calls?\s+for|preparing)\b",
    re.I,
)


def _named_meeting(doc: Doc, sentence: Sentence) -> list[ExtractedMeeting]:
    """A meeting the sentence names by its parties ("the meeting between A and B", "the A-B
    talks") and does not announce."""
    text = doc.text
    start = doc.clause_start(sentence)
    words = text[start : sentence.end].lower()
    if "meeting" not in words and "talks" not in words:
        return []  # most sentences: plain substring tests are far cheaper than the regexes
    if _NOT_HELD.search(text, start, sentence.end):
        return []
    between = _BETWEEN.search(text, start, sentence.end)
    if between is not None:
        parties = _leading_list(doc, between.end(), sentence.end, [])
        if len(parties) >= 2:
            pos = between.start()
            return [_meeting(doc, sentence, tuple(parties), pos, sentence.end, pos)]
    for m in _JOINED_NOUN.finditer(text, start, sentence.end):
        parties = tuple(_person_named(doc, m.group(i)) for i in (1, 2))
        if all(parties) and parties[0] != parties[1]:
            return [_meeting(doc, sentence, parties, m.start(), sentence.end, m.start())]
    return []


# "a month after meeting Putin in Moscow", "Before meeting Xi, Lula spoke with": the meeting
# happened; its subject is the clause's.
_PARTICIPLE = re.compile(r"\b(?:after|before|since|while|when)\s+meeting\s+(?:with\s+)?", re.I)
_OPENS_WITH_HE = re.compile(r"\s*(?:he|she)\b", re.I)


def _participle_meeting(
    doc: Doc, sentence: Sentence, last_person: str | None, found: list[ExtractedMeeting]
) -> list[ExtractedMeeting]:
    text = doc.text
    if "meeting" not in text[sentence.start : sentence.end].lower():
        return []  # most sentences: a substring test instead of the scans below
    start = after_dateline(text, doc.clause_start(sentence))
    m = _PARTICIPLE.search(text, start, sentence.end)
    if m is None or _NOT_HELD.search(text, start, min(sentence.end, m.end() + 60)):
        return []  # "will sign the deal after meeting B next week": still to come
    opening = not text[start : m.start()].strip()
    comma = text.find(",", m.end(), sentence.end)
    stop = comma if opening and comma > 0 else sentence.end
    partners = _leading_list(doc, m.end(), stop, [])
    partners = [p for p in partners if _is_person(doc, p)]
    if len(partners) != 1:
        return []
    if opening:  # "Before meeting Xi, Lula spoke": the subject follows the comma
        people = doc.actors.within(comma + 1, sentence.end) if comma > 0 else []
        subject = (
            people[0].actor if people and not text[comma + 1 : people[0].start].strip() else None
        )
    elif _OPENS_WITH_HE.match(text, start):
        subject = last_person  # "He will fly to Kyiv, a month after meeting Putin"
    else:
        first = next(iter(doc.actors.within(start, m.start())), None)
        bare = first is not None and len(text[start : first.start].split()) <= 2
        subject = first.actor if bare and _is_person(doc, first.actor) else None
    if subject is None or subject == partners[0]:
        return []
    pair = (subject, partners[0])
    if any(set(pair) <= set(f.participants) for f in found):
        return []
    return [_meeting(doc, sentence, pair, m.start(), sentence.end, m.start())]


# "Biden flew to San Diego to appear with ...", "Xi paid a state visit to Moscow on March 20
# to meet Putin": travelled somewhere for the meeting.
_TRAVEL_TO = re.compile(
    r"\b(?:(?:flew|travell?ed|went|headed|came|arrived)\s+(?:to|in)"
    r"|(?:paid|made)\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}?(?:visit|trip)\s+to)\s+"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}(?:\s+on\s+[\w ]{3,20}?)?\s+to\s+$"
)


# "During a meeting with Premier Li, Sharif discussed ...", "Appearing at a joint press
# conference with X, Y said ...": the meeting opens the sentence.
# "Sitting down for talks with X, Y said", "Emerging from his first meeting with X, Y began".
_OPENING_PHRASE = re.compile(
    r"^\s*(?:(?:(?:appearing|speaking|standing)\s+)?(?:during|in|at|after|following)"
    r"|sitting\s+down\s+(?:for|to)|emerging\s+from|fresh\s+from)\s+"
    r"(?:(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+)?)?$",
    re.I,
)


def _main_clause_subject(
    doc: Doc, start: int, phrase: re.Match[str], sentence: Sentence, quotes: list
) -> tuple[Mention | None, bool]:
    """The subject of the main clause after an opening "During a meeting with X," phrase."""
    if not _OPENING_PHRASE.match(doc.text[after_dateline(doc.text, start) : phrase.start()]):
        return None, False
    comma = doc.text.find(",", phrase.end(), sentence.end)
    if comma < 0:
        return None, False
    after = comma + 1
    words = doc.text[after : after + 40]
    if re.match(r"\s*(?:he|she)", words, re.I):
        return None, True
    first = next(iter(doc.actors.within(after, sentence.end)), None)
    if first is None or doc.text[after : first.start].strip():
        return None, False
    return first, False


def _traveller(doc: Doc, clause_start: int, phrase_start: int, quotes: list) -> Mention | None:
    travel = _TRAVEL_TO.search(doc.text, clause_start, phrase_start)
    if travel is None:
        return None
    mention, _ = subject_of(doc, clause_start, travel.start(), quotes, max_gap=2, strict=False)
    return mention


def _subject_group(doc: Doc, clause_start: int, mention: Mention) -> list[str]:
    """The subject and those listed with it ("Modi and Biden held talks", "A, B and C met")."""
    names = [mention.actor]
    current = mention
    for m in reversed(doc.actors.within(clause_start, mention.start)):
        gap = doc.text[m.end : current.start]
        kinds = (doc.actors.kind(m.actor), doc.actors.kind(current.actor))
        state_before = not gap.strip() and kinds[0] == "state"
        body_title = kinds[0] in ("organisation", "body") and kinds[1] == "person"
        if state_before or (body_title and (not gap.strip() or _TITLE_WORDS.fullmatch(gap))):
            # "United States President Donald Trump", "European Council President Antonio
            # Costa": the state or body qualifies him
            current = m
            continue
        between = gap
        if not _SUBJECT_PAIR.match(between):
            break
        if len(names) == 1 and not re.search(r"\band\b|&", between):
            break  # "Before meeting Xi, Lula spoke with": a list ends in "and"
        names.insert(0, m.actor)
        current = m
    return list(dict.fromkeys(names))


# "The presidents of Russia and the US held a meeting": one holder of the title per state.
_PLURAL_TITLE = re.compile(
    r"\b(?P<title>presidents|prime\s+ministers|foreign\s+ministers|chancellors|leaders"
    r"|heads\s+of\s+state)\s+of\s+(?:the\s+)?$",
    re.I,
)
_STATE_LIST_SEP = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")
_LEADER_TITLES = frozenset(
    ["president", "prime minister", "chancellor", "king", "emir", "crown prince", "leader"]
)


def _titled_states(doc: Doc, clause_start: int, mention: Mention) -> list[str]:
    """ "The presidents of A and B": the one person of each state holding that title whom the
    article names; nothing when a state has none or several (the text does not say who)."""
    states = [mention]
    for m in reversed(doc.actors.within(clause_start, mention.start)):
        if not _STATE_LIST_SEP.match(doc.text[m.end : states[0].start]):
            break
        states.insert(0, m)
    titled = _PLURAL_TITLE.search(doc.text, clause_start, states[0].start)
    if len(states) < 2 or titled is None or titled.end() != states[0].start:
        return []
    if not all(doc.actors.kind(m.actor) == "state" for m in states):
        return []
    plural = " ".join(titled.group("title").lower().split())
    wanted = _LEADER_TITLES if plural in ("leaders", "heads of state") else {plural[:-1]}
    people = []
    for m in states:
        holders = [
            a.name
            for a in doc.actors.found.values()
            if a.kind == "person" and a.country == m.actor and a.title in wanted
        ]
        if len(holders) != 1:
            return []
        people.append(holders[0])
    return people


# "European Council President ": capitalised title words between a body and its holder.
_TITLE_WORDS = re.compile(r"\s+(?:[A-Z][\w-]*\s+){1,3}")
_AND_BEFORE = re.compile(r"\band\s+(?:\w+ly\s+|also\s+|later\s+)?$")


# "as the two leaders met", "both presidents held talks": the pair named just before.
_PAIR_BEFORE = re.compile(
    r"\b(?:the\s+two|both)\s+(?:leaders|presidents|men|women|heads\s+of\s+state|ministers)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)


# "summoned Pakistan's ambassador": the envoy stands for the state.
_ENVOY = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:ambassador|envoy|high\s+commissioner|charg[eé]\s+d)", re.I
)
_PAIR_SUBJECT_BEFORE = re.compile(
    r"\band\s+[\w\s.-]{2,60}?$|\b(?:they|two\s+leaders)\s+(?:\w+ly\s+|last\s+|first\s+)?$",
    re.I,
)
# "as they met", "They previously met": the two people named just before.
_THEY_BEFORE = re.compile(r"\bthey\s+(?:\w+ly\s+|also\s+|have\s+|had\s+)*$", re.I)


def _pair(doc: Doc, sentence: Sentence, pos: int, previous_sentence: Sentence | None) -> list[str]:
    """The first two people of this sentence before ``pos``, else of the previous sentence."""
    spans = [(sentence.start, pos)]
    if previous_sentence is not None:
        spans.append((previous_sentence.start, previous_sentence.end))
    for s, e in spans:
        people = [m.actor for m in doc.actors.within(s, e) if doc.actors.kind(m.actor) == "person"]
        people = list(dict.fromkeys(people))
        if len(people) >= 2:
            return people[:2]
    return []


def _pair_who_met(doc: Doc, sentence: Sentence, earlier: list[ExtractedMeeting]) -> list[str]:
    """ "They previously met ... They have also spoken by phone": the two people of the
    latest meeting, in this paragraph or the one before."""
    since = doc.layout.blocks[max(0, sentence.block - 1)].start
    for m in reversed(earlier):
        if m.start < since:
            break
        if len(m.participants) == 2 and all(_is_person(doc, p) for p in m.participants):
            return list(m.participants)
    return []


def _is_place_of_clause(doc: Doc, clause_start: int, mention: Mention) -> bool:
    """A state or city named after "to/in/at": a place the subject went to, not a subject."""
    if _is_person(doc, mention.actor):
        return False
    return bool(_TO_PLACE.search(doc.text, max(clause_start, mention.start - 12), mention.start))


_TO_PLACE = re.compile(r"\b(?:to|in|at|from)\s+(?:the\s+)?$", re.I)


def _coordinated_subject(doc: Doc, clause_start: int, phrase_start: int) -> Mention | None:
    """ "X, attending the summit, pledged support and met Y": the sentence's opening subject."""
    if not _AND_BEFORE.search(doc.text, clause_start, phrase_start):
        return None
    mentions = doc.actors.within(clause_start, phrase_start)
    if not mentions or len(doc.text[clause_start : mentions[0].start].split()) > 3:
        return None
    return mentions[0]


def _hosts_the_summit(doc: Doc, sentence: Sentence, groups: list) -> bool:
    """ "Biden hosted the leaders of Australia, India and Japan for a summit": the summit."""
    partners = [p for group, _, _ in groups for p in group]
    states = len(partners) >= 2 and all(doc.actors.kind(p) == "state" for p in partners)
    return states and bool(
        doc.matcher.summit_word_re.search(doc.text, sentence.start, sentence.end)
    )


# "A and B met in Madrid under the auspices of C": C took part.
_AUSPICES = re.compile(r"\bunder\s+the\s+auspices\s+of\s+", re.I)


def _host_of_talks(doc: Doc, start: int, end: int, subjects: list[str]) -> list[str]:
    """The person under whose auspices the subjects met, named right after the words."""
    m = _AUSPICES.search(doc.text, start, end)
    if m is None:
        return []
    # "of NATO Secretary General Jens Stoltenberg": the body and title before the person
    person = next((x for x in doc.actors.within(m.end(), end) if _is_person(doc, x.actor)), None)
    if person is None or person.actor in subjects:
        return []
    lead = doc.text[m.end() : person.start]
    return [] if re.search(r"[,;.]", lead) or len(lead.split()) > 5 else [person.actor]


def _is_summit_itself(doc: Doc, sentence: Sentence, subjects: list[str]) -> bool:
    """ "The leaders of A, B, C and D met for a summit": the summit event, not a meeting."""
    states = all(doc.actors.kind(s) == "state" for s in subjects)
    summit_word = doc.matcher.summit_word_re.search(doc.text, sentence.start, sentence.end)
    return states and bool(summit_word)


def _partner_groups(
    doc: Doc, start: int, end: int, subjects: list[str]
) -> list[tuple[list[str], int, int]]:
    """Partner lists per segment ("with A, focusing on T, and with B, discussing U")."""
    bounds = [start]
    for m in _SEGMENT_SPLIT.finditer(doc.text, start, end):
        bounds.extend([m.start(), m.end()])
    bounds.append(end)
    groups = []
    for seg_start, seg_end in zip(bounds[0::2], bounds[1::2], strict=False):
        partners = _leading_list(doc, seg_start, seg_end, subjects)
        if partners:
            groups.append((partners, seg_start, seg_end))
    return groups


def _leading_list(doc: Doc, start: int, end: int, subjects: list[str]) -> list[str]:
    """Actors listed at the head of a segment: the first within a few words, plus those joined
    to it by commas/"and". People are preferred; states count when no person is named."""
    place = _PLACE_THEN_WITH.match(doc.text, start, end)
    if place:
        start = place.end()  # "held separate talks in Bishkek with A and B"
    mentions = [m for m in doc.actors.within(start, end) if m.actor not in subjects]
    if not mentions:
        return []
    lead_in = _LEADERS_OF.match(doc.text, start)
    if lead_in and mentions[0].start >= lead_in.end():
        # "with leaders from the Maldives, Azerbaijan and Belarus' Lukashenko" (not "with the
        # President of Egypt, Abdel Fattah el-Sisi", which names one person)
        start = lead_in.end()
        mentions = [m for m in mentions if m.start >= start]
        if not mentions:
            return []
    first = mentions[0]
    if re.match(r"['’]s\b", doc.text[first.end : first.end + 3]) and not _ENVOY.match(
        doc.text, first.end
    ):
        # "received by Kim's father": someone of Kim's, not Kim; named after a comma ("Kim's
        # father, Kim Jong Il"), that person
        named = _RELATIVE_NAMED.match(doc.text, first.end, end)
        after = [m for m in mentions if named and m.start == named.end()]
        if not after or not _is_person(doc, after[0].actor):
            return []
        return [after[0].actor]
    lead = doc.text[start : first.start]
    if "," in lead and _COUNTERPART_COMMA.match(lead):
        lead = lead.replace(",", "")  # "his Ukrainian counterpart, Volodymyr Zelensky"
    if len(lead.split()) > 4 or _PLACE_LEAD.search(lead) or "," in lead:
        return []  # "met on Tuesday, the Kremlin said": past a comma is no partner
    listed = [first]
    for m in mentions[1:]:
        between = doc.text[listed[-1].end : m.start]
        if _POSSESSIVE_JOIN.match(between):
            listed[-1] = m  # "Belarus' Lukashenko": the person stands for the state
        elif _LIST_SEP.match(between):
            listed.append(m)
        else:
            break
    listed = [_counterpart(doc, m) for m in listed]
    # a state counts unless a person of it is listed too ("Modi of India and Japan")
    people = {doc.actors.found[m.actor].country for m in listed if _is_person(doc, m.actor)}
    listed = [m for m in listed if _is_person(doc, m.actor) or m.actor not in people]
    kinds = {doc.actors.kind(m.actor) for m in listed}
    if "person" in kinds and kinds <= {"person", "organisation", "body"}:
        listed = [m for m in listed if doc.actors.kind(m.actor) == "person"]
    return list(dict.fromkeys(m.actor for m in listed))


_COUNTERPART_AFTER = re.compile(r"\s+counterparts?\b")


def _counterpart(doc: Doc, mention: Mention) -> Mention:
    """ "his US counterpart": the one person of that state the article names, else the state."""
    if doc.actors.kind(mention.actor) != "state" or not _COUNTERPART_AFTER.match(
        doc.text, mention.end
    ):
        return mention
    people = [
        a.name
        for a in doc.actors.found.values()
        if a.kind == "person" and a.country == mention.actor
    ]
    return replace(mention, actor=people[0]) if len(people) == 1 else mention


def _is_person(doc: Doc, name: str) -> bool:
    return doc.actors.kind(name) == "person"


_RELATIVE_NAMED = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s*")
_COUNTERPART_COMMA = re.compile(
    r"^\s*(?:his|her|their|its)\s+(?:[\w-]+\s+){0,2}counterparts?,\s*$", re.I
)
_LEADERS_OF = re.compile(
    r"\s*(?:the\s+)?(?:leaders?|heads?\s+of\s+(?:state|government)|presidents?|counterparts?)"
    r"\s+(?:of|from)\s+(?:the\s+)?",
    re.I,
)
_PLACE_THEN_WITH = re.compile(
    r"\s*(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}\s+with\s+"
)
_POSSESSIVE_JOIN = re.compile(r"^(?:['’]s?)\s+$")


_THEN = re.compile(r"\s*(?:at\s+(?:the|that)\s+time|back\s+then|then)\b", re.I)
_THAT_DAY = re.compile(r"\b(?:later|earlier)\s+(?:that|the\s+same)\s+day\b", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|until|till)\s+$", re.I)
_WHEN_AFTER = re.compile(r",?\s+when\b")


def _previous_start(doc: Doc, sentence: Sentence) -> int:
    """Where the sentence before this one, in the same block, starts (else this one's)."""
    previous = [
        s for s in doc.layout.sentences if s.block == sentence.block and s.end <= sentence.start
    ]
    return previous[-1].start if previous else sentence.start


def _month_of(date: FuzzyDate | None) -> FuzzyDate | None:
    """An undated meeting happened around the summit or the report, not on its day."""
    if date is None or date.month is None:
        return date
    return FuzzyDate(date.year, date.month, projected=date.projected)


def _undated(doc: Doc) -> FuzzyDate | None:
    """The date of a meeting its sentence does not date. A report that dates something in its
    own prose to the publication day ("shook hands on Monday", "talks today") is the news of
    that day, and so is its undated meeting; otherwise the meeting happened around the summit
    or the report, on a day the text does not give: its month."""
    published = doc.dates.published
    summit = doc.summit.date if doc.summit else None
    if (
        published is not None
        and (summit is None or _same_month(summit, published))
        and _reports_the_day(doc, FuzzyDate.from_date(published))
    ):
        return FuzzyDate.from_date(published)
    return _month_of(doc.context_date())


def _same_month(date: FuzzyDate, day: dt.date) -> bool:
    return (date.year, date.month) == (day.year, day.month)


def _reports_the_day(doc: Doc, day: FuzzyDate) -> bool:
    """A sentence of prose (not a dateline, a byline or a date on its own line) dated ``day``."""
    for sentence in doc.layout.prose():
        start = after_dateline(doc.text, doc.clause_start(sentence))
        for d in doc.dates_in(start, sentence.end):
            rest = doc.text[start : d.start] + doc.text[d.end : sentence.end]
            if d.date == day and len(_WORD.findall(rest)) >= 4:
                return True
    return False


_WORD = re.compile(r"[^\W\d_]{2,}")


def _meeting(
    doc: Doc,
    sentence: Sentence,
    participants: tuple[str, ...],
    seg_start: int,
    seg_end: int,
    phrase_start: int,
) -> ExtractedMeeting:
    """The meeting, dated by the sentence (a date after the phrase first, so a dateline does not
    win over "on Wednesday"), else by the summit or published date."""
    dates = [
        d
        for d in doc.dates_in(sentence.start, sentence.end)
        # "their first talks since 2019": the time of the one before, not of this one; but
        # "since June 2019, when they met": the time of the meeting the when-clause tells
        if not _SINCE_BEFORE.search(doc.text, max(sentence.start, d.start - 12), d.start)
        or (_WHEN_AFTER.match(doc.text, d.end) and d.end < phrase_start)
    ]
    if not dates and (
        _THEN.match(doc.text, sentence.start, sentence.end)
        or _THAT_DAY.search(doc.text, sentence.start, sentence.end)
    ):
        # "Looking back on his visit in 2000, ... At the time, he was received by", "Later
        # that day, he had lunch with": the time of the sentence before
        before = doc.dates_in(max(0, sentence.start - 400), sentence.start)
        earlier = [d for d in before if d.start >= _previous_start(doc, sentence)]
        if earlier:
            dates = earlier[-1:]
    after = [d for d in dates if d.start > phrase_start]
    date = (after or dates)[0].date if dates else _undated(doc)
    topics = topics_in(doc.matcher, doc.text, seg_start, seg_end)
    summary = doc.text[seg_start:seg_end].strip(" ,.;")
    return ExtractedMeeting(
        participants=participants,
        start=sentence.start,
        end=sentence.end,
        date=date,
        location=doc.summit.city if doc.summit else "",
        topics=topics,
        summary=summary,
        date_told=bool(dates),
    )
