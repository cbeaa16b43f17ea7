"""The admin shows each record's passage: highlighted in its paragraph at the top of the
change form, and a short excerpt in every record list, without a query per row."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coverage.models import Event, Meeting, Membership, Response, Statement
from coverage.services import document_ingest, records_delete
from tests.core.conftest import article_source

pytestmark = pytest.mark.django_db

MODELS = (Statement, Response, Meeting, Event, Membership)


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", password="x-unused-x"))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_form_shows_the_passage_highlighted_first_and_open(
    admin_client, lexicon, sample_source, model
):
    document_ingest(source=sample_source)
    record = model.objects.order_by("pk").first()
    html = admin_client.get(
        reverse(f"admin:coverage_{model._meta.model_name}_change", args=[record.pk])
    ).content.decode()

    context = re.search(r'<blockquote class="passage-context">(.*?)</blockquote>', html, re.S)
    mark = re.search(r"<mark[^>]*>([^<]*)</mark>", context.group(1))
    assert mark.group(1).replace("&amp;", "&").replace("&#x27;", "'") == record.source_text
    # Before the record's own fields, and not inside the collapsed provenance section.
    first_field = html.index('name="summit"')
    assert html.index('class="passage-context"') < first_field
    fieldset = html[html.rindex("<fieldset", 0, html.index("passage-context")) :][:200]
    assert "collapse" not in fieldset


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_record_list_shows_a_passage_excerpt_in_a_constant_number_of_queries(
    admin_client, lexicon, sample_source, model
):
    document_ingest(source=sample_source)
    document_ingest(source=article_source("brics-visit.txt"))
    url = reverse(f"admin:coverage_{model._meta.model_name}_changelist")
    record = model.objects.order_by("pk").first()
    html = admin_client.get(url).content.decode()
    assert "column-passage_excerpt" in html
    excerpt = " ".join(record.source_text.split())[:40].replace("&", "&amp;")
    assert excerpt.replace("'", "&#x27;") in html

    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    keep = model.objects.order_by("pk")[:2].values_list("pk", flat=True)
    records_delete(queryset=model.objects.exclude(pk__in=list(keep)))
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    assert len(few) == len(many)
