"""Ingest: documents in, records with exact provenance out; re-ingest respects editors."""

import pytest
from django.core.management import call_command

from coverage.models import Actor, Document, Event, Meeting, Response, ReviewState, Statement
from coverage.services import document_ingest, records_delete
from coverage.sources import SourceText
from tests.core.conftest import article_source

pytestmark = pytest.mark.django_db

KINDS = (Event, Statement, Meeting, Response)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (*KINDS, Document, Actor)}


def test_every_record_points_at_its_exact_passage(lexicon, sample_source):
    result = document_ingest(source=sample_source)
    text = result.document.text
    records = [r for model in KINDS for r in model.objects.all()]
    assert len(records) > 10
    for record in records:
        passage = text[record.source_start : record.source_end]
        assert passage.strip() == passage and passage, record
        if getattr(record, "quote", ""):
            # Every quoted fragment stands in the passage it came from.
            for fragment in record.quote.split(" … "):
                assert fragment in passage


def test_document_text_is_stored_unchanged(lexicon, sample_source, sample_text):
    result = document_ingest(source=sample_source)
    result.document.refresh_from_db()
    assert result.document.text == sample_text


def test_sample_yields_the_summit_and_its_main_records(lexicon, sample_source):
    result = document_ingest(source=sample_source)
    summit = result.document.summit
    assert summit is not None and summit.year == 2025
    speakers = set(Statement.objects.values_list("speaker__name", flat=True))
    assert {"Vladimir Putin", "Xi Jinping"} <= speakers
    assert Meeting.objects.count() == 2
    responders = set(Response.objects.values_list("responder__bloc", flat=True))
    assert responders == {"western"}


def test_reingest_creates_no_duplicates(lexicon, sample_source):
    document_ingest(source=sample_source)
    before = counts()
    result = document_ingest(source=sample_source)
    assert not result.created
    assert counts() == before
    assert sum(result.added.values()) == 0


def test_reingest_keeps_editor_changes(lexicon, sample_source):
    document_ingest(source=sample_source)
    statement = Statement.objects.order_by("pk").first()
    statement.summary = "Corrected by an editor"
    statement.stance = "opposes"
    statement.edited = True
    statement.save()

    document_ingest(source=sample_source)

    statement.refresh_from_db()
    assert statement.summary == "Corrected by an editor"
    assert statement.stance == "opposes"


def test_reingest_never_recreates_a_deleted_record(lexicon, sample_source):
    document_ingest(source=sample_source)
    victim = Statement.objects.order_by("pk").first()
    passage = victim.source_text
    records_delete(queryset=Statement.objects.filter(pk=victim.pk))
    before = Statement.objects.count()

    document_ingest(source=sample_source)

    assert Statement.objects.count() == before
    assert not Statement.objects.filter(
        speaker=victim.speaker, source_start=victim.source_start, quote=victim.quote
    ).exists(), passage


def test_changed_version_keeps_edits_and_flags_lost_passages(lexicon):
    first = article_source("brics-visit.txt")
    document_ingest(source=first)
    edited = Statement.objects.get(summary__icontains="reform of the International Monetary Fund")
    edited.summary = "Editor's wording"
    edited.edited = True
    edited.save()
    kept = Statement.objects.filter(quote__icontains="serve the developing world").get()
    kept.edited = True
    kept.save()
    passage = kept.source_text

    # The newer version drops Lula's sentence and moves the rest down by a new paragraph.
    lula = first.text[edited.source_start : edited.source_end]
    changed_text = first.text.replace(lula, "").replace(
        "On the sidelines", "Officials met behind closed doors.\n\nOn the sidelines"
    )
    result = document_ingest(
        source=SourceText(text=changed_text, filename=first.filename, format="text")
    )

    assert not result.created and Document.objects.count() == 1
    edited.refresh_from_db()
    kept.refresh_from_db()
    assert edited.summary == "Editor's wording"
    assert edited.review_state == ReviewState.NEEDS_REVIEW and edited.stale_passage == lula
    assert kept.review_state != ReviewState.NEEDS_REVIEW
    assert changed_text[kept.source_start : kept.source_end] == passage


def test_a_document_without_actors_is_ingested_with_a_warning(lexicon):
    text = ("The weather was mild and the streets were quiet all week long. " * 5).strip()
    result = document_ingest(source=SourceText(text=text, filename="quiet.txt", format="text"))
    assert result.created
    assert any("no recognisable actor" in w for w in result.warnings)
    assert Statement.objects.count() == 0


def test_ingest_command_reports_one_line_per_document(lexicon, tmp_path, capsys):
    for n in range(2):
        (tmp_path / f"a{n}.txt").write_text(
            article_source("brics-visit.txt").text + f"\nEdition {n}.\n", encoding="utf-8"
        )
    call_command("ingest", str(tmp_path))
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("a0.txt: added document") and "statements" in lines[0]


def test_ingest_into_a_named_summit(lexicon, sample_source):
    from coverage.models import Summit

    other = Summit.objects.create(name="Editors' summit", slug="editors-summit")
    result = document_ingest(source=sample_source, summit_slug="editors-summit")
    assert result.document.summit == other
    assert Statement.objects.filter(summit=other).exists()


def test_bulk_actions_flag_records_as_edited(lexicon, sample_source):
    from coverage.services import records_set_state

    document_ingest(source=sample_source)
    records_set_state(queryset=Statement.objects.all(), state=ReviewState.HIDDEN)
    assert not Statement.objects.public().exists()
    assert not Statement.objects.filter(edited=False).exists()


def test_failure_half_way_leaves_no_partial_document(lexicon, sample_source, monkeypatch):
    import coverage.services as services

    real = services._sync_records

    def fail_on_meetings(kind, *args, **kwargs):
        if kind == "meetings":
            raise RuntimeError("injected failure")
        return real(kind, *args, **kwargs)

    monkeypatch.setattr(services, "_sync_records", fail_on_meetings)
    before = counts()
    with pytest.raises(RuntimeError, match="injected failure"):
        document_ingest(source=sample_source)
    assert counts() == before
