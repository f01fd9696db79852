"""The report: 预审结果 (one line per row), 汇总 (per programme, annual caps applied once, money for
the organisation and for individuals totalled apart) and 材料与电话 (from the programme files).

xlsx reports are formatted for people (colours by status, filter, wrapped text, number formats,
landscape fit-to-width printing); the 预审结果 rows are streamed by xlsx_rows.py.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from ..amounts import yuan
from ..paths import get_path
from .decide import Checker, Row
from .layout import (BAD_ROW, CERT_NO, EXAMPLE, ID_NUMBER, NAME, ORG_SHEET, PROGRAMME, RESULT_SHEET, STATUSES,
                     SUMMARY_SHEET, TRADE)
from .progress import Progress

MATERIALS_SHEET = "材料与电话"
PAYEE = {"organisation": "单位", "person": "个人"}          # programme subject → who is paid
AMOUNT, BREAKDOWN, STATUS_HEADER, PAYEE_HEADER = "金额（元）", "金额构成", "预审结果", "资金拨付给"
RESULT_HEADERS = ["行号", NAME, ID_NUMBER, TRADE, CERT_NO, "项目编号", PROGRAMME, PAYEE_HEADER, STATUS_HEADER,
                  AMOUNT, BREAKDOWN, "原因", "依据条款", "说明"]
RESULT_WIDTHS = [6, 10, 20, 12, 16, 8, 24, 8, 10, 11, 26, 50, 14, 36]
SUMMARY_HEADERS = ["项目编号", "项目名称", PAYEE_HEADER, "人数", "符合", "不符合", "待补充", BAD_ROW,
                   "符合人员金额合计（元）", "年度上限（元）", "本年度已领取（元）", "预计可得（元，已按年度上限）",
                   "待补充人员暂估（元）", "说明"]
SUMMARY_WIDTHS = [8, 26, 10, 6, 6, 7, 7, 8, 14, 12, 14, 16, 14, 44]
MATERIALS_HEADERS = ["项目编号", "项目名称", "申报材料", "受理单位", "咨询电话"]
TOTAL = {p: f"合计（拨付给{p}）" for p in PAYEE.values()}
ALL_ROWS = "全部人员"
# Status → fill colour of its 预审结果 cell (and row): green, red, yellow, grey.
STATUS_COLOURS = {"符合": "C6EFCE", "不符合": "FFC7CE", "待补充": "FFEB9C", BAD_ROW: "D9D9D9"}


def status_counts(rows: list) -> dict:
    """预审结果 → how many rows have it, every status listed."""
    counted = Counter(r.status for r in rows)
    return {s: counted[s] for s in STATUSES}


def payee(kb, number: int) -> str:
    return PAYEE[kb.programme(number)["subject"]]


def summary(rows: list, checker: Checker) -> list:
    """汇总 lines: one per programme, 申报项目无法识别, then the totals for each payee and all rows."""
    kb, out = checker.kb, []
    by_programme = {}
    for r in rows:
        by_programme.setdefault(r.programme, []).append(r)
    for number in sorted(n for n in by_programme if n):
        mine = by_programme[number]
        count = status_counts(mine)
        total = pending = 0
        for r in mine:
            if r.amount:
                if r.status == "符合":
                    total += r.amount
                elif r.status == "待补充":
                    pending += r.amount
        plan, notes = checker.plans.get(number), []
        cap = received = None
        payable = total
        if plan and plan.cap:
            cap = plan.cap["amount"]
            received = get_path(checker.org, plan.cap["received"])
            if received is None and total:
                label = kb.fact_spec(plan.cap["received"])["label"]
                notes.append(f"“{ORG_SHEET}”未填写“{label}”，按本年度尚未领取计算。")
            left = max(0, cap - (received or 0))
            payable = min(total, left)
            if total > left:
                notes.append(f"合计{yuan(total)}超过本年度剩余额度{yuan(left)}，按{yuan(left)}计。")
        out.append([number, kb.programme(number)["name"], payee(kb, number), len(mine), count["符合"], count["不符合"],
                    count["待补充"], count[BAD_ROW], total, cap, received, payable, pending, " ".join(notes)])
    unknown = by_programme.get(None, [])
    if unknown:
        out.append(["—", "（申报项目无法识别）", "", len(unknown), 0, 0, 0, len(unknown), 0, None, None, 0, 0, ""])
    totals = []
    for who, label in TOTAL.items():
        mine = [line for line in out if line[2] == who]
        if mine:
            totals.append([label, "", who, *[sum(r[i] for r in mine) for i in range(3, 9)], None, None,
                           sum(r[11] for r in mine), sum(r[12] for r in mine), "两类资金分别拨付，不相加"])
    if out:
        totals.append([ALL_ROWS, "", "", *[sum(r[i] for r in out) for i in range(3, 8)], None, None, None, None,
                       None, ""])
    return out + totals


def _inert(value: str) -> str:
    """Text from the roster written back as text, never as a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def result_lines(rows: list, kb):
    """The 预审结果 lines, in RESULT_HEADERS order."""
    names = {p["number"]: (p["name"], PAYEE[p["subject"]]) for p in kb.programmes}
    for row in rows:
        name, who = names.get(row.programme, ("", ""))
        yield [row.line, _inert(row.name), _inert(row.id_number), _inert(row.trade), _inert(row.cert_no),
               row.programme, name, who, row.status, row.amount, row.breakdown, row.reason, row.clause, row.note]


def material_lines(rows: list, kb) -> list:
    """What to hand in and whom to call, for each programme of the roster (programme files' 材料/单位/电话)."""
    lines = []
    for number in sorted({r.programme for r in rows if r.programme}):
        prog = kb.programme(number)
        materials = [f"{i}. {m}" for i, m in enumerate(prog["materials"], 1)] or \
            [n for n in prog["notes"] if "材料" in n] or ["（政策原文未列申报材料清单）"]
        lines.append([number, prog["name"], "\n".join(materials), prog["unit"], prog["phone"]])
    return lines


def info_lines(checker: Checker, org_name: str, skipped: int, warnings: list) -> list:
    """The lines under 汇总: who, when, which rules, and the caveats."""
    lines = [["单位名称", _inert(org_name) or "（未填写）"], ["申报日期", checker.as_of],
             ["规则版本", checker.kb.rules_version], ["提示", checker.kb.document["draft_note"]],
             ["提示", "本结果为预审，最终以区人社局审核为准。"]]
    if skipped:
        lines.append(["提示", f"已忽略 {skipped} 行示例（姓名以“{EXAMPLE}”开头）。"])
    lines.extend(["提示", w] for w in warnings)
    return lines


def write_xlsx(out: Path, rows, summary_lines, info, kb, progress: Progress = Progress()) -> None:
    from .xlsx_report import write_report

    write_report(out, rows, summary_lines, info, kb, progress)


def _write_csv_file(path: Path, headers: list, lines) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:   # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(lines)


def write_csv(out: Path, rows, summary_lines, info, kb, progress: Progress = Progress()) -> Path:
    """预审结果 to `out` and 汇总 to `<out>-汇总.csv` beside it (CSV has one sheet); returns the latter."""
    _write_csv_file(out, RESULT_HEADERS, progress.track("write", result_lines(rows, kb), len(rows)))
    summary_path = out.with_name(f"{out.stem}-{SUMMARY_SHEET}.csv")
    _write_csv_file(summary_path, SUMMARY_HEADERS, [*summary_lines, [], *info, [],
                                                   MATERIALS_HEADERS, *material_lines(rows, kb)])
    return summary_path


__all__ = ["Row", "summary", "status_counts", "info_lines", "write_xlsx", "write_csv", "result_lines"]
