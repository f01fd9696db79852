"""Point 2: when the action server is down or too slow the user gets a short Chinese
apology with the hotline (and the programme's number when one is in context) — never
silence, never a stack trace — and the conversation goes on once it is back."""
from __future__ import annotations

import re
import time

from policy_kb.kb import load
from tests.bot.servers import free_port, texts

from .conftest import ACTION_TIMEOUT, wait_port_free
from .slow_proxy import SlowProxy


def assert_apology(replies: list, programme: int | None) -> None:
    kb = load()
    body = texts(replies)
    assert body.startswith("抱歉"), body
    assert kb.document["general_phone_unit"] in body
    phones = set(re.findall(r"\d{8}", body))
    assert phones and phones <= {p["phone"] for p in kb.programmes}, body   # numbers from the KB only
    if programme:
        prog = kb.programme(programme)
        assert prog["name"] in body and prog["phone"] in body
    assert not re.search(r"Traceback|Exception|Error|[A-Za-z]{5,}", body), body
    assert len(body) < 200                                                # short


def test_action_server_down_slow_and_back(stack):
    sender = "fault-worker"
    four = load().programme(4)
    assert four["name"] in texts(stack.say(sender, "技能提升补贴能拿多少钱"))
    stack.say(sender, "我能申请这个补贴吗")
    stack.say(sender, "我是高级技师")
    facts = stack.slot(sender, "facts")
    assert facts["person"]["new_level"] == "高级技师"

    port, delay = stack.actions_port, 10 * ACTION_TIMEOUT
    try:
        # Down: the action server process is killed.
        stack.kill_actions()
        replies = stack.say(sender, "去年10月取证")
        assert_apology(replies, programme=4)
        assert_apology(stack.say("fault-new", "有哪些政策"), programme=None)   # nothing in context
        assert stack.slot(sender, "facts") == facts                            # nothing collected is lost

        # Slow: a proxy on the action server's port holds each call far longer than the timeout.
        stack.actions_port = free_port()
        stack.start_actions()
        wait_port_free(port)
        with SlowProxy(port, f"http://127.0.0.1:{stack.actions_port}", delay):
            started = time.monotonic()
            replies = stack.say(sender, "去年10月取证")
            waited = time.monotonic() - started
        assert_apology(replies, programme=4)
        assert ACTION_TIMEOUT * 0.9 <= waited < delay / 2, waited      # the timeout answered, not the proxy
        assert stack.slot(sender, "facts") == facts
    finally:
        # Back: the action server on its own port again (also for the tests that follow).
        stack.restore_actions(port)
    replies = stack.say(sender, "去年10月取证")
    assert not texts(replies).startswith("抱歉"), texts(replies)
    person = stack.slot(sender, "facts")["person"]
    assert person["new_level"] == "高级技师" and person["cert_date"].endswith("-10-01")
