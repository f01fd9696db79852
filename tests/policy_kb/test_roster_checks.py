"""Roster checks (issue 11): dates, duplicates, 身份证号, short names, header row, 单位信息, paths;
the report's formatting, breakdown, materials and payee totals; the template; progress."""
import csv
import datetime as dt
import io
from argparse import Namespace

import pytest
from openpyxl import Workbook, load_workbook

from policy_kb import roster
from policy_kb.roster.checks import mask_id
from policy_kb.roster.progress import LogProgress, Progress

from .test_cli_roster import assert_clean_error, cli
from .test_roster import AS_OF, ENTERPRISE, KB, fill_template, read_report, run, std, worker

ID_A = "11010519491231002X"        # GB 11643's own example: a valid check character
ID_B = "110105194912310038"


def introduced(name, **extra):
    row = {"姓名": name, "申报项目": "引才", "技能等级": "技师", "引进日期": "2024-05-01", "从钱塘区外引进": "是",
           "引进后钱塘连续参保月数": 13, "申报时仍在钱塘工作": "是", "钱塘户籍": "否"}
    row.update(extra)
    return row


def report_of(tmp_path, people, org=ENTERPRISE, as_of=AS_OF):
    path = fill_template(tmp_path, people, org)
    assert run(path, tmp_path / "report.xlsx", as_of=as_of) == 0
    return read_report(tmp_path / "report.xlsx")


# -- dates ---------------------------------------------------------------------------------------
def test_insurance_months_cannot_exceed_the_months_since_hire(tmp_path):
    # The miss: hired seven months before 申报日期, 13 months of 钱塘 insurance, was paid.
    got, summary, _ = report_of(tmp_path, [introduced("七个月前引进", 引进日期="2024-11-30"), introduced("正常")])
    bad = got["七个月前引进"]
    assert bad["预审结果"] == roster.BAD_ROW and bad["金额（元）"] is None
    assert "“引进后钱塘连续参保月数”填了13个月" in bad["原因"] and "2024-11-30" in bad["原因"] and "最多8个月" in bad["原因"]
    assert got["正常"]["预审结果"] == "符合"
    assert summary[6]["符合人员金额合计（元）"] == std(6)["table"]["技师"]


def test_months_after_the_certificate_may_reach_but_not_pass_the_months_since_it(tmp_path):
    people = [worker("刚好", 证书落款日期="2025-01-10", 取证后钱塘连续参保月数=6),
              worker("超出", 证书落款日期="2025-01-10", 取证后钱塘连续参保月数=7)]
    got, _, _ = report_of(tmp_path, people)
    assert got["刚好"]["预审结果"] == "符合"
    assert got["超出"]["预审结果"] == roster.BAD_ROW and "“证书落款日期”2025-01-10" in got["超出"]["原因"]


@pytest.mark.parametrize("column,value", [("引进日期", "2025-07-01"), ("证书落款日期", dt.date(2026, 1, 1))])
def test_a_date_after_the_application_date_is_an_error(tmp_path, column, value):
    row = introduced("未来", **{column: value}) if column == "引进日期" else \
        {"姓名": "未来", "申报项目": "育才", "技能等级": "高级技师", column: value, "取证时在本单位就业": "是"}
    got, _, _ = report_of(tmp_path, [row])
    assert got["未来"]["预审结果"] == roster.BAD_ROW
    assert f"“{column}”" in got["未来"]["原因"] and f"晚于申报日期{AS_OF}" in got["未来"]["原因"]


# -- 身份证号 and duplicates -----------------------------------------------------------------------
def test_duplicate_id_for_the_same_programme_is_counted_once(tmp_path):
    people = [worker("张三", 身份证号=ID_A), worker("张三再填", 身份证号=ID_A.lower()),
              {"姓名": "张三认定", "身份证号": ID_A, "申报项目": 12, "技能等级": "技师"},   # another programme: fine
              worker("李四", 身份证号=ID_B)]
    got, summary, _ = report_of(tmp_path, people)
    assert got["张三再填"]["预审结果"] == roster.BAD_ROW and got["张三再填"]["金额（元）"] is None
    assert f"与第{got['张三']['行号']}行的“身份证号”相同" in got["张三再填"]["原因"]
    assert got["张三"]["预审结果"] == got["李四"]["预审结果"] == got["张三认定"]["预审结果"] == "符合"
    assert summary[4]["符合"] == 2 and summary[4]["符合人员金额合计（元）"] == 2 * std(4)["table"]["高级技师"]


def test_a_wrong_id_is_named_and_masked(tmp_path):
    wrong = ID_B[:-1] + str((int(ID_B[-1]) + 1) % 10)
    got, _, _ = report_of(tmp_path, [worker("校验错", 身份证号=wrong), worker("位数错", 身份证号="3301061990"),
                                     worker("数字", 身份证号=int(ID_B))])
    assert "校验位不对" in got["校验错"]["原因"] and mask_id(wrong) in got["校验错"]["原因"]
    assert wrong not in got["校验错"]["原因"]
    assert "应为18位" in got["位数错"]["原因"] and "收到10位" in got["位数错"]["原因"]
    assert "存成了数字" in got["数字"]["原因"]
    assert mask_id(ID_A) == "110105********002X"


def test_identity_columns_are_carried_into_the_report(tmp_path):
    got, _, _ = report_of(tmp_path, [worker("甲", 身份证号=ID_A, 工种="车工", 证书编号="S000033000001253000123")])
    assert (got["甲"]["身份证号"], got["甲"]["工种"], got["甲"]["证书编号"]) == (ID_A, "车工", "S000033000001253000123")


# -- programme names, header, 单位信息, old column -------------------------------------------------
def test_short_programme_names_from_the_knowledge_base_aliases(tmp_path):
    people = [{"姓名": "育才", "申报项目": "育才", "技能等级": "高级技师", "证书落款日期": "2025-06-01", "取证时在本单位就业": "是"},
              introduced("引才", 申报项目="引才"), worker("人才", 申报项目="人才")]
    got, _, _ = report_of(tmp_path, people)
    assert got["育才"]["项目编号"] == 5 and got["引才"]["项目编号"] == 6
    ambiguous = got["人才"]["原因"]
    assert got["人才"]["预审结果"] == roster.BAD_ROW
    assert KB.programme(5)["name"] in ambiguous and KB.programme(6)["name"] in ambiguous


def test_header_under_a_title_row_is_found(tmp_path, capsys):
    source = tmp_path / "带标题.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["钱塘示范制造有限公司2025年技能人才花名册"])
    ws.append([])
    ws.append(["序号", "姓名", "申报项目", "钱塘金牌称号", "在钱塘就业并参保"])
    ws.append([1, "老王", "金牌技师", "钱塘金牌技师", "是"])
    wb.save(source)
    assert run(source, tmp_path / "r.xlsx") == 0
    got, _, rows = read_report(tmp_path / "r.xlsx")
    assert got["老王"]["预审结果"] == "符合" and got["老王"]["行号"] == 4
    assert any("表头在第3行" in str(r[1]) for r in rows if r and r[0] == "提示")


def test_renamed_org_sheet_and_csv_without_org_give_a_warning(tmp_path, capsys):
    path = fill_template(tmp_path, [{"姓名": "认定", "申报项目": 12, "技能等级": "技师"}], ENTERPRISE)
    wb = load_workbook(path)
    wb["单位信息"].title = "单位情况"
    wb.save(path)
    assert run(path, tmp_path / "r.xlsx") == 0
    err = capsys.readouterr().err
    assert "没有名为“单位信息”的工作表" in err and "单位情况" in err and "项目12" in err
    source = tmp_path / "r.csv"
    source.write_text("姓名,申报项目,技能等级\n甲,自主评价,技师\n", encoding="utf-8")
    assert run(source, tmp_path / "r2.csv") == 0
    assert "CSV 花名册没有附单位信息" in capsys.readouterr().err


def test_person_only_csv_needs_no_org_and_gets_no_warning(tmp_path, capsys):
    source = tmp_path / "r.csv"
    source.write_text("姓名,申报项目,钱塘金牌称号,在钱塘就业并参保\n老王,金牌技师,钱塘金牌技师,是\n", encoding="utf-8")
    assert run(source, tmp_path / "r.csv.xlsx") == 0
    assert "提示" not in capsys.readouterr().err


def test_the_old_three_meaning_column_is_read_per_programme_with_a_warning(tmp_path, capsys):
    source = tmp_path / "旧模板.csv"
    source.write_text("姓名,申报项目,技能等级,钱塘连续参保月数,在钱塘就业并参保,取证时为钱塘区企业在岗职工,工作单位类型\n"
                      "甲,4,高级技师,7,是,是,企业\n", encoding="utf-8")
    assert run(source, tmp_path / "r.csv") == 0
    assert "“钱塘连续参保月数”一列已拆分" in capsys.readouterr().err
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert rows[0]["预审结果"] == "符合"


# -- paths (command line) --------------------------------------------------------------------------
def test_missing_output_folder_and_output_equal_to_input(tmp_path):
    source = tmp_path / "员工.csv"
    source.write_text("姓名,申报项目\n甲,4\n", encoding="utf-8")
    assert_clean_error(cli(source, "--out", tmp_path / "没有的文件夹" / "r.xlsx"), "保存报告的文件夹不存在")
    before = source.read_bytes()
    assert_clean_error(cli(source, "--out", source), "会覆盖原花名册")
    assert source.read_bytes() == before


# -- the report ------------------------------------------------------------------------------------
def test_report_formatting_breakdown_materials_and_payee_totals(tmp_path):
    people = [introduced("户籍", 钱塘户籍="是"), worker("补差", 已享受补助的最高等级="技师"),
              worker("参保不足", 取证后钱塘连续参保月数=2), worker("待补", 在钱塘就业并参保=None)]
    path = fill_template(tmp_path, people, ENTERPRISE)
    assert run(path, tmp_path / "r.xlsx") == 0
    wb = load_workbook(tmp_path / "r.xlsx")
    ws = wb["预审结果"]
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(headers)).column_letter}{len(people) + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    lines = {r[col["姓名"]].value: r for r in ws.iter_rows(min_row=2)}
    assert lines["参保不足"][col["原因"]].alignment.wrap_text and lines["户籍"][col["金额构成"]].alignment.wrap_text
    assert lines["户籍"][col["金额（元）"]].number_format == "#,##0"
    coloured = {rule.formula[0].split('"')[1]: rule.dxf.fill.fgColor.rgb[-6:]
                for rules in ws.conditional_formatting for rule in rules.rules}
    assert set(coloured) == {"符合", "不符合", "待补充", roster.BAD_ROW} and len(set(coloured.values())) == 4

    std6, std4 = std(6), std(4)
    assert lines["户籍"][col["金额构成"]].value == f"技师 {std6['table']['技师']} + 钱塘户籍 {std6['bonus']['amount']}"
    assert lines["户籍"][col["资金拨付给"]].value == "单位" and lines["补差"][col["资金拨付给"]].value == "个人"
    assert lines["补差"][col["金额构成"]].value == \
        f"高级技师 {std4['table']['高级技师']} − 已享受技师 {std4['table']['技师']}"

    materials = {r[0]: r for r in wb["材料与电话"].iter_rows(min_row=2, values_only=True)}
    assert set(materials) == {4, 6}
    assert materials[6][4] == KB.programme(6)["phone"] and KB.programme(6)["materials"][0] in materials[6][2]
    assert materials[4][4] == KB.programme(4)["phone"]

    _, summary, _ = read_report(tmp_path / "r.xlsx")
    company, individual = summary["合计（拨付给单位）"], summary["合计（拨付给个人）"]
    assert company["预计可得（元，已按年度上限）"] == std6["table"]["技师"] + std6["bonus"]["amount"]
    assert individual["预计可得（元，已按年度上限）"] == std4["table"]["高级技师"] - std4["table"]["技师"]
    assert summary["全部人员"]["人数"] == len(people)


# -- the template ----------------------------------------------------------------------------------
def test_template_drop_downs_and_date_cells(tmp_path):
    wb = load_workbook(roster.write_template(tmp_path / "t.xlsx"))
    ws = wb["花名册"]
    headers = [c.value for c in ws[1]]
    options = wb["选项"]

    def choices(sheet, cell):
        for dv in sheet.data_validations.dataValidation:
            if cell in dv.sqref:
                col = dv.formula1.split("$")[1]
                return [c.value for c in options[col] if c.value is not None]
        return None

    def column_cell(header):
        return f"{ws.cell(row=1, column=headers.index(header) + 1).column_letter}10"

    assert choices(ws, column_cell("技能等级"))[:len(KB.levels)] == list(KB.levels)
    assert choices(ws, column_cell("钱塘户籍")) == ["是", "否"]
    assert choices(ws, column_cell("毕业去向")) == list(KB.fact_spec("school_cooperation.graduates[].path")["values"].values())
    assert KB.programme(4)["name"] in choices(ws, column_cell("申报项目"))
    assert options.sheet_state == "hidden"
    org = wb["单位信息"]
    kind_row = next(r[0].row for r in org.iter_rows(min_row=2) if r[0].value == KB.fact_spec("kind")["label"])
    assert choices(org, f"B{kind_row}") == list(KB.fact_spec("kind")["values"].values())

    dates = [r[headers.index("证书落款日期")] for r in ws.iter_rows(min_row=2) if r[headers.index("证书落款日期")].value]
    assert dates and all(isinstance(c.value, dt.datetime) and c.number_format == "yyyy-mm-dd" for c in dates)
    assert ws.column_dimensions[ws.cell(row=1, column=headers.index("身份证号") + 1).column_letter].number_format == "@"


# -- progress ----------------------------------------------------------------------------------
def test_progress_reports_reading_deciding_and_writing(tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("姓名,申报项目,钱塘金牌称号,在钱塘就业并参保\n" + "".join(f"员工{i},金牌技师,钱塘金牌技师,是\n"
                                                                  for i in range(1200)), encoding="utf-8")
    calls = []
    roster.precheck(source, tmp_path / "r.xlsx", AS_OF, progress=Progress(lambda *a: calls.append(a)))
    assert [s for s in dict.fromkeys(c[0] for c in calls)] == ["read", "decide", "write"]
    assert calls[-1] == ("write", 1200, 1200)

    log = io.StringIO()
    roster.precheck(source, tmp_path / "r2.xlsx", AS_OF, progress=LogProgress(log))
    lines = log.getvalue().splitlines()
    assert "逐行预审：100%（1200/1200 行）" in lines and "写出报告：100%（1200/1200 行）" in lines
    assert len([line for line in lines if line.startswith("逐行预审")]) == 10
