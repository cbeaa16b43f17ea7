"""Two ingests at once, each in its own thread and database connection: the same new file,
and two files naming the same new actor. Both succeed and nothing is duplicated."""

import threading

import pytest
from django.db import connection

from coverage.lexicon import lexicon_load, lexicon_seed
from coverage.models import Actor, ActorAlias, Document, Passage, Summit
from coverage.prepare import source_extract
from coverage.services import document_ingest
from coverage.sources import SourceText

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 3  # each round a new file and new names: the race is not left to one roll of the dice


def _article(sample_text: str, name: str, edition: str) -> str:
    return (
        sample_text + f"\n\nSpeaking after the talks, Zambian President {name} said the summit had "
        f"“opened a new chapter” for cooperation on trade. ({edition})\n"
    )


def _at_once(sources: list[SourceText]) -> list:
    """Ingest each source in its own thread, all released together; results or exceptions."""
    lexicon = lexicon_load()
    extractions = [source_extract(s, lexicon) for s in sources]  # extraction is not the race
    start = threading.Barrier(len(sources))
    results: list = [None] * len(sources)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = document_ingest(source=sources[i], extraction=extractions[i])
        except Exception as error:  # reported by the test, not lost in the thread
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def seeded(db):
    lexicon_seed()


def test_two_ingests_of_the_same_new_file_at_once_both_succeed(seeded, sample_text):
    for n in range(ROUNDS):
        text = _article(sample_text, f"Chanda Mwale{'i' * n}", f"round {n}")
        same = SourceText(text=text, filename=f"same-{n}.txt", format="text")
        results = _at_once([same, same])
        assert [type(r).__name__ for r in results] == ["IngestResult", "IngestResult"]
        assert sorted(r.created for r in results) == [False, True]
        document = Document.objects.get(filename=f"same-{n}.txt")
        assert {r.document.pk for r in results} == {document.pk}
        # Its statements (each reported once: by records of its own, or passages of the
        # earlier rounds' records, the same article).
        fingerprints = list(
            document.passages.filter(statement__isnull=False).values_list("fingerprint", flat=True)
        )
        assert len(fingerprints) == len(set(fingerprints)) > 5
    assert Actor.objects.filter(name__startswith="Chanda Mwale").count() == ROUNDS
    assert Summit.objects.count() == 1


def test_two_files_naming_the_same_new_actor_at_once_both_succeed(seeded, sample_text):
    for n in range(ROUNDS):
        name = f"Bwalya Tembo{'a' * n}"
        sources = [
            SourceText(text=_article(sample_text, name, f"{n}-{side}"), filename=f"{side}-{n}.txt",
                       format="text")
            for side in ("left", "right")
        ]  # fmt: skip
        results = _at_once(sources)
        assert [type(r).__name__ for r in results] == ["IngestResult", "IngestResult"]
        assert all(r.created for r in results)
        actor = Actor.objects.get(name=name)  # one row, not two, and not an error
        assert sum(r.added["actors"] for r in results) >= 1
        # Both files report the actor's words (one statement, or two if the ingests raced).
        spoken = Passage.objects.filter(statement__speaker=actor).values_list(
            "document__filename", flat=True
        )
        assert sorted(set(spoken)) == [f"left-{n}.txt", f"right-{n}.txt"]
        aliases = ActorAlias.objects.filter(actor=actor).values_list("alias", flat=True)
        assert len(aliases) == len(set(aliases))
    assert Document.objects.count() == 2 * ROUNDS
