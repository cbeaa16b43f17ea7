import datetime as dt
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from coverage.db import database_analyze
from coverage.extract.dates import published_problem
from coverage.fetch import is_url, source_from_url
from coverage.lexicon import LexiconEmpty, lexicon_load
from coverage.prepare import default_workers, files_prepare
from coverage.services import IngestResult, document_ingest
from coverage.sources import InputError, collect_paths

# More files than this get a progress bar instead of a quiet wait.
PROGRESS_FROM = 10


def _date(value: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be YYYY-MM-DD, got {value!r}") from None
    problem = published_problem(date)
    if problem:
        raise CommandError(f"--published: {problem}")
    return date


@contextmanager
def _stop_requests() -> Iterator[list[int]]:
    """SIGTERM and SIGINT asked for while this is open: the batch stops between documents,
    never inside one (each is a transaction of its own). Yields the signals received."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received  # signal handlers can only be set from the main thread
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _line(name: str, result: IngestResult) -> str:
    line = f"{name}: {result.action()}: {result.summary()}"
    for warning in result.warnings:
        line += f" (warning: {warning})"
    return line


class Command(BaseCommand):
    help = (
        "Ingest .txt, .md and .html articles (files, folders or http(s) addresses): "
        "one transaction per document."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
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
        paths: list[str],
        summit: str | None,
        published: dt.date | None,
        workers: int,
        **options: object,
    ) -> None:
        if workers < 0:
            raise CommandError(f"--workers must be 0 or more, got {workers}")
        urls = [p for p in paths if is_url(p)]
        local = [Path(p) for p in paths if not is_url(p)]
        missing = [p for p in local if not p.exists()]
        if missing:
            raise CommandError(f"{missing[0]}: no such file or folder")
        files = collect_paths(local)
        if not files and not urls:
            raise CommandError("no .txt, .md or .html files found")
        try:
            lexicon = lexicon_load()
        except LexiconEmpty as error:
            raise CommandError(str(error)) from None
        total = len(files) + len(urls)
        failures = done = 0
        bar = tqdm(
            total=total,
            unit="doc",
            disable=total < PROGRESS_FROM or not self.stderr.isatty(),
            file=self.stderr,
        )

        def report(name: str, result: IngestResult | None, error: Exception | None) -> None:
            nonlocal failures
            with bar.external_write_mode(file=self.stderr):
                if error is not None:
                    failures += 1
                    self.stderr.write(self.style.ERROR(f"error: {error}"))
                else:
                    self.stdout.write(_line(name, result))

        prepared = files_prepare(files, lexicon=lexicon, published=published, workers=workers)
        with _stop_requests() as stop:
            for item in prepared:
                if stop:
                    break  # between documents: each is a transaction of its own
                done += 1
                bar.update()
                result, error = None, item.error
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
                report(item.path.name, result, error)
            prepared.close()  # shuts the extraction workers down
            # Fetched here, one after another: a worker process gains nothing waiting on a network.
            for url in urls:
                if stop:
                    break
                done += 1
                bar.update()
                result, error = None, None
                try:
                    result = document_ingest(
                        source=source_from_url(url),
                        summit_slug=summit,
                        published=published,
                        lexicon=lexicon,
                    )
                except InputError as exc:
                    error = exc
                report(url, result, error)
        bar.close()
        database_analyze()
        if stop:
            self.stderr.write(
                f"stopped by {signal.Signals(stop[0]).name} after {done} of {total} files: "
                f"{done - failures} ingested, {failures} not ingested, {total - done} not read"
            )
            raise SystemExit(128 + stop[0])
        if failures:
            raise CommandError(f"{failures} of {total} files not ingested")
