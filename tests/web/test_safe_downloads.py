"""Downloads never carry a live formula, and an unknown format is a clear 400."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.web import factories as f

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/","Click for the full quote")'
FORMULA_STARTS = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\tTabbed", "\rReturn"]


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_csv_cells_that_would_run_as_formulas_start_with_a_single_quote(client):
    for summary in FORMULA_STARTS:
        f.statement(summary=summary)
    f.statement(summary="An ordinary remark, = sign inside")
    cells = {row["Statement"] for row in _csv(client.get("/statements/", {"_export": "csv"}))}
    assert cells == {"'" + s for s in FORMULA_STARTS} | {"An ordinary remark, = sign inside"}


def test_csv_download_still_streams(client):
    f.statement(summary=HYPERLINK)
    assert client.get("/statements/", {"_export": "csv"}).streaming


def test_xlsx_cells_that_look_like_formulas_are_stored_as_text(client):
    f.statement(summary=HYPERLINK)
    f.response(summary="=1+1\nsecond line")
    for url, column in (("/statements/", 3), ("/responses/", 5)):
        response = client.get(url, {"_export": "xlsx"})
        cell = load_workbook(io.BytesIO(response.getvalue())).active.cell(row=2, column=column)
        assert cell.data_type == "s", url
        assert cell.value in (HYPERLINK, "=1+1\nsecond line")


@pytest.mark.parametrize("fmt", ["tsv", "ods", "yaml", "latex", "xls", "junk", "CSV"])
def test_an_unknown_download_format_is_a_400_naming_the_formats(client, fmt):
    f.statement()
    for url in ("/statements/", "/responses/", "/meetings/", "/events/"):
        response = client.get(url, {"_export": fmt})
        assert response.status_code == 400, (url, fmt)
        assert "csv, json, xlsx" in response.content.decode()
