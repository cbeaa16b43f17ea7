"""Two names for one actor merged in one action: records, memberships and aliases move, the
merged name becomes an alias, and later ingests use it."""

from __future__ import annotations

import pytest

from coverage import cache
from coverage.models import Actor, ActorAlias, Meeting, Membership, Statement, Summit
from coverage.services import actors_merge, document_ingest, records_delete
from coverage.sources import SourceText

# Invented reports naming one (invented) minister two ways.
FIRST_NAME = """Ministers meet

BRASILIA, March 3 (Wire) – Brazilian Foreign Minister Tomas Varela said on Monday that the \
bloc "will not accept new tariffs".

Varela met Russian President Vladimir Putin on 3 March 2025."""

SECOND_NAME = """Ministers meet again

BRASILIA, March 4 (Wire) – Brazilian Foreign Minister Tomás Varela Neto said the bloc \
"must defend open trade"."""

FIRST_NAME_AGAIN = """Ministers meet once more

BRASILIA, March 9 (Wire) – Brazilian Foreign Minister Tomas Varela said on Sunday that \
talks "went well"."""


def ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=f"{name}.txt", format="text"))


@pytest.fixture
def two_names(lexicon):
    ingest(FIRST_NAME, "first")
    ingest(SECOND_NAME, "second")
    return Actor.objects.get(name="Tomas Varela"), Actor.objects.get(name="Tomás Varela Neto")


def test_after_a_merge_one_actor_holds_every_record_and_later_ingests_use_it(two_names):
    short, full = two_names
    assert Statement.objects.filter(speaker=short).exists()
    actors_merge(keep=full, merge=[short])
    result = ingest(FIRST_NAME_AGAIN, "again")
    assert result.added["actors"] == 0
    assert not Actor.objects.filter(name="Tomas Varela").exists()
    assert {s.speaker for s in Statement.objects.all() if "Varela" in s.source_text} == {full}
    assert Statement.objects.filter(speaker=full).count() == 3
    meeting = Meeting.objects.get()
    assert set(meeting.participants.values_list("name", flat=True)) == {
        "Tomás Varela Neto",
        "Vladimir Putin",
    }
    aliases = {a.lower() for a in full.aliases.values_list("alias", flat=True)}
    assert {"tomas varela", "varela", "foreign minister varela", "neto"} <= aliases


def test_re_ingesting_a_document_after_a_merge_keeps_its_records(two_names):
    short, full = two_names
    before = set(Statement.objects.values_list("pk", flat=True))
    actors_merge(keep=full, merge=[short])
    ingest(FIRST_NAME, "first")
    assert set(Statement.objects.values_list("pk", flat=True)) == before
    assert Statement.objects.filter(speaker=full).count() == 2


def test_a_merge_writes_history_and_bumps_the_edit_generation(two_names, django_user_model):
    short, full = two_names
    editor = django_user_model.objects.create_user("editor", password="x")
    statement = Statement.objects.get(speaker=short)
    generation = cache.generation()
    actors_merge(keep=full, merge=[short], user=editor)
    assert cache.generation() != generation
    newest = statement.history.first()
    assert newest.speaker_id == full.pk
    assert newest.history_user == editor
    assert "merged into Tomás Varela Neto" in newest.history_change_reason
    assert full.history.first().history_change_reason == "merged Tomas Varela"


def test_memberships_and_summits_follow_the_survivor_without_repeating(lexicon):
    org = Actor.objects.create(name="Invented Bloc", slug="invented-bloc", kind="organisation")
    twin = Actor.objects.create(
        name="The Invented Bloc", slug="the-invented-bloc", kind="organisation"
    )
    state = Actor.objects.get(name="Brazil")
    kept = Membership.objects.create(organisation=org, member=state)
    Membership.objects.create(organisation=twin, member=state)
    Membership.objects.create(organisation=twin, member=org)  # would be the bloc in itself
    ours = Summit.objects.create(name="a", slug="a", organisation=org, year=2025, host_city="Lima")
    theirs = Summit.objects.create(
        name="b", slug="b", organisation=twin, year=2025, host_city="lima"
    )
    other = Summit.objects.create(name="c", slug="c", organisation=twin, year=2024)
    actors_merge(keep=org, merge=[twin])
    assert list(Membership.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Summit.objects.filter(pk=theirs.pk).exists()
    assert set(org.summits.all()) == {ours, other}
    assert ActorAlias.objects.get(alias="The Invented Bloc").actor == org


def test_a_deleted_record_stays_deleted_under_the_survivor(two_names):
    short, full = two_names
    records_delete(queryset=Statement.objects.filter(speaker=short))
    actors_merge(keep=full, merge=[short])
    ingest(FIRST_NAME, "first")
    assert not Statement.objects.filter(document__filename="first.txt").exists()
