"""Anonymous readers never get a hidden record, nor a hidden actor, through any URL or download.

Each hidden thing carries a marker word found nowhere else (not even in a document's text, which
is public), and every public URL and download is searched for those markers.
"""

import io
import json
import zipfile

import pytest

from coverage.models import Actor, Document, ReviewState, Statement, Summit, Topic
from tests.web import factories as f

pytestmark = pytest.mark.django_db

HIDDEN_TEXT = "Zanzibarquux hidden remark"
HIDDEN_QUOTE = "zanzibarquux hidden quote"
HIDDEN_ACTOR = "Zanzibarquux Ghost"
BY_HIDDEN_ACTOR = "Zanzibarquux words of a hidden speaker"
MARKER = "zanzibarquux"
SECRETS = (HIDDEN_TEXT, HIDDEN_QUOTE, HIDDEN_ACTOR, BY_HIDDEN_ACTOR)


def _leaks(text: str) -> list[str]:
    """The hidden phrases in a page (the marker alone may be the reader's own query)."""
    text = text.lower()
    return [secret for secret in SECRETS if secret.lower() in text]


@pytest.fixture
def data():
    f.rows(3)
    summit = Summit.objects.first()
    security = Topic.objects.get(name="Security")
    visible = Actor.objects.filter(statements__isnull=False).order_by("pk").first()
    doc = f.document("A public article with nothing secret in it.", summit=summit)
    f.statement(
        visible,
        doc=doc,
        words="nothing secret",
        summary=HIDDEN_TEXT,
        quote=HIDDEN_QUOTE,
        topics=[security],
        summit=summit,
        review_state=ReviewState.HIDDEN,
    )
    ghost = f.actor(HIDDEN_ACTOR, review_state=ReviewState.HIDDEN, bloc="western")
    f.statement(ghost, summary=BY_HIDDEN_ACTOR, topics=[security], summit=summit)
    f.response(ghost, summary=BY_HIDDEN_ACTOR, topics=[security], summit=summit)
    f.response(
        summary=HIDDEN_TEXT, topics=[security], summit=summit, review_state=ReviewState.HIDDEN
    )
    f.meeting([visible, ghost], summary="A public meeting", summit=summit)
    f.meeting(summary=HIDDEN_TEXT, summit=summit, review_state=ReviewState.HIDDEN)
    f.event("A public event", participants=[visible, ghost], summit=summit)
    f.event(HIDDEN_TEXT, summit=summit, review_state=ReviewState.HIDDEN)
    org = Actor.objects.get(slug="sco")
    f.membership(org, ghost, summit=summit)
    return {"summit": summit, "visible": visible, "ghost": ghost, "doc": doc, "topic": security}


def _text(response) -> str:
    if response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    ):
        with zipfile.ZipFile(io.BytesIO(response.getvalue())) as book:
            return " ".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return response.getvalue().decode()  # downloads stream: no .content


def _public_urls(data) -> list[str]:
    urls = [
        "/",
        f"/?summit={data['summit'].slug}",
        "/timeline/",
        "/positions/",
        data["topic"].get_absolute_url(),
        "/actors/",
        data["visible"].get_absolute_url(),
        "/documents/",
        data["doc"].get_absolute_url(),
        "/timeline.json",
        "/feed/",
        f"/feed/summit/{data['summit'].slug}/",
        f"/feed/actor/{data['visible'].slug}/",
        f"/feed/topic/{data['topic'].slug}/",
        "/actors/?all=1",
    ]
    for table in ("statements", "responses", "meetings", "events"):
        urls.append(f"/{table}/")
        urls.append(f"/{table}/?q={MARKER}")
        urls += [f"/{table}/?_export={fmt}" for fmt in ("csv", "json", "xlsx")]
    urls += [f"/search/?q={q}" for q in (MARKER, "hidden", "Ghost", "remark")]
    urls += [document.get_absolute_url() for document in Document.objects.all()]
    return urls


def test_no_public_page_or_download_shows_a_hidden_record_or_actor(client, data):
    leaks = []
    for url in _public_urls(data):
        response = client.get(url)
        assert response.status_code == 200, url
        leaks += [f"{url}: {secret}" for secret in _leaks(_text(response))]
    assert not leaks, f"hidden content in: {leaks}"


def test_the_whole_dataset_export_has_no_hidden_record(client, data):
    text = client.get("/export.json").getvalue().decode()
    for hidden in (HIDDEN_TEXT, HIDDEN_QUOTE):
        assert hidden not in text
    assert json.loads(text)["statements"]


def test_the_whole_dataset_export_has_no_hidden_actor(client, data):
    text = client.get("/export.json").getvalue().decode()
    assert not _leaks(text)


def test_a_hidden_actor_has_no_page_and_cannot_be_filtered_on(client, data):
    ghost = data["ghost"]
    assert client.get(ghost.get_absolute_url()).status_code == 404
    for url in (f"/statements/?speaker={ghost.pk}", f"/responses/?responder={ghost.pk}"):
        assert not _leaks(client.get(url).content.decode())
    assert client.get(f"/feed/actor/{ghost.slug}/").status_code == 404


def test_the_hidden_records_exist_for_editors(data):
    """The fixture really did store what the tests above look for."""
    assert Statement.objects.filter(summary=HIDDEN_TEXT).exists()
    assert Statement.objects.filter(summary=BY_HIDDEN_ACTOR).exists()
