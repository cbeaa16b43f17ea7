import datetime as dt

from coverage.extract.dates import DateContext, build_context, find_dates
from coverage.extract.types import FuzzyDate


def dates(text: str, published: dt.date | None = None, default_year: int | None = None):
    ctx = DateContext(published=published, default_year=default_year)
    return [(text[d.start : d.end], d.date) for d in find_dates(text, 0, len(text), ctx)]


def only(text: str, **kwargs) -> FuzzyDate:
    found = dates(text, **kwargs)
    assert len(found) == 1, found
    return found[0][1]


def test_a_bare_year_has_year_precision():
    assert only("Founded in 2001, the bloc grew.") == FuzzyDate(2001)


def test_month_and_year_have_month_precision():
    assert only("the February 2022 launch") == FuzzyDate(2022, 2)


def test_full_dates_in_both_orders_have_day_precision():
    assert only("concluding September 1st, 2025") == FuzzyDate(2025, 9, 1)
    assert only("on 1 September 2025") == FuzzyDate(2025, 9, 1)
    assert only("on 2023-08-22") == FuzzyDate(2023, 8, 22)


def test_a_date_without_year_takes_the_published_year():
    assert only("on Sept. 3", published=dt.date(2023, 10, 1)) == FuzzyDate(2023, 9, 3)


def test_a_date_after_publication_is_projected():
    assert only("on Sept. 3", published=dt.date(2023, 5, 1)) == FuzzyDate(2023, 9, 3, True)
    jan = only("in January 2025", published=dt.date(2024, 10, 11))
    assert jan == FuzzyDate(2025, 1, None, True)


def test_a_date_without_year_falls_back_to_the_document_year():
    assert only("a parade on September 3rd", default_year=2025) == FuzzyDate(2025, 9, 3)


def test_by_the_end_of_a_year_is_projected():
    assert only("to reach $250 billion by the end of 2025") == FuzzyDate(2025, projected=True)


def test_money_amounts_and_decades_are_not_years():
    assert dates("spent $2024 million in the 2020s") == []


def test_relative_dates_resolve_against_the_published_date():
    wednesday = dt.date(2023, 8, 23)
    assert only("today", published=wednesday) == FuzzyDate(2023, 8, 23)
    assert only("yesterday", published=wednesday) == FuzzyDate(2023, 8, 22)
    assert only("on Monday", published=wednesday) == FuzzyDate(2023, 8, 21)
    assert only("last month", published=wednesday) == FuzzyDate(2023, 7)
    assert only("later this year", published=wednesday) == FuzzyDate(2023, projected=True)


def test_relative_dates_without_a_published_date_are_dropped():
    assert dates("The summit concluded today.") == []


def test_a_month_alone_after_in_takes_the_context_year():
    assert only("Finland joined in April.", published=dt.date(2023, 7, 11)) == FuzzyDate(2023, 4)


def test_the_published_date_is_read_from_a_dateline():
    text = "Headline\nWASHINGTON, June 22, 2023 – The prime minister arrived."
    ctx = build_context(text, None, [(9, len(text))])
    assert ctx.published == dt.date(2023, 6, 22)


def test_the_published_date_is_read_from_a_published_label():
    text = "Headline\nPublished: 7 September 2023\nLeaders met."
    ctx = build_context(text, None, [(9, 36)])
    assert ctx.published == dt.date(2023, 9, 7)


def test_a_year_less_dateline_takes_the_latest_year_of_the_text():
    text = "Headline\nNEW DELHI, Sept. 9 — Leaders met at their 2023 summit."
    ctx = build_context(text, None, [(9, len(text))])
    assert ctx.published == dt.date(2023, 9, 9)


def test_a_wire_dateline_without_year_takes_the_year_of_its_weekday(extract):
    text = "NATO\nWASHINGTON, July 10 (Reuters) - NATO leaders on Wednesday met at their summit.\n"
    assert extract(text).published == FuzzyDate(2024, 7, 10)


def test_an_emphasised_updated_line_gives_the_published_date(extract):
    text = "# Live\n\n*Updated 22 November 2025, 18:05 SAST*\n\nLeaders met on Saturday.\n"
    assert extract(text).published == FuzzyDate(2025, 11, 22)


def test_a_day_range_starts_on_its_first_day():
    assert only("the summit of 28-30 June 2022") == FuzzyDate(2022, 6, 28)


def test_a_wire_dateline_with_a_country_and_no_year(extract):
    text = "G7\nELMAU, Germany, June 28 (Reuters) - Leaders pledged on Tuesday to act.\n"
    assert extract(text).published == FuzzyDate(2022, 6, 28)


def test_a_weekday_in_the_future_tense_is_the_coming_one_and_projected(extract):
    import datetime as dt

    text = "Summit\n\nPutin will host African leaders for a summit on Thursday.\n"
    x = extract(text, published=dt.date(2023, 7, 25))
    [summit] = [e for e in x.events if e.kind == "summit"]
    assert (summit.date.iso(), summit.date.projected) == ("2023-07-27", True)


def test_a_plan_agreed_in_the_past_is_not_projected(extract):
    text = (
        "Summit\n\nLeaders backed the plan which the generals had agreed to during an "
        "emergency summit in April 2021.\n"
    )
    dates = [e.date for e in extract(text).events]
    assert dates and all(not d.projected for d in dates)


def test_a_weekday_said_in_the_future_on_that_very_day_is_still_projected(extract):
    text = "Summit\n\nThe prime minister will on Friday host island leaders for a summit in Suva.\n"
    x = extract(text, published=dt.date(2024, 3, 8))  # a Friday
    [summit] = [e for e in x.events if e.kind == "summit"]
    assert (summit.date.iso(), summit.date.projected) == ("2024-03-08", True)


def test_a_future_verb_far_before_its_weekday_still_makes_it_the_coming_one(extract):
    text = (
        "Visit\n\nThe chancellor is due to hold a state visit with the new and popular president "
        "of the Andean republic and his delegation in Quito on Tuesday.\n"
    )
    x = extract(text, published=dt.date(2024, 3, 8))  # a Friday
    [visit] = [e for e in x.events if e.kind == "visit"]
    assert (visit.date.iso(), visit.date.projected) == ("2024-03-12", True)


def test_a_past_verb_between_a_future_one_and_the_weekday_takes_the_weekday(extract):
    text = (
        "Visit\n\nTrade between the two republics will grow strongly over the coming "
        "decade thanks to the new corridor, the chancellor said on Tuesday during her visit.\n"
    )
    x = extract(text, published=dt.date(2024, 3, 8))  # a Friday
    [visit] = [e for e in x.events if e.kind == "visit"]
    assert (visit.date.iso(), visit.date.projected) == ("2024-03-05", False)


def test_looking_forward_to_today_is_still_to_come(extract):
    text = "Talks\n\nThe premier wrote that he was looking forward to today's talks in Lima.\n"
    x = extract(text, published=dt.date(2024, 3, 8))
    [talks] = x.events
    assert (talks.date.iso(), talks.date.projected) == ("2024-03-08", True)


def test_years_ago_count_back_from_the_published_year():
    published = dt.date(2025, 6, 24)
    assert only("Sweden joined the alliance two years ago.", published=published) == FuzzyDate(2023)
    assert only("They last met a year ago.", published=published) == FuzzyDate(2024)
    assert only("signed 14 months ago", published=published) == FuzzyDate(2024, 4)


def test_a_rough_count_of_years_ago_is_no_date():
    published = dt.date(2025, 6, 24)
    assert dates("ties set up more than three years ago", published=published) == []
    assert dates("a pact signed over two years ago", published=published) == []


def test_a_week_is_dated_by_its_month():
    wednesday = dt.date(2024, 8, 28)
    assert only("this week", published=wednesday) == FuzzyDate(2024, 8)
    assert only("next week", published=wednesday) == FuzzyDate(2024, 9, projected=True)
    assert only("later this week", published=wednesday) == FuzzyDate(2024, 8, projected=True)


def test_a_month_followed_by_last_or_next_year_takes_that_year():
    published = dt.date(2026, 4, 10)
    assert dates("He first came in November last year.", published=published)[0] == (
        "in November",
        FuzzyDate(2025, 11),
    )
    assert dates("They met on May 2 the previous year.", published=published)[0] == (
        "May 2",
        FuzzyDate(2025, 5, 2),
    )
    assert dates("The fair opens in March next year.", published=published)[0][1] == FuzzyDate(
        2027, 3, projected=True
    )


def test_earlier_or_later_in_the_day_is_the_published_day():
    friday = dt.date(2026, 3, 6)
    assert only("She landed earlier in the day.", published=friday) == FuzzyDate(2026, 3, 6)
    assert only("Earlier today the talks began.", published=friday) == FuzzyDate(2026, 3, 6)
    assert only("They sign it later today.", published=friday) == FuzzyDate(
        2026, 3, 6, projected=True
    )


def test_a_day_still_to_come_on_the_day_of_writing_is_projected():
    day = dt.date(2024, 4, 9)
    assert only("The gala was set to take place later in the day.", published=day) == FuzzyDate(
        2024, 4, 9, True
    )
    assert only("Today, the ministers will sign the accord.", published=day) == FuzzyDate(
        2024, 4, 9, True
    )


def test_a_day_that_is_not_fronted_before_will_is_the_day_of_writing():
    day = dt.date(2024, 4, 9)
    assert only("What we agree today will shape the decade.", published=day) == FuzzyDate(
        2024, 4, 9
    )
    assert only("Later in the day, the ministers signed the accord.", published=day) == FuzzyDate(
        2024, 4, 9
    )


def test_a_date_over_before_publication_is_not_projected():
    day = dt.date(2024, 5, 10)
    assert only("Talks were expected to open on 3 May 2024.", published=day) == FuzzyDate(
        2024, 5, 3
    )


def test_a_date_told_by_its_distance_from_the_last_one_counts_from_it(extract):
    text = (
        "Talks\n\nThe ministers met in Oslo on 3 May 2024. "
        "Later that day, they signed the pact.\n\n"
        "The border was closed in March 2021. The envoy's visit came a month later.\n\n"
        "The accord dates from 1971. Eight years later, the two states established relations.\n"
    )
    found = {(e.kind, e.date.iso()) for e in extract(text).events}
    assert {("agreement", "2024-05-03"), ("visit", "2021-04"), ("founding", "1979")} <= found


def test_a_distance_from_no_earlier_date_dates_nothing(extract):
    import datetime as dt

    text = "Visit\n\nThe envoy's visit to Lima took place the day before.\n"
    assert extract(text, published=dt.date(2024, 9, 3)).events == []
