"""The real WeChat channel under a second URL (/webhooks/wechat_slow/webhook), loaded by the
test Rasa server with `reply_timeout: 0`, so every answer misses the passive-reply deadline
and must travel through the customer-service API, as a slow bot's would."""
from bot.channels.wechat import WeChatInput


class SlowWeChatInput(WeChatInput):
    @classmethod
    def name(cls) -> str:
        return "wechat_slow"
