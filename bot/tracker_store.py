"""The conversation store: Rasa's SQLTrackerStore, with personal numbers masked before
any event is written and SQLite tuned for many concurrent conversations.

Configured in bot/endpoints.yml as `type: bot.tracker_store.MaskingSQLTrackerStore`.
Where conversations are kept (docs/security.md, docs/performance.md):
- default: SQLite file TRACKER_DB (var/rasa/tracker.db, created by scripts/rasa_server.py);
- TRACKER_DB_URL (an SQLAlchemy URL, e.g. postgresql://user:password@127.0.0.1:5432/rasa)
  takes precedence: PostgreSQL (or any SQL database SQLAlchemy knows) instead of SQLite.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Iterator, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.privacy import mask_data

logger = logging.getLogger(__name__)


class _MaskedEvent:
    """What SQLTrackerStore.save reads of an event (type_name, as_dict), masked."""

    def __init__(self, event: Any) -> None:
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> dict:
        return mask_data(self._event.as_dict())


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
        logger.info("Tracker store: %s", self.engine.url.render_as_string(hide_password=True))

    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        return (_MaskedEvent(e) for e in super()._additional_events(session, tracker))


def _sqlite_connect_hook(dbapi_connection, record) -> None:
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        _sqlite_pragmas(dbapi_connection, record)
