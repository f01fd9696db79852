"""Insurance months counted from a known month (facts.yml `since`), one way for everyone.

"拿证后一直交着，没断过", "入职那个月开始在钱塘交": the months of a count field are those
from its first known anchor to this month. The convention (shared/FACTS.md): after the
certificate's month (`first: next`); from a hire's or a first payment's month itself
(`first: same`), up to and including this month. The check (actions/check.py) and the
answers to typed questions (answering/compose.py) both count with `months_since`.
"""
from __future__ import annotations

import datetime as dt
import functools

from .kb import load


def months_since(anchors: list | None, holder: dict, today: dt.date) -> int | None:
    """Months from the first anchor `holder` knows (a date or month string) to `today`'s
    month; None when it knows none of them, or the anchor is after today."""
    for anchor in anchors or []:
        known = holder.get(anchor["fact"]) if isinstance(holder, dict) else None
        if isinstance(known, str) and len(known) >= 7:
            count = (today.year - int(known[:4])) * 12 + today.month - int(known[5:7]) \
                + (1 if anchor["first"] == "same" else 0)
            return count if count >= 0 else None
    return None


@functools.lru_cache(maxsize=None)
def since_fields() -> tuple:
    """((root, holder path, field, anchors), …): every count field that declares `since`.
    The holder path is "" for the root itself, a group ("studio"), or a list with "[]"
    ("introduced[]": each head of the organisation's list)."""
    out = []

    def walk(root: str, fields: dict, holder: str) -> None:
        for name, spec in fields.items():
            if not isinstance(spec, dict):
                continue
            path = f"{holder}.{name}" if holder else name
            if spec.get("since"):
                out.append((root, holder, name, tuple(spec["since"])))
            if spec.get("type") == "list" and isinstance(spec.get("item"), dict):
                walk(root, spec["item"], path + "[]")
            elif spec.get("type") == "object" and isinstance(spec.get("fields"), dict):
                walk(root, spec["fields"], path)
    facts = load().facts
    for root in ("person", "organisation"):
        walk(root, facts[root], "")
    return tuple(out)


def holders(facts: dict, root: str, holder: str) -> list:
    """The dicts a count field sits in (holder path as in `since_fields`)."""
    nodes = [facts.get(root)]
    for part in filter(None, holder.split(".")):
        name, many = (part[:-2], True) if part.endswith("[]") else (part, False)
        nodes = [n.get(name) for n in nodes if isinstance(n, dict)]
        if many:
            nodes = [item for n in nodes if isinstance(n, list) for item in n]
    return [n for n in nodes if isinstance(n, dict)]
