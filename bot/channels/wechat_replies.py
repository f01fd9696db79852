"""One answer per WeChat message, however often WeChat delivers it.

WeChat re-sends a message it got no answer for within 5 s (three tries, same MsgId).
The first delivery starts the answer as a task; every delivery of the same key waits for
that same task, so the bot handles the message once and every retry sees the same reply.
Each entry also remembers how the answer went out ("passive" in an HTTP reply, or
"customer_service" after the reply deadline), so it is never delivered both ways.

This is one process's memory; with several Rasa replicas (REDIS_URL) a retry may reach
another one, and bot/channels/wechat_shared.py keeps the same promises through Redis.
"""
import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Dict, List, Optional

from bot.channels.wechat_format import Choice

PASSIVE = "passive"
CUSTOMER_SERVICE = "customer_service"
MAX_REMEMBERED_USERS = 100_000  # users whose pending numbered choices are kept in memory

Produce = Callable[[], Awaitable[List[str]]]


@dataclass
class Answer:
    task: "asyncio.Task[List[str]]"
    created: float = field(default_factory=time.monotonic)
    delivery: Optional[str] = None  # PASSIVE or CUSTOMER_SERVICE once decided

    async def decided(self) -> Optional[str]:
        """How the answer goes out, if some delivery has decided it."""
        return self.delivery

    async def decide(self, how: str) -> bool:
        """Make `how` the way the answer goes out; False if it was decided before."""
        if self.delivery is not None:
            return False
        self.delivery = how
        return True


class AnswerCache:
    """Answers keyed by MsgId (or sender+CreateTime for events), kept for `ttl` seconds."""

    def __init__(self, ttl: float = 300.0, max_entries: int = 10000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._answers: Dict[str, Answer] = {}

    async def get_or_start(self, key: str, produce: Produce) -> Answer:
        self._expire()
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = await self._start(key, produce)
        return answer

    async def _start(self, key: str, produce: Produce) -> Answer:
        return Answer(task=asyncio.ensure_future(produce()))

    def _expire(self) -> None:
        now = time.monotonic()
        stale = [k for k, a in self._answers.items() if now - a.created > self.ttl and a.task.done()]
        for key in stale:
            del self._answers[key]
        # Bound memory under a flood: drop the oldest finished answers first.
        while len(self._answers) > self.max_entries:
            oldest = min(self._answers, key=lambda k: self._answers[k].created)
            del self._answers[oldest]


class PendingChoices:
    """openid → the numbered choices last shown to that user (the longest-idle forgotten first)."""

    def __init__(self, max_users: int = MAX_REMEMBERED_USERS) -> None:
        self.max_users = max_users
        self._choices: "OrderedDict[str, List[Choice]]" = OrderedDict()

    async def get(self, openid: str) -> List[Choice]:
        return self._choices.get(openid, [])

    async def put(self, openid: str, choices: List[Choice]) -> None:
        self._choices.pop(openid, None)
        if choices:
            self._choices[openid] = choices
            if len(self._choices) > self.max_users:
                self._choices.popitem(last=False)
