"""The blank roster template: 花名册 with one example row per programme, 单位信息, 填写说明; drop-downs for
every column with a fixed set of values (their lists on a hidden sheet), date columns formatted as dates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..kb import load
from .cells import accepted_values
from .layout import (COLUMNS, EXAMPLE, HEADERS, HELP_SHEET, ID_NUMBER, NAME, ORG_NAME, ORG_SHEET, PROGRAMME,
                     ROSTER_SHEET)
from .plans import org_fields, org_labels, programme_plans, row_spec

# One example row per roster programme; the values only show how to fill the columns.
EXAMPLES = {
    1: {"工作单位类型": "企业", "机关事业单位在编": "否", "荣誉或竞赛奖项": "全国技术能手",
        "由区人社局推荐参评参赛": "是", "上级奖励金额（元）": 20000, "在钱塘就业并参保": "是"},
    2: {"钱塘金牌称号": "钱塘金牌技师", "在钱塘就业并参保": "是"},
    3: {"钱塘金牌称号": "钱塘金牌工人", "在钱塘就业并参保": "是"},
    4: {"技能等级": "高级技师", "取证后钱塘连续参保月数": 7, "在钱塘就业并参保": "是",
        "工作单位类型": "企业", "取证时为钱塘区企业在岗职工": "是", "已享受补助的最高等级": "技师"},
    5: {"技能等级": "高级技师", "证书落款日期": dt.date(2025, 6, 1), "取证时在本单位就业": "是"},
    6: {"技能等级": "技师", "引进日期": dt.date(2024, 5, 1), "引进后钱塘连续参保月数": 13, "从钱塘区外引进": "是",
        "申报时仍在钱塘工作": "是", "钱塘户籍": "否"},
    7: {"技能等级": "高级工", "毕业后钱塘连续参保月数": 7, "通过校企联合培养取证": "是", "毕业去向": "进入合作企业就业"},
    10: {"技能等级": "中级工", "紧缺工种": "否", "人员类别": "失业人员", "浙江省内发证": "是"},
    11: {"技能等级": "高级工", "证书落款日期": dt.date(2025, 5, 10), "取证后钱塘连续参保月数": 7,
         "钱塘区内高校全日制大学生": "是", "紧缺工种": "是", "首次参保月份": dt.date(2025, 6, 1)},
    12: {"技能等级": "中级工"},
}
TEMPLATE_ROWS = 5000          # rows that get drop-downs and date formats
DATE_FORMATS = {"date": "yyyy-mm-dd", "month": "yyyy-mm"}
OPTIONS_SHEET = "选项"         # hidden: the drop-down lists (Excel caps an inline list at 255 characters)
YES_NO = ["是", "否"]


def _choices(specs: list, kb) -> list | None:
    """The drop-down of a column whose facts are all yes/no or all enums; None otherwise."""
    if specs and all(s["type"] == "bool" for s in specs):
        return YES_NO
    if specs and all(s["type"] in ("enum", "enum_list") for s in specs):
        return list(dict.fromkeys(v for s in specs for v in accepted_values(s, kb.levels)))
    return None


class _Lists:
    """Writes each drop-down list once into the hidden 选项 sheet and hands out its range."""

    def __init__(self, wb):
        self.ws = wb.create_sheet(OPTIONS_SHEET)
        self.ws.sheet_state = "hidden"
        self.ranges = {}

    def validation(self, values: list, strict: bool = True):
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        key = tuple(values)
        if key not in self.ranges:
            col = get_column_letter(len(self.ranges) + 1)
            for row, value in enumerate(values, 1):
                self.ws[f"{col}{row}"] = value
            self.ranges[key] = f"{OPTIONS_SHEET}!${col}$1:${col}${len(values)}"
        # Not strict: the reader also accepts other spellings (Y/N, 二级, several honours…); Excel only warns.
        return DataValidation(type="list", formula1=self.ranges[key], allow_blank=True, showErrorMessage=strict,
                              errorStyle="warning", errorTitle="请从下拉列表中选择",
                              error="这一格建议从下拉列表中选择；其他写法见“填写说明”。")


def _roster_sheet(wb, kb, plans, lists: _Lists) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.active
    ws.title = ROSTER_SHEET
    ws.append(HEADERS)
    for col, header in enumerate(HEADERS, 1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        if header in (NAME, PROGRAMME):
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        ws.column_dimensions[get_column_letter(col)].width = max(10, len(header) * 2 + 2)
    ws.column_dimensions[get_column_letter(HEADERS.index(PROGRAMME) + 1)].width = 26
    ws.column_dimensions[get_column_letter(HEADERS.index(ID_NUMBER) + 1)].width = 21
    ws.freeze_panes = f"{get_column_letter(HEADERS.index(PROGRAMME) + 2)}2"      # 姓名…申报项目 stay in view
    for number, plan in plans.items():
        example = {NAME: f"{EXAMPLE}{number}", PROGRAMME: plan.name, **EXAMPLES.get(number, {})}
        ws.append([example.get(h, "") if h in (NAME, PROGRAMME) or h in plan.columns else "" for h in HEADERS])

    def column_range(header):
        letter = get_column_letter(HEADERS.index(header) + 1)
        return f"{letter}2:{letter}{TEMPLATE_ROWS}"

    programmes = lists.validation([p.name for p in plans.values()], strict=False)
    programmes.add(column_range(PROGRAMME))
    ws.add_data_validation(programmes)
    # Column formats (no cells made): 身份证号 as text — Excel would round an 18-digit number — and dates.
    ws.column_dimensions[get_column_letter(HEADERS.index(ID_NUMBER) + 1)].number_format = "@"
    for header, facts in COLUMNS:
        specs = [row_spec(kb, p, f) for p in plans.values() for f in facts if f in p.row_facts]
        choices = _choices(specs, kb)
        if choices:
            dv = lists.validation(choices, strict=all(s["type"] != "enum_list" for s in specs))
            dv.add(column_range(header))
            ws.add_data_validation(dv)
        kinds = {s["type"] for s in specs}
        if len(kinds) == 1 and (fmt := DATE_FORMATS.get(kinds.pop())):
            ws.column_dimensions[get_column_letter(HEADERS.index(header) + 1)].number_format = fmt
            for row in ws.iter_rows(min_row=2, min_col=HEADERS.index(header) + 1, max_col=HEADERS.index(header) + 1):
                row[0].number_format = fmt          # the example rows' own cells


def _org_sheet(wb, kb, plans, lists: _Lists) -> None:
    from openpyxl.styles import Font

    org = wb.create_sheet(ORG_SHEET, 1)
    org.append(["项目", "填写内容", "说明"])
    org.append([ORG_NAME, "", "单位全称（仅用于报告抬头）"])
    org.append([kb.facts["top"]["as_of"]["label"], None, "日期，不填按今天；命令行 --as-of 或网页上填的申报日期优先"])
    org.cell(row=3, column=2).number_format = DATE_FORMATS["date"]
    for label, fact in org_fields(kb, plans).items():
        spec = kb.fact_spec(fact)
        hint = spec.get("question", "")
        choices = _choices([spec], kb)
        if choices:
            hint += " 可填：" + "、".join(choices)
        org.append([label, "", hint.strip()])
        if choices:
            dv = lists.validation(choices)
            dv.add(f"B{org.max_row}")
            org.add_data_validation(dv)
    for cell in org[1]:
        cell.font = Font(bold=True)
    org.column_dimensions["A"].width, org.column_dimensions["B"].width, org.column_dimensions["C"].width = 36, 16, 80


def write_template(path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    kb = load()
    plans = programme_plans(kb)
    wb = Workbook()
    lists = _Lists(wb)
    _roster_sheet(wb, kb, plans, lists)
    _org_sheet(wb, kb, plans, lists)
    help_ws = wb.create_sheet(HELP_SHEET, 2)
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
        f"7. {ID_NUMBER}填18位（末位可为X），用于发现重复行：同一{ID_NUMBER}申报同一项目的第二行起标为“数据有误”，不重复计数。"
        "工种、证书编号照抄证书，原样写入报告。",
        "8. 日期不能晚于申报日期；取证后/引进后的参保月数不能超过从证书落款日期（或首次参保月份、引进日期）到申报日期的月数。",
        "9. 三种参保月数各填各列：取证后钱塘连续参保月数（项目4、11）、引进后钱塘连续参保月数（项目6）、毕业后钱塘连续参保月数（项目7）。",
        "",
        "各项目需要填写的列：",
    ]
    labels = org_labels(kb, plans)
    for number, plan in plans.items():
        cols = "；".join(f"{h}（{row_spec(kb, plan, f)['label']}）" for h, f in plan.columns.items())
        line = f"项目{number} {plan.name}：{cols}"
        if plan.org_facts:
            line += f"。{ORG_SHEET}：" + "、".join(labels[p] for p in plan.org_facts)
        lines.append(line)
    skipped = [p for p in kb.programmes if p["number"] not in plans]
    if skipped:
        lines.append("、".join(p["name"] for p in skipped) + "按单位整体申报，不在花名册中预审。")
    lines.append("")
    lines.append(kb.document["draft_note"])
    return lines
