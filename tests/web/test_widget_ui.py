"""The chat widget's own behaviour in headless Chromium, with the test playing the assistant:
tests/web/fake_socket.js stands in for socket.io-client, so each test sends the exact messages
the assistant sends (built by the action code itself where it exists: actions.answers.card,
actions.check.question) without Rasa. The real conversation is in test_widget.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from actions import answers
from actions.answers import roster_url
from actions.check import question
from bot.resilience import general_contact
from bot.web import feedback
from policy_kb.kb import load

from .axe import assert_accessible
from .conftest import ROOT

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
FAKE = (ROOT / "tests/web/fake_socket.js").read_text(encoding="utf-8")


def open_widget(browser, base, viewport=PHONE, offline=False, clock=None):
    touch = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, locale="zh-CN", is_mobile=touch, has_touch=touch)
    page = context.new_page()
    if clock:
        page.clock.set_fixed_time(clock)
    page.route("**/vendor/socket.io.min.js", lambda route: route.fulfill(
        body=FAKE, content_type="application/javascript; charset=utf-8"))
    if offline:
        page.add_init_script("window.__botOffline = true")
    page.goto(base + "/")
    return context, page


@pytest.fixture()
def widget(browser, widget_server):
    context, page = open_widget(browser, widget_server["web"])
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    expect(page.locator(".qtc-status")).to_have_text("在线")
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def say(page, text="", buttons=(), custom=None):
    """The assistant sends one message (what bot.web.socket_channel emits as bot_uttered)."""
    data = {"text": text}
    if buttons:
        data["quick_replies"] = [{"content_type": "text", "title": b["title"], "payload": b["payload"]}
                                 for b in buttons]
    if custom:
        data["custom"] = custom
    page.evaluate("data => window.__bot.say(data)", data)


INIT = ("/greet", "/list_programmes")    # what the widget sends by itself when a conversation starts


def sent_messages(page) -> list:
    """What the user sent (not the widget's own greeting request)."""
    sent = page.evaluate("window.__bot.sent.filter(e => e.event === 'user_uttered').map(e => e.data.message)")
    return [m for m in sent if m not in INIT]


def session_id(page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).sessionId")


def user_says(page, text):
    page.fill("#qtc-input", text)
    page.press("#qtc-input", "Enter")


# -- point 4: the widget ---------------------------------------------------------------------
def test_a_card_keeps_the_text_beside_it(widget):
    text, payload = answers.card(4)
    prog = load().programme(4)
    say(widget, text, custom=payload)
    item = widget.locator(".qtc-log .qtc-bot").last
    card = item.locator(".qtc-card")
    expect(card).to_contain_text(prog["name"])
    for amount in prog["standard"]["table"].values():     # every level's amount
        assert f"{amount}元" in card.inner_text().replace(",", "")
    # What the card does not carry is shown beside it — and only that (no second copy of the card).
    follow_up = text.splitlines()[-1]
    beside = item.locator(".qtc-card-text")
    expect(beside).to_have_text(follow_up)
    assert prog["content"] not in beside.inner_text()


def test_a_quick_reply_tap_does_not_pop_up_the_keyboard(widget):
    message = question("subject")
    say(widget, message.text, message.buttons)
    choice = message.buttons[0]
    widget.get_by_role("button", name=choice["title"], exact=True).tap()
    expect(widget.locator(".qtc-log .qtc-user .qtc-bubble").last).to_have_text(choice["title"])
    assert sent_messages(widget)[-1] == choice["payload"]
    # The text box is not focused (a phone would open its keyboard over the next buttons).
    assert widget.evaluate("document.activeElement.id") != "qtc-input"
    expect(widget.locator(".qtc-reply")).to_have_count(0)      # used replies are gone


def test_a_long_answer_is_shown_from_its_start(widget):
    user_says(widget, "我能拿哪些补贴")
    first_line = "根据您提供的情况，下面逐项说明："
    long_answer = first_line + "\n" + "\n".join(f"第{i}项：说明文字，说明文字，说明文字。" for i in range(1, 60))
    say(widget, long_answer)
    say(widget, load().document["draft_note"])
    log = widget.locator(".qtc-log")
    answer = widget.locator(".qtc-log .qtc-bot .qtc-bubble", has_text=first_line)
    expect(widget.locator(".qtc-log .qtc-bot")).to_have_count(2)
    log_box, answer_box = log.bounding_box(), answer.bounding_box()
    # The answer's first line is at the top of the visible log, not scrolled away to its end.
    assert log_box["y"] <= answer_box["y"] <= log_box["y"] + 40, (log_box, answer_box)
    assert widget.evaluate("(l => l.scrollTop + l.clientHeight < l.scrollHeight - 50)(document.querySelector('.qtc-log'))")


def test_the_live_region_gets_only_new_messages(widget):
    message = question("subject")
    say(widget, "您好，我是政策助手。")
    say(widget, message.text, message.buttons)
    # Watch the log: which nodes are added or removed from here on.
    widget.evaluate("""() => {
      const log = document.querySelector('.qtc-log');
      window.__added = []; window.__removed = 0;
      new MutationObserver(records => records.forEach(r => {
        r.addedNodes.forEach(n => { if (n.tagName === 'LI') window.__added.push(n.textContent); });
        r.removedNodes.forEach(n => { if (n.tagName === 'LI') window.__removed++; });
      })).observe(log, {childList: true, subtree: true});
    }""")
    widget.get_by_role("button", name=message.buttons[0]["title"], exact=True).tap()
    say(widget, "好的，请问您在哪类单位工作？")
    expect(widget.locator(".qtc-log .qtc-msg")).to_have_count(4)
    added = widget.evaluate("window.__added")
    assert len(added) == 2, added                      # the user's message and the reply, nothing else
    assert message.buttons[0]["title"] in added[0] and "哪类单位" in added[1]
    assert widget.evaluate("window.__removed") == 0    # earlier messages are never re-rendered


def test_a_multi_select_question_takes_several_choices_and_a_confirm(widget):
    message = question("honours")
    assert "可多选" in message.text
    say(widget, message.text, message.buttons)
    choices = [b["title"] for b in message.buttons if b["title"] not in ("无", "不知道")]
    first, second = choices[2], choices[0]
    group = widget.get_by_role("group", name=re.compile("可多选"))
    # 确定 with nothing chosen: a polite note, nothing sent.
    group.get_by_role("button", name="确定").tap()
    expect(group).to_contain_text("请至少选一项")
    for title in (first, second):
        toggle = group.get_by_role("button", name=title, exact=True)
        toggle.tap()
        expect(toggle).to_have_attribute("aria-pressed", "true")
    assert sent_messages(widget) == []                  # nothing sent before 确定
    group.get_by_role("button", name="确定").tap()
    together = f"{second}、{first}"                      # in the question's own order
    expect(widget.locator(".qtc-log .qtc-user .qtc-bubble").last).to_have_text(together)
    assert sent_messages(widget) == [together]
    expect(widget.locator(".qtc-reply")).to_have_count(0)


def test_none_in_a_multi_select_question_is_sent_at_once(widget):
    message = question("honours")
    say(widget, message.text, message.buttons)
    none = next(b for b in message.buttons if b["title"] == "无")
    widget.get_by_role("button", name="无", exact=True).tap()
    assert sent_messages(widget) == [none["payload"]]


def test_restart_asks_first(widget):
    user_says(widget, "高级技师补贴多少钱")
    say(widget, "5000元。")
    old = session_id(widget)
    widget.get_by_role("button", name="重新开始").click()
    dialog = widget.get_by_role("alertdialog", name="重新开始对话？")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="取消")).to_be_focused()
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_be_hidden()
    expect(widget.locator(".qtc-log .qtc-user")).to_have_count(1)        # nothing was cleared
    assert session_id(widget) == old
    # Escape closes the question, not the window.
    widget.get_by_role("button", name="重新开始").click()
    widget.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(widget.locator(".qtc-panel")).to_be_visible()
    # Confirmed: a new conversation.
    widget.get_by_role("button", name="重新开始").click()
    dialog.get_by_role("button", name="清空对话").tap()
    expect(widget.locator(".qtc-log .qtc-msg")).to_have_count(0)
    assert widget.evaluate("document.activeElement.id") != "qtc-input"     # no keyboard pops up
    assert session_id(widget) != old
    assert widget.evaluate("window.__bot.sent.filter(e => e.event === 'session_request').pop().data.session_id") \
        == session_id(widget)


def test_phone_numbers_and_addresses_in_answers_are_links(widget):
    phone = load().programme(4)["phone"]
    say(widget, f"请拨打{phone}咨询，或看 https://www.hzqt.gov.cn/col/1.html?id=2。"
                "补助5000元，2025-06-30起，手机13800138000。"
                '<a href="javascript:window.__pwned=1">点我</a>')
    bubble = widget.locator(".qtc-log .qtc-bot .qtc-bubble").last
    expect(bubble.locator("a[href^='tel:']")).to_have_count(2)
    expect(bubble.get_by_role("link", name=re.compile(phone))).to_have_attribute("href", f"tel:{phone}")
    expect(bubble.get_by_role("link", name=re.compile("13800138000"))).to_have_attribute("href", "tel:13800138000")
    web = bubble.locator("a[href^='https:']")
    expect(web).to_have_attribute("href", "https://www.hzqt.gov.cn/col/1.html?id=2")   # 。 is not part of it
    expect(web).to_have_attribute("rel", "noopener noreferrer")
    expect(bubble.locator("a")).to_have_count(3)        # 5000元 and the date are no links
    expect(bubble).to_contain_text('<a href="javascript:')  # markup in an answer stays text
    assert widget.locator(".qtc-log a[href^='javascript']").count() == 0
    # The roster page the assistant points HR officers to (actions.answers.roster_url) opens from the chat.
    say(widget, f"人员较多时，可在花名册预审页面上传花名册（Excel），一次核对全部人员：{roster_url()}")
    expect(widget.locator(".qtc-log .qtc-bot .qtc-bubble").last.get_by_role("link")).to_have_attribute(
        "href", roster_url())


def test_messages_show_their_time(browser, widget_server):
    when = dt.datetime(2025, 6, 30, 9, 5)
    context, page = open_widget(browser, widget_server["web"], clock=when)
    try:
        expect(page.locator(".qtc-status")).to_have_text("在线")
        user_says(page, "电话多少")
        say(page, "请拨打89537336。")
        times = page.locator(".qtc-log .qtc-time")
        expect(times).to_have_text(["09:05", "09:05"])
        expect(times.first).to_have_attribute("datetime", "2025-06-30T09:05")
        # On a later day the date is shown too.
        page.clock.set_fixed_time(when + dt.timedelta(days=1))
        page.reload()
        expect(page.locator(".qtc-log .qtc-time").first).to_have_text("6月30日 09:05")
    finally:
        context.close()


def test_copy_and_rating_an_answer_are_kept_with_the_conversation(browser, widget_server):
    context, page = open_widget(browser, widget_server["web"], viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=widget_server["web"])
    try:
        expect(page.locator(".qtc-status")).to_have_text("在线")
        user_says(page, "高级技师补贴多少钱")
        answer = answers.handoff(4)             # with a phone number (a link) in it
        say(page, answer)
        item = page.locator(".qtc-log .qtc-bot").last
        item.get_by_role("button", name="复制这条回答").click()
        expect(item.get_by_role("button", name="复制这条回答")).to_have_text("已复制")
        assert page.evaluate("navigator.clipboard.readText()") == answer

        down = item.get_by_role("button", name="没帮助")
        down.click()
        expect(down).to_have_attribute("aria-pressed", "true")
        expect(item.locator(".qtc-thanks")).to_contain_text("已记录")
        sid = session_id(page)
        stored = feedback.by_conversation("down", widget_server["feedback_db"])[sid]
        assert [(r["question"], r["answer"]) for r in stored] == [("高级技师补贴多少钱", answer)]

        # Changing one's mind replaces the rating; it stays shown after a reload.
        up = item.get_by_role("button", name="有帮助")
        up.click()
        expect(up).to_have_attribute("aria-pressed", "true")
        expect(down).to_have_attribute("aria-pressed", "false")
        assert sid not in feedback.by_conversation("down", widget_server["feedback_db"])
        assert sid in feedback.by_conversation("up", widget_server["feedback_db"])
        page.reload()
        expect(page.locator(".qtc-log .qtc-bot").last.get_by_role("button", name="有帮助")) \
            .to_have_attribute("aria-pressed", "true")
    finally:
        context.close()


def test_offline_shows_the_hotline_from_the_knowledge_base(browser, widget_server):
    unit, phone = general_contact()
    context, page = open_widget(browser, widget_server["web"], offline=True)
    try:
        expect(page.locator(".qtc-status")).to_have_text("暂时连不上助手，正在重试…")
        box = page.locator(".qtc-offline")
        expect(box).to_be_visible()
        expect(box).to_contain_text(unit)
        expect(box.get_by_role("link", name=re.compile(phone))).to_have_attribute("href", f"tel:{phone}")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_the_chat_page_passes_axe(browser, widget_server, viewport):
    context, page = open_widget(browser, widget_server["web"], viewport=viewport)
    try:
        expect(page.locator(".qtc-status")).to_have_text("在线")
        text, payload = answers.card(4)
        say(page, text, custom=payload)
        message = question("honours")
        say(page, message.text, message.buttons)
        say(page, "请拨打89537336。")
        page.get_by_role("button", name="重新开始").click()     # the question dialog too
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert_accessible(page)
    finally:
        context.close()


# -- the feedback API ---------------------------------------------------------------------------
def post(base, body):
    req = urllib.request.Request(base + "/api/feedback", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.load(res)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.mark.parametrize("body, named", [
    ({"session_id": "abc", "message_id": "m1", "rating": "meh"}, "评价"),
    ({"session_id": "a b<script>", "message_id": "m1", "rating": "down"}, "会话编号"),
    ({"session_id": "abc", "rating": "down"}, "消息编号"),
    ({"session_id": "abc", "message_id": "m1", "rating": "down", "answer": 5}, "回答内容"),
    (["down"], "JSON 对象"),
])
def test_bad_feedback_is_refused_politely(widget_server, body, named):
    status, data = post(widget_server["web"], body)
    assert status == 400 and named in data["error"], data


def test_feedback_never_stores_personal_numbers(widget_server):
    mobile = "13800138000"
    status, _ = post(widget_server["web"], {"session_id": "privacy1", "message_id": "m1", "rating": "down",
                                            "question": f"我的手机{mobile}，能拿多少", "answer": "5000元"})
    assert status == 200
    rows = feedback.by_conversation("down", widget_server["feedback_db"])["privacy1"]
    assert mobile not in rows[0]["question"] and "已隐藏" in rows[0]["question"]
    assert mobile.encode() not in widget_server["feedback_db"].read_bytes()
