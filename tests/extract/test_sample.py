"""The bundled SCO sample article, end to end."""

from collections import Counter


def test_the_summit_is_the_sco_in_tianjin_china_2025(sample):
    assert sample.summit.organisation == "Shanghai Cooperation Organisation"
    assert (sample.summit.city, sample.summit.country, sample.summit.year) == (
        "Tianjin",
        "China",
        2025,
    )
    assert sample.title.startswith("SCO Summit: Putin & Xi")
    assert sample.published is None


def test_putin_and_xi_make_several_statements_each(sample):
    counts = Counter(s.speaker for s in sample.statements)
    assert counts["Vladimir Putin"] >= 5 and counts["Xi Jinping"] >= 4
    # the rest are outside reactions, statements and responses both
    assert set(counts) - {r.responder for r in sample.responses} == {"Vladimir Putin", "Xi Jinping"}


def test_statement_verbs_give_the_expected_stances(sample_text, sample):
    by_opening = {sample_text[s.start : s.start + 12]: s.stance for s in sample.statements}
    assert by_opening["He urged SCO"] == "calls_for"
    assert by_opening["Xi Jinping f"] == "calls_for"
    assert by_opening["President Xi"] == "opposes"


def test_reported_clause_and_quotes_are_kept(sample):
    putin = [s for s in sample.statements if s.speaker == "Vladimir Putin"]
    assert putin[0].summary.startswith("it stemmed not from military intervention")
    assert putin[1].quote == "root causes … security balance"


def test_exactly_two_bilateral_meetings_with_their_topics(sample):
    meetings = {m.participants: m.topics for m in sample.meetings}
    assert meetings == {
        ("Vladimir Putin", "Recep Tayyip Erdogan"): ("Ukraine conflict",),
        ("Vladimir Putin", "Masoud Pezeshkian"): ("Iran nuclear programme",),
    }


def test_three_western_responses(sample):
    responses = {r.responder: r for r in sample.responses}
    assert set(responses) == {"US State Department", "European Union", "NATO"}
    assert responses["US State Department"].stance == "rejects"
    assert responses["US State Department"].quote == "a dangerous distraction"
    assert responses["European Union"].stance == "sceptical"
    assert responses["NATO"].stance == "reaffirms"
    assert {r.responds_to for r in sample.responses} == {"safety balance"}


def test_dated_events_with_their_precision(sample):
    found = {(e.date.iso(), e.date.projected) for e in sample.events}
    assert found == {
        ("2025", False),  # the summit (no published date: the document's year)
        ("2025-09-01", False),  # visit concluding
        ("2025-09-03", False),  # parade
        ("2001", False),  # founding
        ("2017", False),
        ("2023", False),  # accessions
        ("2022-02", False),  # launch
        ("2024", False),  # trade figure
        ("2025", True),  # projection
    }
    kinds = Counter(e.kind for e in sample.events)
    assert kinds["accession"] == 3 and kinds["summit"] == 1


def test_discovered_people_are_new_actors_with_country(sample):
    new = {a.name: a for a in sample.actors if a.is_new}
    assert set(new) == {"Recep Tayyip Erdogan", "Masoud Pezeshkian"}
    assert new["Masoud Pezeshkian"].country == "Iran"


def test_every_referenced_actor_is_listed(sample):
    listed = {a.name for a in sample.actors}
    referenced = {s.speaker for s in sample.statements} | {r.responder for r in sample.responses}
    for m in sample.meetings:
        referenced |= set(m.participants)
    for ms in sample.memberships:
        referenced |= {ms.organisation, ms.member}
    assert referenced <= listed


def test_every_record_span_is_an_exact_passage_holding_its_quote(sample_text, sample):
    records = [
        *sample.statements,
        *sample.meetings,
        *sample.responses,
        *sample.events,
        *sample.memberships,
    ]
    for r in records:
        passage = sample_text[r.start : r.end]
        assert passage and passage == passage.strip()
        for part in filter(None, getattr(r, "quote", "").split(" … ")):
            assert part in passage
