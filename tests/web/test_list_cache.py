"""List pages cache what only an edit can change: row counts, filter choices, the timeline's
density chart. Each is read once per edit generation and is right again after any edit."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _sql(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _counts_rows(sql: str) -> bool:
    """The paginator's count of the list (not a row's number of sources, counted per row)."""
    return sql.startswith("SELECT COUNT(")


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option [^>]*>(.*?)</option>", select)


def test_a_list_counts_its_rows_once_until_an_edit(client):
    xi = f.actor("Xi Jinping")
    for n in range(3):
        f.statement(xi, summary=f"Words {n}")
    assert "3 records" in client.get("/statements/").content.decode()
    # The second view reads the count from the cache: no COUNT(*) at all.
    assert not [sql for sql in _sql(client, "/statements/") if _counts_rows(sql)]
    f.statement(xi, summary="Words 3")
    assert "4 records" in client.get("/statements/").content.decode()


def test_each_filter_has_its_own_count_and_every_sort_shares_it(client):
    xi, modi = f.actor("Xi Jinping"), f.actor("Narendra Modi")
    f.statement(xi, summary="One")
    f.statement(modi, summary="Two")
    f.statement(modi, summary="Three")
    assert "2 records" in client.get(f"/statements/?speaker={modi.pk}").content.decode()
    assert "1 record" in client.get(f"/statements/?speaker={xi.pk}").content.decode()
    sorted_sql = _sql(client, f"/statements/?speaker={modi.pk}&sort=-date")
    assert not [sql for sql in sorted_sql if _counts_rows(sql)]


def test_filter_choices_follow_renamed_and_hidden_actors(client):
    xi, modi = f.actor("Xi Jinping"), f.actor("Narendra Modi")
    f.statement(xi, summary="Words")
    before = _options(client.get("/statements/").content.decode(), "speaker")
    assert before[0] == "Any speaker" and before[1:] == sorted(before[1:])
    assert {"Narendra Modi", "Xi Jinping"} <= set(before)
    modi.review_state = ReviewState.HIDDEN
    modi.save()
    xi.name = "Xi Jinping (renamed)"
    xi.save()
    after = _options(client.get("/statements/").content.decode(), "speaker")
    assert "Xi Jinping (renamed)" in after
    assert "Xi Jinping" not in after and "Narendra Modi" not in after
    assert len(after) == len(before) - 1


def test_the_chosen_option_stays_selected_and_labels_are_escaped(client):
    evil = f.actor('<img src=x onerror="alert(1)"> Evil')
    f.statement(evil, summary="Words")
    html = client.get(f"/statements/?speaker={evil.pk}").content.decode()
    assert f'<option value="{evil.pk}" selected>&lt;img src=x' in html
    assert '<img src=x onerror="alert(1)">' not in html


def test_an_unknown_choice_is_an_invalid_filter_not_an_error(client):
    f.statement(f.actor("Xi Jinping"), summary="Words")
    response = client.get("/statements/?speaker=999999")
    assert response.status_code == 200
    assert "0 records" in response.content.decode()


def test_the_timeline_density_follows_new_events(client):
    f.event("Founding", date=dt.date(2001, 6, 15))
    f.event("Summit", date=dt.date(2025, 9, 1))
    assert "2001: 1; 2025: 1" in client.get("/timeline/").content.decode()
    assert "2001: 1; 2025: 1" in client.get("/timeline/").content.decode()  # from the cache
    f.event("Parade", date=dt.date(2025, 9, 3))
    assert "2001: 1; 2025: 2" in client.get("/timeline/").content.decode()
