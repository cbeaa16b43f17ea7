SCO = "SCO Summit in Tianjin\nTianjin, China – The SCO summit ended on Monday.\n"


def test_western_body_reacting_to_a_non_western_summit_is_a_response(extract):
    text = SCO + (
        "Putin advocated for a “safety balance” proposal.\n"
        "A spokesperson for the US State Department stated that the proposal is "
        "“a dangerous distraction” and must be withdrawn."
    )
    x = extract(text)
    # what was said is a statement too (the product's definition)
    assert [s.speaker for s in x.statements] == ["Vladimir Putin", "US State Department"]
    [r] = x.responses
    assert r.responder == "US State Department"
    assert r.stance == "rejects"
    assert r.quote == "a dangerous distraction"
    assert r.responds_to == "safety balance"


def test_response_verbs_give_the_stance(extract):
    text = SCO + (
        "EU officials have expressed similar skepticism about the plan.\n"
        "NATO reaffirmed its commitment to collective defence."
    )
    stances = {r.responder: r.stance for r in extract(text).responses}
    assert stances == {"European Union": "sceptical", "NATO": "reaffirms"}


def test_western_speakers_at_a_western_summit_make_statements(extract):
    text = (
        "NATO summit\nVILNIUS, July 11, 2023 – NATO leaders met at their summit.\n"
        "Joe Biden said Ukraine would be safe."
    )
    x = extract(text)
    assert x.responses == [] and [s.speaker for s in x.statements] == ["Joe Biden"]


def test_without_a_summit_nobody_responds(extract):
    x = extract("Visit\nSecretary of State Antony Blinken said the visit was a show.")
    assert x.responses == [] and len(x.statements) == 1


VISIT = (
    "Leaders hold talks\n"
    "HANOI, March 4, 2024 – Indian Prime Minister Narendra Modi held talks with Russian "
    "President Vladimir Putin on Monday.\n"
)


def test_without_a_summit_a_state_outside_the_meeting_responds(extract):
    text = VISIT + (
        "Putin said the partnership was strong.\n"
        "Ukrainian President Volodymyr Zelensky said the talks were a blow to peace efforts.\n"
        "Secretary of State Antony Blinken said Washington had raised its concerns with India."
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["Volodymyr Zelensky", "Antony Blinken"]
    assert [s.speaker for s in x.statements] == [
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Antony Blinken",
    ]


def test_without_a_summit_or_a_meeting_an_unattached_person_does_not_respond(extract):
    text = VISIT + "Analyst Maria Brandt said the talks were overdue."
    assert extract(text).responses == []


def test_a_general_western_reaction_without_actor_is_skipped(extract):
    text = SCO + "Western governments have largely dismissed the proposal."
    assert extract(text).responses == []


def test_responds_to_falls_back_to_the_summit_speaker_mentioned(extract):
    text = SCO + "The White House said Putin was isolated."
    [r] = extract(text).responses
    assert r.responder == "White House" and r.responds_to == "Vladimir Putin"


G7 = "G7 summit\nBORGO EGNAZIA, Italy, June 14, 2024 – The G7 summit opened on Thursday.\n"


def test_a_non_western_reaction_to_a_western_summit_is_a_response(extract):
    text = G7 + (
        "Giorgia Meloni said the West was united.\n"
        'Kremlin spokesman Dmitry Peskov said the decision was "theft".\n'
        'China\'s foreign ministry said the communique was "full of arrogance".'
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["Dmitry Peskov", "Chinese Foreign Ministry"]
    assert [s.speaker for s in x.statements] == [
        "Giorgia Meloni",
        "Dmitry Peskov",
        "Chinese Foreign Ministry",
    ]


def test_guests_and_parties_of_a_western_summit_are_not_outside(extract):
    text = G7 + (
        "Indian Prime Minister Narendra Modi, attending as a guest, said India wanted peace.\n"
        "Zelensky met Meloni. Zelensky said Ukraine would win."
    )
    x = extract(text)
    assert x.responses == []
    assert {s.speaker for s in x.statements} == {"Narendra Modi", "Volodymyr Zelensky"}


def test_the_other_party_of_an_eu_china_summit_is_inside(extract):
    text = (
        "EU-China summit\nBEIJING, Dec. 7, 2023 (AP) — The EU-China summit opened on Thursday.\n"
        "Xi Jinping said China was not the source of Europe's problems.\n"
        "Kremlin spokesman Dmitry Peskov said the talks were none of Russia's concern."
    )
    x = extract(text)
    assert [s.speaker for s in x.statements] == ["Xi Jinping", "Dmitry Peskov"]
    assert [r.responder for r in x.responses] == ["Dmitry Peskov"]


def test_a_spokesperson_speaking_from_a_capital_takes_its_country(extract):
    text = G7 + 'In Beijing, foreign ministry spokesperson Lin Jian said it had "no legal basis".'
    [r] = extract(text).responses
    assert r.responder == "Lin Jian"


def test_a_body_of_an_organisation_names_its_summit(extract):
    text = (
        "EU summit\nBRUSSELS, Dec 14, 2023 – Leaders agreed on Thursday to open talks with "
        "Ukraine at the European Council summit.\n"
        'Russian foreign ministry spokeswoman Maria Zakharova said the move was "political".'
    )
    x = extract(text)
    assert x.summit.organisation == "European Union"
    assert [r.responder for r in x.responses] == ["Maria Zakharova"]


def test_a_summit_named_only_by_its_kind_belongs_to_the_most_named_organisation(extract):
    text = (
        "Armenia snubs security bloc summit\n"
        "MINSK, Belarus (AP) — Leaders met in the Belarusian capital on Nov. 28, 2024.\n"
        "Putin said the CSTO remained important. Kazakhstan will chair the CSTO in 2025.\n"
        'EU foreign policy chief Josep Borrell said the bloc "cannot be a tool of coercion".'
    )
    x = extract(text)
    assert x.summit.organisation == "Collective Security Treaty Organization"
    assert [r.responder for r in x.responses] == ["Josep Borrell"]


def test_without_a_summit_the_parties_of_a_visit_are_inside(extract):
    text = (
        "Minister in Islamabad\n\n"
        "ISLAMABAD, Sept. 9, 2019 - Chinese Foreign Minister Wang Yi paid a two-day visit to "
        "Pakistan on Saturday.\n"
        "India rejects the joint statement's reference to Kashmir, Indian foreign ministry "
        "spokesman Raveesh Kumar said on Tuesday.\n"
        "Wang Yi said the two countries were iron brothers."
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["Raveesh Kumar"]
    assert [s.speaker for s in x.statements] == ["Raveesh Kumar", "Wang Yi"]


def test_welcoming_someone_elses_visit_makes_no_side(extract):
    text = (
        "Visit\n\nMOSCOW, March 21, 2023 - Xi Jinping welcomed his visit to Russia.\n"
        "Xi said the partnership was strong."
    )
    assert extract(text).responses == []


def test_the_visit_of_a_leader_to_a_state_makes_them_inside(extract):
    text = (
        "Gulf visit\n\nWASHINGTON, Dec. 7, 2022 - The White House said the visit of President "
        "Xi Jinping to Saudi Arabia was an attempt to grow influence.\n"
        "Saudi Arabia's foreign minister Faisal bin Farhan said ties with Washington were strong."
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["White House"]


def test_a_summit_named_by_its_parties_is_not_an_organisation_mentioned_nearby(extract):
    text = (
        "Leaders meet in Geneva\n\n"
        "Vladimir Putin briefed officials on Friday's Russia-US summit in Geneva.\n"
        "Putin stressed that the talks had been useful.\n"
        "European NATO members have acknowledged the Geneva summit but kept their sanctions."
    )
    x = extract(text)
    assert x.summit is None
    assert x.responses == [] and [s.speaker for s in x.statements] == ["Vladimir Putin"]


def test_without_a_summit_a_leader_named_after_co_chaired_by_is_inside(extract):
    text = (
        "Forum in Hanoi\n\n"
        "HANOI, May 3, 2024 - Xi Jinping held talks with Vietnamese President To Lam.\n"
        "The forum was co-chaired by the President of the Comoros Azali Assoumani.\n"
        "Azali Assoumani thanked the hosts for their hospitality.\n"
        "Australian Foreign Minister Penny Wong said the forum was closely watched."
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["Penny Wong"]


def test_without_a_summit_the_parties_a_summit_is_named_by_are_inside(extract):
    text = (
        "Leaders gather\n\n"
        "Xi Jinping will host leaders from the region for a summit in Xi'an.\n"
        "Many leaders are expected at the China-Central Asia summit this week.\n"
        "Xi said the region's future was shared.\n"
        "Kazakh President Kassym-Jomart Tokayev said trade would double.\n"
        "German Chancellor Olaf Scholz said Europe would follow the talks closely."
    )
    x = extract(text)
    # Central Asia is a region: only a Western government reacts from outside
    assert [r.responder for r in x.responses] == ["Olaf Scholz"]


def test_a_vice_foreign_minister_of_an_outside_state_responds_to_a_western_summit(extract):
    text = (
        "Protest lodged\n\nBEIJING, June 3 (Wire) – China protested about the statement issued "
        "at the G7 summit in the Italian resort town of Borgo Egnazia.\n\n"
        "Chinese Vice Foreign Minister Ma Zhaohui said the group was smearing China."
    )
    x = extract(text)
    assert "Ma Zhaohui" in [r.responder for r in x.responses]


def test_a_state_reacting_to_what_a_leader_said_during_a_trip_abroad_responds(extract):
    text = (
        "Lula remarks\n\nBRASILIA, April 17, 2023 - President Luiz Inacio Lula da Silva said "
        "the West was prolonging the war during a trip to China.\n\n"
        "The White House on Monday criticised Brazil over the remarks."
    )
    assert [(r.responder, r.stance) for r in extract(text).responses] == [
        ("White House", "rejects")
    ]


def test_without_a_summit_the_parties_of_an_agreement_between_two_states_are_inside(extract):
    text = (
        "Port deal signed\n\n"
        "The government of Japan has criticised the new port agreement between Russia and "
        "Vietnam, calling it a threat to shipping.\n\n"
        "Russian Foreign Minister Sergei Lavrov said the agreement served only trade."
    )
    x = extract(text)
    assert [r.responder for r in x.responses] == ["Japan"]


def test_peace_talks_between_two_states_make_no_side(extract):
    text = (
        "Appeal\n\n"
        "The Pope called for peace talks between Russia and Ukraine.\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba said the appeal was welcome."
    )
    assert extract(text).responses == []


def test_a_non_western_dateline_does_not_make_its_state_host_a_western_summit(extract):
    text = (
        "Envoy rejects declaration\n\n"
        "MOSCOW (Wire) - The NATO summit is being held in the Dutch capital this week.\n\n"
        "The Russian Embassy in the Netherlands said in a statement that the NATO declaration "
        "was hostile."
    )
    x = extract(text)
    assert x.summit is not None and x.summit.organisation == "NATO"
    assert [r.responder for r in x.responses] == ["Russian Embassy in the Netherlands"]


def test_without_a_summit_the_two_sides_of_a_spat_between_leaders_are_inside(extract):
    text = (
        "Leaders fall out\n\n"
        "A public spat between French President Emmanuel Macron and Italian Prime Minister "
        "Giorgia Meloni dominated the day.\n\n"
        "Macron said he regretted nothing.\n\n"
        "Russian Foreign Minister Sergei Lavrov said the quarrel showed Europe was divided."
    )
    assert [r.responder for r in extract(text).responses] == ["Sergei Lavrov"]


def test_a_western_body_naming_the_visit_responds_and_elsewhere_only_speaks(extract):
    text = (
        "Trip\n\nBEIJING, May 6, 2024 - Hungarian Prime Minister Viktor Orban paid a visit to "
        "China on Monday.\n"
        "The European Union said Orban's trip had not been agreed with the other members.\n"
        "The European Union said its single market was growing."
    )
    x = extract(text)
    assert [(r.responder, x_text(text, r)) for r in x.responses] == [
        ("European Union", "The European Union said Orban's trip")
    ]


def test_arriving_in_a_state_makes_the_visit_and_another_state_reacts_from_outside(extract):
    text = (
        "Arrival\n\nMay 6, 2024 - Chinese President Xi Jinping has arrived in Serbia for a "
        "state visit.\n"
        "Ukraine urged Serbia to keep its distance from Beijing."
    )
    assert [r.responder for r in extract(text).responses] == ["Ukraine"]


def test_the_traveller_of_during_his_trip_is_the_person_after_the_comma(extract):
    text = (
        "Trip\n\nMay 6, 2024 - British Foreign Secretary David Lammy said that during his trip "
        "to China, Hungarian Prime Minister Viktor Orban had no mandate to speak for Europe.\n"
    )
    # Orban travelled: Hungary and China are the inside, and Britain reacts from outside
    assert [r.responder for r in extract(text).responses] == ["David Lammy"]


def x_text(text, record):
    return text[record.start : record.end][:36]


def test_states_listed_as_the_organisations_countries_take_part(extract):
    text = (
        "Quad summit\n\nTOKYO, May 24, 2022 - The leaders of the Quad countries of Japan, the "
        "United States, Australia and India opposed any coercion at the Quad summit on Tuesday.\n"
        "India said the group would fund new vaccine plants.\n"
        "China said the group was stoking confrontation."
    )
    assert [r.responder for r in extract(text).responses] == ["China"]


def test_leaders_a_host_will_bring_to_the_summit_take_part(extract):
    text = (
        "Quad summit\n\nWILMINGTON, Sept. 20, 2024 - US President Joe Biden will host Prime "
        "Minister Narendra Modi, Australian PM Anthony Albanese and Prime Minister Fumio "
        "Kishida at the Quad Leaders Summit on Saturday.\n"
        "Modi said the group was a force for good.\n"
        "China said the group was stoking confrontation."
    )
    assert [r.responder for r in extract(text).responses] == ["China"]


def test_an_arrival_in_a_state_makes_the_visit_and_the_us_embassy_there_reacts(extract):
    text = (
        "Visit\n\nJune 20, 2024 - Putin's arrival in Hanoi opened a two-day visit.\n"
        "The U.S. embassy in Vietnam said no country should give Putin a platform."
    )
    x = extract(text)
    assert [s.speaker for s in x.statements] == ["US Embassy in Hanoi"]
    assert [r.responder for r in x.responses] == ["US Embassy in Hanoi"]


def test_lodging_a_protest_is_a_rejecting_response(extract):
    text = (
        "G7 summit in Rome\nROME, May 20, 2024 – The G7 summit ended on Monday.\n"
        "China lodged a protest with the Italian ambassador over the communique."
    )
    [r] = extract(text).responses
    assert (r.responder, r.stance) == ("China", "rejects")
