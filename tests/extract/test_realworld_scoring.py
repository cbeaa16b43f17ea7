"""The real-article scorer (coverage/extract/realworld.py) on a small article of our own: gold
offsets, names through aliases, attribution and date accuracy, sha256 checks, missing texts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from coverage.extract.realworld import evaluate_real, format_real

TEXT = (
    "Leaders meet in Moscow\n\n"
    "MOSCOW, July 9, 2024 - Indian Prime Minister Narendra Modi held talks with Russian "
    "President Vladimir Putin in Moscow on Tuesday.\n\n"
    '"Peace cannot be won on a battlefield," Modi told Putin. Kenyan President William Ruto '
    "said the talks were welcome.\n"
)


def _at(passage: str) -> dict:
    start = TEXT.index(passage)
    return {"start": start, "end": start + len(passage)}


def _gold(slug: str = "moscow-talks", split: str = "dev", text: str = TEXT, **kinds) -> dict:
    return {
        "slug": slug,
        "url": "https://example.org/moscow-talks",
        "outlet": "Example",
        "style": "wire",
        "summit": "Modi in Moscow 2024",
        "split": split,
        "published": "2024-07-09",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "chars": len(text),
        "statements": [],
        "meetings": [],
        "responses": [],
        "events": [],
        **kinds,
    }


def _write(folder: Path, gold: dict, text: str | None = TEXT) -> tuple[Path, Path]:
    gold_dir, texts = folder / "gold", folder / "texts"
    gold_dir.mkdir(exist_ok=True)
    texts.mkdir(exist_ok=True)
    (gold_dir / f"{gold['slug']}.json").write_text(json.dumps(gold), encoding="utf-8")
    if text is not None:
        (texts / f"{gold['slug']}.txt").write_text(text, encoding="utf-8")
    return gold_dir, texts


def test_gold_names_match_extracted_names_through_aliases(tmp_path, lexicon):
    gold = _gold(
        statements=[
            {**_at("Peace cannot be won"), "speaker": "Modi"},
            {**_at("William Ruto said"), "speaker": "Ruto"},
        ],
        meetings=[{**_at("held talks with"), "participants": ["Putin", "Modi"]}],
    )
    gold_dir, texts = _write(tmp_path, gold)
    real = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts)
    kinds = real.report.kinds
    assert real.scored == ["moscow-talks"]
    assert (kinds["statements"].tp, kinds["statements"].fn) == (2, 0)
    assert (kinds["meetings"].tp, kinds["meetings"].fn) == (1, 0)
    assert real.report.attribution_right == real.report.attribution_total == 3


def test_a_quote_given_to_the_wrong_person_counts_against_attribution(tmp_path, lexicon):
    gold = _gold(statements=[{**_at("Peace cannot be won"), "speaker": "Vladimir Putin"}])
    gold_dir, texts = _write(tmp_path, gold)
    report = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts).report
    assert report.kinds["statements"].fn == 1
    assert (report.attribution_right, report.attribution_total) == (0, 1)
    assert "WRONG NAME statements moscow-talks: Narendra Modi" in format_real(
        evaluate_real(lexicon, gold_dir=gold_dir, texts=texts)
    )


def test_dates_are_checked_on_meetings_the_gold_dates(tmp_path, lexicon):
    meeting = {**_at("held talks with"), "participants": ["Narendra Modi", "Vladimir Putin"]}
    right = _gold("right", meetings=[{**meeting, "date": "2024-07-09"}])
    wrong = _gold("wrong", meetings=[{**meeting, "date": "2024-07-08"}])
    _write(tmp_path, right)
    gold_dir, texts = _write(tmp_path, wrong)
    report = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts).report
    assert (report.dates_right, report.dates_total) == (1, 2)


def test_a_text_whose_sha256_differs_is_reported_and_skipped(tmp_path, lexicon):
    gold_dir, texts = _write(tmp_path, _gold(), text=TEXT.replace("Tuesday", "Monday"))
    real = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts)
    assert real.scored == [] and real.mismatched == ["moscow-talks"]
    assert "sha256 differs, skipped (1): moscow-talks" in format_real(real)


def test_missing_texts_are_listed_with_how_to_rebuild_them(tmp_path, lexicon):
    gold_dir, texts = _write(tmp_path, _gold(), text=None)
    real = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts)
    output = format_real(real)
    assert real.missing == ["moscow-talks"]
    assert "no article scored" in output and "tests/realworld/README.md" in output


def test_the_split_picks_the_dev_or_locked_half(tmp_path, lexicon):
    _write(tmp_path, _gold("a-dev", split="dev"))
    gold_dir, texts = _write(tmp_path, _gold("b-locked", split="locked"))
    assert evaluate_real(lexicon, split="dev", gold_dir=gold_dir, texts=texts).scored == ["a-dev"]
    assert evaluate_real(lexicon, split="locked", gold_dir=gold_dir, texts=texts).scored == [
        "b-locked"
    ]
    assert len(evaluate_real(lexicon, split="all", gold_dir=gold_dir, texts=texts).scored) == 2
    with pytest.raises(ValueError):
        evaluate_real(lexicon, split="train", gold_dir=gold_dir, texts=texts)


@pytest.mark.django_db
def test_the_command_scores_without_texts_and_says_they_are_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REALWORLD_TEXTS", str(tmp_path))
    call_command("seed_lexicon")
    call_command("evaluate_realworld", "--split", "all")
    output = capsys.readouterr().out
    assert f"texts: {tmp_path}" in output
    assert "missing texts" in output and "no article scored" in output


def test_names_compare_without_accents_or_apostrophes(tmp_path, lexicon):
    text = TEXT.replace(
        "Kenyan President William Ruto", "Samoan Prime Minister Fiame Naomi Mata'afa"
    )
    gold = _gold(
        text=text,
        statements=[{**_at_in(text, "Naomi Mata'afa said"), "speaker": "Fiamē Naomi Mataʻafa"}],
    )
    gold_dir, texts = _write(tmp_path, gold, text=text)
    report = evaluate_real(lexicon, gold_dir=gold_dir, texts=texts).report
    assert report.kinds["statements"].tp == 1


def _at_in(text: str, passage: str) -> dict:
    start = text.index(passage)
    return {"start": start, "end": start + len(passage)}
