"""export_coverage: the whole dataset as one stable JSON object."""

import json

import pytest
from django.core.management import call_command

from coverage.export import export_dataset
from coverage.models import ReviewState, Statement
from coverage.services import document_ingest

pytestmark = pytest.mark.django_db

SHAPE = {
    "documents": {"id", "title", "source_url", "published", "sha256", "text"},
    "actors": {"id", "name", "kind", "country", "bloc", "aliases"},
    "events": {
        "id",
        "title",
        "kind",
        "date",
        "date_precision",
        "location",
        "participants",
        "summary",
        "source",
    },
    "statements": {"id", "speaker", "date", "topics", "quote", "summary", "stance", "source"},
    "meetings": {"id", "participants", "date", "location", "topics", "summary", "source"},
    "responses": {"id", "responder", "responds_to", "stance", "quote", "summary", "source"},
    "memberships": {"organisation", "member", "year_joined", "status", "source"},
}


@pytest.fixture
def exported(lexicon, sample_source, tmp_path):
    document_ingest(source=sample_source)
    out = tmp_path / "coverage.json"
    call_command("export_coverage", "--output", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def test_export_has_every_kind_with_its_fields(exported):
    assert set(exported) >= set(SHAPE)
    for kind, fields in SHAPE.items():
        assert exported[kind], kind
        for row in exported[kind]:
            assert fields <= set(row), (kind, fields - set(row))


def test_every_exported_source_is_an_exact_span(exported):
    texts = {d["id"]: d["text"] for d in exported["documents"]}
    for kind in ("events", "statements", "meetings", "responses", "memberships"):
        for row in exported[kind]:
            src = row["source"]
            assert texts[src["document"]][src["start"] : src["end"]] == src["text"]


def test_export_dates_are_as_precise_as_known(exported):
    dates = {(e["date"], e["date_precision"]) for e in exported["events"]}
    assert ("2001", "year") in dates
    assert ("2022-02", "month") in dates
    assert ("2025-09-03", "day") in dates
    projected = [e for e in exported["events"] if e["projected"]]
    assert projected and all(e["date_precision"] == "year" for e in projected)


def test_export_leaves_out_hidden_records(lexicon, sample_source, tmp_path):
    document_ingest(source=sample_source)
    hidden = Statement.objects.first()
    hidden.review_state = ReviewState.HIDDEN
    hidden.save()
    out = tmp_path / "c.json"
    call_command("export_coverage", "--output", str(out))
    ids = {s["id"] for s in json.loads(out.read_text())["statements"]}
    assert hidden.pk not in ids and ids


def test_the_command_writes_the_same_json_as_the_download(exported, client):
    assert exported == json.loads(client.get("/export.json").getvalue())


def test_the_command_writes_json_dumps_of_the_dataset_indented(lexicon, sample_source, tmp_path):
    document_ingest(source=sample_source)
    out = tmp_path / "coverage.json"
    call_command("export_coverage", "--output", str(out))
    expected = json.dumps(export_dataset(), ensure_ascii=False, indent=2) + "\n"
    assert out.read_text(encoding="utf-8") == expected


def test_a_failed_export_leaves_no_half_written_file(lexicon, sample_source, tmp_path, monkeypatch):
    document_ingest(source=sample_source)
    out = tmp_path / "coverage.json"
    out.write_text("the previous export\n")

    def broken(**kwargs):
        yield '{"documents": ['
        raise RuntimeError("database went away")

    monkeypatch.setattr("coverage.management.commands.export_coverage.json_chunks", broken)
    with pytest.raises(RuntimeError):
        call_command("export_coverage", "--output", str(out))
    assert out.read_text() == "the previous export\n"
    assert list(tmp_path.iterdir()) == [out]
