"""/actors/ opens on the most covered actors, with their number of public records; filters by
kind, bloc, name or alias; and lists the lexicon's actors no record names only when asked."""

import re

import pytest

from coverage.models import Actor, ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def _count_of(html: str, name: str) -> str:
    card = html[html.index(f">{name}</a>") :]
    return re.search(r'<p class="card__count">([^<]+)</p>', card).group(1)


@pytest.fixture
def coverage_data():
    xi, putin, modi = f.actor("Xi Jinping"), f.actor("Vladimir Putin"), f.actor("Narendra Modi")
    usa = f.actor("United States", kind=Actor.Kind.STATE, bloc="western")
    for i in range(4):
        f.statement(xi, summary=f"Xi remark {i}")
    f.statement(putin, summary="Putin remark")
    f.meeting([xi, putin], summary="Xi and Putin meet")
    f.event("Summit opens", participants=[putin, modi])
    f.response(usa, summary="Washington responds")
    f.statement(modi, summary="Hidden remark", review_state=ReviewState.HIDDEN)
    f.statement(modi, summary="Another hidden remark", review_state=ReviewState.HIDDEN)
    return {"xi": xi, "putin": putin, "modi": modi, "usa": usa}


def test_actors_open_on_the_most_covered_with_their_public_record_counts(client, coverage_data):
    html = client.get("/actors/").content.decode()
    assert _names(html) == ["Xi Jinping", "Vladimir Putin", "Narendra Modi", "United States"]
    assert _count_of(html, "Xi Jinping") == "5 records"  # four statements, one meeting
    assert _count_of(html, "Vladimir Putin") == "3 records"
    assert _count_of(html, "Narendra Modi") == "1 record"  # hidden statements not counted
    assert "4 actors" in html


def test_lexicon_actors_with_no_record_are_listed_only_when_asked(client, coverage_data):
    assert Actor.objects.filter(name="Joe Biden").exists()  # in the lexicon
    assert "Joe Biden" not in client.get("/actors/", {"q": "Biden"}).content.decode()
    html = client.get("/actors/", {"all": "1"}).content.decode()
    names = _names(html)
    assert names[:4] == ["Xi Jinping", "Vladimir Putin", "Narendra Modi", "United States"]
    assert names[4:] == sorted(names[4:])  # the rest by name
    assert f"{Actor.objects.public().count()} actors" in html
    html = client.get("/actors/", {"all": "1", "q": "Biden"}).content.decode()
    assert _names(html) == ["Joe Biden"] and _count_of(html, "Joe Biden") == "0 records"


def test_actors_filter_by_kind_and_bloc(client, coverage_data):
    assert _names(client.get("/actors/", {"kind": "state"}).content.decode()) == ["United States"]
    assert _names(client.get("/actors/", {"bloc": "western"}).content.decode()) == ["United States"]
    assert (
        _names(client.get("/actors/", {"bloc": "western", "kind": "person"}).content.decode()) == []
    )


def test_actors_are_found_by_name_or_alias(client, coverage_data):
    coverage_data["putin"].aliases.get_or_create(alias="President Putin")
    assert _names(client.get("/actors/", {"q": "president putin"}).content.decode()) == [
        "Vladimir Putin"
    ]
    assert _names(client.get("/actors/", {"q": "Jinping"}).content.decode()) == ["Xi Jinping"]


def test_an_edit_changes_the_order_at_once(client, coverage_data):
    client.get("/actors/")
    for i in range(5):
        f.statement(coverage_data["usa"], summary=f"Washington remark {i}")
    assert _names(client.get("/actors/").content.decode())[0] == "United States"


def test_the_filters_keep_their_values(client, coverage_data):
    html = client.get("/actors/", {"kind": "state", "bloc": "western", "all": "1"}).content.decode()
    assert '<option value="state" selected>' in html
    assert '<option value="western" selected>' in html
    assert 'name="all" value="1" checked' in html
