"""Which columns and 单位信息 facts each programme reads, derived from its conditions and 兑付标准."""
from __future__ import annotations

from dataclasses import dataclass, field

from .layout import COLUMNS, COUNT_FIELD


def _test_facts(test: dict) -> list:
    if "all" in test or "any" in test:
        return [f for part in test.get("all", test.get("any")) for f in _test_facts(part)]
    return [test["fact"]] + [test[op] for op in ("below", "within_year_after") if op in test]


def _standard_facts(std: dict) -> list:
    facts = [std[k] for k in ("fact", "already", "progress_fact") if k in std]
    return facts + [std[k]["fact"] for k in ("uplift", "bonus", "special") if k in std]


@dataclass
class Plan:
    """How rows of one programme become facts."""
    number: int
    name: str
    kind: str                      # person | item | count
    row_facts: list                # facts read from roster columns (person or item fields)
    org_facts: list = field(default_factory=list)   # organisation fact paths read from 单位信息
    target: str | None = None      # item list path or count fact path
    cap: dict | None = None
    columns: dict = field(default_factory=dict)     # header → fact


def programme_plans(kb) -> dict:
    """Programme number → Plan, for every programme that has one row per person."""
    plans = {}
    for prog in kb.programmes:
        conds = [c for c in prog["conditions"] if "test" in c]
        std = prog["standard"]
        if prog["subject"] == "person":
            used = [f for c in conds for f in _test_facts(c["test"])] + _standard_facts(std)
            plan = Plan(prog["number"], prog["name"], "person", list(dict.fromkeys(used)))
        elif prog.get("items"):
            item = [f for c in conds if c.get("scope") == "item" for f in _test_facts(c["test"])]
            org = [f for c in conds if c.get("scope") != "item" for f in _test_facts(c["test"])]
            plan = Plan(prog["number"], prog["name"], "item", list(dict.fromkeys(item + _standard_facts(std))),
                        list(dict.fromkeys(org)), prog["items"], std.get("annual_cap"))
        elif std["formula"] == "per_count":
            org = [f for c in conds for f in _test_facts(c["test"]) if f != std["fact"]]
            plan = Plan(prog["number"], prog["name"], "count", [COUNT_FIELD], list(dict.fromkeys(org)),
                        std["fact"], std.get("annual_cap"))
        else:
            continue               # organisation-level only (the studio programmes): no roster rows
        if plan.cap and plan.cap["received"] not in plan.org_facts:
            plan.org_facts.append(plan.cap["received"])
        plan.columns = {h: f for h, facts in COLUMNS for f in facts if f in plan.row_facts}
        plans[plan.number] = plan
    return plans


def row_spec(kb, plan: Plan, fact: str) -> dict:
    """The facts.yml spec of a fact read from a roster column of this plan's rows."""
    if plan.kind == "person":
        return kb.facts["person"][fact]
    if plan.kind == "count":
        return {"type": "enum", "values": "levels", "label": "认定发证的等级（每行一人）"}
    return kb.fact_spec(f"{plan.target}[].{fact}")


def org_fields(kb, plans: dict) -> dict:
    """单位信息 keys (Chinese labels from facts.yml) → organisation fact path."""
    paths = dict.fromkeys(p for plan in plans.values() for p in plan.org_facts)
    return {kb.fact_spec(path)["label"]: path for path in paths}


def org_labels(kb, plans: dict) -> dict:
    """Organisation fact path → its 单位信息 key."""
    return {path: label for label, path in org_fields(kb, plans).items()}
