"""Bad input gets a one-line error naming the file, a non-zero exit, and changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from coverage.models import Actor, ActorAlias, Document, Event, Statement, Summit
from coverage.sources import InputError, source_from_bytes

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PROSE = "The foreign ministers met in Geneva and said they would talk again soon. " * 4

BAD_FILES = {
    "empty.txt": (b"", "file is empty"),
    "blank.txt": (b"   \n\t \n", "only white space"),
    "image.txt": (PNG, "binary file"),
    "broken.txt": (b"\x81\x8d\x8f\x90\x9d" * 40, "not valid UTF-8"),
    "tiny.txt": (b"Hello there.", "not an article"),
    "one-line.txt": (("word " * 20_000).encode() + b".", "single line"),
    "notes.pdf": (PROSE.encode(), "unsupported file type"),
    "page.html": (b"<html><body><nav>Home</nav></body></html>", "not an article"),
}


def snapshot() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Document, Statement, Event, Actor, ActorAlias, Summit))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_rejected_with_one_line_naming_it(name):
    data, reason = BAD_FILES[name]
    with pytest.raises(InputError) as error:
        source_from_bytes(data, filename=name)
    message = str(error.value)
    assert message.startswith(f"{name}: ") and reason in message
    assert "\n" not in message


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_ingest_command_fails_on_bad_file_and_changes_nothing(lexicon, tmp_path, capsys, name):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("ingest", str(path))
    assert snapshot() == before
    err = capsys.readouterr().err
    assert name in err and reason in err


def test_oversized_file_is_rejected(settings):
    settings.COVERAGE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        source_from_bytes(PROSE.encode() * 10, filename="big.txt")


def test_windows_1252_text_is_decoded_not_rejected():
    source = source_from_bytes(("“Quoted” " + PROSE).encode("cp1252"), filename="ansi.txt")
    assert source.text.startswith("“Quoted”")


def test_html_markup_is_stripped_and_scripts_dropped():
    html = (
        "<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
        f"<p onclick=\"steal()\">{PROSE}</p><script>alert('x')</script></article></body></html>"
    )
    source = source_from_bytes(html.encode(), filename="talks.html")
    assert "steal" not in source.text and "alert" not in source.text
    assert "foreign ministers met in Geneva" in source.text
    assert source.title == "Talks in Geneva"


def test_missing_path_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("ingest", str(tmp_path / "nope.txt"))


def test_good_and_bad_files_together_ingest_the_good_and_fail(lexicon, tmp_path):
    (tmp_path / "good.txt").write_text(
        "Geneva talks\n\nPresident Emmanuel Macron said France " + PROSE, encoding="utf-8"
    )
    (tmp_path / "bad.txt").write_bytes(PNG)
    with pytest.raises(CommandError, match="1 of 2 files not ingested"):
        call_command("ingest", str(tmp_path))
    assert Document.objects.count() == 1
