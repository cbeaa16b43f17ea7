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
