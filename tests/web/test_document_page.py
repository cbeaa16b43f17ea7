import re

import pytest

from coverage.models import ReviewState
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TEXT = (
    "Xi Jinping said the summit opened a new era. "
    "Modi met Putin in Tianjin on Monday. "
    "Washington rejected the plan."
)


def _page(client, doc):
    return client.get(doc.get_absolute_url()).content.decode()


def test_every_public_record_in_the_document_is_highlighted_with_its_anchor(client):
    doc = f.document(TEXT)
    xi, modi, putin = f.actor("Xi Jinping"), f.actor("Modi"), f.actor("Putin")
    st = f.statement(xi, doc=doc, words="Xi Jinping said the summit opened a new era.")
    mt = f.meeting([modi, putin], doc=doc, words="Modi met Putin in Tianjin")
    rs = f.response(doc=doc, words="Washington rejected the plan.")
    html = _page(client, doc)
    for record in (st, mt, rs):
        assert f'id="{record.anchor}"' in html
        assert record.source_url().endswith(f"#{record.anchor}")


def test_overlapping_passages_each_get_exactly_one_anchor_and_the_text_survives(client):
    doc = f.document(TEXT)
    modi, putin = f.actor("Modi"), f.actor("Putin")
    meeting = f.meeting([modi, putin], doc=doc, words="Modi met Putin in Tianjin on Monday.")
    event = f.event("Modi–Putin meeting", doc=doc, words="Putin in Tianjin")
    same_start = f.statement(modi, doc=doc, words="Modi met Putin")
    html = _page(client, doc)
    for record in (meeting, event, same_start):
        assert html.count(f'id="{record.anchor}"') == 1
    body = re.search(r'<div class="document__text">(.*?)</div>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", body) == TEXT


def test_document_text_is_escaped_never_rendered_as_html(client):
    doc = f.document("Before <script>alert(1)</script> after, said Xi.")
    f.statement(f.actor("Xi"), doc=doc, words="<script>alert(1)</script>")
    html = _page(client, doc)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hidden_record_is_not_highlighted_in_its_document(client):
    doc = f.document(TEXT)
    hidden = f.statement(
        doc=doc, words="Washington rejected the plan.", review_state=ReviewState.HIDDEN
    )
    html = _page(client, doc)
    assert hidden.anchor not in html
    assert "<mark" not in html.split('class="document__text">')[1].split("</div>")[0]


def test_unverified_passage_is_marked_in_words_in_the_passage_list(client):
    doc = f.document(TEXT)
    f.statement(doc=doc, words="Washington rejected the plan.")
    html = _page(client, doc)
    assert "passage--unverified" in html
    assert ">unverified<" in html


def test_document_page_query_count_does_not_grow_with_passages(
    client, django_assert_max_num_queries
):
    f.rows(3)
    doc = f.Document.objects.first()
    with django_assert_max_num_queries(20) as small:
        client.get(doc.get_absolute_url())
    f.Document.objects.all().delete()
    f.rows(30)
    doc = f.Document.objects.first()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(doc.get_absolute_url())


def test_documents_list_links_each_document(client):
    doc = f.document(TEXT, title="Leaders gather in Tianjin")
    html = client.get("/documents/").content.decode()
    assert "Leaders gather in Tianjin" in html
    assert doc.get_absolute_url() in html


def test_unknown_document_is_a_404(client):
    assert client.get("/documents/999999/").status_code == 404


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://x"]
)
def test_only_http_source_urls_become_links(client, url):
    doc = f.document("Some text.", source_url=url)
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "original article" not in html
    assert "javascript:" not in html.lower()


def test_an_http_source_url_links_to_the_original_article(client):
    doc = f.document("Some text.", source_url="https://example.org/a?b=1&c=2")
    html = client.get(doc.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in html
