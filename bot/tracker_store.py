"""The conversation store: Rasa's SQLTrackerStore, with personal numbers masked before
any event is written and SQLite tuned for many concurrent conversations.

Configured in bot/endpoints.yml as `type: bot.tracker_store.MaskingSQLTrackerStore`.
Where conversations are kept (docs/security.md, docs/performance.md):
- default: SQLite file TRACKER_DB (var/rasa/tracker.db, created by scripts/rasa_server.py);
- TRACKER_DB_URL (an SQLAlchemy URL, e.g. postgresql://user:password@127.0.0.1:5432/rasa)
  takes precedence: PostgreSQL (or any SQL database SQLAlchemy knows) instead of SQLite.

Each message costs Rasa a tracker load (query + JSON + replay) and a save (count query +
inserts; here one multi-row INSERT, each event masked and serialised once). The rows of
each conversation's latest session, as stored, are kept in memory
(LRU, TRACKER_CACHE_SIZE conversations; TRACKER_CACHE=0 turns it off) so the row query and
the save's count query are skipped; the events are still replayed from the stored JSON, so
what Rasa sees is exactly a database read.

Several Rasa replicas may share the database (`make run-scaled`, docs/deploy.md): another
replica may have appended to a conversation since this one cached it. Events are only ever
appended, so each load counts the conversation's stored rows (one indexed count) and uses
the cached rows only when the count is the one this process last saw or wrote. Between
that load and the save the conversation's lock (Redis with replicas) keeps other replicas out.
"""
from __future__ import annotations

import itertools
import json
import logging
import os
from collections import OrderedDict
from typing import Any, Iterator, List, Optional, Text, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.privacy import mask_data

logger = logging.getLogger(__name__)


Row = Tuple[Text, Optional[float], Text]        # type_name, timestamp, JSON as stored


class _SessionRows:
    """sender → (rows stored for it in all, rows of the latest session as stored), LRU."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.rows: "OrderedDict[Text, Tuple[int, List[Row]]]" = OrderedDict()

    def get(self, sender: Text, stored: Optional[int] = None) -> Optional[List[Row]]:
        """The cached rows; with `stored` (the database's count) only if nothing was added since."""
        entry = self.rows.get(sender)
        if entry is None or (stored is not None and entry[0] != stored):
            return None
        self.rows.move_to_end(sender)
        return entry[1]

    def put(self, sender: Text, stored: int, rows: List[Row]) -> None:
        # Rasa's query: rows whose timestamp >= the latest session start (NULLs never match).
        starts = [ts for kind, ts, _ in rows if kind == SessionStarted.type_name and ts is not None]
        if starts:
            rows = [r for r in rows if r[1] is not None and r[1] >= max(starts)]
        self.rows[sender] = (stored, rows)
        self.rows.move_to_end(sender)
        while len(self.rows) > self.size:
            self.rows.popitem(last=False)

    def add(self, sender: Text, rows: List[Row]) -> None:
        """Rows this process has just written after the cached ones."""
        entry = self.rows.get(sender)
        if entry is not None:
            self.put(sender, entry[0] + len(rows), entry[1] + rows)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers do not wait for the writer; NORMAL sync is safe with WAL and avoids
    # an fsync per message; busy_timeout rides out short write locks instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _configured(value: Optional[Text]) -> Optional[Text]:
    """A ${VAR} left unexpanded in endpoints.yml means 'not set'."""
    return value if value and not value.startswith("${") else None


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, host: Optional[Text] = None, db: Text = "rasa.db",
                 dialect: Text = "sqlite", **kwargs: Any) -> None:
        url = _configured(os.environ.get("TRACKER_DB_URL")) or _configured(host)
        if url and "://" in url:
            dialect = url.split("://", 1)[0].split("+", 1)[0]
        if dialect == "sqlite":
            # Registered for the class before the engine exists, so every connection
            # (the table creation's too) gets the pragmas.
            if not sa.event.contains(sa.engine.Engine, "connect", _sqlite_connect_hook):
                sa.event.listen(sa.engine.Engine, "connect", _sqlite_connect_hook)
        super().__init__(domain=domain, host=url, db=db, dialect=dialect, **kwargs)
        if self.engine.dialect.name == "sqlite" and isinstance(self.engine.pool, sa.pool.NullPool):
            # SQLAlchemy 1.4 opens and closes a file connection per session; closing the
            # last one checkpoints the WAL. Keep a few open instead (Rasa's event loop is
            # one thread, so they are never used concurrently).
            engine_url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(engine_url, poolclass=sa.pool.QueuePool, pool_size=2,
                                           max_overflow=8, connect_args={"check_same_thread": False})
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # the conversation's stored rows counted (Core statement built once: the ORM query
        # that says the same thing is rebuilt and compiled on every message)
        self._count_statement = (sa.select(sa.func.count(self.SQLEvent.id))
                                 .where(self.SQLEvent.sender_id == sa.bindparam("sender_id")))
        self._cache = (_SessionRows(int(os.environ.get("TRACKER_CACHE_SIZE", 10000)))
                       if os.environ.get("TRACKER_CACHE", "1") != "0" else None)
        logger.info("Tracker store: %s", self.engine.url.render_as_string(hide_password=True))

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool):
        if self._cache is None or fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            stored = session.execute(self._count_statement, {"sender_id": sender_id}).scalar()
            rows = self._cache.get(sender_id, stored)
            if rows is None:
                # no rows stored for it (a new conversation): Rasa's event query finds none
                rows = [(r.type_name, r.timestamp, r.data)
                        for r in self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                        ] if stored else []
                self._cache.put(sender_id, stored, rows)
        if not (self.domain and rows):
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(r[2]) for r in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's SQLTrackerStore.save, but each new event is masked and serialised once and
        all are written with one multi-row INSERT (Rasa adds an ORM object per event, and
        the ORM then inserts them one statement at a time to learn each id)."""
        await self.stream_events(tracker)
        try:
            with self.session_scope() as session:
                rows = [_row(tracker.sender_id, event) for event in self._additional_events(session, tracker)]
                if rows:
                    session.execute(self.SQLEvent.__table__.insert(), rows)
                session.commit()
        except Exception:
            if self._cache is not None:
                self._cache.rows.pop(tracker.sender_id, None)     # reload from the database
            raise
        if self._cache is not None:
            self._cache.add(tracker.sender_id, [(r["type_name"], r["timestamp"], r["data"]) for r in rows])

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        rows = self._cache.get(tracker.sender_id) if self._cache is not None else None
        if rows is None:
            return super()._additional_events(session, tracker)
        # the count query of the parent, answered from memory
        return itertools.islice(tracker.events, len(rows), len(tracker.events))


def _row(sender_id: Text, event: Any) -> dict:
    """The events table's row for `event`, as SQLTrackerStore.save fills it, masked."""
    data = mask_data(event.as_dict())
    return {"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


def _sqlite_connect_hook(dbapi_connection, record) -> None:
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        _sqlite_pragmas(dbapi_connection, record)
