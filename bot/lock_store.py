"""Conversation locks in Redis for several Rasa replicas (REDIS_URL; docs/deploy.md).

bot/endpoints.yml names the lock store `${LOCK_STORE}`: scripts/rasa_server.py sets it to
Rasa's in-memory store for one process, and to this class when REDIS_URL is set.

Rasa's RedisLockStore reads the ticket lock, changes it in Python and writes it back. Two
replicas taking a ticket for the same conversation at the same moment can both read "no
tickets", both take ticket 0 and process the conversation's messages at once; a replica
cleaning up can delete the lock just after another one queued a ticket on it (that message
then fails with LockError). Here every read-change-write is one Redis transaction
(WATCH/MULTI, retried when another replica changed the lock in between); the lock's format
is Rasa's own.

A ticket expires TICKET_LOCK_LIFETIME seconds after it was issued, so that a replica that
dies while holding the lock does not block its conversation for ever. In Rasa's waiting
loop the waiting tickets expire too: when a replica died mid-turn, the message retried on
another replica waits for the dead ticket and then loses its own, issued a moment later,
and fails with LockError. Here a waiting replica renews its ticket each time it looks, so
only the tickets of replicas that stopped looking (or that hold the lock) expire.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from typing import Callable, Dict, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX, LOCK_LIFETIME, LockError,
                                  LockStore, RedisLockStore)

logger = logging.getLogger(__name__)
T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config=None, url: Optional[Text] = None) -> None:
        import redis

        url = url or os.environ.get("REDIS_URL") or getattr(endpoint_config, "url", None)
        if not url or url.startswith("${"):
            raise ValueError("AtomicRedisLockStore needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        self.red = redis.StrictRedis.from_url(url, socket_timeout=10)
        self.key_prefix = DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
        self._lifetimes: Dict[Tuple[Text, int], float] = {}    # the tickets this process waits with
        LockStore.__init__(self)

    def _change(self, conversation_id: Text,
                change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]) -> T:
        """Apply `change` to the stored lock atomically; a returned lock without tickets is deleted."""
        key = self.key_prefix + conversation_id

        def attempt(pipe) -> T:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new, result = change(lock)
            pipe.multi()
            if new is not None and new.is_someone_waiting():
                pipe.set(key, new.dumps())
            elif stored:
                pipe.delete(key)
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: Optional[TicketLock]):
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        ticket = self._change(conversation_id, take)
        self._lifetimes[conversation_id, ticket] = lock_lifetime
        return ticket

    async def _acquire_lock(self, conversation_id: Text, ticket: int,
                            wait_time_in_seconds: float) -> TicketLock:
        def renew(lock: Optional[TicketLock]):
            mine = lock and lock._ticket_for_ticket_number(ticket)     # expired ones dropped
            if not mine:
                return lock, None
            mine.expires = time.time() + self._lifetimes.get((conversation_id, ticket), LOCK_LIFETIME)
            return lock, lock

        while True:
            lock = self._change(conversation_id, renew)
            if lock is None:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def done(lock: Optional[TicketLock]):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, done)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # finish_serving deletes the lock with its last ticket, in the same transaction.
        self._lifetimes.pop((conversation_id, ticket_number), None)
        self.finish_serving(conversation_id, ticket_number)
