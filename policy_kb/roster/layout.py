"""What a roster and its report look like: sheet and column names, statuses, the two kinds of error."""
from __future__ import annotations

ROSTER_SHEET, ORG_SHEET, HELP_SHEET, RESULT_SHEET, SUMMARY_SHEET = "花名册", "单位信息", "填写说明", "预审结果", "汇总"
NAME, PROGRAMME = "姓名", "申报项目"
# The official 花名册's identity columns: carried into the report, never into the facts.
ID_NUMBER, TRADE, CERT_NO = "身份证号", "工种", "证书编号"
IDENTITY = (ID_NUMBER, TRADE, CERT_NO)
ORG_NAME = "单位名称"
EXAMPLE = "示例"
STATUS = {"eligible": "符合", "ineligible": "不符合", "needs_info": "待补充"}
BAD_ROW = "数据有误"
STATUSES = (*STATUS.values(), BAD_ROW)

# Roster columns: header → the facts it can carry (the row's programme uses at most one).
# The only hand-written mapping: which columns a programme reads is derived in plans.py.
COLUMNS = [
    ("技能等级", ("new_level", "level", "certificate")),
    ("证书落款日期", ("cert_date",)),
    ("取证后钱塘连续参保月数", ("ss_months_after_cert",)),
    ("引进后钱塘连续参保月数", ("ss_months_in_qiantang",)),
    ("毕业后钱塘连续参保月数", ("ss_months",)),
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
HEADERS = [NAME, ID_NUMBER, PROGRAMME, TRADE, CERT_NO] + [h for h, _ in COLUMNS]
# Old templates had one column for three different months; its cells fill whichever of the
# three the row's programme reads (with a warning asking for the new template).
LEGACY = {"钱塘连续参保月数": ("取证后钱塘连续参保月数", "引进后钱塘连续参保月数", "毕业后钱塘连续参保月数")}
HEADER_SEARCH_ROWS = 10    # the header may sit under a title row or two ("XX公司2025年技能人才花名册")
COUNT_FIELD = "level"      # a per-count programme (12) reads the row's level as one certified person


class RosterError(Exception):
    """A problem with the whole file (exit 2, Chinese message)."""


class CellError(ValueError):
    """A cell that cannot be read; the row is reported with this message."""
