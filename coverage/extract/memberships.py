"""Stage 8: who belongs to which organisation.

Sources: Markdown tables with a member column (and optionally a year and a status column), and
sentences with a membership phrase ("comprises A, B and C", "A and B joined the bloc in 2024",
"observers include ..."). The organisation is the one the sentence or section is about.
"""

from __future__ import annotations

import re

from .doc import Doc
from .text import TABLE, Block
from .types import ExtractedMembership

_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MEMBER_HEAD = re.compile(r"member|country|state|nation|name", re.I)
_YEAR_HEAD = re.compile(r"year|joined|since|accession|admitted", re.I)
_STATUS_HEAD = re.compile(r"status|type|role", re.I)
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _tables(doc: Doc) -> list[list[Block]]:
    tables: list[list[Block]] = []
    for block in doc.layout.blocks:
        if block.kind != TABLE:
            continue
        if tables and tables[-1][-1].index == block.index - 1:
            tables[-1].append(block)
        else:
            tables.append([block])
    return tables


def _org_before(doc: Doc, pos: int) -> str:
    """The organisation the text was about just before ``pos`` (else the summit's)."""
    for s, e in doc.section_before(pos):
        orgs = [
            m.actor for m in doc.actors.within(s, e) if doc.actors.kind(m.actor) == "organisation"
        ]
        if orgs:
            return orgs[-1]
    return doc.summit.organisation if doc.summit else ""


def from_tables(doc: Doc) -> list[ExtractedMembership]:
    out = []
    for table in _tables(doc):
        head = _cells(doc.text[table[0].start : table[0].end])
        member_col = next((i for i, h in enumerate(head) if _MEMBER_HEAD.search(h)), None)
        if member_col is None:
            continue
        year_col = next((i for i, h in enumerate(head) if _YEAR_HEAD.search(h)), None)
        status_col = next((i for i, h in enumerate(head) if _STATUS_HEAD.search(h)), None)
        org = _org_before(doc, table[0].start)
        if not org:
            continue
        for row in table[1:]:
            line = doc.text[row.start : row.end]
            if _SEPARATOR_ROW.match(line):
                continue
            cells = _cells(line)
            if member_col >= len(cells):
                continue
            member = doc.matcher.actor_for_alias(cells[member_col])
            if not member:
                continue
            year = None
            if year_col is not None and year_col < len(cells):
                y = _YEAR_RE.search(cells[year_col])
                year = int(y.group()) if y else None
            status = "member"
            if status_col is not None and status_col < len(cells):
                status = doc.matcher.lookup("membership_status", cells[status_col]) or "member"
            out.append(ExtractedMembership(org, member, row.start, row.end, year, status))
    return out


def from_sentences(doc: Doc) -> list[ExtractedMembership]:
    out = []
    for sentence in doc.layout.prose():
        phrase = doc.matcher.membership_phrase_re.search(doc.text, sentence.start, sentence.end)
        if not phrase:
            continue
        meaning = doc.matcher.lookup("membership_phrase", phrase.group()) or "member"
        mentions = doc.actors.within(sentence.start, sentence.end)
        orgs = [m for m in mentions if doc.actors.kind(m.actor) == "organisation"]
        states_after = [
            m for m in mentions if m.start >= phrase.end() and doc.actors.kind(m.actor) == "state"
        ]
        states_before = [
            m for m in mentions if m.end <= phrase.start() and doc.actors.kind(m.actor) == "state"
        ]
        joined = phrase.group().lower().startswith(("joined", "were admitted", "was admitted"))
        if joined:
            listed = _list_run(doc, states_before[::-1], reverse=True)[::-1]
        else:
            listed = _list_run(doc, states_after)
        if not listed:
            continue
        org_candidates = [m for m in orgs if (m.start > phrase.end()) == joined]
        org = org_candidates[0].actor if org_candidates else _org_before(doc, sentence.start)
        if not org:
            continue
        status = meaning
        tail = doc.matcher.membership_status_re.search(doc.text, listed[-1].end, sentence.end)
        if not joined and tail and meaning == "member":
            status = doc.matcher.lookup("membership_status", tail.group()) or meaning
        year = None
        if joined:
            years = [d.date.year for d in doc.dates_in(phrase.end(), sentence.end)]
            year = years[0] if years else None
        for m in listed:
            out.append(
                ExtractedMembership(org, m.actor, sentence.start, sentence.end, year, status)
            )
    return out


def _list_run(doc: Doc, mentions: list, reverse: bool = False) -> list:
    """The run of mentions separated only by commas / "and" (an enumeration)."""
    if not mentions:
        return []
    run = [mentions[0]]
    for m in mentions[1:]:
        a, b = (m, run[-1]) if reverse else (run[-1], m)
        between = doc.text[a.end : b.start]
        if re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", between):
            run.append(m)
        else:
            break
    return run


def find_memberships(doc: Doc) -> list[ExtractedMembership]:
    """Tables first (they carry years), then sentences; one record per (org, member, status)."""
    merged: dict[tuple[str, str, str], ExtractedMembership] = {}
    for rec in from_tables(doc) + from_sentences(doc):
        key = (rec.organisation, rec.member, rec.status)
        old = merged.get(key)
        if old is None or (old.year_joined is None and rec.year_joined is not None):
            merged[key] = rec
    return sorted(merged.values(), key=lambda r: r.start)
