"""Conversations written with Rasa's own tracker store API (the project's MaskingSQLTrackerStore), for
dates and channels a REST conversation cannot have: weeks or months ago, over WeChat."""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import MaskingSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DAY = 24 * 3600


def session(start: float, said: list, channel: str = "wechat") -> list:
    """Rasa's events of one session starting at `start`: [(user text, intent, bot text)]."""
    events = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 0.001),
              ActionExecuted("action_listen", timestamp=start + 0.002)]
    ts = start + 1
    for text, intent, answer in said:
        events += [UserUttered(text, intent={"name": intent, "confidence": 0.9}, timestamp=ts, input_channel=channel,
                               parse_data={"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text}),
                   BotUttered(answer, timestamp=ts + 0.5), ActionExecuted("action_listen", timestamp=ts + 0.6)]
        ts += 10
    return events


def write(db: Path, sender: str, events: list) -> None:
    domain = Domain.load(str(ROOT / "bot/domain"))
    store = MaskingSQLTrackerStore(domain=domain, db=str(db))
    tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
    # In a thread of its own: a browser test's thread already runs Playwright's event loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, store.save(tracker)).result()
    store.engine.dispose()


def days_ago(n: float) -> float:
    return time.time() - n * DAY
