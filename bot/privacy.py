"""Personal numbers users type (身份证号, 手机号, 银行卡号) never reach a log or the tracker
store: they are replaced by a placeholder that keeps what the dialogue needs (that such a
number was given) and drops the digits.

Three layers, installed by `install()` (bot/safeguards.py, from scripts/rasa_server.py):
- every incoming `UserMessage` is masked as it is created, so NLU, the tracker, the
  action server and Rasa's own debug logs only ever see the placeholder;
- a log-record factory masks every log line of the process (channel code that logs a
  raw request body included);
- bot/tracker_store.py masks each event again before it is written (belt and braces
  for events that did not come through a UserMessage, e.g. the HTTP API).
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

ID_CARD = "[身份证号已隐藏]"
MOBILE = "[手机号已隐藏]"
BANK_CARD = "[银行卡号已隐藏]"

# A run of 11–19 digits, optionally grouped by single spaces or hyphens ("6222 0200 …",
# "138-1234-5678"), with a trailing X for ID numbers; not glued to other digits/letters.
# \d also matches full-width digits (Chinese keyboards).
_RUN = re.compile(r"(?<![\dA-Za-z])\d(?:[ \-]?\d){10,18}(?:[ \-]?[XxＸｘ])?(?![\dA-Za-z])")
# 18-character resident ID: area code, birth date 18xx–20xx, sequence, check character.
_ID = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


def _kind(run: str) -> str | None:
    plain = re.sub(r"[ \-]", "", unicodedata.normalize("NFKC", run)).upper()
    if _ID.fullmatch(plain):
        return ID_CARD
    if _MOBILE.fullmatch(plain):
        return MOBILE
    if plain.isdigit() and 16 <= len(plain) <= 19:
        return BANK_CARD
    return None


def mask(text: str) -> str:
    """`text` with ID, mobile and bank card numbers replaced by placeholders."""
    if not isinstance(text, str) or len(text) < 11:
        return text
    return _RUN.sub(lambda m: _kind(m.group()) or m.group(), text)


def mask_data(value: Any) -> Any:
    """Masked copy of a JSON-like value (event dicts, parse data, metadata)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {k: mask_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_data(v) for v in value]
    return value


# -- logs ---------------------------------------------------------------------------
def install_log_masking() -> None:
    """Mask every log record of this process at creation, whatever handler writes it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_personal_numbers", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:          # a bad format string: leave it to the handler
            return record
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    factory.masks_personal_numbers = True
    logging.setLogRecordFactory(factory)


# -- incoming messages ----------------------------------------------------------------
def install_message_masking() -> None:
    """Mask the text and metadata of every UserMessage as the channel creates it."""
    from rasa.core.channels.channel import UserMessage

    original = UserMessage.__init__
    if getattr(original, "masks_personal_numbers", False):
        return

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.text = mask(self.text)
        if self.metadata:
            self.metadata = mask_data(self.metadata)

    __init__.masks_personal_numbers = True
    UserMessage.__init__ = __init__


def install() -> None:
    install_log_masking()
    install_message_masking()
