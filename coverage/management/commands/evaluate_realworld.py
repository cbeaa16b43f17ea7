from django.core.management.base import BaseCommand, CommandParser

from coverage.extract.realworld import SPLITS, evaluate_real, format_real
from coverage.lexicon import lexicon_load


class Command(BaseCommand):
    help = (
        "Score extraction on the real articles of tests/realworld whose texts are present "
        "(REALWORLD_TEXTS overrides the folder): precision, recall, F1, attribution, dates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", choices=SPLITS, default="all")
        parser.add_argument("--brief", action="store_true", help="table only, no misses")

    def handle(self, *args: object, split: str, brief: bool, **options: object) -> None:
        # The lexicon as editors left it in the database, so their additions count.
        real = evaluate_real(lexicon_load(), split=split)
        self.stdout.write(format_real(real, details=not brief))
