"""WeChat Official Account (微信公众号) input channel for Rasa: /webhooks/wechat/webhook.

GET verifies the server URL (echoes `echostr`); POST takes a user message in plaintext or
safe (AES) mode and answers with a passive text reply. Signatures, AES and the XML are all
handled by wechatpy. How retries, slow answers and long answers are handled: docs/wechat.md.
"""
import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Set, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from bot.channels.wechat_customer_service import DEFAULT_API_BASE_URL, CustomerServiceClient
from bot.channels.wechat_format import (WECHAT_TEXT_LIMIT, chosen_payload, render_messages,
                                        split_utf8)
from bot.channels.wechat_replies import CUSTOMER_SERVICE, PASSIVE, AnswerCache, PendingChoices

logger = logging.getLogger(__name__)

# WeChat takes the literal body "success" as "received, nothing to reply" and does not retry.
SUCCESS = "success"

ONLY_TEXT = "抱歉，我目前只能看懂文字消息。请直接用文字输入您的问题，例如“有哪些补贴”。"
EMPTY_TEXT = "您好像发了一条空消息。请直接用文字输入您的问题，例如“有哪些补贴”。"
NO_ANSWER = "抱歉，我暂时没能回答这个问题，请换个说法再试一次，或输入“转人工”获取咨询电话。"
BOT_ERROR = "抱歉，系统暂时出了点问题，请稍后再发一次您的问题。"

SUBSCRIBE_EVENTS = {"subscribe", "subscribe_scan"}


@dataclass(frozen=True)
class WeChatSettings:
    """Channel settings: environment variables win over the credentials.yml block."""

    token: Optional[str] = None
    app_id: Optional[str] = None
    app_secret: Optional[str] = None
    aes_key: Optional[str] = None
    api_base_url: str = DEFAULT_API_BASE_URL
    reply_timeout: float = 4.5  # seconds; WeChat gives up (and retries) after 5
    max_reply_bytes: int = WECHAT_TEXT_LIMIT
    # What a new follower "says" to the bot, in order ("/greet, /list_programmes").
    welcome_messages: str = "/greet"
    # Several replicas: answers to retries and pending numbered choices in Redis (wechat_shared.py).
    redis_url: Optional[str] = None

    ENV = {
        "token": "WECHAT_TOKEN",
        "app_id": "WECHAT_APP_ID",
        "app_secret": "WECHAT_APP_SECRET",
        "aes_key": "WECHAT_AES_KEY",
        "api_base_url": "WECHAT_API_BASE_URL",
        "reply_timeout": "WECHAT_REPLY_TIMEOUT",
        "redis_url": "REDIS_URL",
    }

    @classmethod
    def load(cls, credentials: Optional[Mapping[str, Any]], env: Mapping[str, str] = os.environ
             ) -> "WeChatSettings":
        # Read the environment here rather than with ${VAR} in credentials.yml: Rasa's
        # substitution aborts start-up when a variable is unset.
        known = cls.__dataclass_fields__
        values: Dict[str, Any] = {k: v for k, v in (credentials or {}).items()
                                  if k in known and v not in (None, "")}
        if isinstance(values.get("welcome_messages"), list):
            values["welcome_messages"] = ",".join(values["welcome_messages"])
        values.update({key: env[var] for key, var in cls.ENV.items() if env.get(var)})
        settings: Dict[str, Any] = {}
        for key, value in values.items():
            kind = type(known[key].default) if known[key].default is not None else str
            try:
                settings[key] = kind(value)
            except ValueError:
                logger.error("WeChat channel: ignoring %s=%r (not a %s)", key, value, kind.__name__)
        return cls(**settings)


class WeChatCollector(CollectingOutputChannel):
    """Collects a turn's messages whole (the base class cuts texts at blank lines)."""

    @classmethod
    def name(cls) -> Text:
        return WeChatInput.name()

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text))


class WeChatInput(InputChannel):
    """Rasa input channel for a WeChat Official Account server URL."""

    @classmethod
    def name(cls) -> Text:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "InputChannel":
        return cls(WeChatSettings.load(credentials))

    def __init__(self, settings: WeChatSettings) -> None:
        self.settings = settings
        self.answers, self.choices = AnswerCache(), PendingChoices()
        if settings.redis_url:
            from bot.channels.wechat_shared import shared_memory
            self.answers, self.choices = shared_memory(settings.redis_url, self.name(), [BOT_ERROR])
        self.crypto: Optional[WeChatCrypto] = None
        self.client: Optional[CustomerServiceClient] = None
        self._background: Set[asyncio.Task] = set()
        if not settings.token:
            logger.error("WeChat channel: WECHAT_TOKEN (or `token` in credentials.yml) is not set;"
                         " every request to /webhooks/%s/webhook is refused.", self.name())
        if settings.aes_key and not settings.app_id:
            logger.error("WeChat channel: WECHAT_AES_KEY is set but WECHAT_APP_ID is not; safe-mode"
                         " (AES) messages are refused.")
        elif settings.aes_key:
            try:
                self.crypto = WeChatCrypto(settings.token or "", settings.aes_key, settings.app_id)
            except (AssertionError, ValueError, TypeError):
                logger.error("WeChat channel: WECHAT_AES_KEY is not a 43-character EncodingAESKey;"
                             " safe-mode (AES) messages are refused.")
        if settings.app_id and settings.app_secret:
            self.client = CustomerServiceClient(settings.app_id, settings.app_secret,
                                                settings.api_base_url)
        else:
            logger.warning("WeChat channel: WECHAT_APP_ID/WECHAT_APP_SECRET not set; answers that"
                           " miss the %.1f s reply deadline cannot be sent.", settings.reply_timeout)

    # -- HTTP ------------------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"{self.name()}_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.token else "unconfigured"})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            refused = self._refuse(request)
            if refused:
                return refused
            return response.text(request.args.get("echostr", ""))

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Optional[HTTPResponse]:
            refused = self._refuse(request)
            if refused:
                return refused
            arrived = asyncio.get_running_loop().time()
            safe_mode = request.args.get("encrypt_type") == "aes"
            xml = self._decrypt(request) if safe_mode else request.body.decode("utf-8", "replace")
            if isinstance(xml, HTTPResponse):
                return xml
            try:
                message = parse_message(xml)
            except Exception:  # malformed XML is the sender's fault, not a server error
                logger.warning("WeChat channel: unreadable message body")
                return response.text("bad message", status=400)
            if message is None:
                return response.text("bad message", status=400)
            text, more = await self._reply(message, arrived, on_new_message)
            if text is None:
                return response.text(SUCCESS)
            body = TextReply(content=_cdata_safe(text), message=message).render()
            if safe_mode:
                body = self.crypto.encrypt_message(body, request.args.get("nonce", ""))
            # Send the passive reply first, then the rest through the customer-service API,
            # so the user reads the parts in order.
            sent = await request.respond(content_type="application/xml; charset=utf-8")
            await sent.send(body, end_stream=True)
            if more:
                self._in_background(self._push(message.source, more))
            return None

        return hook

    def _refuse(self, request: Request) -> Optional[HTTPResponse]:
        """403 unless the query is signed with our token (sha1 of sorted token, timestamp, nonce)."""
        if not self.settings.token:
            logger.error("WeChat channel: refused a request because WECHAT_TOKEN is not set")
            return response.text("wechat channel not configured", status=503)
        args = request.args
        try:
            check_signature(self.settings.token, args.get("signature", ""),
                            args.get("timestamp", ""), args.get("nonce", ""))
        except InvalidSignatureException:
            logger.warning("WeChat channel: bad signature from %s", request.ip)
            return response.text("invalid signature", status=403)
        return None

    def _decrypt(self, request: Request):
        if self.crypto is None:
            logger.error("WeChat channel: safe-mode message refused, WECHAT_AES_KEY/WECHAT_APP_ID"
                         " not configured")
            return response.text("safe mode not configured", status=503)
        args = request.args
        try:
            return self.crypto.decrypt_message(request.body, args.get("msg_signature", ""),
                                               args.get("timestamp", ""), args.get("nonce", ""))
        except (InvalidSignatureException, InvalidAppIdException):
            logger.warning("WeChat channel: bad msg_signature or AppID from %s", request.ip)
            return response.text("invalid signature", status=403)
        except Exception:  # not our ciphertext / not XML
            logger.warning("WeChat channel: undecryptable safe-mode body from %s", request.ip)
            return response.text("bad message", status=400)

    # -- answering -------------------------------------------------------------------------
    async def _reply(self, message, arrived: float, on_new_message
                     ) -> "tuple[Optional[str], List[str]]":
        """(passive reply text or None for `success`, further parts for the customer-service API)."""
        said = self._what_user_said(message)
        if not said:  # unsubscribe, menu views, …: nothing to say
            return None, []
        if not said[0].strip():
            return (EMPTY_TEXT if message.type == "text" else ONLY_TEXT), []
        key = str(message.id) if message.id else f"{message.source}:{message.time}:{message.type}"
        answer = await self.answers.get_or_start(
            key, lambda: self._answer(message.source, said, key, on_new_message))
        if await answer.decided() == CUSTOMER_SERVICE:
            return None, []
        remaining = self.settings.reply_timeout - (asyncio.get_running_loop().time() - arrived)
        try:
            parts = await asyncio.wait_for(asyncio.shield(answer.task), max(remaining, 0))
        except asyncio.TimeoutError:
            if await answer.decide(CUSTOMER_SERVICE):  # first delivery to give up: push it when ready
                answer.task.add_done_callback(lambda task: task.cancelled() or self._in_background(
                    self._push(message.source, task.result())))
            return None, []
        first_delivery = await answer.decide(PASSIVE)
        if answer.delivery == CUSTOMER_SERVICE:
            return None, []
        return parts[0], (parts[1:] if first_delivery else [])

    def _what_user_said(self, message) -> Optional[List[str]]:
        """The texts to hand to the bot ([""] for a type we cannot read), None to ignore."""
        if message.type == "text":
            return [message.content or ""]
        if message.type == "voice":  # with 语音识别 on, WeChat sends the transcript
            return [message.recognition or ""]
        if message.type == "event":
            if message.event in SUBSCRIBE_EVENTS:
                return [t.strip() for t in self.settings.welcome_messages.split(",") if t.strip()]
            if message.event == "click" and message.key:  # a custom-menu item: its key is the text
                return [message.key]
            return None
        return [""]

    async def _answer(self, openid: str, texts: List[str], message_id: str,
                      on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> List[str]:
        """Run the bot turn(s) for one message; always returns at least one part, never raises."""
        collector = WeChatCollector()
        try:
            for text in texts:
                text = chosen_payload(text, await self.choices.get(openid)) or text
                # "wx" keeps the 16+-digit MsgId from being masked as a bank card number
                # (bot/privacy.py) when the tracker stores the turn.
                await on_new_message(UserMessage(text, collector, openid, input_channel=self.name(),
                                                 message_id=f"wx{message_id}"))
        except Exception:
            logger.exception("WeChat channel: the bot failed on a message from %s", openid)
            return [BOT_ERROR]
        rendered, choices = render_messages(collector.messages)
        await self.choices.put(openid, choices)
        return split_utf8(rendered, self.settings.max_reply_bytes) or [NO_ANSWER]

    async def _push(self, openid: str, parts: List[str]) -> None:
        if self.client is None:
            logger.error("WeChat channel: %d message part(s) for %s dropped, customer-service API"
                         " needs WECHAT_APP_ID and WECHAT_APP_SECRET", len(parts), openid)
            return
        await self.client.send_texts(openid, parts)

    def _in_background(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)  # keep a reference until it finishes
        task.add_done_callback(self._background.discard)


def _cdata_safe(text: str) -> str:
    # wechatpy writes Content as CDATA; "]]>" inside would end it early.
    return text.replace("]]>", "]] >")
