"""Whose summit an article reports: the organisation whose leaders gathered, never one named
only as some official's employer."""

import datetime as dt

GATHERED = (
    "A fairer order, says Beijing\n\nBy our correspondent\n\n"
    "When the leaders of the Collective Security Treaty Organization gathered in Minsk on "
    "November 28, the talk was of borders.\n\n"
    "Alexander Lukashenko said the bloc had to stay united.\n\n"
    "In Brussels, the EU's foreign policy chief, Josep Borrell, said Europe was watching the "
    'summit "closely".'
)


def test_the_organisation_whose_leaders_gathered_holds_the_summit(extract):
    assert extract(GATHERED).summit.organisation == "Collective Security Treaty Organization"


def test_a_summit_of_the_organisation_still_names_it(extract):
    text = "Leaders meet\n\nThe summit of the Collective Security Treaty Organization opened."
    assert extract(text).summit.organisation == "Collective Security Treaty Organization"


def test_a_press_conference_is_no_summit_of_the_organisation_named_most(extract):
    text = (
        "Washington rebukes Ankara\n\n"
        "The State Department on Tuesday criticised Turkey during a press conference, "
        "after its president said NATO was to blame.\n\n"
        "The European Union should stay out of it, he said.\n\n"
        "Secretary of State Antony Blinken said the remarks were wrong."
    )
    x = extract(text)
    assert x.summit is None


# A visit or bilateral meeting with an earlier or later summit in the background: no summit.
FILLER = (
    "The two delegations spent the morning on trade, energy and shipping routes, and the "
    "afternoon on a long list of smaller agreements that officials had prepared for months. "
    "Both sides called the talks frank, and aides said a joint statement was being drafted. "
    "Business leaders travelling with the delegation met their hosts over lunch at the port. "
) * 2


def test_a_summit_where_the_leaders_previously_met_is_not_the_articles(extract):
    text = (
        "Modi lands in Lisbon for talks\n\n"
        "Indian Prime Minister Narendra Modi arrived in Lisbon on Tuesday for talks with his "
        "Portuguese counterpart.\n\n"
        "The two leaders previously met on the sidelines of the G20 summit in Rome."
    )
    assert extract(text, published=dt.date(2025, 3, 4)).summit is None


def test_a_summit_dated_in_an_earlier_year_is_background(extract):
    text = (
        "Trump and Xi open talks in Lima\n\n"
        "Donald Trump and Xi Jinping began their meeting in Lima on Thursday.\n\n"
        "It is their first encounter since June 2019, when they met on the sidelines of the "
        "G20 summit in Osaka."
    )
    assert extract(text, published=dt.date(2025, 10, 30)).summit is None


def test_a_summit_months_before_the_visit_is_background(extract):
    text = (
        "Modi arrives in Lisbon\n\n"
        "Indian Prime Minister Narendra Modi arrived in Lisbon on Friday for a two-day visit.\n\n"
        "In June, Modi met the Portuguese prime minister in Italy during a G7 summit."
    )
    assert extract(text, published=dt.date(2024, 8, 23)).summit is None


def test_a_late_sentence_timing_a_visit_by_a_summit_names_no_summit(extract):
    text = (
        "Hungarian Prime Minister Viktor Orban met Xi Jinping in Beijing on Monday to discuss "
        "trade.\n\n" + FILLER + "\n\n"
        "The trip came just days before a NATO summit on air defence."
    )
    assert extract(text, published=dt.date(2024, 7, 8)).summit is None


def test_the_headline_timing_arrivals_by_the_summit_still_names_it(extract):
    text = (
        "Leaders arrive ahead of NATO summit\n\n"
        "Presidents and prime ministers landed in Vilnius on Monday."
    )
    assert extract(text, published=dt.date(2023, 7, 10)).summit.organisation == "NATO"


def test_an_organisation_named_once_in_passing_is_no_summits_host(extract):
    text = (
        "Peace summit ends without a deal\n\n"
        "The peace summit at the lakeside resort closed on Sunday without agreement.\n\n"
        + FILLER
        + "\n\nDiplomats from forty countries attended, together with United Nations officials."
    )
    assert extract(text, published=dt.date(2024, 6, 16)).summit is None


def test_an_organisation_named_inside_another_name_is_no_summits_host(extract):
    text = (
        "Peace summit ends\n\n"
        "The hosts hailed the summit's communiqué as a signal for peace under the UN Charter."
    )
    assert extract(text, published=dt.date(2024, 6, 16)).summit is None


def test_an_organisation_named_once_in_the_lead_still_holds_the_summit(extract):
    text = (
        "Leaders of the Group of 20 countries said they would phase out coal.\n\n"
        "The conclusions of their summit in Rome were agreed on Sunday."
    )
    assert extract(text, published=dt.date(2021, 10, 31)).summit.organisation == "G20"


def test_a_summit_is_not_dated_by_the_year_its_organisation_first_met(extract):
    text = (
        "Summit opens in Lima\n\n"
        "APEC leaders gathered in Lima, where APEC ministers had met all week.\n\n"
        "The United States kicked off annual APEC summits in 1993."
    )
    summit = extract(text, published=dt.date(2024, 11, 15)).summit
    assert summit.organisation == "Asia-Pacific Economic Cooperation"
    assert summit.year == 2024
    assert summit.date is None or summit.date.year == 2024


def test_a_quoted_earlier_date_does_not_date_this_years_summit(extract):
    text = (
        "ASEAN leaders meet\n\n"
        '"The plan agreed by ASEAN leaders on April 24, 2021 stands," the chair said at the '
        "ASEAN summit in Jakarta on 5 September 2023."
    )
    summit = extract(text, published=dt.date(2023, 9, 5)).summit
    assert (summit.date.year, summit.date.month, summit.date.day) == (2023, 9, 5)
