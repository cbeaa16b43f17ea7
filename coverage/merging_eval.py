"""Ingest a group of articles about one summit, as ``manage.py ingest`` would, and score how
its records were merged (``coverage/extract/merging.py`` has the definitions).

Each run ingests the group's articles one after another in a transaction that is rolled back,
so the database is left as it was; what it already holds takes part as it would in a real
ingest (an article may join a summit or, once ingest matches records, a record already there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from coverage.extract.merging import (
    Extracted,
    GoldRecord,
    MergingScore,
    Passage,
    gold_records,
    merging_score,
)
from coverage.extract.types import Lexicon
from coverage.models import Curated, Event, Meeting, Response, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText

OWN_SET = Path(settings.BASE_DIR) / "tests" / "merging"
ORDERS = ("given", "reverse")
# The real groups held out of tuning the matching rules (issue 16): scored only before and after
# a round of changes, never while rules are being fitted (README, "Its score").
HELD_OUT = (
    "Trump–Kim Hanoi summit 2019",
    "Biden–Putin Geneva summit 2021",
    "G20 2019 Osaka",
    "Biden visit to Kyiv 2023",
    "Trump–Xi Busan meeting 2025",
    "G20 2021 Rome",
    "Zelensky–Trump Oval Office meeting February 2025",
    "Summit on Peace in Ukraine 2024 Bürgenstock",
    "Viktor Orban visit to Moscow 2024",
    "Putin visit to Mongolia 2024",
    "Camp David trilateral summit 2023",
    "Putin visit to Vietnam 2024",
    "SCO 2024 Astana",
    "BRICS 2025 Rio de Janeiro",
    "Trump Gulf tour 2025",
    "Putin India visit 2025",
)
MODELS = {"statements": Statement, "meetings": Meeting, "responses": Response, "events": Event}


@dataclass(frozen=True)
class Article:
    slug: str
    text: str
    published: dt.date | None
    gold: tuple[GoldRecord, ...]


@dataclass(frozen=True)
class Group:
    name: str
    articles: tuple[Article, ...]


def _published(gold: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(gold.get("published") or "")
    except ValueError:
        return None


def groups_load(gold_dir: Path, texts: Path | None = None) -> tuple[list[Group], list[str]]:
    """The groups of a folder of gold files: files sharing a ``summit``, in slug order, whose
    records carry ``happening`` ids and whose text is present (beside the gold, or in ``texts``)
    and, where the gold gives its ``sha256``, unchanged. Groups of fewer than two articles are
    left out: they have nothing to merge across. Also the slugs with ids left out for a missing
    or changed text."""
    by_summit: dict[str, list[Article]] = defaultdict(list)
    skipped = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        slug = gold.get("slug") or path.stem
        records = gold_records(slug, gold)
        if not gold.get("summit") or not records:
            continue
        text_path = (texts or path.parent) / f"{slug}.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
        if text is None or (
            gold.get("sha256") and hashlib.sha256(text.encode()).hexdigest() != gold["sha256"]
        ):
            skipped.append(slug)
            continue
        by_summit[gold["summit"]].append(
            Article(slug=slug, text=text, published=_published(gold), gold=tuple(records))
        )
    groups = [
        Group(name=name, articles=tuple(articles))
        for name, articles in sorted(by_summit.items())
        if len(articles) >= 2
    ]
    return groups, skipped


def groups_select(
    groups: list[Group], *, summits: list[str] = (), exclude: list[str] = (), split: str = "all"
) -> list[Group]:
    """The groups named in ``summits`` (all if none), less those in ``exclude``, and of the
    ``split``: ``tuning`` (not ``HELD_OUT``), ``held-out`` (``HELD_OUT``) or ``all``."""
    chosen = []
    for group in groups:
        if summits and group.name not in summits:
            continue
        if group.name in exclude:
            continue
        if split != "all" and (group.name in HELD_OUT) != (split == "held-out"):
            continue
        chosen.append(group)
    return chosen


def record_passages(record: Curated) -> list[tuple[int, int | None, int | None]]:
    """A record's source passages as (document id, start, end): its ``passages`` where the
    model has them (issue 16), else the one span every record had before."""
    if hasattr(record, "passages"):
        return [(p.document_id, p.start, p.end) for p in record.passages.all()]
    return [(record.document_id, record.source_start, record.source_end)]


def _names(kind: str, record: Curated) -> frozenset[str]:
    if kind == "statements":
        return frozenset([record.speaker.name])
    if kind == "responses":
        return frozenset([record.responder.name])
    if kind == "meetings":
        return frozenset(a.name for a in record.participants.all())
    return frozenset()


def _records(slugs: dict[int, str]) -> list[Extracted]:
    """The records holding a passage in the documents ``slugs`` names, as plain data; passages
    in other documents are left out."""
    out = []
    for kind, model in MODELS.items():
        related = ["participants"] if kind == "meetings" else []
        if hasattr(model, "passages"):
            rows = model.objects.filter(passages__document__in=slugs).distinct()
            related.append("passages")
        else:
            rows = model.objects.filter(document__in=slugs)
        rows = rows.select_related(
            *{"statements": ["speaker"], "responses": ["responder"]}.get(kind, [])
        ).prefetch_related(*related)
        for record in rows:
            passages = tuple(
                Passage(slugs[doc], start, end)
                for doc, start, end in record_passages(record)
                if doc in slugs and start is not None and end is not None
            )
            out.append(Extracted(kind=kind, passages=passages, names=_names(kind, record)))
    return out


class _Rollback(Exception):
    pass


def group_records(articles: list[Article], lexicon: Lexicon) -> list[Extracted]:
    """Ingest ``articles`` in this order in a transaction rolled back afterwards; the records
    their passages are in."""
    try:
        with transaction.atomic():
            slugs = {}
            for article in articles:
                source = SourceText(
                    text=article.text, filename=f"{article.slug}.txt", format="text"
                )
                result = document_ingest(
                    source=source, published=article.published, lexicon=lexicon
                )
                slugs[result.document.pk] = article.slug
            records = _records(slugs)
            raise _Rollback
    except _Rollback:
        pass
    return records


def group_scores(group: Group, lexicon: Lexicon) -> dict[str, MergingScore]:
    """The group's score ingested in its order (``given``) and in reverse (``reverse``)."""
    gold = [g for article in group.articles for g in article.gold]
    orders = {"given": list(group.articles), "reverse": list(reversed(group.articles))}
    return {order: merging_score(gold, group_records(orders[order], lexicon)) for order in ORDERS}
