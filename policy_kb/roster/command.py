"""`python -m policy_kb roster`: arguments, checks on the paths, and the run from file in to report out."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..kb import load
from .cells import blank, parse_date, text
from .decide import Checker
from .facts import read_org
from .layout import EXAMPLE, NAME, CellError, RosterError
from .plans import programme_plans
from .reading import map_headers, read_csv_rows, read_org_json, read_xlsx
from .report import info_lines, status_counts, summary, write_csv, write_xlsx
from .template import write_template


def add_arguments(parser) -> None:
    """The roster sub-command's arguments (cli.py and `python -m policy_kb.roster` share them)."""
    parser.add_argument("roster", nargs="?", help="花名册 .xlsx 或 .csv")
    parser.add_argument("--out", help="报告路径（.xlsx 或 .csv）")
    parser.add_argument("--template", metavar="PATH", help="写出空白模板（含示例行）")
    parser.add_argument("--as-of", dest="as_of", help="申报日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("--org", help="CSV 花名册的单位信息 JSON（键为“单位信息”表的项目名，或 FACTS 的 organisation）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def run_roster(args) -> int:
    """Exit code: 0 report written, 2 the whole file could not be handled (one Chinese line on stderr)."""
    try:
        return _run(args)
    except RosterError as exc:
        return _fail(str(exc))
    except PermissionError as exc:
        return _fail(f"无法写入 {exc.filename}：文件可能正在 Excel 中打开，请关闭后重试")


def _paths(args) -> tuple:
    """(roster, report) paths, checked before any work is done."""
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
    return source, out


def _people(rows: list, mapping: dict) -> tuple:
    """([(line, {header: cell})] of the rows to decide, number of example rows skipped); blank rows dropped."""
    people, skipped = [], 0
    for line, raw in enumerate(rows[1:], 2):
        cells = {h: raw[i] if i < len(raw) else None for h, i in mapping.items()}
        if all(blank(v) for v in cells.values()):
            continue
        if text(cells.get(NAME)).startswith(EXAMPLE):
            skipped += 1
            continue
        people.append((line, cells))
    return people, skipped


def _run(args) -> int:
    if args.template:
        path = Path(args.template)
        if path.suffix.lower() != ".xlsx":
            raise RosterError(f"模板只能保存为 .xlsx 文件，收到 {path.name}")
        write_template(path)
        print(f"已生成花名册模板：{path}", file=sys.stderr)
        if not args.roster:
            return 0
    source, out = _paths(args)

    kb = load()
    plans = programme_plans(kb)
    if source.suffix.lower() == ".xlsx":
        rows, org_rows = read_xlsx(source)
        org, org_name, as_of, warnings = read_org(org_rows, kb, plans)
    else:
        rows = read_csv_rows(source)
        org, org_name, as_of, warnings = ({}, "", None, []) if not getattr(args, "org", None) \
            else read_org_json(Path(args.org), kb, plans)
    if args.as_of:
        try:
            as_of = parse_date(args.as_of)
        except CellError as exc:
            raise RosterError(f"--as-of {exc}") from None
    as_of = as_of or dt.date.today().isoformat()
    if not rows:
        raise RosterError(f"花名册 {source.name} 是空的（第1行应为表头）")
    mapping, unknown = map_headers(rows[0])
    if unknown:
        warnings.append("已忽略无法识别的列：" + "、".join(unknown))

    checker = Checker(org, as_of)
    people, skipped = _people(rows, mapping)
    if not people:
        raise RosterError(f"花名册 {source.name} 中没有人员数据（示例行已忽略）")

    from tqdm import tqdm

    results = [checker.check(line, cells) for line, cells in
               tqdm(people, desc="预审", unit="行", file=sys.stderr, disable=not sys.stderr.isatty())]
    summary_lines = summary(results, checker)
    info = info_lines(checker, org_name, skipped, warnings)
    if out.suffix.lower() == ".xlsx":
        write_xlsx(out, results, summary_lines, info, kb)
        written = str(out)
    else:
        written = f"{out} 与 {write_csv(out, results, summary_lines, info, kb)}"
    counts = status_counts(results)
    print(f"已预审 {len(results)} 行（" + "，".join(f"{k} {v}" for k, v in counts.items()) + f"），报告：{written}",
          file=sys.stderr)
    for warning in warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0
