"""The host city of a summit: never a month, a weekday or a dateline's filler word."""

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
