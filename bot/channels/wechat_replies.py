"""One answer per WeChat message, however often WeChat delivers it.

WeChat re-sends a message it got no answer for within 5 s (three tries, same MsgId).
The first delivery starts the answer as a task; every delivery of the same key waits for
that same task, so the bot handles the message once and every retry sees the same reply.
Each entry also remembers how the answer went out ("passive" in an HTTP reply, or
"customer_service" after the reply deadline), so it is never delivered both ways.
"""
import asyncio
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Dict, List, Optional

PASSIVE = "passive"
CUSTOMER_SERVICE = "customer_service"


@dataclass
class Answer:
    task: "asyncio.Task[List[str]]"
    created: float = field(default_factory=time.monotonic)
    delivery: Optional[str] = None  # PASSIVE or CUSTOMER_SERVICE once decided


class AnswerCache:
    """Answers keyed by MsgId (or sender+CreateTime for events), kept for `ttl` seconds."""

    def __init__(self, ttl: float = 300.0, max_entries: int = 10000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._answers: Dict[str, Answer] = {}

    def get_or_start(self, key: str, produce: Callable[[], Awaitable[List[str]]]) -> Answer:
        self._expire()
        answer = self._answers.get(key)
        if answer is None:
            answer = Answer(task=asyncio.ensure_future(produce()))
            self._answers[key] = answer
        return answer

    def _expire(self) -> None:
        now = time.monotonic()
        stale = [k for k, a in self._answers.items() if now - a.created > self.ttl and a.task.done()]
        for key in stale:
            del self._answers[key]
        # Bound memory under a flood: drop the oldest finished answers first.
        while len(self._answers) > self.max_entries:
            oldest = min(self._answers, key=lambda k: self._answers[k].created)
            del self._answers[oldest]
