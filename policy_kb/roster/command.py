"""`python -m policy_kb roster`: arguments, checks on the paths, and the run from file in to report out."""
from __future__ import annotations

import sys
from pathlib import Path

from . import progress
from .cells import parse_date
from .layout import CellError, RosterError
from .run import check_paths, precheck
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
    check_paths(source, out)
    return source, out


def _import_openpyxl_alone() -> None:
    """Import openpyxl without numpy and Pillow, which it loads only in case a cell holds a numpy
    number or the sheet an image (never so for a roster or its report): about 0.15 s of each
    command-line run. Only the command line does this — a short process doing roster work alone;
    a long-running server keeps openpyxl's full import."""
    if "openpyxl" in sys.modules:
        return
    blocked = [name for name in ("numpy", "PIL") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None            # `import numpy` now raises ImportError, which openpyxl expects
    try:
        import openpyxl  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


def _run(args) -> int:
    _import_openpyxl_alone()
    if args.template:
        path = Path(args.template)
        if path.suffix.lower() != ".xlsx":
            raise RosterError(f"模板只能保存为 .xlsx 文件，收到 {path.name}")
        if not path.parent.is_dir():
            raise RosterError(f"保存模板的文件夹不存在：{path.parent}")
        write_template(path)
        print(f"已生成花名册模板：{path}", file=sys.stderr)
        if not args.roster:
            return 0
    source, out = _paths(args)
    if args.as_of:
        try:
            parse_date(args.as_of)
        except CellError as exc:
            raise RosterError(f"--as-of {exc}") from None
    outcome = precheck(source, out, args.as_of, getattr(args, "org", None), progress.for_stream(sys.stderr))
    written = " 与 ".join(str(p) for p in outcome.reports)
    print(f"已预审 {len(outcome.rows)} 行（" + "，".join(f"{k} {v}" for k, v in outcome.counts.items())
          + f"），报告：{written}", file=sys.stderr)
    for warning in outcome.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0
