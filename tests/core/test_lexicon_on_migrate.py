"""A database set up with a plain ``migrate`` has the bundled lexicon: ingest works at once."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from coverage import cache
from coverage.lexicon import SEED_PATH
from coverage.models import Actor, ActorAlias, Statement, Term, Topic
from tests.core.conftest import SAMPLE

pytestmark = pytest.mark.django_db

SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))


def _migrate() -> str:
    out = io.StringIO()
    call_command("migrate", verbosity=1, stdout=out)
    return out.getvalue()


def test_a_migrated_database_has_every_seed_actor_topic_and_term():
    names = set(Actor.objects.values_list("name", flat=True))
    assert {a["name"] for a in SEED["actors"]} <= names
    assert {t["name"] for t in SEED["topics"]} <= set(Topic.objects.values_list("name", flat=True))
    assert Term.objects.count() >= 400


def test_ingest_after_plain_migrate_extracts_records_from_the_sample():
    out = io.StringIO()
    call_command("ingest", str(SAMPLE), stdout=out, stderr=io.StringIO())
    assert "no recognisable actor" not in out.getvalue()
    assert Statement.objects.count() >= 5


def test_migrating_again_adds_nothing_and_keeps_editors_changes():
    putin = Actor.objects.get(name="Vladimir Putin")
    putin.title = "Head of state"
    putin.save()
    counts = [m.objects.count() for m in (Actor, ActorAlias, Topic, Term)]
    _migrate()
    assert [m.objects.count() for m in (Actor, ActorAlias, Topic, Term)] == counts
    assert Actor.objects.get(pk=putin.pk).title == "Head of state"


def test_migrate_adds_what_is_missing_but_not_what_editors_deleted_or_renamed():
    Actor.objects.get(name="Narendra Modi").delete()
    xi = Actor.objects.get(name="Xi Jinping")
    xi.name = "Xi Jinping (President)"
    xi.save()
    Topic.objects.get(name=SEED["topics"][0]["name"]).delete()
    Term.objects.filter(kind="speech_verb", text="said").delete()
    generation = cache.generation()
    output = _migrate()
    assert "1 terms added" in output
    assert cache.generation() != generation  # cached pages show the lexicon as it is now
    assert Term.objects.filter(kind="speech_verb", text="said").exists()
    assert not Actor.objects.filter(name__in=["Narendra Modi", "Xi Jinping"]).exists()
    assert not Topic.objects.filter(name=SEED["topics"][0]["name"]).exists()


def test_ingest_into_an_empty_lexicon_stops_and_names_the_fix():
    Actor.objects.all().delete()
    with pytest.raises(CommandError, match="the lexicon is empty: run `manage.py migrate`"):
        call_command("ingest", str(SAMPLE), stdout=io.StringIO(), stderr=io.StringIO())
    assert Statement.objects.count() == 0
