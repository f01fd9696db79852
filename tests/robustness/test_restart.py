"""Point 1: a half-finished eligibility check survives a restart of Rasa (SQL tracker store
on SQLite) and finishes with the facts given before the restart."""
from __future__ import annotations

from policy_kb.engine import decide
from tests.bot.servers import texts

from .dialogue import ANSWERS, OPENING, finish, pending_question, worker_facts


def test_check_continues_after_rasa_restart(stack):
    sender = "restart-worker"
    for message in OPENING:
        replies = stack.say(sender, message)
    question = pending_question(replies)
    assert any(k in question for k in ANSWERS), texts(replies)
    before = stack.slot(sender, "facts")
    assert before["person"]["new_level"] == "高级技师" and before["person"]["ss_months_after_cert"] == 8

    stack.stop_rasa()
    stack.start_rasa()              # same SQLite file, new process

    # The first message after the restart answers the question asked before it.
    answer = next(a for k, a in ANSWERS.items() if k in question)
    result, asked = finish(stack, sender, stack.say(sender, answer))
    # Nothing given before the restart is asked again.
    assert not any(w in q for q in asked for w in ("等级", "落款", "多少个月")), asked

    expected = {r["programme"]: r for r in decide(worker_facts())["results"]}
    got = {r["programme"]: r for r in result["results"]}
    assert got[4]["status"] == expected[4]["status"] == "eligible"
    assert got[4]["amount"] == expected[4]["amount"]
    after = stack.slot(sender, "facts")["person"]
    assert {k: after[k] for k in before["person"]} == before["person"]
