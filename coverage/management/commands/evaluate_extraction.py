from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from coverage.extract.evaluate import evaluate, format_report
from coverage.lexicon import lexicon_load

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "corpus"


class Command(BaseCommand):
    help = "Score extraction against the gold-annotated corpus: precision, recall, F1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)

    def handle(self, *args: object, corpus: Path, **options: object) -> None:
        # The lexicon as editors left it in the database, so their additions count.
        report = evaluate(corpus, lexicon_load())
        self.stdout.write(format_report(report))
