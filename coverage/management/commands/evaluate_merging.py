from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from coverage.extract.merging import HEADER, MergingScore, format_row, worst
from coverage.extract.realworld import ROOT as REAL_ROOT
from coverage.extract.realworld import texts_dir
from coverage.extract.types import Lexicon
from coverage.lexicon import lexicon_load
from coverage.merging_eval import (
    ORDERS,
    OWN_SET,
    Group,
    group_scores,
    groups_load,
    groups_select,
)

SPLITS = ("all", "tuning", "held-out")


class Command(BaseCommand):
    help = (
        "Ingest each group of articles about one summit (in its order and in reverse, rolled "
        "back afterwards) and print the duplicate and wrong-merge rates against the "
        "happening gold: the own set in tests/merging, and with --real the real-article groups."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--own", type=Path, default=OWN_SET, help="folder of the own set")
        parser.add_argument(
            "--real",
            action="store_true",
            help="also the groups of tests/realworld/gold whose records have happening ids "
            "and whose texts are present (REALWORLD_TEXTS)",
        )

        parser.add_argument(
            "--summit",
            action="append",
            default=[],
            metavar="NAME",
            help="only the real groups of this summit (the gold files' `summit`; repeatable)",
        )
        parser.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="NAME",
            help="leave out the real groups of this summit (repeatable)",
        )
        parser.add_argument(
            "--split",
            choices=SPLITS,
            default="all",
            help="real groups: `tuning` (those the matching rules were fitted on), `held-out` "
            "(coverage.merging_eval.HELD_OUT: scored only before and after a round) or `all`",
        )
        parser.add_argument(
            "--no-own", action="store_true", help="leave out the own set (only the real groups)"
        )

    def handle(
        self,
        *args: object,
        own: Path,
        real: bool,
        summit: list[str],
        exclude: list[str],
        split: str,
        no_own: bool,
        verbosity: int,
        **options: object,
    ) -> None:
        self.details = verbosity >= 2
        lexicon = lexicon_load()
        if not no_own:
            self._table(f"own set ({own})", groups_load(own), lexicon)
        if real:
            texts = texts_dir()
            groups, skipped = groups_load(REAL_ROOT / "gold", texts)
            chosen = groups_select(groups, summits=summit, exclude=exclude, split=split)
            unknown = set(summit) - {g.name for g in groups}
            if unknown:
                self.stdout.write(f"no such real group: {', '.join(sorted(unknown))}")
            self._table(f"real groups, split {split} (texts: {texts})", (chosen, skipped), lexicon)

    def _table(self, title: str, loaded: tuple[list[Group], list[str]], lexicon: Lexicon) -> None:
        groups, skipped = loaded
        self.stdout.write(f"\nMerging across articles: {title}, {len(groups)} groups")
        if skipped:
            self.stdout.write(f"text missing or changed, left out: {', '.join(skipped)}")
        if not groups:
            return
        self.stdout.write(HEADER)
        pooled = {order: MergingScore() for order in ORDERS}
        for group in groups:
            scores = group_scores(group, lexicon)
            for order in ORDERS:
                pooled[order] += scores[order]
                self.stdout.write(
                    format_row(f"{group.name} ({len(group.articles)})", order, scores[order])
                )
                if self.details:
                    for line in scores[order].examples:
                        self.stdout.write(f"    {line}")
        for order in ORDERS:
            self.stdout.write(format_row("overall", order, pooled[order]))
        self.stdout.write(worst(pooled))
