"""Event titles: a short noun phrase or clause built from the event's own sentence.

Grammar only, no world knowledge: "a naval parade in Lisbon on June 3rd" gives "Naval parade
in Lisbon" (the keyword's noun phrase and a place phrase, the date left out); "Estonia formally
joined the bloc on Thursday" gives "Estonia joined the bloc" (subject and predicate, adverbs and
the date left out); "two-way trade ... is projected to reach $120 billion by the close of 2026"
gives "Two-way trade projected to reach $120 billion" (subject head, verb, amount).
"""

from __future__ import annotations

import re

from .dates import MONTHS, WEEKDAYS
from .text import after_dateline

_MAX = 80
_WORD_RE = re.compile(r"[^\s]+")
_AMOUNT_RE = re.compile(
    r"(?:[$€£¥]\s?)?\d[\d.,]*\s*(?:billion|trillion|bn|tn)\b"
    r"(?:\s+(?:euros|dollars|yuan|rubles|roubles|yen|rupees|pounds|reais|rand))?",
    re.I,
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "whose",
        "every",
        "each",
        "some",
        "any",
        "no",
        "another",
        "such",
    ]
)
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "of",
        "for",
        "from",
        "by",
        "with",
        "without",
        "between",
        "among",
        "about",
        "over",
        "under",
        "after",
        "before",
        "since",
        "until",
        "during",
        "into",
        "onto",
        "within",
        "across",
        "against",
        "amid",
        "toward",
        "towards",
        "as",
        "than",
        "via",
    ]
)
_CONJUNCTIONS = frozenset(
    ["and", "or", "but", "nor", "yet", "so", "while", "whereas", "although", "though", "because"]
)
_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "also",
        "not",
        "now",
    ]
)
_RELATIVE = frozenset(["which", "who", "whom", "that", "where", "when"])
_DATE_WORDS = frozenset(
    [
        *MONTHS,
        *WEEKDAYS,
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "last",
        "next",
        "this",
        "earlier",
        "later",
        "recently",
        "week",
        "month",
        "year",
        "end",
        "beginning",
        "start",
        "middle",
    ]
)
_DATE_PREPOSITIONS = frozenset(["on", "in", "by", "since", "until", "from"])
_PLACE_PREPOSITIONS = frozenset(["in", "at", "near"])
_STOP_RIGHT = _DATE_WORDS | _RELATIVE | _CONJUNCTIONS | frozenset(["as", "after", "before"])
_TRAILING = _DETERMINERS | _PREPOSITIONS | _CONJUNCTIONS | _AUX | _RELATIVE
_IRREGULAR_PAST = frozenset(
    [
        "took",
        "became",
        "set",
        "join",
        "joins",
        "joined",
        "meet",
        "meets",
        "began",
        "won",
        "held",
        "sworn",
        "made",
        "put",
        "stood",
        "rose",
        "fell",
        "grew",
        "hit",
    ]
)
_MAX_PREMODIFIERS = 3
_MAX_SUBJECT = 4
_MAX_PREDICATE = 5

Span = tuple[int, int]


def _norm(word: str) -> str:
    return word.strip("“”\"'‘’()[],.;:!?*").lower()


def is_verbish(word: str) -> bool:
    """A past form or auxiliary ("joined", "took"): no title on its own."""
    if word[:1].isupper():
        return False  # "United", "Shared": names, not verbs
    w = _norm(word)
    return w in _AUX or w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4)


def _is_participle(word: str) -> bool:
    w = _norm(word)
    return is_verbish(word) or (w.endswith("ing") and len(w) > 5 and not word[:1].isupper())


def _is_adverb(word: str) -> bool:
    w = _norm(word)
    return w.endswith("ly") and len(w) > 4 and w not in ("italy", "july", "family", "assembly")


def _numeric(word: str) -> bool:
    n = _norm(word)
    return bool(n) and not re.search(
        r"[a-z]", n.replace("st", "").replace("nd", "").replace("rd", "").replace("th", "")
    )


def _words(text: str, start: int, end: int) -> list[Span]:
    return [(m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]


def _ends_phrase(word: str) -> bool:
    return bool(word) and word.rstrip('”"’)')[-1:] in ",;:"


def _join(text: str, spans: list[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def noun_phrase_before(text: str, start: int, pos: int, limit: int = _MAX_SUBJECT) -> int | None:
    """Start of the noun phrase ending right before ``pos`` (its modifiers), or None."""
    first = None
    taken = 0
    for ws, we in reversed(_words(text, start, pos)):
        w = text[ws:we]
        n = _norm(w)
        if n == "of" and first is not None and text[first : first + 1].isupper():
            continue  # "Group of Seven": "of" inside a name
        if not n or _ends_phrase(w) or n in _DETERMINERS or n in _PREPOSITIONS:
            break
        if n in _CONJUNCTIONS or n in _AUX or n in _RELATIVE or is_verbish(w) or _numeric(w):
            break
        first = ws
        taken += 1
        if re.search(r"['’]s$", w) or taken >= limit:
            break
    return first


def _dateish(word: str) -> bool:
    n = _norm(word)
    return bool(n) and (n in _DATE_WORDS or n[0].isdigit() or n in ("the", "of"))


def _right_phrase(text: str, start: int, end: int, limit: int) -> list[Span]:
    """Words from ``start`` up to a clause opener or punctuation; a date phrase in between
    ("agreed on Thursday to lend ...") is passed over, one at the end is left out."""
    words = _words(text, start, end)
    kept: list[Span] = []
    i = 0
    while i < len(words) and len(kept) < limit:
        ws, we = words[i]
        w = text[ws:we]
        n = _norm(w)
        if n in _DATE_PREPOSITIONS or n in _DATE_WORDS:
            prep = n in _DATE_PREPOSITIONS
            j = i + 1 if prep else i
            ended = real = False
            while j < len(words) and _dateish(text[words[j][0] : words[j][1]]):
                word = text[words[j][0] : words[j][1]]
                real = real or _norm(word) not in ("the", "of")
                ended = _ends_phrase(word)
                j += 1
                if ended:
                    break
            if real:
                if ended or j >= len(words):
                    break  # the date closes the phrase: leave it out
                if kept and _norm(text[words[j][0] : words[j][1]]) in _PLACE_PREPOSITIONS:
                    # "summit in Carbis Bay on June 12 in Carbis Bay, Cornwall": the place
                    # told again after the date adds nothing
                    break
                i = j  # a date inside the phrase: pass over it
                continue
            if not prep:
                break
        elif _is_adverb(w):
            i += 1
            continue
        elif (not n or n in _STOP_RIGHT or n[0].isdigit()) and not _AMOUNT_RE.match(text, ws):
            break  # an amount ("$50 billion") goes on, other numbers are dates
        kept.append((ws, we))
        if _ends_phrase(w) or w[-1] in ".!?":
            break
        i += 1
    return kept


def _clean(title: str) -> str:
    """Strip function words at the ends and stray punctuation, capitalise, cap the length."""
    words = [w.strip('“”"‘’*') for w in title.replace("\n", " ").split()]
    words = [w for w in words if w]
    while len(" ".join(words)) > _MAX:
        words.pop()
    while words and (_norm(words[-1]) in _TRAILING or not _norm(words[-1])):
        words.pop()
    while words and _norm(words[0]) in _DETERMINERS | _CONJUNCTIONS | _RELATIVE | _PREPOSITIONS:
        words.pop(0)
    if not words:
        return ""
    out = " ".join(words).rstrip(",;:.")
    return out[:1].upper() + out[1:]


def _head(text: str, start: int, end: int) -> str:
    """The opening noun phrase of text[start:end] up to a verb, a preposition or a comma
    ("Two-way trade between Peru and Chile has grown" -> "Two-way trade")."""
    kept: list[Span] = []
    for ws, we in _words(text, start, end):
        w = text[ws:we]
        n = _norm(w)
        if not kept and (n in _DETERMINERS or n in _PREPOSITIONS):
            continue
        if (
            not n
            or n in _PREPOSITIONS
            or n in _CONJUNCTIONS
            or n in _AUX
            or n in _RELATIVE
            or _is_participle(w)
            or _is_adverb(w)
            or _dateish(w)
        ):
            break
        kept.append((ws, we))
        if _ends_phrase(w) or len(kept) >= _MAX_SUBJECT:
            break
    return _join(text, kept).rstrip(",;:")


def _subject(text: str, clause_start: int, sentence_start: int, verb_start: int) -> str:
    """Subject of the verb at ``verb_start``: the noun phrase before it (past adverbs and
    auxiliaries); for a relative or participle clause, the noun phrase before its comma; for
    a verb coordinated with "and" or a finite verb after an inserted clause, the sentence's
    opening subject."""
    pos = verb_start
    had_aux = False
    for ws, _we in reversed(_words(text, clause_start, verb_start)):
        w = text[ws:_we]
        n = _norm(w)
        if (
            _is_adverb(w)
            or n in _AUX
            or (n == "to" and ws < verb_start)
            or (is_verbish(w) and pos < verb_start + 1 and n not in _IRREGULAR_PAST)
        ):
            had_aux = had_aux or n in _AUX or is_verbish(w)
            pos = ws
            continue
        if n in ("which", "who", "that"):
            comma = text.rfind(",", sentence_start, ws)
            if comma > sentence_start:
                return _np_with_head(text, sentence_start, comma)
            return ""
        if n == "and":
            return _head(text, after_dateline(text, clause_start), verb_start)
        break
    before = text[clause_start:pos].strip()
    if not before:
        # "..., established in 1975": the noun phrase before the comma; "Formed in 1994,
        # the bloc ...": the subject after it
        comma = text.rfind(",", sentence_start, clause_start + 1)
        if not had_aux and comma > sentence_start:
            return _np_with_head(text, sentence_start, comma)
        if clause_start == sentence_start or not had_aux:
            after = text.find(",", verb_start)
            return _head(text, after + 1, after + 80) if after > 0 else ""
        return _head(text, after_dateline(text, sentence_start), verb_start)
    first = noun_phrase_before(text, clause_start, pos)
    return text[first:pos].strip() if first is not None else ""


def _np_with_head(text: str, start: int, end: int) -> str:
    """The noun phrase ending at ``end``; "trade deficit with China" -> "trade deficit"."""
    first = noun_phrase_before(text, start, end)
    if first is None:
        return ""
    words = _words(text, start, first)
    if words and _norm(text[words[-1][0] : words[-1][1]]) in ("with", "between"):
        head = noun_phrase_before(text, start, words[-1][0])
        if head is not None:
            return text[head : words[-1][0]].strip()
    return text[first:end].strip()


def _figure_title(text: str, clause_start: int, sentence_start: int, pos: int, end: int) -> str:
    amount = None
    for m in _AMOUNT_RE.finditer(text, clause_start, end):
        if amount is None or m.start() <= pos:
            amount = m
    if amount is None:
        return ""
    lead_start = clause_start
    for ws, we in _words(text, clause_start, amount.start()):
        if _norm(text[ws:we]) in ("and", "which", "that", "but"):
            lead_start = we
    lead = [
        (ws, we)
        for ws, we in _words(text, lead_start, amount.start())
        if not _is_adverb(text[ws:we]) and _norm(text[ws:we]) not in _AUX
    ]
    while lead and _norm(text[lead[0][0] : lead[0][1]]) in _DETERMINERS:
        lead.pop(0)
    verb_at = next((i for i, (ws, we) in enumerate(lead) if _is_participle(text[ws:we])), None)
    if verb_at is None and lead and lead_start != clause_start:
        verb_at = 0  # "which stood at ...": a relative clause opens with its verb
    if verb_at is None:
        # "with bilateral trade of about $150 billion": a noun phrase; "a $1.3 billion
        # project": the noun the amount qualifies
        subject, verb = "", _join(text, lead)
        if not verb:
            noun = _words(text, amount.end(), end)[:1]
            if noun and not _dateish(text[noun[0][0] : noun[0][1]]):
                word = text[noun[0][0] : noun[0][1]].rstrip(",;:.")
                if _norm(word) not in _TRAILING and not _is_participle(word):
                    return f"{amount.group()} {word}"
    elif verb_at > 0 and lead_start == clause_start:
        subject = _head(text, lead[0][0], lead[verb_at][0])
        verb = _join(text, lead[verb_at:])
    else:
        verb = _join(text, lead[verb_at:])
        subject = _subject(text, clause_start, sentence_start, lead[verb_at][0])
        if not subject:
            subject = _head(text, after_dateline(text, sentence_start), lead[verb_at][0])
    tail = _right_phrase(text, amount.end(), end, 3)
    tail_text = _join(text, tail)
    if not tail or _norm(tail_text.split()[0]) not in ("in", "of", "for"):
        tail_text = ""
    return " ".join(p for p in (subject, verb, amount.group(), tail_text) if p)


def event_title(
    text: str,
    sentence_start: int,
    clause_start: int,
    clause_end: int,
    pos: int,
    kw_end: int,
    is_figure: bool,
) -> str:
    """A short title for the event whose keyword spans [pos, kw_end) in the given clause."""
    if is_figure:
        return _clean(_figure_title(text, clause_start, sentence_start, pos, clause_end))
    keyword = text[pos:kw_end]
    if is_verbish(keyword.split()[0].lower()):
        start = pos
        chain = _words(text, clause_start, pos)
        # "is expected to join": the verb chain the keyword ends
        while chain and (
            _norm(text[chain[-1][0] : chain[-1][1]]) in ("to", "be", "been")
            or (
                is_verbish(text[chain[-1][0] : chain[-1][1]])
                and _norm(text[chain[-1][0] : chain[-1][1]]) not in _AUX
            )
        ):
            start = chain.pop()[0]
        subject = _subject(text, clause_start, sentence_start, start)
        predicate = [(start, kw_end)] + _right_phrase(text, kw_end, clause_end, _MAX_PREDICATE)
        said = _join(text, predicate)
        if subject and start == after_dateline(text, sentence_start):
            said = said[:1].lower() + said[1:]  # "Formed in 1994, the X ..." -> "X founded"
        return _clean(f"{subject} {said}".strip())
    first = noun_phrase_before(text, clause_start, pos, _MAX_PREMODIFIERS)
    spans: list[Span] = [(first if first is not None else pos, kw_end)]
    nxt = _words(text, kw_end, clause_end)[:1]
    if nxt and _norm(text[nxt[0][0] : nxt[0][1]]) in ("in", "to", "of", "with", "between", "for"):
        rest = _right_phrase(text, nxt[0][0], clause_end, 5)
        if len(rest) > 1:
            spans.extend(rest)
    return _clean(_join(text, spans))
