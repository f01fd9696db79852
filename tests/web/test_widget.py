"""The chat widget in headless Chromium against the real assistant (Rasa + action server, the
project's model) over Rasa's socket.io channel.

Expected names, amounts and phones come from policy_kb; the greeting from the domain.
"""
from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from actions.answers import card as card_message
from bot.resilience import general_contact
from bot.web import feedback
from policy_kb.kb import load

from .axe import assert_accessible
from .conftest import ROOT, save_screenshot

REPLY_TIMEOUT = 60_000      # ms: the first replies wait for the model's first prediction
PHONE = {"width": 360, "height": 740}
ATTACK = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


def greeting_first_line() -> str:
    domain = yaml.safe_load((ROOT / "bot/domain/domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_greet"][0]["text"].splitlines()[0]


def digits(text: str) -> str:
    """Amounts compare without thousands separators (5,000元 == 5000元)."""
    return text.replace(",", "")


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture()
def page(context, chat_stack):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(chat_stack["web"] + "/")
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


def bot_messages(page):
    return page.locator(".qtc-log .qtc-bot")


def settled_replies(page, before: int) -> str:
    """The bot's replies after `before` messages, once they stop arriving (one turn can send several)."""
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    count = -1
    while count != bot_messages(page).count():
        count = bot_messages(page).count()
        page.wait_for_timeout(1500)
    return "\n".join(bot_messages(page).nth(i).inner_text() for i in range(before, count))


def send(page, text: str) -> str:
    """Type `text`, press Enter; the bot's whole answer."""
    before = bot_messages(page).count()
    page.fill("#qtc-input", text)
    page.press("#qtc-input", "Enter")
    return settled_replies(page, before)


def tracker_user_texts(stack: dict, session_id: str) -> list:
    url = f"{stack['rasa']}/conversations/{session_id}/tracker?token={stack['token']}"
    with urllib.request.urlopen(url, timeout=30) as res:
        tracker = json.load(res)
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def test_conversation_cards_amount_and_history_across_reload(page, chat_stack, tmp_path):
    kb = load()
    log = page.locator(".qtc-log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")

    # On open: the greeting, then the twelve programmes as quick replies.
    expect(log).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    for prog in kb.programmes:
        expect(page.get_by_role("button", name=prog["name"], exact=True)).to_be_visible(timeout=REPLY_TIMEOUT)

    # A quick reply shows that programme's card: name, amount, phone.
    prog = kb.programme(4)
    page.get_by_role("button", name=prog["name"], exact=True).click()
    card = page.locator(".qtc-card").last
    expect(card).to_contain_text(prog["name"], timeout=REPLY_TIMEOUT)
    expect(card).to_contain_text(prog["phone"])
    top = max(prog["standard"]["table"].values())
    assert f"{top}元" in digits(card.inner_text())
    for amount in prog["standard"]["table"].values():     # every level's amount, as the text gives it
        assert f"{amount}元" in digits(card.inner_text())
    # The text sent with the card is kept beside it (what the card itself does not say).
    follow_up = card_message(4)[0].splitlines()[-1]
    expect(page.locator(".qtc-card-text").last).to_have_text(follow_up)
    # The phone is a tel: link.
    expect(card.get_by_role("link", name=re.compile(prog["phone"]))).to_have_attribute("href", f"tel:{prog['phone']}")
    # The quick replies of earlier messages are gone once one was used.
    expect(page.get_by_role("button", name=kb.programme(12)["name"], exact=True)).to_have_count(0)
    settled_replies(page, 0)
    save_screenshot(page, tmp_path, "widget.png")
    assert (tmp_path / "widget.png").stat().st_size > 10_000

    # A typed question gets the KB's amount for that level.
    answer = send(page, "高级技师补贴多少钱")
    amount = prog["standard"]["table"]["高级技师"]
    assert f"{amount}元" in digits(answer), answer
    assert prog["name"] in answer, answer

    # Reload: the same conversation is shown and continues on the server (same session id).
    shown = log.inner_text()
    count = page.locator(".qtc-log .qtc-msg").count()
    session_id = page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).sessionId")
    page.reload()
    expect(page.locator(".qtc-log .qtc-msg")).to_have_count(count)
    assert log.inner_text() == shown
    expect(page.locator(".qtc-status")).to_have_text("在线", timeout=REPLY_TIMEOUT)
    # 👎 on that answer is stored under this conversation's id (the Rasa sender id) for review.
    rated = page.locator(".qtc-log .qtc-bot").filter(has_text=re.compile(f"{amount}元|{amount:,}元")).last
    rated.get_by_role("button", name="没帮助").click()
    expect(rated.get_by_role("button", name="没帮助")).to_have_attribute("aria-pressed", "true")
    send(page, "电话多少")
    texts = tracker_user_texts(chat_stack, session_id)
    assert "高级技师补贴多少钱" in texts and "电话多少" in texts, texts
    reviewed = feedback.by_conversation("down", chat_stack["feedback_db"])[session_id]
    assert [r["question"] for r in reviewed] == ["高级技师补贴多少钱"]
    assert f"{amount}元" in digits(reviewed[0]["answer"])

    # Readable at 360 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".qtc-panel").bounding_box()["width"] <= PHONE["width"]


def test_markup_in_messages_is_shown_as_text(page):
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    send(page, ATTACK)
    expect(page.locator(".qtc-log .qtc-user").last).to_have_text(re.compile(re.escape("<script>")))
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".qtc-log img, .qtc-log script").count() == 0


def test_keyboard_typing_indicator_and_polite_empty_input(page):
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    # Record whether the typing indicator shows while the assistant works.
    page.evaluate("""() => {
      const t = document.querySelector('.qtc-typing');
      window.__typingSeen = false;
      new MutationObserver(() => { if (!t.hidden) window.__typingSeen = true; })
        .observe(t, {attributes: true});
    }""")
    page.focus("#qtc-input")
    page.keyboard.press("Enter")
    expect(page.locator(".qtc-hint")).to_have_text("请先输入您的问题。")

    # Quick replies are buttons reached with Tab and pressed with Enter.
    reply = page.locator(".qtc-reply").first
    title = reply.inner_text()
    reply.focus()
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    expect(page.locator(".qtc-log .qtc-user .qtc-bubble").last).to_have_text(title)
    expect(bot_messages(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    assert page.evaluate("window.__typingSeen") is True

    # Escape folds the window back into the launcher; Enter on it opens it again.
    page.focus("#qtc-input")
    page.keyboard.press("Escape")
    expect(page.locator(".qtc-panel")).to_be_hidden()
    expect(page.locator(".qtc-launcher")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".qtc-panel")).to_be_visible()
    expect(page.locator("#qtc-input")).to_be_focused()


def test_widget_files_are_served_locally(chat_stack):
    """No CDN: the page loads its scripts from this server only."""
    with urllib.request.urlopen(chat_stack["web"] + "/") as res:
        html = res.read().decode("utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    for path in sources:
        with urllib.request.urlopen(chat_stack["web"] + path) as res:
            assert res.status == 200
    assert Path(ROOT / "node_modules/socket.io-client/dist/socket.io.min.js").exists()


def test_unreachable_assistant_is_said_politely_and_nothing_is_lost(context, agent_server):
    """agent_server points the widget at a closed port: the user is told, the message is kept."""
    page = context.new_page()
    page.goto(agent_server + "/")
    expect(page.locator(".qtc-status")).to_have_text("暂时连不上助手，正在重试…", timeout=20_000)
    page.fill("#qtc-input", "高级技师补贴多少钱")
    page.press("#qtc-input", "Enter")
    expect(page.locator(".qtc-hint")).to_have_text("暂时连不上助手，连上后会自动发送您的消息。")
    # Instead of an empty window: the hotline, from the knowledge base, as a tel: link.
    unit, phone = general_contact()
    expect(page.locator(".qtc-offline")).to_contain_text(unit)
    expect(page.locator(".qtc-offline").get_by_role("link", name=re.compile(phone))).to_have_attribute(
        "href", f"tel:{phone}")
    page.reload()
    expect(page.locator(".qtc-log .qtc-user .qtc-bubble")).to_have_text(["高级技师补贴多少钱"])
    # …and still waits to be sent once the assistant answers again.
    assert "高级技师补贴多少钱" in page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).pending")


def test_restart_button_starts_a_new_conversation(page):
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    send(page, "电话多少")
    old = page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).sessionId")
    page.get_by_role("button", name="重新开始").click()
    page.get_by_role("alertdialog").get_by_role("button", name="清空对话").click()
    expect(page.locator(".qtc-log .qtc-user")).to_have_count(0)
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    assert page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).sessionId") != old


def test_a_multi_select_answer_reaches_the_assistant_whole(page, chat_stack):
    """Two honours chosen with 确定 are both taken by the assistant (its facts slot)."""
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    person = load().facts["person"]
    honours = person["honours"]
    assert person["works_in_qiantang"]["question"] in send(page, f"我能申请{load().programme(1)['name']}吗")
    assert person["employer"]["question"] in send(page, "是")
    before = bot_messages(page).count()
    page.get_by_role("button", name=person["employer"]["values"]["enterprise"], exact=True).tap()
    assert honours["question"] in settled_replies(page, before)
    multi = page.get_by_role("group", name=re.compile("可多选"))
    chosen = [honours["values"][2], honours["values"][3]]
    for title in chosen:
        multi.get_by_role("button", name=title, exact=True).tap()
    before = bot_messages(page).count()
    multi.get_by_role("button", name="确定").tap()
    settled_replies(page, before)
    session_id = page.evaluate("JSON.parse(localStorage.getItem('qiantang-chat')).sessionId")
    url = f"{chat_stack['rasa']}/conversations/{session_id}/tracker?token={chat_stack['token']}"
    with urllib.request.urlopen(url, timeout=30) as res:
        facts = json.load(res)["slots"]["facts"]
    assert sorted(facts["person"]["honours"]) == sorted(chosen), facts


def test_the_chat_page_with_a_real_conversation_passes_axe(page):
    expect(page.locator(".qtc-log")).to_contain_text(greeting_first_line(), timeout=REPLY_TIMEOUT)
    settled_replies(page, 0)
    assert_accessible(page)
