"""Where one process's ingest time goes, by step and by SQL statement, without a profiler's
overhead (cProfile made ingest 4-5 times slower and moved the shares).

    DATABASE_URL=sqlite:///copy-of-a-corpus.sqlite3 .venv/bin/python scripts/ingest_sections.py 50

Ingests N editions of the bundled sample (each a new document reporting the sample's records
again, as `make bench` does) into DATABASE_URL, after one warm-up document (the lexicon's
regular expressions are compiled once per process), and prints wall and CPU time per document
for each step of ``document_ingest`` and wall time per kind of SQL statement. Point it at a
copy: the documents stay. On a loaded machine wall time is mostly waiting for a core; CPU
time is what the code costs.
"""

from __future__ import annotations

import functools
import os
import re
import secrets
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "source_extract",
    "_actors_by_name",
    "_summit_for",
    "_document_upsert",
    "_topics_by_name",
    "_build_records",
    "matches_find",
    "_sync_records",
)
STATEMENT = re.compile(r"(INSERT INTO|UPDATE|DELETE FROM|SELECT .*? FROM)\s+\"?(\w+)", re.S)


def main(count: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")
    import django

    django.setup()
    from django.db import connection

    from coverage import services
    from coverage.lexicon import lexicon_load
    from coverage.sources import SourceText

    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    for name in STEPS:
        setattr(services, name, _timed(getattr(services, name), name, wall, cpu))
    sql: dict[str, float] = defaultdict(float)
    statements: dict[str, int] = defaultdict(int)

    def timed_sql(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            found = STATEMENT.match(query.strip())
            kind = f"{found[1].split()[0]} {found[2]}" if found else query.split()[0]
            sql[kind] += time.perf_counter() - started
            statements[kind] += 1

    lexicon = lexicon_load()
    sample = (ROOT / "coverage" / "samples" / "sco-summit-2025.txt").read_text(encoding="utf-8")
    run = secrets.token_hex(4)

    def ingest(n: object) -> None:
        text = f"{sample}\nSections edition {run}-{n}.\n"
        source = SourceText(text=text, filename=f"sections-{run}-{n}.txt", format="text")
        services.document_ingest(source=source, lexicon=lexicon)

    ingest("warm-up")
    wall.clear(), cpu.clear()
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(timed_sql):
        for n in range(count):
            ingest(n)
    total_cpu, total_wall = time.process_time() - cpu_started, time.perf_counter() - wall_started

    def ms(seconds: float) -> str:
        return f"{1000 * seconds / count:8.2f}"

    print(f"{count} documents: {count / total_wall:.1f}/s; a document {ms(total_wall)} ms wall, "
          f"{ms(total_cpu)} ms CPU ({os.getloadavg()[0]:.1f} load)")  # fmt: skip
    print(f"{'step':24} {'wall ms':>8} {'CPU ms':>8}  (matches_find: in _sync_records)")
    for name in sorted(wall, key=wall.get, reverse=True):
        print(f"{name:24} {ms(wall[name])} {ms(cpu[name])}")
    print(f"{'SQL statement':40} {'a doc':>6} {'wall ms':>8}")
    for kind in sorted(sql, key=sql.get, reverse=True)[:15]:
        print(f"{kind[:40]:40} {statements[kind] / count:6.1f} {ms(sql[kind])}")
    print(f"{'every statement':40} {sum(statements.values()) / count:6.1f} {ms(sum(sql.values()))}")


def _timed(function, name: str, wall: dict, cpu: dict):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            wall[name] += time.perf_counter() - wall_started
            cpu[name] += time.process_time() - cpu_started

    return timed


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
