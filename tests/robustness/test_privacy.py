"""Point 4: 身份证号, mobile and bank card numbers typed by users never reach a log or the
tracker store; the dialogue keeps a placeholder saying such a number was given."""
from __future__ import annotations

import json
import logging

import pytest

from bot.privacy import BANK_CARD, ID_CARD, MOBILE, install_log_masking, mask
from tests.bot.servers import texts

ID = "33010219900307123X"
MOBILE_NO = "13912345678"
CARD = "6222021234567890123"


@pytest.mark.parametrize("text, expected", [
    (f"身份证号{ID}", f"身份证号{ID_CARD}"),
    ("身份证 33010219900307123x 谢谢", f"身份证 {ID_CARD} 谢谢"),
    ("电话13912345678", f"电话{MOBILE}"),
    ("手机 139-1234-5678，", f"手机 {MOBILE}，"),
    ("手机１３９１２３４５６７８", f"手机{MOBILE}"),                    # full-width digits
    ("卡号6222 0212 3456 7890 123", f"卡号{BANK_CARD}"),
    ("卡号6222021234567890", f"卡号{BANK_CARD}"),
    ("卡号 330102199013071230", f"卡号 {BANK_CARD}"),                 # 18 digits, no valid birth date
])
def test_personal_numbers_are_masked(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "社保交了18个月", "2025年5月10日取证", "20250510", "奖金20000元", "电话89537337",
    "12345678901",            # 11 digits but not a mobile number
    "123456789012345",        # 15 digits: not one of the three kinds
    "订单号A13912345678",     # glued to letters: part of another code
])
def test_what_the_dialogue_needs_is_kept(text):
    assert mask(text) == text


def test_log_records_are_masked(caplog):
    install_log_masking()
    with caplog.at_level(logging.INFO):
        logging.getLogger("any.channel").info("raw body %s", {"text": f"我的手机{MOBILE_NO}"})
    assert MOBILE_NO not in caplog.text and MOBILE in caplog.text


def test_numbers_never_reach_logs_or_tracker_store(stack):
    sender = "privacy-1"
    messages = [f"我的身份证号是{ID}，技能提升补贴能拿多少钱", f"有事打我手机 {MOBILE_NO[:3]} {MOBILE_NO[3:7]} {MOBILE_NO[7:]}",
                f"补贴打到这张卡 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]} 可以吗"]
    for message in messages:
        replies = stack.say(sender, message)
        assert texts(replies) and "Traceback" not in texts(replies)
    stack.say(sender, "转人工")
    needles = [ID, ID[:17], MOBILE_NO, CARD, CARD[:16]]
    files = [stack.rasa_log, stack.workdir / "actions.log"] + sorted(stack.workdir.glob("tracker.db*"))
    assert stack.tracker_db.exists() and stack.rasa_log.stat().st_size > 0
    assert "privacy-1" in stack.rasa_log.read_text(errors="replace")        # the debug log did record the turn
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, f"{needle} found in {path.name}"
    stored = b"".join(p.read_bytes() for p in stack.workdir.glob("tracker.db*"))
    for placeholder in (ID_CARD, MOBILE, BANK_CARD):      # the dialogue knows a number was given
        assert json.dumps(placeholder).strip('"').encode() in stored, placeholder


def test_tracker_store_masks_events_and_takes_its_url_from_the_environment(tmp_path, monkeypatch):
    """The store itself (bot/tracker_store.py) on a real SQLite file named by TRACKER_DB_URL."""
    import asyncio
    import sqlite3

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.tracker_store import MaskingSQLTrackerStore

    url_db = tmp_path / "from-url.db"
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{url_db}")
    store = MaskingSQLTrackerStore(domain=Domain.empty(), db=str(tmp_path / "ignored.db"))
    tracker = DialogueStateTracker("s1", [])
    tracker.update(UserUttered(f"身份证{ID}", parse_data={"text": f"身份证{ID}", "intent": {"name": "inform"}}))
    asyncio.run(store.save(tracker))
    store.engine.dispose()
    assert url_db.exists() and not (tmp_path / "ignored.db").exists()
    db = sqlite3.connect(url_db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    (data,) = db.execute("SELECT data FROM events WHERE type_name = 'user'").fetchone()
    db.close()
    assert ID not in data and ID[:17] not in data
    assert json.loads(data)["text"] == f"身份证{ID_CARD}" and json.loads(data)["parse_data"]["text"] == f"身份证{ID_CARD}"
