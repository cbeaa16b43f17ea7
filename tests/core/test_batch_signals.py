"""A batch ingest run as a real process: SIGTERM or SIGINT stop it between documents with a
summary line, and its extraction worker never outlives it, even after ``kill -9``."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from coverage.lexicon import lexicon_seed
from coverage.models import Document

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
FILES = 80  # above prepare.PARALLEL_FROM: the batch uses a worker process


def _database_url() -> str:
    """The test database, for the command run in another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def batch(tmp_path) -> Path:
    lexicon_seed()
    articles = sorted(CORPUS.glob("*.txt"))
    for n in range(FILES):
        text = articles[n % len(articles)].read_text(encoding="utf-8")
        (tmp_path / f"{n:03d}.txt").write_text(f"{text}\n\nEdition {n}.\n", encoding="utf-8")
    return tmp_path


def _start(folder: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATABASE_URL=_database_url(), DJANGO_DEBUG="1", PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(folder), "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's reaping is left


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _first_line(process: subprocess.Popen) -> str:
    line = process.stdout.readline()
    assert ": added document" in line, line + process.stderr.read()
    return line


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_batch_between_documents_with_a_summary(batch, sig):
    process = _start(batch)
    lines = [_first_line(process)]
    process.send_signal(sig)
    out, err = process.communicate(timeout=120)
    lines += out.splitlines()
    assert process.returncode == 128 + sig
    assert "Traceback" not in err, err
    (summary,) = [line for line in err.splitlines() if line.startswith("stopped by")]
    ingested = len(lines)
    assert summary == (
        f"stopped by {sig.name} after {ingested} of {FILES} files: {ingested} ingested, "
        f"0 not ingested, {FILES - ingested} not read"
    )
    assert 0 < ingested < FILES
    # Every document written is whole; none was cut off half-way.
    assert Document.objects.count() == ingested
    assert all(d.statement_set.exists() for d in Document.objects.all())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_extraction_worker_exits_when_the_batch_is_killed(batch):
    process = _start(batch)
    _first_line(process)
    _wait_for(lambda: _children(process.pid))
    workers = _children(process.pid)
    process.kill()  # kill -9: no handler, no clean-up of its own
    process.wait(timeout=30)
    _wait_for(lambda: not any(_running(pid) for pid in workers), timeout=15)
