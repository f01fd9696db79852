"""Retention (bot/review/retention.py): conversations whose last event is older than the limit go,
whole; newer sessions of the same sender stay and Rasa still loads them; old 👍/👎 go too.
`make run` runs the command daily (scripts/run-services; tests/bot/test_run_services.py)."""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys

from rasa.shared.core.domain import Domain

from bot.tracker_store import MaskingSQLTrackerStore
from bot.web import feedback

from .conversations import ROOT, days_ago, session, write


def _senders(db) -> dict:
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT sender_id, count(*) FROM events GROUP BY sender_id").fetchall())


def _fill(tmp_path):
    db = tmp_path / "tracker.db"
    write(db, "old-only", session(days_ago(200), [("萧山的补贴怎么申请", "out_of_scope", "这个问题不在本助手的范围内")]))
    write(db, "returning", session(days_ago(190), [("技能提升补贴多少钱", "ask_programme", "【提升技能水平补助】…")]) +
          session(days_ago(3), [("首席技师的提升补助多少", "ask_programme", "20000元")]))
    write(db, "recent", session(days_ago(1), [("你好", "greet", "您好！")]))
    fb = tmp_path / "feedback.sqlite"
    feedback.store({"session_id": "old-only", "message_id": "m1", "rating": "down", "answer": "旧回答", "question": "旧问题"}, fb)
    feedback.store({"session_id": "recent", "message_id": "m2", "rating": "up", "answer": "新回答", "question": "新问题"}, fb)
    with sqlite3.connect(fb) as con:       # the first rating was given 200 days ago
        con.execute("UPDATE feedback SET created_at = datetime('now', '-200 days'), updated_at = datetime('now', '-200 days') "
                    "WHERE session_id = 'old-only'")
    return db, fb


def test_old_conversations_are_deleted_whole_and_newer_sessions_stay(tmp_path):
    db, fb = _fill(tmp_path)
    before = _senders(db)
    env = dict(os.environ, TRACKER_DB=str(db), WEB_FEEDBACK_DB=str(fb), REVIEW_DB=str(tmp_path / "review.sqlite"),
               REVIEW_RETENTION_DAYS="180")
    dry = subprocess.run([sys.executable, "-m", "bot.review.retention", "--dry-run"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    assert "将删除" in dry.stdout and "会话 2 个" in dry.stdout, dry.stdout
    assert _senders(db) == before                        # a dry run deletes nothing
    done = subprocess.run([sys.executable, "-m", "bot.review.retention"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    assert "已删除" in done.stdout and "会话 2 个" in done.stdout and "评价 1 条" in done.stdout, done.stdout
    after = _senders(db)
    assert "old-only" not in after and after["recent"] == before["recent"]
    assert 0 < after["returning"] < before["returning"]
    with sqlite3.connect(db) as con:
        texts = " ".join(json.loads(r[0]).get("text") or "" for r in con.execute("SELECT data FROM events"))
    assert "萧山" not in texts and "技能提升补贴多少钱" not in texts and "首席技师" in texts
    assert list(feedback.by_conversation(None, fb)) == ["recent"]
    # Rasa still reads the returning user's conversation: its latest session, intact.
    domain = Domain.load(str(ROOT / "bot/domain"))
    store = MaskingSQLTrackerStore(domain=domain, db=str(db))
    tracker = asyncio.run(store.retrieve("returning"))
    assert tracker.latest_message.text == "首席技师的提升补助多少"
    store.engine.dispose()


def test_the_daily_command_runs_at_start_and_keeps_running(tmp_path):
    """What `make run` starts: one run at once, then it waits for the next day (it is stopped here)."""
    db, fb = _fill(tmp_path)
    env = dict(os.environ, TRACKER_DB=str(db), WEB_FEEDBACK_DB=str(fb), REVIEW_DB=str(tmp_path / "review.sqlite"),
               REVIEW_RETENTION_DAYS="30")
    proc = subprocess.Popen([sys.executable, "-m", "bot.review.retention", "--daily"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = next(line for line in proc.stdout if "已删除" in line or "Error" in line)
        assert "已删除" in line and "保留 30 天" in line, line
        assert proc.poll() is None
        assert set(_senders(db)) == {"returning", "recent"}
    finally:
        proc.terminate()
        proc.wait(10)
    assert "bot.review.retention --daily" in (ROOT / "scripts/run-services").read_text()


def test_a_bad_setting_is_refused_in_chinese(tmp_path):
    env = dict(os.environ, TRACKER_DB=str(tmp_path / "none.db"), REVIEW_RETENTION_DAYS="半年")
    run = subprocess.run([sys.executable, "-m", "bot.review.retention"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "REVIEW_RETENTION_DAYS 应为正整数" in run.stderr
