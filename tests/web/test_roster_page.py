"""The roster page (/roster) in headless Chromium: template, upload (xlsx and csv), progress, summary,
report, and the errors an HR officer can run into.

Expected amounts come from the programme files (policy_kb), never typed here.
"""
from __future__ import annotations

import csv
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from policy_kb.amounts import yuan
from policy_kb.roster.progress import STAGES
from policy_kb.bench import roster_rows
from policy_kb.kb import load
from tests.policy_kb.test_roster import ENTERPRISE, fill_template, worker

from .axe import assert_accessible
from .conftest import save_screenshot, start_web, stop

KB = load()
MAX_MB = 3        # the test server's upload limit (ROSTER_MAX_UPLOAD_MB): room for BIG rows
# Rows of the progress test: a few seconds of work even on a fast CI machine, so 400 ms polls
# see it under way (6000 rows once finished between two polls there).
BIG = 30000


def std(n):
    return KB.programme(n)["standard"]


@pytest.fixture(scope="module")
def roster_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("roster-web")
    saved = {k: os.environ.get(k) for k in ("ROSTER_MAX_UPLOAD_MB", "ROSTER_DIR")}
    os.environ.update(ROSTER_MAX_UPLOAD_MB=str(MAX_MB), ROSTER_DIR=str(work / "var"))
    try:
        proc, base = start_web(work)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    yield {"base": base, "var": work / "var"}
    stop(proc)


@pytest.fixture()
def page(browser, roster_server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(roster_server["base"] + "/roster")
    expect(page.locator("#upload")).to_be_visible()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def upload(page, path: Path, as_of: str | None = "2025-06-30"):
    page.set_input_files("#file", str(path))
    if as_of:
        page.fill("#as-of", as_of)
    page.click("#go")


def test_template_download_has_the_columns_and_drop_downs(page, tmp_path):
    with page.expect_download() as info:
        page.click("#template")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx"
    wb = load_workbook(path)
    headers = [c.value for c in wb["花名册"][1]]
    assert {"姓名", "身份证号", "申报项目", "工种", "证书编号", "取证后钱塘连续参保月数"} <= set(headers)
    programme_column = "ABCDEFGHIJ"[headers.index("申报项目")]
    validated = [str(dv.sqref) for dv in wb["花名册"].data_validations.dataValidation]
    assert any(ref.startswith(programme_column + "2") for ref in validated)
    assert wb["单位信息"].data_validations.dataValidation        # 单位信息 choices too


def test_xlsx_upload_shows_summary_with_payees_apart_and_the_report(page, tmp_path, roster_server):
    table4, table12 = std(4)["table"], std(12)["table"]
    cap = std(12)["annual_cap"]["amount"]
    received = ENTERPRISE["本年度已领取自主评价资助（元）"]
    heads = (cap - received) // table12["技师"] + 10            # enough to reach the annual cap
    people = [worker("补差", 已享受补助的最高等级="技师"), worker("全额"), worker("参保不足", 取证后钱塘连续参保月数=2),
              worker("未来证书", 申报项目="育才", 证书落款日期="2030-01-01", 取证时在本单位就业="是")]
    people += [{"姓名": f"认定{i}", "申报项目": "自主评价", "技能等级": "技师"} for i in range(heads)]
    path = fill_template(tmp_path, people, ENTERPRISE, name="员工花名册.xlsx")
    upload(page, path)

    expect(page.locator("#result")).to_be_visible(timeout=60000)
    expect(page.locator("#bar")).to_have_attribute("value", "100")
    individual = table4["高级技师"] + (table4["高级技师"] - table4["技师"])
    company = cap - received                                    # capped once, in the summary
    expect(page.locator(".total[data-payee='个人'] .money")).to_have_text(yuan(individual))
    expect(page.locator(".total[data-payee='单位'] .money")).to_have_text(yuan(company))
    row12 = page.locator("#programmes tr[data-programme='12']")
    expect(row12).to_contain_text(KB.programme(12)["name"])
    expect(row12.locator(".payable")).to_have_text(yuan(company))
    expect(row12).to_contain_text("超过本年度剩余额度")
    expect(page.locator("#counts")).to_contain_text("不符合 1 人")
    # The row in error is listed with its line and what is wrong with it.
    expect(page.locator("#problems")).to_contain_text("“证书落款日期”2030-01-01晚于申报日期2025-06-30")
    page.evaluate("window.scrollTo(0, 0)")       # the README shows the whole page: steps and summary
    save_screenshot(page, tmp_path, "roster.png")

    with page.expect_download() as info:
        page.click("#report")
    report = tmp_path / "report.xlsx"
    info.value.save_as(report)
    assert info.value.suggested_filename == "员工花名册-预审结果.xlsx"
    results = list(load_workbook(report, read_only=True)["预审结果"].iter_rows(values_only=True))
    got = {r[1]: dict(zip(results[0], r)) for r in results[1:]}
    assert got["补差"]["金额（元）"] == table4["高级技师"] - table4["技师"]
    # The upload is deleted once the report is written (ROSTER_KEEP_UPLOADS is not set).
    assert not list(roster_server["var"].rglob("员工花名册.xlsx"))


def _post_roster(base: str, path: Path, as_of: str = "2025-06-30") -> str:
    """Upload as the page's form does (multipart: as_of, roster); returns the job id."""
    boundary = "----roster"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"as_of\"\r\n\r\n{as_of}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"{path.name}\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(base + "/api/roster", data=body,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req, timeout=60) as answer:
        assert answer.status == 202
        return json.loads(answer.read())["job"]


def _big_csv(tmp_path: Path) -> tuple[Path, list]:
    rows = roster_rows(BIG)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path, rows


def test_the_server_reports_each_stage_while_a_big_roster_is_checked(roster_server, tmp_path):
    """Polled back to back (no pause), a run of BIG rows shows its stages under way, then the summary."""
    path, rows = _big_csv(tmp_path)
    job = _post_roster(roster_server["base"], path)
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{roster_server['base']}/api/roster/{job}", timeout=30) as answer:
            seen.append(json.loads(answer.read()))
        if seen[-1]["state"] in ("done", "failed"):
            break
    assert seen[-1]["state"] == "done", seen[-1]
    assert seen[-1]["percent"] == 100 and seen[-1]["result"]["rows"] == len(rows) - 1
    running = [s for s in seen if s["state"] == "running"]
    assert any(s["stage"] == STAGES["decide"] and 0 < s["percent"] < 100 for s in running), running[-5:]
    assert {s["stage"] for s in running} <= {"上传", *STAGES.values()}
    percents = [s["percent"] for s in running]
    assert percents == sorted(percents), "progress never goes back"


def test_the_page_shows_the_stage_and_percent_while_a_roster_is_checked(page, tmp_path):
    """The page's part of progress. The engine checks even a big roster between two of the page's
    400 ms polls on a fast machine, so the first poll is answered with a running state captured from
    this same server (the stage and percent it really reports); every later poll goes through."""
    path, rows = _big_csv(tmp_path)
    under_way = {"state": "running", "stage": STAGES["decide"], "percent": 37}
    shown = {}

    def first_poll_under_way(route):
        if shown:
            return route.continue_()
        real = route.fetch().json()
        shown.update(under_way, job=real["job"])
        route.fulfill(json=shown)
    page.route("**/api/roster/*", first_poll_under_way)
    # Every text the progress line shows, in order (a later poll replaces it within 400 ms).
    page.evaluate("""() => {
        window.progressShown = [];
        const line = () => window.progressShown.push(
            document.getElementById("stage").textContent + " " + document.getElementById("percent").textContent);
        new MutationObserver(line).observe(document.getElementById("progress"),
                                           {subtree: true, childList: true, characterData: true});
    }""")
    upload(page, path)
    expect(page.locator("#result")).to_be_visible(timeout=120000)
    assert shown, "the page never polled the job"
    assert f"{STAGES['decide']} 37%" in page.evaluate("window.progressShown")
    expect(page.locator("#stage")).to_have_text("预审完成")
    expect(page.locator("#percent")).to_have_text("100%")
    expect(page.locator("#result-who")).to_contain_text(f"共预审 {len(rows) - 1} 行")
    # A CSV has no 单位信息: the page says which programmes are affected.
    expect(page.locator("#warnings")).to_contain_text("CSV 花名册没有附单位信息")


def test_small_csv_gives_the_individuals_total_only(page, tmp_path):
    path = tmp_path / "金牌.csv"
    path.write_text("姓名,申报项目,钱塘金牌称号,在钱塘就业并参保\n老王,金牌技师,钱塘金牌技师,是\n", encoding="utf-8")
    upload(page, path)
    expect(page.locator("#result")).to_be_visible(timeout=60000)
    expect(page.locator(".total")).to_have_count(1)
    expect(page.locator(".total[data-payee='个人'] .money")).to_have_text(yuan(std(2)["monthly"] * std(2)["months"]))


@pytest.mark.parametrize("name,content,message", [
    ("假的.xlsx", "姓名,申报项目\n".encode(), "不是有效的 .xlsx 文件"),
    ("缺列.csv", "姓名,技能等级\n甲,技师\n".encode(), "缺少必填列：申报项目"),
    ("旧版.xls", b"x", "另存为 .xlsx"),
])
def test_a_file_that_cannot_be_checked_says_why_at_the_page(page, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    upload(page, path)
    expect(page.locator("#msg")).to_contain_text(message, timeout=60000)
    expect(page.locator("#result")).to_be_hidden()
    expect(page.locator("#go")).to_be_enabled()


def test_a_file_over_the_limit_is_refused_with_the_limit_named(page, tmp_path, roster_server):
    path = tmp_path / "太大.xlsx"
    path.write_bytes(b"0" * (MAX_MB * 1024 * 1024 + 1))
    upload(page, path)
    expect(page.locator("#msg")).to_contain_text(f"不能超过 {MAX_MB} MB")
    # The server refuses it too, whatever the browser does.
    boundary = "----roster"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"big.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + b"0" * (MAX_MB * 1024 * 1024 + 1) + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(roster_server["base"] + "/api/roster", data=body,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=30)
    assert refused.value.code == 413
    assert f"不能超过 {MAX_MB} MB" in json.loads(refused.value.read())["error"]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_roster_page_passes_axe(browser, roster_server, tmp_path, width):
    """No serious or critical axe-core violation, before and after a roster is checked."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(roster_server["base"] + "/roster")
        expect(page.locator("#upload")).to_be_visible()
        assert_accessible(page)
        path = tmp_path / "金牌.csv"
        path.write_text("姓名,申报项目,钱塘金牌称号,在钱塘就业并参保\n老王,金牌技师,钱塘金牌技师,是\n", encoding="utf-8")
        upload(page, path)
        expect(page.locator("#result")).to_be_visible(timeout=60000)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    finally:
        context.close()
