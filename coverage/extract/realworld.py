"""Scoring the extractor on real published articles (``tests/realworld/``).

Only each article's address, the sha256 of its text and gold records pointing into it by
character offsets are committed (``gold/SLUG.json``); the texts are other people's writing and
live in a git-ignored folder (``texts/SLUG.txt``, or ``$REALWORLD_TEXTS``). Whatever texts are
present are scored with ``evaluate.py``'s matching, names compared through the lexicon's
aliases; a text whose sha256 differs from the gold's is reported and skipped, a missing one is
listed. ``tests/realworld/README.md`` says how to rebuild the texts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import Report, evaluate_document, format_report
from .types import Lexicon

ROOT = Path(__file__).resolve().parents[2] / "tests" / "realworld"
SPLITS = ("dev", "locked", "all")


@dataclass
class RealReport:
    report: Report = field(default_factory=Report)
    scored: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    texts_dir: Path = ROOT / "texts"


def texts_dir() -> Path:
    """``$REALWORLD_TEXTS`` when set, else ``tests/realworld/texts``."""
    value = os.environ.get("REALWORLD_TEXTS", "").strip()
    return Path(value) if value else ROOT / "texts"


def gold_records(gold_dir: Path, split: str = "all") -> list[dict]:
    """The gold files of a split, in slug order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    out = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split == "all" or gold.get("split") == split:
            out.append(gold)
    return out


def _published(gold: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(gold.get("published") or "")
    except ValueError:
        return None


def evaluate_real(
    lexicon: Lexicon,
    *,
    split: str = "all",
    gold_dir: Path | None = None,
    texts: Path | None = None,
) -> RealReport:
    """Score every article of ``split`` whose text is present and unchanged."""
    texts = texts or texts_dir()
    out = RealReport(texts_dir=texts)
    for gold in gold_records(gold_dir or ROOT / "gold", split):
        slug = gold["slug"]
        path = texts / f"{slug}.txt"
        if not path.exists():
            out.missing.append(slug)
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["sha256"]:
            out.mismatched.append(slug)
            continue
        # The publication date is what an editor passes to ingest (--published) for an excerpt.
        evaluate_document(
            text, gold, lexicon, slug, out.report, published=_published(gold), alias_names=True
        )
        out.scored.append(slug)
    return out


def format_real(real: RealReport, details: bool = True) -> str:
    """The per-kind table and accuracies, then which texts were skipped and why."""
    lines = [f"texts: {real.texts_dir}"]
    if real.scored:
        lines.append(format_report(real.report, details=details))
    else:
        lines.append("no article scored")
    if real.mismatched:
        lines.append(
            f"sha256 differs, skipped ({len(real.mismatched)}): " + ", ".join(real.mismatched)
        )
    if real.missing:
        lines.append(
            f"missing texts ({len(real.missing)}): {', '.join(real.missing)}\n"
            "  rebuild them as tests/realworld/README.md says (the url in each gold file; "
            "REALWORLD_TEXTS points elsewhere)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m coverage.extract.realworld [--split dev|locked|all]`` with the seed lexicon."""
    import argparse

    from .lexicon import load_seed_lexicon

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--brief", action="store_true", help="table only, no misses")
    args = parser.parse_args(argv)
    real = evaluate_real(load_seed_lexicon(), split=args.split)
    print(format_real(real, details=not args.brief))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
