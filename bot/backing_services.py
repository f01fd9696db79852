"""Is the configured Redis / database there? Asked once before Rasa starts, so that a wrong
REDIS_URL or TRACKER_DB_URL ends start-up with one clear sentence instead of a traceback
at the first message (Redis) or Rasa retrying the database every 5 s forever (SQL)."""
from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit, urlunsplit


def hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def redis_problem(url: str) -> Optional[str]:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3)
        client.ping()
        client.close()
    except ValueError as exc:
        return f"REDIS_URL={hide_password(url)} 不是有效的 Redis 地址（例如 redis://127.0.0.1:6379/0）：{exc}"
    except redis.RedisError as exc:
        return f"无法连接 REDIS_URL={hide_password(url)}：{exc}"
    return None


def database_problem(url: str) -> Optional[str]:
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(url, connect_args=_connect_timeout(url))
    except Exception as exc:   # unknown dialect, bad URL syntax, missing driver
        return f"TRACKER_DB_URL={hide_password(url)} 无法使用：{exc}"
    try:
        with engine.connect():
            pass
    except sa.exc.SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return f"无法连接 TRACKER_DB_URL={hide_password(url)}：{reason}"
    finally:
        engine.dispose()
    return None


def _connect_timeout(url: str) -> dict:
    return {"connect_timeout": 5} if url.startswith(("postgresql", "postgres")) else {}


def unreachable(redis_url: Optional[str], database_url: Optional[str]) -> Optional[str]:
    """The first problem found, as a sentence for the operator, or None."""
    return ((redis_url and redis_problem(redis_url))
            or (database_url and database_problem(database_url)) or None)
