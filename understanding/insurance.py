"""Months of insurance that go on to today, counted from a month already known.

"社保从12月开始在我们这交没断", "拿证后社保一直在钱塘交": no count is said, but the months are
those from the anchor facts.yml's `since` names (the hire, the certificate, the first payment)
to this month (policy_kb/since.py). A dialogue inference on top of a reading, not part of
what the words state (the corpora score `understand()` without it): the chat's check and the
hotline page both apply it, so they record the same facts.
"""
from __future__ import annotations

import copy
import datetime as dt
import re

from policy_kb.since import holders, months_since, since_fields

CONTINUING = re.compile(r"一直|没断|没有断|未断|不间断|没停|没中断|至今|到现在|到目前|到今天")
# a count of months, not "一个月都没断" (not one month missed)
A_COUNT = re.compile(r"(?:\d+|[一二两三四五六七八九十半]+)个月(?![都也]没)|[一二两三四五六七八九十]+年(?![都也]没)")


def goes_on(text: str) -> bool:
    """The words say the payments go on, and say no count of months."""
    return bool(CONTINUING.search(text)) and not A_COUNT.search(text)


def continuing(update: dict, known: dict | None, text: str, today: dt.date | None) -> dict:
    """`update` (facts read from `text`) with the continuing months of each person or head it
    is about, when their anchor month is known (said now or before) and no count is said."""
    if not (today and update and "社保" in text and goes_on(text)):
        return update
    out = copy.deepcopy(update)
    for root, holder, name, anchors in since_fields():
        said = holders(out, root, holder)
        before = holders(known or {}, root, holder)
        for i, head in enumerate(said):
            whole = {**(before[i] if i < len(before) else {}), **head}
            if head and whole.get(name) is None:
                months = months_since(list(anchors), whole, today)
                if months is not None:
                    head[name] = months
    return out


def without_reckoned(facts: dict, stated: dict) -> dict:
    """`facts` without the count fields (`since`) that `stated` (what the words said) does not
    hold: months an answer only reckoned from a month, which a corrected date would leave behind."""
    out = copy.deepcopy(facts)
    for root, holder_path, name, _ in since_fields():
        said = holders(stated, root, holder_path)
        for i, holder in enumerate(holders(out, root, holder_path)):
            if name in holder and not (i < len(said) and name in said[i]):
                del holder[name]
    return out


def recounted(update: dict, known: dict | None, today: dt.date | None) -> dict:
    """`update` with the month count of each person or head whose anchor month it corrects
    ("不对 是前年5月引进的") counted again from the new month, when the count known was the one
    from the old month to this month (reckoned from "一直在交", or said as such) and the update
    says no count of its own."""
    if not (today and update and known):
        return update
    out = copy.deepcopy(update)
    for root, holder, name, anchors in since_fields():
        said = holders(out, root, holder)
        before = holders(known, root, holder)
        for i, head in enumerate(said):
            old = before[i] if i < len(before) else {}
            if not head or name in head or old.get(name) is None \
                    or not any(a["fact"] in head and head[a["fact"]] != old.get(a["fact"]) for a in anchors):
                continue
            if months_since(list(anchors), old, today) == old[name]:
                months = months_since(list(anchors), {**old, **head}, today)
                if months is not None:
                    head[name] = months
    return out

