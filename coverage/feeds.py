"""Atom feeds of new public records: all of them, and a summit's, an actor's or a topic's.

Each entry links to its record's passage in the document. Only public records appear
(selectors.feed_records); a hidden actor has no feed.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from coverage import selectors
from coverage.models import Actor, Event, Meeting, Membership, Response, Statement, Summit, Topic

_TITLE_WORDS = 20


class RecordsFeed(Feed):
    feed_type = Atom1Feed
    title = "Summit Coverage: new records"
    subtitle = "Statements, responses, meetings, events and memberships as they are recorded."

    def link(self, obj: object = None) -> str:
        return reverse("coverage:dashboard")

    def items(self, obj: object = None) -> list:
        return selectors.feed_records()

    def item_title(self, item: object) -> str:
        if isinstance(item, Statement):
            text = f"{item.speaker.name}: {item.summary or item.quote}"
        elif isinstance(item, Response):
            text = f"{item.responder.name} responds: {item.summary or item.quote}"
        elif isinstance(item, Meeting):
            names = " and ".join(p.name for p in item.participants.all())
            text = f"Meeting: {names}: {item.summary}" if names else f"Meeting: {item.summary}"
        elif isinstance(item, Event):
            text = f"{item.get_kind_display()}: {item.title}"
        elif isinstance(item, Membership):
            text = f"{item.member.name}: {item.get_status_display()} of {item.organisation.name}"
        else:
            text = str(item)
        return Truncator(text).words(_TITLE_WORDS)

    def item_description(self, item: object) -> str:
        quote = getattr(item, "quote", "")
        summary = getattr(item, "summary", "")
        parts = [f"“{quote}”" if quote else "", summary if summary != quote else ""]
        if item.document_id:
            parts.append(f"From “{item.document.title}”.")
        return " ".join(p for p in parts if p)

    def item_link(self, item: object) -> str:
        # The passage the record comes from; a record an editor added without one: its list
        # (a membership: the member's page).
        if item.source_url():
            return item.source_url()
        if isinstance(item, Membership):
            return item.member.get_absolute_url()
        return reverse(f"coverage:{item._meta.model_name}_list")

    def item_guid(self, item: object) -> str:
        return self.item_link(item).split("#")[0] + f"#{item.anchor}"

    def item_pubdate(self, item: object):
        return item.created_at

    def item_updateddate(self, item: object):
        return item.updated_at

    def item_categories(self, item: object) -> list[str]:
        return [t.name for t in item.topics.all()] if hasattr(item, "topics") else []


class SummitFeed(RecordsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Summit:
        return get_object_or_404(Summit, slug=slug)

    def title(self, obj: Summit) -> str:
        return f"Summit Coverage: {obj.name}"

    def link(self, obj: Summit) -> str:
        return reverse("coverage:dashboard") + f"?summit={obj.slug}"

    def items(self, obj: Summit) -> list:
        return selectors.feed_records(summit=obj)


class ActorFeed(RecordsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Actor:
        return get_object_or_404(selectors.public_actors(), slug=slug)

    def title(self, obj: Actor) -> str:
        return f"Summit Coverage: {obj.name}"

    def link(self, obj: Actor) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Actor) -> list:
        return selectors.feed_records(actor=obj)


class TopicFeed(RecordsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:
        return f"Summit Coverage: {obj.name}"

    def link(self, obj: Topic) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Topic) -> list:
        return selectors.feed_records(topic=obj)
