"""Tables for the record lists; each exports (CSV / JSON / XLSX) what it shows, filtered."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

from coverage.models import Event, Meeting, Response, Statement
from coverage.templatetags.coverage_tags import review_badge, sources_reported

TEMPLATE = "coverage/includes/table.html"


def _actor_links(actors) -> str:
    return format_html_join(
        ", ", '<a href="{}">{}</a>', ((a.get_absolute_url(), a.name) for a in actors)
    )


class RecordTable(tables.Table):
    """Columns every record table shares: honest date, review state, source link."""

    date = tables.Column(
        accessor="date",
        verbose_name="Date",
        order_by=("date", "pk"),
        attrs={"td": {"class": "nowrap"}},
    )
    # Every sort ends with the key: rows that tie (one speaker's statements) keep one order
    # from page to page, so none shows twice or never.
    review_state = tables.Column(verbose_name="Review", order_by=("review_state", "pk"))
    source = tables.Column(
        accessor="document_id", verbose_name="Source", orderable=False, empty_values=()
    )
    # The number of documents reporting the record (kept on it: sorted along an index); the
    # downloads list the rows' sources in the export, not here.
    sources = tables.Column(
        accessor="source_count",
        verbose_name="Sources",
        order_by=("source_count", "pk"),
        exclude_from_export=True,
    )

    class Meta:
        template_name = TEMPLATE
        attrs = {"class": "data-table"}
        per_page = 25
        empty_text = "Nothing matches these filters."

    def render_date(self, record):
        return record.date_display

    def value_date(self, record):
        return record.date_iso or ""

    def render_review_state(self, record):
        return review_badge(record)

    def value_review_state(self, record):
        return record.review_state

    def render_source(self, record):
        url = record.source_url()
        if not url:
            return "—"
        if record.passage_changed:
            return format_html(
                '<a href="{}">passage changed<span class="visually-hidden"> in {}</span></a>',
                url.split("#")[0],
                record.document.title,
            )
        return format_html(
            '<a href="{}">passage<span class="visually-hidden"> in {}</span></a>{}',
            url,
            record.document.title,
            sources_reported(record),
        )

    def value_source(self, record):
        return record.source_url()

    def value_topics(self, value):
        # The names as the page shows them, not its links (markup in a spreadsheet cell).
        return ", ".join(topic.name for topic in value.all())

    def render_stance(self, record):
        return format_html(
            '<span class="stance stance--{}">{}</span>', record.stance, record.get_stance_display()
        )

    def value_stance(self, record):
        return record.get_stance_display()


class StatementTable(RecordTable):
    speaker = tables.Column(
        linkify=lambda record: record.speaker.get_absolute_url(), order_by=("speaker__name", "pk")
    )
    words = tables.Column(accessor="summary", verbose_name="Statement", orderable=False)
    stance = tables.Column(order_by=("stance", "pk"))
    topics = tables.ManyToManyColumn(linkify_item=True, orderable=False)

    class Meta(RecordTable.Meta):
        model = Statement
        fields = (
            "date",
            "speaker",
            "words",
            "stance",
            "topics",
            "review_state",
            "source",
            "sources",
        )
        sequence = fields

    def render_words(self, record):
        if record.quote:
            return format_html("<q>{}</q>", record.quote)
        return record.summary

    def value_words(self, record):
        return record.quote or record.summary


class ResponseTable(RecordTable):
    responder = tables.Column(
        linkify=lambda record: record.responder.get_absolute_url(),
        order_by=("responder__name", "pk"),
    )
    bloc = tables.Column(
        accessor="responder__bloc", verbose_name="Bloc", order_by=("responder__bloc", "pk")
    )
    responds_to = tables.Column(verbose_name="Responds to", order_by=("responds_to", "pk"))
    words = tables.Column(
        accessor="summary", verbose_name="Response", orderable=False, empty_values=()
    )
    stance = tables.Column(order_by=("stance", "pk"))
    topics = tables.ManyToManyColumn(linkify_item=True, orderable=False)

    class Meta(RecordTable.Meta):
        model = Response
        fields = (
            "date",
            "responder",
            "bloc",
            "responds_to",
            "words",
            "stance",
            "topics",
            "review_state",
            "source",
            "sources",
        )
        sequence = fields

    def render_bloc(self, record):
        return record.responder.get_bloc_display()

    def render_words(self, record):
        if record.quote:
            return format_html("<q>{}</q>", record.quote)
        return record.summary or "—"

    def value_words(self, record):
        return record.quote or record.summary


class MeetingTable(RecordTable):
    participants = tables.Column(accessor="pk", verbose_name="Participants", orderable=False)
    location = tables.Column(order_by=("location", "pk"))
    summary = tables.Column(order_by=("summary", "pk"))
    topics = tables.ManyToManyColumn(linkify_item=True, orderable=False)

    class Meta(RecordTable.Meta):
        model = Meeting
        fields = (
            "date",
            "participants",
            "location",
            "summary",
            "topics",
            "review_state",
            "source",
            "sources",
        )
        sequence = fields

    def render_participants(self, record):
        return _actor_links(record.participants.all())

    def value_participants(self, record):
        return "; ".join(a.name for a in record.participants.all())


class EventTable(RecordTable):
    title = tables.Column(order_by=("title", "pk"))
    kind = tables.Column(order_by=("kind", "pk"))
    location = tables.Column(order_by=("location", "pk"))
    participants = tables.Column(accessor="pk", verbose_name="Participants", orderable=False)

    class Meta(RecordTable.Meta):
        model = Event
        fields = (
            "date",
            "title",
            "kind",
            "location",
            "participants",
            "review_state",
            "source",
            "sources",
        )
        sequence = fields

    def render_participants(self, record):
        return _actor_links(record.participants.all()) or "—"

    def value_participants(self, record):
        return "; ".join(a.name for a in record.participants.all())
