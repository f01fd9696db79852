"""One roster run, file in → report out, shared by the command line and the web page.

`precheck()` raises RosterError (a Chinese sentence) for a file that cannot be handled at all;
anything wrong with one row is written on that row of the report.
"""
from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path

from ..kb import load
from .cells import blank, parse_date, text
from .decide import Checker, Row
from .facts import Org, read_org
from .layout import BAD_ROW, EXAMPLE, ID_NUMBER, LEGACY, NAME, ORG_SHEET, CellError, RosterError
from .plans import programme_plans
from .progress import Progress
from .reading import map_headers, read_csv_rows, read_org_json, read_xlsx
from .report import info_lines, status_counts, summary, write_csv, write_xlsx


@dataclass
class Outcome:
    rows: list                 # Row per person row
    summary: list              # 汇总 lines (report.summary)
    info: list                 # [label, text] lines under 汇总
    warnings: list
    counts: dict               # status → rows
    reports: list = field(default_factory=list)   # the files written


def check_paths(source: Path, out: Path) -> None:
    """RosterError before any work when the report could not be written or would overwrite the roster."""
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise RosterError(f"报告应保存为 .xlsx 或 .csv 文件，收到 {out.name}")
    if not out.parent.is_dir():
        raise RosterError(f"保存报告的文件夹不存在：{out.parent}（请先建好文件夹，或换一个 --out 路径）")
    if out.resolve() == source.resolve():
        raise RosterError(f"报告路径与花名册相同（{out.name}），会覆盖原花名册：请换一个报告文件名")


def _people(rows: list, header: int, mapping: dict, warnings: list) -> tuple:
    """([(line, {header: cell})] of the rows to decide, number of example rows skipped); blank rows dropped."""
    legacy = {old: new for old, new in LEGACY.items() if old in mapping}
    for old, new in legacy.items():
        warnings.append(f"“{old}”一列已拆分为{'、'.join(f'“{n}”' for n in new)}，已按各项目的含义读取；"
                        "请改用新模板，每列只填一种月数")
    people, skipped = [], 0
    # {header: cell} of the non-empty cells only: a blank cell reads as a missing one everywhere
    # (cells.get() gives None), and a roster row fills a handful of its forty columns.
    names = [None] * (max(mapping.values()) + 1)
    for header_name, index in mapping.items():
        names[index] = header_name
    for line, raw in enumerate(rows[header + 1:], header + 2):
        cells = {h: v for h, v in zip(names, raw) if v is not None and v != ""}
        cells.pop(None, None)
        if all(blank(v) for v in cells.values()):
            continue
        if text(cells.get(NAME)).startswith(EXAMPLE):
            skipped += 1
            continue
        for old, new in legacy.items():
            for column in new:
                if blank(cells.get(column)) and not blank(cells.get(old)):
                    cells[column] = cells[old]
        people.append((line, cells))
    return people, skipped


def _mark_duplicates(rows: list) -> None:
    """The second and later rows with the same 身份证号 and programme: 数据有误, not counted twice."""
    first = {}
    for row in rows:
        if not row.id_number or row.programme is None or row.status == BAD_ROW:
            continue
        key = (row.id_number, row.programme)
        if key in first:
            row.status, row.amount, row.breakdown = BAD_ROW, None, ""
            row.reason = f"与第{first[key]}行的“{ID_NUMBER}”相同且申报同一项目，重复的行不计入汇总"
        else:
            first[key] = row.line


def _org_warning(rows: list, checker: Checker, csv_without_org: bool, sheets: list | None) -> list:
    """A warning when rows need 单位信息 and the file gave none (a renamed sheet, a CSV without --org)."""
    needing = sorted({r.programme for r in rows if r.programme in checker.plans
                      and checker.plans[r.programme].org_facts})
    if not needing:
        return []
    names = "、".join(f"项目{n}" for n in needing)
    if csv_without_org:
        return [f"CSV 花名册没有附单位信息（--org 单位信息.json），{names}的单位条件按未填写处理，相关人员为“待补充”"]
    if sheets is not None:
        return [f"工作簿中没有名为“{ORG_SHEET}”的工作表（现有：{'、'.join(sheets)}），{names}的单位条件按未填写处理，"
                f"相关人员为“待补充”；如已改名，请改回“{ORG_SHEET}”"]
    return []


def precheck(source: Path, out: Path, as_of: str | None = None, org_json: Path | None = None,
             progress: Progress | None = None) -> Outcome:
    """Read `source` (.xlsx or .csv), decide every row, write the report to `out`."""
    # The run builds millions of small objects that live until its end and hold almost no reference
    # cycles: Python's cyclic collector would walk them again and again (about 1 s of a 100,000-row
    # run), so it pauses for the run (for every thread, for a few seconds) and resumes afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _precheck(source, out, as_of, org_json, progress)
    finally:
        if collecting:
            gc.enable()


def _precheck(source: Path, out: Path, as_of: str | None, org_json: Path | None, progress: Progress | None) -> Outcome:
    progress = progress or Progress()
    check_paths(source, out)
    kb = load()
    plans = programme_plans(kb)
    missing_org_sheet = None
    if source.suffix.lower() == ".xlsx":
        rows, org_rows, sheets = read_xlsx(source, progress)
        org = read_org(org_rows or [], kb, plans)
        missing_org_sheet = sheets if org_rows is None else None
    else:
        rows = read_csv_rows(source, progress)
        org = read_org_json(Path(org_json), kb, plans) if org_json else Org()
    if as_of:
        try:
            as_of = parse_date(as_of)
        except CellError as exc:
            raise RosterError(f"申报日期{exc}") from None
    as_of = as_of or org.as_of or dt.date.today().isoformat()
    if not rows:
        raise RosterError(f"花名册 {source.name} 是空的（应有一行表头：{NAME}、申报项目……）")
    header, mapping, unknown = map_headers(rows)
    warnings = list(org.warnings)
    if header:
        warnings.append(f"表头在第{header + 1}行，上面的{header}行（标题）已跳过")
    if unknown:
        warnings.append("已忽略无法识别的列：" + "、".join(unknown))
    people, skipped = _people(rows, header, mapping, warnings)
    if not people:
        raise RosterError(f"花名册 {source.name} 中没有人员数据（示例行已忽略）")

    checker = Checker(org.facts, as_of, org.errors)
    results = [checker.check(line, cells) for line, cells in progress.track("decide", people, len(people))]
    _mark_duplicates(results)
    warnings += _org_warning(results, checker, source.suffix.lower() == ".csv" and not org_json, missing_org_sheet)
    summary_lines = summary(results, checker)
    info = info_lines(checker, org.name, skipped, warnings)
    if out.suffix.lower() == ".xlsx":
        write_xlsx(out, results, summary_lines, info, kb, progress)
        reports = [out]
    else:
        reports = [out, write_csv(out, results, summary_lines, info, kb, progress)]
    return Outcome(results, summary_lines, info, warnings, status_counts(results), reports)


__all__ = ["Outcome", "Row", "check_paths", "precheck"]
