"""Deciding roster rows with engine.decide and describing each result as a report line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import engine
from ..kb import load
from ..schema import FactsError
from .cells import blank, cell_parser, parse_programme, programme_words, text
from .facts import row_facts, row_values
from .breakdown import breakdown
from .checks import DATE_COLUMNS, date_problems, parse_id
from .layout import BAD_ROW, CERT_NO, COUNT_FIELD, ID_NUMBER, NAME, ORG_SHEET, PROGRAMME, STATUS, TRADE, CellError
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
    id_number: str = ""
    trade: str = ""
    cert_no: str = ""
    breakdown: str = ""


def _memo(parse):
    """The parser with its answers remembered: a roster repeats the same few values (是, 技师, 7)
    thousands of times. Keyed by type too, since True == 1 but a months cell must not read True."""
    seen = {}

    def parse_seen(value):
        try:
            ok, answer = seen[(type(value), value)]
        except KeyError:
            try:
                ok, answer = seen[(type(value), value)] = True, parse(value)
            except CellError as exc:
                ok, answer = seen[(type(value), value)] = False, exc
        except TypeError:               # an unhashable cell value: read it afresh
            return parse(value)
        if not ok:
            raise CellError(str(answer))
        return list(answer) if isinstance(answer, list) else answer
    return parse_seen


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


_OWN = frozenset((NAME, ID_NUMBER, TRADE, CERT_NO))    # a row's own cells, read for every row


class _Seen(tuple):
    """(programme, problems of its 申报项目, the cells' error, later problems — None when there is no plan),
    with the plan and values kept for the decision, which is made when a row first needs it."""
    plan = values = None
    described = None

    def __new__(cls, number, problems, error, later):
        return super().__new__(cls, (number, problems, error, later))

    def decision(self, checker: "Checker"):
        if self.described is None:
            self.described = checker._decide(self.plan, self.values)
        return self.described


class Checker:
    """Decides roster rows; built once per run (parsers, plans and labels precomputed)."""

    def __init__(self, org: dict, as_of: str, org_errors: dict | None = None):
        self.kb = kb = load()
        self.plans = programme_plans(kb)
        self.org, self.as_of = org, as_of
        self.org_errors = org_errors or {}
        self.dates_seen = {}
        self.decided = {}
        self.rows_seen = {}        # a row's cells but its own (name, identity) → _Seen
        self.words = words = programme_words(kb)
        self.programme_of = _memo(lambda value: parse_programme(value, words))
        self.parsers = {(n, f): _memo(cell_parser(row_spec(kb, plan, f), kb))
                        for n, plan in self.plans.items() for f in plan.row_facts}
        self.base_notes = {p["number"]: set(p["notes"]) | {kb.document["draft_note"]} for p in kb.programmes}
        self.where = _where(kb, self.plans)

    def _org_problems(self, plan: Plan, cells: dict) -> list:
        """Messages for the bad 单位信息 values this row needs (person rows need 单位类型 only
        when 工作单位类型 is left blank: the filing enterprise is then the employer)."""
        needed = list(plan.org_facts)
        if plan.kind == "person" and "employer" in plan.row_facts and blank(cells.get("工作单位类型")):
            needed.append("kind")
        return [self.org_errors[p] for p in needed if p in self.org_errors]

    def _date_problems(self, cells: dict) -> list:
        key = tuple(cells.get(h) for h in DATE_COLUMNS)
        try:
            found = self.dates_seen.get(key)
        except TypeError:
            return date_problems(cells, self.as_of)
        if found is None:
            found = self.dates_seen[key] = date_problems(cells, self.as_of)
        return list(found)

    def _programme(self, cells: dict, problems: list):
        """(number, plan) of the row's 申报项目; problems gets why not, when it cannot be read."""
        if blank(cells.get(PROGRAMME)):
            problems.append("“申报项目”为空，请填项目编号、名称或常用叫法")
            return None, None
        try:
            number = self.programme_of(cells.get(PROGRAMME))
        except CellError as exc:
            problems.append(str(exc))
            return None, None
        plan = self.plans.get(number)
        if plan is None:
            problems.append(f"“{self.kb.programme(number)['name']}”按单位整体申报，不按人员花名册预审，"
                            "请通过政策助手或 check 命令单独咨询")
        return number, plan

    def check(self, line: int, cells: dict) -> Row:
        row = Row(line, text(cells.get(NAME)), trade=text(cells.get(TRADE)), cert_no=text(cells.get(CERT_NO)),
                  id_number=text(cells.get(ID_NUMBER)))
        problems = [] if row.name else ["“姓名”为空"]
        if row.id_number:
            try:
                row.id_number = parse_id(cells.get(ID_NUMBER))
            except CellError as exc:
                problems.append(str(exc))
        # Everything but the name and identity columns depends on the other cells alone, and a roster
        # repeats the same combinations (programme, level, 是/否, months) thousands of times: rows alike
        # are read, checked, decided and described once. Keyed by type too (True == 1 == 1.0).
        try:
            key = tuple([(k, v.__class__, v) for k, v in cells.items() if v is not None and k not in _OWN])
            seen = self.rows_seen.get(key)
        except TypeError:                   # an unhashable cell value: work the row out afresh
            key = seen = None
        if seen is None:
            seen = self._rest(cells)
            if key is not None:
                self.rows_seen[key] = seen
        row.programme, cell_problems, value_error, later = seen
        if later is None:                   # no plan: the 申报项目 could not be used
            problems += cell_problems
        else:
            problems += later
            if value_error is not None:
                problems.insert(0, value_error)
            if not problems:
                described = seen.decision(self)
                if isinstance(described, str):        # FactsError
                    row.reason = described
                    return row
                (row.status, row.amount, row.reason, row.clause, row.note, row.breakdown) = described
                return row
        row.reason = "；".join(problems)
        return row

    def _rest(self, cells: dict) -> "_Seen":
        """What a row's cells other than its name and identity give: programme, problems, values."""
        problems = []
        number, plan = self._programme(cells, problems)
        if plan is None:
            return _Seen(number, problems, None, None)
        later = self._org_problems(plan, cells) + self._date_problems(cells)
        try:
            values, error = row_values(plan, cells, self.parsers), None
        except CellError as exc:
            values, error = None, str(exc)
        seen = _Seen(number, problems, error, later)
        seen.plan, seen.values = plan, values
        return seen

    def _decide(self, plan: Plan, values: dict):
        """The described decision of a row's values: a tuple for the report, or a FactsError's message."""
        # Same facts, same decision (the engine is pure): rows alike are decided and described once.
        key = (plan.number, *sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))
        described = self.decided.get(key)
        if described is None:
            try:
                facts = row_facts(plan, values, self.org, self.as_of)
                result = engine.decide(facts, validate_facts=False, programmes=[plan.number])["results"][0]
            except FactsError as exc:
                return str(exc)
            described = self.decided[key] = self._describe(plan, values, result)
        return described

    def _label(self, number: int, missing: str) -> str:
        key = re.sub(r"^.*\[\d+\]\.", "", missing)        # cultivated[0].level → level
        return self.where.get((number, key)) or self.where.get((number, missing)) or missing

    def _describe(self, plan: Plan, values: dict, result: dict) -> tuple:
        """(status, amount, reason, clause, note, breakdown) of a decision, in the report's words."""
        status, reason, clause = STATUS[result["status"]], "", ""
        notes = [n for n in result["notes"] if n not in self.base_notes[plan.number]]
        skip = plan.cap["received"] if plan.cap else None      # the summary applies the cap
        missing = list(dict.fromkeys(self._label(plan.number, m) for m in result["missing"] if m != skip))
        if result["status"] == "ineligible":
            failed = [c for c in result["conditions"] if c["result"] == "fail"]
            amount = 0
            reason = "；".join(f"不满足：{c['text']}（{c['clause']}）" for c in failed)
            clause = "、".join(dict.fromkeys(c["clause"] for c in failed))
        else:
            # The per-head sum before any annual cap: the cap is applied once per programme in 汇总.
            amount = result.get("amount_before_cap", result["amount"])
            clause = result["amount_clause"]
            if result["status"] == "needs_info":
                reason = "需补充：" + "、".join(missing)
            elif missing:
                reason = "金额按现有信息计算，补充后可能变化：" + "、".join(missing)
            if plan.cap:
                notes = [n for n in notes if "额度" not in n and "本年度尚未领取" not in n]
                notes.append("年度上限在“汇总”表按项目统一计算。")
        parts = breakdown(self.kb.programme(plan.number), values, result,
                          lambda fact: row_spec(self.kb, plan, fact)["label"])
        return status, amount, reason, clause, " ".join(notes), parts
