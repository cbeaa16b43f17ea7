"""Reading files and extracting their records ahead of the writes, in worker processes.

Extraction is pure (text and lexicon in, plain data out) and takes about as long as writing
what it found, so a batch ingest reads and extracts the next files on the other cores while
this process writes the current one. Results come back in the files' order and are the same as
extracting here: every worker gets the batch's lexicon once, before its first file.

Nothing here touches the database: a worker imports only the extraction package and
``coverage.sources``, and never reads Django settings (the size limit is passed in). Workers
are started with "spawn", which imports the caller's main module again: a script that ingests
a batch must keep its work under ``if __name__ == "__main__":`` (manage.py does).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coverage.extract import extract_document
from coverage.extract.types import Extraction, Lexicon
from coverage.sources import InputError, SourceText, max_bytes_allowed, source_from_path

# Starting a worker (a fresh interpreter importing the extractor) costs about as much as
# extracting a few dozen files: from 50 on, a worker pays for itself. Smaller batches are read
# and extracted in this process.
PARALLEL_FROM = 50
# Files handed out ahead of the writer, per worker: enough that a worker never waits for
# the writer, few enough that a slow writer does not pile up extractions in memory.
AHEAD = 4


@dataclass(frozen=True)
class Prepared:
    """One file, read and extracted; or the one-line reason it cannot be ingested."""

    path: Path
    source: SourceText | None = None
    extraction: Extraction | None = None
    error: InputError | None = None


def source_extract(
    source: SourceText, lexicon: Lexicon, *, published: dt.date | None = None
) -> Extraction:
    """The extraction ``document_ingest`` stores for ``source`` (a date given by the caller
    wins over the file's own)."""
    return extract_document(
        source.text, lexicon, published=published or source.published, title=source.title
    )


def file_prepare(
    path: Path, *, lexicon: Lexicon, published: dt.date | None = None, max_bytes: int | None = None
) -> Prepared:
    try:
        source = source_from_path(path, max_bytes=max_bytes)
    except InputError as error:
        return Prepared(path=path, error=error)
    return Prepared(
        path=path, source=source, extraction=source_extract(source, lexicon, published=published)
    )


def default_workers() -> int:
    """Every core but the one the writer uses."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(cores - 1, 0)


def files_prepare(
    paths: list[Path],
    *,
    lexicon: Lexicon,
    published: dt.date | None = None,
    max_bytes: int | None = None,
    workers: int = 0,
) -> Iterator[Prepared]:
    """Each path prepared, in order: by ``workers`` processes while the caller consumes the
    results (0, or a batch under PARALLEL_FROM files: here, one at a time)."""
    max_bytes = max_bytes_allowed(max_bytes)  # read here: a worker's settings are not the caller's
    if workers < 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield file_prepare(path, lexicon=lexicon, published=published, max_bytes=max_bytes)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        # spawn, not fork: a fresh interpreter shares no lock, thread or database connection
        # with this process, and behaves the same on every platform.
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(lexicon, published, max_bytes),
    )
    try:
        queued: deque[Future[Prepared]] = deque()
        remaining = iter(paths)
        for path in remaining:
            queued.append(pool.submit(_worker_prepare, path))
            if len(queued) >= workers * AHEAD:
                break
        while queued:
            prepared = queued.popleft().result()
            following = next(remaining, None)
            if following is not None:
                queued.append(pool.submit(_worker_prepare, following))
            yield prepared
    finally:
        pool.shutdown(cancel_futures=True)


# --- In a worker process ------------------------------------------------------------------

_job: dict = {}


def _worker_init(lexicon: Lexicon, published: dt.date | None, max_bytes: int | None) -> None:
    _job.update(lexicon=lexicon, published=published, max_bytes=max_bytes)
    # Ctrl-C reaches the whole process group: the writer stops the batch and shuts the pool
    # down, so a worker ignores it rather than print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """Exit as soon as the process that started this one does, however it ended (``kill -9``
    of ``manage.py ingest`` left its worker running forever, waiting for work)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the spawn pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_prepare(path: Path) -> Prepared:
    return file_prepare(path, **_job)
