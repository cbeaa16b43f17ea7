import datetime as dt


def events(extraction):
    return [
        (e.kind, e.date.iso() if e.date else None, e.date.projected if e.date else None)
        for e in extraction.events
    ]


def test_a_founding_year_is_a_year_event(extract):
    found = events(extract("Title\nFounded in 2001, the bloc grew."))
    assert found == [("founding", "2001", False)]


def test_a_parade_date_takes_the_year_from_the_document(extract):
    text = (
        "Title\nA military parade in Beijing on September 3rd will follow.\n"
        "The visit ended on September 1st, 2025."
    )
    x = extract(text)
    assert ("parade", "2025-09-03", False) in events(x)
    parade = next(e for e in x.events if e.kind == "parade")
    assert parade.location == "Beijing"


def test_a_visit_keyword_in_the_previous_clause_dates_the_visit(extract):
    text = "Title\nPutin’s recent visit to China, concluding September 1st, 2025, was long."
    x = extract(text)
    assert events(x) == [("visit", "2025-09-01", False)]
    assert x.events[0].location == "China"


def test_economic_figures_and_projections(extract):
    text = (
        "Title\nTrade has surged, exceeding $200 billion in 2024, and is projected to reach "
        "$250 billion by the end of 2025."
    )
    assert events(extract(text)) == [
        ("economic_figure", "2024", False),
        ("economic_figure", "2025", True),
    ]


def test_a_date_without_event_keyword_is_no_event(extract):
    assert extract("Title\nThe weather on 3 May 2024 was fine.").events == []


def test_a_keyword_in_a_later_clause_with_its_own_date_is_not_borrowed(extract):
    text = (
        "Title\nPublished: 7 September 2023\nTimor-Leste, granted observer status last year, "
        "is expected to join the bloc by 2025."
    )
    assert events(extract(text)) == [("accession", "2025", True)]


def test_the_summit_is_an_event_dated_by_the_published_date(extract):
    text = "Summit\nJOHANNESBURG, August 24, 2023 – The BRICS summit ended today in Johannesburg."
    x = extract(text)
    assert x.summit.organisation == "BRICS" and x.summit.city == "Johannesburg"
    assert events(x)[0] == ("summit", "2023-08-24", False)


def test_without_a_date_the_summit_takes_the_document_year(sample):
    summit = sample.events[0]
    assert summit.kind == "summit" and summit.date.iso() == "2025"


def test_membership_table_rows_are_accession_events_except_founders(sample_text, sample):
    rows = [
        (sample_text[e.start : e.end], e.date.iso()) for e in sample.events if e.kind == "accession"
    ]
    assert rows == [
        ("| India | 2017 |", "2017"),
        ("| Pakistan | 2017 |", "2017"),
        ("| Iran | 2023 |", "2023"),
    ]


def test_event_titles_are_short_and_built_from_the_text(sample):
    for e in sample.events:
        assert 0 < len(e.title) <= 100


def test_a_dateline_city_with_particles_and_its_country(extract):
    text = (
        "G20 summit opens\nRio de Janeiro, Brazil — 18 November 2024\nThe G20 summit opened today."
    )
    x = extract(text)
    assert (x.summit.city, x.summit.country) == ("Rio de Janeiro", "Brazil")
    assert x.published.iso() == "2024-11-18"
    assert events(x)[0] == ("summit", "2024-11-18", False)


def test_the_summit_date_is_the_story_date_not_the_dateline(extract):
    text = (
        "G7 summit\nBORGO EGNAZIA, Italy, June 14, 2024 – The G7 summit opened on Thursday "
        "in southern Italy."
    )
    x = extract(text)
    assert x.published.iso() == "2024-06-14"
    assert x.summit.date.iso() == "2024-06-13"


def test_a_declaration_adopted_at_the_summit_is_the_summit_event(extract):
    text = (
        "G20\nNEW DELHI, Sept. 9, 2023 — G20 leaders adopted a declaration on Saturday at "
        "their summit in New Delhi."
    )
    assert [e.kind for e in extract(text).events] == ["summit"]


def test_an_amount_governed_by_agreed_is_an_agreement(extract):
    text = (
        "G7\nBORGO EGNAZIA, Italy, June 14, 2024 – Leaders of the Group of Seven agreed on "
        "Thursday to lend Ukraine $50 billion, as the summit opened.\n"
    )
    kinds = {e.kind for e in extract(text).events}
    assert "agreement" in kinds and "economic_figure" not in kinds


def test_the_summit_retold_is_not_another_event(extract):
    text = (
        "ASEAN summit\nThe ASEAN summit in Vientiane opened on October 8, 2024.\n"
        '"We cannot ignore the sea," Marcos told fellow leaders at the summit on Thursday.\n'
        "Malaysia will host the next ASEAN summit in May 2025."
    )
    x = extract(text)
    summits = [(e.date.iso(), e.date.projected) for e in x.events if e.kind == "summit"]
    assert summits == [("2024-10-08", False), ("2025-05", True)]
    assert x.summit.city == "Vientiane"


def test_the_summit_word_modifying_a_noun_is_the_summit_again(extract):
    text = (
        "ASEAN summit\nThe ASEAN summit in Vientiane opened on October 8, 2024.\n"
        "On Monday, summit host Sonexay Siphandone urged leaders to act on the sea.\n"
        "Roads near the summit venue were closed from Sunday.\n"
        "The summit ended on Friday.\n"
    )
    x = extract(text, published=dt.date(2024, 10, 12))
    summits = [(e.date.iso(), e.date.projected) for e in x.events if e.kind == "summit"]
    assert summits == [("2024-10-08", False), ("2024-10-11", False)]


def _titles(extract, body: str) -> dict[str, str]:
    import datetime as dt

    x = extract("Report\n" + body, published=dt.date(2024, 6, 14))
    return {e.kind: e.title for e in x.events}


def test_event_titles_are_clean_phrases_built_from_the_sentence(extract):
    titles = _titles(
        extract,
        "Two-way trade has grown fast, exceeding $90 billion in 2023, and is projected to "
        "reach $120 billion by the end of 2026.\n"
        "The forum also precedes a naval parade in Lisbon on June 3rd, 2025, marking the end "
        "of the talks.\n"
        "Leaders of the Group of Seven agreed on Thursday to lend Ukraine $50 billion, "
        "officials said.\n"
        "Estonia formally joined the bloc on 4 July 2024.",
    )
    assert titles["parade"] == "Naval parade in Lisbon"
    assert titles["agreement"] == "Group of Seven agreed to lend Ukraine $50 billion"
    assert titles["accession"] == "Estonia joined the bloc"
    assert titles["economic_figure"] in (
        "Two-way trade exceeding $90 billion",
        "Two-way trade projected to reach $120 billion",
    )


def test_a_place_told_again_after_the_date_is_left_out_of_the_title(extract):
    titles = _titles(
        extract, "The fleet held a naval parade in Lisbon on June 3 2024 in Lisbon, Portugal.\n"
    )
    assert titles["parade"] == "Naval parade in Lisbon"


def test_event_titles_never_end_on_a_function_word(extract, sample):
    bad = {"and", "or", "the", "of", "to", "in", "a", "with", "by", "that", "which", "for"}
    for e in sample.events:
        assert 0 < len(e.title) <= 80
        assert e.title.split()[-1].lower() not in bad, e.title
        assert ":" not in e.title


def test_a_summit_its_sentence_does_not_date_is_dated_to_the_month_reported(extract):
    import datetime as dt

    text = "Summit\n\nXi is attending a summit of the SCO in Uzbekistan.\n"
    x = extract(text, published=dt.date(2022, 9, 15))
    [summit] = [e for e in x.events if e.kind == "summit"]
    assert summit.date.iso() == "2022-09"


def test_a_summit_nothing_dates_is_no_event(extract):
    x = extract("Summit\n\nXi is attending a summit of the SCO in Uzbekistan.\n")
    assert x.summit.organisation == "Shanghai Cooperation Organisation"
    assert x.events == []


def test_an_arrival_and_an_attack_are_dated_events(extract):
    import datetime as dt

    text = (
        "Visit\n\nModi arrived in Kyiv on Friday.\n"
        "Russia bombed a hospital in the city on Monday, killing two people.\n"
    )
    x = extract(text, published=dt.date(2024, 8, 23))
    assert {(e.kind, e.date.iso()) for e in x.events} == {
        ("visit", "2024-08-23"),
        ("attack", "2024-08-19"),
    }


def test_a_month_after_summit_in_is_not_the_summits_city(extract):
    text = (
        "Summit\n\nASEAN leaders opened a summit on Wednesday.\n\n"
        "They backed the plan agreed at an emergency summit in April 2021.\n"
    )
    assert extract(text).summit.city == ""


def test_a_background_year_does_not_date_the_summit(extract):
    import datetime as dt

    text = (
        "BRICS summit\n\nBRICS leaders opened their summit in Kazan on Tuesday.\n\n"
        "Western states have sanctioned Russia since it invaded Ukraine in 2022.\n"
    )
    x = extract(text, published=dt.date(2024, 10, 23))
    [summit] = [e for e in x.events if e.kind == "summit"]
    assert summit.date.iso() == "2024-10-22"


def test_a_day_range_dates_the_happening_by_its_first_day(extract):
    import datetime as dt

    text = "Visit\n\nThe foreign minister paid a two-day visit to Kenya on Saturday and Sunday.\n"
    x = extract(text, published=dt.date(2024, 3, 11))  # a Monday
    assert [(e.kind, e.date.iso()) for e in x.events] == [("visit", "2024-03-09")]


def test_without_a_recognised_summit_a_summit_retold_on_the_same_date_is_one_event(extract):
    import datetime as dt

    text = (
        "Summit\n\nThe president will on Thursday host island leaders for a summit in Suva.\n\n"
        "Nine leaders are expected at the Pacific-Gulf summit set to open on Thursday.\n"
    )
    x = extract(text, published=dt.date(2024, 3, 5))
    assert [(e.kind, e.date.iso(), e.start) for e in x.events] == [
        ("summit", "2024-03-07", text.index("The president"))
    ]


def test_without_a_summit_a_dated_meeting_is_an_event(extract):
    text = (
        "Talks in Oslo\n\n"
        "Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida met in "
        "Oslo on 4 May 2024.\n"
    )
    assert events(extract(text)) == [("meeting", "2024-05-04", False)]


def test_at_a_summit_a_dated_meeting_is_not_an_event_of_its_own(extract):
    text = (
        "G20 summit\n\nNEW DELHI, September 9, 2023 – The G20 summit opened in New Delhi on "
        "Saturday.\n\nIndian Prime Minister Narendra Modi and Japanese Prime Minister Fumio "
        "Kishida met on Saturday.\n"
    )
    assert [k for k, _, _ in events(extract(text))] == ["summit"]


def test_a_meeting_word_gives_way_to_the_summit_it_names(extract):
    text = (
        "Leaders gather\n\n"
        "Chinese President Xi Jinping met Arab leaders in Riyadh on 9 December 2022 for the "
        "first China-Arab States Summit.\n"
    )
    assert ("summit", "2022-12-09", False) in events(extract(text))


def test_a_date_right_after_since_is_a_starting_point_not_a_happening(extract):
    import datetime as dt

    text = (
        "Visit\n\nThe chancellor's visit to Chile opened on Monday.\n\n"
        "Norway has held the rotating presidency of the forum since 1 March.\n\n"
        "Sanctions have been in force since 2014, with an embargo since early 2019.\n"
    )
    x = extract(text, published=dt.date(2024, 5, 7))
    assert events(x) == [("visit", "2024-05-06", False)]


def test_a_first_visit_since_a_year_tells_of_a_visit_that_year(extract):
    text = "Visit\n\nThe chancellor arrived in Chile for her first visit since 2016.\n"
    assert events(extract(text)) == [("visit", "2016", False)]


def test_a_trip_called_her_first_since_a_year_names_no_earlier_visit(extract):
    text = "Visit\n\nThe chancellor's visit to Chile, her first since 2016, opened talks.\n"
    assert ("visit", "2016", False) not in events(extract(text))


def test_the_day_something_was_said_does_not_date_a_happening_in_a_later_clause(extract):
    import datetime as dt

    text = (
        "Reaction\n\nThe ministry in Lima said Tuesday, responding to an agreement under which "
        "the islands will buy patrol boats, that the region was being militarised.\n"
    )
    assert events(extract(text, published=dt.date(2024, 3, 8))) == []


def test_a_happening_told_before_its_report_keeps_the_report_day(extract):
    import datetime as dt

    text = (
        "Pact\n\nThe two presidents signed a defence agreement in the capital, state media "
        "reported on Wednesday.\n"
    )
    assert events(extract(text, published=dt.date(2024, 3, 8))) == [
        ("agreement", "2024-03-06", False)
    ]


def test_a_keyword_dates_only_its_nearest_date_on_that_side(extract):
    text = (
        "Group\n\nThe contact group was established in 2005 but its work was suspended in "
        "2009 and resumed in 2017.\n"
    )
    assert events(extract(text)) == [("founding", "2005", False)]


def test_since_a_dated_clause_still_dates_that_happening(extract):
    text = "Pact\n\nNo state has left since the treaty was signed in 1961.\n"
    assert events(extract(text)) == [("agreement", "1961", False)]


def test_an_earlier_year_naming_a_thing_is_background(extract):
    import datetime as dt

    text = (
        "Talks\n\nThe ministers cited the 2011 Lisbon accord and Peru's 2009 trade agreement "
        "as models.\n"
    )
    assert events(extract(text, published=dt.date(2024, 5, 7))) == []


def test_invasions_annexations_warrants_ceremonies_and_press_conferences_are_dated_events(extract):
    import datetime as dt

    text = (
        "Visit\n\nThe army invaded the island on 2 April 1982.\n\n"
        "The republic annexed the province in 1975.\n\n"
        "The court issued a warrant for the general in May 2021.\n\n"
        "A welcoming ceremony was held in Quito on 3 March 2024.\n\n"
        "The premier spoke at a press conference on 4 March 2024.\n\n"
        "The envoy is visiting Lima from 6 March 2024.\n"
    )
    assert [d for _, d, _ in events(extract(text, published=dt.date(2024, 3, 5)))] == [
        "1982-04-02",
        "1975",
        "2021-05",
        "2024-03-03",
        "2024-03-04",
        "2024-03-06",
    ]


def test_the_datelines_day_is_not_the_day_of_the_happening_the_lead_tells(extract):
    text = "Envoy in Quito\n\nLima, 3 May 2024 (Wire) - The envoy arrived in Quito for talks.\n"
    assert [k for k, _, _ in events(extract(text))] == []


def test_an_earlier_year_naming_a_thing_is_background_even_after_a_target(extract):
    text = "Climate\n\nMeeting the target, the goal of the 2015 Paris deal, needs deep cuts.\n"
    assert events(extract(text)) == []


def test_an_announcement_an_endorsement_and_a_departure_are_dated_events(extract):
    text = (
        "Pact\n\nThe alliance was announced on 2 June 2024 by the two premiers.\n\n"
        "Ministers endorsed the charter on 3 June 2024.\n\n"
        "The envoy departed for Quito on 4 June 2024.\n"
    )
    assert [d for _, d, _ in events(extract(text))] == ["2024-06-02", "2024-06-03", "2024-06-04"]


def test_a_gathering_dated_by_its_day_is_the_summit_before_a_later_summit_word(extract):
    text = (
        "Leaders gather\n\nOn 4-5 March 2024, the council of the Shanghai Cooperation "
        "Organisation met in Astana. The leaders of the SCO states arrived in Kazakhstan; it was "
        "their first meeting since the floods in January.\n"
    )
    x = extract(text)
    [summit] = [e for e in x.events if e.kind == "summit"]
    assert (summit.date.iso(), summit.start) == ("2024-03-04", text.index("On 4-5"))


def test_a_happening_that_did_not_happen_is_no_event(extract):
    text = (
        "Talks end\n\nThe premier left Lima on 3 May 2024 without signing the planned trade "
        "agreement.\n\nThe two sides failed to reach a deal on 4 May 2024.\n"
    )
    assert events(extract(text)) == []


def test_since_a_date_when_they_met_is_the_date_of_that_meeting(extract):
    import datetime as dt

    text = (
        "Talks\n\nIt was the first encounter between the two presidents in many years, since "
        "May 2018, when they met at a forum in Manila.\n"
    )
    x = extract(text, published=dt.date(2025, 10, 30))
    assert ("meeting", "2018-05", False) in events(x)
