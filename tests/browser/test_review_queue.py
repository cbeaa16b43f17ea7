"""An editor reviews an ingested article in the review queue with the keyboard alone: 20
records verified, corrected and hidden in a row; history, edited flags and the public pages
checked afterwards. Actions and seconds per record are measured against the old path (the
admin change form), and printed (run with -s)."""

import time

import pytest
from django.contrib.auth.models import Permission, User

from coverage.lexicon import lexicon_seed
from coverage.models import Event, Meeting, Membership, Response, ReviewState, Statement
from coverage.services import document_ingest
from coverage.sources import SourceText
from tests.browser.helpers import (
    PageWatch,
    csp_violations,
    listen_for_csp,
    log_in,
    serious_axe_violations,
)
from tests.core.conftest import SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"
MODELS = {
    "event": Event,
    "statement": Statement,
    "meeting": Meeting,
    "response": Response,
    "membership": Membership,
}
# The field a correction changes, per kind (a text box or text area reachable with Tab).
CORRECTED_FIELD = {"event": "title", "membership": "year_joined"}
RECORDS = 20


def _ingest_sample():
    lexicon_seed()
    text = SAMPLE.read_text(encoding="utf-8")
    return document_ingest(source=SourceText(text=text, filename=SAMPLE.name, format="text"))


def _log_in(page, live_server):
    # The permissions the Editors group has on records (a flushed test database has lost the
    # group its migration made, not the permissions).
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="coverage",
            codename__in=[f"{p}_{m}" for p in ("view", "change") for m in MODELS],
        )
    )
    log_in(page, live_server.url, "editor", PASSWORD)
    return user


def _focused(page, what: str = "el => el.name || el.id") -> str:
    return page.evaluate(f"({what})(document.activeElement)")


class Keys:
    """The editor's key presses, counted as actions (typing a value counts as one)."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def press(self, key: str) -> None:
        self.actions += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.actions += 1
        self.page.keyboard.type(text)

    def tab_to(self, test: str) -> None:
        for _ in range(60):
            self.press("Tab")
            if self.page.evaluate(f"(el => {test})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {test}")


def test_an_editor_reviews_twenty_records_of_an_article_with_the_keyboard_alone(
    live_server, browser, screenshots
):
    document = _ingest_sample().document
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watch = PageWatch(page)
    listen_for_csp(page)
    editor = _log_in(page, live_server)
    watch.problems.clear()  # the admin's login page asks for a /favicon.ico it has not got
    page.goto(f"{live_server.url}/admin/coverage/review/?document={document.pk}")
    page.screenshot(path=str(screenshots / "review-queue.png"), full_page=True)
    failures = [f"queue: {v}" for v in serious_axe_violations(page)]
    keys = Keys(page)
    done: dict[str, list] = {"verify": [], "correct": [], "hide": []}
    seconds: dict[str, float] = {"verify": 0.0, "correct": 0.0, "hide": 0.0}
    actions: dict[str, int] = {"verify": 0, "correct": 0, "hide": 0}

    dates = {
        (kind, pk): date
        for kind, model in MODELS.items()
        if kind != "membership"
        for pk, date in model.objects.values_list("pk", "date")
    }
    started = time.perf_counter()
    for i in range(RECORDS):
        section = page.locator("[data-review]")
        kind, pk = section.get_attribute("data-key").split(":")
        # The page starts on the record: its heading has focus.
        assert _focused(page) == "review-heading", i
        action = "correct" if i % 4 == 1 else "hide" if i % 4 == 3 else "verify"
        before, pressed = time.perf_counter(), keys.actions
        if action == "correct":
            keys.press("c")
            assert page.locator("details.review-correct").get_attribute("open") is not None
            assert _focused(page, "el => el.closest('details') ? 'in form' : ''") == "in form"
            if i == 1:
                page.screenshot(path=str(screenshots / "review-correct.png"), full_page=True)
                failures += [f"correction: {v}" for v in serious_axe_violations(page)]
            field = CORRECTED_FIELD.get(kind, "summary")
            keys.tab_to(f"el.name === '{field}'")
            keys.press("Control+A")
            keys.type("2001" if field == "year_joined" else f"Queuecheck{kind}{pk} corrected")
            with page.expect_navigation():
                keys.press("Control+Enter")
        else:
            with page.expect_navigation():
                keys.press(action[0])
        seconds[action] += time.perf_counter() - before
        actions[action] += keys.actions - pressed
        done[action].append((kind, int(pk)))
        assert page.locator("[data-review]").get_attribute("data-key") != f"{kind}:{pk}"
    elapsed = time.perf_counter() - started
    total_actions = keys.actions

    # Back (b) shows the last record acted on, hidden, with focus on it again.
    with page.expect_navigation():
        page.keyboard.press("b")
    kind, pk = done["hide"][-1]
    assert page.locator("[data-review]").get_attribute("data-key") == f"{kind}:{pk}"
    assert _focused(page) == "review-heading"
    # A key typed into a field is text, not a command.
    page.keyboard.press("c")
    page.keyboard.type("vhs")
    assert page.locator("[data-review]").get_attribute("data-key") == f"{kind}:{pk}"
    page.keyboard.press("Escape")
    assert _focused(page, "el => el.tagName") == "SUMMARY"
    # Focus is visible on the controls reached with Tab.
    keys.tab_to("el.value === 'verify'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    failures += [f"CSP {v}" for v in csp_violations(page)] + watch.problems
    context.close()

    # Every action went through the services: state, edited flag, history with reason and user.
    reasons = {
        "verify": "Verified in the review queue",
        "correct": "Corrected in the review queue",
        "hide": "Hidden in the review queue",
    }
    states = {"verify": "verified", "correct": "verified", "hide": "hidden"}
    for action, records in done.items():
        for kind, pk in records:
            record = MODELS[kind].objects.get(pk=pk)
            assert (record.review_state, record.edited) == (states[action], True), (kind, pk)
            latest = record.history.first()
            assert latest.history_change_reason == reasons[action]
            assert latest.history_user_id == editor.pk
            if action == "correct":
                field = CORRECTED_FIELD.get(kind, "summary")
                expected = 2001 if field == "year_joined" else f"Queuecheck{kind}{pk} corrected"
                assert getattr(record, field) == expected
                # What the editor did not touch stays as it was.
                assert getattr(record, "date", None) == dates.get((kind, pk))
    assert len(done["verify"]) + len(done["correct"]) + len(done["hide"]) == RECORDS

    # Readers (no session, the page cache on) see the result at once.
    reader = browser.new_context()
    public = reader.new_page()
    public.goto(f"{live_server.url}/documents/{document.pk}/")
    for kind, pk in done["hide"]:
        assert public.locator(f"#{kind}-{pk}").count() == 0, (kind, pk)
    for kind, pk in done["verify"] + done["correct"]:
        assert public.locator(f"#{kind}-{pk}").count() == 1, (kind, pk)
    verified_badges = public.locator(".passage-list .badge--verified").count()
    assert verified_badges == len(done["verify"]) + len(done["correct"])
    for kind, pk in done["correct"]:
        if kind != "membership":
            # Search finds the record by the corrected words (a statement with a quote shows
            # the quote, not its summary: the record's source link tells it is there).
            public.goto(f"{live_server.url}/search/?q=Queuecheck{kind}{pk}")
            found = public.locator(f'a.source-link[href$="#{kind}-{pk}"]').count()
            assert found == 1, (kind, pk)
    reader.close()
    assert not failures, "\n".join(failures)

    print(
        f"\nreview queue, keyboard only: {RECORDS} records in {elapsed:.1f} s, "
        f"{elapsed / RECORDS:.2f} s and {total_actions / RECORDS:.1f} actions a record; "
        + "; ".join(
            f"{a}: {actions[a] / len(done[a]):.1f} actions, {seconds[a] / len(done[a]):.2f} s"
            for a in done
        )
    )


def test_the_old_path_verifying_in_the_change_form_for_comparison(live_server, page, screenshots):
    """What verifying took before the queue: open the list, open the record, open the
    collapsed Provenance section to read the passage (where it still is collapsed), choose
    the review state, save (which returns to the list)."""
    _ingest_sample()
    _log_in(page, live_server)
    changelist = f"{live_server.url}/admin/coverage/statement/?review_state__exact=unverified"
    actions, count = 0, 5
    started = time.perf_counter()
    for _ in range(count):
        page.goto(changelist)
        actions += 1
        with page.expect_navigation():
            page.locator("#result_list tbody tr th a").first.click()
        actions += 1
        if not Statement.objects.exclude(review_state=ReviewState.UNVERIFIED).exists():
            page.screenshot(path=str(screenshots / "admin-change-form.png"), full_page=True)
        provenance = page.locator("details:has(summary:has-text('Provenance'))")
        if provenance.count() and page.locator("details .source-passage").count():
            provenance.locator("summary").click()
            actions += 1
        page.select_option("#id_review_state", ReviewState.VERIFIED)
        actions += 1
        with page.expect_navigation():
            page.click("input[name=_save]")
        actions += 1
    elapsed = time.perf_counter() - started
    assert Statement.objects.filter(review_state=ReviewState.VERIFIED).count() == count
    print(
        f"\nold path, change form: {count} statements verified in {elapsed:.1f} s "
        f"({elapsed / count:.2f} s and {actions / count:.1f} actions a record)"
    )
