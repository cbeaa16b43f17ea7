"""Text from articles and editors is shown as text, never run as markup.

The Content Security Policy would block inline script anyway, so these tests strip it from
every response: escaping alone must keep the payloads inert.
"""

import pytest

from coverage.models import Actor
from tests.browser.helpers import PageWatch
from tests.web import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
SVG = "<svg onload=alert(1)>"
PAYLOADS = (SCRIPT, IMG, SVG)

ARTICLE = (
    "Xssword summit report\n\n"
    f"The communique included {SCRIPT} in its annex.\n\n"
    f"A delegate wrote {IMG} on the whiteboard and then {SVG} for good measure.\n"
)


def _build():
    summit = f.summit("Xssword summit")
    doc = f.document(ARTICLE, title=f"Xssword article {SVG}", summit=summit)
    topic = f.topic(f"Xssword topic {IMG}")
    speaker = f.actor(
        "Xssword Speaker",
        title=SVG,
        description=f"Biography {SCRIPT}",
        kind=Actor.Kind.PERSON,
    )
    f.statement(
        speaker,
        doc=doc,
        words=f"A delegate wrote {IMG}",
        quote=f"Xssword quote {IMG}",
        summary=f"Xssword summary {SCRIPT}",
        topics=[topic],
        summit=summit,
    )
    f.statement(speaker, summary=f"Xssword plain summary {SVG} {SCRIPT}", summit=summit)
    f.response(
        summary=f"Xssword response {IMG}",
        responds_to=SCRIPT,
        doc=doc,
        words=f"The communique included {SCRIPT}",
        topics=[topic],
        summit=summit,
    )
    f.event(f"Xssword event {SCRIPT}", summary=IMG, doc=doc, words=SVG, summit=summit)
    f.meeting(summary=f"Xssword meeting {IMG}", location=SVG, summit=summit, topics=[topic])
    return {"doc": doc, "speaker": speaker, "topic": topic}


def _without_csp(route):
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


def test_payloads_in_records_and_documents_are_shown_as_text(live_server, browser):
    data = _build()
    context = browser.new_context()
    context.route(f"{live_server.url}/**", _without_csp)
    page = context.new_page()
    watch = PageWatch(page)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = {
        "document": (data["doc"].get_absolute_url(), PAYLOADS),
        "statements": ("/statements/", (SCRIPT, IMG)),
        "search": ("/search/?q=xssword", (SCRIPT, IMG, SVG)),
        "actor": (data["speaker"].get_absolute_url(), (SCRIPT, IMG, SVG)),
        "dashboard": ("/", (SCRIPT, IMG)),
        "timeline": ("/timeline/", (SCRIPT,)),
        "events": ("/events/", (SCRIPT,)),
        "meetings": ("/meetings/", (IMG, SVG)),
        "responses": ("/responses/", (SCRIPT, IMG)),
        "positions": ("/positions/", (IMG,)),
        "topic": (data["topic"].get_absolute_url(), (SCRIPT, IMG)),
    }
    failures = []
    for name, (path, visible) in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "content-security-policy" not in response.headers  # escaping alone is tested
        page.wait_for_load_state("load")
        if page.evaluate("window.__xss") is not None:
            failures.append(f"{name}: a payload ran")
        text = page.locator("body").inner_text()
        failures += [f"{name}: {p!r} not shown as text" for p in visible if p not in text]
        injected = page.evaluate(
            "document.querySelectorAll('main script, img[onerror], svg[onload], [onerror],"
            " [onload]').length"
        )
        if injected:
            failures.append(f"{name}: {injected} injected element(s)")
        failures += [f"{name}: {p}" for p in watch.problems]
        watch.problems.clear()
    context.unroute_all(behavior="ignoreErrors")
    context.close()
    assert not dialogs, dialogs
    assert not failures, "\n".join(failures)


def test_the_policy_is_still_sent(live_server, page):
    _build()
    response = page.goto(live_server.url + "/statements/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
