"""The idle time after which a conversation starts a new session: domain.yml's
`session_expiration_time` (30 minutes), or SESSION_IDLE_MINUTES at run time, so a deployment
(or a test) sets it without retraining. What a new session keeps is actions.sessions' job."""
from __future__ import annotations

import os


def idle_minutes() -> float | None:
    value = os.environ.get("SESSION_IDLE_MINUTES")
    return float(value) if value else None


def install() -> None:
    minutes = idle_minutes()
    if minutes is None:
        return
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.domain import SessionConfig

    original = MessageProcessor._has_session_expired

    def has_session_expired(self, tracker) -> bool:
        config = self.domain.session_config
        if config.session_expiration_time != minutes:
            self.domain.session_config = SessionConfig(minutes, config.carry_over_slots)
        return original(self, tracker)

    MessageProcessor._has_session_expired = has_session_expired
