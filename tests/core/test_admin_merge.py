"""Editors merge summits and actors from the admin lists, after choosing which stays."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coverage.models import Actor, ActorAlias, Document, Statement, Summit
from coverage.services import document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db

SHORT = """Ministers meet

BRASILIA, March 3 (Wire) – Brazilian Foreign Minister Tomas Varela said on Monday that the \
bloc "will not accept new tariffs"."""

FULL = """Ministers meet again

BRASILIA, March 4 (Wire) – Brazilian Foreign Minister Tomás Varela Neto said the bloc \
"must defend open trade"."""


def ingest(text: str, name: str) -> Document:
    source = SourceText(text=text, filename=f"{name}.txt", format="text")
    return document_ingest(source=source).document


def test_merge_actors_asks_which_stays_then_merges(client, editor, lexicon):
    ingest(SHORT, "short")
    ingest(FULL, "full")
    short = Actor.objects.get(name="Tomas Varela")
    full = Actor.objects.get(name="Tomás Varela Neto")
    url = reverse("admin:coverage_actor_changelist")
    action = {"action": "merge_actors", "_selected_action": [short.pk, full.pk]}

    page = client.post(url, action)
    assert page.status_code == 200
    assert b"Choose the actor that stays" in page.content
    assert b"1 statements" in page.content
    assert Actor.objects.filter(pk=short.pk).exists()  # nothing merged before confirming

    done = client.post(url, {**action, "post": "yes", "keep": full.pk}, follow=True)
    assert b"Merged 1 into" in done.content
    assert not Actor.objects.filter(pk=short.pk).exists()
    assert Statement.objects.filter(speaker=full).count() == 2
    assert ActorAlias.objects.get(alias="Tomas Varela").actor == full


def test_merge_summits_from_the_list(client, editor, lexicon):
    document = ingest(SHORT, "short")
    org = Actor.objects.get(name="BRICS")
    first = Summit.objects.create(name="BRICS summit 2025", slug="b1", organisation=org, year=2025)
    second = Summit.objects.create(name="BRICS 2025 (typo)", slug="b2", organisation=org)
    Document.objects.filter(pk=document.pk).update(summit=second)
    url = reverse("admin:coverage_summit_changelist")
    action = {"action": "merge_summits", "_selected_action": [first.pk, second.pk]}

    page = client.post(url, action)
    assert b"Choose the summit that stays" in page.content

    client.post(url, {**action, "post": "yes", "keep": first.pk})
    assert list(Summit.objects.values_list("pk", flat=True)) == [first.pk]
    assert Document.objects.get(pk=document.pk).summit == first


def test_merging_needs_two(client, editor, lexicon):
    summit = Summit.objects.create(name="Alone", slug="alone")
    url = reverse("admin:coverage_summit_changelist")
    done = client.post(
        url, {"action": "merge_summits", "_selected_action": [summit.pk]}, follow=True
    )
    assert b"Select at least two to merge" in done.content
