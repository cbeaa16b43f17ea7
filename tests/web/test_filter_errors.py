"""A filter value that does not validate is shown as an error next to its field."""

import re

import pytest

from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _described_by(html: str, name: str) -> list[str]:
    (tag,) = re.findall(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', html)
    return re.search(r'aria-describedby="([^"]*)"', tag).group(1).split()


@pytest.mark.parametrize(
    "url", ["/statements/", "/responses/", "/meetings/", "/events/", "/timeline/"]
)
def test_a_bad_date_shows_its_error_next_to_the_field(client, url):
    f.rows(2)
    html = client.get(url, {"date_from": "2025-13-45"}).content.decode()
    assert "Some filters could not be applied" in html
    (ids,) = [_described_by(html, "date_from")]
    for element_id in ids:  # every id the field points at exists, and says what is wrong
        match = re.search(rf'<ul class="errorlist" id="{element_id}">(.*?)</ul>', html)
        assert match is not None, element_id
        assert "Enter a valid date." in match.group(1)
    assert ids == ["id_date_from_error"]


def test_an_unknown_choice_shows_its_error_next_to_the_field(client):
    f.rows(2)
    html = client.get("/statements/", {"stance": "furious"}).content.decode()
    assert 'aria-describedby="id_stance_error"' in html
    assert re.search(r'<ul class="errorlist" id="id_stance_error"><li>Select a valid choice', html)


def test_valid_filters_show_no_error(client):
    f.rows(2)
    html = client.get("/statements/", {"date_from": "2025-01-01"}).content.decode()
    assert "errorlist" not in html and "aria-describedby" not in html
    assert "Some filters could not be applied" not in html
