from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from coverage.extract.merging import HEADER, MergingScore, format_row, worst
from coverage.extract.realworld import ROOT as REAL_ROOT
from coverage.extract.realworld import texts_dir
from coverage.extract.types import Lexicon
from coverage.lexicon import lexicon_load
from coverage.merging_eval import ORDERS, OWN_SET, Group, group_scores, groups_load


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

    def handle(
        self, *args: object, own: Path, real: bool, verbosity: int, **options: object
    ) -> None:
        self.details = verbosity >= 2
        lexicon = lexicon_load()
        self._table(f"own set ({own})", groups_load(own), lexicon)
        if real:
            texts = texts_dir()
            self._table(
                f"real groups (texts: {texts})", groups_load(REAL_ROOT / "gold", texts), lexicon
            )

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
