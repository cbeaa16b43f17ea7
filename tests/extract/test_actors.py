from coverage.extract.actors import find_actors
from coverage.extract.lexicon import matcher_for


def mentions(text, lexicon):
    index = find_actors(text, matcher_for(lexicon))
    return index, [(text[m.start : m.end], m.actor) for m in index.mentions]


def test_aliases_map_to_canonical_names_longest_first(lexicon):
    _, found = mentions("A spokesperson for the US State Department spoke in Moscow.", lexicon)
    assert found == [("US State Department", "US State Department"), ("Moscow", "Russia")]


def test_short_aliases_are_case_sensitive(lexicon):
    _, found = mentions("He told us the US would act.", lexicon)
    assert found == [("US", "United States")]


def test_long_aliases_ignore_case(lexicon):
    _, found = mentions("European union officials and russia disagreed.", lexicon)
    assert [a for _, a in found] == ["European Union", "Russia"]


def test_demonym_title_and_name_discover_a_new_person(lexicon):
    index, found = mentions("Talks with Turkish president Recep Tayyip Erdogan ended.", lexicon)
    assert found == [("Turkish president Recep Tayyip Erdogan", "Recep Tayyip Erdogan")]
    person = index.found["Recep Tayyip Erdogan"]
    assert person.is_new and person.kind == "person"
    assert person.country == "Turkey" and person.title == "president"
    assert "Erdogan" in person.aliases and "President Erdogan" in person.aliases


def test_a_discovered_person_is_found_again_by_surname(lexicon):
    _, found = mentions("Kenyan President William Ruto spoke. Later Ruto left.", lexicon)
    assert [a for _, a in found] == ["William Ruto", "William Ruto"]


def test_a_known_person_behind_the_pattern_keeps_the_lexicon_name(lexicon):
    index, found = mentions("Russian President Vladimir Putin’s visit", lexicon)
    assert found == [("Russian President Vladimir Putin", "Vladimir Putin")]
    assert not index.found["Vladimir Putin"].is_new


def test_country_possessive_and_of_country_give_the_country(lexicon):
    index, _ = mentions(
        "India's Prime Minister Narendra Modi met Foreign Minister Ali Baqeri of Iran.", lexicon
    )
    assert index.found["Ali Baqeri"].country == "Iran"


def test_a_person_inherits_bloc_from_the_body_named_before_the_title(lexicon):
    index, _ = mentions("US State Department spokesman Matthew Miller said so.", lexicon)
    miller = index.found["Matthew Miller"]
    assert miller.country == "United States" and miller.bloc == "western"


def test_a_title_reference_resolves_to_the_latest_person_of_that_country(lexicon):
    _, found = mentions("President Putin met Xi. The Russian leader smiled.", lexicon)
    assert found[-1] == ("The Russian leader", "Vladimir Putin")


def test_a_title_reference_without_antecedent_resolves_to_the_lexicon_holder(lexicon):
    _, found = mentions("The EU's foreign policy chief said no.", lexicon)
    assert found == [("The EU's foreign policy chief", "Kaja Kallas")]


def test_capitalised_sentence_words_are_not_names(lexicon):
    index, _ = mentions("The president On Tuesday spoke.", lexicon)
    assert not any(a.is_new for a in index.found.values())


def test_an_appositive_title_discovers_a_new_person(lexicon):
    index, found = mentions("William Ruto, Kenya's president, said so.", lexicon)
    assert found[0] == ("William Ruto", "William Ruto")
    assert index.found["William Ruto"].country == "Kenya"


def test_an_appositive_title_of_a_body_gives_the_affiliation(lexicon):
    index, _ = mentions(
        "Mahmoud Ali Youssouf, the chairperson of the African Union Commission, spoke.", lexicon
    )
    assert index.found["Mahmoud Ali Youssouf"].country == "African Union"


def test_the_title_alone_is_the_latest_subject_with_that_title(extract):
    text = (
        "Visit\nPresident Prabowo welcomed President Ramaphosa and said ties were strong. "
        "The President added that trade should double."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Prabowo Subianto", "Prabowo Subianto"]


FILLER = "The talks ran late into the night and covered trade, energy and fisheries. " * 10


def test_the_title_alone_far_on_is_the_one_person_of_that_title_named(extract):
    text = (
        "Visit\n\nPrime Minister Anthony Albanese arrived in Apia for the meeting.\n\n"
        + FILLER
        + "\n\nAsked about the budget, the Prime Minister said it would balance."
    )
    assert [s.speaker for s in extract(text).statements] == ["Anthony Albanese"]


def test_the_title_alone_far_on_after_two_of_that_title_is_nobody(extract):
    text = (
        "Visit\n\nPrime Minister Anthony Albanese met Prime Minister Christopher Luxon.\n\n"
        + FILLER
        + "\n\nAsked about the budget, the Prime Minister said it would balance."
    )
    assert extract(text).statements == []


def test_a_capitalised_title_before_a_single_name_discovers_a_person(extract):
    [s] = extract("Visit\nForeign Minister Sugiono said the visit was historic.").statements
    assert s.speaker == "Sugiono"


def test_role_of_an_organisation_then_the_name(extract):
    text = (
        "Visit\nPresident Ramaphosa also met with the Secretary-General of ASEAN, "
        "Kao Kim Hourn, in Jakarta."
    )
    [m] = extract(text).meetings
    assert set(m.participants) == {"Cyril Ramaphosa", "Kao Kim Hourn"}


def test_the_foreign_ministry_of_the_capital_a_paragraph_opens_in(extract):
    text = (
        "NATO summit\nTHE HAGUE, June 25, 2025 – The NATO summit opened on Wednesday.\n"
        'In Beijing, the foreign ministry urged NATO to "stop blaming China".'
    )
    [r] = extract(text).responses
    assert r.responder == "Chinese Foreign Ministry"


def test_readout_titles_of_a_country(extract):
    text = (
        "Readout\nThe summit was co-chaired by the Chairperson of the African Union, President "
        "of the Comoros Azali Assoumani. In his remarks, the President of Russia said that "
        "grain would be supplied. Azali Assoumani thanked the hosts and called for peace."
    )
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Vladimir Putin", "Azali Assoumani"]


def test_a_bare_foreign_ministry_is_that_of_the_people_the_sentence_names(extract):
    text = (
        "Visit\n\nIndian Prime Minister Narendra Modi will visit Kyiv this week, the foreign "
        "ministry confirmed on Monday.\n"
    )
    assert [s.speaker for s in extract(text).statements] == ["Indian Ministry of External Affairs"]


def test_a_bare_foreign_ministry_after_people_of_two_states_is_nobody(extract):
    text = "Talks\n\nModi met Putin in Moscow, the foreign ministry said on Monday.\n"
    assert [s.speaker for s in extract(text).statements] == []


def test_a_chinese_official_goes_by_the_family_name(extract):
    text = (
        "Beijing reacts\n\nSpokesperson Wang Wenbin said the deal was dangerous.\n\n"
        "Wang repeated China's claims that the pact posed a risk.\n"
    )
    assert [s.speaker for s in extract(text).statements] == ["Wang Wenbin", "Wang Wenbin"]


def test_a_body_alias_after_another_states_name_is_that_states_body(lexicon):
    text = "The Pakistani foreign office and Germany's Foreign Office agreed."
    _, found = mentions(text, lexicon)
    assert found == [
        ("Pakistani foreign office", "Pakistani Foreign Ministry"),
        ("Germany's Foreign Office", "German Foreign Office"),
    ]


def test_a_body_alias_after_a_state_without_such_a_body_is_the_state(lexicon):
    _, found = mentions("Nauru's State Department protested.", lexicon)
    assert found == [("Nauru's State Department", "Nauru")]


def test_the_body_alias_alone_or_after_its_own_state_is_unchanged(lexicon):
    _, found = mentions("The Foreign Office and the British Foreign Office agreed.", lexicon)
    assert [a for _, a in found] == ["UK Foreign Office", "UK Foreign Office"]


def test_a_curly_apostrophe_matches_an_alias_written_with_a_straight_one(lexicon):
    _, found = mentions("Japan’s foreign ministry said so.", lexicon)
    assert found == [("Japan’s foreign ministry", "Japanese Foreign Ministry")]


def test_a_demonym_or_possessive_before_foreign_ministry_names_that_states_ministry(lexicon):
    _, found = mentions(
        "The Indian foreign ministry and Nauru's ministry of foreign affairs", lexicon
    )
    assert [a for _, a in found] == [
        "Indian Ministry of External Affairs",
        "Nauruan Foreign Ministry",
    ]


def test_a_lawmaker_or_senator_before_a_name_is_a_title(extract):
    text = (
        "Visit\n\n“The visit is historic,” Kenyan lawmaker Amina Odhiambo said.\n\n"
        "US Senator Carl Benning said the visit was a mistake."
    )
    assert [s.speaker for s in extract(text).statements] == ["Amina Odhiambo", "Carl Benning"]


def test_every_state_of_a_chain_of_three_joined_names_is_a_mention(lexicon):
    _, found = mentions("Critics of the France-UK-Germany initiative spoke.", lexicon)
    assert found == [("France", "France"), ("UK", "United Kingdom"), ("Germany", "Germany")]


def test_a_chain_of_three_joined_parties_makes_the_inside_of_a_pact(extract):
    text = (
        "New pact\n\n"
        "Moscow criticised the new Japan-Philippines-Australia pact on Monday.\n\n"
        "Russian Foreign Minister Sergei Lavrov said the pact threatened stability."
    )
    assert "Sergei Lavrov" in [r.responder for r in extract(text).responses]


def test_a_name_set_off_by_commas_after_a_title_is_a_new_person(lexicon):
    index, found = mentions("Tuvaluan Prime Minister, Alofa Kelesi, has promised support.", lexicon)
    assert ("Alofa Kelesi", "Alofa Kelesi") in found
    assert index.found["Alofa Kelesi"].country == "Tuvalu"


def test_a_name_set_off_by_commas_after_a_title_of_a_body_gives_the_affiliation(lexicon):
    index, found = mentions(
        "Secretary-General of the African Union, Tomas Belloni Hart, urged calm.", lexicon
    )
    assert ("Tomas Belloni Hart", "Tomas Belloni Hart") in found
    assert index.found["Tomas Belloni Hart"].country == "African Union"


def test_a_place_after_a_title_and_a_comma_is_no_person(lexicon):
    index, _ = mentions("The talks ended, said the minister, New Delhi, however, said no.", lexicon)
    assert all(a.kind != "person" for a in index.found.values())


def test_an_appositive_title_of_a_known_body_discovers_a_new_person(lexicon):
    index, found = mentions(
        "Dana Whitcombe, the White House press secretary, said the talks were useful.", lexicon
    )
    assert ("Dana Whitcombe", "Dana Whitcombe") in found
    assert index.found["Dana Whitcombe"].country == "United States"


def test_an_appositive_ambassador_to_a_country_is_a_new_person(lexicon):
    index, found = mentions(
        "Ellis Marrow, the Canadian ambassador to Peru, wrote in a post on X.", lexicon
    )
    assert ("Ellis Marrow", "Ellis Marrow") in found
    assert index.found["Ellis Marrow"].country == "Canada"


def test_an_appositive_title_after_unknown_capitalised_words_is_no_person(lexicon):
    index, _ = mentions("Grand Hotel Plaza, the Riverside Garden minister, opened.", lexicon)
    assert "Grand Hotel Plaza" not in index.found
