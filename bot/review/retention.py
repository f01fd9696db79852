"""Conversations are kept REVIEW_RETENTION_DAYS days (default 180), then deleted.

    python -m bot.review.retention [--days N] [--dry-run]     once
    python -m bot.review.retention --daily                    at start, then every 24 hours (make run)

From the tracker store (bot/tracker_store.py; TRACKER_DB or TRACKER_DB_URL), a conversation — one
Rasa session of one sender — goes whole once its last event is older than the limit; a sender's
newer sessions stay. Also deleted: 👎/👍 rows (var/feedback.sqlite), the review page's records of
what was written and its cached readings of messages (var/review.sqlite) older than the limit.
SQLite deletes with `secure_delete`, so the texts do not linger in free pages. What the review page wrote into the corpora stays: those are
single masked messages without the conversation or its sender (docs/security.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa

from . import store

DEFAULT_DAYS = 180
DAY = 24 * 3600
log = logging.getLogger("bot.review.retention")


def days() -> int:
    value = os.environ.get("REVIEW_RETENTION_DAYS", str(DEFAULT_DAYS))
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"REVIEW_RETENTION_DAYS 应为正整数（天），收到“{value}”。")
    return int(value)


def _sessions(rows: list) -> list:
    """[(id, timestamp, action_name)] of one sender, oldest first → [[ids], last timestamp] per session."""
    out: list = []
    for event_id, ts, action in rows:
        if not out or action == "action_session_start":
            out.append([[], 0.0])
        out[-1][0].append(event_id)
        out[-1][1] = max(out[-1][1], ts or 0.0)
    return out


def _secure(eng: sa.engine.Engine, con) -> None:
    if eng.dialect.name == "sqlite":
        con.exec_driver_sql("PRAGMA secure_delete=ON")


def purge_tracker(cutoff: float, url: str | None = None, dry_run: bool = False) -> tuple:
    """(conversations, events) deleted whose last event is before `cutoff` (epoch seconds)."""
    eng = store.engine(url or store.tracker_url())
    if not store.has_events(eng):
        return 0, 0
    events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("timestamp"), sa.column("action_name"))
    doomed, conversations = [], 0
    with eng.begin() as con:
        _secure(eng, con)
        senders = [r[0] for r in con.execute(sa.select(events.c.sender_id).where(events.c.timestamp < cutoff).distinct())]
        for sender in senders:
            rows = con.execute(sa.select(events.c.id, events.c.timestamp, events.c.action_name)
                               .where(events.c.sender_id == sender).order_by(events.c.id)).all()
            for ids, last in _sessions(rows):
                if last < cutoff:
                    conversations += 1
                    doomed += ids
        if not dry_run:
            for i in range(0, len(doomed), 500):
                con.execute(sa.delete(events).where(events.c.id.in_(doomed[i:i + 500])))
    if not dry_run and doomed and eng.dialect.name == "sqlite":
        with eng.connect() as con:      # old pages out of the write-ahead log too
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return conversations, len(doomed)


def _purge_sqlite(path: Path, table: str, column: str, before: str, dry_run: bool) -> int:
    if not path.exists():
        return 0
    con = sqlite3.connect(path, timeout=10)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone():
            return 0
        con.execute("PRAGMA secure_delete=ON")
        sql = f"FROM {table} WHERE {column} < ?"        # names are this module's constants
        n = con.execute("SELECT count(*) " + sql, (before,)).fetchone()[0]
        if n and not dry_run:
            with con:
                con.execute("DELETE " + sql, (before,))
        return n
    finally:
        con.close()


def purge(keep_days: int | None = None, now: float | None = None, dry_run: bool = False) -> dict:
    from bot.web import feedback

    keep_days = keep_days or days()
    cutoff = (now or time.time()) - keep_days * DAY
    before = dt.datetime.fromtimestamp(cutoff).isoformat(timespec="seconds")    # the local times those files keep
    conversations, events = purge_tracker(cutoff, dry_run=dry_run)
    result = {"days": keep_days, "before": before, "conversations": conversations, "events": events,
              "feedback": _purge_sqlite(feedback.db_path(), "feedback", "updated_at", before, dry_run),
              "marks": _purge_sqlite(store.review_db(), "marks", "at", before, dry_run)}
    _purge_sqlite(store.review_db(), "readings", "day", before[:10], dry_run)      # texts read again (understood.py)
    log.info("retention (%s days%s): %s", keep_days, ", dry run" if dry_run else "", result)
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="删除超过保留期限的会话（默认 180 天，REVIEW_RETENTION_DAYS）")
    parser.add_argument("--days", type=int, default=None, help="保留天数（默认 REVIEW_RETENTION_DAYS 或 180）")
    parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")
    parser.add_argument("--daily", action="store_true", help="启动时执行一次，之后每 24 小时一次（make run 使用）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    while True:
        try:
            r = purge(args.days, dry_run=args.dry_run)
            verb = "将删除" if args.dry_run else "已删除"
            print(f"{verb} {r['before']} 之前结束的会话 {r['conversations']} 个（{r['events']} 条事件），"
                  f"评价 {r['feedback']} 条，审阅记录 {r['marks']} 条（保留 {r['days']} 天）。", flush=True)
        except Exception:      # a locked or missing database must not stop the next day's run
            if not args.daily:
                raise
            log.exception("retention run failed; trying again in 24 hours")
        if not args.daily:
            return
        time.sleep(DAY)


if __name__ == "__main__":
    main()
