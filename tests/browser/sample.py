"""A small, realistic record of the 2025 Tianjin summit for the browser tests."""

from __future__ import annotations

import datetime as dt

from coverage.models import Actor, ReviewState
from tests.web import factories as f

ARTICLE = """Leaders gather in Tianjin as the SCO marks a new era

TIANJIN, 1 September 2025 — Chinese President Xi Jinping opened the summit of the Shanghai \
Cooperation Organisation on Monday, calling for "a more just and equitable global governance \
system". The organisation was founded in 2001 and admitted Iran in July 2023.

Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Tianjin on the \
sidelines of the summit. Putin said relations with India were "special and privileged".

Xi proposed an SCO development bank, to be set up by the end of 2025. Belarus joined as a \
full member in 2024.

In Washington, the State Department rejected the declaration as an attempt to "undermine the \
rules-based order". The European Union said it was concerned about the summit's stance on \
Ukraine.

A military parade in Beijing in September 2025 marked the end of the Second World War. \
<script>alert("not executed")</script>
"""


def build() -> dict:
    sco = f.actor(
        "Shanghai Cooperation Organisation",
        kind=Actor.Kind.ORGANISATION,
        slug="sco",
        review_state=ReviewState.VERIFIED,
    )
    summit = f.summit("SCO summit 2025, Tianjin", organisation=sco)
    doc = f.document(
        ARTICLE,
        title="Leaders gather in Tianjin as the SCO marks a new era",
        summit=summit,
        source_url="https://example.org/tianjin",
    )
    xi = f.actor("Xi Jinping", title="President", country="China", bloc="member")
    xi.aliases.get_or_create(alias="President Xi")  # (in the lexicon)
    modi = f.actor("Narendra Modi", title="Prime Minister", country="India", bloc="member")
    putin = f.actor("Vladimir Putin", title="President", country="Russia", bloc="member")
    us = f.actor(
        "United States State Department",
        kind=Actor.Kind.BODY,
        country="United States",
        bloc="western",
    )
    eu = f.actor("European Union", kind=Actor.Kind.ORGANISATION, bloc="western")
    china, india, iran, belarus = (
        f.actor(n, kind=Actor.Kind.STATE, bloc="member")
        for n in ("China", "India", "Iran", "Belarus")
    )
    for member, year in ((china, 2001), (india, 2017), (iran, 2023)):
        f.membership(
            sco, member, year_joined=year, summit=summit, review_state=ReviewState.VERIFIED
        )
    f.membership(
        sco,
        belarus,
        doc=doc,
        words="Belarus joined as a full member in 2024",
        year_joined=2024,
        summit=summit,
    )
    governance, security, finance = (
        f.topic(n) for n in ("Global governance", "Security", "Development finance")
    )
    opening = f.event(
        "Xi opens the SCO summit",
        doc=doc,
        summit=summit,
        words="Chinese President Xi Jinping opened the summit",
        participants=[xi],
        location="Tianjin",
        kind=f.SESSION,
        date=dt.date(2025, 9, 1),
        review_state=ReviewState.VERIFIED,
    )
    f.event(
        "SCO founded",
        doc=doc,
        summit=summit,
        words="The organisation was founded in 2001",
        kind="founding",
        date=dt.date(2001, 1, 1),
        date_precision="year",
    )
    f.event(
        "Iran admitted",
        doc=doc,
        summit=summit,
        words="admitted Iran in July 2023",
        kind="accession",
        date=dt.date(2023, 7, 1),
        date_precision="month",
        participants=[iran],
    )
    f.event(
        "SCO development bank set up",
        doc=doc,
        summit=summit,
        words="to be set up by the end of 2025",
        kind="milestone",
        date=dt.date(2025, 1, 1),
        date_precision="year",
        date_projected=True,
    )
    f.event(
        "Military parade in Beijing",
        doc=doc,
        summit=summit,
        words="A military parade in Beijing in September 2025",
        kind="parade",
        date=dt.date(2025, 9, 1),
        date_precision="month",
        location="Beijing",
    )
    xi_said = f.statement(
        xi,
        doc=doc,
        summit=summit,
        event=opening,
        words='calling for "a more just and equitable global governance system"',
        quote="a more just and equitable global governance system",
        summary="Xi called for fairer global governance.",
        stance="calls_for",
        topics=[governance],
        review_state=ReviewState.VERIFIED,
    )
    f.statement(
        xi,
        doc=doc,
        summit=summit,
        words="Xi proposed an SCO development bank",
        summary="Xi proposed an SCO development bank.",
        stance="supports",
        topics=[finance],
    )
    putin_said = f.statement(
        putin,
        doc=doc,
        summit=summit,
        words='Putin said relations with India were "special and privileged"',
        quote="special and privileged",
        summary="Putin praised ties with India.",
        stance="supports",
        topics=[security],
    )
    f.statement(
        putin, summary="A remark an editor hid.", review_state=ReviewState.HIDDEN, topics=[security]
    )
    meeting = f.meeting(
        [modi, putin],
        doc=doc,
        summit=summit,
        location="Tianjin",
        words="Narendra Modi met Russian President Vladimir Putin in Tianjin",
        summary="Modi and Putin met on the sidelines.",
        topics=[security],
    )
    us_said = f.response(
        us,
        doc=doc,
        summit=summit,
        stance="rejects",
        responds_to="the Tianjin declaration",
        words='the State Department rejected the declaration as an attempt to "undermine the '
        'rules-based order"',
        quote="undermine the rules-based order",
        topics=[governance],
    )
    f.response(
        eu,
        doc=doc,
        summit=summit,
        stance="concerned",
        words="The European Union said it was concerned about the summit's stance on Ukraine",
        summary="The EU is concerned about the stance on Ukraine.",
        topics=[security],
        review_state=ReviewState.VERIFIED,
    )
    return {
        "summit": summit,
        "doc": doc,
        "xi": xi,
        "putin": putin,
        "modi": modi,
        "xi_said": xi_said,
        "putin_said": putin_said,
        "meeting": meeting,
        "us_said": us_said,
        "security": security,
        "governance": governance,
    }
