"""Point 3: bad input through the REST channel and through the engine CLI. Every message
gets a polite Chinese reply (no 500, no crash), and nothing is stored that was not said:
the facts collected so far stay exactly as they were."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from policy_kb.kb import load
from tests.bot.servers import ROOT, texts

from .dialogue import pending_question

BAD = {
    "empty": "",
    "whitespace": " \t \n  ",
    "very_long": "我想问一下补贴" * 1429,            # 10,003 characters
    "emoji": "😀🌸🎉",                             # (👍 alone reads as a yes)
    "control": "\x00\x07你好\x1b[31m\x7f",
    "html": "<script>alert('x')</script><b>补贴</b>",
    "sql": "'; DROP TABLE events; -- 1=1",
    "english": "Which subsidies can I apply for?",
    "traditional": "我能申請哪些補貼？",
    "numbers": "1234567",
    "impossible_month": "2025年13月",
    "negative_months": "社保交了-3个月",
    "absurd_months": "交了900个月",
}
XFAIL: dict = {}   # inputs the bot cannot handle yet, with the reason (none now)


def max_months() -> int:
    return load().facts["max_months"]


@pytest.mark.parametrize("name", list(BAD))
def test_rest_channel_bad_input_keeps_facts(stack, name, request):
    if name in XFAIL:
        request.applymarker(pytest.mark.xfail(reason=XFAIL[name], strict=True))
    sender = f"bad-{name}"
    stack.say(sender, "我能申请哪些补贴")
    stack.say(sender, "个人")
    replies = stack.say(sender, "我是高级技师")
    question = pending_question(replies)
    facts = stack.slot(sender, "facts")
    events = stack.event_count(sender)

    replies = stack.say(sender, BAD[name])          # urllib raises on a 500
    body = texts(replies)
    assert body and re.search(r"[\u4e00-\u9fff]", body), replies      # a Chinese answer
    assert not re.search(r"Traceback|Exception|<script", body), body
    assert stack.slot(sender, "facts") == facts                     # nothing stored that was not said

    if name in ("empty", "whitespace", "very_long"):
        assert stack.event_count(sender) == events                 # not even the text is kept
        assert ("太长" in body) if name == "very_long" else ("没有输入" in body)
    if name == "negative_months" or name == "absurd_months":
        assert f"0~{max_months()}" in body and question in body    # what is accepted, then asked again
    if name == "impossible_month":
        assert "日期" in body and question in body

    # The check goes on with what was collected before.
    stack.say(sender, "是的")
    person = stack.slot(sender, "facts")["person"]
    assert person["new_level"] == "高级技师" and person["works_in_qiantang"] is True


def test_rest_channel_stores_no_control_characters(stack):
    stack.say("bad-ctl", "\x00\x01技能提升补贴\x1f多少钱\x7f")
    import sqlite3
    db = sqlite3.connect(stack.tracker_db)
    rows = db.execute("SELECT data FROM events WHERE sender_id='bad-ctl' AND type_name='user'").fetchall()
    db.close()
    text = json.loads(rows[-1][0])["text"]
    assert text == "技能提升补贴多少钱"


def cli(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policy_kb", "check", "-"], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def assert_refused(run: subprocess.CompletedProcess) -> None:
    assert run.returncode == 2, (run.returncode, run.stdout[:300], run.stderr[:300])
    assert run.stdout == ""
    assert re.search(r"[\u4e00-\u9fff]", run.stderr) and "Traceback" not in run.stderr, run.stderr[:500]
    assert len(run.stderr) < 2000                    # a message, not an echo of 10,000 characters


@pytest.mark.parametrize("name", list(BAD))
def test_cli_bad_input_as_the_whole_file(name):
    assert_refused(cli(BAD[name]))


@pytest.mark.parametrize("name", list(BAD))
def test_cli_bad_input_as_a_fact_value(name):
    for key in ("new_level", "cert_date", "ss_months_after_cert", "works_in_qiantang"):
        assert_refused(cli(json.dumps({"person": {key: BAD[name]}}, ensure_ascii=False)))


@pytest.mark.parametrize("facts, key", [
    ({"person": {"ss_months_after_cert": -3}}, "ss_months_after_cert"),
    ({"person": {"ss_months_after_cert": 900}}, "ss_months_after_cert"),
    ({"person": {"cert_date": "2025-13-01"}}, "cert_date"),
    ({"person": {"ss_start_month": "2025-13"}}, "ss_start_month"),
    ({"person": {"ss_months_after_cert": 1e400}}, "ss_months_after_cert"),
])
def test_cli_impossible_facts_name_the_key_and_what_is_accepted(facts, key):
    run = cli(json.dumps(facts))
    assert_refused(run)
    assert key in run.stderr and "可接受" in run.stderr
