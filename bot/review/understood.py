"""What kind of question a message is (answering/, read-only): the question kind, programme and
aspect are not stored with the conversation, so the review desk reads the stored text again with
the assistant's own reader, at the conversation's date. A reading costs a few milliseconds; they
are kept in memory and in var/review.sqlite (table `readings`, per version of answering/), so the
counts over months of messages read each message once. Names for programmes and aspects."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from .store import ROOT, review_db

log = logging.getLogger(__name__)
NOTHING = {"kind": None, "programme": None, "aspect": None}
_known: dict = {}          # (text, day, version) → reading


@lru_cache(maxsize=1)
def version() -> str:
    """The reader's version: a digest of answering/ and the programmes it reads."""
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "answering").glob("*.py"), *(ROOT / "answering").glob("*.yml"),
                        *(ROOT / "policy_kb/programmes").glob("*.yml")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _read(text: str, day: dt.date) -> dict:
    if not text or text.startswith("/"):
        return dict(NOTHING)
    try:
        from answering import respond
        reply = respond(text, day)
    except Exception:        # the reader must never take the review page down
        log.exception("could not read %r again", text[:40])
        reply = None
    if reply is None:
        return dict(NOTHING)
    return {"kind": reply.kind, "programme": reply.programme, "aspect": reply.aspect}


def question(text: str, day: dt.date) -> dict:
    """{"kind", "programme", "aspect"} of a typed message (all None for a tapped button or no question)."""
    key = (text, day.isoformat(), version())
    if key not in _known:
        _known[key] = _read(text, day)
    return _known[key]


def read_all(pairs) -> None:
    """Read (text, day) pairs ahead of the counts: from var/review.sqlite when read before, else now
    (and kept there)."""
    import sqlite_utils

    v = version()
    wanted = {(t, d.isoformat()) for t, d in pairs if t and not t.startswith("/")} - \
        {(t, d) for t, d, ver in _known if ver == v}
    if not wanted:
        return
    path = Path(review_db())
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    try:
        table = db["readings"]
        if table.exists():
            for day in {d for _, d in wanted}:
                for row in table.rows_where("version = ? AND day = ?", [v, day]):
                    _known[(row["text"], day, v)] = {k: row[k] for k in NOTHING}
        new = [(t, d) for t, d in wanted if (t, d, v) not in _known]
        rows = []
        for text, day in new:
            reading = question(text, dt.date.fromisoformat(day))
            rows.append({"text": text, "day": day, "version": v, **reading})
        if rows:
            table.insert_all(rows, pk=("text", "day", "version"), replace=True)
            table.create_index(["day"], if_not_exists=True)
    finally:
        db.close()


def facts(text: str, day: dt.date, pending: str | None, subject: str | None, known: dict | None) -> dict:
    """What the understanding pipeline reads in a typed message now, in the understanding corpus's
    shape ({"stated", "speaker", "subject", "unknown"}): the review form starts from it."""
    if not text or text.startswith("/"):
        return {"stated": {}, "speaker": None, "subject": None, "unknown": []}
    try:
        from understanding import understand
        reading = understand(text, day, pending=pending, subject=subject, known=known or None)
    except Exception:
        log.exception("could not read the facts of %r again", text[:40])
        return {"stated": {}, "speaker": None, "subject": None, "unknown": []}
    return {"stated": reading.stated, "speaker": reading.speaker, "subject": reading.subject,
            "unknown": list(reading.unknown)}


@lru_cache(maxsize=1)
def programme_names() -> dict:
    """"4" → 提升技能水平补助 (policy_kb)."""
    from policy_kb.kb import load
    return {str(p["number"]): p["name"] for p in load().programmes}


def aspect_titles() -> dict:
    from answering.compose import ASPECT_TITLES
    return dict(ASPECT_TITLES)
