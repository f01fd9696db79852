"""Messages the assistant should not even try to understand get a polite answer at the
door, before NLU and before the tracker: nothing is stored, and facts already collected
in an eligibility check are kept.

- control characters are removed (a NUL byte breaks PostgreSQL and the logs);
- an empty message (or one that was only spaces/control characters) is asked again;
- a message over MAX_CHARS is asked to be shortened — understanding 10,000 characters
  costs seconds of CPU that other users wait for.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Optional

logger = logging.getLogger(__name__)

MAX_CHARS = 500
TOO_LONG = f"您的消息太长了（超过{MAX_CHARS}字），请简短地说说您想问的问题或回答刚才的问题。"
EMPTY = "您好像没有输入内容。请问有什么可以帮您？可以问某项补贴的条件、标准、材料，或者说“我能申请什么”。"

# C0/C1 controls and the Unicode line/paragraph separators, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: Optional[str]) -> str:
    return _CONTROL.sub("", text or "").strip()


def refusal(text: str) -> Optional[str]:
    """The reply for a message that is not to be processed, or None."""
    if not text:
        return EMPTY
    if len(text) > MAX_CHARS:
        return TOO_LONG
    return None


def install() -> None:
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor.handle_message
    if getattr(original, "guards_input", False):
        return

    async def handle_message(self, message) -> Optional[Any]:
        message.text = clean(message.text)
        reply = refusal(message.text)
        if reply is None:
            return await original(self, message)
        logger.info("Refused a message of %d characters from %s without processing it.",
                    len(message.text), message.sender_id)
        from rasa.core.channels.channel import CollectingOutputChannel

        await message.output_channel.send_response(message.sender_id, {"text": reply})
        if isinstance(message.output_channel, CollectingOutputChannel):
            return message.output_channel.messages
        return None

    handle_message.guards_input = True
    MessageProcessor.handle_message = handle_message
