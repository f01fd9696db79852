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

Modules, in the order a run uses them:
    layout    sheet and column names, statuses, errors
    cells     reading one cell (yes/no, dates, months, numbers, enum words, programme)
    plans     which columns and 单位信息 facts each programme reads
    reading   CSV/xlsx rows, the header row, --org JSON
    facts     a row's cells → FACTS.md facts; 单位信息 → organisation facts
    checks    dates against 申报日期 and each other, the 身份证号
    breakdown how a row's amount is made up (技师 2000 + 钱塘户籍 1000)
    decide    Checker: engine.decide per row, described as a report line
    report    预审结果, 汇总 (annual caps; organisation and individuals apart), 材料与电话
    xlsx_report  the formatted xlsx, its rows streamed
    progress  reading / deciding / writing progress: a bar, log lines or a callback (the web page)
    run       precheck(): file in → report out (the CLI and the web page)
    template  the blank template
    command   the CLI entry (add_arguments, run_roster)

Imports here are stdlib + yaml only (cli.py imports this package for `check` too, which
must run on the system python3); openpyxl and tqdm are imported where they are used.
"""
from .command import add_arguments, run_roster
from .decide import Checker, Row
from .facts import read_org
from .layout import (BAD_ROW, COLUMNS, HEADERS, HELP_SHEET, ORG_SHEET, RESULT_SHEET, ROSTER_SHEET,
                     SUMMARY_SHEET, CellError, RosterError)
from .plans import Plan, programme_plans
from .run import Outcome, precheck
from .template import EXAMPLES, write_template

__all__ = ["add_arguments", "run_roster", "write_template", "Checker", "Row", "read_org", "Plan",
           "programme_plans", "precheck", "Outcome", "BAD_ROW", "COLUMNS", "HEADERS", "HELP_SHEET", "ORG_SHEET", "RESULT_SHEET",
           "ROSTER_SHEET", "SUMMARY_SHEET", "EXAMPLES", "CellError", "RosterError"]
