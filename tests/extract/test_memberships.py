def members(extraction):
    return [(m.organisation, m.member, m.year_joined, m.status) for m in extraction.memberships]


def test_a_comprises_list_gives_members(extract):
    text = "Title\nThe SCO now comprises China, India, Russia, and Belarus."
    assert [m[1] for m in members(extract(text))] == ["China", "India", "Russia", "Belarus"]


def test_a_table_gives_members_with_years_under_the_section_organisation(extract):
    text = (
        "Title\nThe BRICS group has grown.\n| Member State | Year Joined |\n|---|---|\n"
        "| Brazil | 2009 |\n| South Africa | 2010 |"
    )
    assert members(extract(text)) == [
        ("BRICS", "Brazil", 2009, "member"),
        ("BRICS", "South Africa", 2010, "member"),
    ]


def test_joined_gives_members_with_the_year(extract):
    text = "Title\nEgypt, Ethiopia and Iran joined BRICS in 2024."
    assert members(extract(text)) == [
        ("BRICS", "Egypt", 2024, "member"),
        ("BRICS", "Ethiopia", 2024, "member"),
        ("BRICS", "Iran", 2024, "member"),
    ]


def test_observers_get_the_observer_status(extract):
    text = "Title\nIn the SCO, observers include Mongolia and Afghanistan."
    assert {m[3] for m in members(extract(text))} == {"observer"}


def test_the_sample_lists_ten_members_and_five_with_years(sample):
    found = {m.member: m.year_joined for m in sample.memberships}
    assert set(found) == {
        "China",
        "India",
        "Russia",
        "Pakistan",
        "Iran",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Uzbekistan",
        "Belarus",
    }
    assert {k: v for k, v in found.items() if v} == {
        "China": 2001,
        "Russia": 2001,
        "India": 2017,
        "Pakistan": 2017,
        "Iran": 2023,
    }
    assert {m.organisation for m in sample.memberships} == {"Shanghai Cooperation Organisation"}
