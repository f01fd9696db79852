"""Heads an organisation names by people's names ("小李 高级工…", "老王 技师…"): the names are
remembered per list, so that "张工是去年1月2号来的 不是前年" or "小李21个月，老王7个月" later
reaches the head that name was given to, wherever the pipeline put it (it numbers the heads
of one message only). The words are rules.yml `heads.names`."""
from __future__ import annotations

import copy
import re

from policy_kb.paths import get_path, set_path
from understanding.lexicon import rules
from understanding.text import prepare

LISTS = ("cultivated", "introduced", "school_cooperation.graduates", "training.trainees")
ROOT = "organisation"


def said_names(text: str) -> list:
    """The people's names a message opens its clauses with, in order."""
    names = rules()["heads"]["names"]
    return [m.group(0) for m in re.finditer(rf"(?:^|(?<=[，,。；;:：\s个位名]))(?:{names})", prepare(text))]


def route(names: dict, facts: dict, update: dict, text: str) -> dict:
    """`update` with the heads it tells moved to the heads those names were given to."""
    said = said_names(text)
    body = update.get(ROOT)
    if not said or not isinstance(body, dict):
        return update
    for name in LISTS:
        known = names.get(name) or []
        told = get_path(body, name)
        if not isinstance(told, list) or not all(n in known for n in said):
            continue
        filled = [i for i, h in enumerate(told) if isinstance(h, dict) and h]
        if len(filled) != len(said):
            continue
        have = get_path(facts.get(ROOT) or {}, name) or []
        moved: list = [{} for _ in range(max(len(have), len(told)))]
        for i, n in zip(filled, said):
            moved[known.index(n)] = told[i]
        update = copy.deepcopy(update)
        set_path(update[ROOT], name, moved)
        return update
    return update


def remember(names: dict, before: dict, after: dict, text: str) -> dict:
    """`names` with the names of the heads this message added (one name a new head, in order)."""
    said = said_names(text)
    if not said:
        return names
    out = dict(names)
    for name in LISTS:
        old = get_path(before.get(ROOT) or {}, name) or []
        new = get_path(after.get(ROOT) or {}, name) or []
        fresh = [n for n in said if n not in (out.get(name) or [])]
        if len(new) > len(old) and len(new) - len(old) == len(fresh):
            known = list(out.get(name) or [])
            known += [None] * (len(old) - len(known))
            out[name] = known[:len(old)] + fresh
    return out
