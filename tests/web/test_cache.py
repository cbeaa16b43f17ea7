"""The dashboard, the positions table and the topic boards are cached; any edit shows on the
next page view, for readers (whole pages cached) and for logged-in editors (who get live pages
built from cached parts)."""

import pytest
from django.db import transaction
from django.db.models import F

from coverage import cache as coverage_cache
from coverage.models import Actor, CacheGeneration, ReviewState, Statement
from coverage.services import records_set_state
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    sco = f.actor("Shanghai Cooperation Organisation", kind=Actor.Kind.ORGANISATION)
    summit = f.summit("SCO summit 2025, Tianjin", organisation=sco)
    security = f.topic("Security")
    xi = f.actor("Xi Jinping")
    statement = f.statement(
        xi, summary="Security is indivisible.", topics=[security], summit=summit, stance="supports"
    )
    return {"summit": summit, "security": security, "xi": xi, "statement": statement}


@pytest.fixture(params=["reader", "editor"])
def client(request, client, django_user_model):
    if request.param == "editor":
        client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    return client


TOPIC = "/positions/security/"


def _pages(client):
    return {url: client.get(url).content.decode() for url in ("/", "/positions/", TOPIC)}


def _warm(client):
    """Render both pages twice: the second time comes from the cache."""
    _pages(client)
    pages = _pages(client)
    assert "Xi Jinping" in pages["/"] and "Xi Jinping" in pages["/positions/"]
    assert "Security is indivisible." in pages[TOPIC]
    return pages


def test_a_cached_page_is_served_again_until_something_changes(client, record):
    first = _warm(client)
    assert _pages(client) == first


def test_saving_a_record_shows_at_once(client, record):
    _warm(client)
    statement = record["statement"]
    statement.stance = "opposes"
    statement.quote = "A freshly edited quote"
    statement.save()
    pages = _pages(client)
    assert "A freshly edited quote" in pages["/"] and "A freshly edited quote" in pages[TOPIC]
    assert "stance=opposes" in pages["/positions/"]
    assert "stance=supports" not in pages["/positions/"]


def test_hiding_a_record_by_saving_shows_at_once(client, record):
    _warm(client)
    record["statement"].review_state = ReviewState.HIDDEN
    record["statement"].save()
    pages = _pages(client)
    assert "Security is indivisible." not in pages["/"]
    assert "Xi Jinping" not in pages["/positions/"]
    assert "Security is indivisible." not in pages[TOPIC]


def test_deleting_a_record_shows_at_once(client, record):
    _warm(client)
    record["statement"].delete()
    pages = _pages(client)
    assert "Security is indivisible." not in pages["/"]
    assert "Xi Jinping" not in pages["/positions/"]
    assert "Security is indivisible." not in pages[TOPIC]


def test_changing_topics_shows_at_once(client, record):
    _warm(client)
    trade = f.topic("Trade")
    record["statement"].topics.set([trade])
    pages = _pages(client)
    assert "/positions/trade/" in pages["/positions/"]
    assert "/positions/security/" not in pages["/positions/"]


def test_renaming_an_actor_or_a_summit_shows_at_once(client, record):
    _warm(client)
    Actor.objects.filter(pk=record["xi"].pk).first().save()  # a save with no change is fine
    xi = record["xi"]
    xi.name = "Xi Jinping (renamed)"
    xi.save()
    summit = record["summit"]
    summit.name = "SCO summit 2025 (renamed)"
    summit.save()
    pages = _pages(client)
    assert "Xi Jinping (renamed)" in pages["/"] and "Xi Jinping (renamed)" in pages["/positions/"]
    assert "SCO summit 2025 (renamed)" in pages["/"]
    assert "Xi Jinping (renamed)" in pages[TOPIC]


def test_a_new_record_shows_at_once(client, record):
    _warm(client)
    f.statement(f.actor("Narendra Modi"), summary="New words", summit=record["summit"])
    assert "New words" in _pages(client)["/"]


def test_a_bulk_update_shows_once_the_cache_is_bumped(client, record):
    """queryset.update() sends no signal: code that uses it calls coverage.cache.bump()."""
    _warm(client)
    Statement.objects.filter(pk=record["statement"].pk).update(review_state=ReviewState.HIDDEN)
    coverage_cache.bump()
    pages = _pages(client)
    assert "Security is indivisible." not in pages["/"]
    assert "Xi Jinping" not in pages["/positions/"]
    assert "Security is indivisible." not in pages[TOPIC]


def test_admin_bulk_hide_shows_at_once(client, record):
    _warm(client)
    records_set_state(
        queryset=Statement.objects.filter(pk=record["statement"].pk), state=ReviewState.HIDDEN
    )
    pages = _pages(client)
    assert "Security is indivisible." not in pages["/"]
    assert "Xi Jinping" not in pages["/positions/"]
    assert "Security is indivisible." not in pages[TOPIC]


def test_the_generation_changes_in_the_edits_own_transaction(record):
    before = coverage_cache.generation()
    with transaction.atomic():
        record["statement"].save()
        assert coverage_cache.generation() != before


def test_a_rolled_back_edit_leaves_the_generation_alone(record):
    before = coverage_cache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        record["statement"].save()
        raise RuntimeError("the edit fails")
    assert coverage_cache.generation() == before


def test_an_edit_by_another_process_shows_at_once(client, record):
    """Another process (an ingest run, a second worker) shares the database, not the cache:
    the generation lives in the database, so its edits invalidate this process's pages."""
    _warm(client)
    Statement.objects.filter(pk=record["statement"].pk).update(summary="Changed elsewhere")
    CacheGeneration.objects.update(value=F("value") + 1)  # what its bump() wrote
    assert "Changed elsewhere" in _pages(client)["/"]


def test_pages_work_when_the_generation_row_is_gone(client, record):
    _warm(client)
    CacheGeneration.objects.all().delete()  # a flushed database
    record["statement"].summary = "Edited after the flush"
    record["statement"].save()
    assert "Edited after the flush" in _pages(client)["/"]


class _BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache server down")

        return fail


def test_pages_and_edits_work_while_the_cache_server_is_down(client, record, monkeypatch):
    monkeypatch.setattr(coverage_cache, "cache", _BrokenCache())
    record["statement"].summary = "Edited during the outage"
    record["statement"].save()  # the signal's bump must not break the edit
    pages = _pages(client)
    assert "Edited during the outage" in pages["/"]
    assert "Xi Jinping" in pages["/positions/"] and "Xi Jinping" in pages[TOPIC]
