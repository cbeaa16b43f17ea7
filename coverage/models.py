"""The summit record: documents, actors, and the curated records extracted from documents.

Every extracted record keeps its provenance (document + character offsets) and a review state.
Records an editor touched are flagged ``edited`` and never overwritten by a re-ingest.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords


def url_to(viewname: str, arg: str | int) -> str:
    """``reverse(viewname, args=[arg])``, remembered: a list of records links every row's
    actors, topics and passage, and reversing costs ~17 µs a link (a third of rendering a
    statement). Keyed by what reverse() reads, so a changed URLconf or prefix is honoured."""
    return _reversed(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, viewname, arg)


@functools.lru_cache(maxsize=16384)
def _reversed(prefix: str, urlconf: str, viewname: str, arg: str | int) -> str:
    return reverse(viewname, urlconf=urlconf, args=[arg])


class ReviewState(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    HIDDEN = "hidden", "Hidden"
    # Set by a re-ingest, never chosen for an actor: the record's passage changed beyond
    # recognition, so whatever an editor verified no longer stands on the document's words.
    NEEDS_REVIEW = "needs_review", "Needs review (passage changed)"


ACTOR_STATES = [(v, label) for v, label in ReviewState.choices if v != ReviewState.NEEDS_REVIEW]


class DatePrecision(models.TextChoices):
    # The same words as coverage.extract.types uses (kept apart: models need not load the
    # extraction package).
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Bloc(models.TextChoices):
    WESTERN = "western", "Western"
    MEMBER = "member", "Summit member"
    PARTNER = "partner", "Partner / observer"
    OTHER = "other", "Other"
    UNKNOWN = "", "Unknown"


# Records the review queue offers an editor (one place: possible duplicates will join them).
WAITING_FOR_REVIEW = Q(review_state__in=[ReviewState.UNVERIFIED, ReviewState.NEEDS_REVIEW])

# Newest first, undated last (SQLite sorts NULL first, PostgreSQL last in descending order:
# both are told), ties newest-added first. A descending walk of the (date, id) indexes.
NEWEST_FIRST = (F("date").desc(nulls_last=True), F("pk").desc())


class CuratedQuerySet(models.QuerySet):
    def public(self) -> CuratedQuerySet:
        """What readers may see: everything but hidden records."""
        return self.exclude(review_state=ReviewState.HIDDEN)

    def needing_review(self) -> CuratedQuerySet:
        """What the review queue offers an editor: records nobody has checked yet, and
        checked ones whose passage changed in a newer version of their document."""
        return self.filter(WAITING_FOR_REVIEW)


class Summit(models.Model):
    name = models.CharField(max_length=200, help_text="e.g. “G20 summit 2023, New Delhi”.")
    slug = models.SlugField(max_length=120, unique=True)
    organisation = models.ForeignKey(
        "Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summits",
        help_text="The organisation holding the summit (an actor of kind organisation).",
    )
    host_city = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where the summit is held; one summit per organisation, year and city.",
    )
    host_country = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="summit_dates_in_order",
            ),
            # One summit per organisation, year and host city (a summit without a city yet
            # may share its year: the resolver joins or an editor merges them).
            models.UniqueConstraint(
                "organisation",
                "year",
                Lower("host_city"),
                condition=~Q(host_city=""),
                name="summit_org_year_city_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coverage:dashboard") + f"?summit={self.slug}"


class Document(models.Model):
    summit = models.ForeignKey(
        Summit, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(max_length=500)
    text = models.TextField(help_text="The article text exactly as ingested. Never edited.")
    source_url = models.URLField(max_length=1000, blank=True)
    filename = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the text.")
    ingested_at = models.DateTimeField(auto_now_add=True)
    # Every version's text and title, as editors saw them (a newer version replaces the text).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published", "-ingested_at"]
        indexes = [
            models.Index(fields=["-published", "-ingested_at"], name="document_published_idx"),
            # A re-ingest finds the earlier version of a document by its URL or file name.
            models.Index(fields=["source_url"], name="document_source_url_idx"),
            models.Index(fields=["filename"], name="document_filename_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_to("coverage:document_detail", self.pk)


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        STATE = "state", "State"
        ORGANISATION = "organisation", "Organisation"
        BODY = "body", "Government body / officials"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=200, blank=True, help_text="Role, e.g. “President”.")
    country = models.CharField(
        max_length=100, blank=True, help_text="The state this actor speaks for."
    )
    bloc = models.CharField(
        max_length=20,
        choices=Bloc.choices,
        blank=True,
        db_index=True,
        help_text="Western actors' reactions are shown as Western responses.",
    )
    description = models.TextField(blank=True)
    review_state = models.CharField(
        max_length=20, choices=ACTOR_STATES, default=ReviewState.VERIFIED, db_index=True
    )
    discovered = models.BooleanField(
        default=False, help_text="Proposed by the extractor from a document, not from the lexicon."
    )
    edited = models.BooleanField(default=False, help_text="Changed by an editor.")
    history = HistoricalRecords()

    objects = CuratedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_to("coverage:actor_detail", self.slug)


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(
        max_length=200, help_text="Another name the extractor recognises, e.g. “President Putin”."
    )

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(Lower("alias"), name="actor_alias_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.alias


class Topic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    keywords = models.TextField(
        blank=True,
        help_text="One keyword or phrase per line: a passage naming any of them gets this topic.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_to("coverage:topic_positions", self.slug)

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.splitlines() if k.strip()]


class Term(models.Model):
    """A word the extractor knows: a speech verb and its stance, a title, a demonym..."""

    class Kind(models.TextChoices):
        SPEECH_VERB = "speech_verb", "Speech verb → stance"
        RESPONSE_VERB = "response_verb", "Response verb → stance"
        MEETING_PHRASE = "meeting_phrase", "Meeting phrase"
        TITLE = "title", "Title / role"
        DEMONYM = "demonym", "Demonym → country"
        EVENT_KEYWORD = "event_keyword", "Event keyword → kind"
        MEMBERSHIP_STATUS = "membership_status", "Membership status word"

    kind = models.CharField(max_length=40, db_index=True)
    text = models.CharField(max_length=120, help_text="The word or phrase as it appears in text.")
    meaning = models.CharField(
        max_length=120, blank=True, help_text="Stance, country or event kind it stands for."
    )

    class Meta:
        ordering = ["kind", "text"]
        constraints = [
            models.UniqueConstraint("kind", Lower("text"), name="term_unique_per_kind_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


# Record fields the history leaves out: derived from other rows, never reverted.
NOT_HISTORY = ["source_count"]


class SourceCount(models.PositiveIntegerField):
    """A record's number of documents reporting it, which the database keeps (triggers on the
    passages, coverage.tallies): a new record counts its own document (its primary passage is
    written next), and a save of an existing record keeps the database's value; an instance
    read before the count changed, a copy of another record or a revert from the history
    never writes theirs."""

    def pre_save(self, model_instance: models.Model, add: bool) -> object:
        if add:
            value = 0 if model_instance.document_id is None else 1
            setattr(model_instance, self.attname, value)
            return value
        return F(self.attname)


class Curated(models.Model):
    """Fields shared by every extracted or editor-added record."""

    summit = models.ForeignKey(Summit, null=True, blank=True, on_delete=models.SET_NULL)
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="The document this record was extracted from.",
    )
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Identifies the extracted record so a re-ingest recognises it.",
    )
    review_state = models.CharField(
        max_length=20, choices=ReviewState.choices, default=ReviewState.UNVERIFIED, db_index=True
    )
    edited = models.BooleanField(
        default=False, help_text="Changed by an editor: a re-ingest never overwrites it."
    )
    stale_passage = models.TextField(
        blank=True,
        help_text="The source passage as it read before a newer version of the document changed "
        "it beyond recognition (the record then needs review and has no span).",
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A record of another document the ingest found close to this one but not "
        "sure enough to merge: an editor merges them or clears this.",
    )
    # Kept by database triggers on the passages (coverage.tallies); not in the history.
    source_count = SourceCount(
        default=0,
        editable=False,
        help_text="How many documents report the record (its own and its other passages'; 0: "
        "an editor added it without a source).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def passage_changed(self) -> bool:
        """A re-ingest could not find this record's passage again: no span to show."""
        return self.review_state == ReviewState.NEEDS_REVIEW and self.source_start is None

    @property
    def source_text(self) -> str:
        if self.document_id is None or self.source_start is None or self.source_end is None:
            return ""
        return self.document.text[self.source_start : self.source_end]

    @property
    def anchor(self) -> str:
        return f"{self._meta.model_name}-{self.pk}"

    def source_url(self) -> str:
        if self.document_id is None:
            return ""
        return url_to("coverage:document_detail", self.document_id) + f"#{self.anchor}"

    @classmethod
    def provenance_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(source_start__isnull=True, source_end__isnull=True)
                | Q(source_end__gt=F("source_start")),
                name=f"{prefix}_source_span_valid",
            ),
            models.UniqueConstraint(
                "document",
                "fingerprint",
                condition=~Q(fingerprint=""),
                name=f"{prefix}_unique_fingerprint",
            ),
        ]


class DatedMixin(models.Model):
    date = models.DateField(
        null=True, blank=True, db_index=True, help_text="First day of the period."
    )
    date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_projected = models.BooleanField(
        default=False, help_text="A forecast (“by the end of 2025”), not something that happened."
    )

    class Meta:
        abstract = True

    @property
    def date_iso(self) -> str | None:
        if self.date is None:
            return None
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()

    @property
    def date_display(self) -> str:
        """An honest date: “2001”, “September 2025”, “1 September 2025”, “by end of 2025”."""
        if self.date is None:
            return "undated"
        if self.date_precision == DatePrecision.YEAR:
            text = f"{self.date.year}"
        elif self.date_precision == DatePrecision.MONTH:
            text = self.date.strftime("%B %Y")
        else:
            text = f"{self.date.day} {self.date.strftime('%B %Y')}"
        return f"by end of {text} (projected)" if self.date_projected else text


class Event(Curated, DatedMixin):
    class Kind(models.TextChoices):
        # The kinds the extractor's event keywords map to (Term kind "event_keyword").
        SUMMIT = "summit", "Summit session"
        VISIT = "visit", "Visit"
        MEETING = "meeting", "Bilateral meeting"
        SPEECH = "speech", "Speech"
        PARADE = "parade", "Parade"
        FOUNDING = "founding", "Founding"
        ACCESSION = "accession", "Accession"
        EXPANSION = "expansion", "Expansion"
        LAUNCH = "launch", "Launch"
        MILESTONE = "milestone", "Milestone"
        ANNIVERSARY = "anniversary", "Anniversary"
        ECONOMIC_FIGURE = "economic_figure", "Economic figure"
        AGREEMENT = "agreement", "Agreement"
        DECLARATION = "declaration", "Declaration"
        CEASEFIRE = "ceasefire", "Ceasefire"
        EXERCISE = "exercise", "Military exercise"
        ELECTION = "election", "Election"
        PRESIDENCY = "presidency", "Presidency"
        LEGAL = "legal", "Legal step"
        CONFLICT = "conflict", "Conflict"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices, db_index=True)
    location = models.CharField(max_length=200, blank=True)
    participants = models.ManyToManyField(Actor, blank=True, related_name="events")
    summary = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[participants], excluded_fields=NOT_HISTORY)

    class Meta:
        ordering = ["date", "pk"]
        constraints = Curated.provenance_constraints("event")
        indexes = [
            models.Index(fields=["date", "id"], name="event_date_pk_idx"),
            models.Index(fields=["review_state", "date"], name="event_state_date_idx"),
            models.Index(fields=["kind", "date"], name="event_kind_date_idx"),
            models.Index(fields=["summit", "date"], name="event_summit_date_idx"),
            models.Index(fields=["document", "source_start"], name="event_doc_span_idx"),
            models.Index(fields=["source_count", "id"], name="event_sources_pk_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    OPPOSES = "opposes", "Opposes"
    CALLS_FOR = "calls_for", "Calls for"
    NEUTRAL = "neutral", "Neutral"


class Statement(Curated, DatedMixin):
    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="statements")
    quote = models.TextField(blank=True, help_text="The exact quoted words, if the text quotes.")
    summary = models.TextField(help_text="What was said; for reported speech, the clause.")
    stance = models.CharField(
        max_length=20, choices=Stance.choices, default=Stance.NEUTRAL, db_index=True
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="statements")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=NOT_HISTORY)

    class Meta:
        ordering = ["date", "pk"]
        constraints = Curated.provenance_constraints("statement")
        indexes = [
            models.Index(fields=["date", "id"], name="statement_date_pk_idx"),
            models.Index(fields=["review_state", "date"], name="statement_state_date_idx"),
            models.Index(fields=["speaker", "date"], name="statement_speaker_date_idx"),
            models.Index(fields=["stance", "date"], name="statement_stance_date_idx"),
            models.Index(fields=["summit", "date"], name="statement_summit_date_idx"),
            models.Index(fields=["document", "source_start"], name="statement_doc_span_idx"),
            models.Index(fields=["source_count", "id"], name="statement_sources_pk_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {(self.quote or self.summary)[:80]}"


class Meeting(Curated, DatedMixin):
    participants = models.ManyToManyField(Actor, related_name="meetings")
    location = models.CharField(max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    summary = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[participants, topics], excluded_fields=NOT_HISTORY)

    class Meta:
        ordering = ["date", "pk"]
        constraints = Curated.provenance_constraints("meeting")
        indexes = [
            models.Index(fields=["date", "id"], name="meeting_date_pk_idx"),
            models.Index(fields=["review_state", "date"], name="meeting_state_date_idx"),
            models.Index(fields=["summit", "date"], name="meeting_summit_date_idx"),
            models.Index(fields=["document", "source_start"], name="meeting_doc_span_idx"),
            models.Index(fields=["source_count", "id"], name="meeting_sources_pk_idx"),
        ]

    def __str__(self) -> str:
        return self.summary[:80] or f"Meeting {self.pk}"


class Response(Curated, DatedMixin):
    class Stance(models.TextChoices):
        REJECTS = "rejects", "Rejects"
        SCEPTICAL = "sceptical", "Sceptical"
        CONCERNED = "concerned", "Concerned"
        REAFFIRMS = "reaffirms", "Reaffirms"
        SUPPORTS = "supports", "Supports"
        NEUTRAL = "neutral", "Neutral"

    responder = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="responses")
    responds_to = models.CharField(
        max_length=300, blank=True, help_text="The proposal, statement or event reacted to."
    )
    responds_to_statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    stance = models.CharField(
        max_length=20, choices=Stance.choices, default=Stance.NEUTRAL, db_index=True
    )
    quote = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="responses")
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=NOT_HISTORY)

    class Meta:
        ordering = ["date", "pk"]
        constraints = Curated.provenance_constraints("response")
        indexes = [
            models.Index(fields=["date", "id"], name="response_date_pk_idx"),
            models.Index(fields=["review_state", "date"], name="response_state_date_idx"),
            models.Index(fields=["responder", "date"], name="response_responder_date_idx"),
            models.Index(fields=["stance", "date"], name="response_stance_date_idx"),
            models.Index(fields=["summit", "date"], name="response_summit_date_idx"),
            models.Index(fields=["document", "source_start"], name="response_doc_span_idx"),
            models.Index(fields=["source_count", "id"], name="response_sources_pk_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.responder}: {(self.quote or self.summary)[:80]}"


class Membership(Curated):
    class Status(models.TextChoices):
        MEMBER = "member", "Member"
        OBSERVER = "observer", "Observer"
        DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"

    organisation = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="member_states")
    member = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="memberships")
    year_joined = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MEMBER)
    history = HistoricalRecords(excluded_fields=NOT_HISTORY)

    class Meta:
        ordering = ["organisation__name", "year_joined", "member__name"]
        constraints = [
            *Curated.provenance_constraints("membership"),
            models.UniqueConstraint("organisation", "member", name="membership_unique_pair"),
            models.CheckConstraint(
                condition=~Q(organisation=F("member")), name="membership_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.organisation}"


# The record kinds a passage can belong to: its foreign key of that name.
PASSAGE_RECORDS = ("event", "statement", "meeting", "response", "membership")


def _one_record() -> Q:
    """Exactly one of the passage's record keys is set (five branches: portable SQL)."""
    either = Q()
    for name in PASSAGE_RECORDS:
        either |= Q(
            **{f"{name}__isnull": False},
            **{f"{other}__isnull": True for other in PASSAGE_RECORDS if other != name},
        )
    return either


class Passage(models.Model):
    """One document's words reporting a record. A record reported by several articles has a
    passage in each; its primary passage is also kept on the record itself (``document``,
    ``source_start``, ``source_end``), which every page and export read."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="passages",
        db_index=False,  # the (document, start) index below serves it
        help_text="The document whose words these are.",
    )
    start = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="First character of the passage in the document's text (empty: a newer "
        "version of the document lost it).",
    )
    end = models.PositiveIntegerField(
        null=True, blank=True, help_text="Character after the passage's last."
    )
    primary = models.BooleanField(
        default=False,
        help_text="The passage the record shows first (and keeps on the record itself).",
    )
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text="What the ingest extracted here: a re-ingest of the document finds its "
        "passage (and so its record) again by it.",
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="passages",
        help_text="The event this passage reports (one record key is set).",
    )
    statement = models.ForeignKey(
        Statement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="passages",
        help_text="The statement this passage reports.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="passages",
        help_text="The meeting this passage reports.",
    )
    response = models.ForeignKey(
        Response,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="passages",
        help_text="The response this passage reports.",
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.CASCADE, related_name="passages",
        help_text="The membership this passage reports.",
    )  # fmt: skip

    class Meta:
        ordering = ["-primary", "pk"]
        indexes = [models.Index(fields=["document", "start"], name="passage_doc_start_idx")]
        constraints = [
            models.CheckConstraint(condition=_one_record(), name="passage_one_record"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(end__gt=F("start")),
                name="passage_span_valid",
            ),
            *(
                models.UniqueConstraint(
                    name, "document", "start", "end",
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"passage_{name}_span_unique",
                )
                for name in PASSAGE_RECORDS
            ),
            *(
                models.UniqueConstraint(
                    name, condition=Q(primary=True), name=f"passage_{name}_one_primary"
                )
                for name in PASSAGE_RECORDS
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"document {self.document_id} [{self.start}:{self.end}]"

    @property
    def record(self) -> Curated:
        return next(getattr(self, n) for n in PASSAGE_RECORDS if getattr(self, f"{n}_id"))

    @property
    def text(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return self.document.text[self.start : self.end]

    def url(self) -> str:
        """The passage on its document's page (which highlights it under the record's anchor)."""
        return url_to("coverage:document_detail", self.document_id) + f"#{self.record.anchor}"


class Tombstone(models.Model):
    """An extracted record an editor deleted: a re-ingest must not bring it back."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tombstones")
    model = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    passage = models.TextField(
        blank=True, help_text="The deleted record's passage: found again if it is reworded."
    )
    identity = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who or what the record was about (speaker, participants…): of two records "
        "on one passage, only the deleted one stays deleted.",
    )
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "document", "model", "fingerprint", name="tombstone_unique_record"
            )
        ]

    def __str__(self) -> str:
        return f"deleted {self.model} {self.fingerprint[:8]}"


class CacheGeneration(models.Model):
    """One row whose value every edit changes (coverage.cache): cached pages and aggregates
    are keyed by it, so every process recomputes them after any edit, whatever the cache."""

    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"cache generation {self.value}"


class TopicTally(models.Model):
    """How many public statements (or responses) an actor made on a topic with a stance.

    Kept by database triggers in the transaction of every write (coverage.tallies); read by
    the positions pages, so a view reads a topic's tallies rather than its statements.
    Plain keys, not foreign keys: a tally outlives nothing, and its rows reach zero as the
    records they count go."""

    topic_id = models.BigIntegerField()
    kind = models.CharField(max_length=10)  # "statement" or "response"
    actor_id = models.BigIntegerField()
    stance = models.CharField(max_length=20)
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic_id", "kind", "actor_id", "stance"], name="topictally_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"topic {self.topic_id} {self.kind} actor {self.actor_id} {self.stance}: {self.n}"


class SummitTally(models.Model):
    """How many public records of a kind a summit has (a record's own summit, else its
    document's; 0: none), per actor for statements and responses (0 for meetings and
    events). Kept by database triggers (coverage.tallies); read by the dashboard and the
    actor pages."""

    summit_id = models.BigIntegerField()
    kind = models.CharField(max_length=10)  # "statement", "response", "meeting" or "event"
    actor_id = models.BigIntegerField()
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["summit_id", "kind", "actor_id"], name="summittally_unique_key"
            )
        ]
        indexes = [models.Index(fields=["actor_id", "kind"], name="summittally_actor_idx")]

    def __str__(self) -> str:
        return f"summit {self.summit_id} {self.kind} actor {self.actor_id}: {self.n}"
