"""Every date shape is found whatever word it starts with (the scan skips other words early)."""

import datetime as dt

import pytest

from coverage.extract.dates import DateContext, find_dates

PUBLISHED = dt.date(2025, 9, 3)  # a Wednesday

SHAPES = [
    "2025-09-01",
    "1 September 2025",
    "September 1st, 2025",
    "Sept. 1",
    "February 2022",
    "2001",
    "in June",
    "In June",
    "since March",
    "Since March",
    "until May",
    "by April",
    "early July",
    "late August",
    "today",
    "Today",
    "TODAY",
    "yesterday",
    "Yesterday",
    "tomorrow",
    "Tonight",
    "earlier this month",
    "Earlier this year",
    "later this week",
    "last week",
    "Last month",
    "this year",
    "This week",
    "next month",
    "Next year",
    "on Monday",
    "On Tuesday",
    "last Friday",
    "This Saturday",
    "next Sunday",
    "Thursday",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_date_shape_is_found_as_the_whole_phrase(shape):
    text = f"Leaders said {shape}, as expected."
    found = find_dates(text, 0, len(text), DateContext(published=PUBLISHED))
    assert [text[d.start : d.end] for d in found] == [shape]
