"""The review list's filters: what went wrong (any of the flags ticked), days, channel, programme.

    Filter.parse(MultiDict([("flag", "fallback"), ("flag", "down"), ("from", "2026-11-01"),
                            ("to", "2026-11-30"), ("channel", "socketio"), ("programme", "4")]))

A query string from the page becomes a Filter (ValueError with a Chinese message when it is
malformed); `keep(conversations)` applies it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .store import FLAGS

CHANNELS = {"socketio": "网页聊天", "rest": "接口（REST）", "wechat": "微信公众号"}


def _day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}应为 YYYY-MM-DD 格式的日期，收到“{value[:20]}”。") from None


@dataclass
class Filter:
    flags: list = field(default_factory=list)
    day_from: dt.date | None = None
    day_to: dt.date | None = None
    channel: str | None = None
    programme: str | None = None

    @classmethod
    def parse(cls, query) -> "Filter":
        """`query`: a multidict (aiohttp's request.query, multidict.MultiDict)."""
        flags = [f for f in query.getall("flag", []) if f]
        unknown = [f for f in flags if f not in FLAGS]
        if unknown:
            raise ValueError(f"不认识的筛选条件：{'、'.join(unknown)}。可选：{'、'.join(FLAGS)}。")
        f = cls(flags, _day(query.get("from"), "起始日期"), _day(query.get("to"), "截止日期"),
                query.get("channel") or None, query.get("programme") or None)
        if f.day_from and f.day_to and f.day_from > f.day_to:
            raise ValueError("起始日期晚于截止日期。")
        if f.programme and not f.programme.isdigit():
            raise ValueError("政策项目应为编号（1~12）。")
        return f

    def match(self, conv) -> bool:
        if self.flags and not conv.flags & set(self.flags):
            return False
        if self.day_from and conv.day < self.day_from or self.day_to and conv.day > self.day_to:
            return False
        if self.channel and conv.channel != self.channel:
            return False
        return not self.programme or self.programme in conv.programmes

    def keep(self, conversations: list) -> list:
        return [c for c in conversations if self.match(c)]
