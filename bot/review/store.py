"""Conversations as the review desk shows them, read from Rasa's tracker store (read-only).

The store is the one Rasa writes (bot/tracker_store.py): TRACKER_DB_URL (an SQLAlchemy URL) or
the SQLite file TRACKER_DB (default var/rasa/tracker.db). One conversation is one Rasa session
of one sender: it starts at `action_session_start`. Each user message is a turn with what the
assistant understood (intent, entity spans, the facts recorded by the check) and what it
answered. Texts are shown as stored: personal numbers were masked before storage (bot/privacy.py).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
CORRECTION = re.compile(r"^\s*(不对|不是的|错了)|说错了|搞错了|写错了|打错了|更正一下|纠正一下|我纠正")
NOT_UNDERSTOOD = ("抱歉，我没太明白", "抱歉，我没听明白")
SLOTS_READ = ("facts", "subject", "asking", "checking", "programme")     # the check's slots shown
FAILURE = "action_failure_apology"          # bot/resilience.py: the action server failed
FLAGS = {   # flag → the reviewer's words (filters, badges, CSV)
    "fallback": "没听懂（兜底）",
    "out_of_scope": "超出范围",
    "down": "用户点了“没帮助”",
    "corrected": "用户纠正",
    "abandoned": "核对中途放弃",
    "action_error": "动作出错",
}


def idle_seconds() -> float:
    """A check unfinished this long after the last message is abandoned (the session idle time)."""
    return float(os.environ.get("REVIEW_ABANDON_MINUTES", "30")) * 60


def review_db() -> Path:
    """The review desk's own SQLite file: what was written back, and question readings (REVIEW_DB)."""
    return Path(os.environ.get("REVIEW_DB") or ROOT / "var/review.sqlite")


def timezone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("REVIEW_TIMEZONE", "Asia/Shanghai"))


def local(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, timezone())


def tracker_url() -> str:
    url = os.environ.get("TRACKER_DB_URL")
    if url and not url.startswith("${"):
        return url
    return "sqlite:///" + os.environ.get("TRACKER_DB", str(ROOT / "var/rasa/tracker.db"))


@lru_cache(maxsize=4)
def engine(url: str) -> sa.engine.Engine:
    return sa.create_engine(url, connect_args={"timeout": 10} if url.startswith("sqlite") else {})


def has_events(eng: sa.engine.Engine) -> bool:
    return sa.inspect(eng).has_table("events")


@dataclass
class Turn:
    event_id: int
    time: float
    text: str
    intent: str | None = None
    confidence: float | None = None
    ranking: list = field(default_factory=list)        # [(intent, confidence)] best first
    entities: list = field(default_factory=list)       # Rasa's spans: entity, value, start, end
    channel: str | None = None
    pending: str | None = None        # the question the check had asked (fact path) before this message
    subject: str | None = None        # the asker's role the assistant assumed before this message
    facts_before: dict = field(default_factory=dict)
    facts_after: dict = field(default_factory=dict)
    programme: str | None = None      # the programme in context after this turn
    actions: list = field(default_factory=list)
    replies: list = field(default_factory=list)        # {"text", "type"} of each bot message
    flags: set = field(default_factory=set)
    eligible: list = field(default_factory=list)       # programmes an eligibility result found
    completed: bool = False           # the check gave its result in this turn
    started_check: bool = False
    programme_changed: bool = False   # this turn set the programme in context (a question about it)

    @property
    def button(self) -> bool:
        """A tapped button (its payload, e.g. /inform{"choice":"person"}), not typed words."""
        return self.text.startswith("/")

    def programmes(self) -> list:
        named = [str(e["value"]) for e in self.entities if e.get("entity") == "programme"]
        return list(dict.fromkeys(named + ([self.programme] if self.programme and self.programme_changed else [])))


@dataclass
class Conversation:
    sender: str
    start_id: int
    started: float
    ended: float
    channel: str | None = None
    turns: list = field(default_factory=list)
    feedback: list = field(default_factory=list)       # 👎 rows of bot/web/feedback.py
    abandoned: bool = False

    @property
    def day(self) -> dt.date:
        return local(self.started).date()

    @property
    def flags(self) -> set:
        found = set().union(*(t.flags for t in self.turns)) if self.turns else set()
        if self.abandoned:
            found.add("abandoned")
        if self.feedback:
            found.add("down")
        return found

    @property
    def programmes(self) -> list:
        return sorted({p for t in self.turns for p in t.programmes() + [str(n) for n in t.eligible]}, key=int)

    @property
    def check_started(self) -> bool:
        return any(t.started_check for t in self.turns)

    @property
    def check_completed(self) -> bool:
        return any(t.completed for t in self.turns)

    @property
    def eligible(self) -> list:
        return sorted({n for t in self.turns for n in t.eligible})

    def turn(self, event_id: int) -> Turn | None:
        return next((t for t in self.turns if t.event_id == event_id), None)


@lru_cache(maxsize=1)
def _out_of_scope_intro() -> str:
    from answering.reading import out_of_scope        # the assistant's own wording (read-only)
    return out_of_scope()["intro"]


def _reply(data: dict) -> dict:
    custom = (data.get("data") or {}).get("custom") or {}
    return {"text": data.get("text") or "", "type": custom.get("type") if isinstance(custom, dict) else None,
            "custom": custom if isinstance(custom, dict) else None,
            "failure": (data.get("metadata") or {}).get("utter_action") == FAILURE}


class _Builder:
    """Events of one sender, oldest first → its conversations."""

    def __init__(self, sender: str):
        self.sender = sender
        self.out: list = []
        self.conv: Conversation | None = None
        self.slots: dict = {}

    def new_session(self, event_id: int, ts: float) -> None:
        self.conv = Conversation(self.sender, event_id, ts, ts)
        self.out.append(self.conv)
        self.slots = {}

    def add(self, event_id: int, kind: str, ts: float, data: dict) -> None:
        if kind == "action" and data.get("name") == "action_session_start" or self.conv is None:
            self.new_session(event_id, ts)
        conv = self.conv
        conv.ended = max(conv.ended, ts or conv.ended)
        turn = conv.turns[-1] if conv.turns else None
        if kind == "user":
            parse = data.get("parse_data") or {}
            intent = parse.get("intent") or {}
            turn = Turn(event_id, ts, data.get("text") or "", intent.get("name"), intent.get("confidence"),
                        [(r.get("name"), r.get("confidence")) for r in (parse.get("intent_ranking") or [])[:3]],
                        [{k: e.get(k) for k in ("entity", "value", "start", "end")} for e in parse.get("entities") or []],
                        data.get("input_channel"), self.slots.get("asking"), self.slots.get("subject"),
                        self.slots.get("facts") or {}, self.slots.get("facts") or {}, self.slots.get("programme"))
            conv.channel = conv.channel or turn.channel
            conv.turns.append(turn)
            if turn.intent == "nlu_fallback":
                turn.flags.add("fallback")
            if not turn.button and CORRECTION.search(turn.text):
                turn.flags.add("corrected")
        elif turn is None:
            if kind == "slot":
                self.slots[data.get("name")] = data.get("value")
            return
        elif kind == "action":
            name = data.get("name")
            if name and name != "action_listen":
                turn.actions.append(name)
            if name == "action_clarify":
                turn.flags.add("fallback")
        elif kind == "bot":
            reply = _reply(data)
            turn.replies.append(reply)
            if reply["failure"]:
                turn.flags.add("action_error")
            if reply["text"].startswith(NOT_UNDERSTOOD):
                turn.flags.add("fallback")
            if reply["text"].startswith(_out_of_scope_intro()):
                turn.flags.add("out_of_scope")
            if reply["type"] == "eligibility_result":
                turn.completed = True
                turn.eligible = [r["programme"] for r in reply["custom"].get("results", [])
                                 if r.get("status") == "eligible"]
        elif kind == "slot":
            name, value = data.get("name"), data.get("value")
            if name == "checking" and value and not self.slots.get("checking"):
                turn.started_check = True
            self.slots[name] = value
            if name == "facts":
                turn.facts_after = value or {}
            elif name == "programme":
                turn.programme_changed = value != turn.programme and value is not None
                turn.programme = value
        elif kind == "restart":
            self.slots = {}

    def finish(self, now: float) -> list:
        for conv in self.out:
            checking = False
            for t in conv.turns:
                checking = (checking or t.started_check) and not t.completed
            conv.abandoned = checking and now - conv.ended >= idle_seconds()
        return [c for c in self.out if c.turns]


def _rows(eng, senders=None, since: float | None = None) -> dict:
    """sender → [(id, type, timestamp, data)] oldest first."""
    events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("type_name"),
                      sa.column("timestamp"), sa.column("action_name"), sa.column("data"))
    query = sa.select(events.c.id, events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.data).where(
        events.c.type_name != "user_featurization",     # what is read of the rest: _Builder.add
        sa.or_(events.c.type_name != "slot", events.c.action_name.in_(SLOTS_READ)))
    if senders is not None:
        query = query.where(events.c.sender_id.in_(list(senders)))
    if since is not None:      # every event of a sender active since then (its earlier sessions are cut below)
        active = sa.select(events.c.sender_id).where(events.c.timestamp >= since).distinct()
        query = query.where(events.c.sender_id.in_(active))
    out: dict = {}
    with eng.connect() as con:
        for row in con.execute(query.order_by(events.c.id)):
            out.setdefault(row.sender_id, []).append((row.id, row.type_name, row.timestamp, row.data))
    return out


def conversations(url: str | None = None, since: dt.date | None = None, sender: str | None = None,
                  now: float | None = None) -> list:
    """Conversations started on or after `since` (local day), newest first, with their 👎."""
    eng = engine(url or tracker_url())
    if not has_events(eng):
        return []
    start = dt.datetime.combine(since, dt.time(), timezone()).timestamp() if since else None
    now = now or dt.datetime.now().timestamp()
    out = []
    for who, rows in _rows(eng, [sender] if sender else None, start).items():
        builder = _Builder(who)
        for event_id, kind, ts, data in rows:
            builder.add(event_id, kind, ts or 0.0, json.loads(data))
        out += [c for c in builder.finish(now) if start is None or c.started >= start]
    _attach_feedback(out)
    return sorted(out, key=lambda c: c.started, reverse=True)


def conversation(sender: str, start_id: int, url: str | None = None) -> Conversation | None:
    return next((c for c in conversations(url, sender=sender) if c.start_id == start_id), None)


def _attach_feedback(convs: list) -> None:
    """Each 👎 to the sender's conversation it was given in (by time), and to its turn (by question)."""
    from bot.web import feedback

    down = feedback.by_conversation("down")
    by_sender: dict = {}
    for c in convs:
        by_sender.setdefault(c.sender, []).append(c)
    for sender, rows in down.items():
        mine = sorted(by_sender.get(sender, []), key=lambda c: c.started)
        for row in rows:
            when = dt.datetime.fromisoformat(row["created_at"]).timestamp()
            conv = next((c for c in reversed(mine) if c.started <= when + 60), mine[0] if mine else None)
            if conv is None:
                continue
            conv.feedback.append(row)
            turn = next((t for t in reversed(conv.turns) if t.text == row["question"]), None)
            if turn is not None:
                turn.flags.add("down")
