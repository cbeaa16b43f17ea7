"""Bump the public pages' cache generation whenever anything they show changes; keep a saved
record's primary passage what the record says."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from coverage import cache, records
from coverage.models import Actor, ActorAlias, Document, Passage, Summit, Topic

RECORDS = tuple(kind.model for kind in records.KINDS)

MODELS = (Summit, Document, Actor, ActorAlias, Topic, *RECORDS, Passage)

# The records' many-to-many tables (people, topics), from the models themselves.
M2M_THROUGH = tuple(through for kind in records.KINDS for through in kind.through)


def _changed(sender, **kwargs) -> None:
    cache.bump()


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        cache.bump()


def _primary_passage_follows(sender, instance, raw: bool = False, **kwargs) -> None:
    """A record saved one at a time (an editor's change, a correction): its primary passage
    follows its document and span. Bulk writes keep passages in step themselves."""
    if raw:
        return
    from coverage.services import passages_primary_sync  # services imports the models too

    passages_primary_sync(model=sender, pks=[instance.pk])


def connect() -> None:
    for model in RECORDS:
        post_save.connect(
            _primary_passage_follows,
            sender=model,
            dispatch_uid=f"coverage-passage-{model._meta.label_lower}",
        )
    for model in MODELS:
        uid = f"coverage-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in M2M_THROUGH:
        m2m_changed.connect(
            _m2m_changed, sender=through, dispatch_uid=f"coverage-cache-{through._meta.label_lower}"
        )
