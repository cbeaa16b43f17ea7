"""The record-kind registry (coverage.records) reaches every outlet, for every kind it lists:
the JSON export, its table's download, search, the page cache, and re-ingest. A model that is
a record but missing from the registry fails here, not silently in one outlet."""

import csv
import io
import json
import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from coverage import cache, records, selectors
from coverage.models import Curated, Passage
from coverage.services import document_ingest

pytestmark = pytest.mark.django_db

KINDS = [pytest.param(kind, id=kind.name) for kind in records.KINDS]
LISTED = [pytest.param(kind, id=kind.name) for kind in records.KINDS if kind.list_url]


@pytest.fixture
def ingested(lexicon, sample_source):
    return document_ingest(source=sample_source)


def one_public(kind: records.RecordKind):
    """A public record of the kind the ingest made (every kind must have one)."""
    record = getattr(selectors, kind.export.selector)().order_by("pk").first()
    assert record is not None, f"the sample gave no {kind.name}: nothing to prove"
    return record


def edited_value(record, name: str):
    """A value for the field ``name`` that differs from the record's (an editor's change)."""
    field = record._meta.get_field(name)
    old = getattr(record, name)
    if field.choices:
        return next(value for value, _ in field.choices if value != old)
    if isinstance(field, models.IntegerField):
        return 1901 if old != 1901 else 1902
    return "Registrywalk corrected this"


def own_field(kind: records.RecordKind) -> str:
    """A field an ingest writes and an editor may correct: its first own text, else any."""
    place = {"source_start", "source_end", "summit", "fingerprint", "stale_passage", "date",
             "date_precision", "date_projected"}  # fmt: skip
    own = [n for n in kind.updatable if n not in place and n in kind.correctable]
    return next((n for n in own if n in kind.search_fields), own[0])


def test_every_record_model_is_a_registered_kind():
    curated = {m for m in apps.get_models() if issubclass(m, Curated)}
    assert curated == set(records.BY_MODEL)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_key_on_passages(kind):
    assert Passage._meta.get_field(kind.key).related_model is kind.model


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_in_the_json_export(client, ingested, kind):
    response = client.get(reverse("coverage:export_json"))
    exported = json.loads(b"".join(response.streaming_content))
    rows = exported[kind.name]
    public = getattr(selectors, kind.export.selector)()
    assert len(rows) == public.count() > 0
    record = one_public(kind)
    spans = [(r["source"]["start"], r["source"]["end"]) for r in rows if r["source"]]
    assert (record.source_start, record.source_end) in spans


@pytest.mark.parametrize("kind", LISTED)
def test_every_listed_kind_downloads_its_tables_columns(client, ingested, kind):
    record = one_public(kind)
    response = client.get(reverse(kind.list_url), {"_export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, rows = lines[0], lines[1:]
    assert len(header) == len(kind.download.cells) + 3  # and date, review state, source
    assert len(rows) == getattr(selectors, kind.export.selector)().count()
    assert any(row[-1].endswith(f"#{kind.key}-{record.pk}") for row in rows)


def a_word(record, kind: records.RecordKind) -> str:
    """A word of the record's own searched text (long enough for any index)."""
    text = " ".join(str(getattr(record, name)) for name in kind.search_fields)
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


@pytest.mark.parametrize(
    "kind", [pytest.param(k, id=k.name) for k in records.KINDS if k.list_url and k.search_fields]
)
def test_a_word_of_every_searchable_kind_finds_it_in_its_table_and_on_search(
    client, ingested, kind
):
    record = one_public(kind)
    word = a_word(record, kind)
    response = client.get(reverse(kind.list_url), {"q": word, "_export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert f"#{kind.key}-{record.pk}" in body
    page = client.get(reverse("coverage:search"), {"q": word}).content.decode()
    assert f"#{kind.key}-{record.pk}" in page


@pytest.mark.parametrize("kind", KINDS)
def test_an_edit_of_every_kind_invalidates_the_page_cache(ingested, kind):
    record = one_public(kind)
    before = cache.generation()
    name = own_field(kind)
    setattr(record, name, edited_value(record, name))
    record.save()
    assert cache.generation() != before
    for relation in kind.m2m:
        before = cache.generation()
        getattr(record, relation).clear()
        assert cache.generation() != before, relation


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_to_every_kind_survives_reingest(lexicon, sample_source, kind):
    document_ingest(source=sample_source)
    record = one_public(kind)
    name = own_field(kind)
    value = edited_value(record, name)
    setattr(record, name, value)
    record.edited = True
    record.save()
    count = kind.model.objects.count()
    result = document_ingest(source=sample_source)
    assert not result.created
    record.refresh_from_db()
    assert getattr(record, name) == value
    assert kind.model.objects.count() == count
