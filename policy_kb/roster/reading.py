"""Reading a roster file: CSV (UTF-8 or GBK) or xlsx rows, the header row, and --org JSON."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from ..schema import FactsError, validate
from .cells import squeezed, text
from .facts import Org, read_org
from .layout import (HEADER_SEARCH_ROWS, HEADERS, HELP_SHEET, LEGACY, NAME, ORG_NAME, ORG_SHEET, PROGRAMME,
                     ROSTER_SHEET, RosterError)
from .progress import Progress


def _normalise_header(value) -> str:
    return squeezed(value).replace("(", "（").replace(")", "）").lstrip("*＊").rstrip("*＊")


def _header_mapping(header_row) -> tuple:
    known = {_normalise_header(h): h for h in [*HEADERS, *LEGACY]}
    mapping, unknown = {}, []
    for index, cell in enumerate(header_row):
        written = _normalise_header(cell)
        if not written:
            continue
        header = known.get(written) or known.get(re.sub(r"（[^（）]*）$", "", written))
        if header:
            mapping.setdefault(header, index)
        else:
            unknown.append(written)
    return mapping, unknown


def map_headers(rows: list) -> tuple:
    """(index of the header row, {header: column index}, [unrecognised headers]).

    The header is the first of the top HEADER_SEARCH_ROWS rows that has 姓名 and 申报项目
    (a title row above it is common); RosterError names what is missing otherwise."""
    best = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, unknown = _header_mapping(row)
        if NAME in mapping and PROGRAMME in mapping:
            return index, mapping, unknown
        if best is None and mapping:
            best = mapping
    missing = [h for h in (NAME, PROGRAMME) if h not in (best or {})]
    raise RosterError(f"花名册缺少必填列：{'、'.join(missing)}（前{HEADER_SEARCH_ROWS}行中没有同时含“{NAME}”“{PROGRAMME}”的表头行，"
                      "可下载模板对照）")


def read_csv_rows(path: Path, progress: Progress = Progress()) -> list:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as fh:
                return list(progress.track("read", csv.reader(fh), None))
        except UnicodeDecodeError:
            continue
    raise RosterError(f"无法读取 {path.name}：请另存为 UTF-8 编码的 CSV 文件")


def read_xlsx(path: Path, progress: Progress = Progress()) -> tuple:
    """(roster rows, 单位信息 key/value rows or None when the workbook has no such sheet, sheet names)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:               # openpyxl raises many kinds for a file that is not xlsx
        raise RosterError(f"无法打开 {path.name}：不是有效的 .xlsx 文件（请用 Excel 或 WPS 另存为 .xlsx）") from None
    try:
        names = wb.sheetnames
        roster = ROSTER_SHEET if ROSTER_SHEET in names else next(
            (n for n in names if n not in (ORG_SHEET, HELP_SHEET)), names[0])
        ws = wb[roster]
        rows = [list(r) for r in progress.track("read", ws.iter_rows(values_only=True), ws.max_row)]
        org_rows = [list(r[:2]) + [None] * (2 - len(r[:2])) for r in wb[ORG_SHEET].iter_rows(values_only=True)] \
            if ORG_SHEET in names else None
    finally:
        wb.close()
    return rows, org_rows, names


def read_org_json(path: Path, kb, plans) -> tuple:
    """read_org's Org from --org: 单位信息 keys, or FACTS.md's {"organisation": {...}}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError:
        raise RosterError(f"找不到单位信息文件：{path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RosterError(f"单位信息文件 {path.name} 不是合法的 JSON：{exc}") from None
    if not isinstance(data, dict):
        raise RosterError(f"单位信息文件 {path.name} 应为 JSON 对象")
    if "organisation" in data:
        try:
            validate({k: data[k] for k in ("organisation", "as_of") if k in data})
        except FactsError as exc:
            raise RosterError(f"单位信息文件 {path.name}：{exc}") from None
        return Org(data["organisation"] or {}, text(data.get(ORG_NAME)), data.get("as_of"))
    return read_org(data.items(), kb, plans)
