"""Downloads at newsroom size: the record tables' CSV / JSON / XLSX, and the helpers the whole
dataset export (coverage.export) shares with them.

A download is every filtered row, so it is never built from model instances (django-tables2's
own export renders each cell through the table's machinery, far too slow for every row).
Rows come from ``.values()`` in chunks of ``CHUNK``; each chunk's many-to-many names are read
with one query per relation; the output is written as it is produced. Queries per download:
one for the rows plus one per relation per chunk, whatever happens per row.
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from types import SimpleNamespace
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.encoding import force_str

from coverage import records, tables
from coverage.models import Actor, DatedMixin, ReviewState

CHUNK = 2000  # rows per query for the related names (and what one chunk keeps in memory)
FLUSH = 64 * 1024  # characters per streamed piece

XLSX_MAX_WIDTH = 80  # characters, the widest a spreadsheet column is made


# --- Reading ----------------------------------------------------------------------------------


def chunks(qs: QuerySet, fields: Iterable[str], size: int = CHUNK) -> Iterator[list[dict]]:
    """The rows of ``qs`` as ``.values(*fields)`` dicts, ``size`` at a time."""
    rows = qs.prefetch_related(None).values(*fields).iterator(chunk_size=size)
    while batch := list(islice(rows, size)):
        yield batch


def names_of(model: type[Model], field: str, ids: list[int]) -> dict[int, list[str]]:
    """The names on a many-to-many field (``Statement.topics``, ``Event.participants``...) of
    the records ``ids``: {record id: [name, ...]} in name order, hidden actors left out, like the
    pages' prefetches. One query over the through table."""
    m2m = model._meta.get_field(field)
    owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    links = m2m.remote_field.through.objects.filter(**{f"{owner}_id__in": ids})
    if m2m.related_model is Actor:  # the public_actors() rule, on the joined actor
        links = links.exclude(**{f"{target}__review_state": ReviewState.HIDDEN})
    names: dict[int, list[str]] = defaultdict(list)
    pairs = links.order_by(f"{owner}_id", f"{target}__name").values_list(
        f"{owner}_id", f"{target}__name"
    )
    for pk, name in pairs:
        names[pk].append(name)
    return names


def date_iso(row: dict) -> str | None:
    """The models' own honest date (DatedMixin.date_iso: "2001", "2025-09", "2025-09-03")."""
    return DatedMixin.date_iso.fget(
        SimpleNamespace(date=row["date"], date_precision=row["date_precision"])
    )


def document_url() -> Callable[[int], str]:
    """The document page's URL for a document id: reversed once, not once per row."""
    marker = "4294967297"
    head, tail = reverse("coverage:document_detail", args=[int(marker)]).rsplit(marker, 1)
    return lambda pk: f"{head}{pk}{tail}"


# --- Writing ----------------------------------------------------------------------------------


def buffered(pieces: Iterable[str], size: int = FLUSH) -> Iterator[str]:
    """Join small pieces into chunks of about ``size`` characters (a write per row is slow)."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def json_list(rows: Iterable[Any], *, ensure_ascii: bool = False) -> Iterator[str]:
    """A JSON array written a row at a time: the same text as ``json.dumps(list(rows))``."""
    encode = DjangoJSONEncoder(ensure_ascii=ensure_ascii).encode
    yield "["
    separator = ""
    for row in rows:
        yield separator
        yield encode(row)
        separator = ", "
    yield "]"


class _Line:
    """A file-like object that hands back what csv.writer writes (Django's streaming CSV)."""

    def write(self, value: str) -> str:
        return value


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula
# (=HYPERLINK("http://evil.example/", ...) from a quoted statement): OWASP's CSV-injection rule.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """A text cell a spreadsheet would read as a formula, prefixed with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow([neutralised(v) for v in row])


# --- Table downloads --------------------------------------------------------------------------


@dataclass(frozen=True)
class TableDownload:
    """How a record table's exported columns read from one ``.values()`` row.

    ``cells`` gives, per column, what django-tables2's export gives for it (``value_<name>``,
    else ``render_<name>``, else the accessor; ``None`` when the accessor's value is empty);
    ``names`` are the many-to-many fields whose names each row gets, as lists.
    """

    model: type[Model]
    fields: tuple[str, ...]
    cells: dict[str, Callable[[dict], Any]]
    names: tuple[str, ...] = ()

    def rows(self, qs: QuerySet, columns: list[str]) -> Iterator[list]:
        values = [self.cells[name] for name in columns]
        for batch in chunks(qs, self.fields):
            ids = [row["id"] for row in batch]
            for field in self.names:
                names = names_of(self.model, field, ids)
                for row in batch:
                    row[field] = names.get(row["id"], [])
            for row in batch:
                yield [value(row) for value in values]


RECORD_FIELDS = ("id", "date", "date_precision", "review_state", "document_id")


def _record_cells(model: type[Model]) -> dict[str, Callable[[dict], Any]]:
    """The columns every record table shares (tables.RecordTable)."""
    url = document_url()
    anchor = model._meta.model_name

    def source(row: dict) -> str:
        if row["document_id"] is None:
            return ""
        return f"{url(row['document_id'])}#{anchor}-{row['id']}"

    return {
        "date": lambda row: None if row["date"] is None else (date_iso(row) or ""),
        "review_state": lambda row: row["review_state"],
        "source": source,
    }


def _table_downloads() -> dict[type[Model], TableDownload]:
    """Each record kind's table download (by model), from its registry entry: the columns
    every record table shares, and the kind's own."""
    return {
        kind.model: TableDownload(
            model=kind.model,
            fields=(*RECORD_FIELDS, *kind.download.fields),
            names=kind.download.names,
            cells={**_record_cells(kind.model), **kind.download.cells},
        )
        for kind in records.KINDS
        if kind.download is not None
    }


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(table: tables.RecordTable, export_format: str, filename: str) -> HttpResponse:
    """Every row of a (filtered, sorted) record table as a download: the same header, columns
    and values as django-tables2's export of that table (CSV, JSON streamed; XLSX whole)."""
    download = _table_downloads()[table.Meta.model]
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    headers = [force_str(column.header, strings_only=True) for column in columns]
    names = [column.name for column in columns]
    qs = table.data.data
    if export_format == "xlsx":
        return _xlsx_response(table, download, qs, headers, names, filename)
    rows = download.rows(qs, names)
    if export_format == "csv":
        body: Iterator[str] = buffered(csv_lines(chain([headers], rows)))
    elif export_format == "json":
        body = buffered(json_list(dict(zip(headers, row, strict=True)) for row in rows))
    else:
        raise ValueError(f"no table download as {export_format!r}")
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(table, download, qs, headers, names, filename) -> HttpResponse:
    """The spreadsheet tablib made (bold header row, frozen below it, columns as wide as their
    contents), written by openpyxl's write-only workbook a row at a time into a temporary file:
    seconds, not minutes, and no cell objects held for the whole sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.Meta.model._meta.verbose_name_plural.title())
    sheet.freeze_panes = "A2"
    rows = download.rows(qs, names)
    first = list(islice(rows, CHUNK))
    # Widths from the header and the first rows (write-only sheets set them before any row).
    for i, header in enumerate(headers):
        width = max(len(str(v)) for v in [header, *(row[i] for row in first if row[i] is not None)])
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(width, XLSX_MAX_WIDTH)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True)

    def cell(value, **style):
        c = WriteOnlyCell(sheet, value=value)
        for name, v in style.items():
            setattr(c, name, v)
        return c

    sheet.append([cell(header, font=bold) for header in headers])

    def value(v):
        if not isinstance(v, str):
            return v
        v = ILLEGAL_CHARACTERS_RE.sub("", v)  # control characters a workbook cannot hold
        if "\n" in v:
            c = cell(v, alignment=wrap)
        elif v.startswith("="):
            c = cell(v)  # openpyxl stores a string starting with "=" as a live formula
        else:
            return v
        c.data_type = "s"  # text, always
        return c

    for row in chain(first, rows):
        sheet.append([value(v) for v in row])
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    book.save(file)
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
    )
