"""A summit sentence giving a year and a day: one event, on the day."""

import datetime as dt


def test_a_year_made_precise_by_a_day_in_the_same_sentence_is_one_event_on_the_day(extract):
    text = (
        "Allies meet\n\nOTTAWA (Wire) - The 2026 NATO summit is being held in Ankara on July "
        "7-8 with 32 leaders."
    )
    x = extract(text, published=dt.date(2026, 7, 7))
    assert [(e.kind, e.date.iso()) for e in x.events] == [("summit", "2026-07-07")]
    assert x.summit.city == "Ankara"


def test_a_visit_told_by_its_year_and_its_day_is_one_visit_on_the_day(extract):
    text = "Ruto in China\n\nNAIROBI (Wire) - Ruto's 2025 state visit to China began on April 22."
    x = extract(text, published=dt.date(2025, 4, 23))
    assert [(e.kind, e.date.iso()) for e in x.events] == [("visit", "2025-04-22")]


def test_a_future_date_does_not_set_the_year_the_article_is_written_in(extract):
    text = (
        "Bloc grows\n\nThe BRICS summit closed on Thursday with six new members.\n\n"
        "Talks on it had begun in 2022.\n\n"
        "“The membership will take effect from 1 January 2024,” the chair said."
    )
    x = extract(text)
    assert x.summit.year == 2022
    assert [e.date.iso() for e in x.events if e.kind == "summit"] == ["2022"]
