import datetime as dt
import time

from coverage.extract import extract_document


def test_a_given_published_date_and_title_win(extract):
    x = extract("Headline\nModi met Biden today.", published=dt.date(2023, 6, 22), title="Given")
    assert x.title == "Given" and x.published.iso() == "2023-06-22"
    assert x.meetings[0].date.iso() == "2023-06-22"


def test_an_empty_document_gives_an_empty_extraction(extract):
    x = extract("")
    assert x.title == "" and x.statements == [] and x.summit is None


def test_actors_list_every_referenced_actor_with_lexicon_ones_not_new(extract):
    x = extract("Title\nKenyan President Wanjiru Otieno met Putin.")
    assert {(a.name, a.is_new) for a in x.actors} == {
        ("Wanjiru Otieno", True),
        ("Vladimir Putin", False),
    }


def test_a_sample_sized_document_takes_under_20_ms(sample_text, lexicon):
    extract_document(sample_text, lexicon)
    runs = 10
    start = time.perf_counter()
    for _ in range(runs):
        extract_document(sample_text, lexicon)
    per_doc = (time.perf_counter() - start) / runs
    assert per_doc < 0.020 * 2  # generous margin for busy CI machines; ~10 ms locally


def test_odd_inputs_never_break_offsets(extract):
    from coverage.extract.evaluate import check_spans

    odd = [
        "“",
        '"',
        "| a |\n|---|",
        "T\n“unclosed quote by Putin said. More",
        "T\n- 1.",
        "T\n: : :",
        "T\nFebruary 30, 2024 summit of the SCO",
        "T\nSCO summit SCO summit",
        "T\n\n\n   \nPutin said   ",
        "T\r\nPutin said so.\r\n",
    ]
    for text in odd:
        assert check_spans(text, extract(text)) == []


def test_warnings_say_when_relative_dates_stay_undated(sample):
    assert any("relative dates" in w for w in sample.warnings)


def test_an_empty_given_title_falls_back_to_the_first_line(extract):
    assert extract("Headline\nBody.", title="").title == "Headline"
