"""Sessions (issue 10): after the idle time a conversation starts clean, and a returning
user is asked whether to go on with the check left unfinished. The real Rasa and action
servers over REST, with the idle time shortened by SESSION_IDLE_MINUTES (bot/sessions.py)."""
from __future__ import annotations

import time

import pytest

from tests.bot.servers import MODEL, Stack, buttons, texts

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")
IDLE_SECONDS = 3


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = Stack(tmp_path_factory.mktemp("sessions"), env={"SESSION_IDLE_MINUTES": str(IDLE_SECONDS / 60)}).start()
    yield s
    s.stop()


def _half_done_check(stack, sender):
    stack.say(sender, "我能申请哪些补贴")
    stack.say(sender, '/inform{"choice":"person"}')
    reply = texts(stack.say(sender, "我在钱塘一家企业上班，今年3月评上了高级技师"))
    assert "？" in reply                    # the check goes on: a question is pending
    return reply.splitlines()[-1]


def test_returning_user_is_offered_the_unfinished_check_and_can_go_on(stack):
    pending = _half_done_check(stack, "back-1")
    time.sleep(IDLE_SECONDS + 1.5)
    replies = stack.say("back-1", "你好")
    text = texts(replies)
    assert "上次的核对还没有完成" in text and "高级技师" in text
    assert "继续上次的核对" in buttons(replies) and "重新开始" in buttons(replies)
    resumed = texts(stack.say("back-1", '/check_eligibility{"choice":"resume"}'))
    assert pending.split("：")[-1] in resumed       # the same question as before the break
    assert "身份" not in resumed                    # nothing already said is asked again


def test_new_session_starts_clean_when_the_user_does_not_go_on(stack):
    _half_done_check(stack, "back-2")
    time.sleep(IDLE_SECONDS + 1.5)
    stack.say("back-2", "你好")
    reply = texts(stack.say("back-2", "我能申请哪些补贴"))
    assert "身份" in reply                      # the old facts were not carried into the new session


def test_within_the_idle_time_the_check_just_goes_on(stack):
    pending = _half_done_check(stack, "back-3")
    reply = texts(stack.say("back-3", "不知道"))
    assert "上次的核对" not in reply and reply.splitlines()[-1] != pending
