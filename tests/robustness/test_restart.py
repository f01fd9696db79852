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
    from actions.check import question as question_for
    given = [question_for(path).text for path in ("new_level", "cert_date", "ss_months_after_cert")]
    assert not any(g in q for q in asked for g in given), asked

    expected = {r["programme"]: r for r in decide(worker_facts())["results"]}
    got = {r["programme"]: r for r in result["results"]}
    assert got[4]["status"] == expected[4]["status"] == "eligible"
    assert got[4]["amount"] == expected[4]["amount"]
    after = stack.slot(sender, "facts")["person"]
    assert {k: after[k] for k in before["person"]} == before["person"]


def test_store_cache_gives_what_the_database_holds(tmp_path, monkeypatch):
    """bot/tracker_store.py answers repeat loads from memory: they must equal a fresh read
    of the database (another process, cache off), across a new session too."""
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

    from bot.tracker_store import MaskingSQLTrackerStore

    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    db = str(tmp_path / "t.db")
    domain = Domain.from_dict({"slots": {"facts": {"type": "any", "mappings": [{"type": "custom"}]}}})
    cached = MaskingSQLTrackerStore(domain=domain, db=db)

    async def turn(text: str, new_session: bool = False):
        tracker = await cached.get_or_create_tracker("s1")
        if new_session:
            tracker.update(SessionStarted())
        for event in (ActionExecuted("action_listen"), UserUttered(text, {"name": "inform"}),
                      SlotSet("facts", {"said": text}), BotUttered(f"回答{text}")):
            tracker.update(event)
        await cached.save(tracker)

    async def dicts(store):
        tracker = await store.retrieve("s1")
        return [e.as_dict() for e in tracker.events]

    async def scenario():
        await turn("一", new_session=True)
        await turn("二")
        await turn("三", new_session=True)
        monkeypatch.setenv("TRACKER_CACHE", "0")
        fresh = MaskingSQLTrackerStore(domain=domain, db=db)
        assert await dicts(cached) == await dicts(fresh)
        assert [e.text for e in (await fresh.retrieve("s1")).events if isinstance(e, UserUttered)] == ["三"]
        assert (await fresh.retrieve("s1")).get_slot("facts") == {"said": "三"}

    asyncio.run(scenario())
