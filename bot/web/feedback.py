"""👍/👎 on the chat widget's answers, kept with the conversation for the bureau's review.

The widget POSTs /api/feedback {session_id, message_id, rating, answer, question}; one row per
answer (a second tap changes or takes back the rating). `session_id` is the Rasa sender id, so a
reviewer can open the whole conversation (tracker) next to the answer that was rated 👎.

    python -m bot.web.feedback [--db var/feedback.sqlite] [--rating down|up|all]

prints the rated answers grouped by conversation (👎 only by default).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from bot.privacy import mask

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "var" / "feedback.sqlite"
RATINGS = ("up", "down", "none")          # none: the rating was taken back
MAX_ANSWER = 4000                         # characters kept of the rated answer
MAX_QUESTION = 1000
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    session_id TEXT NOT NULL,          -- the Rasa sender id of the conversation
    message_id TEXT NOT NULL,          -- the widget's id of the rated answer
    rating     TEXT NOT NULL CHECK (rating IN ('up', 'down', 'none')),
    answer     TEXT NOT NULL,          -- the answer as the user saw it
    question   TEXT NOT NULL,          -- the user's message it answered
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, message_id)
)"""


def db_path() -> Path:
    return Path(os.environ.get("WEB_FEEDBACK_DB") or DEFAULT_DB)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10)
    con.execute(SCHEMA)
    return con


def parse(body) -> dict:
    """The widget's JSON → a row; ValueError with a Chinese message naming what is wrong."""
    if not isinstance(body, dict):
        raise ValueError("反馈内容应为 JSON 对象。")
    row = {}
    for key, name in (("session_id", "会话编号"), ("message_id", "消息编号")):
        value = body.get(key)
        if not isinstance(value, str) or not _ID.match(value):
            raise ValueError(f"{name}（{key}）缺失或格式不对：应为 1~64 位字母、数字、下划线或短横线。")
        row[key] = value
    if body.get("rating") not in RATINGS:
        raise ValueError("评价（rating）只能是 up（有帮助）、down（没帮助）或 none（撤回）。")
    row["rating"] = body["rating"]
    for key, name, limit in (("answer", "回答内容", MAX_ANSWER), ("question", "提问内容", MAX_QUESTION)):
        value = body.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"{name}（{key}）应为文字。")
        row[key] = mask(value[:limit])     # ID, mobile and card numbers never stored (bot/privacy.py)
    return row


def store(row: dict, path: Path | None = None) -> None:
    now = dt.datetime.now().isoformat(timespec="seconds")
    with _connect(path or db_path()) as con:
        con.execute(
            "INSERT INTO feedback (session_id, message_id, rating, answer, question, created_at, updated_at) "
            "VALUES (:session_id, :message_id, :rating, :answer, :question, :now, :now) "
            "ON CONFLICT (session_id, message_id) DO UPDATE SET rating = excluded.rating, "
            "answer = excluded.answer, question = excluded.question, updated_at = excluded.updated_at",
            {**row, "now": now})


def by_conversation(rating: str | None = "down", path: Path | None = None) -> dict:
    """{session_id: [row, …]} of the rated answers (only `rating` unless None), oldest first:
    what a review page lists per conversation."""
    path = path or db_path()
    if not path.exists():
        return {}
    with _connect(path) as con:
        con.row_factory = sqlite3.Row
        sql = "SELECT * FROM feedback" + (" WHERE rating = ?" if rating else " WHERE rating != 'none'") + \
              " ORDER BY session_id, created_at, message_id"
        rows = con.execute(sql, (rating,) if rating else ()).fetchall()
    out: dict = {}
    for r in rows:
        out.setdefault(r["session_id"], []).append(dict(r))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="网页聊天中用户对回答的评价（👍/👎），按对话列出")
    parser.add_argument("--db", type=Path, default=None, help=f"默认 {DEFAULT_DB.relative_to(ROOT)}（或 WEB_FEEDBACK_DB）")
    parser.add_argument("--rating", choices=("down", "up", "all"), default="down")
    args = parser.parse_args(argv)
    conversations = by_conversation(None if args.rating == "all" else args.rating, args.db)
    if not conversations:
        print("还没有评价记录。")
        return
    mark = {"up": "👍", "down": "👎"}
    for session, rows in conversations.items():
        print(f"对话 {session}（{len(rows)} 条）")
        for r in rows:
            print(f"  {mark[r['rating']]} {r['updated_at']}  问：{r['question'] or '（无）'}")
            print("     答：" + r["answer"].replace("\n", "\n         "))


if __name__ == "__main__":
    main()
