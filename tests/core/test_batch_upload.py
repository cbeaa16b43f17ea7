"""Batch upload in the admin: several files, or a .zip of them, one result line and one
transaction per file, with the command line's limits; a zip cannot expand without bound."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coverage import sources
from coverage.models import Actor, Document
from tests.core.conftest import ARTICLES

pytestmark = pytest.mark.django_db

CORPUS = ARTICLES.parent.parent / "corpus"
NAMES = ["apec-lima-2024.txt", "asean-jakarta-2023.txt", "au-addis-ababa-2024.txt"]


def _file(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (CORPUS / name).read_bytes() if data is None else data)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _upload(client, *files) -> str:
    response = client.post(reverse("admin:coverage_document_upload"), {"file": list(files)})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def _lines(page: str) -> list[str]:
    import re

    return [
        re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li class=\"ingest-result.*?</li>", page)
    ]


def test_three_files_are_ingested_with_one_result_line_each(client, editor):
    page = _upload(client, *(_file(n) for n in NAMES))
    lines = _lines(page)
    assert [line.split(":")[0] for line in lines] == NAMES
    assert all(": added " in line for line in lines)
    assert Document.objects.count() == 3
    assert "3 added, 0 re-ingested, 0 replaced, 0 refused" in page


def test_a_bad_file_in_a_batch_is_refused_and_the_others_are_ingested(client, editor):
    page = _upload(
        client,
        _file(NAMES[0]),
        _file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary"),
        _file("notes.pdf", b"%PDF-1.4"),
        _file(NAMES[0]),
    )
    lines = _lines(page)
    assert lines[1] == "photo.txt: refused: photo.txt: binary file, not text"
    assert "notes.pdf: refused: notes.pdf: unsupported file type" in lines[2]
    assert ": re-ingested " in lines[3]
    assert Document.objects.count() == 1


def test_a_zip_of_articles_is_ingested_file_by_file(client, editor):
    archive = _zip(
        {
            "batch/": b"",
            f"batch/{NAMES[0]}": (CORPUS / NAMES[0]).read_bytes(),
            f"batch/{NAMES[1]}": (CORPUS / NAMES[1]).read_bytes(),
            "batch/.DS_Store": b"\x00\x00junk",
            "__MACOSX/batch/._x.txt": b"\x00junk",
            "../escape.txt": (CORPUS / NAMES[2]).read_bytes(),
            "batch/image.png": b"\x89PNG\r\n",
        }
    )
    lines = _lines(_upload(client, _file("articles.zip", archive)))
    assert len(lines) == 4
    assert lines[0].startswith(f"articles.zip › batch/{NAMES[0]}: added")
    assert lines[1].startswith(f"articles.zip › batch/{NAMES[1]}: added")
    assert "../escape.txt: unsafe name in the archive" in lines[2]
    assert "image.png: unsupported file type" in lines[3]
    assert set(Document.objects.values_list("filename", flat=True)) == set(NAMES[:2])


def test_a_zip_member_over_the_size_limit_is_refused_without_being_read_whole(
    client, editor, settings
):
    settings.COVERAGE_MAX_UPLOAD_BYTES = 50_000
    archive = _zip(
        {"big.txt": b"Leaders met. " * 1_000_000, NAMES[0]: (CORPUS / NAMES[0]).read_bytes()}
    )
    assert len(archive) < 50_000  # a small upload that expands to 13 MB
    lines = _lines(_upload(client, _file("bomb.zip", archive)))
    assert "big.txt: file is 13,000,000 bytes, over the 50,000-byte limit" in lines[0]
    assert ": added " in lines[1]


def test_a_zip_stops_at_the_total_uncompressed_size(client, editor, monkeypatch):
    monkeypatch.setattr(sources, "ZIP_MAX_TOTAL_BYTES", 3_000)
    articles = {n: (CORPUS / n).read_bytes() for n in NAMES}
    assert sum(len(a) for a in articles.values()) > 3_000 > len(articles[NAMES[0]])
    lines = _lines(_upload(client, _file("many.zip", _zip(articles))))
    assert ": added " in lines[0]
    assert "over 3,000 bytes uncompressed" in lines[-1] and "skipped" in lines[-1]
    assert Document.objects.count() < 3


def test_a_zip_with_too_many_files_is_refused_whole(client, editor, monkeypatch):
    monkeypatch.setattr(sources, "ZIP_MAX_FILES", 2)
    archive = _zip({n: (CORPUS / n).read_bytes() for n in NAMES})
    lines = _lines(_upload(client, _file("many.zip", archive)))
    assert lines == ["many.zip: refused: many.zip: 3 files, over the 2-file limit"]
    assert Document.objects.count() == 0


def test_a_file_that_is_not_a_zip_is_refused(client, editor):
    lines = _lines(_upload(client, _file("fake.zip", b"not a zip at all"), _file(NAMES[0])))
    assert lines[0] == "fake.zip: refused: fake.zip: not a valid .zip archive"
    assert ": added " in lines[1]


def test_a_single_file_still_opens_its_document(client, editor):
    response = client.post(reverse("admin:coverage_document_upload"), {"file": _file(NAMES[0])})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{Document.objects.get().pk}/change/")


def test_the_upload_form_takes_several_files(client, editor):
    page = client.get(reverse("admin:coverage_document_upload")).content.decode()
    assert 'type="file" name="file" multiple' in page


def test_an_upload_into_an_empty_lexicon_stops_and_names_the_fix(client, editor):
    Actor.objects.all().delete()
    response = client.post(
        reverse("admin:coverage_document_upload"), {"file": [_file(NAMES[0]), _file(NAMES[1])]}
    )
    assert response.status_code == 200
    assert "the lexicon is empty: run `manage.py migrate`" in response.content.decode()
    assert Document.objects.count() == 0
