"""Extraction: pure functions from article text to plain records with exact offsets."""
