"""Filter forms for the record lists. Every field has its own label (no two-input widgets)."""

from __future__ import annotations

import django_filters
from django import forms

from coverage import selectors
from coverage.models import Bloc, Event, ReviewState, Stance, Summit, Topic
from coverage.models import Response as ResponseModel

PUBLIC_STATES = [
    (ReviewState.VERIFIED.value, ReviewState.VERIFIED.label),
    (ReviewState.UNVERIFIED.value, ReviewState.UNVERIFIED.label),
]


class DateInput(forms.DateInput):
    input_type = "date"


def _actors(request=None):
    return selectors.public_actors().order_by("name")


def _topics(request=None):
    return Topic.objects.order_by("name")


def _summits(request=None):
    return Summit.objects.order_by("-start_date", "-year", "name")


class RecordFilter(django_filters.FilterSet):
    """Fields every record list shares: text, summit, review state, date range."""

    q = django_filters.CharFilter(label="Words", method="filter_text")
    summit = django_filters.ModelChoiceFilter(
        queryset=_summits, empty_label="Any summit", method="filter_summit"
    )
    review_state = django_filters.ChoiceFilter(
        label="Review state", choices=PUBLIC_STATES, empty_label="Any"
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From date", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To date", widget=DateInput
    )

    matcher = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Show (and apply) exactly Meta.fields, in that order.
        self.filters = {name: self.filters[name] for name in self._meta.fields}

    def filter_summit(self, queryset, name, value):
        return queryset.filter(selectors.in_summit(value)) if value else queryset

    def filter_text(self, queryset, name, value):
        if not value or self.matcher is None:
            return queryset
        return type(self).matcher(queryset, value)


class StatementFilter(RecordFilter):
    speaker = django_filters.ModelChoiceFilter(queryset=_actors, empty_label="Any speaker")
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=_topics, label="Topic", empty_label="Any topic"
    )
    stance = django_filters.ChoiceFilter(choices=Stance.choices, empty_label="Any stance")

    matcher = staticmethod(selectors.statement_matches)

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
        ]


class ResponseFilter(RecordFilter):
    responder = django_filters.ModelChoiceFilter(queryset=_actors, empty_label="Any responder")
    bloc = django_filters.ChoiceFilter(
        field_name="responder__bloc",
        label="Responder bloc",
        choices=[c for c in Bloc.choices if c[0]],
        empty_label="Any bloc",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=_topics, label="Topic", empty_label="Any topic"
    )
    stance = django_filters.ChoiceFilter(
        choices=ResponseModel.Stance.choices, empty_label="Any stance"
    )

    matcher = staticmethod(selectors.response_matches)

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
        ]


class MeetingFilter(RecordFilter):
    actor = django_filters.ModelChoiceFilter(
        field_name="participants",
        queryset=_actors,
        label="Participant",
        empty_label="Any participant",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=_topics, label="Topic", empty_label="Any topic"
    )

    matcher = staticmethod(selectors.meeting_matches)

    class Meta:
        fields = ["q", "summit", "actor", "topic", "review_state", "date_from", "date_to"]


class EventFilter(RecordFilter):
    actor = django_filters.ModelChoiceFilter(
        field_name="participants",
        queryset=_actors,
        label="Participant",
        empty_label="Any participant",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="statements__topics",
        queryset=_topics,
        label="Topic",
        empty_label="Any topic",
    )
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, empty_label="Any kind")

    matcher = staticmethod(selectors.event_matches)

    class Meta:
        fields = ["q", "summit", "actor", "topic", "kind", "review_state", "date_from", "date_to"]


class TimelineFilter(EventFilter):
    class Meta:
        fields = ["q", "actor", "topic", "kind", "date_from", "date_to"]
