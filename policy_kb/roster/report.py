"""Writing the report: 预审结果 (one line per row) and 汇总 (per programme, annual caps applied once)."""
from __future__ import annotations

import csv
from pathlib import Path

from ..amounts import yuan
from ..paths import get_path
from .decide import Checker, Row
from .layout import BAD_ROW, EXAMPLE, NAME, ORG_SHEET, PROGRAMME, RESULT_SHEET, STATUSES, SUMMARY_SHEET

RESULT_HEADERS = ["行号", NAME, "项目编号", PROGRAMME, "预审结果", "金额（元）", "原因", "依据条款", "说明"]
SUMMARY_HEADERS = ["项目编号", "项目名称", "人数", "符合", "不符合", "待补充", BAD_ROW, "符合人员金额合计（元）",
                   "年度上限（元）", "本年度已领取（元）", "预计可得（元，已按年度上限）", "待补充人员暂估（元）", "说明"]


def status_counts(rows: list) -> dict:
    """预审结果 → how many rows have it, every status listed."""
    return {s: sum(r.status == s for r in rows) for s in STATUSES}


def summary(rows: list, checker: Checker) -> list:
    kb, out = checker.kb, []
    for number in sorted({r.programme for r in rows if r.programme}):
        mine = [r for r in rows if r.programme == number]
        count = status_counts(mine)
        total = sum(r.amount or 0 for r in mine if r.status == "符合")
        pending = sum(r.amount or 0 for r in mine if r.status == "待补充")
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
        out.append([number, kb.programme(number)["name"], len(mine), count["符合"], count["不符合"],
                    count["待补充"], count[BAD_ROW], total, cap, received, payable, pending, " ".join(notes)])
    unknown = [r for r in rows if not r.programme]
    if unknown:
        out.append(["—", "（申报项目无法识别）", len(unknown), 0, 0, 0, len(unknown), 0, None, None, 0, 0, ""])
    if out:
        out.append(["合计", "", *[sum(r[i] for r in out) for i in range(2, 8)], None, None,
                    sum(r[10] for r in out), sum(r[11] for r in out), ""])
    return out


def _inert(value: str) -> str:
    """Text from the roster written back as text, never as a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _result_line(row: Row, kb) -> list:
    name = kb.programme(row.programme)["name"] if row.programme else ""
    return [row.line, _inert(row.name), row.programme, name, row.status, row.amount, row.reason, row.clause, row.note]


def info_lines(checker: Checker, org_name: str, skipped: int, warnings: list) -> list:
    """The lines under 汇总: who, when, which rules, and the caveats."""
    lines = [["单位名称", _inert(org_name) or "（未填写）"], ["申报日期", checker.as_of],
             ["规则版本", checker.kb.rules_version], ["提示", checker.kb.document["draft_note"]],
             ["提示", "本结果为预审，最终以区人社局审核为准。"]]
    if skipped:
        lines.append(["提示", f"已忽略 {skipped} 行示例（姓名以“{EXAMPLE}”开头）。"])
    lines.extend(["提示", w] for w in warnings)
    return lines


def write_xlsx(out: Path, rows, summary_lines, info, kb) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)      # streams rows: a 10,000-row report stays fast and small in memory
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
    for line in summary_lines:
        ws.append(line)
    ws.append([])
    for line in info:
        ws.append(line)
    wb.save(out)


def _write_csv_file(path: Path, headers: list, lines) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:   # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(lines)


def write_csv(out: Path, rows, summary_lines, info, kb) -> Path:
    """预审结果 to `out` and 汇总 to `<out>-汇总.csv` beside it (CSV has one sheet); returns the latter."""
    _write_csv_file(out, RESULT_HEADERS, (_result_line(r, kb) for r in rows))
    summary_path = out.with_name(f"{out.stem}-{SUMMARY_SHEET}.csv")
    _write_csv_file(summary_path, SUMMARY_HEADERS, [*summary_lines, [], *info])
    return summary_path
