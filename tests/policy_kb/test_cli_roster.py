"""`python -m policy_kb roster` as a user runs it: exit codes and Chinese messages for bad input."""
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "policy_kb", "roster", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def assert_clean_error(run, *words):
    assert run.returncode == 2, run
    assert run.stderr.startswith("错误：") and "Traceback" not in run.stderr, run.stderr
    for word in words:
        assert word in run.stderr, (word, run.stderr)


def test_template_then_filled_roster_through_the_cli(tmp_path):
    template = tmp_path / "模板.xlsx"
    made = cli("--template", template)
    assert made.returncode == 0 and template.exists() and "模板" in made.stderr
    wb = load_workbook(template)
    ws = wb["花名册"]
    headers = [c.value for c in ws[1]]
    person = {"姓名": "金牌师傅", "申报项目": "金牌技师津贴", "钱塘金牌称号": "钱塘金牌技师", "在钱塘就业并参保": "是"}
    ws.append([person.get(h) for h in headers])
    wb.save(tmp_path / "花名册.xlsx")
    run = cli(tmp_path / "花名册.xlsx", "--out", tmp_path / "报告.xlsx", "--as-of", "2025/6/30")
    assert run.returncode == 0, run.stderr
    assert "已预审 1 行" in run.stderr and "符合 1" in run.stderr
    report = load_workbook(tmp_path / "报告.xlsx", read_only=True)
    assert report.sheetnames == ["预审结果", "汇总", "材料与电话"]
    rows = list(report["预审结果"].iter_rows(values_only=True))
    got = dict(zip(rows[0], rows[1]))
    assert got["姓名"] == "金牌师傅" and got["预审结果"] == "符合"


def test_default_report_path_is_next_to_the_roster(tmp_path):
    (tmp_path / "员工.csv").write_text("姓名,申报项目\n甲,4\n", encoding="utf-8")
    run = cli(tmp_path / "员工.csv")
    assert run.returncode == 0 and (tmp_path / "员工-预审结果.xlsx").exists()


def test_missing_file(tmp_path):
    assert_clean_error(cli(tmp_path / "没有.xlsx"), "找不到花名册文件")


@pytest.mark.parametrize("name,words", [("旧版.xls", ["应为 .xlsx 或 .csv", "另存为 .xlsx"]),
                                        ("名单.txt", ["应为 .xlsx 或 .csv", "名单.txt"])])
def test_wrong_extension(tmp_path, name, words):
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert_clean_error(cli(tmp_path / name), *words)


def test_missing_required_column_is_named(tmp_path):
    (tmp_path / "r.csv").write_text("姓名,技能等级\n甲,技师\n", encoding="utf-8")
    assert_clean_error(cli(tmp_path / "r.csv"), "缺少必填列：申报项目")
    wb = Workbook()
    wb.active.append(["名字", "项目"])
    wb.save(tmp_path / "r.xlsx")
    assert_clean_error(cli(tmp_path / "r.xlsx"), "缺少必填列：姓名、申报项目")


def test_not_really_an_xlsx(tmp_path):
    (tmp_path / "假的.xlsx").write_text("姓名,申报项目\n", encoding="utf-8")
    assert_clean_error(cli(tmp_path / "假的.xlsx"), "不是有效的 .xlsx 文件")


def test_empty_roster(tmp_path):
    (tmp_path / "空.csv").write_text("", encoding="utf-8")
    assert_clean_error(cli(tmp_path / "空.csv"), "是空的")
    (tmp_path / "只有表头.csv").write_text("姓名,申报项目\n,\n", encoding="utf-8")
    assert_clean_error(cli(tmp_path / "只有表头.csv"), "没有人员数据")


def test_bad_as_of_and_bad_out_and_bad_template_path(tmp_path):
    (tmp_path / "r.csv").write_text("姓名,申报项目\n甲,4\n", encoding="utf-8")
    assert_clean_error(cli(tmp_path / "r.csv", "--as-of", "明天"), "--as-of", "2025-05-10")
    assert_clean_error(cli(tmp_path / "r.csv", "--out", tmp_path / "r.pdf"), "报告应保存为 .xlsx 或 .csv")
    assert_clean_error(cli("--template", tmp_path / "t.csv"), "模板只能保存为 .xlsx")


def test_nothing_given():
    assert_clean_error(cli(), "请提供花名册文件", "--template")
