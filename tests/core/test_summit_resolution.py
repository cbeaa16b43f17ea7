"""Articles about one summit, from several outlets, in any order: one summit."""

from __future__ import annotations

import itertools

import pytest
from django.db import IntegrityError

from coverage.models import Document, Summit
from coverage.services import document_ingest
from coverage.sources import SourceText

# Three outlets' reports of one summit, written for these tests: a dateline in the host city;
# a dateline elsewhere naming the host in the lead; a dateline that is only a date.
HOST_DATELINE = """SCO leaders close two-day meeting

TIANJIN, China, Sept 1 (Wire) – Leaders of the Shanghai Cooperation Organisation closed \
their summit in Tianjin on 1 September 2025 with a joint declaration on trade.

Chinese President Xi Jinping said the bloc "must stand together against pressure"."""

ELSEWHERE_DATELINE = """Putin and Xi meet as the SCO gathers

BEIJING, Aug 31 (Daily) – The SCO summit in Tianjin opened on 31 August 2025, with \
Russian President Vladimir Putin among more than twenty leaders.

Putin said the talks were "useful and frank"."""

DATE_DATELINE = """A bloc of twenty leaders

August, 2025 – Leaders of the Shanghai Cooperation Organisation opened their summit on \
31 August 2025, the largest gathering in the bloc's history.

Indian Prime Minister Narendra Modi said India "values the partnership"."""

OTHER_YEAR = """SCO leaders meet in Astana

ASTANA, Kazakhstan, July 4 (Wire) – Leaders of the Shanghai Cooperation Organisation \
closed their summit in Astana on 4 July 2024.

Putin said the meeting was "a success"."""

OTHER_CITY_SAME_YEAR = """An extraordinary meeting

MOSCOW, Russia, Dec 10 (Wire) – Leaders of the Shanghai Cooperation Organisation held an \
extraordinary summit in Moscow on 10 December 2025.

Putin said the summit was "necessary"."""


def ingest(text: str, name: str) -> Document:
    source = SourceText(text=text, filename=f"{name}.txt", format="text")
    return document_ingest(source=source).document


ONE_SUMMIT = {"host": HOST_DATELINE, "elsewhere": ELSEWHERE_DATELINE, "date": DATE_DATELINE}


@pytest.mark.parametrize("order", list(itertools.permutations(ONE_SUMMIT)))
def test_three_outlets_reports_of_one_summit_give_one_summit_in_any_order(lexicon, order):
    documents = [ingest(ONE_SUMMIT[name], name) for name in order]
    assert Summit.objects.count() == 1
    summit = Summit.objects.get()
    assert {d.summit_id for d in documents} == {summit.pk}
    assert summit.name == "SCO summit 2025, Tianjin"
    assert summit.host_city == "Tianjin"
    assert (str(summit.start_date), str(summit.end_date)) == ("2025-08-31", "2025-09-01")


def test_a_summit_is_never_named_after_a_month_in_the_dateline(lexicon):
    summit = ingest(DATE_DATELINE, "date").summit
    assert summit.name == "SCO summit 2025"
    assert summit.host_city == ""


def test_a_report_filed_elsewhere_names_the_host_city_from_its_lead(lexicon):
    assert ingest(ELSEWHERE_DATELINE, "elsewhere").summit.host_city == "Tianjin"


def test_a_later_report_with_the_city_completes_a_summit_first_known_without_one(lexicon):
    first = ingest(DATE_DATELINE, "date").summit
    second = ingest(HOST_DATELINE, "host").summit
    assert second == first
    first.refresh_from_db()
    assert (first.name, first.host_city) == ("SCO summit 2025, Tianjin", "Tianjin")


def test_another_year_gives_another_summit(lexicon):
    tianjin = ingest(HOST_DATELINE, "host").summit
    astana = ingest(OTHER_YEAR, "astana").summit
    assert astana != tianjin
    assert astana.name == "SCO summit 2024, Astana"


def test_a_contradicting_host_city_gives_another_summit(lexicon):
    tianjin = ingest(HOST_DATELINE, "host").summit
    moscow = ingest(OTHER_CITY_SAME_YEAR, "moscow").summit
    assert moscow != tianjin
    assert moscow.name == "SCO summit 2025, Moscow"
    # and a report without a city, dated in the Tianjin days, joins Tianjin, not Moscow
    assert ingest(DATE_DATELINE, "date").summit == tianjin


def test_a_cityless_summit_dated_months_away_is_not_joined(lexicon):
    moscow = ingest(OTHER_CITY_SAME_YEAR, "moscow").summit
    undated_city = ingest(DATE_DATELINE, "date").summit
    assert undated_city != moscow


def test_the_database_refuses_a_second_summit_of_one_organisation_year_and_city(lexicon):
    summit = ingest(HOST_DATELINE, "host").summit
    with pytest.raises(IntegrityError):
        Summit.objects.create(
            name="Another",
            slug="another",
            organisation=summit.organisation,
            year=2025,
            host_city="TIANJIN",
        )
