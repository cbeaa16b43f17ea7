"""Editors merge two summits into one: documents and records move, nothing is lost."""

from __future__ import annotations

import datetime as dt

from coverage import cache
from coverage.models import Actor, Document, Event, Statement, Summit
from coverage.services import document_ingest, summits_merge
from coverage.sources import SourceText

REPORT = """Leaders gather

LIMA, Nov 15 (Wire) – Leaders of the Asia-Pacific Economic Cooperation forum opened their \
summit in Lima on 15 November 2024.

Chinese President Xi Jinping said the forum "must resist protectionism"."""


def test_merging_summits_moves_documents_and_records_to_the_survivor(lexicon, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    document = document_ingest(
        source=SourceText(text=REPORT, filename="lima.txt", format="text")
    ).document
    stray = document.summit
    keep = Summit.objects.create(
        name="APEC 2024 (editors)", slug="apec-editors", organisation=stray.organisation
    )
    statements = set(Statement.objects.filter(summit=stray).values_list("pk", flat=True))
    events = set(Event.objects.filter(summit=stray).values_list("pk", flat=True))
    assert statements and events
    generation = cache.generation()

    summits_merge(keep=keep, merge=[stray], user=editor)

    assert list(Summit.objects.all()) == [keep]
    keep.refresh_from_db()
    # it takes what it lacked from the merged summit, keeps its editor's name
    assert (keep.name, keep.host_city, keep.year) == ("APEC 2024 (editors)", "Lima", 2024)
    assert keep.start_date == dt.date(2024, 11, 15)
    assert Document.objects.get(pk=document.pk).summit == keep
    assert set(Statement.objects.filter(summit=keep).values_list("pk", flat=True)) == statements
    assert set(Event.objects.filter(summit=keep).values_list("pk", flat=True)) == events
    history = Statement.objects.get(pk=min(statements)).history.first()
    assert history.summit_id == keep.pk and history.history_user == editor
    assert document.history.first().history_change_reason.startswith("summit merged into")
    assert cache.generation() != generation


def test_merging_a_summit_into_itself_changes_nothing(lexicon):
    org = Actor.objects.get(name="Asia-Pacific Economic Cooperation")
    summit = Summit.objects.create(name="s", slug="s", organisation=org, year=2024)
    assert summits_merge(keep=summit, merge=[summit]) == summit
    assert Summit.objects.filter(pk=summit.pk).exists()
