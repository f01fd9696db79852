"""Two Rasa replicas on Redis and PostgreSQL behind nginx (`make run-scaled`) answer as one
Rasa does: conversations survive a replica's death, a conversation's messages are handled
one at a time in order whichever replica gets them, a WeChat retry that reaches the other
replica is answered once, and PostgreSQL gives the answers SQLite gives.

The test that kills a replica runs last (the file's order)."""
from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor

from scripts.load_test import check_own_answer, next_message, person
from tests.channels.wechat_sim import new_msg_id, new_openid, text_xml
from tests.scale.conftest import SLOW_TURN, say, stored_events, texts, wechat

LIST_QUESTION = "有哪些补贴"


def hold(send, who: dict, turns: int = 12, before_turn=lambda turn: None):
    """One eligibility conversation as `make load` holds it; (reply texts per turn, its result)."""
    queue, seen, result = list(who["opening"]), [], None
    for turn in range(turns):
        before_turn(turn)
        message = next_message(who, queue, seen, result)
        assert message is not None, f"unexpected question: {seen[-1]}"
        replies = send(who["sender"], message)
        seen.append(texts(replies))
        result = result or next((r["custom"] for r in replies
                                 if (r.get("custom") or {}).get("type") == "eligibility_result"), None)
        if result is not None:
            return seen, {"result": result, "text": seen[-1]}
    return seen, {"result": result, "text": "\n".join(seen)}


def test_postgresql_gives_the_answers_sqlite_gives(scaled, sqlite_rasa):
    who = person(7, dt.date.today())
    on_sqlite, outcome = hold(sqlite_rasa.say, who)
    assert check_own_answer(who, outcome, [who]) == []
    who["sender"] += "-pg"
    on_postgres, _ = hold(lambda sender, message: say(scaled.url, sender, message), who)
    assert on_postgres == on_sqlite
    said = [e["text"] for e in stored_events(scaled, who["sender"]) if e["event"] == "user"]
    assert said[:3] == who["opening"] and len(said) == len(on_postgres)


def test_lock_keeps_one_conversations_messages_in_order_across_replicas(scaled):
    """After the opening, the answer to "as whom?" is held SLOW_TURN seconds at the action
    server; the answer to the next question, sent meanwhile to the other replica, must wait
    for it and be read after it (without the lock it is read before, and "as whom?" comes again)."""
    who = person(1, dt.date.today())
    opening, first, second = who["opening"][0], who["opening"][1], who["answers"]["是否在钱塘区工作"]
    reference = f"ref-{time.time_ns()}"
    expected = [texts(say(scaled.url, reference, text)) for text in (opening, first, second)][1:]
    sender = f"slow-{time.time_ns()}"
    say(scaled.url, sender, opening)
    with ThreadPoolExecutor(2) as pool:
        one = pool.submit(say, scaled.replica_url(0), sender, first)
        time.sleep(SLOW_TURN / 4)
        two = pool.submit(say, scaled.replica_url(1), sender, second)
        got = [texts(one.result()), texts(two.result())]
    assert got == expected
    kinds = [(e["event"], e.get("text")) for e in stored_events(scaled, sender) if e["event"] in ("user", "bot")]
    users = [i for i, (kind, _) in enumerate(kinds) if kind == "user"]
    assert [kinds[i][1] for i in users] == [opening, first, second]
    # Each message's answer is stored after it and before the next message (no interleaving).
    answers = [[text for _, text in kinds[start + 1:end] if text]
               for start, end in ((users[1], users[2]), (users[2], len(kinds)))]
    assert ["\n".join(a) for a in answers] == expected


def test_wechat_retry_reaching_the_other_replica_is_answered_once(scaled):
    on_a, on_b = wechat(scaled, scaled.replica_url(0)), wechat(scaled, scaled.replica_url(1))
    reference = wechat(scaled, scaled.replica_url(0)).say(new_openid(), LIST_QUESTION).content
    openid, msg_id = new_openid(), new_msg_id()
    xml = text_xml(openid, LIST_QUESTION, msg_id)
    with ThreadPoolExecutor(2) as pool:        # WeChat's retry arrives while the first is answered
        first = pool.submit(on_a.post, xml, openid)
        retry = pool.submit(on_b.post, xml, openid)
        replies = [first.result().content, retry.result().content]
    late_retry = on_b.post(xml, openid).content
    assert replies == [reference, reference] and late_retry == reference
    turns = [e for e in stored_events(scaled, openid) if e["event"] == "user"]
    assert [(t["text"], t["message_id"]) for t in turns] == [(LIST_QUESTION, f"wx{msg_id}")]
    # The numbered choices shown by one replica are understood by the other.
    twin = new_openid()
    on_a.say(twin, LIST_QUESTION)
    expected = on_a.say(twin, "2").content
    assert "回复数字选择" in reference
    assert on_b.say(openid, "2").content == expected


def test_conversation_continues_when_its_replica_is_killed_between_turns(scaled):
    who = person(4, dt.date.today())
    replica = {"url": scaled.replica_url(0)}

    def send(sender, message):
        return say(replica["url"], sender, message)

    def kill_after_opening(turn: int) -> None:
        if turn == 3:            # three turns on replica 1, then it dies; nginx finds replica 2
            scaled.kill_replica(0)
            replica["url"] = scaled.url

    seen, outcome = hold(send, who, before_turn=kill_after_opening)
    assert not scaled.replicas[0].alive()
    assert check_own_answer(who, outcome, [who]) == []
    assert all(seen) and not any(t.startswith("抱歉，系统暂时出了点问题") for t in seen)
    said = [e["text"] for e in stored_events(scaled, who["sender"]) if e["event"] == "user"]
    assert len(said) == len(seen) and said[:3] == who["opening"]
