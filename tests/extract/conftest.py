"""Fixtures for the extraction tests: pure functions, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from coverage.extract import extract_document, load_seed_lexicon
from coverage.extract.types import Extraction, Lexicon

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "coverage" / "samples" / "sco-summit-2025.txt"
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_seed_lexicon()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample(sample_text: str, lexicon: Lexicon) -> Extraction:
    return extract_document(sample_text, lexicon)


@pytest.fixture(scope="session")
def extract(lexicon: Lexicon):
    """extract(text, **kwargs) with the seed lexicon."""

    def run(text: str, **kwargs) -> Extraction:
        return extract_document(text, lexicon, **kwargs)

    return run
