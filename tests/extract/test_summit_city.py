"""The host city of a summit: never a month, a weekday or a dateline's filler word."""

import datetime as dt

import pytest

LEAD = "Leaders of the Shanghai Cooperation Organisation opened their summit on 31 August 2025."


@pytest.mark.parametrize(
    "dateline",
    ["August, 2025 –", "Monday, September 1 –", "In August –", "Sunday –", "Updated Aug 31 –"],
)
def test_a_dateline_that_is_a_date_names_no_city(extract, dateline):
    summit = extract(f"Leaders gather\n\n{dateline} {LEAD}").summit
    assert summit.organisation == "Shanghai Cooperation Organisation"
    assert summit.city == ""


def test_the_summit_named_in_the_lead_beats_a_dateline_filed_elsewhere(extract):
    text = (
        "Leaders gather\n\nBEIJING, Aug 31 (Wire) – The SCO summit in Tianjin opened on "
        "31 August 2025 with twenty leaders."
    )
    assert extract(text).summit.city == "Tianjin"


def test_a_dateline_city_still_names_the_host(extract):
    assert extract(f"Leaders gather\n\nTIANJIN, China – {LEAD}").summit.city == "Tianjin"


def test_a_summit_in_the_city_of_names_that_city_not_the_dateline(extract):
    text = (
        "Protest lodged\n\nSEOUL, June 3 (Wire) – Pyongyang protested about remarks made at the "
        "NATO summit in the Lithuanian capital of Vilnius."
    )
    summit = extract(text).summit
    assert summit.city == "Vilnius"
    assert summit.country != "South Korea"


def test_a_summit_of_the_organisation_in_a_city_names_that_city(extract):
    text = (
        "Leaders gather\n\n"
        "The talks took place on the sidelines of a summit of the Group of 20 major economies "
        "in the Japanese city of Kobe on 28 June 2019."
    )
    assert extract(text).summit.city == "Kobe"


def test_a_city_of_a_long_past_meeting_is_not_the_summits(extract):
    text = (
        "Leaders gather\n\n"
        "Leaders of the G20 opened their summit on 28 June 2019.\n\n"
        "Xi recalled the 1971 meeting in Nagoya between table tennis players."
    )
    summit = extract(text, published=dt.date(2019, 6, 29)).summit
    assert summit.organisation == "G20"
    assert summit.city == ""


def test_a_summit_in_a_state_names_the_state_not_a_city(extract):
    text = "Leaders gather\n\nOn the sidelines of the G20 summit in Japan, the talks ran long."
    summit = extract(text).summit
    assert (summit.city, summit.country) == ("", "Japan")


def test_a_summit_in_a_capital_still_names_the_city(extract):
    text = (
        "Leaders gather\n\nThe four leaders spoke after their Quad summit in Tokyo on 24 May 2022."
    )
    assert extract(text).summit.city == "Tokyo"


def test_a_summit_named_by_its_city_beats_a_dateline_filed_elsewhere(extract):
    text = (
        "Beijing rejects NATO Vilnius Summit Declaration\n\n"
        "BEIJING (Wire) - The 2023 Vilnius Summit is being held in the Lithuanian capital on "
        "July 11-12, NATO said."
    )
    assert extract(text).summit.city == "Vilnius"


@pytest.mark.parametrize(
    "phrase", ["the Samoan summit", "the APEC CEO Summit", "the G20 Leaders Summit"]
)
def test_a_summit_named_by_who_or_what_names_no_city(extract, phrase):
    text = f"Leaders gather\n\nLeaders of the G20 gathered on 12 May 2024 for {phrase}."
    assert extract(text).summit.city == ""
