"""The review queue: editors verify, hide, skip or correct records one at a time, each beside
its passage. An admin page (``/admin/coverage/review/``): plain form posts that work without
script; static/js/review.js adds single keys. Every write goes through coverage.services.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import fields_for_model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from coverage import records, selectors, services
from coverage.models import Actor, ActorAlias, Document, ReviewState, Summit

# Keys in a URL: "statement:12". The trail of records acted on is kept for "back", this long.
TRAIL = 30


def _correctable(kind: str) -> tuple[list[str], list[str], list[str]]:
    """What the correction form offers for a kind (its registry entry's ``correctable``, in
    the form's order): plain fields, one-actor fields, many-actor fields."""
    model = records.BY_KEY[kind].model
    plain, single, many = [], [], []
    for name in records.BY_KEY[kind].correctable:
        f = model._meta.get_field(name)
        if f.related_model is not Actor:
            plain.append(name)
        else:
            (many if f.many_to_many else single).append(name)
    return plain, single, many


ACTOR_LIST_ID = "review-actor-names"


def _actor_named(name: str) -> Actor | None:
    actor = Actor.objects.filter(name__iexact=name).first()
    if actor is None:
        alias = ActorAlias.objects.select_related("actor").filter(alias__iexact=name).first()
        actor = alias.actor if alias else None
    return actor


class ActorNameInput(forms.TextInput):
    """A text box suggesting actors' names and aliases (a <datalist>, no script needed)."""

    def __init__(self) -> None:
        super().__init__(attrs={"list": ACTOR_LIST_ID, "autocomplete": "off"})


class ActorNamesInput(forms.Widget):
    """One suggesting text box per actor, plus two empty ones, all under one name."""

    template_name = "admin/coverage/review/actor_names.html"
    extra = 2

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        names = list(value or []) + [""] * self.extra
        context["widget"]["boxes"] = [
            {"id": f"{context['widget']['attrs'].get('id', name)}_{i}", "value": v}
            for i, v in enumerate(names)
        ]
        context["widget"]["list_id"] = ACTOR_LIST_ID
        return context

    def value_from_datadict(self, data, files, name: str) -> list[str]:
        return [v for v in data.getlist(name) if v.strip()]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else id_


class CorrectionForm(forms.Form):
    """A record's correctable fields; actors named in text boxes are looked up by name or alias."""

    new_actors = forms.BooleanField(
        required=False,
        label="Add names not in the list as new actors",
        help_text="Otherwise a name that is neither an actor nor an alias is an error.",
    )

    def __init__(self, record, *args, **kwargs) -> None:
        self.record = record
        kind = record._meta.model_name
        plain, single, many = _correctable(kind)
        self.single, self.many = single, many
        super().__init__(*args, initial=self._initial(record, plain, single, many), **kwargs)
        model_fields = fields_for_model(
            type(record),
            fields=plain,
            widgets={
                "topics": forms.CheckboxSelectMultiple,
                "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "summary": forms.Textarea(attrs={"rows": 3}),
                "quote": forms.Textarea(attrs={"rows": 2}),
            },
        )
        fields: dict[str, forms.Field] = {}
        for name in single:
            label = type(record)._meta.get_field(name).verbose_name
            fields[name] = forms.CharField(label=label.capitalize(), widget=ActorNameInput())
        for name in many:
            fields[name] = forms.Field(
                label=name.capitalize(), widget=ActorNamesInput(), required=kind == "meeting"
            )
        fields.update((name, model_fields[name]) for name in plain)
        fields["new_actors"] = self.fields.pop("new_actors")
        self.fields = fields

    @staticmethod
    def _initial(record, plain: list[str], single: list[str], many: list[str]) -> dict:
        initial: dict[str, object] = {}
        for name in plain:
            value = getattr(record, name)
            initial[name] = list(value.all()) if name == "topics" else value
        for name in single:
            initial[name] = getattr(record, name).name
        for name in many:
            initial[name] = [a.name for a in getattr(record, name).all()]
        return initial

    def _actor(self, name: str) -> Actor | str:
        """The actor, or the name itself when the editor asked for new actors."""
        name = " ".join(name.split())
        actor = _actor_named(name)
        if actor is not None:
            return actor
        if self.cleaned_data.get("new_actors"):
            return name
        raise ValidationError(f"No actor or alias is called “{name}”.")

    def clean(self) -> dict:
        data = super().clean()
        for name in self.single:
            if data.get(name):
                try:
                    data[name] = self._actor(data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        for name in self.many:
            try:
                data[name] = [self._actor(n) for n in data.get(name) or []]
            except ValidationError as error:
                self.add_error(name, error)
            else:
                if self.record._meta.model_name == "meeting" and len(data[name]) < 2:
                    self.add_error(name, "A meeting has at least two participants.")
        return data

    def changes(self) -> tuple[dict[str, object], dict[str, list]]:
        """``fields`` and ``m2m`` for services.record_correct."""
        m2m_names = {f.name for f in type(self.record)._meta.many_to_many}
        fields, m2m = {}, {}
        for name, value in self.cleaned_data.items():
            if name == "new_actors":
                continue
            (m2m if name in m2m_names else fields)[name] = value
        return fields, m2m


# --- where the editor is -----------------------------------------------------------------


def _parse_key(value: str) -> tuple[str, int] | None:
    kind, _, pk = (value or "").partition(":")
    if kind in selectors.REVIEW_KINDS and pk.isdigit():
        return kind, int(pk)
    return None


def _key(record) -> str:
    return f"{record._meta.model_name}:{record.pk}"


def _allowed_kinds(request: HttpRequest) -> tuple[str, ...]:
    return tuple(
        kind for kind in selectors.REVIEW_KINDS if request.user.has_perm(f"coverage.change_{kind}")
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filter(request: HttpRequest, params) -> selectors.ReviewFilter:
    allowed = _allowed_kinds(request)
    if not allowed:
        raise PermissionDenied
    kind = params.get("kind", "")
    actor = _actor_named(params.get("actor", "").strip()) if params.get("actor") else None
    return selectors.ReviewFilter(
        kinds=(kind,) if kind in allowed else allowed,
        summit=_int(params.get("summit")),
        document=_int(params.get("document")),
        actor=actor.pk if actor else None,
    )


FILTER_PARAMS = ("summit", "document", "kind", "actor")


def _queue_url(params, **extra: str) -> str:
    query = {k: params.get(k) for k in FILTER_PARAMS if params.get(k)}
    query.update({k: v for k, v in extra.items() if v})
    url = reverse("coverage_review")
    return f"{url}?{urlencode(query)}" if query else url


def _trail(params) -> list[str]:
    keys = [k for k in (params.get("trail") or "").split(",") if _parse_key(k)]
    return keys[-TRAIL:]


# --- the views ---------------------------------------------------------------------------


@require_GET
def review(request: HttpRequest) -> HttpResponse:
    """The next record waiting (after ``after``), or the one named by ``record``."""
    where = _filter(request, request.GET)
    if request.GET.get("actor", "").strip() and where.actor is None:
        messages.warning(request, f"No actor or alias is called “{request.GET['actor']}”.")
    shown = _parse_key(request.GET.get("record", ""))
    if shown and shown[0] in where.kinds:
        record = selectors.review_record(*shown)
        if record is None:
            raise Http404("No such record.")
    else:
        after = _parse_key(request.GET.get("after", ""))
        previous = selectors.review_record(*after) if after else None
        record = selectors.review_next(
            where, after=selectors.review_key(previous) if previous else None
        )
        if record is not None:
            record = selectors.review_record(record._meta.model_name, record.pk)
    return _render(request, where, record, form=None)


def _render(
    request: HttpRequest, where: selectors.ReviewFilter, record, *, form: CorrectionForm | None
) -> HttpResponse:
    params = request.GET if request.method == "GET" else request.POST
    trail = _trail(params)
    back_url = ""
    if trail:
        back_url = _queue_url(params, record=trail[-1], trail=",".join(trail[:-1]))
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "record": record,
        "where": where,
        "params": {k: params.get(k, "") for k in FILTER_PARAMS},
        "trail": ",".join(trail),
        "back_url": back_url,
        "kinds": [
            (kind, model._meta.verbose_name_plural.capitalize())
            for kind, model in selectors.REVIEW_KINDS.items()
            if request.user.has_perm(f"coverage.change_{kind}")
        ],
        "summits": Summit.objects.order_by("-year", "name").values_list("pk", "name"),
        "filter_document": Document.objects.filter(pk=where.document).only("title").first()
        if where.document
        else None,
        "actor_list_id": ACTOR_LIST_ID,
        "actor_names": selectors.review_actor_names(),
    }
    if record is not None:
        kind = record._meta.model_name
        context.update(
            kind=kind,
            kind_label=record._meta.verbose_name,
            key=_key(record),
            segments=selectors.passage_context(record),
            counts=selectors.review_counts(where, record.document_id),
            waiting=record.review_state in (ReviewState.UNVERIFIED, ReviewState.NEEDS_REVIEW),
            form=form or CorrectionForm(record),
            form_open=form is not None,
            change_url=reverse(f"admin:coverage_{kind}_change", args=[record.pk]),
            act_url=reverse("coverage_review_act", args=[kind, record.pk]),
        )
    status = 400 if form is not None and form.errors else 200
    return render(request, "admin/coverage/review/review.html", context, status=status)


ACTIONS = {"verify": ReviewState.VERIFIED, "hide": ReviewState.HIDDEN}
DONE = {"verify": "Verified", "hide": "Hid"}


@require_POST
def review_act(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Verify, hide, skip or correct one record, then show the next."""
    if kind not in selectors.REVIEW_KINDS:
        raise Http404("No such kind of record.")
    if not request.user.has_perm(f"coverage.change_{kind}"):
        raise PermissionDenied
    where = _filter(request, request.POST)
    record = selectors.review_record(kind, pk)
    if record is None:
        raise Http404("No such record.")
    action = request.POST.get("action", "")
    if record.passage_changed and action in ("verify", "correct"):
        # Verified with no passage would vouch for words the document no longer has.
        messages.error(
            request,
            f"{record._meta.verbose_name.capitalize()} {pk} lost its passage: set its span in "
            "the change form, or hide it.",
        )
        return _render(request, where, record, form=None)
    if action in ACTIONS:
        services.record_review(record=record, state=ACTIONS[action])
        messages.success(request, f"{DONE[action]} {record._meta.verbose_name} {pk}.")
    elif action == "correct":
        form = CorrectionForm(record, request.POST)
        if not form.is_valid():
            return _render(request, where, record, form=form)
        fields, m2m = form.changes()
        try:
            services.record_correct(record=record, fields=fields, m2m=m2m)
        except ValidationError as error:
            form.add_error(None, error)
            return _render(request, where, selectors.review_record(kind, pk), form=form)
        messages.success(request, f"Corrected and verified {record._meta.verbose_name} {pk}.")
    elif action != "skip":
        return HttpResponse("Unknown action.", status=400)
    trail = [*_trail(request.POST), _key(record)]
    return HttpResponseRedirect(
        _queue_url(request.POST, after=_key(record), trail=",".join(trail[-TRAIL:]))
    )


def urls() -> list:
    """The queue's URLs, behind the admin site's login and staff checks."""
    view = admin.site.admin_view
    return [
        path("", view(review), name="coverage_review"),
        path("<str:kind>/<int:pk>/", view(review_act), name="coverage_review_act"),
    ]
