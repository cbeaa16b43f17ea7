"""The merging score (coverage/extract/merging.py) on tiny hand-made groups: duplicate rate,
wrong-merge rate, pairwise precision and recall, and how passages are matched to gold."""

from __future__ import annotations

import pytest

from coverage.extract.merging import (
    Extracted,
    GoldRecord,
    Passage,
    format_row,
    gold_records,
    merging_score,
    worst,
)

# Two articles, a and b. Both report the summit's opening (ev-open) and one quote (st-quote);
# a also reports a phone call a week earlier (mt-call), b the summit meeting (mt-talks).
GOLD = [
    GoldRecord("events", "a", 0, 40, "ev-open"),
    GoldRecord("statements", "a", 50, 120, "st-quote", frozenset({"Xi Jinping"})),
    GoldRecord("meetings", "a", 130, 180, "mt-call"),
    GoldRecord("events", "b", 10, 60, "ev-open"),
    GoldRecord("statements", "b", 70, 110, "st-quote", frozenset({"Xi Jinping"})),
    GoldRecord("meetings", "b", 120, 170, "mt-talks"),
]


def one(kind: str, article: str, start: int, end: int, **kw) -> Extracted:
    return Extracted(kind, (Passage(article, start, end),), **kw)


def test_one_record_per_article_is_a_duplicate_for_every_happening_two_articles_report():
    records = [
        one("events", "a", 0, 40),
        one("statements", "a", 60, 100),
        one("meetings", "a", 130, 180),
        one("events", "b", 10, 60),
        one("statements", "b", 70, 110),
        one("meetings", "b", 120, 170),
    ]
    score = merging_score(GOLD, records)
    # ev-open and st-quote are in both articles: 2 records each, one of them extra.
    assert (score.happenings, score.holding, score.extra) == (2, 4, 2)
    assert score.duplicate_rate == 0.5
    assert (score.multi, score.wrong) == (0, 0)
    assert score.wrong_merge_rate is None
    assert score.wrong_merge_rate_all == 0.0
    # Two pairs are one happening (the events, the statements); no pair is one record.
    assert (score.pairs_same_happening, score.pairs_same_record) == (2, 0)
    assert score.pair_recall == 0.0
    assert score.pair_precision is None
    assert (score.gold, score.found) == (6, 6)


def test_merged_records_score_no_duplicates_and_a_perfect_pairwise_check():
    records = [
        Extracted("events", (Passage("a", 0, 40), Passage("b", 10, 60))),
        Extracted("statements", (Passage("a", 50, 120), Passage("b", 70, 110))),
        one("meetings", "a", 130, 180),
        one("meetings", "b", 120, 170),
    ]
    score = merging_score(GOLD, records)
    assert score.duplicate_rate == 0.0
    assert (score.multi, score.wrong) == (2, 0)
    assert score.wrong_merge_rate == 0.0
    assert score.pair_precision == 1.0
    assert score.pair_recall == 1.0


def test_the_call_and_the_summit_meeting_in_one_record_are_a_wrong_merge():
    records = [
        Extracted("meetings", (Passage("a", 130, 180), Passage("b", 120, 170))),
        Extracted("statements", (Passage("a", 50, 120), Passage("b", 70, 110))),
        one("events", "a", 0, 40),
    ]
    score = merging_score(GOLD, records)
    assert (score.wrong, score.multi, score.records) == (1, 2, 3)
    assert score.wrong_merge_rate == 0.5
    assert score.wrong_merge_rate_all == pytest.approx(1 / 3)
    # Pairs in one record: the meetings (wrong) and the statements (right).
    assert score.pair_precision == 0.5
    assert any("mt-call" in line and "mt-talks" in line for line in score.examples)


def test_a_passage_counts_for_the_gold_record_it_overlaps_most_and_of_its_own_kind():
    gold = [
        GoldRecord("statements", "a", 0, 50, "st-first"),
        GoldRecord("statements", "a", 40, 100, "st-second"),
        GoldRecord("meetings", "b", 0, 100, "mt-other"),
        GoldRecord("statements", "b", 0, 100, "st-second"),
    ]
    # 45-95 overlaps st-first by 5 characters and st-second by 50.
    score = merging_score(gold, [one("statements", "a", 45, 95), one("statements", "b", 0, 100)])
    assert score.holding == 2 and score.extra == 1
    assert score.found == 2  # st-first and the meeting are not found


def test_equal_overlaps_go_to_the_gold_record_of_the_same_name():
    # A joint statement: one passage, two speakers, two happenings.
    gold = [
        GoldRecord("statements", "a", 0, 80, "st-putin", frozenset({"Vladimir Putin"})),
        GoldRecord("statements", "a", 0, 80, "st-trump", frozenset({"Donald Trump"})),
        GoldRecord("statements", "b", 0, 50, "st-trump", frozenset({"Donald Trump"})),
    ]
    trump = frozenset({"Donald Trump"})
    merged = Extracted("statements", (Passage("a", 0, 80), Passage("b", 0, 50)), names=trump)
    score = merging_score(gold, [merged])
    assert score.wrong == 0 and score.duplicate_rate == 0.0


def test_passages_overlapping_no_gold_record_and_other_articles_take_no_part():
    records = [one("statements", "a", 300, 340), one("statements", "c", 50, 120)]
    score = merging_score(GOLD, records)
    assert score.unmatched == 2
    assert score.records == 0
    assert score.duplicate_rate is None


def test_a_happening_reported_in_one_article_only_is_not_a_duplicate_when_split():
    gold = [
        GoldRecord("statements", "a", 0, 40, "st-lede"),
        GoldRecord("statements", "a", 50, 90, "st-lede"),
        GoldRecord("statements", "b", 0, 40, "st-other"),
    ]
    score = merging_score(gold, [one("statements", "a", 0, 40), one("statements", "a", 50, 90)])
    assert score.happenings == 0 and score.duplicate_rate is None
    assert score.pair_recall == 0.0  # still one happening in two records


def test_gold_records_reads_happening_ids_and_names_from_a_gold_file():
    gold = {
        "statements": [
            {"start": 0, "end": 10, "speaker": "Xi Jinping", "happening": "st-a"},
            {"start": 20, "end": 30, "speaker": "Xi Jinping"},  # no id yet: left out
        ],
        "meetings": [
            {"start": 0, "end": 10, "participants": ["A", "B"], "happening": "mt-a"},
        ],
        "responses": [{"start": 5, "end": 9, "responder": "Kremlin", "happening": "rs-a"}],
        "events": [{"start": 1, "end": 4, "kind": "summit", "happening": "ev-a"}],
    }
    records = gold_records("x", gold)
    assert [(r.kind, r.happening, r.names) for r in records] == [
        ("statements", "st-a", frozenset({"Xi Jinping"})),
        ("meetings", "mt-a", frozenset({"A", "B"})),
        ("responses", "rs-a", frozenset({"Kremlin"})),
        ("events", "ev-a", frozenset()),
    ]


def test_scores_add_up_and_the_summary_takes_the_worse_order():
    split = merging_score(GOLD, [one("events", "a", 0, 40), one("events", "b", 10, 60)])
    merged = merging_score(GOLD, [Extracted("events", (Passage("a", 0, 40), Passage("b", 10, 60)))])
    total = split + merged
    assert (total.holding, total.extra) == (3, 1)
    line = worst({"given": split, "reverse": merged})
    assert "duplicate rate 50%" in line
    assert "wrong-merge rate 0% of records with >= 2 passages" in line
    assert "50%" in format_row("group", "given", split)


def test_a_happening_extraction_found_in_one_article_only_says_nothing_about_merging():
    # ev-open is reported by a and b, but only a's passage was extracted.
    score = merging_score(GOLD, [one("events", "a", 0, 40), one("statements", "b", 70, 110)])
    assert score.happenings == 0
    assert score.duplicate_rate is None
