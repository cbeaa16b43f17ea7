import csv
import io
from pathlib import Path

import pytest

from tests.browser import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row_texts(page):
    return page.locator("table.data-table tbody tr").all_inner_texts()


def test_sorting_the_statements_table_by_speaker(live_server, page):
    sample.build()
    page.goto(live_server.url + "/statements/")
    page.get_by_role("link", name="Speaker").click()
    page.wait_for_url("**sort=speaker**")
    speakers = page.locator("table.data-table tbody tr td.col-speaker").all_inner_texts()
    assert speakers == ["Vladimir Putin", "Xi Jinping", "Xi Jinping"]
    page.get_by_role("link", name="Speaker").click()
    page.wait_for_url("**sort=-speaker**")
    speakers = page.locator("table.data-table tbody tr td.col-speaker").all_inner_texts()
    assert speakers == ["Xi Jinping", "Xi Jinping", "Vladimir Putin"]


def test_filtering_the_responses_table_by_stance(live_server, page):
    sample.build()
    page.goto(live_server.url + "/responses/")
    assert len(_row_texts(page)) == 2
    page.get_by_label("Stance").select_option("rejects")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**stance=rejects**")
    rows = _row_texts(page)
    assert len(rows) == 1 and "United States State Department" in rows[0]


def test_downloading_the_filtered_statements_as_csv(live_server, page):
    data = sample.build()
    page.goto(live_server.url + f"/statements/?speaker={data['xi'].pk}")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "statements.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["Speaker"] for r in rows} == {"Xi Jinping"}
    assert len(rows) == 2
