import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from coverage.db import database_analyze
from coverage.lexicon import lexicon_load
from coverage.prepare import default_workers, files_prepare
from coverage.services import document_ingest
from coverage.sources import InputError, collect_paths

# More files than this get a progress bar instead of a quiet wait.
PROGRESS_FROM = 10


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = "Ingest .txt, .md and .html articles (files or folders): one transaction per document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--summit", help="Slug of the summit the documents belong to")
        parser.add_argument("--published", type=_date, help="Publication date, YYYY-MM-DD")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Processes that read and extract files while this one writes them "
            "(default: one per core but one; 0: none). Used from 50 files on.",
        )

    def handle(
        self,
        *args: object,
        paths: list[Path],
        summit: str | None,
        published: dt.date | None,
        workers: int,
        **options: object,
    ) -> None:
        if workers < 0:
            raise CommandError(f"--workers must be 0 or more, got {workers}")
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"{missing[0]}: no such file or folder")
        files = collect_paths(paths)
        if not files:
            raise CommandError("no .txt, .md or .html files found")
        lexicon = lexicon_load()
        failures = 0
        bar = tqdm(
            total=len(files),
            unit="doc",
            disable=len(files) < PROGRESS_FROM or not self.stderr.isatty(),
            file=self.stderr,
        )
        prepared = files_prepare(files, lexicon=lexicon, published=published, workers=workers)
        for item in prepared:
            bar.update()
            error = item.error
            if error is None:
                try:
                    result = document_ingest(
                        source=item.source,
                        summit_slug=summit,
                        published=published,
                        extraction=item.extraction,
                    )
                except InputError as exc:  # e.g. no summit with that slug
                    error = exc
            if error is not None:
                failures += 1
                with bar.external_write_mode(file=self.stderr):
                    self.stderr.write(self.style.ERROR(f"error: {error}"))
                continue
            line = f"{item.path.name}: {result.action()}: {result.summary()}"
            for warning in result.warnings:
                line += f" (warning: {warning})"
            with bar.external_write_mode(file=self.stderr):
                self.stdout.write(line)
        bar.close()
        database_analyze()
        if failures:
            raise CommandError(f"{failures} of {len(files)} files not ingested")
