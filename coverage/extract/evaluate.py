"""Scoring the extractor against hand-written gold files.

A corpus directory holds ``NAME.txt`` articles with ``NAME.json`` gold files, and optionally a
``gold/`` subdirectory of gold files whose ``"source"`` key points to an article elsewhere
(relative to the gold file). Gold format::

    {"published": "YYYY-MM-DD" | null,
     "events": [{"kind": ..., "date": "YYYY[-MM[-DD]]", "projected": false, "passage": "..."}],
     "statements": [{"speaker": "...", "passage": "..."}],
     "meetings": [{"participants": ["...", "..."]}],
     "responses": [{"responder": "...", "passage": "..."}]}

Instead of a ``passage``, a gold record may point into the text with ``start``/``end`` character
offsets (the real-article set in ``tests/realworld/``, whose texts are not committed).

Matching: statement = same speaker and the gold passage overlaps the extracted span; meeting =
same participant set; response = same responder (and overlap when a passage is given); event =
same date, precision and projection, overlapping span. Names are compared by ``same_name``:
exact strings for the synthetic corpus, the lexicon's aliases for real articles (``names_by``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import matcher_for
from .pipeline import extract_document
from .types import Extraction, Lexicon

SameName = Callable[[str, str], bool]

KINDS = ("statements", "meetings", "responses", "events")


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    documents: int = 0
    spans_checked: int = 0
    spans_exact: int = 0
    span_errors: list[str] = field(default_factory=list)
    published_right: int = 0
    published_total: int = 0
    # Among extracted records overlapping a gold record of their kind: is the name right?
    attribution_right: int = 0
    attribution_total: int = 0
    attribution_errors: list[str] = field(default_factory=list)
    # Among extracted events (and meetings) overlapping a dated gold record: is the date right?
    dates_right: int = 0
    dates_total: int = 0
    date_errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    @property
    def span_exactness(self) -> float:
        return self.spans_exact / self.spans_checked if self.spans_checked else 1.0

    @property
    def attribution(self) -> float:
        return self.attribution_right / self.attribution_total if self.attribution_total else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_total if self.dates_total else 1.0


def _span(text: str, passage: str | None) -> tuple[int, int] | None:
    if not passage:
        return None
    i = text.find(passage)
    return (i, i + len(passage)) if i >= 0 else None


def _gold_span(text: str, g: dict) -> tuple[int, int] | None:
    """Where a gold record points: its offsets, else its quoted passage."""
    if "start" in g:
        return (g["start"], g["end"])
    return _span(text, g.get("passage"))


def _overlaps(gold: tuple[int, int] | None, start: int, end: int) -> bool:
    return gold is None or (gold[0] < end and start < gold[1])


def _event_key(date) -> tuple:
    return (date.iso(), bool(date.projected)) if date else (None, False)


def _gold_event_key(g: dict) -> tuple:
    return (g.get("date"), bool(g.get("projected", False)))


def _match(
    gold_items: list[dict], records: list, same, text: str, name: str, label, score: KindScore
) -> None:
    used: set[int] = set()
    for g in gold_items:
        span = _gold_span(text, g)
        if g.get("passage") and span is None:
            score.misses.append(f"{name}: gold passage not in text: {g['passage'][:60]!r}")
            score.fn += 1
            continue
        hit = next(
            (
                i
                for i, r in enumerate(records)
                if i not in used and same(g, r) and _overlaps(span, r.start, r.end)
            ),
            None,
        )
        if hit is None:
            score.fn += 1
            line = f"{name}: {json.dumps(g, ensure_ascii=False)[:140]}"
            if "start" in g:  # offsets alone do not tell a reader what was missed
                line += f" | {text[g['start'] : g['end']][:120]!r}"
            score.misses.append(line)
        else:
            used.add(hit)
            score.tp += 1
    for i, r in enumerate(records):
        if i not in used:
            score.fp += 1
            score.spurious.append(f"{name}: {label(r)} | {text[r.start : r.end][:90]!r}")


def check_spans(text: str, result: Extraction) -> list[str]:
    """Every record's span slices a non-empty, stripped passage holding its quote."""
    errors = []
    records = [
        *result.statements,
        *result.meetings,
        *result.responses,
        *result.events,
        *result.memberships,
    ]
    for r in records:
        ok = 0 <= r.start < r.end <= len(text)
        passage = text[r.start : r.end] if ok else ""
        ok = ok and passage.strip() == passage and bool(passage)
        quote = getattr(r, "quote", "")
        if ok and quote:
            ok = all(part in passage for part in quote.split(" … "))
        if not ok:
            errors.append(f"{type(r).__name__} {r.start}-{r.end}: {passage[:60]!r}")
    return errors


def gold_files(corpus_dir: Path | str) -> list[tuple[Path, Path]]:
    """(gold json, article text) pairs of a corpus directory."""
    corpus = Path(corpus_dir)
    pairs = []
    for gold in sorted(corpus.glob("*.json")) + sorted(corpus.glob("gold/*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        source = data.get("source")
        article = (gold.parent / source) if source else gold.with_suffix(".txt")
        if article.exists():
            pairs.append((gold, article.resolve()))
    return pairs


def _exact(gold_name: str, name: str) -> bool:
    return gold_name == name


def names_by(lexicon: Lexicon, result: Extraction) -> SameName:
    """Gold and extracted names are the same actor when the lexicon's aliases, or the aliases
    extraction gave an actor it found, lead from one to the other ("Modi" is "Narendra Modi")."""
    matcher = matcher_for(lexicon)
    found = {a.name: a for a in result.actors}

    def keys(name: str) -> set[str]:
        canonical = matcher.actor_for_alias(name) or name
        out = {name.lower(), canonical.lower()}
        entry = matcher.actors.get(canonical)
        if entry is not None:
            out.update(a.lower() for a in entry.aliases)
        if name in found:
            out.update(a.lower() for a in found[name].aliases)
        return out

    def same(gold_name: str, name: str) -> bool:
        if gold_name == name or _plain(gold_name) == _plain(name):
            return True
        gold_canonical = matcher.actor_for_alias(gold_name) or gold_name
        canonical = matcher.actor_for_alias(name) or name
        if gold_canonical == canonical:
            return True
        return gold_name.lower() in keys(name) or name.lower() in keys(gold_name)

    return same


def _plain(name: str) -> str:
    """A name without accents, apostrophes or case: "Fiamē Naomi Mataʻafa" is "Fiame Naomi
    Mata'afa" as another page spells her."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s'’ʻ`‘-]+", "", kept).lower()


def _same_set(gold_names: list[str], names: tuple[str, ...], same: SameName) -> bool:
    if len(gold_names) != len(set(names)):
        return False
    left = list(dict.fromkeys(names))
    for g in gold_names:
        hit = next((n for n in left if same(g, n)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _check(
    gold_items: list[dict],
    records: list,
    right: Callable[[dict, object], bool],
    text: str,
    name: str,
    label: Callable[[object], str],
) -> tuple[int, int, list[str]]:
    """(right, total, errors) over extracted records that overlap some gold record: a record is
    right when ``right`` holds for one of the gold records it overlaps."""
    spans = [(g, _gold_span(text, g)) for g in gold_items]
    good = total = 0
    errors = []
    for r in records:
        overlapping = [g for g, s in spans if s is not None and s[0] < r.end and r.start < s[1]]
        if not overlapping:
            continue
        total += 1
        if any(right(g, r) for g in overlapping):
            good += 1
        else:
            errors.append(f"{name}: {label(r)} | {text[r.start : r.end][:90]!r}")
    return good, total, errors


def _attribution(report: Report, gold: dict, result: Extraction, text: str, name: str, same):
    checks = (
        ("statements", result.statements, lambda g, r: same(g["speaker"], r.speaker)),
        (
            "meetings",
            result.meetings,
            lambda g, r: _same_set(g["participants"], r.participants, same),
        ),
        ("responses", result.responses, lambda g, r: same(g["responder"], r.responder)),
    )
    for kind, records, right in checks:
        good, total, errors = _check(
            gold.get(kind, []), records, right, text, name, lambda r: _who(r)
        )
        report.attribution_right += good
        report.attribution_total += total
        report.attribution_errors.extend(f"{kind} {e}" for e in errors)


def _who(record) -> str:
    for attr in ("speaker", "responder"):
        if hasattr(record, attr):
            return getattr(record, attr)
    return " + ".join(getattr(record, "participants", ()))


def _dates(report: Report, gold: dict, result: Extraction, text: str, name: str) -> None:
    def date_of(r) -> str | None:
        return r.date.iso() if r.date else None

    checks = (
        (
            gold.get("events", []),
            result.events,
            lambda g, r: _gold_event_key(g) == _event_key(r.date),
        ),
        (
            [g for g in gold.get("meetings", []) if g.get("date")],
            result.meetings,
            lambda g, r: g["date"] == date_of(r),
        ),
    )
    for gold_items, records, right in checks:
        good, total, errors = _check(
            gold_items, records, right, text, name, lambda r: f"{date_of(r)}"
        )
        report.dates_right += good
        report.dates_total += total
        report.date_errors.extend(errors)


def evaluate_document(
    text: str,
    gold: dict,
    lexicon: Lexicon,
    name: str,
    report: Report,
    *,
    published: dt.date | None = None,
    alias_names: bool = False,
) -> None:
    """Score one article. ``published`` is passed to extraction as an ingest's ``--published``
    would be; ``alias_names`` compares names through the lexicon's aliases."""
    result = extract_document(text, lexicon, published=published)
    same: SameName = names_by(lexicon, result) if alias_names else _exact
    report.documents += 1
    if "published" in gold and published is None:
        report.published_total += 1
        got = result.published.iso() if result.published else None
        report.published_right += got == gold["published"]
    k = report.kinds
    _match(
        gold.get("statements", []),
        result.statements,
        lambda g, r: same(g["speaker"], r.speaker),
        text,
        name,
        lambda r: f"{r.speaker}",
        k["statements"],
    )
    _match(
        gold.get("meetings", []),
        result.meetings,
        lambda g, r: _same_set(g["participants"], r.participants, same),
        text,
        name,
        lambda r: " + ".join(r.participants),
        k["meetings"],
    )
    _match(
        gold.get("responses", []),
        result.responses,
        lambda g, r: same(g["responder"], r.responder),
        text,
        name,
        lambda r: f"{r.responder} ({r.stance})",
        k["responses"],
    )
    _match(
        gold.get("events", []),
        result.events,
        lambda g, r: _gold_event_key(g) == _event_key(r.date),
        text,
        name,
        lambda r: f"{r.kind} {_event_key(r.date)}",
        k["events"],
    )
    _attribution(report, gold, result, text, name, same)
    _dates(report, gold, result, text, name)
    errors = check_spans(text, result)
    total = sum(
        len(x)
        for x in (
            result.statements,
            result.meetings,
            result.responses,
            result.events,
            result.memberships,
        )
    )
    report.spans_checked += total
    report.spans_exact += total - len(errors)
    report.span_errors.extend(f"{name}: {e}" for e in errors)


def evaluate(corpus_dir: Path | str, lexicon: Lexicon) -> Report:
    """Precision/recall per record kind over every gold file of the corpus."""
    report = Report()
    for gold_path, article in gold_files(corpus_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = article.read_text(encoding="utf-8")
        evaluate_document(text, gold, lexicon, gold_path.stem, report)
    return report


def format_report(report: Report, details: bool = True) -> str:
    """A plain-text table, then misses and spurious records."""
    lines = [
        f"documents: {report.documents}",
        f"{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>8}{'recall':>8}{'f1':>8}",
    ]
    rows = list(report.kinds.items()) + [("overall", report.overall)]
    for kind, s in rows:
        lines.append(
            f"{kind:<12}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}"
        )
    lines.append(f"exact spans: {report.spans_exact}/{report.spans_checked}")
    if report.published_total:
        lines.append(f"published dates right: {report.published_right}/{report.published_total}")
    lines.append(
        f"attribution right: {report.attribution_right}/{report.attribution_total}"
        f" ({report.attribution:.2f})"
    )
    lines.append(
        f"dates right: {report.dates_right}/{report.dates_total} ({report.date_accuracy:.2f})"
    )
    if details:
        for kind, s in report.kinds.items():
            for m in s.misses:
                lines.append(f"MISS {kind}: {m}")
            for m in s.spurious:
                lines.append(f"SPURIOUS {kind}: {m}")
        lines.extend(f"SPAN {e}" for e in report.span_errors)
        lines.extend(f"WRONG NAME {e}" for e in report.attribution_errors)
        lines.extend(f"WRONG DATE {e}" for e in report.date_errors)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m coverage.extract.evaluate [corpus_dir]``: print the report table."""
    import argparse

    from .lexicon import load_seed_lexicon

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("corpus", nargs="?", default="tests/corpus")
    parser.add_argument("--brief", action="store_true", help="table only, no misses")
    args = parser.parse_args(argv)
    report = evaluate(args.corpus, load_seed_lexicon())
    print(format_report(report, details=not args.brief))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
