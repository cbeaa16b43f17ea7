"""Stage 4: who said what, where.

One candidate per sentence (a multi-sentence quotation is one sentence for the splitter):
reported speech with a lexicon speech verb and its subject, or a quotation attributed before
("X said: “...”"), after ("“...,” he said" / "said X") or by the previous paragraph (a quote
paragraph standing alone), "according to X", an embedded post's byline. Speech by an outside
actor is also a response (responses.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .doc import Doc, Mention, inside, quote_text, subject_of
from .text import PARAGRAPH, Sentence, after_dateline
from .topics import topics_in
from .types import ExtractedStatement, FuzzyDate

_PARTICIPLE_CLAUSE = re.compile(
    r",\s*(?:asserting|arguing|saying|adding|insisting|noting|warning|stressing|claiming|"
    r"contending|declaring|explaining)\s+(?:that\s+)?(?P<clause>.+)$",
    re.S,
)
_INVERTED_SUBJECT_GAP = 3


@dataclass(frozen=True)
class Speech:
    """A speech act found in a sentence, before it is typed as statement or response."""

    speaker: str
    start: int
    end: int
    verb: str
    verb_start: int
    quote: str
    summary: str
    stance: str
    date: FuzzyDate | None


def find_speech(doc: Doc) -> list[Speech]:
    """Speech acts of the document, in text order: one per sentence, or one per speaker when
    several speak together ("A and B expressed hope", "the two leaders welcomed")."""
    out: list[Speech] = []
    last_speaker: tuple[str, int] | None = None  # (actor, block index)
    previous: Sentence | None = None
    previous_speech: Speech | None = None  # the speech act of the previous sentence
    for sentence in doc.layout.prose():
        speech = _speech_in(doc, sentence, last_speaker, previous)
        if speech is None:
            pair = _pair_speech(doc, sentence, out) or _they_again(doc, sentence, out)
            if pair:
                out.extend(pair)
                previous_speech, previous = None, sentence
                continue
        if speech is not None and _continues(doc, previous_speech, speech, previous, sentence):
            # "“We are not backing down,” Biden said. “In fact, we're standing up.”": one
            # statement over both sentences
            speech = replace(
                previous_speech,
                end=speech.end,
                quote=" … ".join(q for q in (previous_speech.quote, speech.quote) if q),
            )
            out[-1] = speech
        elif speech is not None:
            out.append(speech)
            # "A and B expressed hope ...": each speaks
            out.extend(replace(speech, speaker=co) for co in _co_speakers(doc, sentence, speech))
            # "the leaders of the EU and CELAC expressed ...": each organisation speaks
            out.extend(
                replace(speech, speaker=o) for o in _fellow_organisations(doc, sentence, speech)
            )
            # "X announced ..., and Y confirmed ...": the second clause's speaker too
            second = _second_clause(doc, sentence, speech) or _relative_speech(
                doc, sentence, speech
            )
            if second is not None:
                out.append(second)
        if speech is not None:
            last_speaker = (speech.speaker, sentence.block)
        previous_speech = speech
        previous = sentence
    return out


def _fellow_organisations(doc: Doc, sentence: Sentence, speech: Speech) -> list[str]:
    """The other members of a group subject ("the leaders of the EU and CELAC", "officials in
    India and Ukraine", "A and the leaders of B and C") whose first member spoke."""
    if not speech.verb:
        return []
    group = _group_subject(doc, doc.clause_start(sentence), speech.verb_start, sentence)
    return group[1:] if group and group[0] == speech.speaker else []


def _group_subject(doc: Doc, start: int, verb_start: int, sentence: Sentence) -> list[str]:
    quotes = doc.quotes_of(sentence)
    return (
        _organisation_leaders(doc, start, verb_start, quotes)
        or _officials_of(doc, start, verb_start, quotes)
        or _leaders_of_states(doc, start, verb_start, quotes)
    )


# "They also supported ...", "They pointed out ...": the group that spoke last goes on
_THEY = re.compile(
    r"(?:[^,“\"]{0,60},\s+)?(?:[Tt]hey|[Tt]he\s+(?:closing|joint|final)\s+statement)"
    r"\s+(?:(?:also|\w+ly|have|had)\s+)*$"
)


def _they_again(doc: Doc, sentence: Sentence, out: list[Speech]) -> list[Speech]:
    """One speech act per member of the latest group that spoke together (one sentence,
    several speakers), in this paragraph or the one before, when "they" open the sentence."""
    if not out or (
        doc.text.find("hey ", sentence.start, sentence.end) < 0
        and doc.text.find(" statement ", sentence.start, sentence.end) < 0
    ):
        return []
    start = after_dateline(doc.text, doc.clause_start(sentence))
    quotes = doc.quotes_of(sentence)
    verb = next(
        (
            v
            for v in doc.matcher.speech_re.finditer(doc.text, start, sentence.end)
            if not inside(v.start(), quotes)
        ),
        None,
    )
    if verb is None or not _THEY.fullmatch(doc.text, start, verb.start()):
        return []
    last = out[-1]
    if last.start < doc.layout.blocks[max(0, sentence.block - 1)].start:
        return []  # too far back: only this paragraph or the one before
    group = [sp.speaker for sp in out if (sp.start, sp.end) == (last.start, last.end)]
    group = list(dict.fromkeys(group))
    if len(group) < 2 or any(doc.actors.kind(g) == "person" for g in group):
        return []  # "they" after one speaker, or after people (who may be anybody's "they")
    one = _make(doc, sentence, group[0], verb, quotes)
    return [one] + [replace(one, speaker=g) for g in group[1:]]


_CLAUSE_JOIN = re.compile(r"[,;]\s+and\s+|;\s+")


def _second_clause(doc: Doc, sentence: Sentence, speech: Speech) -> Speech | None:
    """A speech act of someone else in a clause joined after the first one's verb."""
    if not speech.verb:
        return None
    quotes = doc.quotes_of(sentence)
    for join in _CLAUSE_JOIN.finditer(doc.text, speech.verb_start, sentence.end):
        if inside(join.start(), quotes):
            continue
        clause = Sentence(join.end(), sentence.end, sentence.block)
        for verb in doc.matcher.speech_re.finditer(doc.text, clause.start, clause.end):
            if inside(verb.start(), quotes) or _passive(doc.text, verb.start()):
                continue
            mention, _ = subject_of(doc, clause.start, verb.start(), quotes)
            if mention is None or mention.actor == speech.speaker:
                return None
            if doc.text[clause.start : mention.start].strip():
                return None  # the clause must open on its subject
            return _make(doc, sentence, mention.actor, verb, quotes)
        return None
    return None


_WHO_SPEAKS = re.compile(r",\s+who\s+(?:\w+ly\s+|also\s+|then\s+)?(?=\w)")


def _relative_speech(doc: Doc, sentence: Sentence, speech: Speech) -> Speech | None:
    """ "Modi said he expected a good meeting with Xi Jinping, who told Modi it was a pleasure":
    the person a relative clause after the first speech act is about speaks too."""
    if not speech.verb:
        return None
    quotes = doc.quotes_of(sentence)
    for who in _WHO_SPEAKS.finditer(doc.text, speech.verb_start, sentence.end):
        if inside(who.start(), quotes):
            continue
        verb = doc.matcher.speech_re.match(doc.text, who.end())
        if verb is None:
            continue
        before = [
            m for m in doc.actors.within(speech.verb_start, who.start()) if m.end == who.start()
        ]
        if not before or doc.actors.kind(before[0].actor) != "person":
            continue
        if before[0].actor == speech.speaker:
            continue
        return _make(doc, sentence, before[0].actor, verb, quotes)
    return None


# "The two leaders reaffirmed", "Both leaders expressed confidence": the pair who just met.
_PAIR_SUBJECT = re.compile(
    r"^(?:the\s+(?P<n>two|three|four)|both)\s+(?:leaders|presidents|heads\s+of\s+state"
    r"|(?P<sides>sides))"
    r"\s+(?:\w+ly\s+|also\s+|on\s+\w+day\s+)?$",
    re.I,
)


_PAIR_START = re.compile(r"(?:the\s+(?:two|three|four)|both)\s", re.I)
_COUNT = {"two": 2, "three": 3, "four": 4}
_GROUP_BLOCKS = 5  # paragraphs back a group that spoke together may still be "the leaders"


def _pair_speech(doc: Doc, sentence: Sentence, out: list[Speech]) -> list[Speech]:
    """One speech act per leader of the latest two-person meeting, in this paragraph or the
    one before, when "the (two) leaders" open the sentence with a speech verb; else of the
    latest group of that many people who spoke together."""
    start = after_dateline(doc.text, doc.clause_start(sentence))
    if not _PAIR_START.search(doc.text, start, sentence.end):
        return []
    verb = doc.matcher.speech_re.search(doc.text, start, sentence.end)
    if verb is None:
        return []
    subject = doc.text[start : verb.start()]
    # "And, in a joint statement after the talks, the two leaders reaffirmed": after an opener
    subject = subject[subject.rfind(",") + 1 :].lstrip() if "," in subject else subject
    pair = _PAIR_SUBJECT.match(subject)
    if pair is None:
        return []
    n = _COUNT.get((pair.group("n") or "two").lower(), 2)
    since = doc.layout.blocks[max(0, sentence.block - 1)].start
    meetings = [
        m
        for m in doc.meetings
        if since <= m.start < sentence.start
        and len(m.participants) == n
        and all(doc.actors.kind(p) == "person" for p in m.participants)
    ]
    speakers = list(meetings[-1].participants) if meetings else _pair_named_before(doc, sentence, n)
    if len(speakers) != n and not meetings:
        speakers = _spoke_together(doc, out, sentence, n)
    if len(speakers) != n:
        return []
    quotes = doc.quotes_of(sentence)
    if pair.group("sides"):
        # "the two sides": the leaders' states
        speakers = [_country(doc, p) for p in speakers]
        if not all(speakers) or len(set(speakers)) != n:
            return []
    one = _make(doc, sentence, speakers[0], verb, quotes)
    return [one] + [replace(one, speaker=other) for other in speakers[1:]]


def _spoke_together(doc: Doc, out: list[Speech], sentence: Sentence, n: int) -> list[str]:
    """The n people of the latest speech act they made together, a few paragraphs back at
    most, when only they have spoken since ("Modi, Lula and Xi said ... Modi praised ...
    the three leaders said")."""
    since = doc.layout.blocks[max(0, sentence.block - _GROUP_BLOCKS)].start
    recent = [s for s in out if s.start >= since]
    spoken: set[str] = set()
    while recent:
        start = recent[-1].start
        together = [s.speaker for s in recent if s.start == start]
        recent = [s for s in recent if s.start != start]
        group = list(dict.fromkeys(together))
        if len(group) == 1:
            spoken.add(group[0])
            continue
        if (
            len(group) == n
            and all(doc.actors.kind(p) == "person" for p in group)
            and spoken <= set(group)
        ):
            return group
        return []
    return []


def _pair_named_before(doc: Doc, sentence: Sentence, n: int = 2) -> list[str]:
    """The two people of the latest sentence before this one (in its paragraph or the one
    before) that names anybody, when it names exactly two ("Macron told Xi during a bilateral
    meeting. ... the two leaders reaffirmed")."""
    earlier = [
        s for s in doc.layout.sentences if s.end <= sentence.start and s.block >= sentence.block - 1
    ]
    for s in reversed(earlier):
        people = [
            m.actor
            for m in doc.actors.within(s.start, s.end)
            if doc.actors.kind(m.actor) == "person"
        ]
        if people:
            people = list(dict.fromkeys(people))
            return people if len(people) == n else []
    return []


# "A and B", "A, B and C", "A and his American counterpart B" ahead of the verb.
_CO_SUBJECT = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their)\s+)?(?:[A-Z][\w.-]+\s+){0,3}"
    r"(?:counterpart\s+)?$"
)


def _co_speakers(doc: Doc, sentence: Sentence, speech: Speech) -> list[str]:
    """Those coordinated with the speaker as the subject of the speech verb, same kind."""
    if not speech.verb:
        return []
    before = doc.actors.within(doc.clause_start(sentence), speech.verb_start)
    at = [i for i, m in enumerate(before) if m.actor == speech.speaker]
    if not at:
        return []
    i = at[-1]
    kind = doc.actors.kind(speech.speaker)
    co: list[str] = []
    current = before[i]
    for m in reversed(before[:i]):
        if not doc.text[m.end : current.start].strip() and doc.actors.kind(m.actor) == "state":
            current = m  # "United States President Donald Trump": the state qualifies him
            continue
        if not _CO_SUBJECT.match(doc.text[m.end : current.start]):
            break
        if doc.actors.kind(m.actor) != kind or m.actor == speech.speaker:
            return []
        co.insert(0, m.actor)
        current = m
    if not co:
        return []
    lead = doc.text[after_dateline(doc.text, doc.clause_start(sentence)) : current.start]
    joined = doc.text[current.start : before[i].start]
    if len(lead.split()) > 8 or " and " not in joined:
        return []  # "A historical ally of Russia, India has ...": no pair of subjects
    return list(dict.fromkeys(co))


def _continues(
    doc: Doc,
    before: Speech | None,
    speech: Speech,
    previous: Sentence | None,
    sentence: Sentence,
) -> bool:
    """A bare quotation right after a quoted statement of the same speaker, in the same
    paragraph or opening the next one (a quotation running over paragraphs)."""
    return (
        before is not None
        and previous is not None
        and (
            previous.block == sentence.block
            or (
                sentence.block == previous.block + 1
                and doc.layout.blocks[sentence.block].start == sentence.start
            )
        )
        and before.end == previous.end
        and before.speaker == speech.speaker
        and (bool(before.quote) or _open_quote(doc.text, previous))
        and not speech.verb
        and bool(speech.quote)
    )


def _open_quote(text: str, sentence: Sentence) -> bool:
    """ "... saying: “The theme was resilience." with the quotation going on in the next
    paragraph (no closing mark at a paragraph's end)."""
    part = text[sentence.start : sentence.end]
    return part.count("“") > part.count("”")


def _first_person(doc: Doc, start: int, end: int, quotes: list | None = None) -> str | None:
    for m in doc.actors.within(start, end):
        if doc.actors.kind(m.actor) == "person" and not (quotes and inside(m.start, quotes)):
            return m.actor
    return None


def _spoke_in(doc: Doc, speaker: str, sentence: Sentence) -> bool:
    """The speaker is named in the sentence next to one of its speech verbs."""
    names = {m.actor for m in doc.actors.within(sentence.start, sentence.end)}
    return speaker in names and bool(
        doc.matcher.speech_re.search(doc.text, sentence.start, sentence.end)
    )


def _last_person(doc: Doc, start: int, end: int) -> str | None:
    people = [
        m.actor for m in doc.actors.within(start, end) if doc.actors.kind(m.actor) == "person"
    ]
    return people[-1] if people else None


def _speech_in(
    doc: Doc,
    sentence: Sentence,
    last_speaker: tuple[str, int] | None,
    previous: Sentence | None,
) -> Speech | None:
    text = doc.text
    start = doc.clause_start(sentence)
    quotes = doc.quotes_of(sentence)
    unknown_attribution = False  # "“...,” officials in the capital said"
    for verb in doc.matcher.speech_re.finditer(text, start, sentence.end):
        if any(s <= verb.start() < e for s, e in quotes):
            continue
        if _passive(text, verb.start()) and not verb.group().split()[0].endswith("ing"):
            agent = _AGENT.match(text, verb.end())
            if agent is None:
                continue
            # "was announced by White House Press Secretary Karoline Leavitt": the agent speaks
            agent_name = _agent(doc, agent.end(), sentence.end)
            if agent_name is None:
                continue
            return _make(doc, sentence, agent_name, verb, quotes)
        if _hosting(doc, verb) or _keeping(doc, verb) or _negated(text, verb.start()):
            continue
        if _in_relative_clause(doc, start, verb, sentence.end, quotes):
            continue
        closing = _closing_inverted(doc, start, verb, sentence.end, quotes)
        if closing is not None:
            # "The treaty is to enshrine friendship, said Chinese President Xi Jinping in a
            # speech.": the person after the verb speaks, not a subject in the reported clause
            return _make(doc, sentence, closing, verb, quotes)
        # "A joint statement by the member countries – A, B and C – stressed": the list
        # between dashes is an aside, the subject stands before it
        subject_end = _before_dash_aside(text, start, verb.start())
        mention, pronoun = subject_of(doc, start, subject_end, quotes)
        group = _group_subject(doc, start, verb.start(), sentence)
        if group:
            return _make(doc, sentence, group[0], verb, quotes)
        if _leaders_of_states_shape(doc, start, verb.start()):
            continue  # "the leaders of Japan and Korea" unnamed: not the states themselves
        if (
            mention is not None
            and text[mention.end : verb.start()].strip() == ","
            and not text[start : mention.start].rstrip().endswith(",")  # "X's spokesman, Y, said"
        ):
            # "Trump flew to South Korea, telling reporters ...": the clause's subject speaks
            opener = _coordinated_speaker(doc, start, verb.start(), quotes)
            if opener is None or opener == mention.actor or not _participle(verb):
                continue  # "Modi, invited as a guest, ...": a participle, not what Modi did
            mention = replace(mention, actor=opener)
        speaker = mention.actor if mention else None
        if mention is not None:
            speaker = _state_body(doc, mention, verb.start(), sentence, last_speaker) or speaker
        if (
            mention is not None
            and doc.actors.kind(mention.actor) == "person"
            and _ROLE_FOR.search(text, max(start, mention.start - 30), mention.start)
        ):
            # "A spokesperson for Borrell emphasized": the body the person speaks for, if known
            side = doc.matcher.actors.get(_country(doc, mention.actor))
            if side is None or side.kind not in ("organisation", "body", "state"):
                continue
            speaker, mention = side.name, None
        if mention is not None and _ROLE_AFTER.match(text, mention.end, verb.start()):
            # "Putin's press secretary said", "the Kremlin official said": someone else,
            # the spokesman named just before if there is one
            indefinite = _INDEFINITE.search(text, max(start, mention.start - 4), mention.start)
            speaker = (
                mention.actor
                if indefinite and doc.actors.kind(mention.actor) != "person"
                else _role_holder(doc, mention.actor, sentence, last_speaker)
            )
            if speaker is None:
                continue
        if pronoun:
            speaker = _resolve_pronoun(doc, sentence, verb.start(), last_speaker, previous)
        if speaker is None and _right_after_quote(text, quotes, verb.start()):
            speaker = _inverted_subject(doc, verb.end(), sentence.end)
        if speaker is None:
            speaker = _coordinated_speaker(doc, start, verb.start(), quotes)
        if speaker is None and mention is None and not pronoun:
            speaker = _bloc_subject(doc, start, subject_end)
        if speaker is None and mention is None and not pronoun:
            speaker = _same_body(doc, start, verb.start(), sentence, last_speaker)
        unnamed = "" if speaker is not None else _unnamed_after_quote(text, quotes, verb.start())
        if unnamed == "definite" and last_speaker and last_speaker[1] >= sentence.block - 1:
            speaker = last_speaker[0]
        if speaker is None:
            unknown_attribution = unknown_attribution or bool(unnamed)
            continue
        if doc.actors.kind(speaker) == "body" and not quotes:
            # "The agency said Xi greeted Lula, expressing his joy at the visit": the body
            # relays what the person said
            speaker = _relayed_person(doc, verb.end(), sentence.end) or speaker
        if doc.actors.kind(speaker) != "person":
            closing = _closing_attribution(doc, sentence, verb.end(), quotes, last_speaker)
            if closing is not None:
                return _make(doc, sentence, closing[0], closing[1], quotes)
        return _make(doc, sentence, speaker, verb, quotes)
    sourced = _according_to(doc, sentence, quotes) or _embedded_post(doc, sentence)
    if sourced is not None:
        speaker, cue = sourced
        return Speech(
            speaker,
            sentence.start,
            sentence.end,
            "",
            cue,
            quote_text(text, quotes),
            text[start : sentence.end].strip(),
            "neutral",
            _date_of(doc, sentence),
        )
    if quotes and _starts_with_quote(text, sentence) and not unknown_attribution:
        # the paragraph's speaker, unless the sentence names another we do not know
        speaker = _quote_paragraph_speaker(doc, sentence, last_speaker)
        if speaker:
            return Speech(
                speaker,
                sentence.start,
                sentence.end,
                "",
                sentence.start,
                quote_text(text, quotes),
                "",
                "neutral",
                _date_of(doc, sentence),
            )
    return None


_RELATIVE_OPEN = re.compile(r",\s+(?:who|whom|whose|which)\b[^,]*$", re.I)


def _in_relative_clause(
    doc: Doc, start: int, verb: re.Match[str], end: int, quotes: list[tuple[int, int]]
) -> bool:
    """ "Scholz, whom Modi praised as a friend, said ...": the verb of a relative clause, when
    the main clause has a speech verb of its own after it."""
    if not _RELATIVE_OPEN.search(doc.text, start, verb.start()):
        return False
    close = doc.text.find(",", verb.end(), end)
    if close < 0:
        return False
    return any(
        not inside(m.start(), quotes) for m in doc.matcher.speech_re.finditer(doc.text, close, end)
    )


# "leaders of the regional bloc said", "the bloc's foreign ministers urged": the summit's
# organisation speaks.
_BLOC_SUBJECT = re.compile(
    r"(?:^|,\s+|\b(?:and|while)\s+)(?:the\s+)?(?:(?:leaders|members|heads\s+of\s+(?:state|government)"
    r"|(?:foreign\s+)?ministers)\s+of\s+the\s+(?:[\w-]+\s+)?bloc|bloc\s+leaders"
    r"|(?:[\w-]+\s+)?bloc['’]s\s+(?:leaders|members|(?:foreign\s+)?ministers)"
    r"|(?:an?\s+|the\s+)?(?:joint\s+)?statement\s+(?:by|of)\s+the\s+member\s+(?:countries|states))"
    r"\s*(?:(?:\w+ly|also|have|had|jointly)\s+)?$",
    re.I,
)


_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—]{3,200}?\s[–—]\s*$")


def _before_dash_aside(text: str, start: int, verb_start: int) -> int:
    if text.find("–", start, verb_start) < 0 and text.find("—", start, verb_start) < 0:
        return verb_start  # no dash: no regular expression tried at every space
    m = _DASH_ASIDE.search(text, start, verb_start)
    return m.start() if m else verb_start


def _bloc_subject(doc: Doc, start: int, verb_start: int) -> str | None:
    summit = doc.summit
    if summit is None or doc.matcher.actors.get(summit.organisation) is None:
        return None
    if doc.matcher.actors[summit.organisation].kind != "organisation":
        return None
    clause = after_dateline(doc.text, start)
    return summit.organisation if _BLOC_SUBJECT.search(doc.text[clause:verb_start]) else None


# "Leaders of the Group of 20 countries said", "The leaders of the Quad countries of Japan,
# India, ... expressed", "The Quad leaders said", "the leaders of the EU and CELAC expressed":
# the organisations speak, not the members listed after them.
_LEADERS_OF = re.compile(
    r"(?:^|(?<=[-—–:]))\s*(?:the\s+)?(?:leaders|heads\s+of\s+(?:state|government)"
    r"(?:\s+and\s+government)?|member\s+(?:states|countries))\s+of\s+(?:the\s+)?$",
    re.I,
)
_THE_ONLY = re.compile(r"(?:^|(?<=[-—–:]))\s*(?:the\s+)?$", re.I)
_LEADERS_AFTER = re.compile(r"\s+(?:leaders|heads\s+of\s+(?:state|government))\b")
_AND_ORGANISATION = re.compile(r"\)?(?:\s*\([^()]{1,12}\))?\s+and\s+(?:the\s+)?")
# what may stand between the group and its verb: "countries of A, the B and C", "group of
# emerging economies", "also", "on Friday"
_GROUP_WORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "countries",
        "nations",
        "states",
        "members",
        "group",
        "bloc",
        "economies",
        "emerging",
        "major",
        "rich",
        "leading",
        "industrialised",
        "industrialized",
        "democracies",
        "also",
        "have",
        "jointly",
        "on",
    }
)
_GROUP_NOUNS = ("eaders", "eads of", "ember states", "ember countries")
_LEADERS_REACH = 20  # words between the group and its verb (a list of members may stand there)


def _organisation_leaders(
    doc: Doc, start: int, verb_start: int, quotes: list[tuple[int, int]]
) -> list[str]:
    text = doc.text
    if not any(text.find(w, start, verb_start) >= 0 for w in _GROUP_NOUNS):
        return []  # no "leaders", "heads of state" or "member states" before the verb
    clause = after_dateline(doc.text, start)
    mentions = [m for m in doc.actors.within(clause, verb_start) if not inside(m.start, quotes)]
    for i, first in enumerate(mentions):
        if doc.actors.kind(first.actor) != "organisation":
            continue
        head = doc.text[clause : first.start]
        if not (
            _LEADERS_OF.search(head)
            or (_THE_ONLY.search(head) and _LEADERS_AFTER.match(doc.text, first.end))
        ):
            return []
        group, last = [first.actor], first
        for m in mentions[i + 1 :]:
            if m.actor in group:
                last = m  # "(EU)" after "European Union"
                continue
            if doc.actors.kind(m.actor) != "organisation" or not _AND_ORGANISATION.fullmatch(
                doc.text[last.end : m.start]
            ):
                break
            group.append(m.actor)
            last = m
        between = doc.text[first.end : verb_start]
        words = _WORDS.findall(between)
        if len(words) > _LEADERS_REACH or inside(verb_start, quotes):
            return []
        if any(w[0].islower() and w not in _GROUP_WORDS and not w.endswith("ly") for w in words):
            return []  # "Leaders of the G7 agreed to ..., which X called": another predicate
        return group
    return []


# "Russian officials said", "Ukrainian government officials criticized", "Officials in India
# and Ukraine say": the state(s) speak (the officials are not named).
_DEMONYM_OFFICIALS = re.compile(
    r"(?:[^,]*,\s+)?(?:the\s+)?(?P<dem>[A-Z][\w-]+)\s+(?:government\s+|state\s+)?officials"
    r"(?:\s+and\s+state\s+media)?\s+(?:(?:\w+ly|also|have|had)\s+)*"
)
_OFFICIALS_IN = re.compile(
    r"(?:[^,]*,\s+)?(?:the\s+)?(?:government\s+)?[Oo]fficials\s+(?:in|from)\s+"
    r"(?P<places>[A-Z][^,]{1,60}?)\s+(?:(?:\w+ly|also|have|had)\s+)*"
)


def _officials_of(
    doc: Doc, start: int, verb_start: int, quotes: list[tuple[int, int]]
) -> list[str]:
    text = doc.text
    if text.find("fficials", start, verb_start) < 0:
        return []
    clause = after_dateline(text, start)
    head = text[clause:verb_start]
    m = _DEMONYM_OFFICIALS.fullmatch(head)
    if m is not None:
        state = doc.matcher.term("demonym").get(m.group("dem").lower())
        return [state] if state and state in doc.matcher.actors else []
    m = _OFFICIALS_IN.fullmatch(head)
    if m is None:
        return []
    places_start = clause + m.start("places")
    places = doc.actors.within(places_start, clause + m.end("places"))
    states = [p.actor for p in places if doc.actors.kind(p.actor) == "state"]
    rest = text[places_start : clause + m.end("places")]
    for p in places:
        rest = rest.replace(text[p.start : p.end], "")
    if not states or rest.strip(" ,") not in ("", "and") or len(states) != len(places):
        return []  # only states, joined by "and": "Officials in India and Ukraine"
    return list(dict.fromkeys(states))


# "US President Joe Biden and the leaders of Japan and South Korea have said": each state's
# head of state or government the document names (one each), and whoever leads the subject.
_LEADERS_OF_STATES = re.compile(
    r"(?:(?P<lead>[^,]{3,80}?)\s+and\s+)?(?:[Tt]he\s+)?[Ll]eaders\s+of\s+(?P<states>[A-Z][^,]{1,60}?)"
    r"\s+(?:(?:\w+ly|also|have|had|jointly)\s+)*"
)
_HEAD_TITLES = frozenset({"head of state", "head of government"})


def _leaders_of_states_shape(doc: Doc, start: int, verb_start: int) -> bool:
    if doc.text.find("eaders of ", start, verb_start) < 0:
        return False
    m = _LEADERS_OF_STATES.fullmatch(doc.text, after_dateline(doc.text, start), verb_start)
    return m is not None and any(
        doc.actors.kind(p.actor) == "state"
        for p in doc.actors.within(m.start("states"), m.end("states"))
    )


def _leaders_of_states(
    doc: Doc, start: int, verb_start: int, quotes: list[tuple[int, int]]
) -> list[str]:
    text = doc.text
    if text.find("eaders of ", start, verb_start) < 0:
        return []
    clause = after_dateline(text, start)
    m = _LEADERS_OF_STATES.fullmatch(text, clause, verb_start)
    if m is None:
        return []
    lead: list[str] = []
    if m.group("lead"):
        lead_mentions = doc.actors.within(m.start("lead"), m.end("lead"))
        if len(lead_mentions) != 1 or doc.actors.kind(lead_mentions[0].actor) != "person":
            return []
        lead = [lead_mentions[0].actor]
    places = doc.actors.within(m.start("states"), m.end("states"))
    rest = text[m.start("states") : m.end("states")]
    for p in places:
        rest = rest.replace(text[p.start : p.end], "")
    if not places or rest.replace("and", "").strip(" ,") or inside(m.start("states"), quotes):
        return []
    heads = []
    for p in places:
        if doc.actors.kind(p.actor) != "state":
            return []
        found = [
            a.name
            for a in doc.actors.found.values()
            if a.kind == "person"
            and a.country == p.actor
            and doc.matcher.term("title").get(a.title) in _HEAD_TITLES
            and a.name not in lead
        ]
        if len(found) != 1:
            return []  # nobody, or several, could be that state's leader
        heads.append(found[0])
    return list(dict.fromkeys(lead + heads))


# "The government said", "the mission added": the body that spoke just before, named again
# by its kind alone.
_THE_BODY = re.compile(
    r"(?:^|[,;][”\"’']?\s+|\band\s+)(?:(?:the|The)\s+(?:foreign\s+)?(?P<kind>government"
    r"|administration|ministry|mission|embassy|department|kremlin|statement)|(?P<it>It|it))"
    r"(?:,\s+(?:however|though|meanwhile),)?\s+(?:\w+ly\s+)?(?:also\s+)?$"
)
# "the statement said", "It added": whoever spoke last, when that is not a person
_ANY_BODY = frozenset({"statement"})
# a state's government or administration is the state itself
_STATE_KINDS = frozenset({"government", "administration"})


def _same_body(
    doc: Doc,
    start: int,
    verb_start: int,
    sentence: Sentence,
    last_speaker: tuple[str, int] | None,
) -> str | None:
    """The latest speaker (of the paragraph or the one before) when the subject names only its
    kind: "The government said" after a state spoke, "the mission said" after "the Chinese
    Mission to the EU" did."""
    if last_speaker is None or last_speaker[1] < sentence.block - 1:
        return None
    clause = after_dateline(doc.text, start)
    m = _THE_BODY.search(doc.text[clause:verb_start])
    if m is None:
        return None
    speaker = last_speaker[0]
    if m.group("it") or m.group("kind").lower() in _ANY_BODY:
        return speaker if doc.actors.kind(speaker) not in ("person", "") else None
    kind = m.group("kind").lower()
    if kind in _STATE_KINDS:
        return speaker if doc.actors.kind(speaker) == "state" else None
    return speaker if kind in speaker.lower() else None


_RELAYED = re.compile(r"\s+(?:that\s+)?")


def _relayed_person(doc: Doc, after: int, end: int) -> str | None:
    """The person opening the clause a body reported, when that clause has its own speech
    verb: "Xinhua said Xi greeted Lula, expressing his joy at the visit" (Xi spoke); "Xinhua
    said Xi inspected a factory" has none and stays the body's."""
    lead = _RELAYED.match(doc.text, after)
    if lead is None:
        return None
    mentions = doc.actors.within(lead.end(), end)
    if not mentions or mentions[0].start != lead.end():
        return None
    person = mentions[0].actor
    if doc.actors.kind(person) != "person":
        return None
    if doc.matcher.speech_re.search(doc.text, mentions[0].end, end) is None:
        return None
    return person


_STATE_BODY = re.compile(r"\s+(?P<kind>embassy|ministry|mission|consulate)\s+(?:\w+ly\s+)?$", re.I)


def _state_body(
    doc: Doc,
    mention: Mention,
    verb_start: int,
    sentence: Sentence,
    last_speaker: tuple[str, int] | None,
) -> str | None:
    """ "the US embassy said" after "the US Embassy in Brasilia" spoke: that body again, not
    the state its subject names."""
    m = _STATE_BODY.match(doc.text, mention.end, verb_start)
    if m is None or m.end() != verb_start or doc.actors.kind(mention.actor) != "state":
        return None
    if last_speaker is None or last_speaker[1] < sentence.block - 1:
        return None
    body = last_speaker[0]
    if m.group("kind").lower() not in body.lower() or _country(doc, body) != mention.actor:
        return None
    return body


# A role held by someone else than the subject mention: "X's press secretary", "X's top aide",
# "the X official" (singular: "Kremlin officials" speak for the body).
_ROLE_AFTER = re.compile(
    r"(?:['’]s\s+(?:[a-z][\w-]*\s+){0,2}|\s+)(?:press\s+secretary|spokes(?:man|woman|person)|"
    r"official|aide|adviser|advisor)\b",
)


_ROLE_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aide|adviser|advisor|official)\s+(?:for|to)\s+$", re.I
)
_INDEFINITE = re.compile(r"\b(?:an?)\s+$", re.I)


def _closing_attribution(
    doc: Doc,
    sentence: Sentence,
    after: int,
    quotes: list,
    last_speaker: tuple[str, int] | None,
) -> tuple[str, re.Match[str]] | None:
    """ "India rejects the reference ..., spokesman Raveesh Kumar said on Tuesday": the person
    of a closing attribution speaks, not the state the reported clause starts with."""
    for verb in doc.matcher.speech_re.finditer(doc.text, after, sentence.end):
        if any(s <= verb.start() < e for s, e in quotes):
            continue
        comma = doc.text.rfind(",", after, verb.start())
        if comma < 0:
            continue
        if _CLAUSE_JOIN.match(doc.text, comma):
            # "Brazil dismissed the forum, and Modi set conditions": a second speaker's own
            # clause (see _second_clause), not who the first clause came from
            return None
        mention, pronoun = subject_of(doc, comma + 1, verb.start(), quotes)
        if mention is not None and doc.actors.kind(mention.actor) == "person":
            return mention.actor, verb
        if (
            pronoun
            and last_speaker
            and last_speaker[1] >= sentence.block - 1
            and doc.actors.kind(last_speaker[0]) == "person"
        ):
            return last_speaker[0], verb  # "..., he noted." after the spokesman spoke
    return None


def _role_holder(
    doc: Doc, owner: str, sentence: Sentence, last_speaker: tuple[str, int] | None
) -> str | None:
    """The person who spoke last, close by, for the same side as ``owner``; else the owner when
    it is a body or state ("the Kremlin's spokesman said": the Kremlin), else nobody."""
    side = _country(doc, owner)
    if (
        last_speaker
        and last_speaker[0] != owner
        and last_speaker[1] >= sentence.block - 1
        and doc.actors.kind(last_speaker[0]) == "person"
        and side
        and _country(doc, last_speaker[0]) == side
    ):
        return last_speaker[0]
    return None if doc.actors.kind(owner) == "person" else owner


def _country(doc: Doc, name: str) -> str:
    actor = doc.actors.found.get(name)
    if actor is None:
        return ""
    return actor.name if actor.kind == "state" else actor.country


_ACCORDING_TO = re.compile(r"\baccording\s+to\s+", re.I)
# a readout's "Quote by X:" / "Quote from X:" before the quotation, read like "according to X"
_QUOTE_BY = re.compile(r"\bQuote\s+(?:by|from)\s+(?=[^:]{2,60}:)", re.I)
# An embedded post: "... — Arindam Bagchi (@MEAIndia) June 22, 2023".
_POST_BYLINE = re.compile(r"[—–-]\s+(?P<name>[^—–()\n]{3,60}?)\s+\(@\w+\)")


def _according_to(doc: Doc, sentence: Sentence, quotes: list) -> tuple[str, int] | None:
    """ "According to the White House, ...", "..., according to Kremlin aide Yuri Ushakov":
    the actor named right after (a person named there before the body that employs them)."""
    cues = list(_ACCORDING_TO.finditer(doc.text, sentence.start, sentence.end))
    if doc.text.find("uote ", sentence.start, sentence.end) >= 0:
        cues += _QUOTE_BY.finditer(doc.text, sentence.start, sentence.end)
    for cue in cues:
        if any(s <= cue.start() < e for s, e in quotes):
            continue
        run = []
        pos = cue.end()
        for m in doc.actors.within(cue.end(), min(sentence.end, cue.end() + 60)):
            gap = doc.text[pos : m.start]
            words = _WORDS.findall(gap)
            if len(words) > 4 or re.search(r"[,.;:]", gap) or any(w[0].isupper() for w in words):
                break  # role words only between: "Kremlin foreign policy adviser Yuri Ushakov"
            run.append(m)
            pos = m.end
        if not run or len(_WORDS.findall(doc.text[cue.end() : run[0].start])) > 1:
            continue  # "according to Russian sources": nobody named
        people = [m.actor for m in run if doc.actors.kind(m.actor) == "person"]
        return (people[-1] if people else run[0].actor), cue.start()
    return None


_WORDS = re.compile(r"[\w’'-]+")


def _embedded_post(doc: Doc, sentence: Sentence) -> tuple[str, int] | None:
    m = _POST_BYLINE.search(doc.text, sentence.start, sentence.end)
    if m is None:
        return None
    names = doc.actors.within(m.start("name"), m.end("name"))
    if len(names) != 1 or doc.actors.kind(names[0].actor) != "person":
        return None
    return names[0].actor, m.start()


def _quote_paragraph_speaker(
    doc: Doc, sentence: Sentence, last_speaker: tuple[str, int] | None
) -> str | None:
    """A bare quotation: the speaker of this paragraph so far, else the person the previous
    paragraph was about (its last named person), else its speaker."""
    block = doc.layout.block_of(sentence)
    if block.kind != PARAGRAPH:
        return None
    if last_speaker and last_speaker[1] == block.index:
        return last_speaker[0]
    if block.index == 0:
        return None
    prev = doc.layout.blocks[block.index - 1]
    if prev.kind != PARAGRAPH:
        return None
    person = _last_person(doc, prev.start, prev.end)
    if person:
        return person
    if last_speaker and last_speaker[1] == prev.index:
        return last_speaker[0]
    return None


def _make(doc: Doc, sentence: Sentence, speaker: str, verb: re.Match[str], quotes: list) -> Speech:
    text = doc.text
    stance = doc.matcher.lookup("speech_verb", verb.group()) or "neutral"
    summary = _summary(text, verb.end(), sentence.end)
    quote = quote_text(text, quotes)
    if quotes and quotes[0][0] < verb.start() and quotes[-1][1] <= verb.start():
        summary = quote  # "“...,” he said": the quotation is what was said
    elif not summary:
        summary = _before_attribution(doc, sentence, verb.start())
    return Speech(
        speaker,
        sentence.start,
        sentence.end,
        verb.group(),
        verb.start(),
        quote,
        summary,
        stance,
        _date_of(doc, sentence),
    )


def _before_attribution(doc: Doc, sentence: Sentence, verb_start: int) -> str:
    """ "Putin met Xi, the Kremlin said.": what comes before the closing attribution."""
    head = doc.text[doc.clause_start(sentence) : verb_start]
    cut = head.rfind(",")
    return head[:cut].strip() if cut > 0 else ""


_PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+$", re.I)


# "was announced by ..." (a role or two may stand before the name: "by White House Press
# Secretary X" is one mention of X after the body).
_AGENT = re.compile(r"\s+by\s+(?:the\s+)?")


def _agent(doc: Doc, start: int, end: int) -> str | None:
    """The actor named right at ``start``, or the person its run of names and capitalised
    role words ends on ("White House Press Secretary Karoline Leavitt")."""
    run = []
    pos = start
    for m in doc.actors.within(start, min(end, start + 80)):
        gap = doc.text[pos : m.start]
        if re.search(r"[,.;:]", gap) or any(not w[0].isupper() for w in _WORDS.findall(gap)):
            break
        run.append(m)
        pos = m.end
    if not run or run[0].start != start:
        return None
    people = [m.actor for m in run if doc.actors.kind(m.actor) == "person"]
    return people[-1] if people else run[0].actor


# "has not commented", "never confirmed", "didn't say": no speech act took place
_NEGATION_RE = re.compile(
    r"(?:\bnot|\bnever|n[’']t)\s+(?:(?:yet|officially|publicly|\w+ly)\s+)?$", re.I
)


def _negated(text: str, verb_start: int) -> bool:
    return bool(_NEGATION_RE.search(text, max(0, verb_start - 24), verb_start))


def _passive(text: str, verb_start: int) -> bool:
    """ "Modi was welcomed": the subject is acted upon, not speaking."""
    return bool(_PASSIVE_RE.search(text, max(0, verb_start - 12), verb_start))


_GUESTS_RE = re.compile(
    r"\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:more\s+than\s+|over\s+|some\s+)?"
    r"(?:(?:\d+|\w+)\s+){0,2}"
    r"(?:leaders|delegations?|guests|visitors|counterparts?|heads|dignitaries|ministers)\b",
    re.I,
)


# "maintained that ..." reports speech; "maintained its close ties" keeps something.
_KEEPING_VERBS = frozenset({"maintain", "maintained", "maintains"})
_REPORTED = re.compile(r"\s*(?:that\b|[:“\"])")


def _keeping(doc: Doc, verb: re.Match[str]) -> bool:
    word = verb.group().lower()
    return word in _KEEPING_VERBS and not _REPORTED.match(doc.text, verb.end())


def _hosting(doc: Doc, verb: re.Match[str]) -> bool:
    """ "Putin welcomed 20 world leaders" is hosting, "Modi welcomed the expansion" is speech."""
    after = doc.text[verb.end() : verb.end() + 60]
    if verb.group().lower() == "invited" and _GUESTS_RE.match(after):
        return True  # "invited the leaders to the museum" hosts; "invited Putin to visit" asks
    if " ".join(verb.group().lower().split()) not in doc.matcher.hosting_verbs:
        return False
    if _GUESTS_RE.match(after):
        return True
    nxt = doc.actors.within(verb.end(), verb.end() + 40)
    if nxt and re.match(r"['’]s\b", doc.text[nxt[0].end : nxt[0].end + 3]):
        return False  # "welcomed President X's visit": what was welcomed, not a guest
    return bool(nxt) and not doc.text[verb.end() : nxt[0].start].strip(" ,")


_THAT_RE = re.compile(r"^(?:\s+[\w’'-]+,?){0,3}?\s+that\s+")


def _summary(text: str, verb_end: int, end: int) -> str:
    """The reported clause: a participle clause ("asserting it ...") or what follows the verb."""
    rest = text[verb_end:end]
    m = _PARTICIPLE_CLAUSE.search(rest)
    clause = m.group("clause") if m else rest
    that = _THAT_RE.match(clause)
    if that:  # "told reporters that ...", "said after the talks that ..."
        clause = clause[that.end() :]
    clause = re.sub(r"^\s*(?:that|for|of|on|to)\s+", "", clause.strip(), flags=re.I)
    return clause.rstrip(" .;:!?").strip()


def _starts_with_quote(text: str, sentence: Sentence) -> bool:
    return text[sentence.start : sentence.start + 1] in '“"'


def _resolve_pronoun(
    doc: Doc,
    sentence: Sentence,
    pos: int,
    last_speaker: tuple[str, int] | None,
    previous: Sentence | None,
) -> str | None:
    """ "he"/"she": a person earlier in the sentence, else the subject (first person) of the
    previous sentence, else the latest speaker nearby, else the latest person mentioned."""
    quotes = doc.quotes_of(sentence)
    here = _first_person(doc, doc.clause_start(sentence), pos, quotes)
    if here:
        return here
    if (
        previous is not None
        and last_speaker
        and last_speaker[1] == previous.block
        and doc.actors.kind(last_speaker[0]) == "person"
        and (
            _spoke_in(doc, last_speaker[0], previous)
            or _HE_SAID.match(doc.text, doc.clause_start(previous))
        )
    ):
        # "“...,” she wrote." after "..., X said."; "He said Putin planned ..." after "Ushakov
        # said ...": whoever spoke in the previous sentence goes on, not a person spoken of
        return last_speaker[0]
    if previous is not None and previous.block >= sentence.block - 1:
        # a person inside the previous sentence's quotation is spoken about, not speaking
        subject = _first_person(
            doc, doc.clause_start(previous), previous.end, doc.quotes_of(previous)
        )
        if subject:
            return subject
    if (
        last_speaker
        and last_speaker[1] >= sentence.block - 1
        and doc.actors.kind(last_speaker[0]) == "person"
    ):
        return last_speaker[0]
    return doc.actors.last_person_before(pos)


# a sentence whose speaker is the pronoun the one before it resolved ("He said ...")
_HE_SAID = re.compile(r"\s*(?:He|She)\s+(?:also\s+|\w+ly\s+)?(?:said|added|told|noted|stressed)\b")
# "... and said", "... and is calling on": a predicate coordinated to the subject's first one
_AND_BEFORE = re.compile(
    r"\band\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?(?:(?:is|was|has|had)\s+(?:also\s+)?)?$"
)
_OPENER_WORDS = 4
# a determiner and two more words before the first actor: a subject of its own and its verb
_NOUN_SUBJECT_LEAD = re.compile(r"\s*(?:The|A|An|This|That|Its|Their)\s+\S+\s+\S+", re.I)
_BY_BEFORE = re.compile(r"\b(?:began|started|ended|responded|replied|closed|opened)\s+by\s+$")


def _coordinated_speaker(
    doc: Doc, clause_start: int, verb_start: int, quotes: list[tuple[int, int]]
) -> str | None:
    """ "In response, President X expressed his gratitude ... and said that ...": the subject
    opening the sentence, for a speech verb in a clause coordinated to its predicate."""
    participle = doc.text[verb_start : verb_start + 20].split()[0].endswith("ing")
    before = doc.text[max(clause_start, verb_start - 20) : verb_start]
    if not (
        _AND_BEFORE.search(before)
        or (participle and (before.rstrip().endswith(",") or _BY_BEFORE.search(before)))
    ):
        return None  # "... and said that", "..., declaring that", "began by saying"
    clause_start = after_dateline(doc.text, clause_start)
    mentions = [
        m
        for m in doc.actors.within(clause_start, verb_start)
        if not inside(m.start, quotes) and not _dateline_word(doc.text[m.start : m.end])
    ]
    if not mentions or inside(mentions[0].start, quotes):
        return None
    lead = doc.text[clause_start : mentions[0].start]
    if "," in lead:
        # "Wearing a red tie, Trump shook hands with Xi and told reporters": an opening phrase
        # without actors, then the subject
        lead = lead[lead.rfind(",") + 1 :]
    if len(lead.split()) > _OPENER_WORDS or '"' in lead or "“" in lead:
        return None
    if _NOUN_SUBJECT_LEAD.match(lead):
        return None  # "The communique blames Russia ... and calls for": Russia is the object
    after = doc.text[mentions[0].end : mentions[0].end + 3]
    if re.match(r"['’]s\b", after):
        return None  # "Carney's visit ..." is no subject
    return mentions[0].actor


def _participle(verb: re.Match[str]) -> bool:
    return verb.group().split()[0].lower().endswith("ing")


def _dateline_word(word: str) -> bool:
    """ "WASHINGTON, July 10 (Reuters) -": a capitalised place opening a dateline."""
    return word.isupper() and len(word) > 4


def _right_after_quote(text: str, quotes: list[tuple[int, int]], verb_start: int) -> bool:
    """ "“...,” said X": the verb follows the closing quotation mark (a scare quote earlier in
    the sentence, "had a “difficult” call ... pledged to arm Ukraine", is not that)."""
    ends = [e for _, e in quotes if e <= verb_start]
    return bool(ends) and not text[ends[-1] : verb_start].strip(" ,.”\"'’\n")


# "“...,” officials in the capital said", "..., a source said": an unnamed source
_UNNAMED_SOURCE = re.compile(
    r"[\s,”\"'’]*(?:[\w’'-]+\s+){0,4}?(?:officials?|sources?|spokes(?:man|woman|person)"
    r"|aides?|diplomats?)(?:\s+[\w’'-]+){0,4}\s+$",
    re.I,
)
# "“...,” the official stated": the one who just spoke through their official
_THE_OFFICIAL = re.compile(r"[\s,”\"'’]*the\s+(?:official|spokes(?:man|woman|person))\s+$", re.I)


def _unnamed_after_quote(text: str, quotes: list[tuple[int, int]], verb_start: int) -> str:
    """ "definite" for "“...,” the official stated", "unnamed" for another unnamed source
    between the closing quotation mark and the verb, else ""."""
    ends = [e for _, e in quotes if e <= verb_start]
    if not ends:
        return ""
    if _THE_OFFICIAL.fullmatch(text, ends[-1], verb_start):
        return "definite"
    return "unnamed" if _UNNAMED_SOURCE.fullmatch(text, ends[-1], verb_start) else ""


# after the person of a closing "..., said X": the sentence ends or a circumstance follows
# ("in a speech", "on X"); "..., urged Putin to" has Putin as the object
_AFTER_CLOSING_SPEAKER = re.compile(
    r"\s*(?:[.;,!?]|$|(?:in|on|at|during|after|while|according|when|before|via)\b)"
)


def _closing_inverted(
    doc: Doc, start: int, verb: re.Match[str], end: int, quotes: list[tuple[int, int]]
) -> str | None:
    """ "..., said Foreign Minister NAME in a statement.": a verb right after a comma, outside
    any quotation, with a person (or body) right after it and nothing but a circumstance or
    the sentence's end after them."""
    if not doc.text[max(start, verb.start() - 3) : verb.start()].rstrip().endswith(","):
        return None  # checked first: most verbs have their subject before them
    before = doc.text[start : verb.start()].rstrip()
    if not _quotes_free(quotes, start, verb.start()):
        return None
    if len(before.split()) < _CLOSING_MIN_WORDS:
        return None  # "Today, said ..." is no reported clause
    after = doc.actors.within(verb.end(), end)
    if not after:
        return None
    first = after[0]
    if len(doc.text[verb.end() : first.start].split()) > _INVERTED_SUBJECT_GAP:
        return None
    if doc.text[verb.end() : first.start].strip() and not _CAPITALISED_WORDS.fullmatch(
        doc.text[verb.end() : first.start].strip()
    ):
        return None  # only a title may stand between: "said Chinese President"
    if not _AFTER_CLOSING_SPEAKER.match(doc.text, first.end, end):
        return None
    if doc.actors.kind(first.actor) not in ("person", "body"):
        return None
    return first.actor


_CLOSING_MIN_WORDS = 4
_CAPITALISED_WORDS = re.compile(r"(?:[A-Z][\w.’'-]*\s*)+")


def _quotes_free(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    """No quotation overlaps [start, end) (a quoted reported clause is read elsewhere)."""
    return not any(s < end and start < e for s, e in quotes)


def _inverted_subject(doc: Doc, after_verb: int, end: int) -> str | None:
    """ "“...,” said Foreign Minister Wang Yi": the subject right after the verb."""
    for m in doc.actors.within(after_verb, end):
        gap = doc.text[after_verb : m.start].split()
        if re.match(r"['’]s\b", doc.text[m.end : m.end + 3]):
            return None  # "says China's ambitions ...": an object, not the speaker
        return m.actor if len(gap) <= _INVERTED_SUBJECT_GAP else None
    return None


def _date_of(doc: Doc, sentence: Sentence) -> FuzzyDate | None:
    for d in doc.dates_in(sentence.start, sentence.end):
        if d.date.precision == "day":
            return d.date
    return doc.context_date()


def to_statement(doc: Doc, speech: Speech) -> ExtractedStatement:
    return ExtractedStatement(
        speaker=speech.speaker,
        start=speech.start,
        end=speech.end,
        quote=speech.quote,
        summary=speech.summary,
        stance=speech.stance,
        topics=topics_in(doc.matcher, doc.text, speech.start, speech.end),
        date=speech.date,
    )
