import json

import pytest

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_export_json_has_the_whole_dataset_without_hidden_records(client):
    pytest.importorskip("coverage.export")
    f.rows(2)
    f.statement(summary="Never exported", review_state=ReviewState.HIDDEN)
    response = client.get("/export.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    for key in (
        "documents",
        "actors",
        "events",
        "statements",
        "meetings",
        "responses",
        "memberships",
    ):
        assert key in data
    assert len(data["statements"]) == 2
    assert "Never exported" not in response.content.decode()
