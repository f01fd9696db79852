"""Answering typed questions about the programmes from the knowledge base (issue 9).

    respond("首席技师的提升补助多少", today=date(2026, 11, 27))

reads the question (reading.py: programmes, kind, aspect, levels, grades, places), and
answers it at the level of the document's clauses (compose.py, clauses.py, amounts.py);
a yes/no question that states facts is decided by policy_kb's engine on those facts.
Plain Python below actions/ and bot/; every name, amount, clause and phone comes from
policy_kb.
"""
from __future__ import annotations

import datetime as dt

from understanding.text import prepare

from .compose import Reply, aspect_text, answer, say
from .links import roster_url
from .reading import Question, is_question, read, rules

__all__ = ["Reply", "Question", "respond", "read", "is_question", "aspect_text"]


def respond(text: str, today: dt.date | None = None, focus: int | None = None,
            pending: str | None = None, known: dict | None = None, asker: str | None = None) -> Reply | None:
    """The reply to a typed question, or None when it points at nothing in the document.
    focus: the programme the conversation is about (a follow-up names none); pending: the
    fact the check is asking about for it ("school_cooperation.filed_before_start"); known:
    the facts the conversation has gathered (a yes/no question is decided on them too);
    asker: who is asking (policy_kb/askers.yml: a programme only cued, not named, that is
    not for them is not what they ask about)."""
    plain = prepare(text or "").replace("，", "，")
    if not plain or plain.startswith("/"):
        return None
    if _about_roster(plain):
        return Reply(say("roster", url=roster_url()), kind="roster")
    return answer(read(plain), plain, today or dt.date.today(), focus, pending, known, asker)


def _about_roster(text: str) -> bool:
    """"我们公司人很多，能不能用表格批量核对": a question about checking many people at once."""
    words = rules()
    return any(w in text for w in words["roster_words"]) and any(w in text for w in words["roster_asks"]) \
        and not any(w in text for w in ("材料", "要交", "提交", "需要什么"))    # "要交花名册吗" asks the materials
