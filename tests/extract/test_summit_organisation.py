"""Whose summit an article reports: the organisation whose leaders gathered, never one named
only as some official's employer."""

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
