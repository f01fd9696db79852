"""The WeChat channel's memory in Redis, for several Rasa replicas behind a load balancer
(REDIS_URL; docs/wechat.md, docs/deploy.md).

A retry of a message may reach another replica than the first delivery. Per message key:
- `…:owner` (SET NX): the one replica that runs the bot turn; every other delivery, here or
  on another replica, waits for `…:parts`, the answer that replica publishes;
- `…:delivery` (SET NX): how the answer goes out (passive reply or customer-service API),
  decided once for all replicas, so it is never sent both ways.
The numbered choices last shown to a user are kept under `…:choices:<openid>`, so "2"
means the same button whichever replica receives it.

If the answering replica dies before publishing, the other deliveries give up after
`wait_limit` seconds and answer with `lost` (ask the user to send the message again).
"""
import asyncio
import json
import logging
import os
import socket
from typing import List, Optional

from bot.channels.wechat_format import Choice
from bot.channels.wechat_replies import Answer, AnswerCache, PendingChoices, Produce

logger = logging.getLogger(__name__)

CHOICES_TTL = 7 * 24 * 3600    # seconds; a numbered choice is answered within minutes, not weeks


class SharedAnswer(Answer):
    def __init__(self, task: "asyncio.Task[List[str]]", redis, key: str, ttl: int) -> None:
        super().__init__(task=task)
        self._redis, self._key, self._ttl = redis, key + ":delivery", ttl

    async def decided(self) -> Optional[str]:
        stored = await self._redis.get(self._key)
        self.delivery = stored.decode() if stored else None
        return self.delivery

    async def decide(self, how: str) -> bool:
        won = await self._redis.set(self._key, how, nx=True, ex=self._ttl)
        if not won:
            await self.decided()
        else:
            self.delivery = how
        return bool(won)


class SharedAnswerCache(AnswerCache):
    def __init__(self, redis, prefix: str, lost: List[str], ttl: float = 300.0,
                 wait_limit: float = 60.0, poll: float = 0.05) -> None:
        super().__init__(ttl=ttl)
        self.redis, self.prefix, self.lost = redis, prefix, lost
        self.wait_limit, self.poll = wait_limit, poll
        self.me = f"{socket.gethostname()}:{os.getpid()}"

    async def _start(self, key: str, produce: Produce) -> Answer:
        key = f"{self.prefix}:answer:{key}"
        if await self.redis.set(key + ":owner", self.me, nx=True, ex=int(self.ttl)):
            task = asyncio.ensure_future(self._answer_and_publish(key, produce))
        else:
            task = asyncio.ensure_future(self._published(key))
        return SharedAnswer(task, self.redis, key, int(self.ttl))

    async def _answer_and_publish(self, key: str, produce: Produce) -> List[str]:
        parts = await produce()
        await self.redis.set(key + ":parts", json.dumps(parts, ensure_ascii=False), ex=int(self.ttl))
        return parts

    async def _published(self, key: str) -> List[str]:
        waited = 0.0
        while waited < self.wait_limit:
            stored = await self.redis.get(key + ":parts")
            if stored:
                return json.loads(stored)
            await asyncio.sleep(self.poll)
            waited += self.poll
        logger.error("WeChat channel: no answer published for %s within %.0f s (its replica died?)",
                     key, self.wait_limit)
        return self.lost


class SharedChoices(PendingChoices):
    def __init__(self, redis, prefix: str) -> None:
        super().__init__()
        self.redis, self.prefix = redis, prefix

    async def get(self, openid: str) -> List[Choice]:
        stored = await self.redis.get(f"{self.prefix}:choices:{openid}")
        return [Choice(*c) for c in json.loads(stored)] if stored else []

    async def put(self, openid: str, choices: List[Choice]) -> None:
        key = f"{self.prefix}:choices:{openid}"
        if choices:
            await self.redis.set(key, json.dumps(choices, ensure_ascii=False), ex=CHOICES_TTL)
        else:
            await self.redis.delete(key)


def shared_memory(redis_url: str, channel: str, lost: List[str]):
    """(answers, choices) kept in the Redis at `redis_url`, under keys named for the channel."""
    from redis import asyncio as aioredis

    redis = aioredis.Redis.from_url(redis_url, socket_timeout=5)
    prefix = f"wechat:{channel}"
    return SharedAnswerCache(redis, prefix, lost), SharedChoices(redis, prefix)
