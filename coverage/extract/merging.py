"""Scoring how well several articles' records about one summit are merged (issue 16).

Pure data in, figures out: no database. A *group* is the articles about one summit. Its gold
records (``GoldRecord``) say, per article, where each record's passage is and which real-world
*happening* it reports (records of one group sharing a ``happening`` id report the same
happening: ``tests/merging/README.md``). The extracted records (``Extracted``) are what the
product stored after ingesting the group's articles: each with its kind and its source passages
(article, start, end) — one passage per record before issue 16, one or more after.

Definitions:

- **Matching.** Each passage of an extracted record is matched to the gold record of the same
  kind in the same article that it overlaps by the most characters (a tie goes to the gold record
  whose name — speaker, participants or responder — equals the record's, then to the earlier
  gold record). A passage that overlaps no gold record of its kind is *unmatched* and takes no
  further part. A record's *happenings* are the happenings of its matched passages.
- **Duplicate rate.** Over the gold happenings found in two or more articles of the group (some
  record's passage is matched to one of its gold records in each of two articles or more: a
  happening extraction found in one article only says nothing about merging): for each, the
  distinct records holding its passages (``n``); the rate is ``sum(n - 1) / sum(n)``, the share
  of those records that are extra copies. One record per happening gives 0; three outlets'
  three records give 2/3.
- **Wrong-merge rate.** Records whose matched passages report two or more different happenings,
  divided by the records with two or more passages in the group's articles; also reported over
  all records. Only records with at least one matched passage are counted.
- **Pairwise precision and recall** (a check on both): over pairs of matched passages, "same
  record" predicts "same happening". Precision = pairs in one record that are one happening /
  pairs in one record; recall = the same / pairs that are one happening. A figure whose
  denominator is 0 is ``None`` (printed as a dash).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

KINDS = ("statements", "meetings", "responses", "events")


@dataclass(frozen=True)
class GoldRecord:
    kind: str  # one of KINDS
    article: str
    start: int
    end: int
    happening: str
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Passage:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class Extracted:
    kind: str  # one of KINDS
    passages: tuple[Passage, ...]
    names: frozenset[str] = frozenset()


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class MergingScore:
    # Duplicates: over happenings found in >= 2 articles, the records holding them, the extra.
    happenings: int = 0
    holding: int = 0
    extra: int = 0
    # Wrong merges: records holding >= 2 happenings; records with >= 2 passages; all records.
    wrong: int = 0
    multi: int = 0
    records: int = 0
    # Pairs of matched passages.
    pairs_same_record: int = 0
    pairs_same_happening: int = 0
    pairs_both: int = 0
    unmatched: int = 0
    # Gold records, and those some record's passage was matched to (extraction's recall here).
    gold: int = 0
    found: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def duplicate_rate(self) -> float | None:
        return _rate(self.extra, self.holding)

    @property
    def wrong_merge_rate(self) -> float | None:
        return _rate(self.wrong, self.multi)

    @property
    def wrong_merge_rate_all(self) -> float | None:
        return _rate(self.wrong, self.records)

    @property
    def pair_precision(self) -> float | None:
        return _rate(self.pairs_both, self.pairs_same_record)

    @property
    def pair_recall(self) -> float | None:
        return _rate(self.pairs_both, self.pairs_same_happening)

    def __add__(self, other: MergingScore) -> MergingScore:
        counts = {
            name: getattr(self, name) + getattr(other, name)
            for name in MergingScore.__dataclass_fields__
            if name != "examples"
        }
        return MergingScore(**counts, examples=self.examples + other.examples)


def _match(
    passage: Passage, kind: str, names: frozenset[str], gold: list[GoldRecord]
) -> int | None:
    """The index of the gold record ``passage`` is matched to, if any."""
    best, best_key = None, None
    for n, g in enumerate(gold):
        if g.kind != kind or g.article != passage.article:
            continue
        overlap = min(g.end, passage.end) - max(g.start, passage.start)
        if overlap <= 0:
            continue
        key = (overlap, bool(names) and names == g.names, -n)
        if best_key is None or key > best_key:
            best, best_key = n, key
    return best


def merging_score(gold: list[GoldRecord], records: list[Extracted]) -> MergingScore:
    """Duplicate rate, wrong-merge rate and pairwise precision/recall of one group (module
    docstring: the exact definitions)."""
    score = MergingScore()
    score.gold = len(gold)
    articles_of: dict[str, set[str]] = defaultdict(set)  # where each happening was found
    hit: set[int] = set()
    holders: dict[str, set[int]] = defaultdict(set)
    matched: list[tuple[int, str]] = []  # (record index, happening) per matched passage
    for i, record in enumerate(records):
        held = []
        for passage in record.passages:
            n = _match(passage, record.kind, record.names, gold)
            if n is None:
                score.unmatched += 1
                continue
            g = gold[n]
            hit.add(n)
            held.append(g.happening)
            holders[g.happening].add(i)
            articles_of[g.happening].add(g.article)
            matched.append((i, g.happening))
        if not held:
            continue
        score.records += 1
        if len(record.passages) >= 2:
            score.multi += 1
        if len(set(held)) >= 2:
            score.wrong += 1
            score.examples.append(f"wrong merge: {record.kind} holding {sorted(set(held))}")
    score.found = len(hit)
    for happening, articles in sorted(articles_of.items()):
        if len(articles) < 2:
            continue
        n = len(holders[happening])
        score.happenings += 1
        score.holding += n
        score.extra += n - 1
        if n > 1:
            score.examples.append(f"duplicate: {happening} in {n} records")
    for (i, a), (j, b) in combinations(matched, 2):
        same_record, same_happening = i == j, a == b
        score.pairs_same_record += same_record
        score.pairs_same_happening += same_happening
        score.pairs_both += same_record and same_happening
    return score


def gold_records(article: str, gold: dict) -> list[GoldRecord]:
    """The gold records of one article's gold file (``tests/realworld/README.md`` format) that
    carry a ``happening`` id."""
    out = []
    for kind in KINDS:
        for g in gold.get(kind, []):
            if g.get("happening") and "start" in g:
                names = g.get("participants") or [g.get("speaker") or g.get("responder") or ""]
                out.append(
                    GoldRecord(
                        kind=kind,
                        article=article,
                        start=g["start"],
                        end=g["end"],
                        happening=g["happening"],
                        names=frozenset(n for n in names if n),
                    )
                )
    return out


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


HEADER = (
    f"{'group':<38} {'order':<8} {'found':>7} {'happenings':>10} {'records':>7} {'dup rate':>9} "
    f"{'multi':>5} {'wrong':>5} {'wrong/multi':>11} {'wrong/all':>9} {'pair P':>6} {'pair R':>6}"
)


def format_row(group: str, order: str, s: MergingScore) -> str:
    """One table line: ``found``: gold records some passage was matched to, of all;
    ``happenings`` and ``records`` are the duplicate rate's counts (happenings found in >= 2
    articles; the records holding them)."""
    return (
        f"{group[:38]:<38} {order:<8} {f'{s.found}/{s.gold}':>7} {s.happenings:>10} {s.holding:>7} "
        f"{_percent(s.duplicate_rate):>9} {s.multi:>5} {s.wrong:>5} "
        f"{_percent(s.wrong_merge_rate):>11} {_percent(s.wrong_merge_rate_all):>9} "
        f"{_percent(s.pair_precision):>6} {_percent(s.pair_recall):>6}"
    )


def worst(scores: dict[str, MergingScore]) -> str:
    """The summary line: each rate as the worse of the ingest orders ``scores`` holds."""

    def high(rate) -> float | None:
        values = [v for v in map(rate, scores.values()) if v is not None]
        return max(values) if values else None

    return (
        f"worst of {' and '.join(scores)} order: "
        f"duplicate rate {_percent(high(lambda s: s.duplicate_rate))} (target <= 5%), "
        f"wrong-merge rate {_percent(high(lambda s: s.wrong_merge_rate))} of records with "
        f">= 2 passages, {_percent(high(lambda s: s.wrong_merge_rate_all))} of all records "
        f"(target <= 2%)"
    )
