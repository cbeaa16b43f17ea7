"""Filter forms for the record lists. Every field has its own label (no two-input widgets)."""

from __future__ import annotations

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from coverage import passages, search, selectors
from coverage.models import Bloc, Event, ReviewState, Stance
from coverage.models import Response as ResponseModel

PUBLIC_STATES = [
    (ReviewState.VERIFIED.value, ReviewState.VERIFIED.label),
    (ReviewState.UNVERIFIED.value, ReviewState.UNVERIFIED.label),
    (ReviewState.NEEDS_REVIEW.value, ReviewState.NEEDS_REVIEW.label),
]


class DateInput(forms.DateInput):
    input_type = "date"


class Select(forms.Select):
    """A select whose options are joined in Python, not rendered one template each.

    Django's own select renders every option through two template includes; the actor and
    summit filters list every public actor and summit, several hundred at newsroom size, and
    that made the filter form most of a list page's cost. Same markup; flat choices only.
    Options are escaped with the standard library's ``html.escape`` (what Django's ``escape``
    calls, without its lazy-string wrapper, which costs more than the escaping).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))  # noqa: S308


def _choice(**kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(widget=Select, **kwargs)


# Choices come from the page cache (one list per edit generation, no query per page view):
# actors, topics and summits are matched by primary key, the way the links to filtered
# lists (positions, actor pages) write them.
def _actors() -> list[tuple[int, str]]:
    return selectors.cached_actor_choices()


def _topics() -> list[tuple[int, str]]:
    return selectors.cached_topic_choices()


def _summits() -> list[tuple[int, str]]:
    return selectors.cached_summit_choices()


class RecordFilter(django_filters.FilterSet):
    """Fields every record list shares: text, summit, review state, date range."""

    q = django_filters.CharFilter(label="Words", method="filter_text")
    summit = _choice(choices=_summits, empty_label="Any summit", method="filter_summit")
    review_state = _choice(label="Review state", choices=PUBLIC_STATES, empty_label="Any")
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From date", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To date", widget=DateInput
    )
    min_sources = django_filters.NumberFilter(
        label="Minimum sources",
        method="filter_min_sources",
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"min": 1, "max": 1000, "step": 1}),
    )

    # Records of the table's kind whose text (its registry entry's search fields) matches.
    matcher = staticmethod(search.record_matches)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Show (and apply) exactly Meta.fields, in that order.
        self.filters = {name: self.filters[name] for name in self._meta.fields}

    def filter_summit(self, queryset, name, value):
        return queryset.filter(selectors.in_summit(value)) if value else queryset

    def filter_min_sources(self, queryset, name, value):
        return passages.at_least_sources(queryset, int(value)) if value else queryset

    def filter_topic(self, queryset, name, value):
        return selectors.on_topic(queryset, value) if value else queryset

    def filter_text(self, queryset, name, value):
        if not value:
            return queryset
        return type(self).matcher(queryset, value)


class StatementFilter(RecordFilter):
    speaker = _choice(choices=_actors, empty_label="Any speaker")
    topic = _choice(choices=_topics, label="Topic", empty_label="Any topic", method="filter_topic")
    stance = _choice(choices=Stance.choices, empty_label="Any stance")

    class Meta:
        fields = [
            "q",
            "summit",
            "speaker",
            "topic",
            "stance",
            "review_state",
            "date_from",
            "date_to",
            "min_sources",
        ]


class ResponseFilter(RecordFilter):
    responder = _choice(choices=_actors, empty_label="Any responder")
    bloc = _choice(
        field_name="responder__bloc",
        label="Responder bloc",
        choices=[c for c in Bloc.choices if c[0]],
        empty_label="Any bloc",
    )
    topic = _choice(choices=_topics, label="Topic", empty_label="Any topic", method="filter_topic")
    stance = _choice(choices=ResponseModel.Stance.choices, empty_label="Any stance")

    class Meta:
        fields = [
            "q",
            "summit",
            "responder",
            "bloc",
            "topic",
            "stance",
            "review_state",
            "date_from",
            "date_to",
            "min_sources",
        ]


class MeetingFilter(RecordFilter):
    actor = _choice(
        field_name="participants", choices=_actors, label="Participant",
        empty_label="Any participant",
    )  # fmt: skip
    topic = _choice(choices=_topics, label="Topic", empty_label="Any topic", method="filter_topic")

    class Meta:
        fields = [
            "q",
            "summit",
            "actor",
            "topic",
            "review_state",
            "date_from",
            "date_to",
            "min_sources",
        ]


class EventFilter(RecordFilter):
    actor = _choice(
        field_name="participants", choices=_actors, label="Participant",
        empty_label="Any participant",
    )  # fmt: skip
    topic = _choice(
        field_name="statements__topics",
        choices=_topics,
        label="Topic",
        empty_label="Any topic",
        distinct=True,  # an event with two statements on the topic is still one event
    )
    kind = _choice(choices=Event.Kind.choices, empty_label="Any kind")

    class Meta:
        fields = [
            "q",
            "summit",
            "actor",
            "topic",
            "kind",
            "review_state",
            "date_from",
            "date_to",
            "min_sources",
        ]


class TimelineFilter(EventFilter):
    class Meta:
        fields = ["q", "actor", "topic", "kind", "date_from", "date_to", "min_sources"]
