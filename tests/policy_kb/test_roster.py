"""Roster pre-check round trip: template → filled roster → report read back (real xlsx/csv files)."""
import csv
import datetime as dt
import json
from argparse import Namespace

import pytest
from openpyxl import load_workbook

from policy_kb import roster
from policy_kb.kb import load

KB = load()
AS_OF = "2025-06-30"


def std(n):
    return KB.programme(n)["standard"]


def run(path, out, as_of=AS_OF, org=None):
    return roster.run_roster(Namespace(roster=str(path), out=str(out), template=None, as_of=as_of, org=org))


def fill_template(tmp_path, people, org_values, name="roster.xlsx"):
    template = roster.write_template(tmp_path / "template.xlsx")
    wb = load_workbook(template)
    ws = wb[roster.ROSTER_SHEET]
    headers = [c.value for c in ws[1]]
    for person in people:
        unknown = set(person) - set(headers)
        assert not unknown, unknown
        ws.append([person.get(h) for h in headers])
    org = wb[roster.ORG_SHEET]
    keys = {row[0].value: row[1] for row in org.iter_rows(min_row=2)}
    for key, value in org_values.items():
        keys[key].value = value
    wb.save(tmp_path / name)
    return tmp_path / name


def read_report(path):
    wb = load_workbook(path, read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    wb.close()
    results = sheets[roster.RESULT_SHEET]
    people = {r[1]: dict(zip(results[0], r)) for r in results[1:]}
    summary_rows = sheets[roster.SUMMARY_SHEET]
    summary = {r[0]: dict(zip(summary_rows[0], r)) for r in summary_rows[1:] if r and r[0] is not None}
    return people, summary, summary_rows


TRAINING_ORG = {"单位名称": "钱塘示范培训学校", "单位类型": "职业培训机构", "注册并经营在钱塘区": "是",
                "提前30日在浙江省职业能力一体化系统备案": "是", "完成培训考核并在系统留存记录": "是",
                "本年度已领取培训补助（元）": 150000}
ENTERPRISE = {"单位名称": "钱塘示范制造有限公司", "单位类型": "企业", "注册并经营在钱塘区": "是",
              "开班前已向区人社局备案": "√", "已在钱塘区备案为职业技能等级认定企业": "是",
              "本年度已领取自主评价资助（元）": 30000}


def worker(name, **extra):
    person = {"姓名": name, "申报项目": "技能提升补贴", "技能等级": "高级技师", "取证后钱塘连续参保月数": 7,
              "在钱塘就业并参保": "是", "取证时为钱塘区企业在岗职工": "是"}
    person.update(extra)
    return person


def test_template_has_headers_instructions_and_one_example_per_programme(tmp_path):
    path = roster.write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == [roster.ROSTER_SHEET, roster.ORG_SHEET, roster.HELP_SHEET]
    rows = [list(r) for r in wb[roster.ROSTER_SHEET].iter_rows(values_only=True)]
    assert {"姓名", "身份证号", "申报项目", "工种", "证书编号", "技能等级"} <= set(rows[0])
    examples = {r[rows[0].index("申报项目")] for r in rows[1:]}
    assert examples == {KB.programme(n)["name"] for n in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12)}
    org_keys = [r[0] for r in wb[roster.ORG_SHEET].iter_rows(min_row=2, values_only=True)]
    assert KB.fact_spec("training.received_this_year")["label"] in org_keys
    assert len(org_keys) == len(set(org_keys))
    help_text = "\n".join(r[0] or "" for r in wb[roster.HELP_SHEET].iter_rows(values_only=True))
    assert "项目10 " + KB.programme(10)["name"] in help_text and "按单位整体申报" in help_text


def test_the_untouched_template_has_no_people_and_says_so(tmp_path, capsys):
    path = roster.write_template(tmp_path / "模板.xlsx")
    assert run(path, tmp_path / "out.xlsx") == 2
    assert "没有人员数据" in capsys.readouterr().err


def test_worker_rows_statuses_amounts_and_reasons(tmp_path):
    table = std(4)["table"]
    people = [
        worker("补差", 已享受补助的最高等级="技师"),
        worker("参保不足", 取证后钱塘连续参保月数=3),
        {"姓名": "只填等级", "申报项目": 4, "技能等级": "技师"},
        worker("初级工不在表", 技能等级="初级工"),
    ]
    path = fill_template(tmp_path, people, ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, summary, _ = read_report(tmp_path / "report.xlsx")

    assert got["补差"]["预审结果"] == "符合"
    assert got["补差"]["金额（元）"] == table["高级技师"] - table["技师"]
    assert "补差" in got["补差"]["说明"]

    assert got["参保不足"]["预审结果"] == "不符合" and got["参保不足"]["金额（元）"] == 0
    assert "四（3）③" in got["参保不足"]["原因"] and "连续缴纳社保满6个月" in got["参保不足"]["原因"]

    pending = got["只填等级"]
    assert pending["预审结果"] == "待补充"
    for fact in ("works_in_qiantang", "qiantang_enterprise_employee_at_cert", "ss_months_after_cert"):
        assert KB.facts["person"][fact]["label"] in pending["原因"], fact
    assert "工作单位类型" not in pending["原因"]      # the enterprise filing the roster is the employer

    assert got["初级工不在表"]["预审结果"] == "不符合" and "四（4）" in got["初级工不在表"]["依据条款"]
    assert summary[4]["符合"] == 1 and summary[4]["预计可得（元，已按年度上限）"] == table["高级技师"] - table["技师"]


def test_training_institution_cap_applied_once_in_the_summary(tmp_path):
    table, cap = std(10)["table"], std(10)["annual_cap"]["amount"]
    received = TRAINING_ORG["本年度已领取培训补助（元）"]
    trainee = {"申报项目": "培训补贴", "人员类别": "失业人员", "浙江省内发证": "是", "紧缺工种": "否", "技能等级": "技师"}
    people = [{**trainee, "姓名": f"学员{i}"} for i in range(60)]
    people.append({**trainee, "姓名": "紧缺学员", "紧缺工种": "是"})
    people.append({**trainee, "姓名": "专项收费", "技能等级": "专项能力", "已收取培训费": "是"})
    people.append({**trainee, "姓名": "专项二产", "技能等级": "专项能力", "已收取培训费": "否", "二产培训项目": "是"})
    path = fill_template(tmp_path, people, TRAINING_ORG)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, summary, _ = read_report(tmp_path / "report.xlsx")

    assert got["学员0"]["金额（元）"] == table["技师"]
    assert got["紧缺学员"]["金额（元）"] == table["技师"] * (100 + std(10)["uplift"]["percent"]) // 100
    assert got["专项收费"]["预审结果"] == "不符合" and "十（3）④" in got["专项收费"]["原因"]
    assert got["专项二产"]["金额（元）"] == std(10)["special"]["if_true"]

    row = summary[10]
    before = 60 * table["技师"] + got["紧缺学员"]["金额（元）"] + got["专项二产"]["金额（元）"]
    assert row["符合人员金额合计（元）"] == before > cap - received
    assert row["年度上限（元）"] == cap and row["本年度已领取（元）"] == received
    assert row["预计可得（元，已按年度上限）"] == cap - received
    assert "超过本年度剩余额度" in row["说明"]


def test_self_evaluation_counts_one_person_per_row_and_caps(tmp_path):
    table, cap = std(12)["table"], std(12)["annual_cap"]["amount"]
    received = ENTERPRISE["本年度已领取自主评价资助（元）"]
    people = [{"姓名": f"技师{i}", "申报项目": "自主评价", "技能等级": "技师"} for i in range(50)]
    people += [{"姓名": f"初级{i}", "申报项目": 12, "技能等级": "五级"} for i in range(3)]
    people.append({"姓名": "高级技师", "申报项目": "企业自主评价", "技能等级": "高级技师"})
    path = fill_template(tmp_path, people, ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, summary, _ = read_report(tmp_path / "report.xlsx")
    assert got["初级0"]["金额（元）"] == table["初级工"]
    assert got["高级技师"]["预审结果"] == "不符合"
    total = 50 * table["技师"] + 3 * table["初级工"]
    assert summary[12]["符合人员金额合计（元）"] == total
    assert summary[12]["预计可得（元，已按年度上限）"] == min(total, cap - received)


def test_enterprise_heads_for_cultivation_introduction_and_school_cooperation(tmp_path):
    people = [
        {"姓名": "育才", "申报项目": "育才资助", "技能等级": "特级技师", "证书落款日期": dt.datetime(2025, 4, 1),
         "取证时在本单位就业": "Y"},
        {"姓名": "育才太早", "申报项目": 5, "技能等级": "特级技师", "证书落款日期": "2025年3月31日", "取证时在本单位就业": "是"},
        {"姓名": "引才户籍", "申报项目": "引才资助", "技能等级": "技师", "引进日期": "2024/4/1", "从钱塘区外引进": "true",
         "引进后钱塘连续参保月数": 12, "申报时仍在钱塘工作": "是", "钱塘户籍": "是"},
        {"姓名": "订单班", "申报项目": "订单班", "技能等级": "中级工", "通过校企联合培养取证": "是",
         "毕业后钱塘连续参保月数": "6", "毕业去向": "在钱塘创业"},
    ]
    path = fill_template(tmp_path, people, ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, summary, _ = read_report(tmp_path / "report.xlsx")
    assert (got["育才"]["预审结果"], got["育才"]["金额（元）"]) == ("符合", std(5)["table"]["特级技师"])
    assert got["育才太早"]["预审结果"] == "不符合" and "五（4）①" in got["育才太早"]["原因"]
    assert got["引才户籍"]["金额（元）"] == std(6)["table"]["技师"] + std(6)["bonus"]["amount"]
    assert (got["订单班"]["预审结果"], got["订单班"]["金额（元）"]) == ("符合", std(7)["table"]["中级工"])
    assert summary[6]["预计可得（元，已按年度上限）"] == got["引才户籍"]["金额（元）"]


def test_bad_rows_get_their_own_error_and_the_others_are_decided(tmp_path):
    people = [
        worker("等级错", 技能等级="高工"),
        worker("日期错", 申报项目="育才资助", 证书落款日期="2025/13/01", 技能等级="高级技师"),
        worker("月数错", 取证后钱塘连续参保月数="半年"),
        worker("是否错", 在钱塘就业并参保="也许"),
        worker("项目错", 申报项目="火箭补贴"),
        {"姓名": None, "申报项目": 4, "技能等级": "技师"},
        worker("正常"),
    ]
    path = fill_template(tmp_path, people, ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, summary, _ = read_report(tmp_path / "report.xlsx")
    assert got["正常"]["预审结果"] == "符合" and got["正常"]["金额（元）"] == std(4)["table"]["高级技师"]
    assert "“技能等级”：不认识“高工”" in got["等级错"]["原因"]
    assert "“证书落款日期”" in got["日期错"]["原因"] and "不是真实存在的日期" in got["日期错"]["原因"]
    assert "“取证后钱塘连续参保月数”：应填阿拉伯数字，收到“半年”" in got["月数错"]["原因"]
    assert "“在钱塘就业并参保”：无法识别“也许”" in got["是否错"]["原因"]
    assert "“申报项目”不认识“火箭补贴”" in got["项目错"]["原因"]
    assert "“姓名”为空" in got[None]["原因"]
    bad = [p for p in got.values() if p["预审结果"] == roster.BAD_ROW]
    assert len(bad) == 6 and all(p["金额（元）"] is None for p in bad)
    assert summary["全部人员"][roster.BAD_ROW] == 6


@pytest.mark.parametrize("yes,date", [("是", "2025-05-10"), ("Y", "2025/5/10"), ("true", "2025年5月10日"),
                                      ("√", dt.datetime(2025, 5, 10)), (True, dt.date(2025, 5, 10))])
def test_yes_no_and_date_spellings_give_the_same_decision(tmp_path, yes, date):
    student = {"姓名": "学生", "申报项目": "留区补贴", "技能等级": "高级工", "证书落款日期": date, "取证后钱塘连续参保月数": 7,
               "钱塘区内高校全日制大学生": yes, "紧缺工种": yes, "首次参保月份": "2025年9月"}
    path = fill_template(tmp_path, [student], {})
    assert run(path, tmp_path / "report.xlsx", as_of="2026-04-30") == 0   # 8 months since 2025-09
    got, _, _ = read_report(tmp_path / "report.xlsx")
    total = std(11)["table"]["高级工"] * std(11)["months"]
    assert (got["学生"]["预审结果"], got["学生"]["金额（元）"]) == ("符合", total)


def test_programme_column_accepts_number_name_alias_and_section(tmp_path):
    forms = [4, "4", "四", "项目4", "提升技能水平补助", "技能提升补贴", " 技能提升补助 "]
    path = fill_template(tmp_path, [worker(f"写法{i}", 申报项目=f) for i, f in enumerate(forms)], ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, _, _ = read_report(tmp_path / "report.xlsx")
    assert {p["项目编号"] for p in got.values()} == {4}


def test_example_rows_are_skipped_and_reported(tmp_path):
    path = fill_template(tmp_path, [worker("真实员工")], ENTERPRISE)
    assert run(path, tmp_path / "report.xlsx") == 0
    got, _, rows = read_report(tmp_path / "report.xlsx")
    assert list(got) == ["真实员工"]
    info = [r[1] for r in rows if len(r) > 1]
    assert any(f"已忽略 {len(roster.EXAMPLES)} 行示例" in str(v) for v in info)
    assert ENTERPRISE["单位名称"] in info


def test_csv_roster_with_org_json_writes_csv_report_and_summary(tmp_path):
    source = tmp_path / "花名册.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "申报项目", "技能等级", "人员类别", "浙江省内发证", "紧缺工种", "备注"])
        writer.writerows([["甲", "培训补贴", "中级工", "失业人员", "是", "否", "x"],
                          ["乙", "培训补贴", "高级工", "高校毕业生", "是", "否", ""]])
    org = tmp_path / "org.json"
    org.write_text(json.dumps({"单位类型": "职业培训机构", "注册并经营在钱塘区": "是",
                               "提前30日在浙江省职业能力一体化系统备案": "是", "完成培训考核并在系统留存记录": "是"},
                              ensure_ascii=False), encoding="utf-8")
    assert run(source, tmp_path / "结果.csv", org=str(org)) == 0
    with (tmp_path / "结果.csv").open(encoding="utf-8-sig") as fh:
        rows = {r["姓名"]: r for r in csv.DictReader(fh)}
    assert (rows["甲"]["预审结果"], rows["甲"]["金额（元）"]) == ("符合", str(std(10)["table"]["中级工"]))
    assert rows["乙"]["预审结果"] == "待补充"
    assert KB.fact_spec("training.trainees[].graduated_within_2_years")["label"] in rows["乙"]["原因"]
    summary = (tmp_path / "结果-汇总.csv").read_text(encoding="utf-8-sig")
    assert "本年度尚未领取" in summary and "已忽略无法识别的列：备注" in summary


def test_csv_saved_by_excel_in_gbk_is_read(tmp_path):
    source = tmp_path / "gbk.csv"
    source.write_bytes("姓名,申报项目,钱塘金牌称号,在钱塘就业并参保\n老王,金牌技师津贴,钱塘金牌技师,是\n".encode("gbk"))
    assert run(source, tmp_path / "out.csv") == 0
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert f"老王,,,,2,{KB.programme(2)['name']},个人,符合,{std(2)['monthly'] * std(2)['months']}" in text


def test_org_facts_json_in_facts_md_shape(tmp_path):
    source = tmp_path / "r.csv"
    source.write_text("姓名,申报项目,技能等级\n甲,自主评价,技师\n", encoding="utf-8")
    org = tmp_path / "org.json"
    org.write_text(json.dumps({"organisation": {"kind": "enterprise", "in_qiantang": True,
                                                "self_evaluation": {"registered": True, "received_this_year": 99500}}}),
                   encoding="utf-8")
    assert run(source, tmp_path / "out.csv", org=str(org)) == 0
    summary = list(csv.reader((tmp_path / "out-汇总.csv").open(encoding="utf-8-sig")))
    row = dict(zip(summary[0], next(r for r in summary if r[0] == "12")))
    assert row["预计可得（元，已按年度上限）"] == str(std(12)["annual_cap"]["amount"] - 99500)


def test_bad_org_value_affects_only_the_rows_that_need_it(tmp_path):
    people = [worker("员工甲"), worker("员工乙", 工作单位类型="企业"),
              {"姓名": "技师认定", "申报项目": "自主评价", "技能等级": "技师"}]
    path = fill_template(tmp_path, people, {**ENTERPRISE, "单位类型": "公司"})
    assert run(path, tmp_path / "report.xlsx") == 0
    got, _, rows = read_report(tmp_path / "report.xlsx")
    # 单位类型 is read for the 自主评价 head, and for a worker whose 工作单位类型 is blank.
    for name in ("员工甲", "技师认定"):
        assert got[name]["预审结果"] == roster.BAD_ROW
        assert "“单位信息”中“单位类型”填写有误" in got[name]["原因"] and "企业" in got[name]["原因"]
    assert got["员工乙"]["预审结果"] == "符合"
    assert any("只影响需要这一项的人员" in str(r[1]) for r in rows if r and r[0] == "提示")


def test_bad_application_date_in_the_org_sheet_stops_the_run(tmp_path, capsys):
    path = fill_template(tmp_path, [worker("甲")], {**ENTERPRISE, "申报日期": "下个月"})
    assert run(path, tmp_path / "report.xlsx", as_of=None) == 2
    assert "“单位信息”中“申报日期”填写有误" in capsys.readouterr().err
    assert not (tmp_path / "report.xlsx").exists()


def test_application_date_from_the_org_sheet_switches_programme_4_rule(tmp_path):
    people = [worker("前社保够", 取证后钱塘连续参保月数=0, 取证前钱塘参保月数=6)]
    early = fill_template(tmp_path, people, {**ENTERPRISE, "申报日期": "2025年3月31日"}, name="early.xlsx")
    assert run(early, tmp_path / "early-report.xlsx", as_of=None) == 0
    got, _, rows = read_report(tmp_path / "early-report.xlsx")
    assert got["前社保够"]["预审结果"] == "符合"
    assert ["申报日期", "2025-03-31"] in [r[:2] for r in rows]
    # --as-of wins over the sheet: on 1 April the after-certificate months count, and 0 is not enough.
    assert run(early, tmp_path / "late-report.xlsx", as_of="2025-04-01") == 0
    got, _, _ = read_report(tmp_path / "late-report.xlsx")
    assert got["前社保够"]["预审结果"] == "不符合" and "四（3）③" in got["前社保够"]["原因"]


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    source = tmp_path / "r.csv"
    source.write_text('姓名,申报项目\n"=HYPERLINK(""http://x"",""点我"")",4\n', encoding="utf-8")
    assert run(source, tmp_path / "report.xlsx") == 0
    cell = load_workbook(tmp_path / "report.xlsx")[roster.RESULT_SHEET]["B2"]
    assert cell.data_type != "f" and cell.value == "'=HYPERLINK(\"http://x\",\"点我\")"
