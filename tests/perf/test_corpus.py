"""generate_corpus: requested counts, exact provenance spans, reproducible by seed."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command

from coverage.corpus import corpus_generate
from coverage.models import (
    Actor,
    Bloc,
    Document,
    Event,
    Meeting,
    Membership,
    Passage,
    Response,
    Statement,
    Summit,
)

RECORD_MODELS = (Statement, Response, Meeting, Event, Membership)


def _snapshot() -> dict:
    docs = {d.pk: d.filename for d in Document.objects.all()}
    return {
        "documents": sorted(Document.objects.values_list("filename", "sha256", "published")),
        "records": sorted(
            (m.__name__, docs[doc], start, end, state)
            for m in RECORD_MODELS
            for doc, start, end, state in m.objects.values_list(
                "document_id", "source_start", "source_end", "review_state"
            )
        ),
    }


@pytest.mark.django_db
def test_counts_are_met():
    stats = corpus_generate(documents=20, records=500, seed=3)
    assert Document.objects.count() == stats.documents == 20
    total = sum(m.objects.count() for m in RECORD_MODELS)
    assert total == stats.records == 500
    assert all(m.objects.exists() for m in RECORD_MODELS)
    assert Summit.objects.count() >= 2
    assert Actor.objects.filter(bloc=Bloc.WESTERN).exists()
    assert set(Actor.objects.values_list("kind", flat=True)) == set(Actor.Kind.values)
    precisions = set(Event.objects.values_list("date_precision", flat=True))
    assert {"day", "month", "year"} <= precisions
    assert Event.objects.filter(date_projected=True).exists()


@pytest.mark.django_db
def test_every_generated_record_has_its_primary_passage():
    corpus_generate(documents=20, records=500, seed=5)
    for model in RECORD_MODELS:
        spans = set(model.objects.values_list("pk", "document_id", "source_start", "source_end"))
        key = model._meta.model_name
        primaries = set(
            Passage.objects.filter(primary=True, **{f"{key}__isnull": False}).values_list(
                key, "document_id", "start", "end"
            )
        )
        assert primaries == spans


@pytest.mark.django_db
def test_spans_are_exact():
    corpus_generate(documents=20, records=500, seed=4)
    rng = random.Random(0)
    for model in RECORD_MODELS:
        rows = list(model.objects.select_related("document"))
        for record in rng.sample(rows, min(25, len(rows))):
            passage = record.source_text
            text = record.document.text
            assert passage == text[record.source_start : record.source_end]
            # A whole sentence: starts a sentence, ends with its full stop or closing quote.
            assert passage[-1] in ".”"
            assert record.source_start == 0 or text[record.source_start - 1] in " \n"
            if model is Statement and record.quote:
                assert record.quote in passage
            if model is Response:
                assert record.responds_to in passage
            if model is Membership:
                assert record.member.name in passage and record.organisation.name in passage


@pytest.mark.django_db
def test_reproducible_by_seed():
    call_command("generate_corpus", documents=10, records=300, seed=7, verbosity=0)
    first = _snapshot()
    for model in (*RECORD_MODELS, Document, Summit):
        model.objects.all().delete()
    call_command("generate_corpus", documents=10, records=300, seed=7, verbosity=0)
    assert _snapshot() == first
    for model in (*RECORD_MODELS, Document, Summit):
        model.objects.all().delete()
    corpus_generate(documents=10, records=300, seed=8)
    assert _snapshot() != first


def test_rejects_bad_sizes():
    with pytest.raises(ValueError):
        corpus_generate(documents=0, records=10)
