"""Deciding roster rows with engine.decide and describing each result as a report line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import engine
from ..kb import load
from ..schema import FactsError
from .cells import blank, cell_parser, parse_programme, programme_words, text
from .facts import row_facts, row_values
from .layout import BAD_ROW, COUNT_FIELD, NAME, ORG_SHEET, PROGRAMME, STATUS, CellError
from .plans import Plan, org_labels, programme_plans, row_spec


@dataclass
class Row:
    line: int
    name: str
    programme: int | None = None
    status: str = BAD_ROW
    amount: int | None = None
    reason: str = ""
    clause: str = ""
    note: str = ""


def _where(kb, plans: dict) -> dict:
    """(programme, fact) → the fact's Chinese name and where to fill it, for 待补充 reasons."""
    labels, where = org_labels(kb, plans), {}
    for n, plan in plans.items():
        for header, fact in plan.columns.items():
            where[(n, fact)] = f"{row_spec(kb, plan, fact)['label']}（填“{header}”列）"
        for path in plan.org_facts:
            where[(n, path)] = f"{labels[path]}（填“{ORG_SHEET}”表）"
        if plan.kind == "count":
            where[(n, plan.target)] = where[(n, COUNT_FIELD)]
    return where


class Checker:
    """Decides roster rows; built once per run (parsers, plans and labels precomputed)."""

    def __init__(self, org: dict, as_of: str):
        self.kb = kb = load()
        self.plans = programme_plans(kb)
        self.org, self.as_of = org, as_of
        self.decided = {}
        self.words = programme_words(kb)
        self.parsers = {(n, f): cell_parser(row_spec(kb, plan, f), kb)
                        for n, plan in self.plans.items() for f in plan.row_facts}
        self.base_notes = {p["number"]: set(p["notes"]) | {kb.document["draft_note"]} for p in kb.programmes}
        self.where = _where(kb, self.plans)

    def check(self, line: int, cells: dict) -> Row:
        row = Row(line, text(cells.get(NAME)))
        try:
            if not row.name:
                raise CellError("“姓名”为空")
            if blank(cells.get(PROGRAMME)):
                raise CellError("“申报项目”为空，请填项目编号、名称或常用叫法")
            number = parse_programme(cells.get(PROGRAMME), self.words)
            row.programme = number
            plan = self.plans.get(number)
            if plan is None:
                raise CellError(f"“{self.kb.programme(number)['name']}”按单位整体申报，不按人员花名册预审，"
                                "请通过政策助手或 check 命令单独咨询")
            values = row_values(plan, cells, self.parsers)
            # Same facts, same decision (the engine is pure): rows alike are decided once.
            key = (number, *sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))
            result = self.decided.get(key)
            if result is None:
                facts = row_facts(plan, values, self.org, self.as_of)
                decision = engine.decide(facts, validate_facts=False, programmes=[number])
                result = self.decided[key] = decision["results"][0]
        except (CellError, FactsError) as exc:
            row.reason = str(exc)
            return row
        return self._describe(row, plan, result)

    def _label(self, number: int, missing: str) -> str:
        key = re.sub(r"^.*\[\d+\]\.", "", missing)        # cultivated[0].level → level
        return self.where.get((number, key)) or self.where.get((number, missing)) or missing

    def _describe(self, row: Row, plan: Plan, result: dict) -> Row:
        row.status = STATUS[result["status"]]
        notes = [n for n in result["notes"] if n not in self.base_notes[plan.number]]
        skip = plan.cap["received"] if plan.cap else None      # the summary applies the cap
        missing = list(dict.fromkeys(self._label(plan.number, m) for m in result["missing"] if m != skip))
        if result["status"] == "ineligible":
            failed = [c for c in result["conditions"] if c["result"] == "fail"]
            row.amount = 0
            row.reason = "；".join(f"不满足：{c['text']}（{c['clause']}）" for c in failed)
            row.clause = "、".join(dict.fromkeys(c["clause"] for c in failed))
        else:
            # The per-head sum before any annual cap: the cap is applied once per programme in 汇总.
            row.amount = result.get("amount_before_cap", result["amount"])
            row.clause = result["amount_clause"]
            if result["status"] == "needs_info":
                row.reason = "需补充：" + "、".join(missing)
            elif missing:
                row.reason = "金额按现有信息计算，补充后可能变化：" + "、".join(missing)
            if plan.cap:
                notes = [n for n in notes if "额度" not in n and "本年度尚未领取" not in n]
                notes.append("年度上限在“汇总”表按项目统一计算。")
        row.note = " ".join(notes)
        return row
