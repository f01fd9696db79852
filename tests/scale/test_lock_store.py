"""bot/lock_store.py against the real Redis of the scaled set: two stores stand for two
replicas. Tickets taken at the same moment are all different, and a message waiting behind
a replica that died holding the lock gets it once the dead ticket expires."""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from bot.lock_store import AtomicRedisLockStore


def test_tickets_taken_at_once_by_two_replicas_are_all_different(scaled):
    replicas = [AtomicRedisLockStore(url=scaled.redis_url) for _ in range(2)]
    conversation = f"tickets-{time.time_ns()}"
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda i: replicas[i % 2].issue_ticket(conversation, 30), range(40)))
    assert sorted(tickets) == list(range(40))
    for i, ticket in enumerate(tickets):
        replicas[i % 2].cleanup(conversation, ticket)
    assert replicas[0].get_lock(conversation) is None       # the last clean-up removed the lock


def test_waiting_message_gets_the_lock_of_a_replica_that_died_holding_it(scaled):
    dead, alive = AtomicRedisLockStore(url=scaled.redis_url), AtomicRedisLockStore(url=scaled.redis_url)
    conversation = f"dead-holder-{time.time_ns()}"
    held = dead.issue_ticket(conversation, lock_lifetime=1.0)      # taken, never given back

    async def next_turn() -> int:
        async with alive.lock(conversation, lock_lifetime=1.0, wait_time_in_seconds=0.3) as lock:
            return lock.now_serving

    assert alive.get_lock(conversation).now_serving == held
    assert asyncio.run(next_turn()) == held + 1
    assert alive.get_lock(conversation) is None
