"""Turn a real-article gold draft (passages quoted) into committed gold (character offsets).

    python scripts/realworld_gold.py tests/realworld/drafts/SLUG.json [...]

A draft sits beside the article's text (``tests/realworld/texts/SLUG.txt``, git-ignored) and
quotes each record's passage as it appears in the text; an optional ``"occurrence": N`` (1-based)
picks the N-th of several equal passages. The committed file, ``tests/realworld/gold/SLUG.json``,
keeps the metadata and replaces every ``passage`` by ``start``/``end``, and records the sha256 and
length of the text, so that no article text enters the repository.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "realworld"
KINDS = ("statements", "meetings", "responses", "events")
REQUIRED = ("slug", "url", "outlet", "style", "summit", "split")
SPLITS = ("dev", "locked")


def _offsets(text: str, item: dict, where: str) -> dict:
    passage = item.pop("passage", None)
    if not passage:
        raise ValueError(f"{where}: no passage")
    given = "occurrence" in item
    nth = item.pop("occurrence", 1)
    start = -1
    for _ in range(nth):
        start = text.find(passage, start + 1)
        if start < 0:
            raise ValueError(f"{where}: passage not in text: {passage[:60]!r}")
    if not given and text.find(passage, start + 1) >= 0:
        raise ValueError(f'{where}: passage occurs twice, add "occurrence": {passage[:60]!r}')
    return {"start": start, "end": start + len(passage), **item}


def convert(draft_path: Path) -> Path:
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    missing = [k for k in REQUIRED if not draft.get(k)]
    if missing:
        raise ValueError(f"{draft_path.name}: missing {', '.join(missing)}")
    if draft["split"] not in SPLITS:
        raise ValueError(f"{draft_path.name}: split must be one of {SPLITS}")
    slug = draft["slug"]
    text = (ROOT / "texts" / f"{slug}.txt").read_text(encoding="utf-8")
    gold = {k: v for k, v in draft.items() if k not in KINDS}
    gold["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    gold["chars"] = len(text)
    for kind in KINDS:
        gold[kind] = [
            _offsets(text, dict(item), f"{slug} {kind}[{i}]")
            for i, item in enumerate(draft.get(kind, []))
        ]
    out = ROOT / "gold" / f"{slug}.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    failed = 0
    for arg in sys.argv[1:]:
        try:
            print(convert(Path(arg)))
        except (ValueError, OSError) as e:
            failed += 1
            print(f"ERROR {e}", file=sys.stderr)
    raise SystemExit(1 if failed else 0)
