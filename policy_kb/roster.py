"""Roster pre-check: an enterprise's or training institution's 花名册 in, a 预审 report out.

    python -m policy_kb roster ROSTER.xlsx|.csv [--out REPORT.xlsx|.csv] [--as-of DATE] [--org ORG.json]
    python -m policy_kb roster --template TEMPLATE.xlsx

One row per person. The column 申报项目 says which programme the row is for; the other
columns are mapped onto the facts of FACTS.md (which columns a programme reads is derived
from the facts its conditions and 兑付标准 use in the programme file). A person row of a
per-person programme (1–4, 11) becomes a `person`; a row of a per-head organisation
programme (5, 6, 7, 10, 12) becomes one head of the organisation, whose own facts come
from the sheet 单位信息 (or --org for CSV). Every row is decided by engine.decide; annual
caps are applied once per programme in the summary, from the programme file's annual_cap.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .kb import load
from .schema import FactsError, enum_values, validate

ROSTER_SHEET, ORG_SHEET, HELP_SHEET, RESULT_SHEET, SUMMARY_SHEET = "花名册", "单位信息", "填写说明", "预审结果", "汇总"
NAME, PROGRAMME = "姓名", "申报项目"
ORG_NAME = "单位名称"
EXAMPLE = "示例"
STATUS = {"eligible": "符合", "ineligible": "不符合", "needs_info": "待补充"}
BAD_ROW = "数据有误"

# Roster columns: header → the facts it can carry (the row's programme uses at most one).
COLUMNS = [
    ("技能等级", ("new_level", "level", "certificate")),
    ("证书落款日期", ("cert_date",)),
    ("钱塘连续参保月数", ("ss_months_after_cert", "ss_months_in_qiantang", "ss_months")),
    ("在钱塘就业并参保", ("works_in_qiantang",)),
    ("工作单位类型", ("employer",)),
    ("机关事业单位在编", ("on_public_establishment",)),
    ("荣誉或竞赛奖项", ("honours",)),
    ("由区人社局推荐参评参赛", ("recommended_by_district",)),
    ("上级奖励金额（元）", ("superior_award",)),
    ("钱塘金牌称号", ("gold_title",)),
    ("取证时为钱塘区企业在岗职工", ("qiantang_enterprise_employee_at_cert",)),
    ("取证前钱塘参保月数", ("ss_months_before_cert",)),
    ("已享受补助的最高等级", ("subsidised_level",)),
    ("钱塘区内高校全日制大学生", ("full_time_student_in_qiantang",)),
    ("紧缺工种", ("cert_in_shortage_catalogue", "shortage")),
    ("首次参保月份", ("ss_start_month",)),
    ("取证时在本单位就业", ("employed_here_at_cert",)),
    ("引进日期", ("hired_date",)),
    ("从钱塘区外引进", ("from_outside_qiantang",)),
    ("申报时仍在钱塘工作", ("still_in_qiantang",)),
    ("钱塘户籍", ("qiantang_hukou",)),
    ("通过校企联合培养取证", ("cert_via_programme",)),
    ("毕业去向", ("path",)),
    ("人员类别", ("group",)),
    ("毕业2年以内", ("graduated_within_2_years",)),
    ("浙江省内发证", ("issued_in_zhejiang",)),
    ("二产培训项目", ("secondary_industry",)),
    ("已收取培训费", ("fee_charged",)),
]
HEADERS = [NAME, PROGRAMME] + [h for h, _ in COLUMNS]
COUNT_FIELD = "level"      # a per-count programme (12) reads the row's level as one certified person

YES = {"是", "y", "yes", "true", "√", "✓", "✔", "对", "有", "1"}
NO = {"否", "n", "no", "false", "×", "✗", "✘", "x", "无", "不是", "0"}
# Level words people write besides the document's own (national level numbers, short forms).
LEVEL_WORDS = {"五级": "初级工", "四级": "中级工", "三级": "高级工", "二级": "技师", "一级": "高级技师",
               "初级": "初级工", "中级": "中级工", "高级": "高级工"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_NUMBER = re.compile(r"^[+]?\d[\d,，]*(\.0+)?\s*(元|个月|月|人)?$")
_LIST_SEP = re.compile(r"[、,，;；/\s]+")


class RosterError(Exception):
    """A problem with the whole file (exit 2, Chinese message)."""


class CellError(ValueError):
    """A cell that cannot be read; the row is reported with this message."""


# -- what each programme reads -------------------------------------------------------
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


def _plans(kb) -> dict:
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


def _row_spec(kb, plan: Plan, fact: str) -> dict:
    if plan.kind == "person":
        return kb.facts["person"][fact]
    if plan.kind == "count":
        return {"type": "enum", "values": "levels", "label": "认定发证的等级（每行一人）"}
    return kb.fact_spec(f"{plan.target}[].{fact}")


# -- reading cells ---------------------------------------------------------------------
def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(f"无法识别“{value}”，请填 是/否（也可填 Y/N、√/×、true/false）")


def parse_date(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = _DATE.match(_text(value))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            raise CellError(f"“{value}”不是真实存在的日期") from None
    raise CellError(f"无法识别日期“{value}”，请按 2025-05-10、2025/5/10 或 2025年5月10日 填写")


def parse_month(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    text = _text(value)
    m = _MONTH.match(text)
    if m and 1 <= int(m[2]) <= 12:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    if _DATE.match(text):
        return parse_date(text)[:7]
    raise CellError(f"无法识别月份“{value}”，请按 2025-09、2025/9 或 2025年9月 填写")


def parse_int(value, spec: dict, maxima: dict) -> int:
    if isinstance(value, bool):
        raise CellError(f"应填数字，收到“{value}”")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        text = _text(value)
        if not _NUMBER.match(text):
            raise CellError(f"应填阿拉伯数字，收到“{value}”")
        value = int(re.sub(r"[^\d.]", "", text).split(".")[0])
    lo, hi = spec.get("min"), spec.get("max")
    hi = maxima.get(hi, hi) if isinstance(hi, str) else hi
    if lo is not None and value < lo:
        raise CellError(f"不能小于 {lo}，收到 {value}")
    if hi is not None and value > hi:
        raise CellError(f"不能大于 {hi}，收到 {value}")
    return value


def _enum_words(spec: dict, levels: list) -> dict:
    """Every accepted spelling → the fact's value (codes, Chinese labels and their parts)."""
    values = spec["values"]
    words = {}
    if isinstance(values, dict):
        for code, label in values.items():
            words[code] = code
            words[label] = code
            for part in re.split(r"[/、]", re.sub(r"（[^）]*）", "", label)):
                words.setdefault(part, code)
    else:
        for v in enum_values(spec, levels):
            words[v] = v
    if set(levels) <= set(words.values()):
        for word, level in LEVEL_WORDS.items():
            words.setdefault(word, level)
    return words


def parse_enum(value, words: dict, accepted: list):
    text = re.sub(r"\s+", "", _text(value))
    for candidate in [text, *re.split(r"[/（）()]", text)]:
        if candidate in words:
            return words[candidate]
    raise CellError(f"不认识“{value}”，可填：{'、'.join(accepted)}")


def _cell_parser(spec: dict, kb):
    typ = spec["type"]
    if typ == "bool":
        return parse_bool
    if typ == "date":
        return parse_date
    if typ == "month":
        return parse_month
    if typ == "int":
        return lambda v: parse_int(v, spec, kb.facts)
    if typ in ("enum", "enum_list"):
        words = _enum_words(spec, kb.levels)
        accepted = [spec["values"][k] for k in spec["values"]] if isinstance(spec["values"], dict) \
            else enum_values(spec, kb.levels)
        if typ == "enum":
            return lambda v: parse_enum(v, words, accepted)

        def parse_list(v):
            parts = [p for p in _LIST_SEP.split(_text(v)) if p]
            return [] if parts in ([], ["无"]) else list(dict.fromkeys(parse_enum(p, words, accepted) for p in parts))
        return parse_list
    raise AssertionError(f"no roster parser for type {typ}")  # pragma: no cover - facts.yml is ours


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- the programme a row is for ------------------------------------------------------------
def _programme_words(kb) -> dict:
    from .terms import programme_names

    words = {re.sub(r"\s+", "", k): v for k, v in programme_names().items()}
    for prog in kb.programmes:
        n = prog["number"]
        for key in (str(n), prog["section"], f"项目{n}", f"项目{prog['section']}", f"{prog['section']}、"):
            words.setdefault(key, n)
    return words


def parse_programme(value, words: dict) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", "", _text(value)).strip("“”\"'")
    if text in words:
        return words[text]
    m = re.match(r"^(\d{1,2})\D", text)       # "4-提升技能水平补助", "4 技能提升"
    if m and m[1] in words:
        return words[m[1]]
    raise CellError(f"“申报项目”不认识“{value}”，请填项目编号（1～12）、项目名称或常用叫法（如 技能提升补贴、育才资助、订单班）")


# -- facts -----------------------------------------------------------------------------
def _set(root: dict, path: str, value) -> dict:
    """A copy of `root` with `path` (a.b.c) set; the dicts along the path are copied."""
    head, _, rest = path.partition(".")
    out = dict(root)
    out[head] = _set(root.get(head) or {}, rest, value) if rest else value
    return out


def _get(root: dict, path: str):
    for part in path.split("."):
        if not isinstance(root, dict):
            return None
        root = root.get(part)
    return root


def _org_fields(kb, plans: dict) -> dict:
    """单位信息 keys (Chinese labels from facts.yml) → organisation fact path."""
    paths = dict.fromkeys(p for plan in plans.values() for p in plan.org_facts)
    return {kb.fact_spec(path)["label"]: path for path in paths}


def read_org(pairs, kb, plans) -> tuple:
    """(organisation facts, 单位名称, as_of or None, warnings) from 单位信息 key/value pairs."""
    fields = _org_fields(kb, plans)
    as_of_label = kb.facts["top"]["as_of"]["label"]
    org, name, as_of, warnings = {}, "", None, []
    for key, value in pairs:
        key = re.sub(r"\s+", "", _text(key)).rstrip("：:")
        if not key or _blank(value) or key in ("项目", "填写内容"):
            continue
        try:
            if key == ORG_NAME:
                name = _text(value)
            elif key == as_of_label:
                as_of = parse_date(value)
            elif key in fields:
                org = _set(org, fields[key], _cell_parser(kb.fact_spec(fields[key]), kb)(value))
            else:
                warnings.append(f"“{ORG_SHEET}”中的“{key}”不是可识别的项目，已忽略")
        except CellError as exc:
            raise RosterError(f"“{ORG_SHEET}”中“{key}”填写有误：{exc}") from None
    return org, name, as_of, warnings


# -- one row -------------------------------------------------------------------------------
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


class Checker:
    """Decides roster rows; built once per run (parsers, plans and labels precomputed)."""

    def __init__(self, org: dict, as_of: str):
        self.kb = kb = load()
        self.plans = _plans(kb)
        self.org, self.as_of = org, as_of
        self.decided = {}
        self.words = _programme_words(kb)
        self.parsers = {(n, f): _cell_parser(_row_spec(kb, plan, f), kb)
                        for n, plan in self.plans.items() for f in plan.row_facts}
        self.base_notes = {p["number"]: set(p["notes"]) | {kb.document["draft_note"]} for p in kb.programmes}
        org_labels = {path: label for label, path in _org_fields(kb, self.plans).items()}
        self.where = {}
        for n, plan in self.plans.items():
            for header, fact in plan.columns.items():
                self.where[(n, fact)] = f"{_row_spec(kb, plan, fact)['label']}（填“{header}”列）"
            for path in plan.org_facts:
                self.where[(n, path)] = f"{org_labels[path]}（填“{ORG_SHEET}”表）"
            if plan.kind == "count":
                self.where[(n, plan.target)] = self.where[(n, COUNT_FIELD)]

    def row_values(self, plan: Plan, cells: dict) -> dict:
        """The row's facts (person or item fields) read from its cells; CellError names every bad cell."""
        errors, values = [], {}
        for header, fact in plan.columns.items():
            value = cells.get(header)
            if _blank(value):
                continue
            try:
                values[fact] = self.parsers[(plan.number, fact)](value)
            except CellError as exc:
                errors.append(f"“{header}”：{exc}")
        if errors:
            raise CellError("；".join(errors))
        return values

    def facts_for(self, plan: Plan, values: dict) -> dict:
        """The FACTS.md object for one row: the person, or the organisation with this one head."""
        values = dict(values)
        if plan.kind == "person":
            if "employer" in plan.row_facts and "employer" not in values and self.org.get("kind") == "enterprise":
                values["employer"] = "enterprise"      # the enterprise filing the roster employs its people
            return {"as_of": self.as_of, "person": values}
        if plan.kind == "item":
            return {"as_of": self.as_of, "organisation": _set(self.org, plan.target, [values])}
        level = values.get(COUNT_FIELD)
        org = _set(self.org, plan.target, {level: 1}) if level else self.org
        return {"as_of": self.as_of, "organisation": org}

    def check(self, line: int, cells: dict) -> Row:
        row = Row(line, _text(cells.get(NAME)))
        try:
            if not row.name:
                raise CellError("“姓名”为空")
            if _blank(cells.get(PROGRAMME)):
                raise CellError("“申报项目”为空，请填项目编号、名称或常用叫法")
            number = parse_programme(cells.get(PROGRAMME), self.words)
            row.programme = number
            plan = self.plans.get(number)
            if plan is None:
                raise CellError(f"“{self.kb.programme(number)['name']}”按单位整体申报，不按人员花名册预审，"
                                "请通过政策助手或 check 命令单独咨询")
            values = self.row_values(plan, cells)
            # Same facts, same decision (the engine is pure): rows alike are decided once.
            key = (number, *sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))
            result = self.decided.get(key)
            if result is None:
                decision = engine.decide(self.facts_for(plan, values), validate_facts=False, programmes=[number])
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


# -- reading files ---------------------------------------------------------------------------
def _normalise_header(value) -> str:
    text = re.sub(r"\s+", "", _text(value)).replace("(", "（").replace(")", "）").lstrip("*＊").rstrip("*＊")
    return text


def _map_headers(header_row) -> tuple:
    known = {_normalise_header(h): h for h in HEADERS}
    mapping, unknown = {}, []
    for index, cell in enumerate(header_row):
        text = _normalise_header(cell)
        if not text:
            continue
        header = known.get(text) or known.get(re.sub(r"（[^（）]*）$", "", text))
        if header:
            mapping.setdefault(header, index)
        else:
            unknown.append(text)
    missing = [h for h in (NAME, PROGRAMME) if h not in mapping]
    if missing:
        raise RosterError(f"花名册缺少必填列：{'、'.join(missing)}（第1行应为表头，可用 --template 生成模板）")
    return mapping, unknown


def _read_csv_rows(path: Path) -> list:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as fh:
                return list(csv.reader(fh))
        except UnicodeDecodeError:
            continue
    raise RosterError(f"无法读取 {path.name}：请另存为 UTF-8 编码的 CSV 文件")


def _read_xlsx(path: Path) -> tuple:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:               # openpyxl raises many kinds for a file that is not xlsx
        raise RosterError(f"无法打开 {path.name}：不是有效的 .xlsx 文件（请用 Excel 或 WPS 另存为 .xlsx）") from None
    try:
        names = wb.sheetnames
        roster = ROSTER_SHEET if ROSTER_SHEET in names else next(
            (n for n in names if n not in (ORG_SHEET, HELP_SHEET)), names[0])
        rows = [list(r) for r in wb[roster].iter_rows(values_only=True)]
        org_rows = [list(r[:2]) + [None] * (2 - len(r[:2])) for r in wb[ORG_SHEET].iter_rows(values_only=True)] \
            if ORG_SHEET in names else []
    finally:
        wb.close()
    return rows, org_rows


def _read_org_json(path: Path, kb, plans) -> tuple:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError:
        raise RosterError(f"找不到单位信息文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RosterError(f"单位信息文件 {path.name} 不是合法的 JSON：{exc}") from None
    if not isinstance(data, dict):
        raise RosterError(f"单位信息文件 {path.name} 应为 JSON 对象")
    if "organisation" in data:           # FACTS.md-shaped
        try:
            validate({k: data[k] for k in ("organisation", "as_of") if k in data})
        except FactsError as exc:
            raise RosterError(f"单位信息文件 {path.name}：{exc}") from None
        return data["organisation"] or {}, _text(data.get(ORG_NAME)), data.get("as_of"), []
    return read_org(data.items(), kb, plans)


# -- writing the report ----------------------------------------------------------------------
RESULT_HEADERS = ["行号", NAME, "项目编号", PROGRAMME, "预审结果", "金额（元）", "原因", "依据条款", "说明"]
SUMMARY_HEADERS = ["项目编号", "项目名称", "人数", "符合", "不符合", "待补充", BAD_ROW, "符合人员金额合计（元）",
                   "年度上限（元）", "本年度已领取（元）", "预计可得（元，已按年度上限）", "待补充人员暂估（元）", "说明"]


def _summary(rows: list, checker: Checker) -> list:
    kb, out = checker.kb, []
    for number in sorted({r.programme for r in rows if r.programme}):
        mine = [r for r in rows if r.programme == number]
        count = {s: sum(r.status == s for r in mine) for s in (*STATUS.values(), BAD_ROW)}
        total = sum(r.amount or 0 for r in mine if r.status == "符合")
        pending = sum(r.amount or 0 for r in mine if r.status == "待补充")
        plan, notes = checker.plans.get(number), []
        cap = received = None
        payable = total
        if plan and plan.cap:
            cap = plan.cap["amount"]
            received = _get(checker.org, plan.cap["received"])
            if received is None and total:
                label = checker.kb.fact_spec(plan.cap["received"])["label"]
                notes.append(f"“{ORG_SHEET}”未填写“{label}”，按本年度尚未领取计算。")
            left = max(0, cap - (received or 0))
            payable = min(total, left)
            if total > left:
                notes.append(f"合计{total:,}元超过本年度剩余额度{left:,}元，按{left:,}元计。")
        out.append([number, kb.programme(number)["name"], len(mine), count["符合"], count["不符合"],
                    count["待补充"], count[BAD_ROW], total, cap, received, payable, pending, " ".join(notes)])
    unknown = [r for r in rows if not r.programme]
    if unknown:
        out.append(["—", "（申报项目无法识别）", len(unknown), 0, 0, 0, len(unknown), 0, None, None, 0, 0, ""])
    if out:
        out.append(["合计", "", *[sum(r[i] for r in out) for i in range(2, 8)], None, None,
                    sum(r[10] for r in out), sum(r[11] for r in out), ""])
    return out


def _inert(text: str) -> str:
    """Text from the roster written back as text, never as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _result_line(row: Row, kb) -> list:
    name = kb.programme(row.programme)["name"] if row.programme else ""
    return [row.line, _inert(row.name), row.programme, name, row.status, row.amount, row.reason, row.clause, row.note]


def _info_lines(checker: Checker, org_name: str, skipped: int, warnings: list) -> list:
    lines = [["单位名称", _inert(org_name) or "（未填写）"], ["申报日期", checker.as_of],
             ["规则版本", checker.kb.rules_version], ["提示", checker.kb.document["draft_note"]],
             ["提示", "本结果为预审，最终以区人社局审核为准。"]]
    if skipped:
        lines.append(["提示", f"已忽略 {skipped} 行示例（姓名以“{EXAMPLE}”开头）。"])
    lines.extend(["提示", w] for w in warnings)
    return lines


def _write_xlsx(out: Path, rows, summary, info, kb) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)

    def sheet(title, headers, widths):
        ws = wb.create_sheet(title)
        for letter, width in zip("ABCDEFGHIJKLM", widths):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        cells = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        return ws

    ws = sheet(RESULT_SHEET, RESULT_HEADERS, [6, 10, 8, 26, 10, 11, 60, 14, 40])
    for row in rows:
        ws.append(_result_line(row, kb))
    ws = sheet(SUMMARY_SHEET, SUMMARY_HEADERS, [8, 26, 6, 6, 6, 6, 8, 14, 12, 14, 16, 14, 50])
    for line in summary:
        ws.append(line)
    ws.append([])
    for line in info:
        ws.append(line)
    wb.save(out)


def _write_csv(out: Path, rows, summary, info, kb) -> Path:
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(RESULT_HEADERS)
        writer.writerows(_result_line(r, kb) for r in rows)
    summary_path = out.with_name(f"{out.stem}-{SUMMARY_SHEET}.csv")
    with summary_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SUMMARY_HEADERS)
        writer.writerows(summary)
        writer.writerow([])
        writer.writerows(info)
    return summary_path


# -- the template ----------------------------------------------------------------------------
# One example row per roster programme; the values only show how to fill the columns.
EXAMPLES = {
    1: {"工作单位类型": "企业", "机关事业单位在编": "否", "荣誉或竞赛奖项": "全国技术能手",
        "由区人社局推荐参评参赛": "是", "上级奖励金额（元）": 20000, "在钱塘就业并参保": "是"},
    2: {"钱塘金牌称号": "钱塘金牌技师", "在钱塘就业并参保": "是"},
    3: {"钱塘金牌称号": "钱塘金牌工人", "在钱塘就业并参保": "是"},
    4: {"技能等级": "高级技师", "钱塘连续参保月数": 7, "在钱塘就业并参保": "是",
        "工作单位类型": "企业", "取证时为钱塘区企业在岗职工": "是", "已享受补助的最高等级": "技师"},
    5: {"技能等级": "高级技师", "证书落款日期": "2025-06-01", "取证时在本单位就业": "是"},
    6: {"技能等级": "技师", "引进日期": "2024-05-01", "钱塘连续参保月数": 13, "从钱塘区外引进": "是",
        "申报时仍在钱塘工作": "是", "钱塘户籍": "否"},
    7: {"技能等级": "高级工", "钱塘连续参保月数": 7, "通过校企联合培养取证": "是", "毕业去向": "进入合作企业就业"},
    10: {"技能等级": "中级工", "紧缺工种": "否", "人员类别": "失业人员", "浙江省内发证": "是"},
    11: {"技能等级": "高级工", "证书落款日期": "2025-05-10", "钱塘连续参保月数": 7, "钱塘区内高校全日制大学生": "是",
         "紧缺工种": "是", "首次参保月份": "2025-09"},
    12: {"技能等级": "中级工"},
}


def write_template(path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.utils import get_column_letter

    kb = load()
    plans = _plans(kb)
    wb = Workbook()
    ws = wb.active
    ws.title = ROSTER_SHEET
    ws.append(HEADERS)
    for col, header in enumerate(HEADERS, 1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        if header in (NAME, PROGRAMME):
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        ws.column_dimensions[get_column_letter(col)].width = max(10, len(header) * 2 + 2)
    ws.column_dimensions["B"].width = 26
    ws.freeze_panes = "C2"
    for number, plan in plans.items():
        example = EXAMPLES.get(number, {})
        ws.append([f"{EXAMPLE}{number}", plan.name]
                  + [example.get(h, "") if h in plan.columns else "" for h, _ in COLUMNS])
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(yes_no)
    for col, (header, facts) in enumerate(COLUMNS, 3):
        specs = [_row_spec(kb, p, f) for p in plans.values() for f in facts if f in p.row_facts]
        if specs and all(s["type"] == "bool" for s in specs):
            yes_no.add(f"{get_column_letter(col)}2:{get_column_letter(col)}5000")

    org = wb.create_sheet(ORG_SHEET)
    org.append(["项目", "填写内容", "说明"])
    org.append([ORG_NAME, "", "单位全称（仅用于报告抬头）"])
    org.append([kb.facts["top"]["as_of"]["label"], "", "YYYY-MM-DD，不填按今天；命令行 --as-of 优先"])
    for label, fact in _org_fields(kb, plans).items():
        spec = kb.fact_spec(fact)
        hint = spec.get("question", "")
        if spec["type"] == "enum":
            hint += " 可填：" + "、".join(spec["values"].values() if isinstance(spec["values"], dict) else spec["values"])
        elif spec["type"] == "bool":
            hint += " 填 是/否"
        org.append([label, "", hint.strip()])
    for cell in org[1]:
        cell.font = Font(bold=True)
    org.column_dimensions["A"].width, org.column_dimensions["B"].width, org.column_dimensions["C"].width = 36, 16, 80

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 120
    for line in _help_lines(kb, plans):
        help_ws.append([line])
        help_ws.cell(row=help_ws.max_row, column=1).alignment = Alignment(wrap_text=True)
    wb.save(Path(path))
    return Path(path)


def _help_lines(kb, plans) -> list:
    lines = [
        "花名册填写说明",
        f"1. 每行一人，“{NAME}”“{PROGRAMME}”必填；{PROGRAMME}可填项目编号（如 4）、项目名称或常用叫法（如 技能提升补贴、育才资助、订单班）。",
        f"2. 姓名以“{EXAMPLE}”开头的行是示例，预审时自动忽略；可直接删除。",
        "3. 是/否 可填：是、否、Y、N、√、×、true、false。日期可填 2025-05-10、2025/5/10、2025年5月10日；月份可填 2025-09、2025年9月。",
        "4. 不知道的格子留空：该人结果为“待补充”，报告会写明还需补充哪一项。",
        f"5. 单位本身的情况（单位类型、是否在钱塘区、备案情况、本年度已领取金额等）填在“{ORG_SHEET}”表。",
        "6. 年度上限（如培训补助每个机构每年上限、自主评价资助每家企业每年上限）在报告“汇总”表按项目统一扣减。",
        "",
        "各项目需要填写的列：",
    ]
    org_labels = {path: label for label, path in _org_fields(kb, plans).items()}
    for number, plan in plans.items():
        cols = "；".join(f"{h}（{_row_spec(kb, plan, f)['label']}）" for h, f in plan.columns.items())
        line = f"项目{number} {plan.name}：{cols}"
        if plan.org_facts:
            line += f"。{ORG_SHEET}：" + "、".join(org_labels[p] for p in plan.org_facts)
        lines.append(line)
    skipped = [p for p in kb.programmes if p["number"] not in plans]
    if skipped:
        lines.append("、".join(p["name"] for p in skipped) + "按单位整体申报，不在花名册中预审。")
    lines.append("")
    lines.append(kb.document["draft_note"])
    return lines


# -- command ---------------------------------------------------------------------------------
def add_arguments(parser) -> None:
    """The roster sub-command's arguments (cli.py can call this to add --org)."""
    parser.add_argument("roster", nargs="?", help="花名册 .xlsx 或 .csv")
    parser.add_argument("--out", help="报告路径（.xlsx 或 .csv）")
    parser.add_argument("--template", metavar="PATH", help="写出空白模板（含示例行）")
    parser.add_argument("--as-of", dest="as_of", help="申报日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("--org", help="CSV 花名册的单位信息 JSON（键为“单位信息”表的项目名，或 FACTS 的 organisation）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def run_roster(args) -> int:
    try:
        return _run(args)
    except RosterError as exc:
        return _fail(str(exc))
    except PermissionError as exc:
        return _fail(f"无法写入 {exc.filename}：文件可能正在 Excel 中打开，请关闭后重试")


def _run(args) -> int:
    if args.template:
        path = Path(args.template)
        if path.suffix.lower() != ".xlsx":
            raise RosterError(f"模板只能保存为 .xlsx 文件，收到 {path.name}")
        write_template(path)
        print(f"已生成花名册模板：{path}", file=sys.stderr)
        if not args.roster:
            return 0
    if not args.roster:
        raise RosterError("请提供花名册文件（.xlsx 或 .csv），或用 --template 模板.xlsx 生成空白模板")
    source = Path(args.roster)
    suffix = source.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        hint = "（旧版 .xls 请在 Excel 中另存为 .xlsx）" if suffix == ".xls" else ""
        raise RosterError(f"花名册应为 .xlsx 或 .csv 文件，收到 {source.name}{hint}")
    if not source.is_file():
        raise RosterError(f"找不到花名册文件：{source}")
    out = Path(args.out) if args.out else source.with_name(f"{source.stem}-预审结果.xlsx")
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise RosterError(f"报告应保存为 .xlsx 或 .csv 文件，收到 {out.name}")

    kb = load()
    plans = _plans(kb)
    if suffix == ".xlsx":
        rows, org_rows = _read_xlsx(source)
        org, org_name, as_of, warnings = read_org(org_rows, kb, plans)
    else:
        rows = _read_csv_rows(source)
        org, org_name, as_of, warnings = ({}, "", None, []) if not getattr(args, "org", None) \
            else _read_org_json(Path(args.org), kb, plans)
    if args.as_of:
        try:
            as_of = parse_date(args.as_of)
        except CellError as exc:
            raise RosterError(f"--as-of {exc}") from None
    as_of = as_of or dt.date.today().isoformat()
    if not rows:
        raise RosterError(f"花名册 {source.name} 是空的（第1行应为表头）")
    mapping, unknown = _map_headers(rows[0])
    if unknown:
        warnings.append("已忽略无法识别的列：" + "、".join(unknown))

    checker = Checker(org, as_of)
    people, skipped = [], 0
    for line, raw in enumerate(rows[1:], 2):
        cells = {h: raw[i] if i < len(raw) else None for h, i in mapping.items()}
        if all(_blank(v) for v in cells.values()):
            continue
        if _text(cells.get(NAME)).startswith(EXAMPLE):
            skipped += 1
            continue
        people.append((line, cells))
    if not people:
        raise RosterError(f"花名册 {source.name} 中没有人员数据（示例行已忽略）")

    from tqdm import tqdm

    results = [checker.check(line, cells) for line, cells in
               tqdm(people, desc="预审", unit="行", file=sys.stderr, disable=not sys.stderr.isatty())]
    summary = _summary(results, checker)
    info = _info_lines(checker, org_name, skipped, warnings)
    if out.suffix.lower() == ".xlsx":
        _write_xlsx(out, results, summary, info, kb)
        written = str(out)
    else:
        written = f"{out} 与 {_write_csv(out, results, summary, info, kb)}"
    counts = {s: sum(r.status == s for r in results) for s in (*STATUS.values(), BAD_ROW)}
    print(f"已预审 {len(results)} 行（" + "，".join(f"{k} {v}" for k, v in counts.items()) + f"），报告：{written}",
          file=sys.stderr)
    for warning in warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":          # `python -m policy_kb.roster` (with --org) until cli.py wires it
    import argparse

    _parser = argparse.ArgumentParser(prog="python -m policy_kb.roster", description="企业/机构花名册批量预审")
    add_arguments(_parser)
    sys.exit(run_roster(_parser.parse_args()))
