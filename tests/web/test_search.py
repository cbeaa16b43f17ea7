import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage import search, selectors
from coverage.models import NEWEST_FIRST, ReviewState
from coverage.search import sqlite as search_sqlite
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_search_finds_statements_responses_meetings_events_actors_and_documents(client):
    modi = f.actor("Narendra Modi")
    f.statement(modi, summary="Modi on terrorism")
    f.response(summary="Reaction to terrorism remarks")
    f.meeting(summary="Talks on terrorism")
    f.event("Terrorism declaration adopted")
    f.document("A long article about terrorism.", title="Analysis")
    html = client.get("/search/", {"q": "terrorism"}).content.decode()
    for text in (
        "Modi on terrorism",
        "Reaction to terrorism remarks",
        "Talks on terrorism",
        "Terrorism declaration adopted",
        "Analysis",
    ):
        assert text in html
    assert "Narendra Modi" in client.get("/search/", {"q": "modi"}).content.decode()


def test_search_never_returns_hidden_records(client):
    f.statement(summary="Secret terrorism note", review_state=ReviewState.HIDDEN)
    f.actor("Terrorism watcher", review_state=ReviewState.HIDDEN)
    html = client.get("/search/", {"q": "terrorism"}).content.decode()
    assert "Secret terrorism note" not in html and "Terrorism watcher" not in html
    assert "Nothing found" in html


def test_search_finds_actors_by_alias(client):
    putin = f.actor("Vladimir Putin")
    putin.aliases.get_or_create(alias="President Putin")  # (in the lexicon)
    html = client.get("/search/", {"q": "president putin"}).content.decode()
    assert putin.get_absolute_url() in html


def test_empty_search_shows_the_form_only(client):
    html = client.get("/search/").content.decode()
    assert 'id="search-q"' in html and "result" not in html.split("<main")[1]


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@postgres_only
def test_full_text_search_stems_english_words(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    f.response(summary="Washington is sanctioning more banks.")
    f.document("Sanctioned exporters met in Tianjin.", title="Exporters")
    html = client.get("/search/", {"q": "sanction"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html
    assert "Washington is sanctioning more banks." in html
    assert "Exporters" in html


@postgres_only
def test_full_text_search_orders_by_relevance(client):
    f.statement(summary="Trade was discussed; sanctions came up once.", date=dt.date(2025, 1, 1))
    f.statement(
        summary="Sanctions, sanctions and more sanctions on the sanctions list.",
        date=dt.date(2025, 12, 1),
    )
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert html.index("more sanctions") < html.index("came up once")


@postgres_only
def test_full_text_search_understands_web_search_syntax(client):
    f.statement(summary="Sanctions on oil exports.")
    f.statement(summary="Sanctions on banks.")
    html = client.get("/search/", {"q": "sanctions -oil"}).content.decode()
    assert "Sanctions on banks." in html and "Sanctions on oil exports." not in html
    html = client.get("/search/", {"q": '"oil exports"'}).content.decode()
    assert "Sanctions on oil exports." in html and "Sanctions on banks." not in html


@postgres_only
def test_full_text_search_reads_stored_vectors_through_gin_indexes():
    """No vector is built per row at query time (33 s for a common word at 1,000,000 records):
    the records' stored vectors are matched, and each searchable table has a GIN index."""
    f.statement(summary="Grain corridor talks resumed.", date=dt.date(2025, 3, 1))
    f.event("Grain deal signed")
    with CaptureQueriesContext(connection) as ctx:
        found = selectors.search("grain")
    assert [s.summary for s in found.statements] == ["Grain corridor talks resumed."]
    assert [e.title for e in found.events] == ["Grain deal signed"]
    sql = " ".join(query["sql"] for query in ctx.captured_queries)
    assert '"coverage_statement"."search_vector" @@ (websearch_to_tsquery' in sql
    assert 'COALESCE("coverage_statement"."summary"' not in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin (search_vector)'"
        )
        indexes = {name for (name,) in cursor.fetchall()}
    assert indexes == {
        f"coverage_{table}_search_idx"
        for table in ("statement", "response", "meeting", "event", "document")
    }


@postgres_only
def test_a_speakers_name_finds_their_statements_on_postgresql():
    putin = f.actor("Vladimir Putin")
    f.statement(putin, summary="Spoke on energy.")
    f.statement(summary="Nothing about him.")
    assert [s.summary for s in selectors.search("Putin").statements] == ["Spoke on energy."]


@postgres_only
def test_the_statement_table_text_filter_uses_the_same_search(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    html = client.get("/statements/", {"q": "sanction"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html


@pytest.mark.skipif(connection.vendor == "postgresql", reason="substring search is for SQLite")
def test_substring_search_without_postgresql(client):
    f.statement(summary="The West imposed new sanctions on Moscow.")
    html = client.get("/search/", {"q": "sanct"}).content.decode()
    assert "The West imposed new sanctions on Moscow." in html


def test_search_counts_every_match_but_lists_the_first_10(client):
    speaker = f.actor("Sergey Lavrov")
    for i in range(30):
        f.statement(speaker, summary=f"Lavrov remark {i} on sanctions")
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert '<span class="count">30</span>' in html
    assert html.count('class="statement"') == 10
    assert "All 30 statements" in html


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the walked plan is for SQLite's trigram index"
)


@sqlite_only
def test_a_common_word_lists_the_newest_matches_by_walking_the_date_order():
    # 24 of 30 statements match: listing 5 of them, SQLite reads the statements newest first
    # and keeps the matches instead of fetching all 24 and sorting them.
    for i in range(30):
        words = "Remark on sanctions" if i % 5 else "Remark on trade"
        f.statement(summary=f"{words} {i}", date=dt.date(2025, 1, 1) + dt.timedelta(days=29 - i))
    f.statement(summary="Undated remark on sanctions", date=None)
    with CaptureQueriesContext(connection) as common:
        found = selectors.search("sanctions", limit=5)
    assert [s.summary for s in found.statements] == [
        "Remark on sanctions 1", "Remark on sanctions 2", "Remark on sanctions 3",
        "Remark on sanctions 4", "Remark on sanctions 6",
    ]  # fmt: skip
    assert found.counts["statements"] == 25
    assert any('"coverage_statement"."id" + 0) IN' in q["sql"] for q in common.captured_queries)
    # A rare word is fetched by key: walking would read every row to find none.
    with CaptureQueriesContext(connection) as rare:
        assert [s.summary for s in selectors.search("trade", limit=5).statements] == [
            "Remark on trade 0", "Remark on trade 5", "Remark on trade 10", "Remark on trade 15",
            "Remark on trade 20",
        ]  # fmt: skip
    assert not any("+ 0) IN" in q["sql"] for q in rare.captured_queries)


@sqlite_only
def test_every_plan_lists_the_same_first_matches():
    # Fetched and sorted, walked in date order, or asked of the index row by row: the same
    # newest five, named speakers included (search() picks the cheapest for the counts).
    lula = f.actor("Lula da Silva")
    for i in range(12):
        f.statement(summary=f"Remark {i} on tariffs", date=dt.date(2025, 1, 1 + i))
        f.statement(summary=f"Remark {i} on trade", date=dt.date(2025, 2, 1 + i))
    f.statement(lula, summary="Remark by the speaker named", date=dt.date(2025, 1, 31))
    newest = selectors.public_statements().order_by(*NEWEST_FIRST)
    lists = {
        plan: [s.summary for s in search.record_matches(newest, "tariffs", plan=plan)[:5]]
        for plan in (search_sqlite.FETCH, search_sqlite.WALK, search_sqlite.PROBE)
    }
    assert lists[search_sqlite.FETCH] == [f"Remark {i} on tariffs" for i in (11, 10, 9, 8, 7)]
    assert lists[search_sqlite.WALK] == lists[search_sqlite.PROBE] == lists[search_sqlite.FETCH]
    named = {
        plan: [
            s.summary
            for s in search.record_matches(selectors.public_statements(), "Lula", plan=plan)
        ]
        for plan in (search_sqlite.FETCH, search_sqlite.WALK, search_sqlite.PROBE)
    }
    assert (
        named[search_sqlite.FETCH]
        == named[search_sqlite.WALK]
        == named[search_sqlite.PROBE]
        == ["Remark by the speaker named"]
    )


def test_search_probes_only_a_word_in_a_good_share_of_a_large_table():
    plan = search_sqlite.search_plan
    # 95,000 statements, a page of 10: a word in half of them is probed row by row...
    assert plan(1001, 46_000, 95_000, 10) == search_sqlite.PROBE
    # ...one in 2% walked (probing would ask about ~400 rows), a rare one fetched.
    assert plan(1001, 2_200, 95_000, 10) == search_sqlite.WALK
    assert plan(12, 12, 95_000, 10) == search_sqlite.FETCH
    # No index (a short word, PostgreSQL): never probed.
    assert plan(1001, None, 95_000, 10) == search_sqlite.WALK
    # A small table: listing every match costs little, whatever the share.
    assert plan(600, 600, 1_000, 10) == search_sqlite.WALK


def test_search_lists_undated_matches_last():
    f.statement(summary="Undated remark on tariffs", date=None)
    f.statement(summary="Old remark on tariffs", date=dt.date(2001, 6, 15))
    assert [s.summary for s in selectors.search("tariffs").statements] == [
        "Old remark on tariffs", "Undated remark on tariffs",
    ]  # fmt: skip


def test_search_counts_a_common_word_up_to_a_cap(client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_COUNT_CAP", 12)
    for i in range(15):
        f.statement(summary=f"Remark {i} on sanctions")
    f.event("Sanctions summit")
    html = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert '<span class="count">12+</span>' in html  # statements: more than the cap
    assert '<span class="count">1</span>' in html  # the event: counted exactly
    assert "13+ results" in html
    assert "All 12+ statements" in html


def test_search_links_to_every_matching_actor_and_document(client):
    for i in range(12):
        f.actor(f"Envoy Jensen {i:02d}")
        f.document(f"Talks with envoy Jensen, number {i}.", title=f"Report {i:02d}")
    html = client.get("/search/", {"q": "Jensen"}).content.decode()
    assert "All 12 actors" in html and "All 12 documents" in html
    # Search finds actors no record names yet: its link lists those too.
    assert 'href="/actors/?q=Jensen&amp;all=1">All 12 actors' in html
    actors = client.get("/actors/", {"q": "Jensen", "all": "1"}).content.decode()
    assert "12 actors" in actors and "Envoy Jensen 11" in actors
    documents = client.get("/documents/", {"q": "jensen"}).content.decode()
    assert "12 documents" in documents and "Report 11" in documents


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="substring search is SQLite's (PostgreSQL stems words)"
)


@sqlite_only
def test_search_finds_a_substring_in_any_case_inside_words_of_every_kind(client):
    jensen = f.actor("Mette Jensen")
    f.statement(summary="Talks on grain", quote="No more SANCTIONS on grain")
    f.response(summary="A reply", responds_to="the sanctions regime")
    f.meeting(summary="A bilateral meeting", location="Sanctionsville town hall")
    f.event("A visit", summary="Resanctioned exporters were named", location="Tianjin")
    f.document("An article about unsanctioned trade.", title="Trade analysis")
    f.statement(jensen, summary="Unrelated words")
    html = client.get("/search/", {"q": "aNcTiO"}).content.decode()
    for text in (
        "No more SANCTIONS on grain",
        "A reply",
        "A bilateral meeting",
        "A visit",
        "Trade analysis",
    ):
        assert text in html
    html = client.get("/search/", {"q": "ette jens"}).content.decode()
    assert "Unrelated words" in html and jensen.get_absolute_url() in html


def test_a_name_finds_what_that_speaker_responder_or_participant_did(client):
    speaker = f.actor("Mette Jensen")
    responder = f.actor("Jensen Institute", kind="organisation")
    f.statement(speaker, summary="Words on grain")
    f.response(responder, summary="A reply on grain")
    f.meeting([speaker, f.actor("Other person")], summary="Talks on grain")
    f.statement(summary="Someone else on grain")
    html = client.get("/search/", {"q": "Jensen"}).content.decode()
    assert "Words on grain" in html
    assert "A reply on grain" in html
    assert "Talks on grain" in html
    assert "Someone else on grain" not in html


@pytest.mark.parametrize(
    "q",
    ['"', '""', "*", "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 2)", "'", "-", "+", "^",
     "(", ")", ":", "quote:", "col : x", "a AND b", '"unclosed', "x*", "🙂", "🙂🙂🙂",
     "%", "_", "\\", "%_%", "\x00", "a\x00bcd", "x" * 300],
)  # fmt: skip
def test_search_syntax_in_the_query_never_fails(client, q):
    f.statement(summary="A remark with (brackets), * stars, \"quotes\" and 'apostrophes'.")
    assert client.get("/search/", {"q": q}).status_code == 200
    assert client.get("/statements/", {"q": q}).status_code == 200


@sqlite_only
def test_search_syntax_in_the_query_is_matched_as_plain_text(client):
    f.statement(summary='He said "no" to NEAR(talks) AND walked out - twice*.')
    f.statement(summary="Nothing to see")
    for q in ('"no"', "NEAR(talks)", "AND walked", "out - twice*", 'said "'):
        html = client.get("/search/", {"q": q}).content.decode()
        assert "walked out" in html, q
        assert "Nothing to see" not in html, q
    html = client.get("/search/", {"q": "NEAR(walked"}).content.decode()
    assert "walked out" not in html


@sqlite_only
def test_one_and_two_character_queries_still_find_substrings(client):
    f.meeting(summary="Talks in Brussels", location="EU")
    f.statement(summary="Mid-word ex example")
    f.event("Nothing here")
    html = client.get("/search/", {"q": "eu"}).content.decode()
    assert "Talks in Brussels" in html and "Nothing here" not in html
    html = client.get("/search/", {"q": "x"}).content.decode()
    assert "Mid-word ex example" in html and "Nothing here" not in html


@sqlite_only
def test_non_ascii_text_is_found_in_any_case(client):
    f.statement(summary="Zürich and ÉVIAN talks")
    assert "Zürich and ÉVIAN talks" in client.get("/search/", {"q": "évian"}).content.decode()
    assert "Zürich and ÉVIAN talks" in client.get("/search/", {"q": "ZÜRICH"}).content.decode()


@sqlite_only
@pytest.mark.parametrize(
    ("url", "make", "words"),
    [
        ("/statements/", lambda: f.statement(summary="Sanctions on banks"), "Sanctions on banks"),
        (
            "/responses/",
            lambda: f.response(summary="A reply", responds_to="the banking sanctions"),
            "the banking sanctions",
        ),
        (
            "/meetings/",
            lambda: f.meeting(summary="Talks on banks", location="Sanctions hall"),
            "Talks on banks",
        ),
        ("/events/", lambda: f.event("Banking sanctions adopted"), "Banking sanctions adopted"),
    ],
)
def test_the_words_filter_of_each_list_page_finds_substrings(client, url, make, words):
    make()
    f.statement(summary="Nothing on that")
    f.response(summary="Nothing on that")
    f.meeting(summary="Nothing on that")
    f.event("Nothing on that")
    html = client.get(url, {"q": "ANCTION"}).content.decode()
    assert words in html
    assert "Nothing on that" not in html
    assert "Nothing on that" in client.get(url, {"q": "on tha"}).content.decode()


def test_the_words_filter_combines_with_the_other_filters_and_finds_names(client):
    jensen = f.actor("Mette Jensen")
    f.statement(jensen, summary="Backs the grain deal", stance="supports")
    f.statement(jensen, summary="Rejects the tariffs", stance="opposes")
    f.statement(summary="Someone else backs it", stance="supports")
    html = client.get("/statements/", {"q": "Jensen", "stance": "supports"}).content.decode()
    assert "Backs the grain deal" in html
    assert "Rejects the tariffs" not in html and "Someone else backs it" not in html
    f.meeting([jensen, f.actor("Other person")], summary="Talks with Jensen's team")
    f.meeting(summary="Talks without her")
    html = client.get("/meetings/", {"q": "mette"}).content.decode()
    assert "Talks with Jensen" in html and "Talks without her" not in html


def test_search_results_are_kept_until_an_edit(client, settings):
    settings.COVERAGE_PAGE_CACHE = False  # search's own cache, not the whole page's
    f.statement(summary="First remark on tariffs", date=dt.date(2025, 9, 1))
    f.statement(summary="Older remark on tariffs", date=dt.date(2024, 9, 1))
    first = selectors.search("tariffs")
    with CaptureQueriesContext(connection) as again:
        repeat = selectors.search("tariffs")
    # Neither counted nor matched again: the same rows looked up by key, in the same order.
    assert not any(
        word in q["sql"] for q in again.captured_queries for word in ("COUNT(*)", "MATCH", "@@")
    )
    assert [s.summary for s in repeat.statements] == [s.summary for s in first.statements]
    assert [s.summary for s in repeat.statements] == [
        "First remark on tariffs",
        "Older remark on tariffs",
    ]
    assert repeat.counts == first.counts and repeat.counts["statements"] == 2
    f.statement(summary="Second remark on tariffs")  # an edit: a new generation
    html = client.get("/search/", {"q": "tariffs"}).content.decode()
    assert '<span class="count">3</span>' in html and "Second remark on tariffs" in html
    first.statements[0].review_state = ReviewState.HIDDEN
    first.statements[0].save()
    html = client.get("/search/", {"q": "tariffs"}).content.decode()
    assert '<span class="count">2</span>' in html and "First remark on tariffs" not in html
