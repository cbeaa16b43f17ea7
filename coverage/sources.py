"""Turning an uploaded or on-disk file into article text, or a one-line reason why not.

Shared by the ``ingest`` command and the admin upload, so both reject bad input the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

# Encodings tried in order after UTF-8; cp1252 covers most Western "ANSI" files. latin-1 is not
# tried: it decodes any byte string, so it would accept binary junk.
_FALLBACK_ENCODINGS = ("utf-16", "cp1252")
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")
_MIN_WORDS = 20
_MAX_LINE = 50_000
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?(\s|$)")


class InputError(ValueError):
    """Input that is not an article; the message is one line, fit to show a user."""


@dataclass(frozen=True)
class SourceText:
    text: str
    filename: str
    format: str
    title: str | None = None
    published: dt.date | None = None
    source_url: str = ""


def max_bytes_allowed(max_bytes: int | None = None) -> int:
    """The size limit: ``max_bytes`` when given, else the COVERAGE_MAX_UPLOAD_BYTES setting."""
    return settings.COVERAGE_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes


def source_from_bytes(data: bytes, *, filename: str, max_bytes: int | None = None) -> SourceText:
    """Decode and check one file's content. Raises InputError with a one-line reason.

    ``max_bytes``: the size limit (default: the COVERAGE_MAX_UPLOAD_BYTES setting).
    """
    name = Path(filename).name
    fmt = SUFFIXES.get(Path(filename).suffix.lower())
    if fmt is None:
        raise InputError(f"{name}: unsupported file type (use .txt, .md or .html)")
    limit = max_bytes_allowed(max_bytes)
    if len(data) > limit:
        raise InputError(f"{name}: file is {len(data):,} bytes, over the {limit:,}-byte limit")
    if not data:
        raise InputError(f"{name}: file is empty")
    if not data.strip():
        raise InputError(f"{name}: file has only white space")
    if data.startswith(_BINARY_MAGIC) or (b"\x00" in data and not _has_utf16_bom(data)):
        raise InputError(f"{name}: binary file, not text")
    raw = _decode(data, name)
    if _control_ratio(raw) > 0.01:
        raise InputError(f"{name}: binary file, not text")
    if fmt == "html":
        return from_html(raw, name)
    text = raw.lstrip("\ufeff")
    _check_article(text, name)
    return SourceText(text=text, filename=name, format=fmt)


def source_from_path(path: Path, *, max_bytes: int | None = None) -> SourceText:
    size = path.stat().st_size
    limit = max_bytes_allowed(max_bytes)
    if size > limit:
        raise InputError(f"{path.name}: file is {size:,} bytes, over the {limit:,}-byte limit")
    return source_from_bytes(path.read_bytes(), filename=path.name, max_bytes=limit)


# A .zip of articles: at most this many files and bytes once uncompressed, whatever the
# archive claims (a few kilobytes of zip can expand to gigabytes).
ZIP_MAX_FILES = 500
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024


def sources_from_zip(
    archive: IO[bytes], *, filename: str, max_bytes: int | None = None
) -> Iterator[tuple[str, SourceText | InputError]]:
    """Each article in a .zip, in the archive's order, as (name, source or the reason not).

    Folders, hidden files and macOS resource forks are skipped; a member with an unsafe name
    (absolute, or climbing out with "..") is refused. Raises InputError when the archive is
    not a zip or holds more than ZIP_MAX_FILES files.
    """
    limit = max_bytes_allowed(max_bytes)
    try:
        members = zipfile.ZipFile(archive).infolist()
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{filename}: not a valid .zip archive") from None
    files = [m for m in members if not m.is_dir() and not _junk(m.filename)]
    if len(files) > ZIP_MAX_FILES:
        raise InputError(f"{filename}: {len(files):,} files, over the {ZIP_MAX_FILES}-file limit")
    archive.seek(0)
    with zipfile.ZipFile(archive) as zf:
        total = 0
        for member in files:
            name = member.filename
            path = PurePosixPath(name.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or ":" in name:
                yield name, InputError(f"{name}: unsafe name in the archive, skipped")
                continue
            if member.file_size > limit:
                yield (
                    name,
                    InputError(
                        f"{path.name}: file is {member.file_size:,} bytes, "
                        f"over the {limit:,}-byte limit"
                    ),
                )
                continue
            try:
                with zf.open(member) as opened:
                    # Read no more than the limit whatever the header says the size is.
                    data = opened.read(limit + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
                yield name, InputError(f"{path.name}: unreadable in the archive ({error})")
                continue
            total += len(data)
            if total > ZIP_MAX_TOTAL_BYTES:
                yield (
                    name,
                    InputError(
                        f"{filename}: over {ZIP_MAX_TOTAL_BYTES:,} bytes uncompressed; "
                        f"{path.name} and the files after it skipped"
                    ),
                )
                return
            try:
                yield name, source_from_bytes(data, filename=path.name, max_bytes=limit)
            except InputError as error:
                yield name, error


def _junk(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def collect_paths(paths: list[Path]) -> list[Path]:
    """Files named, and the supported files inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            found.append(path)
    return found


def _has_utf16_bom(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        if encoding == "utf-16" and not _has_utf16_bom(data):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: not valid UTF-8, UTF-16 or Windows-1252 text")


# C0 control characters other than line and page breaks and tabs: binary data decoded as text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _check_article(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(f"{name}: file has only white space")
    if len(_WORD.findall(text)) < _MIN_WORDS or not _SENTENCE_END.search(text):
        raise InputError(f"{name}: not an article (fewer than {_MIN_WORDS} words of prose)")
    longest = max(len(line) for line in text.splitlines())
    if longest > _MAX_LINE:
        raise InputError(
            f"{name}: not an article (a single line of {longest:,} characters, over {_MAX_LINE:,})"
        )


def from_html(html: str, name: str, *, url: str = "") -> SourceText:
    """The article in an HTML page; ``url``: the address it was fetched from, if any (its
    canonical address, when the page names one, is the source's ``source_url``)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, url=url or None, include_tables=True, with_metadata=True
    )
    text = (doc.text if doc else "") or ""
    if not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    _check_article(text, name)
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return SourceText(
        text=text,
        filename=name,
        format="html",
        title=doc.title or None,
        published=published,
        source_url=doc.url or "",
    )
