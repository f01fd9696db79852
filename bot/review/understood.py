"""What kind of question a message is (answering/, read-only): the question kind, programme and
aspect are not stored with the conversation, so the review desk reads the stored text again with
the assistant's own reader, at the conversation's date. Names for programmes and aspects."""
from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=20000)
def question(text: str, day: dt.date) -> dict:
    """{"kind", "programme", "aspect"} of a typed message (all None for a tapped button or no question)."""
    if not text or text.startswith("/"):
        return {"kind": None, "programme": None, "aspect": None}
    try:
        from answering import respond
        reply = respond(text, day)
    except Exception:        # the reader must never take the review page down
        log.exception("could not read %r again", text[:40])
        reply = None
    if reply is None:
        return {"kind": None, "programme": None, "aspect": None}
    return {"kind": reply.kind, "programme": reply.programme, "aspect": reply.aspect}


@lru_cache(maxsize=1)
def programme_names() -> dict:
    """"4" → 提升技能水平补助 (policy_kb)."""
    from policy_kb.kb import load
    return {str(p["number"]): p["name"] for p in load().programmes}


def aspect_titles() -> dict:
    from answering.compose import ASPECT_TITLES
    return dict(ASPECT_TITLES)
