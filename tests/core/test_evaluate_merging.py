"""``manage.py evaluate_merging``: the own multi-article set ingested in both orders and scored,
and toy groups whose gold makes the rates known whatever the ingest merges."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from coverage.merging_eval import HELD_OUT, Group, groups_select
from coverage.models import Document, Statement

PUTIN = "Russian President Vladimir Putin said on Tuesday that the talks in Astana had been useful."
TOKAYEV = (
    "Kazakh President Kassym-Jomart Tokayev said on Tuesday that the meeting in Astana had "
    "brought new investment."
)
XI = "Chinese President Xi Jinping said the two countries would expand trade in grain and energy."
ARTICLES = {
    "astana-a": f"Leaders meet in Astana\n\nASTANA, May 5, 2026 - {PUTIN} {XI}\n",
    "astana-b": f"Astana talks end\n\nASTANA, May 5, 2026 - {TOKAYEV} {XI}\n",
}
# Deliberately: Putin's and Tokayev's remarks are "one happening" (no ingest merges them, so
# 2 records hold it: a duplicate rate of 50%), and Xi's identical sentence in the two articles
# is two happenings (a record holding both, if ingest merges them, is a wrong merge).
HAPPENINGS = {
    ("astana-a", PUTIN): ("Vladimir Putin", "st-remark"),
    ("astana-b", TOKAYEV): ("Kassym-Jomart Tokayev", "st-remark"),
    ("astana-a", XI): ("Xi Jinping", "st-xi-a"),
    ("astana-b", XI): ("Xi Jinping", "st-xi-b"),
}


def _toy_set(folder: Path) -> Path:
    for slug, text in ARTICLES.items():
        (folder / f"{slug}.txt").write_text(text, encoding="utf-8")
        statements = []
        for (article, sentence), (speaker, happening) in HAPPENINGS.items():
            if article == slug:
                start = text.index(sentence)
                statements.append(
                    {
                        "start": start,
                        "end": start + len(sentence),
                        "speaker": speaker,
                        "happening": happening,
                    }
                )
        gold = {
            "slug": slug,
            "summit": "Astana talks 2026",
            "published": "2026-05-05",
            "statements": statements,
        }
        (folder / f"{slug}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def _run(**options) -> str:
    out = StringIO()
    call_command("evaluate_merging", stdout=out, **options)
    return out.getvalue()


def _rows(output: str, group: str) -> dict[str, list[str]]:
    """The figures of a group's rows by order: found, happenings, records, dup rate, multi,
    wrong, wrong/multi, wrong/all, pair P, pair R."""
    rows = {}
    for line in output.splitlines():
        if line.startswith(group):
            fields = line[len(group) :].split()
            rows[fields[0]] = fields[1:]
    return rows


@pytest.mark.slow
def test_the_own_set_is_scored_per_group_in_both_orders_and_overall(lexicon):
    output = _run()
    assert "own set" in output and "3 groups" in output
    assert "dup rate" in output and "wrong/multi" in output
    groups = (
        "ASEAN summit 2026, Manila (3)",
        "AU summit 2027, Addis Ababa (3)",
        "SCO summit 2026, Bishkek (3)",
        "overall",
    )
    for group in groups:
        rows = _rows(output, group)
        assert set(rows) == {"given", "reverse"}
        for figures in rows.values():
            assert len(figures) == 10
            found, of = figures[0].split("/")
            assert 0 < int(found) <= int(of)
            assert figures[3].endswith("%")
    assert "worst of given and reverse order: duplicate rate " in output
    # Nothing it ingested stays in the database.
    assert not Document.objects.exists()
    assert not Statement.objects.exists()


def test_a_happening_held_by_two_records_is_a_duplicate_and_a_merge_of_two_is_wrong(
    lexicon, tmp_path
):
    output = _run(own=_toy_set(tmp_path))
    rows = _rows(output, "Astana talks 2026 (2)")
    for order in ("given", "reverse"):
        found, happenings, records, dup, multi, wrong, *_ = rows[order]
        assert found == "4/4"
        assert (happenings, records, dup) == ("1", "2", "50%")
        # Every merge there is wrong: Xi's two sentences are two happenings.
        assert wrong == multi
    assert "duplicate rate 50%" in output


def test_a_summit_reported_by_one_article_is_not_a_group(lexicon, tmp_path):
    _toy_set(tmp_path)
    gold = json.loads((tmp_path / "astana-b.json").read_text())
    gold["summit"] = "Another summit"
    (tmp_path / "astana-b.json").write_text(json.dumps(gold))
    assert "0 groups" in _run(own=tmp_path)


def test_an_article_whose_text_changed_is_left_out_and_named(lexicon, tmp_path):
    _toy_set(tmp_path)
    gold = json.loads((tmp_path / "astana-b.json").read_text())
    gold["sha256"] = "0" * 64
    (tmp_path / "astana-b.json").write_text(json.dumps(gold))
    output = _run(own=tmp_path)
    assert "0 groups" in output
    assert "text missing or changed, left out: astana-b" in output


def test_real_groups_are_selected_by_summit_and_split_into_tuning_and_held_out():
    groups = [Group(name=name, articles=()) for name in ("Astana talks 2026", *HELD_OUT)]

    tuning = groups_select(groups, split="tuning")
    held_out = groups_select(groups, split="held-out")

    assert [g.name for g in tuning] == ["Astana talks 2026"]
    assert [g.name for g in held_out] == list(HELD_OUT)
    assert [g.name for g in groups_select(groups, summits=["G20 2021 Rome"])] == ["G20 2021 Rome"]
    assert len(groups_select(groups, exclude=["G20 2021 Rome"])) == len(groups) - 1
