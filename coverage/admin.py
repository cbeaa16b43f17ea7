"""The editors' workbench: verify, correct, hide or add records; upload documents.

What an editor saves is flagged ``edited`` so a re-ingest leaves it alone; what an editor
deletes is remembered so a re-ingest does not bring it back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Callable, Iterator

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import IntegrityError, models
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least, Substr
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from coverage import selectors
from coverage.db import database_analyze
from coverage.extract.dates import published_problem
from coverage.extract.types import Lexicon
from coverage.fetch import source_from_url
from coverage.lexicon import LexiconEmpty, lexicon_load
from coverage.models import (
    Actor,
    ActorAlias,
    Document,
    Event,
    Meeting,
    Membership,
    Response,
    ReviewState,
    Statement,
    Summit,
    Term,
    Topic,
)
from coverage.selectors import document_earlier_version
from coverage.services import (
    IngestResult,
    actors_merge,
    document_delete,
    document_ingest,
    passage_split,
    records_delete,
    records_merge,
    records_set_state,
    summits_merge,
)
from coverage.sources import (
    InputError,
    SourceText,
    max_bytes_allowed,
    source_from_bytes,
    sources_from_zip,
)
from coverage.templatetags.coverage_tags import highlighted_text

# Characters of a record's passage its list row shows.
EXCERPT_CHARS = 80


@admin.action(description="Verify selected records")
def make_verified(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    count = records_set_state(queryset=queryset, state=ReviewState.VERIFIED, user=request.user)
    modeladmin.message_user(request, f"{count} verified.")


@admin.action(description="Hide selected records from the public site")
def make_hidden(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    count = records_set_state(queryset=queryset, state=ReviewState.HIDDEN, user=request.user)
    modeladmin.message_user(request, f"{count} hidden.")


@admin.action(description="Publish selected records (visible, not yet verified)")
def make_published(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    count = records_set_state(queryset=queryset, state=ReviewState.UNVERIFIED, user=request.user)
    modeladmin.message_user(request, f"{count} published.")


def _merge_confirmed(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    explanation: str,
    detail: Callable[[object], str],
    merge: Callable[..., object],
) -> TemplateResponse | None:
    """An action merging the selected rows: a page choosing the one that stays, then the
    service (``merge(keep=..., merge=[...], user=...)``) once the editor confirms."""
    rows = list(queryset)
    if len(rows) < 2:
        modeladmin.message_user(request, "Select at least two to merge.", messages.WARNING)
        return None
    if request.POST.get("post") == "yes":
        keep = next((r for r in rows if str(r.pk) == request.POST.get("keep")), None)
        if keep is None:
            modeladmin.message_user(request, "Choose the one that stays.", messages.ERROR)
        else:
            try:
                merge(keep=keep, merge=[r for r in rows if r.pk != keep.pk], user=request.user)
            except IntegrityError as error:
                modeladmin.message_user(request, f"Not merged: {error}", messages.ERROR)
                return None
            modeladmin.message_user(request, f"Merged {len(rows) - 1} into “{keep}”.")
            return None
    return TemplateResponse(
        request,
        "admin/coverage/merge_confirm.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {len(rows)} {modeladmin.opts.verbose_name_plural}",
            "opts": modeladmin.opts,
            "queryset": rows,
            "choices": [{"obj": r, "detail": detail(r)} for r in rows],
            "explanation": explanation,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


@admin.action(description="Merge selected summits into one", permissions=["change", "delete"])
def merge_summits(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    counted = queryset.select_related("organisation").annotate(
        document_count=Count("documents", distinct=True)
    )
    return _merge_confirmed(
        modeladmin,
        request,
        counted,
        action="merge_summits",
        explanation="The others' documents and records move to it, it takes the host city and "
        "dates it lacks from them, and they are deleted.",
        detail=lambda s: (
            f"{s.organisation or 'no organisation'}, {s.year or 'no year'}, "
            f"{s.host_city or 'no city'}; {s.document_count} documents"
        ),
        merge=summits_merge,
    )


@admin.action(description="Merge selected actors into one", permissions=["change", "delete"])
def merge_actors(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    counted = queryset.annotate(
        statement_count=Count("statements", distinct=True),
        response_count=Count("responses", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )
    return _merge_confirmed(
        modeladmin,
        request,
        counted,
        action="merge_actors",
        explanation="The others' statements, responses, meetings, events, memberships and "
        "aliases move to it, their names become its aliases (later ingests use them), and "
        "they are deleted.",
        detail=lambda a: (
            f"{a.get_kind_display()}, {a.statement_count} statements, "
            f"{a.response_count} responses, {a.meeting_count} meetings"
        ),
        merge=actors_merge,
    )


def _excerpt(text: str, chars: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1] + "…"


class PossibleDuplicateFilter(admin.SimpleListFilter):
    title = "possible duplicates"
    parameter_name = "possible_duplicate"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", "Possible duplicates")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(possible_duplicate_of=None)
        return queryset


@admin.action(description="Merge selected records into one", permissions=["change", "delete"])
def merge_records(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    counted = queryset.select_related("document").annotate(
        passage_count=Count("passages", distinct=True)
    )
    return _merge_confirmed(
        modeladmin,
        request,
        counted,
        action="merge_records",
        explanation="The others' passages (in every document reporting them), people and "
        "topics move to it, and they are deleted. A re-ingest of their documents keeps "
        "their passages on it.",
        detail=lambda r: (
            f"{r.document or 'no document'}; {r.passage_count} passages; "
            f"{r.get_review_state_display().lower()}"
        ),
        merge=records_merge,
    )


class CuratedAdmin(SimpleHistoryAdmin):
    """Shared behaviour of every extracted record's admin."""

    actions = [make_verified, make_hidden, make_published, merge_records]
    list_filter = ["review_state", "edited", "summit", PossibleDuplicateFilter]
    list_select_related = ["summit"]
    readonly_fields = ["source_passage", "reported_in", "fingerprint", "created_at", "updated_at"]
    list_per_page = 50
    # The passage an editor checks a record against comes first, open, in its paragraph.
    passage_fieldset = ("Source passage", {"fields": ["source_passage", "reported_in"]})
    provenance_fieldset = (
        "Provenance",
        {
            "fields": [
                "document",
                "source_start",
                "source_end",
                "fingerprint",
                "created_at",
                "updated_at",
            ],
            "classes": ["collapse"],
        },
    )
    review_fieldset = ("Review", {"fields": ["review_state", "edited", "possible_duplicate_of"]})
    raw_id_fields = ["possible_duplicate_of"]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description="Source passage")
    def source_passage(self, obj: object) -> str:
        if obj and obj.pk and obj.stale_passage and obj.source_start is None:
            return format_html(
                "<p><strong>Passage changed</strong>: a newer version of the document no longer "
                "has these words. Set the span to the passage that says it now (or delete the "
                "record), then verify it again.</p>"
                '<blockquote class="source-passage">{}</blockquote><a href="{}">The document '
                "as it reads now</a>",
                obj.stale_passage,
                obj.document.get_absolute_url(),
            )
        if not (obj and obj.pk and obj.source_text):
            return "—"
        return format_html(
            '<blockquote class="passage-context">{}</blockquote>'
            '<a href="{}">In the document</a> · <a href="{}">Review this document\'s records</a>',
            highlighted_text(selectors.passage_context(obj)),
            obj.source_url(),
            reverse("coverage_review") + f"?document={obj.document_id}",
        )

    @admin.display(description="Reported in")
    def reported_in(self, obj: object) -> str:
        """Every document reporting the record, the primary first: read here (a table, not
        an inline form: a record's page saves without one), changed by merges and splits."""
        if not (obj and obj.pk):
            return "—"
        opts = obj._meta
        split = reverse(f"admin:{opts.app_label}_{opts.model_name}_split", args=[obj.pk])
        rows = [
            format_html(
                '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}–{}</td><td>{}</td>'
                "<td>{}</td></tr>",
                "primary" if p.primary else "",
                p.document.get_absolute_url() + f"#{obj.anchor}",
                p.document.title,
                p.start if p.start is not None else "?",
                p.end if p.end is not None else "?",
                _excerpt(p.text) or "— (lost in a newer version of the document)",
                ""
                if p.primary or opts.model_name == "membership"
                else format_html(
                    # the change form's own form posts it (a form may not hold another)
                    '<button type="submit" formaction="{}" name="passage" value="{}">'
                    "Split off into its own record</button>",
                    split,
                    p.pk,
                ),
            )
            for p in obj.passages.select_related("document")
        ]
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th></th><th>Document</th><th>Span</th><th>Passage</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            format_html("".join(["{}"] * len(rows)), *rows),
        )

    def get_urls(self) -> list:
        opts = self.model._meta
        split = self.admin_site.admin_view(self.split_view)
        return [
            path("<int:pk>/split/", split, name=f"{opts.app_label}_{opts.model_name}_split"),
            *super().get_urls(),
        ]

    def split_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Split one of the record's passages off into a record of its own (POST only)."""
        opts = self.model._meta
        record = self.get_object(request, str(pk))
        allowed = record is not None and self.has_change_permission(request, record)
        if not allowed or request.method != "POST":
            return HttpResponseRedirect(reverse("admin:index"))
        passage = record.passages.filter(pk=request.POST.get("passage"), primary=False).first()
        if passage is None:
            messages.error(request, "Choose one of the record's other passages to split off.")
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
            )
        fresh = passage_split(passage=passage, user=request.user)
        messages.success(request, f"Split off into “{fresh}”: check its fields.")
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fresh.pk])
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The list's passage column, cut in SQL: no per-row query, no whole articles loaded.
        return (
            super()
            .get_queryset(request)
            .annotate(
                passage_start=Substr(
                    "document__text",
                    F("source_start") + 1,
                    Least(F("source_end") - F("source_start"), Value(EXCERPT_CHARS + 1)),
                )
            )
        )

    @admin.display(description="Passage")
    def passage_excerpt(self, obj: object) -> str:
        text = " ".join((getattr(obj, "passage_start", None) or "").split())
        return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"

    def get_fieldsets(self, request: HttpRequest, obj: object | None = None) -> list:
        provenance = self.provenance_fieldset
        if obj is not None and obj.stale_passage:
            # The span is what the editor has to set again: shown open, not collapsed.
            name, options = provenance
            provenance = (name, {**options, "classes": []})
        return [
            self.passage_fieldset,
            (None, {"fields": self.record_fields}),
            self.review_fieldset,
            provenance,
        ]

    def save_model(self, request: HttpRequest, obj: object, form: forms.Form, change: bool) -> None:
        obj.edited = True
        if obj.source_start is not None:
            obj.stale_passage = ""  # the editor pointed it at its passage again
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: object) -> None:
        records_delete(queryset=type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        records_delete(queryset=queryset)


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


class StatementInline(admin.TabularInline):
    model = Statement
    fk_name = "speaker"
    fields = ["date", "summary", "stance", "review_state"]
    readonly_fields = ["date", "summary"]
    extra = 0
    show_change_link = True
    can_delete = False
    max_num = 0


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "title", "country", "bloc", "review_state", "discovered"]
    list_filter = ["kind", "bloc", "review_state", "discovered"]
    search_fields = ["name", "aliases__alias", "country", "title"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline, StatementInline]
    actions = [make_verified, make_hidden, make_published, merge_actors]

    def save_model(self, request: HttpRequest, obj: Actor, form: forms.Form, change: bool) -> None:
        obj.edited = True
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "keyword_count"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Keywords")
    def keyword_count(self, obj: Topic) -> int:
        return len(obj.keyword_list())


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "meaning"]
    list_filter = ["kind"]
    search_fields = ["text", "meaning"]
    list_editable = ["meaning"]


@admin.register(Summit)
class SummitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "host_city", "host_country", "year", "start_date"]
    search_fields = ["name", "host_city", "host_country"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [merge_summits]


@admin.register(Statement)
class StatementAdmin(CuratedAdmin):
    list_display = [
        "speaker",
        "short_summary",
        "passage_excerpt",
        "stance",
        "date",
        "review_state",
        "edited",
    ]
    list_filter = [
        "review_state",
        "stance",
        "topics",
        "speaker__bloc",
        *CuratedAdmin.list_filter[1:],
    ]
    list_select_related = ["speaker", "summit"]
    search_fields = ["quote", "summary", "speaker__name"]
    autocomplete_fields = ["speaker", "event", "document"]
    filter_horizontal = ["topics"]
    record_fields = [
        "speaker",
        "quote",
        "summary",
        "stance",
        "topics",
        ("date", "date_precision", "date_projected"),
        "event",
        "summit",
    ]

    @admin.display(description="Summary")
    def short_summary(self, obj: Statement) -> str:
        return (obj.quote or obj.summary)[:90]


@admin.register(Response)
class ResponseAdmin(CuratedAdmin):
    list_display = [
        "responder",
        "stance",
        "responds_to",
        "passage_excerpt",
        "date",
        "review_state",
        "edited",
    ]
    list_filter = [
        "review_state",
        "stance",
        "responder__bloc",
        "topics",
        "summit",
        PossibleDuplicateFilter,
    ]
    list_select_related = ["responder", "summit"]
    search_fields = ["quote", "summary", "responds_to", "responder__name"]
    autocomplete_fields = ["responder", "responds_to_statement", "document"]
    filter_horizontal = ["topics"]
    record_fields = [
        "responder",
        "responds_to",
        "responds_to_statement",
        "stance",
        "quote",
        "summary",
        "topics",
        ("date", "date_precision", "date_projected"),
        "summit",
    ]


@admin.register(Meeting)
class MeetingAdmin(CuratedAdmin):
    list_display = ["__str__", "passage_excerpt", "date", "location", "review_state", "edited"]
    list_filter = ["review_state", "participants", "topics", "summit", PossibleDuplicateFilter]
    search_fields = ["summary", "location", "participants__name"]
    autocomplete_fields = ["participants", "document"]
    filter_horizontal = ["topics"]
    record_fields = [
        "participants",
        "summary",
        "topics",
        ("date", "date_precision", "date_projected"),
        "location",
        "summit",
    ]


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = [
        "title",
        "kind",
        "passage_excerpt",
        "date_display",
        "location",
        "review_state",
        "edited",
    ]
    list_filter = [
        "review_state",
        "kind",
        "date_precision",
        "participants",
        "summit",
        PossibleDuplicateFilter,
    ]
    search_fields = ["title", "summary", "location"]
    autocomplete_fields = ["participants", "document"]
    record_fields = [
        "title",
        "kind",
        ("date", "date_precision", "date_projected"),
        "location",
        "participants",
        "summary",
        "summit",
    ]


@admin.register(Membership)
class MembershipAdmin(CuratedAdmin):
    list_display = [
        "member",
        "organisation",
        "passage_excerpt",
        "year_joined",
        "status",
        "review_state",
    ]
    list_filter = ["review_state", "status", "organisation", PossibleDuplicateFilter]
    list_select_related = ["member", "organisation", "summit"]
    search_fields = ["member__name", "organisation__name"]
    autocomplete_fields = ["member", "organisation", "document"]
    record_fields = ["organisation", "member", "year_joined", "status", "summit"]


class IngestOptionsForm(forms.Form):
    summit = forms.ModelChoiceField(
        Summit.objects.all(),
        required=False,
        help_text="Leave empty to recognise the summit from the text.",
    )
    published = forms.DateField(
        required=False, help_text="Publication date (YYYY-MM-DD), if the text does not say."
    )

    def clean_published(self) -> dt.date | None:
        published = self.cleaned_data.get("published")
        problem = published and published_problem(published)
        if problem:
            raise forms.ValidationError(problem[0].upper() + problem[1:] + ".")
        return published


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of files from one input (the pattern in Django's file upload documentation)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        single_file_clean = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, list | tuple):
            return [single_file_clean(d, initial) for d in data]
        return [single_file_clean(data, initial)]


def _is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def _upload_source(upload) -> SourceText:
    limit = max_bytes_allowed()
    if upload.size > limit:  # before reading it into memory
        raise InputError(
            f"{upload.name}: file is {upload.size:,} bytes, over the {limit:,}-byte limit"
        )
    return source_from_bytes(upload.read(), filename=upload.name, max_bytes=limit)


class DocumentUploadForm(IngestOptionsForm):
    file = MultipleFileField(
        label="Files",
        help_text="One or more .txt, .md or .html articles, or a .zip of them.",
    )
    field_order = ["file", "summit", "published"]

    def clean(self) -> dict:
        data = super().clean()
        uploads = data.get("file") or []
        # One article: checked here, so that a bad file is a form error as it always was.
        if len(uploads) == 1 and not _is_zip(uploads[0].name):
            try:
                data["source"] = _upload_source(uploads[0])
            except InputError as error:
                raise forms.ValidationError(str(error)) from None
        return data


class DocumentFetchForm(IngestOptionsForm):
    url = forms.CharField(
        label="Address",
        max_length=1000,
        help_text="The article's http:// or https:// address: the server fetches the page.",
    )
    field_order = ["url", "summit", "published"]


def _batch_items(uploads: list) -> Iterator[tuple[str, SourceText | InputError]]:
    """(name, source or the reason not) for every article uploaded, zips opened."""
    for upload in uploads:
        if not _is_zip(upload.name):
            try:
                yield upload.name, _upload_source(upload)
            except InputError as error:
                yield upload.name, error
            continue
        limit = max_bytes_allowed()
        try:
            yield from (
                (f"{upload.name} › {name}", item)
                for name, item in sources_from_zip(upload, filename=upload.name, max_bytes=limit)
            )
        except InputError as error:
            yield upload.name, error


RESULTS_MARKER = "<!-- results -->"
SUMMARY_MARKER = "<!-- summary -->"


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    """History lists every version of the text and title a re-ingest replaced."""

    list_display = ["title", "summit", "published", "ingested_at", "record_count"]
    list_filter = ["summit", "published"]
    # An address typed without a scheme is https (Django 6's default; 5.2 warns without it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["title", "text", "source_url", "filename"]
    readonly_fields = ["text", "sha256", "ingested_at", "filename"]
    fields = [
        "title",
        "summit",
        "source_url",
        "published",
        "filename",
        "sha256",
        "ingested_at",
        "text",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        # Each row's count read with the rows, not in a query of its own per row.
        statements = (
            Statement.objects.filter(document=OuterRef("pk"))
            .order_by()
            .values("document")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(n_statements=Coalesce(Subquery(statements), Value(0)))
        )

    @admin.display(description="Statements")
    def record_count(self, obj: Document) -> int:
        return obj.n_statements

    def delete_model(self, request: HttpRequest, obj: Document) -> None:
        document_delete(document=obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for document in queryset:
            document_delete(document=document, user=request.user)

    def get_urls(self) -> list:
        upload = self.admin_site.admin_view(self.upload_view)
        fetch = self.admin_site.admin_view(self.fetch_view)
        return [
            path("upload/", upload, name="coverage_document_upload"),
            path("fetch/", fetch, name="coverage_document_fetch"),
            *super().get_urls(),
        ]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        # Adding a document means uploading and ingesting it: text is never typed in by hand.
        return HttpResponseRedirect(reverse("admin:coverage_document_upload"))

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Upload and ingest a file. If it would replace an existing document (a new version
        of it), say which and ask first: the file waits in the session until confirmed."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        if request.method == "POST" and "confirm" in request.POST:
            pending = request.session.pop(PENDING_UPLOAD, None)
            if pending is None or pending["token"] != request.POST.get("token"):
                messages.error(request, "That upload is no longer waiting: upload the file again.")
                return HttpResponseRedirect(reverse("admin:coverage_document_upload"))
            return self._confirmed(request, pending)
        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            options = self._ingest_options(form)
            try:
                lexicon = lexicon_load()
                if "source" in form.cleaned_data:
                    source = form.cleaned_data["source"]
                    earlier = document_earlier_version(source)
                    if earlier is not None and earlier.replaced:
                        return self._confirm_page(request, form, earlier)
                    result = document_ingest(source=source, lexicon=lexicon, **options)
                    return self._ingested(request, result)
            except InputError as error:
                form.add_error(None, str(error))
            else:
                return self._batch_response(request, form.cleaned_data["file"], options, lexicon)
        return self._form_page(request, form, "Upload documents")

    def _confirm_page(
        self, request: HttpRequest, form: DocumentUploadForm, earlier
    ) -> HttpResponse:
        """The upload would replace a document: say which, keep the file in the session."""
        source = form.cleaned_data["source"]
        token = secrets.token_urlsafe(16)
        request.session[PENDING_UPLOAD] = _pack(
            token, source, form.cleaned_data.get("summit"), form.cleaned_data.get("published")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Replace a document?",
            "earlier": earlier,
            "source": source,
            "token": token,
        }
        return TemplateResponse(request, "admin/coverage/document/upload_confirm.html", context)

    def _confirmed(self, request: HttpRequest, pending: dict) -> HttpResponse:
        source, summit, published = _unpack(pending).values()
        try:
            result = document_ingest(
                source=source, summit_slug=summit.slug if summit else None, published=published
            )
        except InputError as error:
            form = DocumentUploadForm()
            form.add_error(None, str(error))
            return self._form_page(request, form, "Upload documents")
        return self._ingested(request, result)

    def fetch_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = DocumentFetchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                lexicon_load()  # an empty lexicon stops here, before the fetch
                source = source_from_url(form.cleaned_data["url"])
                result = document_ingest(source=source, **self._ingest_options(form))
            except InputError as error:
                form.add_error("url" if not isinstance(error, LexiconEmpty) else None, str(error))
            else:
                return self._ingested(request, result)
        return self._form_page(request, form, "Add a document from its address")

    def _ingest_options(self, form: forms.Form) -> dict:
        summit = form.cleaned_data.get("summit")
        return {
            "summit_slug": summit.slug if summit else None,
            "published": form.cleaned_data.get("published"),
        }

    def _form_page(self, request: HttpRequest, form: forms.Form, title: str) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": title,
            "fetching": isinstance(form, DocumentFetchForm),
        }
        return TemplateResponse(request, "admin/coverage/document/upload.html", context)

    def _ingested(self, request: HttpRequest, result: IngestResult) -> HttpResponse:
        if result.earlier is not None and result.earlier.replaced:
            done = result.action().capitalize()  # names the document as it was
        else:
            done = f"{'Added' if result.created else 'Re-ingested'} “{result.document.title}”"
        messages.success(request, f"{done}: {result.summary()}")
        for warning in result.warnings:
            messages.warning(request, warning)
        return HttpResponseRedirect(
            reverse("admin:coverage_document_change", args=[result.document.pk])
        )

    def _batch_response(
        self, request: HttpRequest, uploads: list, options: dict, lexicon: Lexicon
    ) -> StreamingHttpResponse:
        """One result line per file, sent as each is done: a batch of forty articles takes
        a while, and the editor sees it advance. One transaction per file."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload results",
            "results": RESULTS_MARKER,
        }
        page = render_to_string("admin/coverage/document/upload_results.html", context, request)
        head, tail = page.split(RESULTS_MARKER)

        def lines():
            yield head
            counts = {"added": 0, "re-ingested": 0, "replaced": 0, "refused": 0}
            for name, item in _batch_items(uploads):
                try:
                    if isinstance(item, InputError):
                        raise item
                    result = document_ingest(source=item, lexicon=lexicon, **options)
                except InputError as error:
                    counts["refused"] += 1
                    yield format_html(
                        '<li class="ingest-result ingest-result--refused">'
                        "<strong>{}</strong>: refused: {}</li>\n",
                        name,
                        str(error),
                    )
                    continue
                verb = result.action().split()[0]  # added, re-ingested or replaced
                counts[verb] += 1
                yield format_html(
                    '<li class="ingest-result ingest-result--{}"><strong>{}</strong>: {} '
                    '<a href="{}">{}</a>: {}</li>\n',
                    verb.replace("-", ""),
                    name,
                    result.action(),
                    reverse("admin:coverage_document_change", args=[result.document.pk]),
                    result.document.title,
                    result.summary(),
                )
            database_analyze()
            summary = ", ".join(f"{n} {verb}" for verb, n in counts.items())
            yield tail.replace(SUMMARY_MARKER, summary)

        return StreamingHttpResponse(lines(), content_type="text/html; charset=utf-8")


# An upload that would replace a document waits here (the database-backed session: any
# worker can finish it) until the editor confirms.
PENDING_UPLOAD = "coverage_pending_upload"


def _pack(token: str, source: SourceText, summit: Summit | None, published: dt.date | None) -> dict:
    return {
        "token": token,
        "source": {
            **dataclasses.asdict(source),
            "published": source.published.isoformat() if source.published else None,
        },
        "summit": summit.pk if summit else None,
        "published": published.isoformat() if published else None,
    }


def _unpack(pending: dict) -> dict:
    fields = pending["source"]
    day = fields["published"]
    source = SourceText(**{**fields, "published": dt.date.fromisoformat(day) if day else None})
    summit = Summit.objects.filter(pk=pending["summit"]).first() if pending["summit"] else None
    published = dt.date.fromisoformat(pending["published"]) if pending["published"] else None
    return {"source": source, "summit": summit, "published": published}


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]
