from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from coverage.sources import SourceText

SAMPLE = Path(__file__).resolve().parents[2] / "coverage" / "samples" / "sco-summit-2025.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture
def lexicon(db):
    """The bundled lexicon, which ``migrate`` loaded into the test database."""


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def sample_source(sample_text) -> SourceText:
    return SourceText(text=sample_text, filename=SAMPLE.name, format="text")


def article_source(name: str) -> SourceText:
    path = ARTICLES / name
    return SourceText(text=path.read_text(encoding="utf-8"), filename=name, format="text")


@pytest.fixture
def editor(client):
    """A member of the Editors group (as a migration sets it up), logged in."""
    user = User.objects.create_user("editor", password="pw-not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user
