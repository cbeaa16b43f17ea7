import datetime as dt


def participants(extraction):
    return [m.participants for m in extraction.meetings]


def test_held_talks_with_gives_a_meeting_spanning_the_sentence(extract):
    text = "Title\nPresident Putin held talks with Chinese President Xi Jinping on trade."
    x = extract(text)
    assert participants(x) == [("Vladimir Putin", "Xi Jinping")]
    m = x.meetings[0]
    assert text[m.start : m.end] == text[6:]
    assert "Trade and investment" in m.topics


def test_two_partners_with_their_own_topics_give_two_meetings(extract):
    text = (
        "Title\nAlongside the session, President Putin engaged in bilateral talks with "
        "Turkish president Recep Tayyip Erdogan, focusing on the situation in Ukraine, and "
        "with Iranian President Masoud Pezeshkian, discussing the nuclear program."
    )
    x = extract(text)
    assert participants(x) == [
        ("Vladimir Putin", "Recep Tayyip Erdogan"),
        ("Vladimir Putin", "Masoud Pezeshkian"),
    ]
    assert x.meetings[0].topics == ("Ukraine conflict",)
    assert x.meetings[1].topics == ("Iran nuclear programme",)
    assert x.meetings[0].start == x.meetings[1].start


def test_a_list_of_partners_is_one_meeting(extract):
    text = "Title\nPutin met with President Xi Jinping, Narendra Modi and Cyril Ramaphosa."
    assert participants(extract(text)) == [
        ("Vladimir Putin", "Xi Jinping", "Narendra Modi", "Cyril Ramaphosa")
    ]


def test_a_list_met_separately_is_one_meeting_each(extract):
    text = "Title\nModi met separately with Rishi Sunak, Fumio Kishida and Emmanuel Macron."
    assert participants(extract(text)) == [
        ("Narendra Modi", "Rishi Sunak"),
        ("Narendra Modi", "Fumio Kishida"),
        ("Narendra Modi", "Emmanuel Macron"),
    ]


def test_two_subjects_holding_talks_meet_each_other(extract):
    text = "Title\nPresident Joe Biden and Mr. Modi held talks in the Oval Office."
    assert participants(extract(text)) == [("Joe Biden", "Narendra Modi")]


def test_a_place_after_the_phrase_is_not_a_partner(extract):
    text = "Title\nXi Jinping and Vladimir Putin held talks in the Kremlin."
    assert participants(extract(text)) == [("Xi Jinping", "Vladimir Putin")]


def test_a_meeting_is_dated_by_its_sentence_or_the_document(extract):
    text = "Title\nWASHINGTON, June 22, 2023 – Modi met with Biden on Wednesday."
    [m] = extract(text).meetings
    assert m.date.iso() == "2023-06-21"


def test_a_meeting_without_named_partner_is_skipped(extract):
    assert extract("Title\nThe visit was not simply a bilateral meeting.").meetings == []


def test_the_same_meeting_told_twice_is_kept_once(extract):
    text = "Title\nPutin met Xi Jinping in May 2024. Later Putin met with Xi in May 2024."
    assert len(extract(text).meetings) == 1


def test_bilateral_meetings_with_a_list_are_one_meeting_each(extract):
    text = (
        "Title\nPutin held bilateral meetings with Xi, Indian Prime Minister Narendra Modi "
        "and Iranian President Masoud Pezeshkian, the Kremlin said."
    )
    assert participants(extract(text)) == [
        ("Vladimir Putin", "Xi Jinping"),
        ("Vladimir Putin", "Narendra Modi"),
        ("Vladimir Putin", "Masoud Pezeshkian"),
    ]


def test_states_meeting_for_a_summit_are_the_summit_not_a_meeting(extract):
    text = "Title\nThe leaders of Japan, India and Australia met in Tokyo for a summit."
    assert extract(text).meetings == []


def test_held_talks_with_one_and_met_another_gives_two_meetings(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi, attending as a guest, held talks with "
        "Giorgia Meloni and met Volodymyr Zelensky."
    )
    assert participants(extract(text)) == [
        ("Narendra Modi", "Giorgia Meloni"),
        ("Narendra Modi", "Volodymyr Zelensky"),
    ]


def test_the_two_leaders_met_refers_to_the_pair_named_before(extract):
    text = (
        "Title\nPutin told Chinese President Xi Jinping on Thursday that he understood "
        "Beijing's concerns, as the two leaders met on the sidelines of the summit."
    )
    assert participants(extract(text)) == [("Vladimir Putin", "Xi Jinping")]


def test_bilateral_talks_with_two_partners_are_two_meetings(extract):
    text = (
        "Summit\nStarmer held bilateral talks with New Zealand Prime Minister Christopher Luxon "
        "and Australian Prime Minister Anthony Albanese."
    )
    pairs = {frozenset(m.participants) for m in extract(text).meetings}
    assert pairs == {
        frozenset({"Keir Starmer", "Christopher Luxon"}),
        frozenset({"Keir Starmer", "Anthony Albanese"}),
    }


def test_and_separately_with_splits_the_partners(extract):
    text = (
        "Summit\nOn the margins, Putin held talks with Lukashenko and, separately, with "
        "Kyrgyz President Sadyr Japarov."
    )
    pairs = {frozenset(m.participants) for m in extract(text).meetings}
    assert pairs == {
        frozenset({"Vladimir Putin", "Alexander Lukashenko"}),
        frozenset({"Vladimir Putin", "Sadyr Japarov"}),
    }


def test_met_a_and_later_b_are_two_meetings(extract):
    text = "Summit\nKeir Starmer met Ramaphosa and later Indian Prime Minister Narendra Modi."
    pairs = {frozenset(m.participants) for m in extract(text).meetings}
    assert pairs == {
        frozenset({"Keir Starmer", "Cyril Ramaphosa"}),
        frozenset({"Keir Starmer", "Narendra Modi"}),
    }


def test_particles_joined_by_a_hyphen_belong_to_the_name(extract):
    text = (
        "Summit\nXi held bilateral meetings with Iraqi Prime Minister Mohammed Shia al-Sudani "
        "and Palestinian President Mahmoud Abbas."
    )
    partners = {p for m in extract(text).meetings for p in m.participants}
    assert {"Mohammed Shia al-Sudani", "Mahmoud Abbas"} <= partners


def test_hosting_the_leaders_of_states_for_a_summit_is_the_summit(extract):
    text = (
        "Quad\nPresident Joe Biden hosted the leaders of Australia, India and Japan at his home "
        "on Saturday for a summit of the Quad."
    )
    assert extract(text).meetings == []


def _pairs(extract, sentence: str) -> list[tuple[str, ...]]:
    text = "Talks\n\nHANOI, June 19, 2024 - " + sentence
    return [m.participants for m in extract(text).meetings]


def test_a_and_his_counterpart_b_met(extract):
    assert _pairs(
        extract, "Kenyan President William Ruto and Nigerian counterpart Bola Tinubu met on Monday."
    ) == [("William Ruto", "Bola Tinubu")]


def test_they_met_is_the_pair_named_before(extract):
    sentence = "Joe Biden and Chinese President Xi Jinping shook hands as they met on Wednesday."
    assert _pairs(extract, sentence) == [("Joe Biden", "Xi Jinping")]


def test_at_their_bilateral_meeting_joins_the_two_people_of_the_sentence(extract):
    sentence = "Modi told Lula at their bilateral meeting that trade would grow."
    assert _pairs(extract, sentence) == [("Narendra Modi", "Luiz Inacio Lula da Silva")]


def test_following_their_last_meeting_joins_the_two_people_of_the_sentence(extract):
    sentence = "Lula asked Modi to visit Brasilia, following their last meeting in Delhi."
    assert _pairs(extract, sentence) == [("Luiz Inacio Lula da Silva", "Narendra Modi")]


def test_an_opening_during_a_meeting_with_joins_the_main_clauses_subject(extract):
    sentence = "During a meeting with Premier Li Qiang, Ruto discussed the railway loan."
    assert [set(p) for p in _pairs(extract, sentence)] == [{"Li Qiang", "William Ruto"}]
    sentence = "During a meeting with Premier Li Qiang, the railway loan was discussed."
    assert _pairs(extract, sentence) == []


def test_appearing_at_a_press_conference_with_x_joins_the_main_clauses_subject(extract):
    sentence = (
        "Appearing at a joint press conference with Premier Li Qiang, Kenyan President "
        "William Ruto said the loan was fair."
    )
    assert [set(p) for p in _pairs(extract, sentence)] == [{"Li Qiang", "William Ruto"}]


def test_xi_is_also_called_by_his_given_name(extract):
    assert _pairs(extract, "The last time Modi interacted with Jinping was in 2019.") == [
        ("Narendra Modi", "Xi Jinping")
    ]


def test_they_after_a_meeting_of_two_are_that_pair(extract):
    text = (
        "Talks\n\nLula held talks with Olaf Scholz in Berlin in May.\n\n"
        "They have also spoken by phone several times since Russia invaded Ukraine."
    )
    last = text.rindex("They")
    x = extract(text, published=dt.date(2024, 10, 26))
    meetings = [m.participants for m in x.meetings if m.start == last]
    assert meetings == [("Luiz Inacio Lula da Silva", "Olaf Scholz")]


def test_a_meeting_announced_is_not_a_meeting_held(extract):
    assert _pairs(extract, "Modi will meet Zelensky in Kyiv on Friday.") == []
    assert _pairs(extract, "Modi is expected to hold talks with Zelensky on Friday.") == []


def test_a_phone_call_is_a_meeting(extract):
    assert _pairs(extract, "Putin held a phone call with Xi Jinping on Friday.") == [
        ("Vladimir Putin", "Xi Jinping")
    ]


def test_summoning_an_ambassador_is_a_meeting_with_the_state(extract):
    assert _pairs(extract, "India summoned Bangladesh's ambassador on Friday.") == [
        ("India", "Bangladesh")
    ]


def test_someone_of_a_persons_family_is_not_that_person(extract):
    assert _pairs(extract, "Putin was received by Modi's foreign minister in 2000.") == []


def test_flying_somewhere_to_appear_with_leaders_is_a_meeting(extract):
    sentence = (
        "Joe Biden flew to San Diego to appear with Australian Prime Minister Anthony Albanese "
        "and British Prime Minister Rishi Sunak."
    )
    assert _pairs(extract, sentence) == [("Joe Biden", "Anthony Albanese", "Rishi Sunak")]


def test_a_meeting_someone_plans_is_not_a_meeting_held(extract):
    assert _pairs(extract, "Modi plans to meet Zelensky in Kyiv.") == []


def test_a_meeting_its_sentence_does_not_date_is_dated_to_the_month(extract):
    import datetime as dt

    x = extract("Talks\n\nXi met Modi on the sidelines.\n", published=dt.date(2025, 8, 31))
    assert [m.date.iso() for m in x.meetings] == ["2025-08"]


def test_a_meeting_in_a_report_of_that_days_news_is_dated_to_the_day(extract):
    text = "Talks\n\nXi met Modi on the sidelines.\n\nThe leaders posed for a photo on Sunday.\n"
    x = extract(text, published=dt.date(2025, 8, 31))
    assert [m.date.iso() for m in x.meetings] == ["2025-08-31"]


def test_a_dateline_alone_does_not_make_a_meeting_that_days_news(extract):
    text = (
        "Talks\n\nTIANJIN, Aug 31 (Wire) - The forum opened with a parade.\n\n"
        "Xi met Modi on the sidelines.\n"
    )
    x = extract(text, published=dt.date(2025, 8, 31))
    assert [m.date.iso() for m in x.meetings] == ["2025-08"]


def test_an_undated_telling_in_the_same_month_is_the_same_meeting(extract):
    text = (
        "Talks\n\nXi hosted Modi for talks on Monday.\n\nThe forum closed on Tuesday with a "
        "joint declaration.\n\nModi met Xi again in the evening, officials said.\n"
    )
    x = extract(text, published=dt.date(2025, 9, 2))
    assert [(m.participants, m.date.iso()) for m in x.meetings] == [
        (("Xi Jinping", "Narendra Modi"), "2025-09-01")
    ]


def test_a_meeting_told_again_less_precisely_is_the_same_meeting(extract):
    import datetime as dt

    text = (
        "Talks\n\nKim Jong Un and Vladimir Putin met at a space centre on Wednesday.\n\n"
        "They met at the cosmodrome, where Putin showed Kim a rocket.\n"
    )
    x = extract(text, published=dt.date(2023, 9, 13))
    assert [(m.participants, m.date.iso()) for m in x.meetings] == [
        (("Kim Jong Un", "Vladimir Putin"), "2023-09-13")
    ]


def test_leaders_from_several_states_and_a_named_leader_are_each_a_meeting(extract):
    sentence = (
        "Xi Jinping held bilateral meetings with leaders from the Maldives, "
        "Azerbaijan and Belarus' Alexander Lukashenko."
    )
    assert _pairs(extract, sentence) == [
        ("Xi Jinping", "Maldives"),
        ("Xi Jinping", "Azerbaijan"),
        ("Xi Jinping", "Alexander Lukashenko"),
    ]


def test_two_leaders_who_spoke_met_but_one_who_spoke_about_a_state_did_not(extract):
    assert _pairs(extract, "Trump and Zelensky spoke in the Oval Office.") == [
        ("Donald Trump", "Volodymyr Zelensky")
    ]
    assert _pairs(extract, "Biden spoke about Ukraine on Friday.") == []


def test_a_tete_a_tete_is_a_meeting(extract):
    assert _pairs(extract, "Xi had his first tête-à-tête with Putin over lunch.") == [
        ("Xi Jinping", "Vladimir Putin")
    ]


def test_a_place_before_meetings_with_is_no_participant(extract):
    sentence = "Trump said he plans to call Putin after his White House meetings with Zelensky."
    assert _pairs(extract, sentence) == []


def test_the_meeting_between_two_people_is_a_meeting(extract):
    sentence = "The meeting between Kenyan President William Ruto and Bola Tinubu lasted an hour."
    assert _pairs(extract, sentence) == [("William Ruto", "Bola Tinubu")]
    sentence = "A short sideline meeting took place between Ruto and Tinubu on Monday."
    assert _pairs(extract, "William Ruto and Bola Tinubu arrived. " + sentence) == [
        ("William Ruto", "Bola Tinubu")
    ]


def test_a_meeting_between_two_people_still_to_come_is_no_meeting(extract):
    sentence = "A meeting between William Ruto and Bola Tinubu is expected next week."
    assert _pairs(extract, sentence) == []


def test_the_a_b_talks_named_by_two_surnames_are_a_meeting(extract):
    sentence = "The Ruto-Tinubu talks ended without a deal on the railway."
    assert _pairs(extract, sentence) == [("William Ruto", "Bola Tinubu")]
    assert _pairs(extract, "The Kenya-Nigeria talks ended without a deal.") == []


def test_a_name_before_a_comma_is_not_in_the_subject_list(extract):
    sentence = "Before meeting Tinubu, Ruto spoke with Prime Minister Narendra Modi."
    pairs = _pairs(extract, sentence)
    assert ("William Ruto", "Narendra Modi") in pairs
    assert all(len(p) == 2 for p in pairs)


def test_a_visit_made_to_meet_someone_is_the_visitors_meeting(extract):
    sentence = "Ruto paid a state visit to Abuja on Monday to meet with President Bola Tinubu."
    assert _pairs(extract, sentence) == [("William Ruto", "Bola Tinubu")]


def test_a_call_with_and_being_greeted_by_are_meetings(extract):
    assert _pairs(extract, "Ruto had a brief call with Tinubu on Monday.") == [
        ("William Ruto", "Bola Tinubu")
    ]
    assert _pairs(extract, "Ruto was greeted by Bola Tinubu at the airport.") == [
        ("William Ruto", "Bola Tinubu")
    ]


def test_separate_talks_in_a_city_with_two_people_are_two_meetings(extract):
    sentence = "On Monday Ruto held separate talks in Nairobi with Tinubu and Modi."
    assert _pairs(extract, sentence) == [
        ("William Ruto", "Bola Tinubu"),
        ("William Ruto", "Narendra Modi"),
    ]


def test_a_body_before_its_holders_title_does_not_end_the_subject_list(extract):
    sentence = (
        "African Union Commission Chairperson Moussa Faki and European Council President "
        "Antonio Costa met Kenyan President William Ruto in Nairobi."
    )
    assert _pairs(extract, sentence) == [("Moussa Faki Mahamat", "Antonio Costa", "William Ruto")]


def test_after_or_before_meeting_someone_is_a_meeting_of_the_clauses_subject(extract):
    assert ("William Ruto", "Bola Tinubu") in _pairs(
        extract, "Before meeting Tinubu, Ruto spoke with Prime Minister Narendra Modi."
    )
    assert _pairs(extract, "Ruto praised the deal after meeting Tinubu in Accra.") == [
        ("William Ruto", "Bola Tinubu")
    ]
    assert _pairs(extract, "Ruto will sign the deal after meeting Tinubu next week.") == []


def test_two_leaders_who_opened_their_summit_met(extract):
    text = (
        "Summit opens\n\n"
        "French President Emmanuel Macron and Indian Prime Minister Narendra Modi opened their "
        "long-awaited summit in Marseille on Tuesday.\n"
    )
    assert [m.participants for m in extract(text).meetings] == [
        ("Emmanuel Macron", "Narendra Modi")
    ]


def test_two_leaders_who_completed_their_talks_met(extract):
    text = (
        "Talks end\n\n"
        "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol have "
        "completed their talks in Tokyo.\n"
    )
    assert [m.participants for m in extract(text).meetings] == [("Fumio Kishida", "Yoon Suk Yeol")]


def test_leaders_who_clashed_with_each_other_met(extract):
    text = (
        "Row in Paris\n\n"
        "Hungarian Prime Minister Viktor Orban clashed with French President Emmanuel Macron "
        "at the Elysee on Monday.\n"
    )
    assert [m.participants for m in extract(text).meetings] == [("Viktor Orban", "Emmanuel Macron")]


def test_a_counterpart_named_after_a_comma_is_the_partner(extract):
    text = "Talks\n\nKishida met with his South Korean counterpart, Yoon Suk Yeol, on Monday.\n"
    assert [m.participants for m in extract(text).meetings] == [("Fumio Kishida", "Yoon Suk Yeol")]


def test_the_city_visited_before_and_met_is_not_the_subject(extract):
    text = (
        "Visit\n\nIndian Prime Minister Narendra Modi paid a visit to Tokyo and met Japanese "
        "Prime Minister Fumio Kishida on Monday.\n"
    )
    assert [m.participants for m in extract(text).meetings] == [("Narendra Modi", "Fumio Kishida")]


def test_visiting_a_person_is_a_meeting_but_visiting_a_place_is_not(extract):
    text = (
        "Title\nMacron had earlier visited Brazilian President Lula da Silva in Brasilia. "
        "Scholz visited Warsaw last spring."
    )
    assert participants(extract(text)) == [("Emmanuel Macron", "Luiz Inacio Lula da Silva")]


def test_visiting_two_leaders_is_one_visit_each_past_a_description_between_dashes(extract):
    text = (
        "Title\nLast year Macron visited both Indian Prime Minister Narendra Modi — a "
        "long-standing partner — and Japanese Prime Minister Fumio Kishida."
    )
    assert participants(extract(text)) == [
        ("Emmanuel Macron", "Narendra Modi"),
        ("Emmanuel Macron", "Fumio Kishida"),
    ]


def test_welcoming_leaders_is_a_meeting_and_welcoming_a_decision_is_not(extract):
    text = (
        "Title\nPresident Lula welcomed German Chancellor Olaf Scholz and Spanish Prime "
        "Minister Pedro Sanchez to the palace on Monday. Ramaphosa welcomed the decision."
    )
    assert participants(extract(text)) == [
        ("Luiz Inacio Lula da Silva", "Olaf Scholz", "Pedro Sanchez")
    ]


def test_signing_a_treaty_with_a_leader_is_a_meeting_but_not_with_a_state(extract):
    text = (
        "Title\nPresident Xi Jinping signed a series of trade deals with Brazilian President "
        "Lula da Silva on Friday. Modi signed an accord with Japan in 2022."
    )
    assert participants(extract(text)) == [("Xi Jinping", "Luiz Inacio Lula da Silva")]


def test_a_reception_with_a_phrase_before_its_agent_is_a_meeting(extract):
    text = (
        "Title\nModi flew to Brasilia on Sunday. There he was welcomed upon his arrival by "
        "Brazilian President Lula da Silva."
    )
    assert participants(extract(text)) == [("Narendra Modi", "Luiz Inacio Lula da Silva")]


def test_a_call_with_a_quoted_adjective_is_a_meeting(extract):
    text = 'Title\nMacron then had a "frank" call with Chinese President Xi Jinping.'
    assert participants(extract(text)) == [("Emmanuel Macron", "Xi Jinping")]


def test_a_pronoun_after_a_named_speaker_is_that_speaker(extract):
    text = (
        "Title\nJapanese Prime Minister Fumio Kishida spoke to reporters. Modi replied that he "
        "had signed a treaty with Xi Jinping years ago."
    )
    assert participants(extract(text)) == [("Narendra Modi", "Xi Jinping")]


def test_crown_prince_mohammed_is_the_saudi_crown_prince(extract):
    text = "Title\nModi met Crown Prince Mohammed in Riyadh on Tuesday."
    assert participants(extract(text)) == [("Narendra Modi", "Mohammed bin Salman")]


def test_an_opening_sitting_down_or_emerging_phrase_gives_the_main_clause_subject(extract):
    text = (
        "Title\nSitting down for talks with Brazilian President Lula da Silva, Xi Jinping said "
        "ties were strong. Emerging from his first meeting with Modi since the election, "
        "Macron said the talks had gone well."
    )
    assert participants(extract(text)) == [
        ("Xi Jinping", "Luiz Inacio Lula da Silva"),
        ("Emmanuel Macron", "Narendra Modi"),
    ]


def test_telling_a_leader_something_during_a_meeting_is_meeting_them(extract):
    text = (
        'Title\n"We count on you," Macron told Xi Jinping during a bilateral meeting in Beijing. '
        "Modi told reporters at the meeting that trade had grown."
    )
    assert participants(extract(text)) == [("Emmanuel Macron", "Xi Jinping")]


def test_the_two_leaders_who_last_spoke_met(extract):
    text = (
        "Title\nJoe Biden and Xi Jinping shook hands on Wednesday.\n"
        "The two leaders last spoke a year ago."
    )
    x = extract(text)
    assert participants(x) == [("Joe Biden", "Xi Jinping")]
    assert text[x.meetings[0].start :].startswith("The two leaders last spoke")


def test_a_states_counterpart_is_the_one_person_of_that_state_the_article_names(extract):
    text = (
        "Title\nJoe Biden arrived in Geneva on Tuesday. Putin said his meeting with his US "
        "counterpart had been useful."
    )
    assert participants(extract(text)) == [("Vladimir Putin", "Joe Biden")]


def test_a_counterpart_of_a_state_with_several_people_named_stays_the_state(extract):
    text = (
        "Title\nJoe Biden and Antony Blinken arrived in Geneva. Putin said his meeting with his "
        "US counterpart had been useful."
    )
    assert participants(extract(text)) == [("Vladimir Putin", "United States")]


def test_an_aside_between_dashes_does_not_hide_the_subject(extract):
    text = (
        "Title\nAs Modi left for Boston, Joe Biden – who had visited his old school that "
        "morning – held a meeting with Australian Prime Minister Anthony Albanese."
    )
    assert participants(extract(text)) == [("Joe Biden", "Anthony Albanese")]


def test_someones_relative_named_after_a_comma_is_the_partner(extract):
    text = (
        "Title\nRecalling his first trip in 2001, Putin praised the city. At the time, he was "
        "received by Kim's father, Kim Jong Il."
    )
    x = extract(text)
    assert participants(x) == [("Vladimir Putin", "Kim Jong Il")]
    assert x.meetings[0].date.iso() == "2001"


def test_someones_relative_without_a_name_is_no_partner(extract):
    text = "Title\nIn 2001 Putin was received by Kim's father in Pyongyang."
    assert participants(extract(text)) == []


def test_a_year_after_since_is_not_the_meetings_date(extract):
    text = (
        "Title\nBUSAN, October 30, 2025 - Trump held talks with Xi Jinping, their first since 2019."
    )
    assert extract(text).meetings[0].date.iso() == "2025-10-30"


def test_since_a_date_when_they_met_dates_that_earlier_meeting(extract):
    text = (
        "Title\nLIMA, October 30, 2025 - Trump held talks with Xi Jinping. It was the first "
        "encounter between the two presidents in many years, since May 2018, when they met "
        "at a forum in Manila."
    )
    dates = sorted(m.date.iso() for m in extract(text).meetings)
    assert dates == ["2018-05", "2025-10-30"]


def test_later_that_day_takes_the_date_of_the_sentence_before(extract):
    text = (
        "Title\nXi Jinping landed in Moscow on March 20, 2023. Later that day, he had talks "
        "with Putin over lunch."
    )
    assert extract(text).meetings[0].date.iso() == "2023-03-20"


def test_being_set_to_hold_a_meeting_is_an_announcement(extract):
    text = (
        "Title\nAfter the ceremony, Putin is set to hold a meeting with Vietnamese President "
        "To Lam. Xi is expected to have a meeting with Lula."
    )
    assert participants(extract(text)) == []


def test_visiting_a_place_of_someone_is_not_meeting_them(extract):
    text = (
        "Title\nModi visited the memorial of Mahatma Gandhi on Monday. Lula welcomed the "
        "remarks by Xi Jinping."
    )
    assert participants(extract(text)) == []


def test_he_in_a_later_clause_is_the_person_the_sentence_opened_with(extract):
    text = (
        "Title\nJane Holt, the White House press secretary, said the day went well.\n"
        "President Donald Trump urged Kim Jong Un to give up his weapons as he began talks "
        "with the North Korean leader yesterday."
    )
    meetings = extract(text, published=dt.date(2019, 2, 28)).meetings
    assert [sorted(m.participants) for m in meetings] == [["Donald Trump", "Kim Jong Un"]]


def test_the_presidents_of_two_states_are_the_two_presidents_the_article_names(extract):
    text = (
        "Talks\n\nVladimir Putin and Donald Trump flew to the base on Friday.\n\n"
        "The presidents of Russia and the US held a meeting at the base on August 15.\n"
    )
    x = extract(text, published=dt.date(2025, 8, 20))
    assert [(set(m.participants), text[m.start : m.end][:14]) for m in x.meetings] == [
        ({"Vladimir Putin", "Donald Trump"}, "The presidents")
    ]


def test_the_presidents_of_states_whose_presidents_are_not_named_are_no_meeting(extract):
    text = "Talks\n\nThe presidents of Russia and the US held a meeting at the base.\n"
    assert extract(text, published=dt.date(2025, 8, 20)).meetings == []


def test_a_leader_meeting_face_to_face_with_another_met_him(extract):
    text = "Talks\n\nDonald Trump is meeting face-to-face with Xi Jinping in Busan today.\n"
    x = extract(text, published=dt.date(2025, 10, 30))
    assert [(m.participants, m.date.iso()) for m in x.meetings] == [
        (("Donald Trump", "Xi Jinping"), "2025-10-30")
    ]


def test_a_later_telling_that_gives_the_day_is_the_meetings_record(extract):
    text = (
        "Talks\n\nXi Jinping hosted Vladimir Putin for official talks.\n\n"
        "Xi Jinping hosted Vladimir Putin for talks in Beijing on Thursday.\n"
    )
    x = extract(text, published=dt.date(2024, 5, 17))
    assert [(m.date.iso(), text[m.start : m.end][-12:]) for m in x.meetings] == [
        ("2024-05-16", "on Thursday.")
    ]


def test_talks_held_as_something_expected_happens_are_not_yet_held(extract):
    text = (
        "Talks\n\nVladimir Putin and Kim Jong Un are expected to sign a treaty as they hold "
        "talks in Pyongyang.\n"
    )
    assert extract(text).meetings == []


def test_two_leaders_who_had_dinner_met(extract):
    text = "Talks\n\nKim Jong Un and Donald Trump had dinner at a hotel in Hanoi.\n"
    assert participants(extract(text)) == [("Kim Jong Un", "Donald Trump")]


def test_a_heated_argument_with_a_leader_is_a_meeting_with_him(extract):
    text = (
        "Talks\n\nThe deal fell through after Donald Trump and JD Vance engaged in an "
        "unusually heated argument with Volodymyr Zelensky.\n"
    )
    assert participants(extract(text)) == [("Donald Trump", "JD Vance", "Volodymyr Zelensky")]


def test_full_format_negotiations_with_a_leader_are_a_meeting(extract):
    text = (
        "Talks\n\nThe trip follows a stop in Pyongyang, where Vladimir Putin held "
        "full-format negotiations with Kim Jong Un.\n"
    )
    assert participants(extract(text)) == [("Vladimir Putin", "Kim Jong Un")]


def test_the_person_under_whose_auspices_leaders_met_took_part(extract):
    text = (
        "Talks\n\nPresident Recep Tayyip Erdogan and Prime Minister Magdalena Andersson met in "
        "Vilnius under the auspices of NATO Secretary General Jens Stoltenberg.\n"
    )
    assert participants(extract(text)) == [
        ("Recep Tayyip Erdogan", "Magdalena Andersson", "Jens Stoltenberg")
    ]
