"""End to end: the trained model, the real action server and Rasa over the REST channel,
with the SQLite tracker store. Expected figures come from policy_kb, never typed here."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from policy_kb.amounts import yuan
from policy_kb.engine import decide
from policy_kb.kb import load
from tests.bot.servers import MODEL, Stack, buttons, customs, texts

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = Stack(tmp_path_factory.mktemp("rasa")).start()
    yield s
    s.stop()


def test_programme_question_names_programme_and_cites_clause(stack):
    prog = load().programme(4)
    replies = stack.say("q1", "技能提升补贴能拿多少钱")
    text = texts(replies)
    assert prog["name"] in text
    assert prog["standard"]["clause"] in text
    replies = stack.say("q1", "电话多少")            # follow-up about the same programme
    assert prog["phone"] in texts(replies)


def test_list_shows_all_programmes_as_buttons_and_card_has_payload(stack):
    kb = load()
    replies = stack.say("q2", "有哪些政策")
    assert buttons(replies) == [p["name"] for p in kb.programmes]
    replies = stack.say("q2", '/ask_programme{"programme":"6"}')
    card = [c for c in customs(replies) if c.get("type") == "programme_card"][0]
    assert card["programme"] == 6 and card["phone"] == kb.programme(6)["phone"]
    assert "{" not in texts(replies)                  # no raw JSON in what the user reads


def test_full_eligibility_conversation(stack):
    sender = "worker-1"
    first = texts(stack.say(sender, "我能申请哪些补贴"))
    assert "身份" in first
    stack.say(sender, '/inform{"choice":"person"}')
    # several facts in one message are all taken
    replies = stack.say(sender, "我是高级技师，去年10月取证，社保交了8个月")
    assert "高级技师" in texts(replies) and "8个月" in texts(replies)
    answers = {"是否在钱塘区工作": "是的", "哪类单位": "在企业上班", "金牌": "没有", "荣誉": "都没有",
               "在岗职工": "是"}
    final = None
    for _ in range(10):
        question = texts(replies).splitlines()[-1] if texts(replies) else ""
        reply = next((a for k, a in answers.items() if k in question), None)
        if reply is None:
            final = replies
            break
        replies = stack.say(sender, reply)
    else:
        pytest.fail("the check did not end")
    final = final or replies
    result = [c for c in customs(final) if c.get("type") == "eligibility_result"][0]
    facts = {"person": {"new_level": "高级技师", "cert_date": f"{dt.date.today().year - 1}-10-01",
                        "ss_months_after_cert": 8, "works_in_qiantang": True, "employer": "enterprise",
                        "gold_title": "无", "honours": [], "qiantang_enterprise_employee_at_cert": True}}
    expected = {r["programme"]: r for r in decide(facts)["results"]}
    got = {r["programme"]: r for r in result["results"]}
    assert got[4]["status"] == expected[4]["status"] == "eligible"
    assert got[4]["amount"] == expected[4]["amount"]
    body = texts(final)
    assert yuan(expected[4]['amount']) in body
    assert expected[4]["contact"]["phone"] in body
    assert body.count(load().document["draft_note"]) == 1
    assert not re.search(r"[A-Za-z]{4,}", body.replace("http", ""))   # no English for the user

    # A correction after the answer replaces the level and recomputes.
    replies = stack.say(sender, "不对，是技师")
    facts["person"]["new_level"] = "技师"
    amount = {r["programme"]: r for r in decide(facts)["results"]}[4]["amount"]
    assert yuan(amount) in texts(replies)


def test_interruption_is_answered_then_check_resumes(stack):
    sender = "worker-2"
    stack.say(sender, "帮我看看我能领什么补贴")
    replies = stack.say(sender, "个人")
    pending = texts(replies).splitlines()[-1]
    replies = stack.say(sender, "金牌技师津贴要什么材料")
    body = texts(replies)
    assert load().programme(2)["name"] in body
    assert pending in body                 # the same question again, after the answer


def test_impossible_value_is_refused_and_asked_again(stack):
    sender = "worker-3"
    stack.say(sender, "我能申请哪些补贴")
    stack.say(sender, "个人")
    replies = stack.say(sender, "社保交了900个月")
    body = texts(replies)
    assert "600" in body                  # says what is accepted
    replies = stack.say(sender, "重新开始")
    assert "重新开始" in texts(replies)


def test_typed_restart_command_gets_a_reply_and_starts_clean(stack):
    sender = "restart-typed"
    stack.say(sender, "我能申请哪些补贴")
    replies = stack.say(sender, "/restart")
    assert "重新开始" in texts(replies)
    assert "身份" in texts(stack.say(sender, "我能申请哪些补贴"))     # nothing kept: asked who again


@pytest.mark.parametrize("command", ["/help", "/start", "/菜单"])
def test_other_slash_commands_typed_by_users_get_a_reply(stack, command):
    replies = stack.say(f"slash-{command}", command)
    assert texts(replies).strip()           # never silence
    assert "Traceback" not in texts(replies) and "{" not in texts(replies)
