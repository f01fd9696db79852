"""Rasa's socket.io channel for the web widget, with structured messages that arrive whole.

Rasa 3.6's SocketIOOutput.send_custom_json calls `sio.emit(event, **payload)`, so a custom
payload such as {"type": "programme_card", ...} raises TypeError (emit() has no `type`
argument) and the reply is lost. This channel sends each bot utterance as one
`bot_uttered` event: {"text", "quick_replies", "custom"}; the widget renders a card from
`custom` and falls back to the text. Everything else (session_request/session_confirm,
session_persistence, user_uttered) is Rasa's own SocketIOInput, except one fix:

Rasa 3.6 calls `sio.enter_room(sid, session_id)` without `await`, but python-socketio 5.x's
AsyncServer.enter_room is a coroutine: the socket never joins its session's room, and with
session_persistence every reply (emitted to room=session_id) is lost. The session_request
handler is replaced by one that awaits it.

credentials.yml:
    bot.web.socket_channel.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""
from __future__ import annotations

import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class WebChatOutput(SocketIOOutput):
    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if not isinstance(custom, dict):
            await super().send_response(recipient_id, message)
            return
        buttons = message.get("buttons") or message.get("quick_replies") or []
        event: Dict[Text, Any] = {"custom": custom}
        if message.get("text"):
            event["text"] = message["text"]
        if buttons:
            event["quick_replies"] = [
                {"content_type": "text", "title": b.get("title"), "payload": b.get("payload")} for b in buttons]
        await self._send_message(recipient_id, event)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebChatInput(SocketIOInput):
    """SocketIOInput whose replies go through WebChatOutput."""

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return WebChatOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            message.output_channel = WebChatOutput(self.sio, self.bot_message_evt)
            await on_new_message(message)

        blueprint = super().blueprint(handle)
        sio = self.sio

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        sio.on("session_request", session_request, namespace=self.namespace)
        return blueprint
