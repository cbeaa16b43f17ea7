def test_reported_speech_gives_speaker_stance_and_summary(extract):
    text = "Title\nChinese President Xi Jinping urged members to embrace dialogue."
    [s] = extract(text).statements
    assert s.speaker == "Xi Jinping" and s.stance == "calls_for"
    assert s.summary == "members to embrace dialogue"
    assert (
        text[s.start : s.end] == "Chinese President Xi Jinping urged members to embrace dialogue."
    )


def test_a_participle_clause_is_the_summary(extract):
    text = "Title\nPresident Putin articulated his view, asserting it stemmed from a coup."
    [s] = extract(text).statements
    assert s.summary == "it stemmed from a coup"


def test_a_pronoun_refers_to_the_subject_of_the_previous_sentence(extract):
    text = "Title\nPresident Xi Jinping met Putin. He stressed the importance of unity."
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Xi Jinping"]


def test_a_parenthetical_between_subject_and_verb_is_skipped(extract):
    text = (
        "Title\nPutin, during press conferences with Chinese President Xi Jinping, "
        "repeatedly advocated for a new balance."
    )
    [s] = extract(text).statements
    assert s.speaker == "Vladimir Putin" and s.stance == "supports"


def test_all_quoted_fragments_are_joined(extract):
    text = "Title\nHe said no. Xi warned of “hegemonism” and a “cold War mentality” today."
    s = extract(text).statements[-1]
    assert s.quote == "hegemonism … cold War mentality"


def test_a_quote_attributed_after_with_a_pronoun(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi announced a deal. "
        "“It is a good day. We all won,” he told delegates."
    )
    statements = extract(text).statements
    assert [s.speaker for s in statements] == ["Narendra Modi", "Narendra Modi"]
    assert statements[1].quote == "It is a good day. We all won"


def test_a_quote_paragraph_is_attributed_to_the_person_named_before(extract):
    text = (
        "Title\nUkrainian President Volodymyr Zelensky arrived in the evening.\n"
        "“It is absurd when no time frame is set.”"
    )
    [s] = extract(text).statements
    assert s.speaker == "Volodymyr Zelensky"
    assert text[s.start : s.end] == "“It is absurd when no time frame is set.”"


def test_a_quote_with_the_speaker_after_the_verb(extract):
    text = "Title\n“We are ready,” said Foreign Minister Wang Yi."
    [s] = extract(text).statements
    assert s.speaker == "Wang Yi"


def test_a_title_reference_can_be_the_speaker(extract):
    text = "Title\nPresident Putin met Xi. “We are ready,” the Russian leader said."
    assert extract(text).statements[-1].speaker == "Vladimir Putin"


def test_bullet_lines_carry_statements(extract):
    text = "Title\nRejection of Expansion: Putin reiterated concerns about the expansion of NATO."
    [s] = extract(text).statements
    assert s.speaker == "Vladimir Putin"
    assert "NATO expansion" in s.topics


def test_headings_and_captions_never_become_statements(extract):
    text = (
        "Putin said the war will end\nPutin Said Many Things Here\n"
        "Photo: Putin said goodbye to guests. (Reuters)\nThe talks ended."
    )
    assert extract(text).statements == []


def test_passive_verbs_are_not_speech(extract):
    text = "Title\nPrime Minister Narendra Modi was welcomed at the palace."
    assert extract(text).statements == []


def test_a_summit_named_after_an_organisation_is_not_a_speaker(extract):
    text = "Title\nThe SCO summit underscored growing ambitions."
    assert extract(text).statements == []


def test_the_same_quote_told_twice_is_kept_once(extract):
    text = (
        "Title\nPutin said Russia was “ready for talks” on Monday.\n"
        "Putin said Russia was “ready for talks” again."
    )
    assert len(extract(text).statements) == 1


def test_welcoming_guests_is_hosting_not_speech(extract):
    text = "Title\nPresident Vladimir Putin welcomed more than 20 world leaders to Kazan."
    assert extract(text).statements == []
    text = "Title\nIndian Prime Minister Narendra Modi welcomed the expansion."
    assert [s.speaker for s in extract(text).statements] == ["Narendra Modi"]


def test_a_single_name_official_is_discovered_after_a_country_and_title(extract):
    text = "Title\nIndonesia's foreign minister Sugiono said the bloc was divided."
    x = extract(text)
    assert [s.speaker for s in x.statements] == ["Sugiono"]
    assert next(a for a in x.actors if a.name == "Sugiono").country == "Indonesia"


def test_a_family_name_first_person_is_found_by_family_name(extract):
    text = "Title\nNorth Korean leader Kim Jong Un met Putin. Later Kim said ties were strong."
    assert [s.speaker for s in extract(text).statements] == ["Kim Jong Un"]


def test_summary_skips_the_addressee_before_that(extract):
    text = (
        "Title\nUN Secretary-General Antonio Guterres told the assembly that Africa deserved more."
    )
    assert extract(text).statements[0].summary == "Africa deserved more"


def test_summary_of_a_quote_first_sentence_is_the_quote(extract):
    text = "Title\n“We are ready,” Putin said on Monday."
    assert extract(text).statements[0].summary == "We are ready"


def test_summary_of_a_closing_attribution_is_what_precedes_it(extract):
    text = "Title\nPutin held talks with Xi Jinping, the Kremlin said."
    [s] = extract(text).statements
    assert s.speaker == "Kremlin" and s.summary == "Putin held talks with Xi Jinping"


def test_consecutive_quotes_of_one_speaker_are_one_statement(extract):
    text = (
        "Summit\n"
        '"We are not backing down," Joe Biden said. "In fact, we\'re standing up."\n'
        "Olaf Scholz said Germany agreed."
    )
    x = extract(text)
    first = x.statements[0]
    assert first.speaker == "Joe Biden"
    assert text[first.start : first.end].endswith('standing up."')
    assert "In fact" in first.quote and "not backing down" in first.quote
    assert [s.speaker for s in x.statements] == ["Joe Biden", "Olaf Scholz"]


def test_a_pronoun_after_a_quote_is_the_previous_speaker_not_a_name_quoted(extract):
    text = (
        "Summit\n"
        "Joe Biden will leave early, White House press secretary Karoline Leavitt said.\n"
        '"President Biden will be leaving tonight," she wrote.'
    )
    assert [s.speaker for s in extract(text).statements] == ["Karoline Leavitt"] * 2


def test_a_speech_verb_coordinated_to_the_opening_subject(extract):
    text = (
        "Talks\n"
        "In response, President Tokayev expressed his gratitude for the welcome and said that "
        'Japan was a "key partner".'
    )
    [s] = extract(text).statements
    assert s.speaker == "Kassym-Jomart Tokayev"


def test_hedged_reported_speech(extract):
    text = "Talks\nVon der Leyen is understood to have pressed Xi Jinping on export controls."
    [s] = extract(text).statements
    assert s.speaker == "Ursula von der Leyen" and s.stance == "calls_for"


def test_a_participle_speech_verb_takes_the_sentence_subject(extract):
    text = 'Summit\nAlexander Lukashenko, the host, was effusive, declaring the union had "won".'
    [s] = extract(text).statements
    assert s.speaker == "Alexander Lukashenko"


def test_the_owner_of_a_mission_speaks_not_where_it_is_posted(extract):
    text = "Note\nChina's mission to the European Union said in a statement that it objected."
    [s] = extract(text).statements
    assert s.speaker == "China"


def test_a_guest_list_in_a_parenthetical_is_not_the_subject(extract):
    text = (
        "Summit\nIndian Prime Minister Narendra Modi, invited as a guest along with the leaders "
        "of Indonesia, South Africa and Argentina, met Scholz on Monday."
    )
    [m] = extract(text).meetings
    assert set(m.participants) == {"Narendra Modi", "Olaf Scholz"}


def test_a_speaker_before_a_colon_is_no_bullet_label(extract):
    text = (
        "Summit\nThe EU was represented by Charles Michel, President of the European Council.\n"
        'President Michel said: "Our partnership has never been more important."'
    )
    [s] = extract(text).statements
    assert s.speaker == "Charles Michel"


ROLE = (
    "Kremlin on the talks\n\n"
    "MOSCOW, May 3, 2024 - The talks will be hard, Kremlin spokesman Dmitry Peskov told "
    "journalists.\n"
    '"We expect nothing from them," the Kremlin official said. '
    '"We will watch closely," Putin\'s press secretary said.\n'
)


def test_a_definite_role_after_a_name_is_the_spokesman_named_before(extract):
    speakers = [s.speaker for s in extract(ROLE).statements]
    assert speakers == ["Dmitry Peskov", "Dmitry Peskov", "Dmitry Peskov"]


def test_a_persons_aide_is_not_that_person(extract):
    text = "Talks in Moscow\n\nThe talks went well, Putin's press secretary said on Friday.\n"
    assert [s.speaker for s in extract(text).statements] == []


def test_a_closing_attribution_to_a_person_wins_over_the_state_the_clause_names(extract):
    text = (
        "Kashmir\n\nNEW DELHI, Sept. 10, 2019 - India rejects the reference to Kashmir in the "
        "joint statement, foreign ministry spokesman Raveesh Kumar said on Tuesday.\n"
    )
    assert [s.speaker for s in extract(text).statements] == ["Raveesh Kumar"]


def _speakers(extract, body: str) -> list[str]:
    return [s.speaker for s in extract("Talks\n\nHANOI, Aug. 18, 2025 - " + body).statements]


def test_two_coordinated_subjects_each_make_the_statement(extract):
    body = "Joe Biden and Indian Prime Minister Narendra Modi on Monday expressed hope for peace."
    assert sorted(_speakers(extract, body)) == ["Joe Biden", "Narendra Modi"]


def test_a_state_named_before_the_subject_is_not_a_co_speaker(extract):
    body = "A historical ally of Russia, India has argued for talks on the war."
    assert _speakers(extract, body) == ["India"]


def test_a_closing_pronoun_attribution_is_the_spokesman_who_spoke_before(extract):
    body = (
        "The talks were useful, foreign ministry spokesman Raveesh Kumar said.\n"
        "India has consistently expressed concerns about the corridor, he noted."
    )
    assert _speakers(extract, body) == ["Raveesh Kumar", "Raveesh Kumar"]


def test_according_to_names_the_source(extract):
    body = (
        "According to the White House, the two sides agreed on arms deliveries.\n"
        "The leader will speak on Friday, according to Kremlin foreign policy adviser "
        "Yuri Ushakov.\n"
        "According to Russian sources, the visit was a success."
    )
    assert _speakers(extract, body) == ["White House", "Yuri Ushakov"]


def test_an_embedded_post_is_its_authors_statement(extract):
    body = (
        "Modi arrived in Washington on Monday.\n\n"
        "Wide-ranging discussions between the two leaders lie ahead, with trade first on "
        "the list. pic.twitter.com/abc123 — Randhir Jaiswal (@MEAIndia) June 22, 2023\n"
    )
    assert _speakers(extract, body) == ["Randhir Jaiswal"]


def test_a_time_after_a_parenthetical_does_not_make_its_object_the_speaker(extract):
    body = "Kenyan President William Ruto, who met Abiy Ahmed on Friday, called for peace."
    assert _speakers(extract, body) == ["William Ruto"]


def test_coordinated_state_subjects_of_a_joint_statement_each_speak(extract):
    body = (
        "During the visit, Islamabad and Beijing issued a joint press statement saying they "
        "opposed unilateral actions."
    )
    assert sorted(_speakers(extract, body)) == ["China", "Pakistan"]


def test_a_time_then_a_comma_before_the_verb_is_looked_through(extract):
    body = "Foreign Secretary Vikram Misri earlier this week, said the grouping would act."
    assert _speakers(extract, body) == ["Vikram Misri"]


def test_the_two_leaders_who_just_met_each_speak(extract):
    body = (
        "Joe Biden held talks with Narendra Modi at his residence.\n\n"
        "The two leaders welcomed progress on jet engines, according to a joint statement."
    )
    assert sorted(_speakers(extract, body)) == ["Joe Biden", "Narendra Modi"]


def test_the_leaders_of_a_larger_group_are_not_the_pair_who_met(extract):
    body = (
        "Joe Biden held talks with Fumio Kishida on Saturday.\n\n"
        "The leaders announced a joint coast guard mission."
    )
    assert _speakers(extract, body) == []


def test_a_scare_quote_earlier_does_not_invert_the_subject(extract):
    body = (
        "Trump had a “difficult” call with Zelensky, while European states have pledged to "
        "continue arming Ukraine."
    )
    assert _speakers(extract, body) == []


def test_said_right_after_a_quotation_takes_the_subject_after_it(extract):
    body = "“We will not back down,” said Foreign Minister Wang Yi."
    assert _speakers(extract, body) == ["Wang Yi"]


def test_an_invitation_to_a_leader_is_a_call_and_inviting_guests_is_hosting(extract):
    body = (
        "Modi invited Putin to visit India next year.\n"
        "Kishida invited the leaders to the museum.\n"
        "Indian Prime Minister Narendra Modi, invited as a guest, arrived on Sunday."
    )
    x = extract("Talks\n\nHANOI, Aug. 18, 2025 - " + body)
    assert [(s.speaker, s.stance) for s in x.statements] == [("Narendra Modi", "calls_for")]


def test_a_quote_told_to_someone_is_the_tellers_not_the_addressees(extract):
    body = (
        "“We respect your initiative,” Putin told Xi.\n"
        "“We will discuss it together,” the president told Xi."
    )
    # "the president" is the president who just spoke, never the one addressed
    assert _speakers(extract, body) == ["Vladimir Putin", "Vladimir Putin"]


def test_leaders_of_the_bloc_speak_for_the_summits_organisation(extract):
    text = (
        "Summit\n\nJAKARTA, Sept. 5, 2023 - The ASEAN summit opened on Tuesday.\n"
        "In a joint statement, leaders of the regional bloc said they opposed the blockade.\n"
        "The bloc's foreign ministers urged restraint at sea."
    )
    assert [s.speaker for s in extract(text).statements] == ["ASEAN", "ASEAN"]


def test_leaders_of_a_bloc_without_a_recognised_summit_are_nobody(extract):
    text = "Talks\n\nLeaders of the regional bloc said they opposed the blockade."
    assert extract(text).statements == []


def test_a_speech_verb_in_a_relative_clause_does_not_take_the_main_clause(extract):
    text = (
        "Talks\n\nSecretary of State Antony Blinken, whom Olaf Scholz praised as a partner, "
        "said the alliance would hold."
    )
    assert [s.speaker for s in extract(text).statements] == ["Antony Blinken"]


def test_a_relative_clause_with_the_only_speech_verb_still_speaks(extract):
    text = "Talks\n\nAntony Blinken met Olaf Scholz, who warned that the alliance was at risk."
    assert [s.speaker for s in extract(text).statements] == ["Olaf Scholz"]


def test_a_government_speaking_on_a_weekday_is_the_speaker(extract):
    text = "Visit\n\nKenya’s government on Friday welcomed the new trade route."
    assert [s.speaker for s in extract(text).statements] == ["Kenya"]


def test_a_place_before_a_weekday_is_not_the_speaker(extract):
    text = "Visit\n\nMinisters meeting in Nairobi on Friday endorsed the new trade route."
    assert extract(text).statements == []


def test_the_agent_of_a_passive_speech_verb_speaks(extract):
    text = (
        "Summit\n\nThe early exit was announced by Downing Street spokesman Tom Harding on "
        "Monday, before dinner."
    )
    assert [s.speaker for s in extract(text).statements] == ["Tom Harding"]


def test_a_passive_speech_verb_without_an_agent_is_no_statement(extract):
    text = "Summit\n\nThe early exit was announced on Monday, before dinner."
    assert extract(text).statements == []


def test_a_second_clause_with_its_own_speaker_is_a_second_statement(extract):
    text = (
        "Summit\n\nOlaf Scholz said the talks had stalled, and Emmanuel Macron warned that "
        "time was short."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Olaf Scholz", "Emmanuel Macron"]


def test_a_continuous_tense_is_speech_not_a_passive(extract):
    text = "Talks\n\nKenya has been urging both sides to return to the table."
    assert [s.speaker for s in extract(text).statements] == ["Kenya"]


def test_maintaining_ties_is_not_speech_but_maintaining_that_is(extract):
    kept = "Talks\n\nKenya has maintained close ties with both sides for decades."
    assert extract(kept).statements == []
    said = "Talks\n\nKenya maintained that the talks had been fair."
    assert [s.speaker for s in extract(said).statements] == ["Kenya"]


def test_a_bare_quotation_opening_the_next_paragraph_continues_the_statement(extract):
    text = (
        "Talks\n\n“We are not giving up,” Olaf Scholz said.\n\n"
        "“We will be back at the table next week.”\n\n"
        "The talks ended late."
    )
    [statement] = extract(text).statements
    assert statement.speaker == "Olaf Scholz"
    assert statement.end == text.index("\n\nThe talks")


def test_a_quotation_left_open_at_a_paragraphs_end_goes_on_in_the_next(extract):
    text = (
        "Talks\n\nOlaf Scholz downplayed the row over the pipeline at the end of the talks on "
        "Friday, saying: “The agenda was trade.\n\n"
        "“So that tells you what mattered.”\n"
    )
    [statement] = extract(text).statements
    assert statement.speaker == "Olaf Scholz"
    assert statement.end == text.index("mattered.”") + len("mattered.”")


def test_voicing_concerns_and_lashing_out_are_speech_acts_against(extract):
    for sentence in (
        "Canada has voiced concerns over the pact Ruto signed with Tinubu.",
        "Canada raised concerns about the pact on Monday.",
        "Ottawa lashed out at the pact.",
    ):
        x = extract("Talks\n\nHANOI, June 19, 2024 - " + sentence)
        assert [(s.speaker, s.stance) for s in x.statements] == [("Canada", "opposes")]


def test_an_embassy_or_mission_speaks_for_its_own_state_not_its_host(extract):
    x = extract(
        "Talks\n\nHANOI, June 19, 2024 - A spokesperson for the Chinese embassy in Nairobi "
        "said the pact was a mistake.\n\nThe Japanese Mission to the African Union said the "
        "pact was welcome."
    )
    assert [s.speaker for s in x.statements] == [
        "Chinese Embassy in Nairobi",
        "Japanese Mission to the African Union",
    ]
    countries = {a.name: a.country for a in x.actors}
    assert countries["Chinese Embassy in Nairobi"] == "China"


def test_a_person_named_between_commas_after_a_title_is_the_speaker(extract):
    for sentence in (
        "A Chinese foreign ministry spokesperson, Zhao Lijian, said the pact was a mistake.",
        "Secretary-General of the African Union Commission, Moussa Faki, said no.",
    ):
        x = extract("Talks\n\nHANOI, June 19, 2024 - " + sentence)
        assert [doc_kind(x, s.speaker) for s in x.statements] == ["person"]


def doc_kind(extraction, name: str) -> str:
    return next(a.kind for a in extraction.actors if a.name == name)


def test_the_demonym_government_or_administration_speaks_for_its_state(extract):
    for sentence, state in (
        ("The Canadian government said the deal was worrying.", "Canada"),
        ("The US administration has sounded the alarm about the deal.", "United States"),
    ):
        x = extract("Talks\n\nHANOI, June 19, 2024 - " + sentence)
        assert [s.speaker for s in x.statements] == [state]


def test_an_adverb_after_the_day_does_not_hide_the_speaker(extract):
    x = extract("Title\n\nJapan on Friday sharply criticised the missile launch as reckless.")
    assert [s.speaker for s in x.statements] == ["Japan"]


def test_he_after_a_quote_naming_someone_else_is_still_the_speaker(extract):
    text = (
        "Title\n\n"
        "“The talks were a failure,” German Foreign Minister Annalena Baerbock said.\n\n"
        "“Budapest and Orban have blocked every step, they want nothing to change.”\n\n"
        "She added that Berlin would try again in the spring."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers[-1] == "Annalena Baerbock"
    assert "Viktor Orban" not in speakers


def test_the_government_said_after_a_state_spoke_is_that_state(extract):
    text = (
        "Title\n\n"
        "The Japanese government has condemned the missile launch.\n\n"
        "The government said it would raise the matter at the United Nations."
    )
    assert [s.speaker for s in extract(text).statements] == ["Japan", "Japan"]


def test_a_negated_speech_verb_is_no_statement(extract):
    text = "Title\nThe Kremlin has not officially confirmed the date of the visit."
    assert extract(text).statements == []


def test_a_speaker_named_after_a_title_and_comma_speaks(extract):
    text = (
        "Title\nSecretary-General of the African Union, Tomas Belloni Hart, emphasized "
        "the need for a ceasefire."
    )
    [s] = extract(text).statements
    assert s.speaker == "Tomas Belloni Hart"


def test_recalling_commending_and_speaking_of_are_speech(extract):
    text = (
        "Title\nChinese President Xi Jinping recalled the first visit of a trade delegation. "
        "Prime Minister Narendra Modi commended the joint declaration. "
        "Russian President Vladimir Putin spoke of the need for dialogue."
    )
    statements = extract(text).statements
    assert [s.speaker for s in statements] == ["Xi Jinping", "Narendra Modi", "Vladimir Putin"]
    assert statements[1].stance == "supports"


def test_a_governor_or_commissioner_general_before_a_name_is_a_title(extract):
    text = (
        "Title\nOhio Governor Mara Ellison said the plant would reopen. "
        "UNHCR Commissioner-General Piet Vandermeer urged donors to give more."
    )
    assert [s.speaker for s in extract(text).statements] == ["Mara Ellison", "Piet Vandermeer"]


def test_name_variants_of_leaders_give_the_lexicon_name(extract):
    text = (
        "Title\nUS President Joseph Biden said the talks went well.\n"
        "“We are old friends,” Lam remarked after the dinner."
    )
    assert [s.speaker for s in extract(text).statements] == ["Joe Biden", "To Lam"]


def test_leaders_of_an_organisation_speak_as_the_organisation_not_its_listed_members(extract):
    text = (
        "Title\nThe leaders of the Quad countries of Japan, the United States, Australia and "
        "India expressed strong opposition to coercion at sea."
    )
    assert [s.speaker for s in extract(text).statements] == ["Quad"]


def test_leaders_of_two_organisations_each_speak(extract):
    text = (
        "Title\nThe leaders of the European Union (EU) and the Association of Southeast Asian "
        "Nations (ASEAN) expressed concern about the war."
    )
    assert [s.speaker for s in extract(text).statements] == ["European Union", "ASEAN"]


def test_organisation_leaders_with_another_predicate_before_the_speech_verb_do_not_speak(extract):
    text = (
        "Title\nLeaders of the Group of Seven agreed on Friday to fund a new port, a move that "
        "Prime Minister Narendra Modi called a fine step."
    )
    assert "G7" not in [s.speaker for s in extract(text).statements]


def test_a_closing_said_with_the_speaker_after_it_gives_that_speaker(extract):
    text = (
        "Title\nThe accord will open the border to trade by spring, said Chinese President "
        "Xi Jinping in a keynote speech."
    )
    [s] = extract(text).statements
    assert s.speaker == "Xi Jinping"


def test_a_closing_verb_with_the_person_as_its_object_is_not_inverted(extract):
    text = (
        "Title\nThe talks in Geneva ended early on Tuesday, urged Vladimir Putin to return "
        "to the table."
    )
    assert "Vladimir Putin" not in [s.speaker for s in extract(text).statements]


def test_it_and_the_statement_after_a_body_spoke_are_that_body(extract):
    text = (
        "Title\nThe Indian Ministry of External Affairs said in a statement that India took "
        "part in the talks.\nThe statement, however, added that India signed nothing. "
        "It added that India would stay engaged with both sides."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Indian Ministry of External Affairs"] * 3


def test_it_after_a_person_spoke_is_nobody(extract):
    text = (
        "Title\nPrime Minister Narendra Modi said the visit went well. It added weight to the ties."
    )
    assert [s.speaker for s in extract(text).statements] == ["Narendra Modi"]


def test_a_statement_by_the_member_countries_with_a_list_between_dashes_is_the_bloc(extract):
    text = (
        "Title\nThe G7 summit opened in Rome on Friday.\n"
        "A joint statement by the member countries – France, Germany, Italy and Canada – "
        "stressed the need for stable relations with China."
    )
    assert [s.speaker for s in extract(text).statements] == ["G7"]


def test_quote_by_a_person_before_a_colon_attributes_the_quotation(extract):
    text = (
        "Title\nKremlin spokesman Dmitry Peskov spoke to reporters on Monday.\n"
        'Quote by Peskov: "The meeting changed nothing for us."'
    )
    statements = extract(text).statements
    assert statements[-1].speaker == "Dmitry Peskov"
    assert text[statements[-1].start :].startswith("Quote by Peskov")


def test_an_acronym_in_brackets_between_subject_and_verb_is_looked_through(extract):
    text = (
        "Title\nThe Indian Ministry of External Affairs (MEA) said in a statement that India "
        "joined the talks."
    )
    [s] = extract(text).statements
    assert s.speaker == "Indian Ministry of External Affairs"


def test_a_participle_after_a_place_gives_the_clause_subject(extract):
    text = (
        "Title\nPresident Donald Trump flew on to South Korea, telling reporters he may cut "
        "tariffs."
    )
    [s] = extract(text).statements
    assert s.speaker == "Donald Trump"


def test_an_opening_phrase_before_the_subject_of_and_told(extract):
    text = (
        "Title\nWearing a signature red tie, President Donald Trump shook hands with Xi "
        "Jinping and told reporters, “We will have a great meeting.”"
    )
    [s] = extract(text).statements
    assert s.speaker == "Donald Trump"


def test_a_closing_attribution_broken_over_wrapped_lines_is_found(extract):
    text = (
        "PARIS, May 2 (Wire) - The members made great\n"
        "progress on trade, Prime Minister Narendra Modi said on\n"
        "Sunday, hailing the talks.\n"
        "Modi told reporters that all the\n"
        "members had agreed on the\n"
        "new tariffs.\n"
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Narendra Modi", "Narendra Modi"]


def test_he_after_a_speaker_is_that_speaker_not_a_person_spoken_of(extract):
    text = (
        "Title\nKremlin aide Yuri Ushakov said the summit would focus on security. "
        "He said Vladimir Putin planned to explain his approach. "
        "He said Putin also planned to raise the nuclear deal."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Yuri Ushakov"] * 3


def test_a_spokesperson_for_a_person_speaks_for_their_body(extract):
    text = (
        "Title\nA spokesperson for Josep Borrell emphasized that the bloc urges all members to act."
    )
    [s] = extract(text).statements
    assert s.speaker == "European Union"


def test_officials_of_a_state_speak_as_the_state(extract):
    text = (
        "Title\nUkrainian officials criticized the visit, stating it was not coordinated.\n"
        "Officials in India and Ukraine say the visit will focus on trade."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Ukraine", "India", "Ukraine"]


def test_officials_somewhere_that_is_no_state_are_nobody(extract):
    text = "Title\nOfficials in the region say the road will reopen soon."
    assert extract(text).statements == []


def test_state_news_agencies_are_speakers(extract):
    text = (
        "Title\n“The partners should not be rivals,” Xinhua wrote in a commentary.\n"
        "KCNA said the talks were of great importance."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Xinhua", "Korean Central News Agency"]


def test_the_two_leaders_after_an_opener_are_the_pair_named_before(extract):
    text = (
        "Title\n“We count on you,” French President Emmanuel Macron told Chinese President "
        "Xi Jinping in Beijing. And, in a joint statement after those talks, the two leaders "
        "reaffirmed their call for peace talks. The two sides also reaffirmed their opposition "
        "to nuclear arms."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers[1:] == ["Emmanuel Macron", "Xi Jinping", "France", "China"]


def test_the_two_leaders_after_three_people_are_nobody(extract):
    text = (
        "Title\nPresident Joe Biden met Prime Minister Narendra Modi and President Xi Jinping. "
        "The two leaders reaffirmed their ties."
    )
    assert extract(text).statements == []


def test_a_leader_and_the_leaders_of_two_states_each_speak(extract):
    text = (
        "Title\nUS President Joe Biden and the leaders of Japan and South Korea have said "
        "they saw a new chapter of cooperation. South Korean President Yoon Suk Yeol and "
        "Japanese Prime Minister Fumio Kishida arrived on Friday."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Joe Biden", "Fumio Kishida", "Yoon Suk Yeol"]


def test_the_leaders_of_a_state_with_no_named_head_are_nobody(extract):
    text = "Title\nThe leaders of Japan and South Korea have said they saw a new chapter."
    assert extract(text).statements == []


def test_the_three_leaders_are_the_three_people_named_before(extract):
    text = (
        "Title\nUS President Joe Biden hosted South Korean President Yoon Suk Yeol and "
        "Japanese Prime Minister Fumio Kishida. The three leaders said they opposed coercion."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Joe Biden", "Yoon Suk Yeol", "Fumio Kishida"]


def test_a_journalist_before_a_name_is_a_title(extract):
    text = "Title\njournalist Marta Kovacs wrote that the visit would take place in May."
    [s] = extract(text).statements
    assert s.speaker == "Marta Kovacs"


def test_an_appositive_title_of_a_country_s_body_names_the_speaker(extract):
    text = (
        "Title\n“We ask for a quick agreement,” said Omar al-Tahiri, chairman of Libya's "
        "presidential council."
    )
    [s] = extract(text).statements
    assert s.speaker == "Omar al-Tahiri"


def test_began_by_saying_gives_the_subject(extract):
    text = "Title\nRussian President Vladimir Putin began by saying the talks had gone well."
    [s] = extract(text).statements
    assert s.speaker == "Vladimir Putin"


def test_a_time_after_the_speaker_who_follows_an_opener_is_looked_through(extract):
    text = (
        "Title\nSitting down for talks with Prime Minister Narendra Modi, Chinese President "
        "Xi Jinping on Saturday said he hoped for a new direction."
    )
    [s] = extract(text).statements
    assert s.speaker == "Xi Jinping"


def test_they_after_two_organisations_spoke_together_are_both(extract):
    text = (
        "Title\nThe leaders of the European Union (EU) and the Association of Southeast Asian "
        "Nations (ASEAN) expressed concern about the war. They also supported all peace "
        "efforts. The closing statement also noted the end of the embargo."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["European Union", "ASEAN"] * 3


def test_they_after_one_speaker_is_nobody(extract):
    text = (
        "Title\nChinese President Xi Jinping said the talks went well. They also supported "
        "the new fund."
    )
    assert [s.speaker for s in extract(text).statements] == ["Xi Jinping"]


def test_speech_acts_named_by_a_phrase_without_a_speech_verb_are_statements(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi made the announcement at the closing session.\n"
        "Chinese President Xi Jinping heaped praise upon the hosts.\n"
        "Russian President Vladimir Putin took credit for the new corridor.\n"
        "Brazil lodged a protest with the Argentine ambassador."
    )
    found = {s.speaker: s.stance for s in extract(text).statements}
    assert found == {
        "Narendra Modi": "neutral",
        "Xi Jinping": "supports",
        "Vladimir Putin": "neutral",
        "Brazil": "opposes",
    }


def test_a_second_clause_s_speaker_is_not_the_first_clause_s_attribution(extract):
    text = (
        "Title\nBrazil has dismissed the forum as a waste of time, and Indian Prime Minister "
        "Narendra Modi has set conditions for a truce."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Brazil", "Narendra Modi"]


def test_the_three_leaders_are_the_three_who_spoke_together_before(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi, Brazilian President Luiz Inacio Lula da "
        "Silva and Chinese President Xi Jinping said they saw a new era.\n"
        "Modi praised the courage of his guests.\n"
        "Modi insisted the meeting was not about trade.\n"
        "In a joint statement, the three leaders said they opposed coercion at sea."
    )
    speakers = {s.speaker for s in extract(text).statements if "coercion" in s.summary}
    assert len(speakers) == 3 and "Narendra Modi" in speakers


def test_the_three_leaders_are_nobody_when_someone_else_spoke_since_the_group(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi, Brazilian President Luiz Inacio Lula da "
        "Silva and Chinese President Xi Jinping said they saw a new era.\n"
        "Russian President Vladimir Putin warned against blocs.\n"
        "In a joint statement, the three leaders said they opposed coercion at sea."
    )
    assert not [s for s in extract(text).statements if "coercion" in s.summary]


def test_the_official_after_a_quote_is_the_body_whose_official_spoke_before(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi arrived in Moscow. A Kremlin official "
        "confirmed that the dinner was cancelled.\n"
        "“The dinner is off,” the official stated."
    )
    assert [s.speaker for s in extract(text).statements] == ["Kremlin", "Kremlin"]


def test_a_quote_from_unnamed_officials_is_not_the_paragraph_s_speaker(extract):
    text = (
        "Title\nRussian President Vladimir Putin praised the hosts. “Our ties keep growing "
        "every year,” two senior officials from the ministry said."
    )
    assert [s.speaker for s in extract(text).statements] == ["Vladimir Putin"]


def test_the_state_s_embassy_after_its_embassy_spoke_is_that_embassy(extract):
    text = (
        "Title\nThe US Embassy in Brasilia issued a statement on the visit. "
        "“No side gains from tariffs,” the US embassy said in a statement."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert len(speakers) == 2 and speakers[0] == speakers[1] != "United States"


def test_a_news_agency_relaying_a_person_s_own_words_gives_the_person(extract):
    text = (
        "Title\nXinhua said Xi Jinping greeted Lula at the airport, expressing his delight at "
        "the visit.\nXinhua said Xi Jinping inspected a factory in the afternoon."
    )
    assert [s.speaker for s in extract(text).statements] == ["Xi Jinping", "Xinhua"]


def test_a_person_who_speaks_in_a_relative_clause_after_a_speech_act_speaks_too(extract):
    text = (
        "Title\nIndian Prime Minister Narendra Modi said he expected a good meeting with "
        "Xi Jinping, who told Modi it was a pleasure to see him."
    )
    assert [s.speaker for s in extract(text).statements] == ["Narendra Modi", "Xi Jinping"]


def test_the_object_of_a_document_s_verb_does_not_speak_its_coordinated_call(extract):
    text = (
        "Title\nThe new charter praises Brazil for its mediation, and calls for "
        "wider trade across the ocean."
    )
    assert [s.speaker for s in extract(text).statements] == []


def test_an_opener_before_the_subject_still_gives_the_coordinated_speaker(extract):
    text = "Title\nIn response, Xi Jinping thanked the hosts and called for calm."
    assert [s.speaker for s in extract(text).statements] == ["Xi Jinping"]


def test_drawing_attention_to_something_is_a_speech_act(extract):
    text = (
        "Title\nThe Chinese Mission to the European Union said the text was biased.\n"
        "The mission also drew attention to the growing defence budgets in Europe."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Chinese Mission to the European Union"] * 2


def test_a_speech_verb_coordinated_with_an_auxiliary_has_the_sentence_s_subject(extract):
    text = (
        "Title\nXi Jinping is touring the port with his hosts and is calling on "
        "investors to return."
    )
    [s] = extract(text).statements
    assert (s.speaker, s.stance) == ("Xi Jinping", "calls_for")


def test_writing_that_after_a_comma_is_the_subject_s_speech(extract):
    text = "Title\nBefore the talks, Xi Jinping struck a warmer tone, writing that ties had grown."
    [s] = extract(text).statements
    assert s.speaker == "Xi Jinping"
