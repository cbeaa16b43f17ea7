"""Stage 1: cut the document into blocks (lines) and sentences, keeping original offsets.

Nothing is normalised: every block and sentence is a (start, end) pair into the original text,
so records built from them slice back to exactly the source passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

TITLE = "title"
HEADING = "heading"
TOC = "toc"
BULLET = "bullet"
TABLE = "table"
CAPTION = "caption"
PARAGRAPH = "paragraph"

# Blocks whose sentences may carry statements, meetings, events and the like.
PROSE_KINDS = (PARAGRAPH, BULLET)


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str
    index: int
    label_end: int = -1  # for "Label: text" bullets, offset just after the colon


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index of the block it belongs to


_TOC_RE = re.compile(r"^\s*(?:[-*•]\s*)?\d+[.)]\s+\S|^\s*table of contents\s*$", re.I)
# A caption opens with its label or ends with a credit. Two regexes: the credit one starts with
# "(" or "/", so a search jumps between those characters instead of trying every position.
_CAPTION_START_RE = re.compile(
    r"\s*(?:photo|image|picture|caption|file photo|video)(?:\s+(?:caption|credit))?\s*[:|]",
    re.I,
)
_CREDIT_END_RE = re.compile(
    r"\((?:reuters|ap|afp|getty images|ap photo[^)]*)\)\s*$"
    r"|/\s*(?:afp|reuters|ap|getty images|epa|xinhua)\s*$",
    re.I,
)
_BULLET_LABEL_RE = re.compile(r"^\s*(?:[-*•]\s+)?([A-Z][^:.!?\n]{1,60}):\s+\S")
_NUMBERED_PROSE_WORDS = 12
_LIST_MARK_RE = re.compile(r"^\s*[-*•]\s+\S")
_END_PUNCT = '.!?"”’)…:;'

# Abbreviations whose full stop does not end a sentence (generic English/news grammar).
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "sen",
        "rep",
        "gov",
        "pres",
        "adm",
        "maj",
        "cpl",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "approx",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
    ]
)
_SENT_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*")
_OPEN_QUOTES = "“"
_INTERESTING = re.compile(r"[“”\".!?…]")
_CLOSE_QUOTES = "”"


def iter_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_heading(line: str) -> bool:
    """A heading is a short line that does not end like a sentence, or a lone question line."""
    stripped = line.strip()
    words = stripped.split()
    if not words:
        return False
    if stripped[-1] == "?" and len(words) <= 30 and stripped.count("? ") == 0:
        return "." not in stripped[:-1].rstrip(".")[-3:]
    if stripped[-1] in '"”’' and len(words) <= 14 and not re.search(r"[.!?]\s", stripped):
        return _title_case_ratio(words) >= 0.5
    if stripped[-1] in _END_PUNCT:
        return False
    return len(words) <= 20


def _title_case_ratio(words: list[str]) -> float:
    """Share of capitalised words among the longer ones ("of", "the" do not count)."""
    long = [w.strip("“”\"'‘’") for w in words if len(w.strip("“”\"'‘’")) > 3]
    if not long:
        return 0.0
    return sum(1 for w in long if w[:1].isupper()) / len(long)


# An excerpt may open with its first paragraph, not a headline: a long line ending like a
# sentence ("Ukrainian leader X and President Y on Monday expressed hope for ....").
_LEDE_WORDS = 18


def _is_lede(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) >= _LEDE_WORDS and stripped[-1:] in '.!"”’'


def classify_line(line: str, first: bool) -> str:
    """Kind of one non-empty line; the first non-empty line of the document is its title."""
    if first and not _is_lede(line):
        return TITLE
    if line.lstrip().startswith("|"):
        return TABLE
    if _TOC_RE.search(line):
        # "1. On August 22, the Prime Minister held ...": a numbered paragraph, not a contents
        # entry (those are short and do not end like a sentence)
        numbered_prose = (
            len(line.split()) >= _NUMBERED_PROSE_WORDS and line.rstrip()[-1:] in '.!"”’'
        )
        return PARAGRAPH if numbered_prose else TOC
    if _CAPTION_START_RE.match(line) or _CREDIT_END_RE.search(line):
        return CAPTION
    if _BULLET_LABEL_RE.match(line) and line.rstrip()[-1:] in '.!"”’':
        return BULLET
    if _LIST_MARK_RE.match(line) and line.rstrip()[-1:] in '.!"”’':
        return BULLET
    if _is_heading(line):
        return HEADING
    return PARAGRAPH


# Wire copy hard-wrapped at a fixed width: a line broken mid-sentence ("... said on\nSunday")
_WRAPPED_BREAKS = 3  # so many breaks before a lower-case word make the document hard-wrapped


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    breaks = 0
    for (_, end), (start, _) in zip(lines, lines[1:], strict=False):
        if (
            end > 0
            and start < len(text)
            and text[start].islower()
            and (text[end - 1].islower() or text[end - 1] in ",;")
        ):
            breaks += 1
            if breaks >= _WRAPPED_BREAKS:
                return True
    return False


_LINE_END = '.!?"”’:)…'


def _unwrapped_lines(text: str) -> list[tuple[int, int]]:
    """The lines, with the lines of a hard-wrapped document joined into their paragraphs (a
    line not ending like a sentence runs on into the next non-empty one)."""
    lines = iter_lines(text)
    if not _hard_wrapped(text, lines):
        return lines
    out: list[tuple[int, int]] = []
    open_run = False
    for start, end in lines:
        line = text[start:end].strip()
        if not line:
            out.append((start, end))
            open_run = False
            continue
        if open_run:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        open_run = line[-1] not in _LINE_END
    return out


def split_blocks(text: str) -> list[Block]:
    """Every non-empty line becomes a block with its kind."""
    blocks: list[Block] = []
    for start, end in _unwrapped_lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        start, end = start + lead, end - trail
        line = text[start:end]
        kind = classify_line(line, not blocks)
        label_end = -1
        if kind == BULLET:
            m = _BULLET_LABEL_RE.match(line)
            if m:
                label_end = start + m.end(1) + 1
        blocks.append(Block(start, end, kind, len(blocks), label_end))
    if blocks and blocks[-1].kind == HEADING and _cut_off(text, blocks[-1]):
        blocks[-1] = replace(blocks[-1], kind=PARAGRAPH)
    return blocks


_CUT_OFF_WORDS = 5


def _cut_off(text: str, block: Block) -> bool:
    """An excerpt that stops mid-sentence ("Carney said he was “very grateful f"): its last
    line, in running lower-case words, is prose, not a heading."""
    words = text[block.start : block.end].split()
    return (
        not text[block.end :].strip(" \t")  # the text stops on this line
        and len(words) >= _CUT_OFF_WORDS
        and _title_case_ratio(words) < 0.5
    )


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation like "U.S." or "Mr."."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    # an initial, "George W. Bush", or initials, "J.D. Vance" (as "U.S." already is)
    return text[j].isupper() and (len(word) == 1 or bool(_INITIALS.fullmatch(word)))


_INITIALS = re.compile(r"[a-z](?:\.[a-z])+")


def split_sentences(text: str, start: int, end: int, block: int = 0) -> list[Sentence]:
    """Sentences of text[start:end]; never splits inside a curly quotation.

    A quote running over several sentences thus stays one unit, which is what a statement
    needs. A full stop glued to the next capitalised word ("trip.Next") still splits.
    """
    out: list[Sentence] = []
    depth = 0
    seg_start = start
    i = start
    while i < end:
        hop = _INTERESTING.search(text, i, end)
        if hop is None:
            break
        i = hop.start()
        ch = text[i]
        if ch == '"':
            opening = i == start or text[i - 1] in " \t\n([—–-"
            ch = "“" if opening else "”"
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
            if (
                depth == 0
                and i > start
                and text[i - 1] in ".!?"
                and i + 2 < end
                and text[i + 1] == " "
                and (text[i + 2].isupper() or text[i + 2] in '"“')  # a new quotation
            ):
                out.append(Sentence(seg_start, i + 1, block))
                seg_start = i + 2
                i += 2
                continue
        elif ch in ".!?…" and depth == 0:
            m = _SENT_END_RE.match(text, i, end)
            stop = m.end() if m else i + 1
            nxt = stop
            glued = (
                nxt < end
                and text[nxt].isupper()
                and ch == "."
                and i - 2 >= start
                and text[i - 1].islower()
                and text[i - 2].islower()
            )
            spaced = nxt < end and text[nxt] in " \t\n"
            if (nxt >= end or spaced or glued) and not (
                ch == "." and _is_abbreviation(text, i) and not _next_looks_new(text, nxt, end)
            ):
                # quote closing after the full stop belongs to this sentence
                if stop > seg_start:
                    out.append(Sentence(seg_start, stop, block))
                while stop < end and text[stop] in " \t\n":
                    stop += 1
                seg_start = stop
                i = stop
                continue
            i = stop
            continue
        i += 1
    if seg_start < end and text[seg_start:end].strip():
        s, e = seg_start, end
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Sentence(s, e, block))
    return out


def _next_looks_new(text: str, pos: int, end: int) -> bool:
    """After an abbreviation, a sentence only restarts on a typical sentence opener."""
    m = re.match(r"\s*(The|He|She|It|They|We|In|On|But|This|That|A|An)\b", text[pos:end])
    return bool(m)


@dataclass
class Layout:
    """Blocks and sentences of one document."""

    text: str
    blocks: list[Block]
    sentences: list[Sentence]

    def block_of(self, sentence: Sentence) -> Block:
        return self.blocks[sentence.block]

    def prose(self) -> list[Sentence]:
        return [s for s in self.sentences if self.blocks[s.block].kind in PROSE_KINDS]


def layout(text: str) -> Layout:
    """Blocks plus sentences of prose blocks (headings, tables, captions are one unit each)."""
    blocks = split_blocks(text)
    sentences: list[Sentence] = []
    for b in blocks:
        if b.kind in PROSE_KINDS:
            sentences.extend(split_sentences(text, b.start, b.end, b.index))
        else:
            sentences.append(Sentence(b.start, b.end, b.index))
    return Layout(text, blocks, sentences)


_DATELINE_RE = re.compile(r"[A-Z][A-Z .'’-]+,[^–—\n]{0,60}?\s[-–—]\s")


def after_dateline(text: str, start: int) -> int:
    """Where a sentence's own words begin, after a "CITY, Date (Agency) -" dateline."""
    m = _DATELINE_RE.match(text, start)
    return m.end() if m else start


def title_of(text: str) -> str:
    """The first non-empty line."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""
