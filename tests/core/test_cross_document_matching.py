"""Two outlets reporting one summit: what both report is one record with a passage in each;
what is close but not sure stays two records, marked for an editor."""

import pytest

from coverage.models import Event, Meeting, Passage, Statement
from coverage.services import document_delete, document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db

# Two outlets' own wording of the same day (written for these tests).
WIRE = """Leaders meet in Tianjin for SCO summit
Published 1 September 2025

TIANJIN, 1 September 2025 — The Shanghai Cooperation Organisation summit opened in Tianjin on 1 September 2025.
Chinese President Xi Jinping met Russian President Vladimir Putin on the sidelines of the summit on 1 September 2025.
Putin said the bloc must build "a fairer world order free of unilateral sanctions and pressure".
"""  # noqa: E501
PAPER = """Putin and Xi hold talks as SCO gathers in Tianjin
Published 2 September 2025

The Shanghai Cooperation Organisation summit opened in Tianjin on Monday, 1 September 2025, with leaders from across Eurasia.
On 1 September 2025 Xi Jinping held talks with Vladimir Putin in Tianjin.
Speaking to delegates, Vladimir Putin said the bloc must build "a fairer world order free of unilateral sanctions and pressure".
"""  # noqa: E501


def _ingest(text: str, name: str):
    return document_ingest(source=SourceText(text=text, filename=name, format="text"))


def _documents(record) -> list[str]:
    return [p.document.filename for p in record.passages.select_related("document")]


def test_the_same_quote_by_the_same_speaker_in_two_outlets_is_one_statement(lexicon):
    _ingest(WIRE, "wire.txt")
    result = _ingest(PAPER, "paper.txt")

    statement = Statement.objects.get(speaker__name="Vladimir Putin")
    assert _documents(statement) == ["wire.txt", "paper.txt"]
    assert statement.passages.get(document__filename="paper.txt").text.count("fairer world") == 1
    assert result.added["statements"] == 0 and result.joined >= 3


def test_the_same_meeting_and_summit_opening_in_two_outlets_are_one_record_each(lexicon):
    _ingest(WIRE, "wire.txt")
    _ingest(PAPER, "paper.txt")

    assert _documents(Meeting.objects.get()) == ["wire.txt", "paper.txt"]
    assert _documents(Event.objects.get(kind="summit")) == ["wire.txt", "paper.txt"]


def test_the_same_words_from_another_speaker_are_another_statement(lexicon):
    _ingest(WIRE, "wire.txt")
    _ingest(PAPER.replace("Vladimir Putin said", "Xi Jinping said"), "paper.txt")

    assert Statement.objects.count() == 2
    assert not Passage.objects.filter(primary=False, statement__isnull=False).exists()


def test_a_paraphrase_of_a_quote_is_kept_apart_and_marked_a_possible_duplicate(lexicon):
    _ingest(WIRE, "wire.txt")
    paraphrase = PAPER.replace(
        'the bloc must build "a fairer world order free of unilateral sanctions and pressure"',
        "the bloc needed a fairer world order without sanctions and outside pressure",
    )
    result = _ingest(paraphrase, "paper.txt")

    quoted, reported = Statement.objects.order_by("pk")
    assert reported.possible_duplicate_of == quoted
    assert result.possible == 1


def test_reingesting_the_second_outlet_keeps_its_passages_on_the_first_outlets_records(lexicon):
    _ingest(WIRE, "wire.txt")
    _ingest(PAPER, "paper.txt")
    before = sorted(Passage.objects.values_list("pk", "statement_id", "meeting_id", "event_id"))

    result = _ingest(PAPER, "paper.txt")

    assert sorted(Passage.objects.values_list("pk", "statement_id", "meeting_id", "event_id")) == (
        before
    )
    assert sum(result.added.values()) == 0


def test_deleting_the_first_outlet_leaves_its_records_with_the_seconds_passages(lexicon):
    wire = _ingest(WIRE, "wire.txt").document
    _ingest(PAPER, "paper.txt")

    document_delete(document=wire)

    statement = Statement.objects.get(speaker__name="Vladimir Putin")
    assert statement.document.filename == "paper.txt"
    assert "fairer world order" in statement.source_text
    assert _documents(statement) == ["paper.txt"]
    assert statement.passages.get().primary
    assert Meeting.objects.get().document.filename == "paper.txt"
