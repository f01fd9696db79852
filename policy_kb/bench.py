"""`make bench`: engine decisions per second on one core, and the wall time of a 10,000-row roster.

Targets (issue 2): ≥ 20,000 decisions/s; a 10,000-row CSV roster in under 2 s. Prints the
figures plainly; with --profile (or when a target is missed) also the engine functions
that cost the most (cProfile). A benchmark, not a test: it never fails the build.
"""
from __future__ import annotations

import argparse
import cProfile
import contextlib
import csv
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from pathlib import Path

from .engine import decide

DECISIONS_TARGET = 20000
ROSTER_TARGET_S = 2.0
ROSTER_ROWS = 10000
# Issue 11: an xlsx roster to an xlsx report through the command line (interpreter start included).
XLSX_TARGETS = {10000: 2.0, 100000: 15.0}

# The examples of shared/FACTS.md.
PERSON = {"as_of": "2025-06-30", "person": {
    "works_in_qiantang": True, "employer": "enterprise", "on_public_establishment": False,
    "honours": ["全国技术能手"], "recommended_by_district": True, "superior_award": 20000,
    "gold_title": "钱塘金牌技师", "new_level": "高级技师", "cert_date": "2025-05-10",
    "qiantang_enterprise_employee_at_cert": True, "ss_months_before_cert": 8, "ss_months_after_cert": 7,
    "subsidised_level": "技师", "full_time_student_in_qiantang": True, "cert_in_shortage_catalogue": True,
    "ss_start_month": "2025-09"}}
ORGANISATION = {"as_of": "2025-06-30", "organisation": {
    "kind": "enterprise", "in_qiantang": True,
    "cultivated": [{"level": "高级技师", "cert_date": "2025-06-01", "employed_here_at_cert": True}],
    "introduced": [{"level": "技师", "hired_date": "2024-05-01", "from_outside_qiantang": True,
                    "ss_months_in_qiantang": 13, "still_in_qiantang": True, "qiantang_hukou": False}],
    "school_cooperation": {"filed_before_start": True, "graduates": [
        {"level": "高级工", "cert_via_programme": True, "ss_months": 7, "path": "joined_partner"}]},
    "studio": {"district_recognised": True, "higher_level": False, "assessment": "优秀"},
    "training": {"filed_30_days_before": True, "records_in_system": True, "received_this_year": 0,
                 "trainees": [{"group": "失业人员", "graduated_within_2_years": None, "certificate": "中级工",
                               "issued_in_zhejiang": True, "shortage": False, "secondary_industry": None,
                               "fee_charged": False}]},
    "self_evaluation": {"registered": True, "received_this_year": 0,
                        "certs": {"初级工": 10, "中级工": 5, "高级工": 2, "技师": 1}}}}
# What a chatbot sends mid-conversation: partial facts.
PARTIAL = [{"as_of": "2025-03-31", "person": {"new_level": "技师", "works_in_qiantang": True}},
           {"organisation": {"kind": "training_org", "training": {"trainees": []}}},
           {"person": {"gold_title": "钱塘金牌工人"}}, {}]


def pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"CPU {cpu}"
    except (AttributeError, OSError):
        return "未绑定（平台不支持）"


REPEATS = 5      # best of N: the machine is shared, so the fastest run is the least disturbed one


def rate(cases: list, validate: bool, seconds: float = 1.5) -> tuple:
    """Decisions per second over `cases`, cycled: the best of REPEATS runs of seconds/REPEATS,
    by wall clock and by this process's CPU time (what one core does when it is not shared)."""
    for facts in cases:                      # warm caches (compiled programmes, priorities)
        decide(facts, validate_facts=validate)
    wall = cpu = 0.0
    for _ in range(REPEATS):
        n, start, cpu_start = 0, time.perf_counter(), time.process_time()
        while True:
            for facts in cases:
                decide(facts, validate_facts=validate)
            n += len(cases)
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / REPEATS:
                break
        wall = max(wall, n / elapsed)
        cpu = max(cpu, n / max(time.process_time() - cpu_start, 1e-9))
    return wall, cpu


def best_time(action, repeats: int = 3) -> tuple:
    """(fastest wall time in seconds, last exit code) of `action()` over `repeats` runs."""
    times, code = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        code = action()
        times.append(time.perf_counter() - start)
    return min(times), code


# -- a realistic 10,000-row roster ------------------------------------------------------------
def _date(rng, start_year=2024):
    """A date before the bench's 申报日期 (2025-06-30), as people type them."""
    year = rng.choice([start_year, 2024, 2025])
    return f"{year}-{rng.randint(1, 6 if year == 2025 else 12):02d}-{rng.randint(1, 28):02d}"


def roster_rows(n: int, seed: int = 7) -> list:
    """Mixed programmes and spellings, with about 1% bad cells, as an enterprise would send."""
    from .roster import HEADERS

    rng = random.Random(seed)
    levels = ["初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师"]
    yes = ["是", "否", "Y", "√", "是", "是"]
    rows = []
    for i in range(n):
        kind = rng.choice([4, 4, 4, 11, 11, 5, 6, 7, 10, 10, 10, 12, 2, 1])
        row = {"姓名": f"员工{i:05d}", "申报项目": rng.choice([str(kind), {4: "技能提升补贴", 11: "留区补贴", 5: "育才资助",
               6: "引才资助", 7: "订单班", 10: "培训补贴", 12: "自主评价", 2: "金牌技师津贴", 1: "竞赛奖励"}[kind]])}
        if kind == 4:
            row.update({"技能等级": rng.choice(levels[3:]), "取证后钱塘连续参保月数": rng.randint(0, 24),
                        "在钱塘就业并参保": rng.choice(yes), "取证时为钱塘区企业在岗职工": rng.choice(yes),
                        "已享受补助的最高等级": rng.choice(["", "", "技师"])})
        elif kind == 11:
            row.update({"技能等级": rng.choice(levels[1:4]), "证书落款日期": _date(rng),
                        "取证后钱塘连续参保月数": rng.randint(0, 5), "钱塘区内高校全日制大学生": rng.choice(yes),
                        "紧缺工种": rng.choice(yes), "首次参保月份": f"2025年{rng.randint(1, 2)}月"})
        elif kind == 5:
            row.update({"技能等级": rng.choice(levels[2:]), "证书落款日期": _date(rng), "取证时在本单位就业": rng.choice(yes)})
        elif kind == 6:
            row.update({"技能等级": rng.choice(levels[2:]), "引进日期": _date(rng, 2023), "从钱塘区外引进": rng.choice(yes),
                        "引进后钱塘连续参保月数": rng.randint(6, 18), "申报时仍在钱塘工作": rng.choice(yes),
                        "钱塘户籍": rng.choice(yes)})
        elif kind == 7:
            row.update({"技能等级": rng.choice(levels[1:4]), "通过校企联合培养取证": rng.choice(yes),
                        "毕业后钱塘连续参保月数": rng.randint(3, 12), "毕业去向": rng.choice(["进入合作企业就业", "在钱塘创业", "其他"])})
        elif kind == 10:
            row.update({"技能等级": rng.choice(levels[:4] + ["专项能力"]), "人员类别": rng.choice(
                ["灵活就业人员", "失业人员", "就业困难人员"]), "浙江省内发证": rng.choice(yes),
                "紧缺工种": rng.choice(yes), "二产培训项目": rng.choice(yes), "已收取培训费": "否"})
        elif kind == 12:
            row.update({"技能等级": rng.choice(levels[:5])})
        elif kind == 2:
            row.update({"钱塘金牌称号": "钱塘金牌技师", "在钱塘就业并参保": rng.choice(yes)})
        else:
            row.update({"荣誉或竞赛奖项": "全国技术能手", "由区人社局推荐参评参赛": "是", "上级奖励金额（元）": 20000,
                        "在钱塘就业并参保": "是", "机关事业单位在编": "否"})
        if rng.random() < 0.01:
            row["取证后钱塘连续参保月数"] = "半年"      # a bad cell: the row gets its own error
        rows.append([row.get(h, "") for h in HEADERS])
    return [HEADERS] + rows


ORG_JSON = ('{"单位类型": "企业", "注册并经营在钱塘区": "是", "开班前已向区人社局备案": "是",'
            ' "已在钱塘区备案为职业技能等级认定企业": "是", "本年度已领取自主评价资助（元）": 20000}')


def time_roster(tmp: Path) -> dict:
    from .roster import run_roster

    source, org = tmp / "roster-10000.csv", tmp / "org.json"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(roster_rows(ROSTER_ROWS))
    org.write_text(ORG_JSON, encoding="utf-8")
    figures = {}

    def in_process(out):
        with contextlib.redirect_stderr(io.StringIO()):      # the roster's own summary line
            return run_roster(Namespace(roster=str(source), out=str(out), template=None, as_of="2025-06-30",
                                        org=str(org)))

    def command(out):
        # (cli.py has no --org yet, so its organisation rows are "待补充": the same work per row.)
        return subprocess.run([sys.executable, "-m", "policy_kb", "roster", str(source), "--out", str(out),
                               "--as-of", "2025-06-30"], cwd=root, capture_output=True, text=True).returncode

    root = Path(__file__).resolve().parent.parent
    for label, out in (("CSV → CSV 报告（进程内）", tmp / "report.csv"), ("CSV → XLSX 报告（进程内）", tmp / "report.xlsx")):
        figures[label] = best_time(lambda: in_process(out))
    for label, out in (("CSV → CSV 报告（命令行，含解释器启动）", tmp / "cli.csv"),
                       ("CSV → XLSX 报告（命令行，含解释器启动）", tmp / "cli.xlsx")):
        figures[label] = best_time(lambda: command(out))
    return figures


def write_xlsx_roster(path: Path, rows: list) -> Path:
    """The bench roster as an xlsx (openpyxl write-only: blank cells left out, as Excel does)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    org = wb.create_sheet("单位信息")
    import json
    for key, value in json.loads(ORG_JSON).items():
        org.append([key, value])
    wb.save(path)
    return path


def time_xlsx(tmp: Path) -> dict:
    """{rows: (fastest wall seconds, exit code, CPU seconds of the run)} for xlsx → xlsx on the command line."""
    root = Path(__file__).resolve().parent.parent
    figures = {}
    for n in XLSX_TARGETS:
        source = write_xlsx_roster(tmp / f"roster-{n}.xlsx", roster_rows(n))
        out = tmp / f"report-{n}.xlsx"
        cpu = []

        def command():
            before = os.times()
            code = subprocess.run([sys.executable, "-m", "policy_kb", "roster", str(source), "--out", str(out),
                                   "--as-of", "2025-06-30"], cwd=root, capture_output=True, text=True).returncode
            after = os.times()
            cpu.append(after.children_user + after.children_system - before.children_user - before.children_system)
            return code
        seconds, code = best_time(command, repeats=3 if n <= 10000 else 1)
        figures[n] = (seconds, code, min(cpu))
    return figures


class _NoCache(dict):
    """Turns off the roster's per-run caches of rows and decisions: every row goes to the engine."""
    def __setitem__(self, key, value):
        pass


def time_checks(rows: list) -> dict:
    """The roster's deciding step alone (no file IO), with and without its decision cache."""
    from .roster import Checker, read_org
    import json

    kb_rows = [dict(zip(rows[0], r)) for r in rows[1:]]
    out = {}
    for label, cache in (("有缓存（相同事实只判定一次）", True), ("无缓存（每行都调用 engine.decide）", False)):
        checker = Checker(read_org(json.loads(ORG_JSON).items(), *_kb_and_plans()).facts, "2025-06-30")
        if not cache:
            checker.decided = checker.rows_seen = _NoCache()
        start = time.perf_counter()
        for line, cells in enumerate(kb_rows, 2):
            checker.check(line, cells)
        out[label] = (time.perf_counter() - start, len(checker.decided) if cache else len(kb_rows))
    return out


def _kb_and_plans():
    from .kb import load
    from .roster import programme_plans as _plans

    return load(), _plans(load())


def profile(cases: list, validate: bool, top: int = 14) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3000 // len(cases) + 1):
        for facts in cases:
            decide(facts, validate_facts=validate)
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policy_kb.bench")
    parser.add_argument("--profile", action="store_true", help="always print the cProfile tables")
    parser.add_argument("--seconds", type=float, default=1.5, help="time per decision figure")
    args = parser.parse_args(argv)
    from .kb import load

    print(f"钱塘技能人才政策引擎基准（规则版本 {load().rules_version}，Python {sys.version.split()[0]}，"
          f"单核：{pin_one_core()}）")
    print("开始时系统负载（1/5/15 分钟）：" + " ".join(f"{x:.2f}" for x in os.getloadavg())
          + "（本机 2 核与其他任务共用，负载高时数字偏低）")
    groups = {"个人事实（FACTS.md 示例）": [PERSON], "单位事实（FACTS.md 示例）": [ORGANISATION],
              "混合（个人、单位、对话中途的部分事实）": [PERSON, ORGANISATION, *PARTIAL]}
    slow = []
    print(f"\n判定速度（目标 ≥ {DECISIONS_TARGET:,} 次/秒）")
    for label, cases in groups.items():
        for validate in (True, False):
            wall, cpu = rate(cases, validate, args.seconds)
            mode = "含事实校验 decide(facts)" if validate else "不校验 decide(facts, validate_facts=False)"
            mark = "达标" if cpu >= DECISIONS_TARGET else "未达标"
            print(f"  {label:<28} {mode:<40} {wall:>9,.0f} 次/秒（墙钟） {cpu:>9,.0f} 次/秒（CPU 时间）  {mark}")
            if cpu < DECISIONS_TARGET:
                slow.append((label, cases, validate))

    print(f"（每项取 {REPEATS} 次中最快的一次；是否达标按 CPU 时间判断）")
    print(f"\n{ROSTER_ROWS:,} 行 CSV 花名册（目标 < {ROSTER_TARGET_S} 秒；每项取 3 次中最快的一次）")
    with tempfile.TemporaryDirectory() as tmp:
        for label, (seconds, code) in time_roster(Path(tmp)).items():
            mark = "达标" if seconds < ROSTER_TARGET_S else "未达标"
            print(f"  {label:<36} {seconds:6.2f} 秒  退出码 {code}  {mark}")
    print("\nXLSX 花名册 → XLSX 报告（命令行，含解释器启动；10,000 行取 3 次中最快，100,000 行 1 次）")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (seconds, code, cpu) in time_xlsx(Path(tmp)).items():
            mark = "达标" if seconds < XLSX_TARGETS[n] else "未达标"
            print(f"  {n:>7,} 行  {seconds:6.2f} 秒（墙钟，目标 < {XLSX_TARGETS[n]:g} 秒）  CPU {cpu:6.2f} 秒  "
                  f"退出码 {code}  {mark}")
    print("  其中逐行判定（10,000 行 CSV，不含读写文件）：")
    for label, (seconds, decided) in time_checks(roster_rows(ROSTER_ROWS)).items():
        print(f"    {label:<30} {seconds:6.2f} 秒，调用引擎 {decided:,} 次")

    if args.profile or slow:
        label, cases, validate = slow[0] if slow else (*list(groups.items())[2], True)
        print(f"\ncProfile：{label}，{'含' if validate else '不'}校验，按自身耗时排序")
        print(profile(cases, validate))
    return 0


if __name__ == "__main__":
    sys.exit(main())
