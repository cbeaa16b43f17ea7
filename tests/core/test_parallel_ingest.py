"""A batch ingest reads and extracts files in worker processes while it writes: the same
records, in the same order, as doing it all in one process."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coverage import prepare
from coverage.extract import load_seed_lexicon
from coverage.models import Document, Event, Meeting, Response, Statement

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))[:6]


@pytest.fixture
def batch(tmp_path) -> Path:
    """Six different articles and one file that is not an article, in a known order."""
    for n, article in enumerate(ARTICLES):
        shutil.copy(article, tmp_path / f"{n:02d}-{article.name}")
    (tmp_path / "03a-empty.txt").write_bytes(b"")
    return tmp_path


def _records() -> list[tuple]:
    rows = []
    for model in (Event, Statement, Meeting, Response):
        rows += [
            (model.__name__, r.document.filename, r.source_start, r.source_end, r.fingerprint)
            for r in model.objects.select_related("document")
        ]
    return sorted(rows)


def _plain(item: prepare.Prepared) -> tuple:
    return item.path, item.source, item.extraction, str(item.error)


def test_workers_extract_exactly_what_this_process_would(batch):
    lexicon = load_seed_lexicon()
    paths = sorted(batch.iterdir())
    here = list(prepare.files_prepare(paths, lexicon=lexicon, workers=0))
    # Below PARALLEL_FROM files the pool is not used; lower it so these few go to a worker.
    prepare.PARALLEL_FROM, saved = 1, prepare.PARALLEL_FROM
    try:
        pooled = list(prepare.files_prepare(paths, lexicon=lexicon, workers=1))
    finally:
        prepare.PARALLEL_FROM = saved
    assert [p.path for p in pooled] == paths
    # (errors compared by message: exceptions are equal only to themselves)
    assert [_plain(p) for p in pooled] == [_plain(p) for p in here]
    assert sum(p.extraction is not None and len(p.extraction.statements) > 0 for p in pooled) >= 5
    (bad,) = [p for p in pooled if p.error is not None]
    assert bad.path.name == "03a-empty.txt" and "file is empty" in str(bad.error)


@pytest.mark.django_db
def test_ingest_command_with_workers_stores_the_same_records(lexicon, batch, capsys, monkeypatch):
    with pytest.raises(CommandError, match="1 of 7 files not ingested"):
        call_command("ingest", str(batch), workers=0)
    alone = _records()
    out_alone = capsys.readouterr()
    Document.objects.all().delete()

    monkeypatch.setattr(prepare, "PARALLEL_FROM", 1)
    with pytest.raises(CommandError, match="1 of 7 files not ingested"):
        call_command("ingest", str(batch), workers=1)
    out_pooled = capsys.readouterr()

    assert len(alone) > 30
    assert _records() == alone
    # One line per file, in the files' order, the bad one reported where it stands.
    names = [line.split(":")[0] for line in out_pooled.out.splitlines()]
    assert names == [p.name for p in sorted(batch.iterdir()) if p.name != "03a-empty.txt"]
    assert "03a-empty.txt: file is empty" in out_pooled.err
    assert out_pooled.err == out_alone.err


@pytest.mark.django_db
def test_a_negative_worker_count_is_refused(lexicon, batch):
    with pytest.raises(CommandError, match="--workers must be 0 or more"):
        call_command("ingest", str(batch), workers=-1)
