"""Template helpers for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from coverage.models import url_to
from coverage.passages import other_sources

register = template.Library()


@register.simple_tag
def highlighted_text(segments) -> SafeString:
    """The document text, escaped, with every public record's passage wrapped in <mark>.

    Segments come from ``selectors.segment_text``: a segment covered by records becomes a
    <mark> listing them in ``data-records``; each record's id sits on the mark that opens its
    first segment (records starting together get nested marks, one id each).
    """
    parts: list[str] = []
    for segment in segments:
        text = conditional_escape(segment.text)
        if not segment.records:
            parts.append(text)
            continue
        names = " ".join(r.anchor for r in segment.records)
        kinds = {r._meta.model_name for r in segment.records}
        classes = ["passage", *(f"passage--{k}" for k in sorted(kinds))]
        if any(r.review_state == "unverified" for r in segment.records):
            classes.append("passage--unverified")
        if len(segment.records) > 1:
            classes.append("passage--overlap")
        inner = text
        for record in reversed(segment.starts[1:]):
            inner = format_html(
                '<mark class="passage passage--start" id="{}">{}</mark>', record.anchor, inner
            )
        first = segment.starts[0].anchor if segment.starts else None
        if first:
            classes.append("passage--start")
            parts.append(
                format_html(
                    '<mark class="{}" id="{}" data-records="{}">{}</mark>',
                    " ".join(classes),
                    first,
                    names,
                    inner,
                )
            )
        else:
            parts.append(
                format_html(
                    '<mark class="{}" data-records="{}">{}</mark>', " ".join(classes), names, inner
                )
            )
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part is escaped


@register.filter
def model_label(record) -> str:
    return record._meta.verbose_name


@register.filter
def record_summary(record) -> str:
    """A one-line description of any curated record."""
    name = record._meta.model_name
    if name == "statement":
        return f"{record.speaker.name}: {record.quote or record.summary}"
    if name == "response":
        return f"{record.responder.name} ({record.get_stance_display().lower()}): " + (
            record.quote or record.summary or record.responds_to
        )
    if name == "meeting":
        people = " and ".join(a.name for a in record.participants.all())
        return f"{people}" + (f": {record.summary}" if record.summary else "")
    if name == "event":
        return f"{record.date_display}: {record.title}"
    if name == "membership":
        return f"{record.member.name} in {record.organisation.name}"
    return str(record)


@register.filter
def http_url(url: str) -> str:
    """The URL if it is an http(s) link, else "" (a javascript: or data: URL never becomes a
    link, whatever an uploaded page's metadata claimed)."""
    url = (url or "").strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") else ""


# The three snippets every record shows, as tags rather than includes: a list of records
# renders them dozens of times, and an include costs a template lookup and a context each.


@register.simple_tag
def record_date(record) -> SafeString:
    """The record's date as precisely as the source gives it, or "undated"."""
    if not record.date:
        return mark_safe('<span class="muted">undated</span>')
    return format_html('<time datetime="{}">{}</time>', record.date_iso, record.date_display)


@register.simple_tag
def source_link(record) -> SafeString:
    """A link to the record's passage in its document (nothing for a record without one)."""
    if not record.document_id:
        return mark_safe("")
    if record.passage_changed:
        return format_html(
            '<a class="source-link" href="{}">passage changed</a>',
            url_to("coverage:document_detail", record.document_id),
        )
    link = format_html('<a class="source-link" href="{}">source</a>', record.source_url())
    return link + sources_reported(record)


def sources_reported(record) -> SafeString:
    """“ · reported in 3 sources: apnews.com, tass.com” for a record other documents report
    too, each name a link to its passage there (nothing for a record only its own document
    reports); a document known by neither address nor file name is its number."""
    others = other_sources(record)
    if not others:
        return mark_safe("")
    links = [
        format_html(
            '<a class="source-link" href="{}" aria-label="source {} of {}: {}">{}</a>',
            other.url,
            n,
            len(others) + 1,
            other.outlet or f"document {other.document_id}",
            other.outlet or n,
        )
        for n, other in enumerate(others, start=2)
    ]
    return format_html(
        ' · <span class="sources">reported in {} sources: {}</span>',
        len(others) + 1,
        mark_safe(", ".join(str(link) for link in links)),  # noqa: S308 - each link is escaped
    )


@register.simple_tag
def review_badge(record) -> SafeString:
    """Unverified, verified and needs-review records say so; published ones need no badge."""
    if record.review_state == "unverified":
        return mark_safe(
            '<span class="badge badge--unverified" title="Not yet checked by an editor">'
            "unverified</span>"
        )
    if record.review_state == "verified":
        return mark_safe('<span class="badge badge--verified">verified</span>')
    if record.review_state == "needs_review":
        return mark_safe(
            '<span class="badge badge--needs-review" title="Its passage changed in a newer '
            'version of the document: an editor has to check it again">needs review</span>'
        )
    return mark_safe("")


@dataclass
class YearBar:
    year: int
    count: int
    x: float
    top: float
    label: bool


@dataclass
class Density:
    bars: list[YearBar]

    @property
    def first(self) -> int:
        return self.bars[0].year

    @property
    def last(self) -> int:
        return self.bars[-1].year


@register.simple_tag
def timeline_density(per_year: list[tuple[int, int]], width: int = 600) -> Density | None:
    """The timeline's events per year (selectors.events_per_year) placed on its SVG chart.

    The SVG is 600 x 100: the axis sits at y=70, stems rise up to 60 units for the busiest
    year, year labels sit under the axis and are thinned out so they never collide.
    """
    if not per_year:
        return None
    first, last = per_year[0][0], per_year[-1][0]
    most = max(n for _, n in per_year)
    bars = []
    for year, n in per_year:
        x = width / 2 if last == first else 40 + (width - 80) * (year - first) / (last - first)
        bars.append(
            YearBar(
                year=year,
                count=n,
                x=round(x, 1),
                top=round(70 - (10 + 50 * n / most), 1),
                label=False,
            )
        )
    # Label the last year, then walk back labelling every year far enough from the previous.
    bars[-1].label = True
    last_x = bars[-1].x
    for bar in reversed(bars[:-1]):
        if last_x - bar.x >= 80:
            bar.label = True
            last_x = bar.x
    return Density(bars=bars)
