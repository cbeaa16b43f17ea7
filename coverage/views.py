"""Public pages. Thin views: the queries live in coverage.selectors."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin

from coverage import cache, downloads, export, filters, search, selectors, tables
from coverage.models import Actor, Bloc, Topic
from coverage.pagination import CachedCountPaginator

PER_PAGE = selectors.PER_PAGE
# The page sizes a table offers (?per_page=): anything else gets PER_PAGE, so no page is every
# row of a table (megabytes, seconds); the downloads are for that.
PAGE_SIZES = (25, 50, 100)
# Searched words kept: a 50,000-character q was a 500 (SQLite: "LIKE or GLOB pattern too
# complex"; PostgreSQL: "stack depth limit exceeded"), and no search needs more than this.
Q_MAX = 200


def search_words(request: HttpRequest) -> tuple[str, str]:
    """``?q=``, stripped and cut to Q_MAX characters (NUL characters dropped: PostgreSQL refuses
    them in a query), and the notice to show when it was cut."""
    q = request.GET.get("q", "").replace("\x00", "").strip()
    if len(q) <= Q_MAX:
        return q, ""
    return q[:Q_MAX].strip(), f"Only the first {Q_MAX} characters of the search were used."


def page_size(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("per_page", PER_PAGE))
    except ValueError:
        return PER_PAGE
    return size if size in PAGE_SIZES else PER_PAGE


class BoundedFilterMixin:
    """A FilterView whose ``q`` is cut like search_words() cuts it, with the same notice."""

    notice = ""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs.get("data") is not None and "q" in kwargs["data"]:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["q"], self.notice = search_words(self.request)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notice"] = self.notice
        return context


def dashboard(request: HttpRequest) -> HttpResponse:
    all_summits = selectors.cached_summits()
    summit = selectors.pick_summit(all_summits, request.GET.get("summit"))
    context = {
        "summit": summit,
        "summit_switch": _summit_switch(all_summits, summit),
        "board": selectors.cached_dashboard(summit) if summit else None,
    }
    return render(request, "coverage/dashboard.html", context)


def _summit_switch(all_summits: list, summit) -> str:
    """The menu of every summit, rendered once per edit generation for each summit shown:
    years of coverage hold hundreds of summits, and rendering them was most of the dashboard."""
    if summit is None or len(all_summits) < 2:
        return ""
    context = {"summits": all_summits, "summit": summit}
    return cache.cached(
        "summit-switch",
        summit.pk,
        compute=lambda: render_to_string("coverage/includes/summit_switch.html", context),
    )


# --- Record tables ----------------------------------------------------------------------------


class RecordListView(BoundedFilterMixin, ExportMixin, SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table that downloads its filtered rows.

    The table paginates (FilterView's own pagination stays off: it would count and slice the
    same rows a second time).
    """

    template_name = "coverage/record_list.html"
    export_formats = ("csv", "json", "xlsx")
    title = ""
    intro = ""

    def get_table(self, **kwargs):
        # django-tables2's RequestConfig takes any ?per_page= (-1 was a 500); sorting is still
        # its job, the page size and number are read here.
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        RequestConfig(self.request, paginate=False).configure(table)
        paging = {"paginator_class": CachedCountPaginator, "per_page": page_size(self.request)}
        try:
            table.paginate(page=self.request.GET.get("page", 1), **paging)
        except PageNotAnInteger:
            table.paginate(page=1, **paging)
        except EmptyPage:  # past the last page, or before the first: the last one
            table.paginate(page=table.paginator.num_pages, **paging)
        return table

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format and export_format not in self.export_formats:
            return HttpResponseBadRequest(
                f"No download as {export_format[:20]!r}: the formats are "
                f"{', '.join(self.export_formats)}.",
                content_type="text/plain; charset=utf-8",
            )
        return super().render_to_response(context, **kwargs)

    def create_export(self, export_format):
        # Every filtered row in the table's order, streamed from .values() rows (see
        # coverage.downloads); django-tables2's export renders a model instance per row.
        table = self.get_table_class()(data=self.get_table_data(), **self.get_table_kwargs())
        RequestConfig(self.request, paginate=False).configure(table)
        return downloads.table_response(
            table, export_format, self.get_export_filename(export_format)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["intro"] = self.intro
        context["export_formats"] = self.export_formats
        return context


class StatementListView(RecordListView):
    table_class = tables.StatementTable
    filterset_class = filters.StatementFilter
    export_name = "statements"
    title = "Statements"
    intro = "Who said what, on which topic, with the passage it comes from."

    def get_queryset(self):
        return selectors.public_statements().order_by("date", "pk")


class ResponseListView(RecordListView):
    table_class = tables.ResponseTable
    filterset_class = filters.ResponseFilter
    export_name = "responses"
    title = "Responses"
    intro = "How governments outside the summit reacted."

    def get_queryset(self):
        return selectors.public_responses().order_by("date", "pk")


class MeetingListView(RecordListView):
    table_class = tables.MeetingTable
    filterset_class = filters.MeetingFilter
    export_name = "meetings"
    title = "Meetings"
    intro = "Who met whom, where and about what."

    def get_queryset(self):
        return selectors.public_meetings().order_by("date", "pk")


class EventListView(RecordListView):
    table_class = tables.EventTable
    filterset_class = filters.EventFilter
    export_name = "events"
    title = "Events"
    intro = "What happened when, as precisely as the sources date it."

    def get_queryset(self):
        return selectors.public_events().order_by("date", "pk")


# --- Timeline ---------------------------------------------------------------------------------


class TimelineView(BoundedFilterMixin, FilterView):
    paginator_class = CachedCountPaginator
    template_name = "coverage/timeline.html"
    filterset_class = filters.TimelineFilter
    paginate_by = PER_PAGE

    def get_queryset(self):
        return selectors.public_events().order_by("date", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(context["object_list"])
        context["years"] = selectors.group_by_year_and_month(events)
        context["per_year"] = selectors.cached_events_per_year(self.object_list)
        return context


def timeline_json(request: HttpRequest) -> JsonResponse:
    """The timeline page's events (and filters: q, actor, topic, kind, dates) for TimelineJS:
    the newest 1,000 of them (export.timeline_json)."""
    summit = selectors.current_summit()
    title = summit.name if summit else "Summit Coverage timeline"
    data = request.GET.copy()
    if "q" in data:
        data["q"], _ = search_words(request)
    filterset = filters.TimelineFilter(data or None, queryset=selectors.public_events())
    # As on the page (FilterView, strict): filters that do not validate match nothing.
    if filterset.is_bound and not filterset.is_valid():
        events = filterset.queryset.none()
    else:
        events = filterset.qs
    return JsonResponse(export.timeline_json(events, title))


def export_json(request: HttpRequest) -> StreamingHttpResponse:
    # The whole dataset (114 MB at 200,000 records), written as it is read: never in memory.
    response = StreamingHttpResponse(export.json_chunks(), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="summit-coverage.json"'
    return response


# --- Positions --------------------------------------------------------------------------------


def _min_sources(request: HttpRequest) -> int:
    """``?min_sources=``, as the tables read it (1 to 1000); anything else: every record."""
    try:
        value = int(request.GET.get("min_sources", ""))
    except ValueError:
        return 1
    return value if 1 <= value <= 1000 else 1


class PositionsView(ListView):
    template_name = "coverage/positions.html"
    paginate_by = PER_PAGE
    context_object_name = "topics"

    def get_queryset(self):
        return selectors.cached_topics_with_positions(_min_sources(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topics = list(context["topics"])
        min_sources = _min_sources(self.request)

        def table() -> str:
            actors, rows = selectors.positions_matrix(topics, min_sources=min_sources)
            return render_to_string(
                "coverage/includes/positions_table.html",
                {"actors": actors, "rows": rows, "min_sources": min_sources},
            )

        # The matrix is a thousand links at newsroom size: rendered once per edit generation.
        page = context["page_obj"].number if context["page_obj"] else 1
        context["matrix"] = cache.cached("positions-table", page, min_sources, compute=table)
        context["min_sources"] = min_sources
        return context


def topic_positions(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)

    def board() -> str:
        context = {"topic": topic, "board": selectors.topic_positions(topic)}
        return render_to_string("coverage/includes/topic_board.html", context)

    # Counting every stance on a topic reads all its statements, which grow with the archive,
    # and the board is up to 46 records to render: both once per edit generation,
    # like the positions matrix, for editors too (the page cache serves only anonymous readers).
    context = {"topic": topic, "board": cache.cached("topic-board", topic.pk, compute=board)}
    return render(request, "coverage/topic_positions.html", context)


# --- Actors and documents ---------------------------------------------------------------------


class ActorListView(ListView):
    """The actors the coverage names most, first, with how many public records name them."""

    template_name = "coverage/actor_list.html"
    paginate_by = PER_PAGE
    context_object_name = "actors"

    def get_queryset(self):
        get = self.request.GET
        kind = get.get("kind", "")
        bloc = get.get("bloc", "")
        q, _ = search_words(self.request)
        return selectors.actors_by_coverage(
            kind=kind if kind in Actor.Kind.values else "",
            bloc=bloc if bloc in Bloc.values else "",
            q=q,
            include_empty=get.get("all") == "1",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actors"] = selectors.actors_with_counts(context["actors"])
        context["kinds"] = Actor.Kind.choices
        context["blocs"] = [(value, label) for value, label in Bloc.choices if value]
        context["kind"] = self.request.GET.get("kind", "")
        context["bloc"] = self.request.GET.get("bloc", "")
        context["all"] = self.request.GET.get("all") == "1"
        context["q"], context["notice"] = search_words(self.request)
        return context


class ActorDetailView(DetailView):
    template_name = "coverage/actor_detail.html"
    context_object_name = "actor"

    def get_queryset(self):
        return selectors.public_actors().prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = selectors.actor_record(self.object)
        return context


class DocumentListView(ListView):
    paginator_class = CachedCountPaginator
    template_name = "coverage/document_list.html"
    paginate_by = PER_PAGE
    context_object_name = "documents"

    def get_queryset(self):
        qs = selectors.documents().defer("text")
        q, _ = search_words(self.request)
        return search.document_matches(qs, q) if q else qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"], context["notice"] = search_words(self.request)
        return context


class DocumentDetailView(DetailView):
    template_name = "coverage/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return selectors.documents()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = selectors.document_records(self.object)
        context["records"] = records
        context["segments"] = selectors.segment_text(self.object.text, records)
        return context


class SearchView(TemplateView):
    template_name = "coverage/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q, context["notice"] = search_words(self.request)
        context["q"] = q
        context["results"] = selectors.search(q) if q else None
        return context
