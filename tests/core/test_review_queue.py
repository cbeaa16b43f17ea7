"""The review queue: editors verify, hide, skip or correct records one at a time, each beside
its passage, through the same services as the admin (history, edited flag, edit generation)."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage import cache
from coverage.models import (
    Actor,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Statement,
    Topic,
)
from coverage.services import document_ingest, records_set_state
from coverage.sources import SourceText
from tests.core.conftest import article_source

pytestmark = pytest.mark.django_db

QUEUE = "/admin/coverage/review/"
KINDS = {
    "event": Event,
    "statement": Statement,
    "meeting": Meeting,
    "response": Response,
    "membership": Membership,
}


@pytest.fixture
def ingested(lexicon, sample_source):
    return document_ingest(source=sample_source)


def shown(page) -> tuple[str, int]:
    """The kind and id of the record a queue page shows."""
    kind, pk = re.search(r'data-key="(\w+):(\d+)"', page.content.decode()).groups()
    return kind, int(pk)


def record_of(page):
    kind, pk = shown(page)
    return KINDS[kind].objects.get(pk=pk)


def act(client, page, action: str, **fields):
    kind, pk = shown(page)
    trail = re.search(r'name="trail" value="([^"]*)"', page.content.decode()).group(1)
    data = {"action": action, "trail": trail, **fields}
    response = client.post(f"{QUEUE}{kind}/{pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


class _CorrectionForm(HTMLParser):
    """The values a browser would send from the page's correction form, as rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details":
            self._in_form = True
        if not self._in_form or not a.get("name"):
            if tag == "option" and self._select and "selected" in a:
                self.data.setdefault(self._select, []).append(a.get("value", ""))
            return
        if tag == "input":
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(a["name"], []).append(a.get("value", "on"))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data.setdefault(a["name"], []).append("")

    def handle_endtag(self, tag):
        if tag == "details":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def correction_data(page) -> dict[str, list[str]]:
    parser = _CorrectionForm()
    parser.feed(page.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def go_back(client, page):
    link = re.search(r'href="([^"]+)" data-review-key="b"', page.content.decode()).group(1)
    return client.get(link.replace("&amp;", "&"))


def waiting() -> int:
    return sum(m.objects.needing_review().count() for m in KINDS.values())


def test_the_queue_shows_the_first_waiting_record_beside_its_passage_in_its_paragraph(
    client, editor, ingested
):
    page = client.get(QUEUE)
    assert page.status_code == 200
    html = page.content.decode()
    record = record_of(page)
    first = min(
        (m.objects.filter(document=ingested.document) for m in KINDS.values()),
        key=lambda qs: qs.order_by("source_start").first().source_start,
    ).order_by("source_start", "pk")[0]
    assert (type(record), record.pk) == (type(first), first.pk)
    # The passage is marked inside the text around it, with the document's title.
    mark = re.search(r'<mark class="passage[^"]*" id="(\w+-\d+)"[^>]*>([^<]*)</mark>', html)
    assert mark.group(1) == record.anchor
    assert mark.group(2) == record.source_text.replace("&", "&amp;").replace("'", "&#x27;")
    context = re.search(r'<blockquote class="passage-context">(.*?)</blockquote>', html, re.S)
    assert len(re.sub(r"<[^>]+>", "", context.group(1))) > len(record.source_text)
    assert ingested.document.title.split(":")[0] in html
    total = waiting()
    assert f"{total} of {total} left in this document" in html
    # Every action is a plain form post (no script needed).
    for action in ("verify", "hide", "skip"):
        assert f'name="action" value="{action}"' in html
    assert 'name="action" value="correct"' in html


def test_verifying_writes_a_history_row_flags_the_record_edited_and_moves_on(
    client, editor, ingested
):
    page = client.get(QUEUE)
    record = record_of(page)
    generation = cache.generation()

    following = act(client, page, "verify")

    record.refresh_from_db()
    assert (record.review_state, record.edited) == (ReviewState.VERIFIED, True)
    latest = record.history.first()
    assert latest.history_change_reason == "Verified in the review queue"
    assert latest.history_user == editor
    assert cache.generation() != generation
    assert record_of(following) != record
    total = sum(m.objects.count() for m in KINDS.values())
    assert f"{total - 1} of {total} left in this document" in following.content.decode()


def test_hiding_takes_the_record_off_the_public_pages(client, editor, ingested):
    page = client.get(QUEUE + "?kind=statement")
    statement = record_of(page)
    document_page = ingested.document.get_absolute_url()
    assert f'id="{statement.anchor}"' in client.get(document_page).content.decode()

    act(client, page, "hide")

    statement.refresh_from_db()
    assert statement.review_state == ReviewState.HIDDEN and statement.edited
    assert statement.history.first().history_change_reason == "Hidden in the review queue"
    client.logout()
    assert f'id="{statement.anchor}"' not in client.get(document_page).content.decode()


def test_skipping_changes_nothing_and_shows_the_next_record(client, editor, ingested):
    page = client.get(QUEUE)
    record = record_of(page)
    rows = record.history.count()

    following = act(client, page, "skip")

    record.refresh_from_db()
    assert (record.review_state, record.edited, record.history.count()) == (
        ReviewState.UNVERIFIED,
        False,
        rows,
    )
    assert record_of(following) != record
    # The skipped record comes round again after the last one.
    seen = [record_of(following)]
    for _ in range(40):
        following = act(client, following, "skip")
        seen.append(record_of(following))
        if seen[-1] == record:
            break
    assert seen[-1] == record and len(seen) == waiting()


def test_back_returns_to_the_records_acted_on_in_turn(client, editor, ingested):
    first = client.get(QUEUE)
    second = act(client, first, "verify")
    third = act(client, second, "hide")

    back = go_back(client, third)
    assert record_of(back) == record_of(second)
    assert "this record is hidden" in back.content.decode()
    back_again = go_back(client, back)
    assert record_of(back_again) == record_of(first)
    # Acting on a record reached by "back" continues from there: past the hidden second one.
    assert record_of(act(client, back_again, "verify")) == record_of(third)


def test_the_queue_filters_by_document_summit_kind_and_actor(client, editor, ingested, lexicon):
    other = document_ingest(source=article_source("brics-visit.txt"))
    lula = Actor.objects.get(name="Luiz Inacio Lula da Silva")
    lula.aliases.get_or_create(alias="Lula")

    query = f"?document={other.document.pk}&kind=statement&actor=lula"
    page = client.get(QUEUE + query)
    statement = record_of(page)
    assert isinstance(statement, Statement)
    assert statement.document == other.document and statement.speaker == lula
    assert "1 of 1 left in this document" in page.content.decode()
    # Filters survive an action: nothing else matches them.
    done = act(client, page, "verify", document=other.document.pk, kind="statement", actor="lula")
    assert "Nothing left to review" in done.content.decode()

    summit = ingested.document.summit_id
    membership = record_of(client.get(f"{QUEUE}?summit={summit}&kind=membership"))
    assert isinstance(membership, Membership) and membership.summit_id == summit
    page = client.get(f"{QUEUE}?summit={other.document.summit_id}")
    assert record_of(page).document == other.document


def test_records_whose_passage_changed_come_back_to_the_queue(client, editor, lexicon):
    first = article_source("brics-visit.txt")
    document_ingest(source=first)
    records_set_state(queryset=Statement.objects.all(), state=ReviewState.VERIFIED)
    for model in (Event, Meeting, Response, Membership):
        records_set_state(queryset=model.objects.all(), state=ReviewState.VERIFIED)
    assert "Nothing left to review" in client.get(QUEUE).content.decode()
    lost = Statement.objects.get(summary__icontains="reform of the International Monetary Fund")
    changed = first.text.replace(first.text[lost.source_start : lost.source_end], "")
    document_ingest(source=SourceText(text=changed, filename=first.filename, format="text"))

    page = client.get(QUEUE)
    assert record_of(page) == lost
    html = page.content.decode()
    assert "its passage changed" in html and 'value="verify"' not in html
    kind, pk = shown(page)
    refused = client.post(f"{QUEUE}{kind}/{pk}/", {"action": "verify", "trail": ""})
    assert "lost its passage" in refused.content.decode()  # it would vouch for lost words
    lost.refresh_from_db()
    assert lost.review_state == ReviewState.NEEDS_REVIEW
    act(client, client.get(QUEUE), "hide")
    lost.refresh_from_db()
    assert lost.review_state == ReviewState.HIDDEN
    assert "Nothing left to review" in client.get(QUEUE).content.decode()


def test_correcting_a_statement_saves_every_field_in_one_history_row_and_verifies_it(
    client, editor, ingested
):
    page = client.get(QUEUE + "?kind=statement")
    statement = record_of(page)
    topics = list(Topic.objects.order_by("pk")[:2])
    rows = statement.history.count()
    actors = Actor.objects.count()

    following = act(
        client,
        page,
        "correct",
        kind="statement",
        speaker="president putin",  # an alias, in any case
        stance="opposes",
        topics=[t.pk for t in topics],
        date="2025-09-01",
        date_precision="month",
        summary="A corrected summary",
        quote="",
    )

    statement.refresh_from_db()
    assert statement.speaker.name == "Vladimir Putin"
    assert (statement.stance, statement.summary, statement.date_precision) == (
        "opposes",
        "A corrected summary",
        "month",
    )
    assert set(statement.topics.all()) == set(topics)
    assert (statement.review_state, statement.edited) == (ReviewState.VERIFIED, True)
    assert Actor.objects.count() == actors  # the words typed are not taken for new actors
    assert statement.history.count() == rows + 1
    latest = statement.history.first()
    assert latest.history_change_reason == "Corrected in the review queue"
    assert {t.topic_id for t in latest.topics.all()} == {t.pk for t in topics}
    assert record_of(following) != statement
    # Readers see the correction.
    client.logout()
    public = client.get(f"/statements/?speaker={statement.speaker_id}").content.decode()
    assert "A corrected summary" in public


def test_an_unknown_name_is_an_error_unless_the_editor_adds_it_as_a_new_actor(
    client, editor, ingested
):
    page = client.get(QUEUE + "?kind=response")
    response_record = record_of(page)
    kind, pk = shown(page)
    data = {
        "action": "correct",
        "kind": "response",
        "responder": "Ministry of Foreign Affairs of Ruritania",
        "stance": "rejects",
        "date_precision": "day",
        "summary": "Rejected it.",
    }
    refused = client.post(f"{QUEUE}{kind}/{pk}/", data)
    assert refused.status_code == 400
    assert "No actor or alias is called" in refused.content.decode()
    assert " open>" in refused.content.decode() or "open\n" in refused.content.decode()
    assert not Actor.objects.filter(name__icontains="Ruritania").exists()

    accepted = client.post(f"{QUEUE}{kind}/{pk}/", {**data, "new_actors": "on"})
    assert accepted.status_code == 302
    response_record.refresh_from_db()
    assert response_record.responder.name == "Ministry of Foreign Affairs of Ruritania"
    assert response_record.responder.edited and response_record.stance == "rejects"


def test_correcting_a_meeting_replaces_its_participants(client, editor, ingested):
    page = client.get(QUEUE + "?kind=meeting")
    meeting = record_of(page)
    act(
        client,
        page,
        "correct",
        kind="meeting",
        participants=["Xi Jinping", "Narendra Modi", ""],
        date_precision="day",
        summary="Xi met Modi.",
    )
    meeting.refresh_from_db()
    assert {a.name for a in meeting.participants.all()} == {"Xi Jinping", "Narendra Modi"}
    assert meeting.history.first().history_change_reason == "Corrected in the review queue"


def test_a_reingest_keeps_what_the_queue_changed(client, editor, ingested, sample_source):
    page = client.get(QUEUE + "?kind=statement")
    corrected = record_of(page)
    page = act(
        client,
        page,
        "correct",
        kind="statement",
        speaker=corrected.speaker.name,
        stance="calls_for",
        date_precision=corrected.date_precision,
        summary="Editor's words",
    )
    hidden = record_of(page)
    act(client, page, "hide", kind="statement")

    document_ingest(source=sample_source)

    corrected.refresh_from_db()
    hidden.refresh_from_db()
    assert (corrected.summary, corrected.stance) == ("Editor's words", "calls_for")
    assert hidden.review_state == ReviewState.HIDDEN


def test_an_unknown_actor_in_the_filter_is_said_so(client, editor, ingested):
    page = client.get(QUEUE + "?actor=Nobody+Atall")
    assert "No actor or alias is called “Nobody Atall”" in page.content.decode()


def test_the_admin_home_page_links_to_the_queue(client, editor):
    assert f'href="{QUEUE}"' in client.get("/admin/").content.decode()


def test_the_counter_and_an_empty_queue(client, editor, ingested):
    total = waiting()
    statements = Statement.objects.count()
    records_set_state(queryset=Statement.objects.all(), state=ReviewState.VERIFIED)
    page = client.get(QUEUE)
    assert f"{total - statements} of {total} left in this document" in page.content.decode()
    for model in (Event, Meeting, Response, Membership):
        records_set_state(queryset=model.objects.all(), state=ReviewState.VERIFIED)
    done = client.get(QUEUE)
    assert done.status_code == 200 and "Nothing left to review" in done.content.decode()


def test_the_queue_needs_an_editor_with_change_permission(client, ingested):
    assert urlparse(client.get(QUEUE)["Location"]).path == "/admin/login/"
    staff = User.objects.create_user("staff", password="pw-not-used", is_staff=True)
    client.force_login(staff)
    assert client.get(QUEUE).status_code == 403
    statement = Statement.objects.first()
    assert client.post(f"{QUEUE}statement/{statement.pk}/", {"action": "verify"}).status_code == 403
    # Allowed to change statements only: the queue offers statements only.
    staff.user_permissions.add(Permission.objects.get(codename="change_statement"))
    staff = User.objects.get(pk=staff.pk)
    client.force_login(staff)
    page = client.get(QUEUE)
    assert shown(page)[0] == "statement"
    event = Event.objects.first()
    assert client.post(f"{QUEUE}event/{event.pk}/", {"action": "verify"}).status_code == 403
    event.refresh_from_db()
    assert event.review_state == ReviewState.UNVERIFIED


def test_actions_redirect_within_the_queue_keeping_the_filters(client, editor, ingested):
    page = client.get(QUEUE + "?kind=event")
    kind, pk = shown(page)
    response = client.post(f"{QUEUE}{kind}/{pk}/", {"action": "skip", "kind": "event"})
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["kind"] == ["event"] and query["after"] == [f"event:{pk}"]
    assert waiting() == sum(m.objects.count() for m in KINDS.values())


@pytest.mark.parametrize("kind", ["statement", "response", "meeting", "event", "membership"])
def test_a_correction_sent_back_unchanged_but_one_field_changes_only_that_field(
    client, editor, ingested, kind
):
    page = client.get(f"{QUEUE}?kind={kind}")
    record = record_of(page)
    model = type(record)
    fields = [f.attname for f in model._meta.concrete_fields]
    ignored = {"review_state", "edited", "updated_at"}
    before = {f: getattr(record, f) for f in fields if f not in ignored}
    m2m = {f.name: set(getattr(record, f.name).all()) for f in model._meta.many_to_many}
    data = correction_data(page)
    assert data, "no correction form on the page"
    if kind != "membership":
        # A browser keeps a date box's value only in ISO form (it would send it back empty).
        assert data["date"] == [record.date.isoformat()]
    changed = "year_joined" if kind == "membership" else "location" if kind == "meeting" else None
    changed = changed or ("title" if kind == "event" else "summary")
    data[changed] = ["1999"] if changed == "year_joined" else ["Changed by the test"]
    actors = Actor.objects.count()
    response = client.post(f"{QUEUE}{kind}/{record.pk}/", {**data, "action": "correct"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Actor.objects.count() == actors

    record.refresh_from_db()
    after = {f: getattr(record, f) for f in fields if f not in ignored}
    assert {k: v for k, v in after.items() if before[k] != v} == {
        changed: 1999 if changed == "year_joined" else "Changed by the test"
    }
    assert {f.name: set(getattr(record, f.name).all()) for f in model._meta.many_to_many} == m2m
    assert record.review_state == ReviewState.VERIFIED and record.edited


def test_the_queue_page_costs_the_same_queries_whatever_the_number_of_records(
    client, editor, lexicon, sample_source
):
    document_ingest(source=article_source("brics-visit.txt"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    document_ingest(source=sample_source)
    with CaptureQueriesContext(connection) as many:
        assert client.get(QUEUE + "?document=").status_code == 200
    assert len(many) == len(few) <= 25
