"""Stage 2: who is mentioned where.

Three sources, merged longest-first into non-overlapping mentions:
  - lexicon aliases ("Moscow" -> Russia, "US State Department");
  - the pattern [Demonym|Country's] Title Capitalised-Name [of Country], which also discovers
    people absent from the lexicon ("Kenyan President William Ruto");
  - title references without a name ("the Russian leader", "the EU's foreign policy chief"),
    resolved to the most recent compatible person or to the lexicon holder of that title.
Pronouns are resolved later, by the stages that need a subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicon import Matcher
from .types import ActorEntry, FoundActor

# The letter runs are possessive (*+, ++): nothing that may follow a word starts with a
# letter, so giving letters back never finds a match, and not trying it halves the scans.
_WORD = r"[A-ZÀ-Þ][^\W\d_]*+(?:-[^\W\d_]++|['’](?!s\b)[^\W\d_]++)*"
_PARTICLE = r"(?:bin|ibn|al|el|da|de|di|von der|von|van der|van|le|la)"
# "al-Sudani", "el-Sisi", "bin-Zayed": a particle joined to a family name by a hyphen
_JOINED = rf"(?:{_WORD}|(?:al|el|ad|ash|as|bin|ibn|ben)-{_WORD})"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_JOINED}){{0,4}}"
# Capitalised words that start sentences or dates rather than names.
_NOT_NAME = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "Of",
        "On",
        "In",
        "At",
        "For",
        "To",
        "With",
        "From",
        "By",
        "As",
        "But",
        "Or",
        "Tuesday",
        "Monday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "He",
        "She",
        "It",
        "They",
        "We",
        "This",
        "That",
        "His",
        "Her",
        "Their",
        "Its",
        "Who",
        "Which",
        "Said",
        "Says",
        "Has",
        "Had",
        "Was",
        "Is",
        "Will",
        "Would",
        "Also",
        "Today",
        "Yesterday",
    ]
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str  # actor name
    via: str = "alias"  # alias | pattern | title


@dataclass
class ActorIndex:
    """Actors known or discovered in one document and where they are mentioned."""

    found: dict[str, FoundActor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list, repr=False)  # of ``mentions``, for bisect

    def set_mentions(self, mentions: list[Mention]) -> None:
        """Replace the mentions (sorted by start), keeping ``starts`` in step."""
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def kind(self, name: str) -> str:
        actor = self.found.get(name)
        return actor.kind if actor else ""

    def last_person_before(self, pos: int, country: str = "") -> str | None:
        for m in reversed(self.mentions):
            if m.start >= pos:
                continue
            actor = self.found.get(m.actor)
            if actor and actor.kind == "person" and (not country or actor.country == country):
                return m.actor
        return None


def found_from_entry(entry: ActorEntry) -> FoundActor:
    return FoundActor(
        name=entry.name,
        kind=entry.kind,
        aliases=entry.aliases,
        title=entry.title,
        country=entry.country,
        bloc=entry.bloc,
        is_new=False,
    )


def _person_re(matcher: Matcher) -> re.Pattern[str]:
    """Title Name [of Country]; what precedes the title is read by ``_before_title_re``."""
    return re.compile(
        rf"(?<![\w-])(?P<title>(?i:{matcher.title_alt}))\s+(?P<name>{_NAME})"
        rf"(?:\s+of\s+(?P<of>{_WORD}(?:\s+{_WORD})?))?"
    )


def _before_title_re(matcher: Matcher) -> re.Pattern[str]:
    """The demonym or "Country's" right before a title (searched on a short window)."""
    return re.compile(
        rf"(?:(?<![\w-])(?P<dem>(?i:{matcher.demonym_alt}))"
        rf"|(?P<poss>{_WORD}(?:[ \t]+{_WORD})?)['’]s)[ \t]+$"
    )


def _title_ref_re(matcher: Matcher) -> re.Pattern[str]:
    """ "the Russian leader", "the EU's foreign policy chief", "the President" (one scan for
    all "the [country] title" shapes; what follows is checked by the caller)."""
    return re.compile(
        rf"(?<![\w-])[Tt]he\s+(?:(?P<dem>(?i:{matcher.demonym_alt}))\s+"
        rf"|(?P<poss>{_WORD}(?:[ \t]+{_WORD})?)['’]s\s+)?"
        rf"(?P<title>(?i:{matcher.title_alt}))(?![\w-])"
    )


def _appositive_re(matcher: Matcher) -> re.Pattern[str]:
    """Name, [the] [Demonym | Country's | Body] title [of|to Organisation], ("William Ruto,
    Kenya's president, said", "Jane Roe, the White House press secretary, said", "John Doe,
    the Australian ambassador to Vietnam, wrote")."""
    return re.compile(
        rf"(?<![\w-])(?P<name>{_NAME}),[ \t]+(?:(?i:the)[ \t]+)?"
        rf"(?:(?P<dem>(?i:{matcher.demonym_alt}))[ \t]+"
        rf"|(?P<poss>{_WORD}(?:[ \t]+{_WORD})?)['’]s[ \t]+"
        rf"|(?P<body>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+)?"
        rf"(?P<title>(?i:{matcher.title_alt}))"
        rf"(?:[ \t]+(?:of|to)[ \t]+(?:the[ \t]+)?(?P<of>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
        # "chairman of Libya's presidential council": the country, then its body in lower case
        rf"(?:['’]s(?:[ \t]+[a-z][\w-]*){{1,3}})?)?"
        rf"[ \t]*[,.]"
    )


def _title_before_comma_re(matcher: Matcher) -> re.Pattern[str]:
    """Title [of|for|to Organisation] ending right before a comma ("Prime Minister", "Secretary-
    General of the League of Arab States"); searched only before a ", Name," (commas are rare,
    titles are everywhere: scanning for the title first costs a tenth of the stage)."""
    return re.compile(
        rf"(?<![\w-])(?P<title>(?i:{matcher.title_alt}))"
        rf"(?:[ \t]+(?:of|for|to)[ \t]+(?:the[ \t]+)?"
        rf"(?P<of>{_WORD}(?:[ \t]+(?:of[ \t]+)?{_WORD}){{0,4}}))?$"
    )


# ", Name," set off by commas (after a title: "Prime Minister, Mark Brown, said")
_COMMA_NAME_RE = re.compile(rf",[ \t]+(?P<name>{_NAME})[ \t]*,")
_TITLE_BEFORE_REACH = 90


# after "the <title>": "of ASEAN, Kao Kim Hourn," (the role of an organisation, then the name)
_ROLE_TAIL_RE = re.compile(
    rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<of>{_WORD}(?:[ \t]+{_WORD}){{0,3}}),[ \t]+"
    rf"(?P<name>{_NAME})[ \t]*[,.]"
)
# after "the <title>": a name or "of Country" follows, or a possessive: not a bare reference
_NAME_NEXT = re.compile(r"\s+[A-Z]")
_NOT_BARE_RE = re.compile(r"[ \t]+(?:of[ \t]+)?[A-Z]|['’]s")


def _title_end_re(matcher: Matcher) -> re.Pattern[str]:
    """A title ending where the search window ends (before "of Country Name")."""
    return re.compile(rf"(?<![\w-])(?P<title>(?i:{matcher.title_alt}))$")


# "President of the Comoros Azali Assoumani", "Prime Minister of Ethiopia, Abiy Ahmed"
# (readout style: a title of a country, then the name); the title is checked before " of".
_OF_REST_RE = re.compile(
    rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<rest>{_WORD}(?:,?[ \t]+{_JOINED}){{2,5}})"
)
_TITLE_WINDOW = 45


def _title_of_country(matcher: Matcher, m: re.Match[str]) -> tuple[str, str, int] | None:
    """(name, country, name start) when the words after "of" are a state and then a name."""
    rest = m.group("rest")
    if rest.split()[0].rstrip(",") in _NOT_NAME:
        return None
    words = list(re.finditer(r"[^\s,]+", rest))
    for k in (1, 2, 3):
        if len(words) - k < 2:
            break
        country = matcher.actor_for_alias(rest[: words[k - 1].end()])
        if country and matcher.actors[country].kind == "state":
            name = _trim_name(rest[words[k].start() :].strip(" ,"))
            if len(name.split()) < 2:
                return None
            return name, country, m.start("rest") + words[k].start()
    return None


@dataclass(frozen=True)
class ActorPatterns:
    """The lexicon-dependent patterns of this stage, compiled once per Matcher."""

    person: re.Pattern[str]
    title_ref: re.Pattern[str]
    before_title: re.Pattern[str]
    appositive: re.Pattern[str]
    title_end: re.Pattern[str]
    title_before_comma: re.Pattern[str]


def _patterns(matcher: Matcher) -> ActorPatterns:
    if matcher.actor_patterns is None:
        matcher.actor_patterns = ActorPatterns(
            person=_person_re(matcher),
            title_ref=_title_ref_re(matcher),
            before_title=_before_title_re(matcher),
            appositive=_appositive_re(matcher),
            title_end=_title_end_re(matcher),
            title_before_comma=_title_before_comma_re(matcher),
        )
    return matcher.actor_patterns


# Honorifics that may stand between a title and a name ("Energy Minister Prince Abdulaziz").
_HONORIFICS = frozenset({"Prince", "Princess", "Sheikh", "Sir", "Dame", "Dr", "Mr", "Mrs", "Ms"})


def _trim_name(name: str) -> str:
    """Drop leading/trailing words that are not name words ("Putin On" -> "Putin")."""
    words = name.split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    while words and words[-1] in _NOT_NAME:
        words.pop()
    return " ".join(words) if words and words[0] not in _NOT_NAME else ""


def _country_of(matcher: Matcher, dem: str | None, poss: str | None, of: str | None) -> str:
    if dem:
        return matcher.term("demonym").get(" ".join(dem.lower().split()), "")
    for alias in (poss, of):
        if alias:
            name = matcher.actor_for_alias(alias) or matcher.actor_for_alias(alias.split()[-1])
            if name:
                return name
    return ""


_JOINING_HYPHEN_RE = re.compile(r"[-–](?=[A-Z])")
_JOINED_PAIR_RE = re.compile(
    r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z]\w*)?)[-–]([A-Z][\w.]*(?:\s[A-Z][a-z]\w*)?)(?![\w-])"
)

_JOINED_CHAIN_RE = re.compile(r"(?<![\w-])[A-Z][\w.]*(?:[-–][A-Z][\w.]*){2,}(?![\w-])")

_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


_CAPITALISED_GAP = re.compile(r"^(?:\s+[A-Z][\w’'-]*){0,4}\s*$")
# "In Ottawa, foreign ministry spokesperson Ann Lee said": where the speaker speaks from.
_IN_PLACE = re.compile(r"\bIn\s+(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+")


def _affiliation(text: str, matcher: Matcher, title_start: int) -> str:
    """An actor named right before a title: "US State Department spokesman ..." -> its name;
    "White House National Security Council spokesman" (a unit of it) -> the White House."""
    window_start = max(0, title_start - 60)
    for m in matcher.alias_re.finditer(text, window_start, title_start):
        # the outermost name of the run: "White House" of "White House National Security
        # Council spokesman"
        name = matcher.actor_for_alias(m.group())
        if name and _CAPITALISED_GAP.match(text[m.end() : title_start]):
            return name
    return ""


def _speaking_from(text: str, matcher: Matcher, title_start: int) -> str:
    """The state a sentence, or its paragraph, opens in ("In Ottawa, spokesperson ..."),
    or ""."""
    line_start = text.rfind("\n", 0, title_start) + 1
    for m in _IN_PLACE.finditer(text, line_start, title_start):
        between = text[m.end() : title_start]
        opening = text[max(0, m.start() - 2) : m.start()].strip() in ("", ".", '."', ".”")
        paragraph_opening = m.start() == line_start
        if not paragraph_opening and (len(between.split()) > 4 or not opening):
            continue
        name = matcher.actor_for_alias(m.group("place"))
        if name and matcher.actors[name].kind == "state":
            return name
    # "Beijing's response was sharper: spokesman X said": a sentence opening on a capital's
    sentence = max(text.rfind(". ", line_start, title_start) + 2, line_start)
    m = _PLACE_POSSESSIVE.match(text, sentence)
    if m:
        name = matcher.actor_for_alias(m.group("place"))
        if name and matcher.actors[name].kind == "state":
            return name
    return ""


_PLACE_POSSESSIVE = re.compile(r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)['’]s\s")


def _new_person(
    matcher: Matcher, name: str, title: str, country: str, affiliation: str = ""
) -> FoundActor:
    words = name.split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    surname = words[-1]
    if len(words) > 1 and (len(surname) <= 3 or re.fullmatch(r"[A-Z][a-z]+-[a-z]+", surname)):
        # Family name first ("Kim Jong Un", "Kim Jong-un"): the short/hyphenated given name
        # is not what the text will call them.
        surname = words[0]
    title_cap = title.title() if title else ""
    aliases = [name, surname] + ([f"{title_cap} {surname}"] if title_cap else [])
    bloc_source = matcher.actors.get(country) or matcher.actors.get(affiliation)
    if not country and affiliation:
        entry = matcher.actors[affiliation]
        country = entry.country if entry.kind == "body" and entry.country else entry.name
    return FoundActor(
        name=name,
        kind="person",
        aliases=tuple(dict.fromkeys(aliases)),
        title=" ".join(title.lower().split()),
        country=country,
        bloc=bloc_source.bloc if bloc_source else "",
        is_new=True,
    )


def find_actors(text: str, matcher: Matcher) -> ActorIndex:
    """All actor mentions in the text, with lexicon and discovered actors."""
    patterns = _patterns(matcher)
    the_refs = list(patterns.title_ref.finditer(text))
    the_titles = [m for m in the_refs if not (m.group("dem") or m.group("poss"))]
    title_refs = [
        m
        for m in the_refs
        if (m.group("dem") or m.group("poss")) and not _NAME_NEXT.match(text, m.end())
    ]
    scan = _Scan(text, matcher)
    # The order matters: a person discovered by an earlier pattern is known to later ones.
    lone = _titled_names(scan, patterns)
    _appositives(scan, patterns)
    _titles_of_country(scan, patterns)
    _roles_of_organisations(scan, the_titles)
    _titles_then_names(scan, patterns)
    _lone_surnames(scan, lone)
    _lexicon_aliases(scan)
    _joined_pairs(scan)
    _surnames_of_known(scan)
    _discovered_aliases(scan)

    index = scan.index
    scan.candidates.extend(_ministries_of_states(text, matcher, patterns, index))
    scan.candidates.extend(_bodies_of_place(text, matcher, index))
    scan.candidates.extend(_bodies_of_subject(text, matcher, index, scan.candidates))
    scan.candidates.extend(_missions_of_states(text, matcher, index))
    scan.candidates.extend(_governments_of_states(text, matcher, index))
    index.set_mentions(_non_overlapping(scan.candidates))
    _bodies_of_other_states(text, matcher, patterns, index)
    _add_title_refs(text, matcher, index, title_refs)
    _add_bare_title_refs(text, matcher, index, the_titles)
    return index


@dataclass
class _Scan:
    """What the pattern passes of ``find_actors`` build up: actors found, candidate mentions,
    and the aliases of the people discovered so far."""

    text: str
    matcher: Matcher
    index: ActorIndex = field(default_factory=ActorIndex)
    candidates: list[Mention] = field(default_factory=list)
    new_aliases: dict[str, str] = field(default_factory=dict)

    def add_known(self, name: str) -> None:
        if name not in self.index.found:
            self.index.found[name] = found_from_entry(self.matcher.actors[name])

    def register(self, name: str, title: str, country: str, affiliation: str = "") -> str:
        """A person absent from the lexicon: found, and known by their aliases from now on."""
        actor = _new_person(self.matcher, name, title, country, affiliation)
        self.index.found[actor.name] = actor
        for alias in actor.aliases:
            self.new_aliases.setdefault(alias, actor.name)
        return actor.name


# A "Title Name" match whose name is a lone word with no country before the title:
# (match, name, mention start, mention end).
_Lone = tuple[re.Match[str], str, int, int]


def _titled_names(scan: _Scan, patterns: ActorPatterns) -> list[_Lone]:
    """[Demonym | Country's] Title Name [of Country] ("Kenyan President William Ruto").
    Returns the lone surnames ("President Michel") left for ``_lone_surnames``."""
    text, matcher = scan.text, scan.matcher
    lone: list[_Lone] = []
    for m in patterns.person.finditer(text):
        name = _trim_name(m.group("name"))
        if not name:
            continue
        window_start = max(0, m.start() - 40)
        before = patterns.before_title.search(text, window_start, m.start())
        dem = before.group("dem") if before else None
        poss = before.group("poss") if before else None
        country = _country_of(matcher, dem, poss, m.group("of"))
        end = (
            m.end()
            if m.group("of") and matcher.actor_for_alias(m.group("of"))
            else (m.start("name") + m.group("name").find(name) + len(name))
        )
        start = before.start() if before and (dem or country) else m.start("title")
        title_alias = f"{m.group('title')} {name}"
        longer = matcher.alias_re.match(text, m.start("name"))
        if longer and longer.end() > end and matcher.actor_for_alias(longer.group()):
            # "President Abdel Fattah el-Sisi": the known name runs past the pattern's
            end, name = longer.end(), longer.group()
        known = (
            matcher.actor_for_alias(name)
            or matcher.actor_for_alias(title_alias)
            or scan.new_aliases.get(name)
        )
        titled = m.group("title")[:1].isupper() and m.group("title") != m.group("title").upper()
        if known is None and len(name.split()) < 2 and not (dem or (poss and country) or titled):
            # a lone capitalised word needs a country before the title, or a capitalised
            # title ("Foreign Minister Sugiono"), to be a name
            continue
        if known is None and len(name.split()) < 2 and not (dem or (poss and country)):
            # "President Michel": maybe the surname of someone introduced later by an
            # appositive ("Charles Michel, President of the European Council,")
            lone.append((m, name, start, end))
            continue
        if known is None:
            affiliation = "" if country else _affiliation(text, matcher, m.start())
            if not country and not affiliation:
                country = _speaking_from(text, matcher, m.start())
            known = scan.register(name, m.group("title"), country, affiliation)
        elif known in matcher.actors:
            scan.add_known(known)
        scan.candidates.append(Mention(start, end, known, "pattern"))
    return lone


def _appositives(scan: _Scan, patterns: ActorPatterns) -> None:
    """Name, [the] [Demonym | Country's] title [of Organisation], ("William Ruto, Kenya's
    president,")."""
    matcher = scan.matcher
    for m in patterns.appositive.finditer(scan.text):
        raw = m.group("name")
        words = raw.split()
        while words and (words[0] in _NOT_NAME or words[0] in _HONORIFICS):
            words.pop(0)
        name = " ".join(words)
        if len(words) < 2 or scan.new_aliases.get(name) or matcher.actor_for_alias(name):
            continue  # known people are found by their aliases
        of_actor = matcher.actor_for_alias(m.group("of") or "") or ""
        if m.group("body"):
            # "the White House press secretary": the body must be a known actor
            body = matcher.actor_for_alias(m.group("body"))
            if body is None:
                continue
            of_actor = of_actor or body
        country = _country_of(matcher, m.group("dem"), m.group("poss"), None)
        known = scan.register(name, m.group("title"), country, "" if country else of_actor)
        start = m.start("name") + raw.find(name)
        scan.candidates.append(Mention(start, start + len(name), known, "pattern"))


def _titles_of_country(scan: _Scan, patterns: ActorPatterns) -> None:
    """Title of Country Name ("President of the Comoros Azali Assoumani")."""
    text, matcher = scan.text, scan.matcher
    for m in _OF_REST_RE.finditer(text):
        title = patterns.title_end.search(text, max(0, m.start() - _TITLE_WINDOW), m.start())
        if title is None:
            continue
        found = _title_of_country(matcher, m)
        if found is None:
            continue
        name, country, name_start = found
        known = matcher.actor_for_alias(name) or scan.new_aliases.get(name)
        if known is None:
            known = scan.register(name, title.group("title"), country)
        elif known in matcher.actors:
            scan.add_known(known)
        scan.candidates.append(
            Mention(title.start("title"), name_start + len(name), known, "pattern")
        )


def _roles_of_organisations(scan: _Scan, the_titles: list[re.Match[str]]) -> None:
    """the Title of Organisation, Name ("the Secretary-General of ASEAN, Kao Kim Hourn,")."""
    text, matcher = scan.text, scan.matcher
    for t in the_titles:
        m = _ROLE_TAIL_RE.match(text, t.end())
        if m is None:
            continue
        name = _trim_name(m.group("name"))
        of_actor = matcher.actor_for_alias(m.group("of")) or ""
        if len(name.split()) < 2 or not of_actor or matcher.actor_for_alias(name):
            continue
        if name not in scan.new_aliases:
            scan.register(name, t.group("title"), "", of_actor)
        start = t.start("title")
        end = m.start("name") + m.group("name").find(name) + len(name)
        scan.candidates.append(Mention(start, end, scan.new_aliases[name], "pattern"))


def _titles_then_names(scan: _Scan, patterns: ActorPatterns) -> None:
    """Title [of Organisation], Name, ("Cook Islands Prime Minister, Mark Brown, has said"):
    a person of two words or more absent from the lexicon; the mention is the name alone."""
    text, matcher = scan.text, scan.matcher
    for c in _COMMA_NAME_RE.finditer(text):
        m = patterns.title_before_comma.search(
            text, max(0, c.start() - _TITLE_BEFORE_REACH), c.start()
        )
        if m is None:
            continue
        name = _trim_name(c.group("name"))
        if len(name.split()) < 2 or name != c.group("name").strip():
            continue  # "Minister, Foreign Affairs," or a trailing common word: no clean name
        if matcher.actor_for_alias(name) or any(w in _NOT_NAME for w in name.split()):
            continue  # known people are found by their aliases; "the minister, New Delhi,"
        known = scan.new_aliases.get(name)
        if known is None:
            before = patterns.before_title.search(text, max(0, m.start() - 40), m.start())
            country = _country_of(
                matcher,
                before.group("dem") if before else None,
                before.group("poss") if before else None,
                None,
            )
            of_actor = matcher.actor_for_alias(m.group("of") or "") or ""
            if not country and not of_actor:
                of_actor = _affiliation(text, matcher, m.start())
            known = scan.register(name, m.group("title"), country, "" if country else of_actor)
        start = c.start("name")
        scan.candidates.append(Mention(start, start + len(name), known, "pattern"))


def _lone_surnames(scan: _Scan, lone: list[_Lone]) -> None:
    """ "President Michel": someone discovered meanwhile, else a new person by the surname."""
    text, matcher = scan.text, scan.matcher
    for m, name, start, end in lone:
        title_alias = f"{m.group('title').title()} {name}"
        known = scan.new_aliases.get(name) or scan.new_aliases.get(title_alias)
        if known is None:
            country = _speaking_from(text, matcher, m.start())
            affiliation = "" if country else _affiliation(text, matcher, m.start())
            known = scan.register(name, m.group("title"), country, affiliation)
        scan.candidates.append(Mention(start, end, known, "pattern"))


def _lexicon_aliases(scan: _Scan) -> None:
    """Every lexicon alias in the text ("Moscow" -> Russia, "US State Department")."""
    for m in scan.matcher.alias_re.finditer(scan.text):
        name = scan.matcher.actor_for_alias(m.group())
        if name:
            scan.add_known(name)
            scan.candidates.append(Mention(m.start(), m.end(), name, "alias"))


def _joined_pairs(scan: _Scan) -> None:
    """ "EU-China summit", "Russia–Ukraine war": both halves of a hyphenated pair of names."""
    text = scan.text
    for hyphen in _JOINING_HYPHEN_RE.finditer(text):
        if hyphen.start() == 0 or not (
            text[hyphen.start() - 1].isalnum() or text[hyphen.start() - 1] == "."
        ):
            continue
        word = text.rfind(" ", 0, hyphen.start()) + 1
        before = text.rfind(" ", 0, max(0, word - 1)) + 1
        m = None
        for begin in (before, word):  # "South Africa-China", then "EU-China"
            m = _JOINED_PAIR_RE.match(text, begin)
            if m and m.end(1) == hyphen.start():
                break
            m = None
        if m is None:
            continue
        for g in (1, 2):
            name = scan.matcher.actor_for_alias(m.group(g))
            if name:
                scan.add_known(name)
                scan.candidates.append(Mention(m.start(g), m.end(g), name, "alias"))
    # "the US-UK-Australia pact", "China-Russia-Iran drills": every part of a longer chain
    for chain in _JOINED_CHAIN_RE.finditer(text):
        pos = chain.start()
        for part in _JOINING_HYPHEN_RE.split(chain.group()):
            name = scan.matcher.actor_for_alias(part)
            if name:
                scan.add_known(name)
                scan.candidates.append(Mention(pos, pos + len(part), name, "alias"))
            pos += len(part) + 1


def _surnames_of_known(scan: _Scan) -> None:
    """A known person named in full goes by the surname later on ("Raveesh Kumar ... Kumar
    said"), as a discovered one does: only in this text, where the full name says who."""
    matcher = scan.matcher
    surnames: dict[str, list[str]] = {}
    for name, actor in scan.index.found.items():
        words = name.split()
        if actor.kind != "person" or name not in matcher.actors or len(words) < 2:
            continue
        first = actor.country in _FAMILY_NAME_FIRST  # "Wang Wenbin ... Wang repeated"
        surname = words[0] if first else words[-1]
        if (
            len(surname) > (1 if first else 3)
            and surname[:1].isupper()
            and not matcher.actor_for_alias(surname)
        ):
            surnames.setdefault(surname, []).append(name)
    for surname, names in surnames.items():
        if len(names) == 1:  # two Wangs in one text: "Wang" says neither
            scan.new_aliases.setdefault(surname, names[0])


def _discovered_aliases(scan: _Scan) -> None:
    """Every mention of the people discovered in this text, by any of their aliases."""
    if not scan.new_aliases:
        return
    pat = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(a) for a in sorted(scan.new_aliases, key=len, reverse=True))
        + r")(?![\w-])"
    )
    scan.candidates.extend(
        Mention(m.start(), m.end(), scan.new_aliases[m.group()], "alias")
        for m in pat.finditer(scan.text)
    )


_PARAGRAPH_PLACE = re.compile(r"^In\s+(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+", re.M)
_THE_UNIT = re.compile(r"\b[Tt]he\s+(?P<unit>[a-z]+(?:\s+[a-z]+){0,2})\b")


def _bodies_of_place(text: str, matcher: Matcher, index: ActorIndex) -> list[Mention]:
    """ "In Ottawa, the foreign ministry said ...": the body of that state, if the lexicon
    knows one by that description."""
    out = []
    units = matcher.body_units
    for m in _PARAGRAPH_PLACE.finditer(text):
        state = matcher.actor_for_alias(m.group("place"))
        if not state or matcher.actors[state].kind != "state":
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        sentence_end = text.find(". ", m.end(), line_end)
        for u in _THE_UNIT.finditer(text, m.end(), sentence_end if sentence_end > 0 else line_end):
            words = u.group("unit").split()
            for k in range(len(words), 1, -1):
                body = units.get((state, " ".join(words[:k])))
                if body:
                    if body not in index.found:
                        index.found[body] = found_from_entry(matcher.actors[body])
                    end = u.start("unit") + len(" ".join(words[:k]))
                    out.append(Mention(u.start(), end, body, "alias"))
                    break
    return out


_BARE_UNIT = re.compile(
    r"\bthe\s+(?P<unit>foreign\s+ministry|foreign\s+office"
    r"|ministry\s+of\s+foreign\s+affairs|ministry\s+of\s+external\s+affairs)\b",
    re.I,
)


# Where a person's family name comes first in English copy too.
_FAMILY_NAME_FIRST = frozenset({"China", "Taiwan", "North Korea", "South Korea", "Vietnam"})


def _bodies_of_subject(
    text: str, matcher: Matcher, index: ActorIndex, candidates: list[Mention]
) -> list[Mention]:
    """ "Modi will visit Kyiv this week, the foreign ministry confirmed": the ministry of the
    one state whose people the sentence names before it (none when they are of two states)."""
    out = []
    units = matcher.body_units
    for u in _BARE_UNIT.finditer(text):
        start = max(text.rfind(". ", 0, u.start()), text.rfind("\n", 0, u.start())) + 1
        people = [
            c.actor
            for c in candidates
            if start <= c.start < u.start()
            and c.actor in index.found
            and index.found[c.actor].kind == "person"
        ]
        countries = {index.found[p].country for p in people}
        if len(countries) != 1 or "" in countries:
            continue
        body = units.get((countries.pop(), " ".join(u.group("unit").lower().split())))
        if body:
            if body not in index.found:
                index.found[body] = found_from_entry(matcher.actors[body])
            out.append(Mention(u.start(), u.end(), body, "alias"))
    return out


def _missions_of_states(text: str, matcher: Matcher, index: ActorIndex) -> list[Mention]:
    """ "the Chinese embassy in London said": China's embassy speaks, not the United Kingdom
    (a body of its own, of the demonym's state)."""
    out: list[Mention] = []
    lower = text.lower()
    if "embassy" not in lower and "mission" not in lower and "consulate" not in lower:
        return out  # most articles: a substring test instead of a scan
    for m in matcher.mission_re.finditer(text):
        state = matcher.lookup("demonym", m.group("dem"))
        if not state or state not in matcher.actors:
            continue
        unit = " ".join(w.capitalize() for w in m.group("unit").split())
        name = f"{m.group('dem')} {unit} {m.group('prep').lower()} "
        name += f"{'the ' if m.group('the') else ''}{' '.join(m.group('place').split())}"
        known = matcher.actor_for_alias(m.group()) or matcher.actor_for_alias(name)
        if known:  # a mission the lexicon knows goes by its name ("US Embassy in Hanoi")
            if known not in index.found:
                index.found[known] = found_from_entry(matcher.actors[known])
            out.append(Mention(m.start(), m.end(), known, "alias"))
            continue
        if name not in index.found:
            index.found[name] = FoundActor(
                name=name,
                kind="body",
                aliases=(name,),
                country=state,
                bloc=matcher.actors[state].bloc,
                is_new=True,
            )
        out.append(Mention(m.start(), m.end(), name, "pattern"))
    return out


def _governments_of_states(text: str, matcher: Matcher, index: ActorIndex) -> list[Mention]:
    """ "The Australian government said": Australia (as "Australia's government" is)."""
    out: list[Mention] = []
    lower = text.lower()
    if "government" not in lower and "administration" not in lower and "authorities" not in lower:
        return out
    for m in matcher.government_re.finditer(text):
        state = matcher.lookup("demonym", m.group("dem"))
        entry = matcher.actors.get(state) if state else None
        if entry is None or entry.kind != "state":
            continue
        if state not in index.found:
            index.found[state] = found_from_entry(entry)
        out.append(Mention(m.start(), m.end(), state, "pattern"))
    return out


# One ministry under the names states give it.
_FOREIGN_MINISTRY = (
    "foreign ministry",
    "foreign office",
    "ministry of foreign affairs",
    "foreign affairs ministry",
)


_MINISTRY_RE = re.compile(
    r"\b(?=[fFmM])(?:foreign\s+ministry|foreign\s+office|ministry\s+of\s+foreign\s+affairs"
    r"|foreign\s+affairs\s+ministry)\b",
    re.I,
)


def _ministries_of_states(
    text: str, matcher: Matcher, patterns: ActorPatterns, index: ActorIndex
) -> list[Mention]:
    """ "the Indian foreign ministry", "Nauru's ministry of foreign affairs": the foreign
    ministry of the state named right before, by the lexicon's name for it, else the state."""
    out = []
    for m in _MINISTRY_RE.finditer(text):
        before = patterns.before_title.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        state = _country_of(matcher, before.group("dem"), before.group("poss"), None)
        if not state or matcher.actors[state].kind != "state":
            continue
        own = next(
            (b for u in _FOREIGN_MINISTRY if (b := matcher.body_units.get((state, u)))), state
        )
        if own not in index.found:
            index.found[own] = found_from_entry(matcher.actors[own])
        out.append(Mention(before.start(), m.end(), own, "alias"))
    return out


def _bodies_of_other_states(
    text: str, matcher: Matcher, patterns: ActorPatterns, index: ActorIndex
) -> None:
    """ "Pakistan's Foreign Office", "the German foreign office": a body alias another state
    also uses ("Foreign Office" is the UK's in the lexicon) is that state's body when the
    state is named right before it; the state itself when the lexicon has no such body."""
    replaced: dict[Mention, Mention] = {}
    for x in index.mentions:
        body = index.found.get(x.actor)
        if body is None or body.kind != "body" or x.via != "alias":
            continue
        before = patterns.before_title.search(text, max(0, x.start - 40), x.start)
        if before is None:
            continue
        state = _country_of(matcher, before.group("dem"), before.group("poss"), None)
        if not state or state == body.country or matcher.actors[state].kind != "state":
            continue
        unit = " ".join(text[x.start : x.end].lower().split())
        names = _FOREIGN_MINISTRY if unit in _FOREIGN_MINISTRY else (unit,)
        own = next((b for u in names if (b := matcher.body_units.get((state, u)))), state)
        if own not in index.found:
            index.found[own] = found_from_entry(matcher.actors[own])
        replaced[x] = Mention(before.start(), x.end, own, "alias")
    if replaced:
        spans = list(replaced.values())
        kept = [
            replaced.get(x, x)
            for x in index.mentions
            if x in replaced or not any(s.start <= x.start and x.end <= s.end for s in spans)
        ]
        index.set_mentions(kept)


def _non_overlapping(candidates: list[Mention]) -> list[Mention]:
    """Longest mention wins where they overlap; ties go to the pattern (it carries more)."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.via != "pattern", c.start))
    taken: list[Mention] = []
    used = bytearray(max((c.end for c in candidates), default=0) + 1)
    for c in ranked:
        if any(used[c.start : c.end]):
            continue
        taken.append(c)
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)


_BARE_REF_REACH = 600


_OF_COUNTRY_RE = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<c>{_WORD}(?:[ \t]+{_WORD})?)")


def _holder(
    matcher: Matcher, index: ActorIndex, title: str, country: str | None, m: re.Match[str]
) -> str | None:
    """ "the President of Russia": the latest such person mentioned, else the lexicon's."""
    if not country or matcher.actors[country].kind != "state":
        return None
    if any(m.start() < x.end and x.start < m.end() for x in index.mentions):
        return None
    for x in reversed(index.within(0, m.start())):
        a = index.found.get(x.actor)
        if a and a.kind == "person" and a.title == title and a.country == country:
            return x.actor
    for a in matcher.lexicon.actors:
        if a.kind == "person" and a.title == title and a.country == country:
            if a.name not in index.found:
                index.found[a.name] = found_from_entry(a)
            return a.name
    return None


def _add_bare_title_refs(
    text: str, matcher: Matcher, index: ActorIndex, the_titles: list[re.Match[str]]
) -> None:
    """ "The President added": the latest person with that title, mentioned shortly before."""
    added = []
    held = {a.title for a in index.found.values() if a.kind == "person"}
    for m in the_titles:
        title = " ".join(m.group("title").lower().split())
        of = _OF_COUNTRY_RE.match(text, m.end())
        if of and not _NAME_NEXT.match(text, of.end()):
            person = _holder(matcher, index, title, matcher.actor_for_alias(of.group("c")), m)
            if person:
                added.append(Mention(m.start(), of.end(), person, "title"))
            continue
        if title not in held or _NOT_BARE_RE.match(text, m.end()):
            continue
        if index.within(m.start(), m.end()) or any(
            x.start < m.end() and m.start() < x.end
            for x in index.within(max(0, m.start() - 60), m.end())
        ):
            continue
        # sentence by sentence back, the first such person of a sentence (its subject)
        end = m.start()
        floor = max(0, m.start() - _BARE_REF_REACH)
        while end > floor:
            cut = max(text.rfind(". ", floor, end - 1), text.rfind("\n", floor, end - 1))
            begin = cut + 1 if cut >= 0 else floor
            match = next(
                (
                    x.actor
                    for x in index.within(begin, end)
                    if (a := index.found.get(x.actor)) and a.kind == "person" and a.title == title
                ),
                None,
            )
            if match:
                added.append(Mention(m.start(), m.end(), match, "title"))
                break
            end = begin
        else:
            # further back: the one person of that title the text has named in full (two say
            # neither; a lone word, "King Charles", is too thin to carry a statement this far)
            holders = {
                x.actor
                for x in index.within(0, m.start())
                if (a := index.found.get(x.actor))
                and a.kind == "person"
                and a.title == title
                and " " in a.name
            }
            if len(holders) == 1:
                added.append(Mention(m.start(), m.end(), holders.pop(), "title"))
    if added:
        covered = [(a.start, a.end) for a in added]
        kept = [
            x for x in index.mentions if not any(s <= x.start and x.end <= e for s, e in covered)
        ]
        index.set_mentions(sorted(kept + added, key=lambda c: c.start))


def _add_title_refs(
    text: str, matcher: Matcher, index: ActorIndex, title_refs: list[re.Match[str]]
) -> None:
    """Resolve "the Chinese president" to the latest such person, else the lexicon holder."""
    added = []
    replaced: set[Mention] = set()
    for m in title_refs:
        inner = index.within(m.start(), m.end())
        if any(m.start() < x.end and x.start < m.end() for x in index.mentions if x not in inner):
            continue
        country = _country_of(matcher, m.group("dem"), m.group("poss"), None)
        if not country:
            continue
        title = " ".join(m.group("title").lower().split())
        name = index.last_person_before(m.start(), country)
        if name is None:
            holders = [
                a
                for a in matcher.lexicon.actors
                if a.kind == "person" and a.country == country and a.title == title
            ]
            if not holders:
                continue
            name = holders[0].name
            if name not in index.found:
                index.found[name] = found_from_entry(holders[0])
        added.append(Mention(m.start(), m.end(), name, "title"))
        replaced.update(inner)
    if added:
        kept = [x for x in index.mentions if x not in replaced]
        index.set_mentions(sorted(kept + added, key=lambda c: c.start))
