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
    # neither the future year nor the bare year of history ("had begun in 2022") dates it
    assert x.summit.year is None
    assert [e for e in x.events if e.kind == "summit"] == []


def test_a_bare_year_of_history_does_not_date_a_day_without_a_year(extract):
    text = (
        "Forum meets\n\nThe ASEAN summit opened in Vientiane on October 8.\n\n"
        "The bloc admitted Cambodia in 1999 and sealed its charter in 2007.\n"
    )
    x = extract(text)
    assert all(e.date.year != 2007 for e in x.events if e.kind == "summit")


def test_a_day_without_a_year_takes_the_year_a_full_date_states(extract):
    text = (
        "Forum meets\n\nThe ASEAN summit opened in Vientiane on October 8.\n\n"
        "Leaders had met in Jakarta on 5 September 2024, and the bloc sealed its charter in "
        "2007.\n"
    )
    x = extract(text)
    assert ("summit", "2024-10-08") in [(e.kind, e.date.iso()) for e in x.events]
