"""The blank roster template: 花名册 with one example row per programme, 单位信息, 填写说明."""
from __future__ import annotations

from pathlib import Path

from ..kb import load
from .cells import accepted_values
from .layout import COLUMNS, EXAMPLE, HEADERS, HELP_SHEET, NAME, ORG_NAME, ORG_SHEET, PROGRAMME, ROSTER_SHEET
from .plans import org_fields, org_labels, programme_plans, row_spec

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
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    kb = load()
    plans = programme_plans(kb)
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
        specs = [row_spec(kb, p, f) for p in plans.values() for f in facts if f in p.row_facts]
        if specs and all(s["type"] == "bool" for s in specs):
            yes_no.add(f"{get_column_letter(col)}2:{get_column_letter(col)}5000")

    org = wb.create_sheet(ORG_SHEET)
    org.append(["项目", "填写内容", "说明"])
    org.append([ORG_NAME, "", "单位全称（仅用于报告抬头）"])
    org.append([kb.facts["top"]["as_of"]["label"], "", "YYYY-MM-DD，不填按今天；命令行 --as-of 优先"])
    for label, fact in org_fields(kb, plans).items():
        spec = kb.fact_spec(fact)
        hint = spec.get("question", "")
        if spec["type"] == "enum":
            hint += " 可填：" + "、".join(accepted_values(spec, kb.levels))
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
