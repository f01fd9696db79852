"""The hotline agent page in headless Chromium: words → cards, facts and the sentence marked with
what was understood; facts → live decision.

Expected amounts, clauses and questions are read from policy_kb here, never typed.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from policy_kb.amounts import yuan
from policy_kb.engine import decide
from policy_kb.kb import load
from policy_kb.search import search

from .axe import assert_accessible
from .conftest import save_screenshot

CALLER = "我是高级技师，去年10月取证，社保交了8个月，能拿多少补贴"
# 高级技师 heard, 金牌称号 negated, and a clause nothing in the knowledge base reads.
MARKED = "来电人在钱塘一家企业上班，今年5月评上高级技师，没有金牌称号，老家在河南"
NOTHING = "你好，请问今天天气怎么样"


@pytest.fixture(scope="module")
def understanding_loaded(agent_server):
    """The server's first reading loads spaCy and the pipeline (seconds): not on a test's clock."""
    req = urllib.request.Request(agent_server + "/api/understand", data=json.dumps({"text": "技师"}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=180) as res:
        assert res.status == 200
    # …and the first search loads the knowledge-base index and the answering rules.
    with urllib.request.urlopen(agent_server + "/api/search?q=" + urllib.parse.quote("技师"), timeout=180) as res:
        assert res.status == 200


def open_agent_page(browser, base, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.goto(base + "/agent")
    expect(page.locator("#f-person-new_level")).to_be_visible()
    expect(page.locator("#results .programme").first).to_be_visible()
    return context, page


@pytest.fixture()
def page(browser, agent_server, understanding_loaded):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(agent_server + "/agent")
    expect(page.locator("#f-person-new_level")).to_be_visible()
    expect(page.locator("#results .programme").first).to_be_visible()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def programme(page, number):
    return page.locator(f"#results .programme[data-programme='{number}']")


def test_caller_words_give_cards_prefilled_facts_and_decision(page, tmp_path):
    page.fill("#words", CALLER)
    page.click("#words-go")
    cards = page.locator("#cards .card")
    expect(cards.first).to_be_visible()
    # Best programme first, in the knowledge-base search's own order.
    best = search(CALLER, limit=12)[0]["programme"]
    expect(cards.first).to_have_attribute("data-programme", str(best))
    expect(cards.first).to_contain_text(load().programme(best)["name"])
    expect(cards.first).to_contain_text(load().programme(best)["phone"])

    # Facts heard in the words are filled in.
    expect(page.locator("#f-person-new_level")).to_have_value("高级技师")
    expect(page.locator("#f-person-ss_months_after_cert")).to_have_value("8")

    # The decision for programme 4 shows the KB's amount and the clause it comes from.
    prog4 = load().programme(4)
    result = programme(page, 4)
    expect(result).to_contain_text(yuan(prog4["standard"]["table"]["高级技师"]))
    expect(result).to_contain_text(prog4["standard"]["clause"])
    expect(result).to_contain_text(prog4["phone"])
    expect(result.locator("tr.cond")).to_have_count(len(prog4["conditions"]))
    save_screenshot(page, tmp_path, "agent.png")


def test_changing_a_fact_updates_the_decision(page):
    prog4 = load().programme(4)
    table = prog4["standard"]["table"]
    page.select_option("#f-person-new_level", "技师")
    result = programme(page, 4)
    expect(result.locator(".amount-value")).to_contain_text(yuan(table["技师"]))
    page.select_option("#f-person-new_level", "首席技师")
    expect(result.locator(".amount-value")).to_contain_text(yuan(table["首席技师"]))

    # Not working in 钱塘 any more: the condition fails with its clause, the programme is out.
    page.select_option("#f-person-employer", "enterprise")
    page.select_option("#f-person-works_in_qiantang", "false")
    expect(result.locator(".badge")).to_have_text("不符合条件")
    clause = next(c["clause"] for c in prog4["conditions"] if c.get("test", {}).get("fact") == "works_in_qiantang")
    failed = result.locator("tr.cond-fail")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text(clause)
    expect(failed).to_contain_text("不满足")
    expect(page.locator("#script")).to_have_value(re.compile(re.escape(f"暂不符合“{prog4['name']}”")))


def test_next_question_comes_from_the_missing_facts(page):
    facts = {"person": {"new_level": "高级技师", "employer": "enterprise"}}
    page.select_option("#f-person-new_level", "高级技师")
    page.select_option("#f-person-employer", "enterprise")
    expected = decide(facts)["results"]
    first_missing = next(r for r in expected if r["programme"] == 4)["missing"][0]
    question = load().facts["person"][first_missing]["question"]
    expect(programme(page, 4).locator(".programme-next")).to_contain_text(question)
    # Answering it moves on to the next missing fact.
    page.select_option(f"#f-person-{first_missing}", "true")
    facts["person"][first_missing] = True
    following = next(r for r in decide(facts)["results"] if r["programme"] == 4)["missing"][0]
    expect(programme(page, 4).locator(".programme-next")).to_contain_text(
        load().facts["person"][following]["question"])


def test_eligible_answer_script_and_materials(page):
    facts = {"as_of": "2025-06-30", "person": {
        "employer": "enterprise", "works_in_qiantang": True, "new_level": "高级技师",
        "qiantang_enterprise_employee_at_cert": True, "ss_months_after_cert": 7}}
    page.fill("#f-as_of", facts["as_of"])
    for name, value in facts["person"].items():
        selector = f"#f-person-{name}"
        if isinstance(value, bool):
            page.select_option(selector, str(value).lower())
        elif name in ("employer", "new_level"):
            page.select_option(selector, value)
        else:
            page.fill(selector, str(value))
    result = programme(page, 4)
    expect(result.locator(".badge")).to_have_text("符合条件")
    amount = next(r for r in decide(facts)["results"] if r["programme"] == 4)["amount"]
    script = page.locator("#script")
    expect(script).to_have_value(re.compile(re.escape(f"可以申请“{load().programme(4)['name']}”：{yuan(amount)}")))
    expect(script).to_have_value(re.compile(load().programme(4)["phone"]))
    # Programme 1 lists materials: they show as a checklist.
    materials = load().programme(1)["materials"]
    checklist = programme(page, 1).locator(".materials li")
    expect(checklist).to_have_count(len(materials))
    expect(checklist.first).to_contain_text(materials[0])


def test_bad_input_gets_a_polite_message_and_keeps_the_facts(page):
    page.select_option("#f-person-new_level", "高级技师")
    expect(programme(page, 4).locator(".amount-value")).to_contain_text(
        yuan(load().programme(4)["standard"]["table"]["高级技师"]))
    months = page.locator("#f-person-ss_months_after_cert")
    months.fill("-3")
    alert = page.locator("#decision-msg")
    label = load().facts["person"]["ss_months_after_cert"]["label"]
    expect(alert).to_contain_text(f"“{label}”")          # named by its Chinese label…
    expect(alert).to_contain_text("不能小于 0")
    expect(alert).not_to_contain_text("ss_months_after_cert")   # …never by the internal key
    # The field itself is marked, with the reason right under it (read out with the field).
    expect(months).to_have_attribute("aria-invalid", "true")
    error = page.locator("#f-person-ss_months_after_cert-error")
    expect(error).to_contain_text("不能小于 0")
    expect(months).to_have_attribute("aria-describedby", "f-person-ss_months_after_cert-error")
    expect(page.locator("#f-person-new_level")).to_have_value("高级技师")
    # 转到该项 takes the agent to it.
    page.focus("#f-person-new_level")
    alert.get_by_role("button", name="转到该项").click()
    expect(months).to_be_focused()
    months.fill("")
    expect(months).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_have_count(0)
    date = page.locator("#f-person-cert_date")
    date.fill("2025-13-45")
    expect(alert).to_contain_text("不是真实存在的日期")
    expect(page.locator("#f-person-cert_date-error")).to_contain_text("不是真实存在的日期")
    expect(date).to_have_attribute("aria-invalid", "true")
    date.fill("2025-05-10")
    expect(alert).to_be_hidden()
    expect(page.locator(".field-error")).to_have_count(0)
    assert "Traceback" not in page.content()


def test_an_error_in_a_list_item_is_marked_at_that_item(page):
    page.locator("details.subject summary", has_text="单位").click()
    page.get_by_role("button", name=re.compile("添加一位（新引进")).click()
    months = page.locator("#f-organisation-introduced-0-ss_months_in_qiantang")
    months.fill("abc")
    error = page.locator("#f-organisation-introduced-0-ss_months_in_qiantang-error")
    expect(error).to_contain_text("应为整数")
    expect(months).to_have_attribute("aria-invalid", "true")
    alert = page.locator("#decision-msg")
    expect(alert).to_contain_text("第1位")
    expect(alert).not_to_contain_text("introduced")


def test_markup_typed_by_the_agent_is_shown_as_text(page):
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    page.fill("#f-person-ss_months_after_cert", attack)
    alert = page.locator("#decision-msg")
    expect(alert).to_contain_text('<img src=x onerror=')   # shown literally (the message quotes its start)
    page.fill("#words", attack)
    page.click("#words-go")
    expect(page.locator("#words-msg")).not_to_have_text("正在查询…")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#decision-msg img, #cards img, #words-msg img, #reading img").count() == 0
    # Markup next to something understood is shown in the marked sentence as text.
    page.fill("#words", '高级技师<img src=x onerror="window.__pwned=1">')
    page.click("#words-go")
    expect(page.locator("#reading-text")).to_contain_text("<img")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#reading img").count() == 0


def test_a_caller_question_shows_the_chats_own_answer_first(page):
    """The agent reads the caller the same clause-level answer the chat gives (answering/)."""
    from answering import respond
    question = "首席技师的提升补助多少"
    page.fill("#words", question)
    page.click("#words-go")
    box = page.locator("#cards .answer")
    expect(box).to_be_visible()
    expect(box.locator(".answer-text")).to_have_text(respond(question).text)
    expect(box).to_contain_text(f"{load().programme(4)['standard']['table']['首席技师']}元")
    expect(page.locator("#cards .card").first).to_have_attribute("data-programme", "4")


def test_empty_words_are_refused_politely(page):
    page.click("#words-go")
    expect(page.locator("#words-msg")).to_have_text("请先输入来电人说的话。")


def test_keyboard_only(page):
    page.focus("#words")
    page.keyboard.type("高级技师补贴")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#cards .card").first).to_be_visible()
    # Tab reaches the facts form; arrow keys change a select.
    page.focus("#f-person-new_level")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#f-person-new_level")).not_to_have_value("")
    page.focus("#copy")
    page.keyboard.press("Enter")
    expect(page.locator("#copy-msg")).to_have_text("已复制")


def test_organisation_caller_and_list_facts(page):
    page.fill("#words", "我们是培训机构，想问培训补贴怎么申请")
    page.click("#words-go")
    expect(page.locator("#f-organisation-kind")).to_have_value("training_org")
    expect(page.locator("#f-organisation-kind")).to_be_visible()     # the organisation section opened

    # A trainee added in the generated list form counts in programme 10's amount.
    facts = {"organisation": {"kind": "training_org", "in_qiantang": True, "training": {
        "filed_30_days_before": True, "records_in_system": True,
        "trainees": [{"group": "失业人员", "certificate": "中级工", "issued_in_zhejiang": True}]}}}
    page.select_option("#f-organisation-in_qiantang", "true")
    page.select_option("#f-organisation-training-filed_30_days_before", "true")
    page.select_option("#f-organisation-training-records_in_system", "true")
    page.get_by_role("button", name=re.compile("添加一位（培训学员）")).click()
    expect(page.locator("#f-organisation-training-trainees-0-group")).to_be_focused()
    page.select_option("#f-organisation-training-trainees-0-group", "失业人员")
    page.select_option("#f-organisation-training-trainees-0-certificate", "中级工")
    page.select_option("#f-organisation-training-trainees-0-issued_in_zhejiang", "true")
    expected = next(r for r in decide(facts)["results"] if r["programme"] == 10)
    result = programme(page, 10)
    expect(result.locator(".amount-value")).to_have_text(yuan(expected["amount"]))
    expect(result.locator(".badge")).to_have_text(
        {"eligible": "符合条件", "needs_info": "尚需确认", "ineligible": "不符合条件"}[expected["status"]])
    # Removing the trainee takes the amount back out.
    page.get_by_role("button", name="删除第1位").click()
    expect(page.locator("#f-organisation-training-trainees-0-group")).to_have_count(0)
    without = {"organisation": {**facts["organisation"], "training": {
        k: v for k, v in facts["organisation"]["training"].items() if k != "trainees"}}}
    gone = next(r for r in decide(without)["results"] if r["programme"] == 10)
    assert gone["status"] == "needs_info"
    expect(result.locator(".amount-value")).to_have_text(re.compile("^待定"))     # not 0元 while undecided


def chip(page, label):
    """The small label after a span, found by the fact's Chinese label."""
    return page.locator("#reading-text .chip").filter(
        has=page.locator(".chip-label", has_text=re.compile("^" + re.escape(label) + "$")))


def test_understood_words_are_marked_in_the_sentence(page, tmp_path):
    person = load().facts["person"]
    page.fill("#words", MARKED)
    page.click("#words-go")
    reading = page.locator("#reading")
    expect(reading).to_be_visible()
    expect(page.locator("#words-msg")).to_contain_text("已在下方标出识别到的情况")

    # 高级技师: marked, with the fact's label and value after it (read out in place as text).
    level = chip(page, person["new_level"]["label"])
    expect(level).to_have_count(1)
    expect(level.locator(".chip-value")).to_have_text("高级技师")
    expect(level).to_have_text(f"（识别为{person['new_level']['label']}：高级技师）")
    expect(page.locator("#reading-text .mk", has_text=re.compile("^高级技师$"))).to_have_count(1)

    # 没有金牌称号: the span is marked as negated, its label struck through with 否.
    gold = chip(page, person["gold_title"]["label"])
    expect(gold).to_have_class(re.compile(r"\bneg\b"))
    expect(gold.locator(".chip-value")).to_have_text("否")
    assert "line-through" in gold.locator(".chip-label").evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(page.locator("#reading-text .mk.neg", has_text="金牌").first).to_be_visible()
    assert "钱塘" in page.locator("#reading-text").text_content()

    # What no fact came from is named on one plain line.
    missed = page.locator("#reading-missed")
    expect(missed).to_have_text(re.compile("^未识别："))
    expect(missed).to_contain_text("河南")
    expect(missed).not_to_contain_text("高级技师")

    # …and what was understood is filled in.
    expect(page.locator("#f-person-new_level")).to_have_value("高级技师")
    expect(page.locator("#f-person-gold_title")).to_have_value("无")
    save_screenshot(page, tmp_path, "agent-reading.png")


def test_words_with_nothing_recognisable_say_so_plainly(page):
    page.fill("#words", MARKED)
    page.click("#words-go")
    expect(page.locator("#reading")).to_be_visible()
    page.fill("#words", NOTHING)
    page.click("#words-go")
    msg = page.locator("#words-msg")
    expect(msg).to_contain_text("没有从这句话里识别出情况")
    expect(msg).not_to_contain_text("已在下方标出")
    expect(page.locator("#reading")).to_be_hidden()


def test_unknown_facts_are_marked_not_known(page):
    page.fill("#words", "不清楚是不是在钱塘交社保")
    page.click("#words-go")
    unknown = chip(page, load().facts["person"]["works_in_qiantang"]["label"])
    expect(unknown).to_have_class(re.compile(r"\bunk\b"))
    expect(unknown.locator(".chip-value")).to_have_text("不清楚")
    expect(page.locator("#f-person-works_in_qiantang")).to_have_value("")    # not known stays unfilled


def test_marked_sentence_fits_a_narrow_phone(browser, agent_server, understanding_loaded, tmp_path):
    context, page = open_agent_page(browser, agent_server, 360, 740)
    try:
        page.fill("#words", MARKED)
        page.click("#words-go")
        expect(page.locator("#reading-missed")).to_contain_text("未识别：")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        box = page.locator("#reading").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        page.locator("#reading").scroll_into_view_if_needed()
        save_screenshot(page, tmp_path, "agent-reading-360.png")
    finally:
        context.close()


def test_undecided_programmes_show_pending_with_the_provisional_amount(page):
    table = load().programme(4)["standard"]["table"]
    page.select_option("#f-person-new_level", "高级技师")
    result = programme(page, 4)
    expect(result.locator(".badge")).to_have_text("尚需确认")
    expect(result.locator(".amount-value")).to_have_text(f"待定（条件都满足可得{yuan(table['高级技师'])}）")
    # 鼓励参评参赛 pays 1:1 up to its cap: before the award is known, its cap.
    cap = load().programme(1)["standard"]["cap"]
    expect(programme(page, 1).locator(".amount-value")).to_have_text(f"待定（最高{yuan(cap)}）")
    for value in page.locator("#results .programme:has(.badge-needs_info) .amount-value").all_inner_texts():
        assert value.startswith("待定") and value != "0元", value


def test_none_is_a_choice_where_the_answer_can_be_none(page):
    person = load().facts["person"]
    # 已享受补助的最高等级: 无 (never subsidised) is one of the choices.
    options = page.locator("#f-person-subsidised_level option").all_inner_texts()
    assert person["subsidised_level"]["none"] in options, options
    # Honours: 无 ticks off the others and says "none" — programme 1 needs one, so it is out.
    page.check("#f-person-honours-0")
    page.check("#f-person-honours-none")
    expect(page.locator("#f-person-honours-0")).not_to_be_checked()
    expect(programme(page, 1).locator(".badge")).to_have_text("不符合条件")
    page.uncheck("#f-person-honours-none")
    expect(programme(page, 1).locator(".badge")).to_have_text("尚需确认")
    # A list: 无 新培育人才 settles programme 5 (an empty list), unlike leaving it unfilled.
    page.locator("details.subject summary", has_text="单位").click()
    page.select_option("#f-organisation-kind", "enterprise")
    page.select_option("#f-organisation-in_qiantang", "true")
    expect(programme(page, 5).locator(".badge")).to_have_text("尚需确认")
    page.check("#f-organisation-cultivated-none")
    expect(programme(page, 5).locator(".badge")).to_have_text(
        {"eligible": "符合条件", "needs_info": "尚需确认", "ineligible": "不符合条件"}[
            next(r for r in decide({"organisation": {"kind": "enterprise", "in_qiantang": True, "cultivated": []}})[
                "results"] if r["programme"] == 5)["status"]])


def test_the_script_is_short_and_ranked(page):
    facts = {"as_of": "2025-06-30", "person": {
        "employer": "enterprise", "works_in_qiantang": True, "new_level": "高级技师",
        "qiantang_enterprise_employee_at_cert": True, "ss_months_after_cert": 7}}
    page.fill("#f-as_of", facts["as_of"])
    page.select_option("#f-person-employer", "enterprise")
    page.select_option("#f-person-works_in_qiantang", "true")
    page.select_option("#f-person-new_level", "高级技师")
    page.select_option("#f-person-qiantang_enterprise_employee_at_cert", "true")
    page.fill("#f-person-ss_months_after_cert", "7")
    expect(programme(page, 4).locator(".badge")).to_have_text("符合条件")
    results = decide(facts)["results"]
    eligible = [r for r in results if r["status"] == "eligible"]
    script = page.locator("#script").input_value()
    items = [line for line in script.splitlines() if re.match(r"^\d+\. ", line)]
    # Eligible first…
    assert [load().programme(r["programme"])["name"] in items[i] for i, r in enumerate(eligible)] == [True] * len(eligible)
    assert all(line.split(". ", 1)[1].startswith("可以申请") for line in items[:len(eligible)])
    # …then at most three that may be, the larger amount first.
    maybe = items[len(eligible):]
    assert 1 <= len(maybe) <= 3 and all("可能符合" in line for line in maybe), items
    amounts = [max(int(a) for a in re.findall(r"(\d+)元", line)) for line in maybe]
    assert amounts == sorted(amounts, reverse=True), maybe
    # Each phone once; no programme the caller cannot apply for is read out as possible.
    for phone in {r["contact"]["phone"] for r in results}:
        assert script.count(phone) <= 1, script
    # The results below are in the same order: the eligible programme on top.
    expect(page.locator("#results .programme").first).to_have_attribute("data-programme", str(eligible[0]["programme"]))


@pytest.mark.parametrize("width", [360, 1280])
def test_the_agent_page_passes_axe(browser, agent_server, understanding_loaded, width):
    context, page = open_agent_page(browser, agent_server, width, 800)
    try:
        page.fill("#words", MARKED)
        page.click("#words-go")
        expect(page.locator("#reading")).to_be_visible()
        page.fill("#f-person-ss_months_after_cert", "-3")                # an error shown at its field
        expect(page.locator(".field-error")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    finally:
        context.close()
