"""An editor merges two names of one actor from the admin's actor list, in Chromium."""

import pytest
from django.contrib.auth import get_user_model

from coverage.models import Actor, ActorAlias, Statement
from tests.browser.helpers import PageWatch, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


def test_editor_merges_two_names_of_one_actor_choosing_the_survivor(live_server, page, screenshots):
    short = Actor.objects.create(name="Tomas Varela", slug="tomas-varela", kind="person")
    full = Actor.objects.create(name="Tomás Varela Neto", slug="tomas-varela-neto", kind="person")
    Statement.objects.create(speaker=short, summary="no new tariffs")
    Statement.objects.create(speaker=full, summary="open trade")
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    watch = PageWatch(page)

    log_in(page, live_server.url, "editor", PASSWORD)
    watch.problems.clear()  # the admin's login page asks for a /favicon.ico it has not got

    page.goto(live_server.url + "/admin/coverage/actor/?q=Varela")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "merge_actors")
    page.click("button[name=index]")
    page.wait_for_selector("text=Choose the actor that stays")
    page.check(f"input[name=keep][value='{full.pk}']")
    page.screenshot(path=str(screenshots / "admin-merge-actors.png"), full_page=True)
    page.click("input[type=submit][value^='Merge into']")

    page.wait_for_selector("text=Merged 1 into “Tomás Varela Neto”")
    assert list(Actor.objects.filter(name__contains="Varela")) == [full]
    assert Statement.objects.filter(speaker=full).count() == 2
    assert ActorAlias.objects.filter(actor=full, alias="Tomas Varela").exists()
    assert not watch.problems, watch.problems
