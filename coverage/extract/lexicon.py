"""Loading the seed lexicon and compiling it once into regexes.

The lexicon is data (seed JSON here, database rows in production); this module only turns it
into matchers. A ``Matcher`` is cached per Lexicon object, so ingesting many documents with the
same lexicon compiles nothing twice.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .types import ActorEntry, Lexicon, TopicEntry

if TYPE_CHECKING:
    from .actors import ActorPatterns

SEED_PATH = Path(__file__).with_name("lexicon_seed.json")

# Aliases this short (or all capitals) are matched case-sensitively: "US" is not "us".
_SHORT = 4


def lexicon_from_dict(data: dict) -> Lexicon:
    """Build a Lexicon from the seed JSON structure."""
    actors = tuple(
        ActorEntry(
            name=a["name"],
            kind=a.get("kind", ""),
            aliases=tuple(a.get("aliases", ())),
            title=a.get("title", ""),
            country=a.get("country", ""),
            bloc=a.get("bloc", ""),
        )
        for a in data.get("actors", ())
    )
    topics = tuple(
        TopicEntry(name=t["name"], keywords=tuple(t.get("keywords", ())))
        for t in data.get("topics", ())
    )
    terms = {kind: dict(values) for kind, values in data.get("terms", {}).items()}
    return Lexicon(actors=actors, topics=topics, terms=terms)


def load_seed_lexicon(path: Path | str = SEED_PATH) -> Lexicon:
    """The lexicon shipped with the code (also what the database is seeded from)."""
    with open(path, encoding="utf-8") as fh:
        return lexicon_from_dict(json.load(fh))


def phrase_pattern(phrase: str, gap: bool = False) -> str:
    """Regex for a lexicon phrase: flexible whitespace; ``gap`` allows one extra word between the
    words of multi-word phrases ("delivered a strong critique of", "held bilateral talks")."""
    words = [re.escape(w) for w in phrase.split()]
    if gap and len(words) >= 2:
        return r"(?:\s+\w+)?\s+".join(words)
    return r"\s+".join(words)


def alternation(phrases: list[str], gap: bool = False) -> str:
    """Longest-first alternation so "called for" wins over "called".

    Without gaps the phrases are compiled into a character trie: Python's regex engine tries
    alternatives one by one, and a trie turns hundreds of aliases into a few branches.
    """
    cleaned = {" ".join(p.split()) for p in phrases if p.strip()}
    if not cleaned:
        return r"(?!x)x"
    if gap:
        multi = sorted((p for p in cleaned if " " in p), key=len, reverse=True)
        single = {p for p in cleaned if " " not in p}
        parts = [phrase_pattern(p, gap) for p in multi] + ([trie_pattern(single)] if single else [])
        return "|".join(parts)
    return trie_pattern(cleaned)


def trie_pattern(phrases: set[str]) -> str:
    """Regex from a character trie; a space in a phrase matches any run of whitespace."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


# "China's" and "China’s" are one alias.
_APOSTROPHE = "['’]"


def _emit(node: dict) -> str:
    terminal = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else _APOSTROPHE if ch in "'’" else re.escape(ch)
        branches.append(atom + _emit(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body


def word_regex(phrases: list[str], flags: int = re.I, gap: bool = False) -> re.Pattern[str]:
    body = alternation(phrases, gap)
    lead = first_char(phrases, flags) + _first_words(phrases, gap)
    return re.compile(rf"(?<![\w-]){lead}(?:{body})(?![\w-])", flags)


def first_char(phrases: list[str], flags: int = re.I) -> str:
    """A lookahead for the characters the phrases can start with (under ``flags``).

    Case-insensitively the regex engine tries a trie's first letters one by one at every word
    start; one plain character class turns most words away first. The matches are the same:
    the class holds every ASCII character that can match a first character, and all non-ASCII
    ones (rare at word starts, and some match ASCII letters: the Kelvin sign is a "k").
    """
    firsts = {p.strip()[0] for p in phrases if p.strip()}
    if not firsts:
        return ""
    chars: set[str] = set()
    for c in firsts:
        if not c.isascii():
            chars.update(a for a in map(chr, range(128)) if re.fullmatch(re.escape(c), a, flags))
        elif flags & re.I:
            chars.update((c, c.lower(), c.upper()))
        else:
            chars.add(c)
    ascii_class = "".join(re.escape(c) for c in sorted(chars))
    return rf"(?=(?-i:[{ascii_class}\x80-\U0010ffff]))"


def _first_words(phrases: list[str], gap: bool) -> str:
    """A lookahead for the first words of gapped phrases: these are tried one by one, longest
    first, so a word that starts none of them is rejected by one trie instead of each phrase
    (the matches are the same: every phrase starts with one of these words)."""
    if not gap:
        return ""  # the alternation is a trie already
    firsts = {p.split()[0] for p in phrases if p.strip()}
    if not firsts:
        return ""
    return "(?=" + trie_pattern(firsts) + r"(?![\w-]))"


def _is_short(alias: str) -> bool:
    return len(alias) <= _SHORT or (alias.isupper() and len(alias) <= 6)


class Matcher:
    """Compiled view of one Lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.actors: dict[str, ActorEntry] = {a.name: a for a in lexicon.actors}
        self.alias_to_actor: dict[str, str] = {}
        self.alias_lower_to_actor: dict[str, str] = {}
        for actor in lexicon.actors:
            for alias in (actor.name, *actor.aliases):
                alias = alias.replace("’", "'")
                if _is_short(alias):
                    self.alias_to_actor.setdefault(alias, actor.name)
                else:
                    self.alias_lower_to_actor.setdefault(alias.lower(), actor.name)
        self.terms = lexicon.terms
        # Compiled by actors.py on first use (its patterns are its own business).
        self.actor_patterns: ActorPatterns | None = None
        self._lookup_cache: dict[tuple[str, str], str] = {}

    def term(self, kind: str) -> dict[str, str]:
        return self.terms.get(kind, {})

    def actor_for_alias(self, alias: str) -> str | None:
        alias = " ".join(alias.replace("’", "'").split())
        return self.alias_to_actor.get(alias) or self.alias_lower_to_actor.get(alias.lower())

    @cached_property
    def alias_re(self) -> re.Pattern[str]:
        """All aliases, case-insensitive; ``actor_for_alias`` then rejects wrong-case short ones."""
        phrases = [a.lower() for a in self.alias_to_actor] + list(self.alias_lower_to_actor)
        return word_regex(phrases)

    @cached_property
    def demonym_alt(self) -> str:
        return alternation(list(self.term("demonym")))

    @cached_property
    def mission_re(self) -> re.Pattern[str]:
        """ "the Chinese embassy in London", "the Chinese Mission to the European Union"."""
        return re.compile(
            rf"(?<![\w-])(?P<dem>(?=(?-i:[A-Z]))(?:{self.demonym_alt}))\s+"
            r"(?P<unit>embassy|mission|consulate(?:\s+general)?|permanent\s+mission)\s+"
            r"(?P<prep>in|to)\s+(?P<the>the\s+)?"
            r"(?P<place>(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,2})",
            re.I,
        )

    @cached_property
    def government_re(self) -> re.Pattern[str]:
        """ "the Australian government", "the US administration": the state."""
        return re.compile(
            rf"(?<![\w-])(?P<dem>(?=(?-i:[A-Z]))(?:{self.demonym_alt}))\s+"
            r"(?:government|administration|authorities)(?![\w-])",
            re.I,
        )

    @cached_property
    def title_alt(self) -> str:
        return alternation(list(self.term("title")))

    @cached_property
    def speech_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("speech_verb")), gap=True)

    @cached_property
    def hosting_verbs(self) -> frozenset[str]:
        """Verbs that, with people as object, mean hosting rather than speaking."""
        return frozenset(" ".join(v.lower().split()) for v in self.term("hosting_verb"))

    @cached_property
    def response_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("response_verb")), gap=True)

    @cached_property
    def stance_cue_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("stance_cue")))

    @cached_property
    def meeting_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("meeting_phrase")), gap=True)

    @cached_property
    def event_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("event_keyword")))

    @cached_property
    def figure_verb_re(self) -> re.Pattern[str]:
        """Verbs that make an amount an event of their kind ("agreed to lend $50 billion")."""
        return word_regex(list(self.term("figure_verb")))

    @cached_property
    def membership_phrase_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("membership_phrase")))

    @cached_property
    def membership_status_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("membership_status")))

    @cached_property
    def summit_word_re(self) -> re.Pattern[str]:
        return word_regex(list(self.term("summit_word")) or ["summit"])

    @cached_property
    def topic_keywords(self) -> dict[str, list[str]]:
        """keyword (lower case) -> topic names; short upper-case keywords stay case-sensitive."""
        out: dict[str, list[str]] = {}
        for topic in self.lexicon.topics:
            for k in topic.keywords:
                key = k if (k.isupper() and len(k) <= 4) else k.lower()
                out.setdefault(" ".join(key.split()), []).append(topic.name)
        return out

    @cached_property
    def topic_re(self) -> re.Pattern[str]:
        """One trie regex over all topic keywords (case-insensitive; case checked on lookup)."""
        return word_regex([k.lower() for k in self.topic_keywords])

    @cached_property
    def body_units(self) -> dict[tuple[str, str], str]:
        """(country, "foreign ministry") -> body, from aliases like "China's foreign ministry"."""
        units: dict[tuple[str, str], str] = {}
        for actor in self.lexicon.actors:
            if actor.kind != "body" or not actor.country:
                continue
            for alias in (actor.name, *actor.aliases):
                words = alias.split()
                for k in range(1, len(words) - 1):
                    units.setdefault((actor.country, " ".join(words[k:]).lower()), actor.name)
        return units

    def lookup(self, kind: str, phrase: str) -> str:
        """Meaning of a matched phrase (whitespace/case-insensitive, tolerant of a gap word)."""
        table = self.term(kind)
        key = " ".join(phrase.lower().split())
        if key in table:
            return table[key]
        found = self._lookup_cache.get((kind, key))
        if found is None:
            found = next(
                (
                    meaning
                    for term, meaning in table.items()
                    if re.fullmatch(phrase_pattern(term, gap=True), key, re.I)
                ),
                "",
            )
            self._lookup_cache[(kind, key)] = found
        return found


_CACHE: dict[int, tuple[Lexicon, Matcher]] = {}
_BY_CONTENT: dict[int, Matcher] = {}


def _fingerprint(lexicon: Lexicon) -> int:
    """Content hash: a lexicon re-read from the database per document reuses its Matcher."""
    terms = tuple(sorted((k, tuple(sorted(v.items()))) for k, v in lexicon.terms.items()))
    return hash((lexicon.actors, lexicon.topics, terms))


def matcher_for(lexicon: Lexicon) -> Matcher:
    """One compiled Matcher per Lexicon (by identity, then by content; compiling takes ~15 ms,
    extracting a document ~7 ms)."""
    hit = _CACHE.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    if len(_CACHE) > 16:
        _CACHE.clear()
    if len(_BY_CONTENT) > 16:
        _BY_CONTENT.clear()
    key = _fingerprint(lexicon)
    m = _BY_CONTENT.get(key)
    if m is None:
        m = Matcher(lexicon)
        _BY_CONTENT[key] = m
    _CACHE[id(lexicon)] = (lexicon, m)
    return m
