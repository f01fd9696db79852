"""The real WeChat channel under extra URLs, loaded by the test Rasa server with one setting
changed, to reach paths the project's bot does not reach on its own in one turn:

- /webhooks/wechat_slow/webhook, `reply_timeout: 0`: every answer misses the passive-reply
  deadline and must travel through the customer-service API, as a slow bot's would;
- /webhooks/wechat_small/webhook, `max_reply_bytes: 400`: a programme card (about 1 KB; the
  bot's longest one-turn answers stay under WeChat's 2048 bytes) is split as a longer one would.
"""
from bot.channels.wechat import WeChatInput


class SlowWeChatInput(WeChatInput):
    @classmethod
    def name(cls) -> str:
        return "wechat_slow"


class SmallWeChatInput(WeChatInput):
    @classmethod
    def name(cls) -> str:
        return "wechat_small"
