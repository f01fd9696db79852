"""Sending text through WeChat's customer-service message API (客服消息接口) with wechatpy.

Used when an answer misses the passive-reply deadline and for the parts of a long answer
after the first. The API base URL is configurable so tests can point it at a local fake.
"""
import asyncio
import logging
from typing import Sequence

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatException

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.weixin.qq.com/cgi-bin/"


class CustomerServiceClient(WeChatClient):
    """wechatpy's client with its API base (including the access-token call) configurable."""

    def __init__(self, app_id: str, app_secret: str, api_base_url: str = DEFAULT_API_BASE_URL,
                 timeout: float = 10.0) -> None:
        super().__init__(app_id, app_secret, timeout=timeout)
        self.API_BASE_URL = api_base_url.rstrip("/") + "/"

    def fetch_access_token(self):
        # wechatpy hard-codes api.weixin.qq.com here; use the configured base instead.
        return self._fetch_access_token(
            url=self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )

    async def send_texts(self, openid: str, texts: Sequence[str]) -> bool:
        """Send the texts in order (blocking HTTP runs in a thread); False if one failed."""
        for text in texts:
            try:
                await asyncio.to_thread(self.message.send_text, openid, text)
            except (WeChatException, OSError, ValueError, KeyError) as error:
                logger.error("WeChat customer-service send to %s failed: %s", openid, error)
                return False
        return True
