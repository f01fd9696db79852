"""When the action server is down, slow or failing, the user still gets an answer.

Rasa 3.6 logs a failed custom action and sends nothing (the user waits in silence; a
timeout is not even caught). `install()` wraps RemoteAction.run: a call that fails or
takes longer than the action timeout returns a short apology with the general hotline
and, when the conversation is about a programme, that programme's number — both read
from policy_kb. Slots are left untouched, so facts already collected are kept and the
next message works as soon as the action server is back.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections import Counter
from functools import lru_cache
from typing import Any, List, Optional

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def general_contact() -> tuple:
    """(unit, phone): the department of the document (附则) and its most used number."""
    from policy_kb.kb import load

    kb = load()
    unit = kb.document["general_phone_unit"]
    phones = Counter(p["phone"] for p in kb.programmes if p["unit"] == unit)
    return unit, kb.document.get("general_phone") or phones.most_common(1)[0][0]


def apology(programme: Optional[Any] = None) -> str:
    from policy_kb.kb import load

    unit, phone = general_contact()
    text = f"抱歉，系统暂时出了点问题，没能处理您刚才的消息，请稍后再发一次（已提供的信息不会丢失）。\n急需咨询可拨打{unit}电话 {phone}"
    try:
        prog = load().programme(int(programme)) if programme else None
    except (ValueError, KeyError, IndexError, TypeError):
        prog = None
    if prog:
        text += f"；【{prog['name']}】咨询电话 {prog['phone']}"
    return text + "。"


def action_timeout() -> float:
    """RASA_ACTION_TIMEOUT (seconds) if set, else the one scripts/rasa_server.py applied
    from bot/endpoints.yml."""
    import rasa.core.actions.action as action_module

    return float(os.environ.get("RASA_ACTION_TIMEOUT") or action_module.DEFAULT_REQUEST_TIMEOUT)


def _apology_event(tracker: Any):
    from rasa.shared.core.events import BotUttered

    entities = (tracker.latest_message.parse_data or {}).get("entities", []) if tracker.latest_message else []
    named = next((e.get("value") for e in entities if e.get("entity") == "programme"), None)
    programme = named or tracker.get_slot("programme") or tracker.get_slot("focus")
    return BotUttered(text=apology(programme), data={}, metadata={"utter_action": "action_failure_apology"})


def install() -> None:
    from rasa.core.actions.action import ActionExecutionRejection, ActionSessionStart, RemoteAction

    original = RemoteAction.run
    if getattr(original, "apologises", False):
        return
    timeout = action_timeout()

    async def run(self, output_channel, nlg, tracker, domain) -> List[Any]:
        try:
            return await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout)
        except ActionExecutionRejection:      # a policy may still pick another action
            raise
        except Exception as exc:              # connection refused, timeout, HTTP 5xx, bad JSON
            reason = "timed out" if isinstance(exc, asyncio.TimeoutError) else f"{type(exc).__name__}: {exc}"
            if self.name() == "action_session_start":      # the session starts as Rasa's own would
                logger.error("Custom action_session_start failed (%s); started the session without it.", reason)
                return await ActionSessionStart().run(output_channel, nlg, tracker, domain)
            logger.error("Custom action '%s' failed (%s after at most %.1fs); sent the apology.",
                         self.name(), reason, timeout)
            return [_apology_event(tracker)]

    run.apologises = True
    RemoteAction.run = run
