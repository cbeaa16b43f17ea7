"""Links to actors, topics, documents and passages (remembered once built: see url_to)."""

import pytest
from django.urls import set_script_prefix

from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_links_follow_the_script_prefix_the_site_is_served_under():
    statement = f.statement(f.actor("Xi Jinping"), doc=f.document("Xi spoke."), words="Xi spoke.")
    assert statement.speaker.get_absolute_url() == "/actors/xi-jinping/"
    try:
        set_script_prefix("/coverage/")
        assert statement.speaker.get_absolute_url() == "/coverage/actors/xi-jinping/"
        assert (
            statement.source_url()
            == f"/coverage/documents/{statement.document_id}/#statement-{statement.pk}"
        )
    finally:
        set_script_prefix("/")
    assert statement.source_url() == f"/documents/{statement.document_id}/#statement-{statement.pk}"


def test_a_renamed_actor_is_linked_by_its_new_slug(client):
    actor = f.actor("Xi Jinping")
    f.statement(actor, summary="Remark")
    assert actor.get_absolute_url() == "/actors/xi-jinping/"
    actor.slug = "xi"
    actor.save()
    html = client.get("/statements/").content.decode()
    assert 'href="/actors/xi/"' in html and "/actors/xi-jinping/" not in html
