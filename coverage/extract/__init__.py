"""Extraction: pure functions from article text to plain records with exact offsets."""

from .lexicon import load_seed_lexicon
from .pipeline import extract_document

__all__ = ["extract_document", "load_seed_lexicon"]
