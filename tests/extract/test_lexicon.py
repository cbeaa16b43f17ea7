"""The seed lexicon holds the knowledge; the code holds none about particular documents."""

import re
from pathlib import Path

from coverage.extract import load_seed_lexicon
from coverage.extract.lexicon import SEED_PATH

EXTRACT_DIR = Path(SEED_PATH).parent
# Phrases and people of the sample article that must not be baked into code or seed data.
SAMPLE_ONLY = [
    "safety balance",
    "root causes",
    "dangerous distraction",
    "Power of Siberia",
    "cold War mentality",
    "hegemonism",
    "Tianjin",
    "Pezeshkian",
    "Erdogan",
]


def test_no_sample_phrase_appears_in_code_or_seed_data():
    for path in [*EXTRACT_DIR.glob("*.py"), SEED_PATH]:
        text = path.read_text(encoding="utf-8").lower()
        for phrase in SAMPLE_ONLY:
            assert phrase.lower() not in text, f"{phrase!r} in {path.name}"


def test_no_django_import_in_the_extraction_package():
    for path in EXTRACT_DIR.glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+django", path.read_text(), re.M), path


def test_the_seed_has_the_term_kinds_the_pipeline_reads():
    lex = load_seed_lexicon()
    for kind in (
        "speech_verb",
        "response_verb",
        "meeting_phrase",
        "title",
        "demonym",
        "event_keyword",
        "membership_status",
    ):
        assert lex.terms.get(kind), kind
    assert len(lex.terms["speech_verb"]) >= 40


def test_every_state_has_a_demonym_and_a_bloc():
    lex = load_seed_lexicon()
    states = {a.name for a in lex.actors if a.kind == "state"}
    assert len(states) >= 60
    # Every state but those whose only demonym names a more populous state ("Congolese").
    assert len(states - set(lex.terms["demonym"].values())) <= 2
    assert all(a.bloc in ("western", "other") for a in lex.actors if a.kind == "state")


def test_capitals_are_aliases_of_their_states():
    lex = load_seed_lexicon()
    aliases = {a.name: set(a.aliases) for a in lex.actors}
    assert "Moscow" in aliases["Russia"] and "Kyiv" in aliases["Ukraine"]
    assert "Washington" in aliases["United States"] and "Beijing" in aliases["China"]


def test_actor_names_and_aliases_are_unique():
    lex = load_seed_lexicon()
    seen: dict[str, str] = {}
    for actor in lex.actors:
        for alias in (actor.name, *actor.aliases):
            assert seen.setdefault(alias.lower(), actor.name) == actor.name, alias


def test_an_equal_lexicon_reuses_the_compiled_matcher():
    from coverage.extract.lexicon import matcher_for

    assert matcher_for(load_seed_lexicon()) is matcher_for(load_seed_lexicon())


def test_every_un_member_state_is_in_the_seed_with_capital_and_bloc():
    import json

    states = [
        a
        for a in json.loads(SEED_PATH.read_text(encoding="utf-8"))["actors"]
        if a["kind"] == "state" and a.get("un_member_since")
    ]
    assert len(states) == 193
    assert all(s["capital"] and s["bloc"] in ("western", "other") for s in states)
    assert all(s["demonyms"] for s in states if s["name"] != "Djibouti")
    by_name = {s["name"]: s for s in states}
    assert by_name["Zambia"]["capital"] == "Lusaka"
    assert by_name["Montenegro"]["bloc"] == "western"  # NATO member since 2017


def test_demonyms_of_small_states_give_a_new_persons_country(extract):
    result = extract(
        "Southern Africa news\n\n"
        "Zambian President Hakainde Hichilema said the corridor would open next year.\n"
        "Burkinabe Foreign Minister Karamoko Traore said the junta would attend."
    )
    countries = {a.name: a.country for a in result.actors}
    assert countries["Hakainde Hichilema"] == "Zambia"
    assert countries["Karamoko Traore"] == "Burkina Faso"


def test_a_states_foreign_ministry_is_a_body_of_that_state(extract):
    result = extract(
        "Leaders met in Lusaka on Monday.\n\n"
        "Zambia's foreign ministry said the talks had been productive."
    )
    assert [s.speaker for s in result.statements] == ["Zambian Foreign Ministry"]


def test_leaders_ministers_and_spokespeople_belong_to_a_known_state_or_body():
    lex = load_seed_lexicon()
    names = {a.name for a in lex.actors}
    people = [a for a in lex.actors if a.kind == "person"]
    assert len(people) >= 200
    assert all(p.country in names and p.title for p in people), [
        p.name for p in people if p.country not in names or not p.title
    ]
    by_name = {p.name: p for p in people}
    assert by_name["Wang Wenbin"].country == "China"
    assert by_name["Penny Wong"].bloc == "western"


def test_heads_of_nato_and_eu_members_are_known_by_their_surnames(extract):
    text = "Summit\n\nMitsotakis said Greece would spend more. Frederiksen urged unity."
    speakers = [s.speaker for s in extract(text).statements]
    assert speakers == ["Kyriakos Mitsotakis", "Mette Frederiksen"]


def test_a_taoiseach_is_a_title_before_a_name(extract):
    text = "Visit\n\nTaoiseach Sean Cullen said the talks were useful."
    x = extract(text)
    assert [s.speaker for s in x.statements] == ["Sean Cullen"]
    assert {a.name: a.title for a in x.actors}["Sean Cullen"] == "taoiseach"


def test_the_saudi_crown_prince_is_found_under_each_spelling_of_his_name(extract):
    for spelling in ("Mohammed", "Mohammad", "Muhammad"):
        x = extract(f"Talks\n\nRIYADH, May 2 - Crown Prince {spelling} bin Salman said no.")
        assert [s.speaker for s in x.statements] == ["Mohammed bin Salman"]


def test_transliterations_and_family_name_first_orders_find_the_same_person(extract):
    for sentence, speaker in (
        ("Kremlin aide Yury Ushakov said the talks were useful.", "Yuri Ushakov"),
        ("Japanese Prime Minister Kishida Fumio said the talks were useful.", "Fumio Kishida"),
        ("Prime Minister Ishiba Shigeru said the talks were useful.", "Shigeru Ishiba"),
    ):
        x = extract("Talks\n\nHANOI, June 19, 2024 - " + sentence)
        assert [s.speaker for s in x.statements] == [speaker]
