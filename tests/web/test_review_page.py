"""The review desk (/review) in headless Chromium, over conversations held with the real assistant
(Rasa + action server over REST) and two WeChat conversations written with Rasa's tracker store API
(8 and 200 days old): the token check, the filters, the conversation view, the counts and CSV, the
write-back into the corpora, and retention. docs/review.md shows the screenshot it takes."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request

import pytest
import yaml
from playwright.sync_api import expect

from answering.reading import out_of_scope
from bot.review import writeback
from bot.review.store import local
from bot.review.understood import programme_names
from tests.bot.servers import MODEL, Stack, customs, texts
from tests.review.conversations import days_ago, session, write

from .axe import assert_accessible
from .conftest import ROOT, save_screenshot, start_web, stop
from .test_api import call

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")
TOKEN = secrets.token_hex(16)
NAMES = programme_names()          # "4" → the programme's name (policy_kb)
PHONE = "13812345678"


@contextlib.contextmanager
def environment(**values):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update({k: str(v) for k, v in values.items() if v is not None})
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
    try:
        yield
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def _complete_check(stack, sender):
    """The e2e eligibility conversation (tests/bot/test_e2e_rest.py) up to its result."""
    stack.say(sender, "我能申请哪些补贴")
    stack.say(sender, '/inform{"choice":"person"}')
    replies = stack.say(sender, "我是高级技师，去年10月取证，社保交了8个月")
    answers = {"是否在钱塘区工作": "是的", "哪类单位": "在企业上班", "金牌": "没有", "荣誉": "都没有",
               "在岗职工": "是", "较低等级": "以前没领过"}
    for _ in range(10):
        if any(c.get("type") == "eligibility_result" for c in customs(replies)):
            return
        question = texts(replies).splitlines()[-1]
        replies = stack.say(sender, next(a for k, a in answers.items() if k in question))
    pytest.fail("the check did not end")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    work = tmp_path_factory.mktemp("review-desk")
    db = work / "tracker.db"
    stack = Stack(work, tracker_db=db).start()
    try:
        for text in ("你好", "首席技师的提升补助多少", "今天天气怎么样", f"我的手机{PHONE}，育才资助找哪个部门",
                     "社保卡丢了去哪里补办"):
            stack.say("rv-question", text)
        _complete_check(stack, "rv-check")
        for text in ("帮我看看能不能申请", "我是钱塘金牌技师，现在还在钱塘上班", "不对，我是金牌工人", "是"):
            stack.say("rv-correct", text)
        stack.procs[0].terminate()                     # the action server goes down mid-conversation
        stack.procs[0].wait(20)
        assert "系统暂时出了点问题" in texts(stack.say("rv-error", "育才资助要什么材料"))
    finally:
        stack.stop()
    refusal = out_of_scope()["intro"]              # the assistant's own words for "not about these policies"
    write(db, "wx-week", session(days_ago(8), [("萧山区有没有类似的补贴", "out_of_scope", refusal)]))
    write(db, "wx-old", session(days_ago(200), [("去年的补贴还能补申请吗", "ask_programme", "…")]))
    for name in writeback.FILES.values():
        (work / "root" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, work / "root" / name)
    shutil.copy(ROOT / "data/nlu/nlu.yml", work / "root/data/nlu/nlu.yml")
    env = dict(REVIEW_TOKEN=TOKEN, TRACKER_DB=db, REVIEW_WRITE_ROOT=work / "root", REVIEW_DB=work / "review.sqlite",
               REVIEW_ABANDON_MINUTES=0)
    with environment(**env):
        proc, base = start_web(work)
    body = json.dumps({"session_id": "rv-question", "message_id": "a2", "rating": "down",
                       "answer": "【提升技能水平补助】…", "question": "首席技师的提升补助多少"}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/api/feedback", body, {"Content-Type": "application/json"}))
    yield {"base": base, "work": work, "env": {**env, "WEB_FEEDBACK_DB": work / "feedback.sqlite"}}
    stop(proc)


def sign_in(browser, desk, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.goto(desk["base"] + "/review")
    page.fill("#token", TOKEN)
    page.click("#login")
    expect(page.locator("#list[data-state=ready] .conversation").first).to_be_visible(timeout=30000)
    return context, page


@pytest.fixture()
def page(browser, desk):
    context, page = sign_in(browser, desk)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def items(page):
    return page.locator("#list .conversation")


STAFF = {"Authorization": "Bearer " + TOKEN}


def test_a_wrong_or_missing_token_is_refused(browser, desk):
    base = desk["base"]
    assert call(base, "/api/review/conversations")[0] == 401
    assert call(base, "/api/review/conversations", headers={"Authorization": "Bearer " + "0" * 32}) == \
        (403, {"error": "审阅口令不正确。"})
    assert call(base, "/api/review/conversation?sender=rv-question&start=1", headers={"Cookie": "review_session=forged"})[0] == 403
    assert call(base, "/api/review/conversations", headers=STAFF)[0] == 200
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        response = page.goto(base + "/review")
        assert response.status == 401
        expect(page.locator("#login-msg")).to_have_text("请输入审阅口令。")
        page.fill("#token", "wrong-token-1234567")
        with page.expect_navigation() as nav:
            page.click("#login")
        assert nav.value.status == 403
        expect(page.locator("#login-msg")).to_have_text("审阅口令不正确，请重新输入。")
        assert_accessible(page)
    finally:
        context.close()


def _filter(page, *flags, **fields):
    for box in page.locator("#flag-boxes input").all():
        box.set_checked(box.get_attribute("value") in flags)
    for name in ("from", "to", "channel", "programme"):
        page.locator(f"#{name}").fill(fields.get(name, "")) if name in ("from", "to") else \
            page.select_option(f"#{name}", fields.get(name, ""))
    page.click("#apply")
    expect(page.locator("#list[data-state=ready]")).to_have_count(1)


def firsts(page) -> list:
    return [t.strip() for t in page.locator("#list .first").all_inner_texts()]


def test_the_filters(page):
    expect(items(page)).to_have_count(5)                # the last 30 days at first
    _filter(page)
    expect(items(page)).to_have_count(6)
    _filter(page, "out_of_scope")
    assert sorted(firsts(page)) == sorted(["你好", "萧山区有没有类似的补贴"])
    _filter(page, "down")
    assert firsts(page) == ["你好"]
    _filter(page, "corrected")
    assert firsts(page) == ["帮我看看能不能申请"]
    _filter(page, "abandoned")
    assert firsts(page) == ["帮我看看能不能申请"]
    _filter(page, "action_error")
    assert firsts(page) == ["育才资助要什么材料"]
    _filter(page, "fallback")                           # "是" to "您目前在哪类单位工作？": 没听明白
    assert "帮我看看能不能申请" in firsts(page) and "育才资助要什么材料" not in firsts(page)
    _filter(page, "fallback", "action_error")          # any of the ticked
    assert {"帮我看看能不能申请", "育才资助要什么材料"} <= set(firsts(page))
    _filter(page, channel="wechat")
    assert sorted(firsts(page)) == sorted(["萧山区有没有类似的补贴", "去年的补贴还能补申请吗"])
    week = local(days_ago(8)).date()                # the bureau's day (REVIEW_TIMEZONE)
    _filter(page, **{"from": week.isoformat(), "to": week.isoformat()})
    assert firsts(page) == ["萧山区有没有类似的补贴"]
    _filter(page, programme="4")
    assert set(firsts(page)) == {"你好", "我能申请哪些补贴"}
    assert "programme=4" in page.url                     # the view can be bookmarked
    page.reload()
    expect(page.locator("#list[data-state=ready]")).to_have_count(1)
    expect(page.locator("#programme")).to_have_value("4")
    expect(items(page)).to_have_count(2)


def test_malformed_requests_are_answered_in_chinese(desk):
    base, mark = desk["base"], "/api/review/mark"
    form = {**STAFF, "Content-Type": "application/x-www-form-urlencoded"}
    assert call(base, mark, raw=b"event_id=1", headers=form) == (415, {"error": "请求应为 JSON。"})
    assert call(base, mark, raw=b"{", headers=STAFF) == (400, {"error": "请求内容不是合法的 JSON。"})
    assert call(base, mark, {"sender": "rv-question", "start": 1}, headers=STAFF) == (400, {"error": "缺少消息编号（event_id）。"})
    assert call(base, mark, {"sender": "nobody", "start": 1, "event_id": 2}, headers=STAFF)[0] == 404
    status, got = call(base, "/api/review/conversations?from=2026-13-01&flag=later", headers=STAFF)
    assert status == 400 and got["error"].startswith("不认识的筛选条件：later")
    assert call(base, "/api/review/conversations?from=2026-13-01", headers=STAFF) == \
        (400, {"error": "起始日期应为 YYYY-MM-DD 格式的日期，收到“2026-13-01”。"})


def _open(page, first):
    page.locator("#list .item", has_text=first).first.click()
    expect(page.locator("#turns .turn").first).to_be_visible()


def test_the_conversation_view_shows_what_was_understood_and_answered(page, tmp_path):
    _open(page, "你好")
    turn = page.locator(".turn", has_text="首席技师的提升补助多少")
    expect(turn.locator("mark", has_text="首席技师")).to_have_attribute("title", "level：首席技师")
    expect(turn.locator(".understood")).to_contain_text("ask_programme")
    expect(turn.locator(".understood")).to_contain_text("某一等级的金额 · 提升技能水平补助")
    expect(turn.locator(".answer")).to_contain_text("20000元")
    expect(turn.locator(".badge")).to_contain_text(["用户点了“没帮助”"])
    expect(page.locator(".turn", has_text="今天天气怎么样").locator(".badge")).to_have_text(["超出范围"])
    masked = page.locator(".turn", has_text="育才资助找哪个部门")
    expect(masked.locator(".said")).to_contain_text("[手机号已隐藏]")
    assert PHONE not in page.content()
    _open(page, "我能申请哪些补贴")
    expect(page.locator("#detail-meta")).to_contain_text("核对结果可申请：提升技能水平补助")
    facts = page.locator(".turn", has_text="我是高级技师，去年10月取证")
    expect(facts.locator(".understood")).to_contain_text("新取得的技能等级：高级技师")
    expect(facts.locator(".understood")).to_contain_text("当时在问")
    _open(page, "育才资助要什么材料")
    expect(page.locator(".turn .badge")).to_have_text(["动作出错"])
    # docs/review.md: the counts, the list and a conversation with what went wrong in it.
    page.set_viewport_size({"width": 1280, "height": 1500})
    _open(page, "你好")
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, tmp_path, "review.png")


def test_counts_charts_and_csv(page, tmp_path):
    expect(page.locator("#total-conversations")).to_contain_text("5 个会话")
    expect(page.locator("#checks")).to_contain_text("完成核对 1")
    expect(page.locator("#down-rate")).to_contain_text("100.0%")
    expect(page.locator("#chart-days svg[role=img]")).to_have_count(1)
    expect(page.locator("#chart-programmes svg")).to_have_attribute("aria-label", re.compile(f"^问得最多的政策：{NAMES['5']} 2，{NAMES['4']} 1$"))
    expect(page.locator("#chart-eligible svg")).to_have_attribute("aria-label", re.compile(f"^核对后可申请的政策：.*{NAMES['4']} 1"))
    with page.expect_download() as info:
        page.click("#export-list")
    assert info.value.suggested_filename.startswith("会话列表")
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][:4] == ["日期", "渠道", "用户消息数", "问题"] and len(rows) == 6
    assert any("动作出错" in r[3] for r in rows[1:]) and not any(PHONE in c for r in rows for c in r)
    _filter(page, channel="wechat")
    with page.expect_download() as info:
        page.click("#export-days")
    days = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert days[0][:3] == ["日期", "会话数", "用户消息数"] and len(days) == 3    # the two WeChat days


def test_a_message_is_written_back_into_the_corpora(page, desk):
    root = desk["work"] / "root"
    _open(page, "你好")
    turn = page.locator(".turn", has_text="社保卡丢了去哪里补办")
    turn.locator("summary").click()
    turn.locator("input[name=out_of_scope]").check()
    expect(turn.locator("select[name=intent]")).to_have_value("out_of_scope")
    turn.locator("button[type=submit]").click()
    expect(turn.locator(".mark-msg")).to_have_text("已写入：问题语料 r001；NLU 训练数据 out_of_scope")
    _open(page, "帮我看看能不能申请")
    turn = page.locator(".turn", has_text="不对，我是金牌工人")
    turn.locator("summary").click()
    form = turn.locator("form.mark")
    expect(form.locator("textarea[name=facts]")).to_have_value("person: {gold_title: 钱塘金牌工人}\n")
    form.locator("textarea[name=facts]").fill("person: {gold_title: 金牌工人}")
    form.locator("button[type=submit]").click()
    expect(form.locator(".mark-msg")).to_contain_text("“钱塘金牌称号”填写有误")
    form.locator("textarea[name=facts]").fill("person: {gold_title: 钱塘金牌工人}")
    form.locator("select[name=speaker]").select_option("person")
    form.locator("button[type=submit]").click()
    expect(form.locator(".mark-msg")).to_have_text("已写入：理解语料 r001；NLU 训练数据 inform")
    # In each file's own format, read back by the corpus loaders and kept on the page.
    message = yaml.safe_load((root / writeback.FILES["understanding"]).read_text(encoding="utf-8"))["messages"][0]
    assert message["text"] == "不对，我是金牌工人" and message["facts"] == {"person": {"gold_title": "钱塘金牌工人"}}
    assert message["context"] == {"subject": "person", "pending": "person.employer"} and "correction" in message["tags"]
    question = yaml.safe_load((root / writeback.FILES["questions"]).read_text(encoding="utf-8"))["questions"][0]
    assert question["q"] == "社保卡丢了去哪里补办" and question["kind"] == "out_of_scope"
    assert "- 不对，我是金牌工人" in (root / writeback.FILES["nlu"]).read_text(encoding="utf-8")
    page.reload()
    _open(page, "帮我看看能不能申请")
    expect(page.locator(".turn", has_text="不对，我是金牌工人").locator(".written")).to_have_text(
        "已写入：理解语料 r001；NLU 训练数据 inform")


@pytest.mark.parametrize("width", [380, 1280])
def test_the_desk_passes_axe_on_a_phone_and_a_laptop(browser, desk, width):
    context, page = sign_in(browser, desk, width)
    try:
        assert_accessible(page)
        _open(page, "你好")
        page.locator(".turn summary").first.click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    finally:
        context.close()


def test_retention_removes_old_conversations_from_the_desk(page, desk):
    _filter(page)
    expect(items(page)).to_have_count(6)
    env = {**os.environ, **{k: str(v) for k, v in desk["env"].items()}, "REVIEW_RETENTION_DAYS": "180"}
    run = subprocess.run([sys.executable, "-m", "bot.review.retention"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "会话 1 个" in run.stdout, run.stdout + run.stderr
    _filter(page)                                       # every day
    expect(items(page)).to_have_count(5)
    assert "去年的补贴还能补申请吗" not in firsts(page)
