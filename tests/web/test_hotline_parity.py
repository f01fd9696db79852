"""The same caller, typed into the chat and into the hotline page, reaches the same decision
(issue 10): the chat's facts (the real Rasa and action servers over REST) and the facts the
hotline page builds from /api/understand (each message read against the facts so far and
merged by the server, as the page does) give the same engine decision."""
from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

from policy_kb.engine import decide

CALLERS = {
    "worker": ["我在钱塘一家企业上班，社保一直在钱塘交",
               "去年10月评上了高级技师，拿证的时候就在这家企业",
               "拿证后社保连续交了13个月",
               "以前评技师的时候领过3000块补助"],
    "enterprise-heads": ["我们公司在钱塘注册经营",
                         "去年3月从萧山引进了2个技师 还有1个高级工是去年5月从上海引进的",
                         "技师社保交了20个月 高级工18个月",
                         "三个人都还在我们公司 只有那个高级工是钱塘户籍 另外两个不是"],
    "training-org": ["我们是钱塘的职业培训机构 今年给失业人员和灵活就业的办了两期培训",
                     "失业人员6个拿了中级工 不是紧缺工种 灵活就业的4个拿了高级工 是紧缺工种",
                     "证书都是浙江省发的"],
}


def _post(url: str, body: dict) -> dict:
    req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as res:
        return json.loads(res.read())


def _chat_facts(stack: dict, messages: list) -> dict:
    sender = f"parity-{uuid.uuid4().hex[:8]}"
    for text in messages:
        _post(f"{stack['rasa']}/webhooks/rest/webhook", {"sender": sender, "message": text})
    url = f"{stack['rasa']}/conversations/{sender}/tracker?token={stack['token']}"
    with urllib.request.urlopen(url, timeout=30) as res:
        return json.loads(res.read())["slots"]["facts"] or {}


def _hotline_facts(stack: dict, messages: list) -> dict:
    facts: dict = {}
    for text in messages:
        reading = _post(f"{stack['web']}/api/understand", {"text": text, "known": facts})
        facts = reading["merged"]
    return facts


def _decision(facts: dict) -> dict:
    return {r["programme"]: (r["status"], r.get("amount")) for r in decide(facts)["results"]}


@pytest.mark.parametrize("caller", list(CALLERS))
def test_the_same_words_give_the_same_decision_in_the_chat_and_on_the_hotline_page(chat_stack, caller):
    messages = CALLERS[caller]
    chat = _chat_facts(chat_stack, messages)
    hotline = _hotline_facts(chat_stack, messages)
    assert chat and hotline
    assert _decision(chat) == _decision(hotline), (chat, hotline)
    assert any(status != "needs_info" or amount for status, amount in _decision(chat).values())
