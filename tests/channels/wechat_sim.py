"""WeChat's side of the protocol: signed requests with real XML bodies, as the WeChat server
sends them to an Official Account's server URL, in plaintext or safe (AES) mode."""
import hashlib
import random
import string
import time
from dataclasses import dataclass
from typing import Dict, Optional

import requests
import xmltodict
from wechatpy.crypto import WeChatCrypto

ACCOUNT = "gh_3f2a1b0c9d8e"  # the Official Account's original ID (ToUserName)


def new_openid() -> str:
    return "o" + "".join(random.choices(string.ascii_letters + string.digits, k=27))


def new_msg_id() -> int:
    return random.randrange(10**15, 10**16)


def text_xml(openid: str, content: str, msg_id: int, create_time: Optional[int] = None) -> str:
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>")


def message_xml(openid: str, msg_type: str, msg_id: int, **fields: str) -> str:
    """Any other message type (image, voice, video, location, link…) with its own fields."""
    body = "".join(f"<{k}>{v}</{k}>" if isinstance(v, (int, float)) else f"<{k}><![CDATA[{v}]]></{k}>"
                   for k, v in fields.items())
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
            f"{body}<MsgId>{msg_id}</MsgId></xml>")


def event_xml(openid: str, event: str, create_time: int, key: Optional[str] = None) -> str:
    """An event push (subscribe, CLICK on a custom-menu item with its EventKey, …)."""
    return (f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{create_time}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event>"
            + (f"<EventKey><![CDATA[{key}]]></EventKey>" if key is not None else "") + "</xml>")


@dataclass
class Reply:
    status: int
    raw: str
    content: Optional[str] = None  # the text the user sees, None for `success`
    to_user: Optional[str] = None
    from_user: Optional[str] = None


class WeChatServer:
    """Sends what WeChat sends to the configured URL and reads the reply as WeChat would."""

    def __init__(self, url: str, token: str, app_id: str, aes_key: str) -> None:
        self.url, self.token, self.app_id = url, token, app_id
        self.crypto = WeChatCrypto(token, aes_key, app_id)

    def sign(self, timestamp: str, nonce: str) -> str:
        return hashlib.sha1("".join(sorted([self.token, timestamp, nonce])).encode()).hexdigest()

    def _query(self, signature: Optional[str] = None) -> Dict[str, str]:
        timestamp, nonce = str(int(time.time())), str(random.randrange(10**9, 10**10))
        return {"signature": signature or self.sign(timestamp, nonce),
                "timestamp": timestamp, "nonce": nonce}

    def verify_url(self, echostr: str, signature: Optional[str] = None) -> requests.Response:
        return requests.get(self.url, params={**self._query(signature), "echostr": echostr},
                            timeout=30)

    def post(self, xml: str, openid: str, safe: bool = False, signature: Optional[str] = None,
             msg_signature: Optional[str] = None, compatible: bool = False) -> Reply:
        """POST a message; `safe` seals it (安全模式), `compatible` also keeps the plain
        fields beside the sealed copy (兼容模式)."""
        params = {**self._query(signature), "openid": openid}
        body = xml
        if safe:
            sealed = xmltodict.parse(self.crypto.encrypt_message(xml, params["nonce"],
                                                                 params["timestamp"]))["xml"]
            params.update(encrypt_type="aes", msg_signature=msg_signature or sealed["MsgSignature"])
            encrypt = f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt>"
            body = (xml.replace("</xml>", encrypt + "</xml>") if compatible else
                    f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>{encrypt}</xml>")
        res = requests.post(self.url, params=params, data=body.encode("utf-8"),
                            headers={"Content-Type": "text/xml"}, timeout=30)
        if res.status_code != 200 or res.text in ("success", ""):
            return Reply(res.status_code, res.text)
        text = res.text
        if safe:  # the reply is sealed too; opening it also checks its MsgSignature
            sealed = xmltodict.parse(text)["xml"]
            text = self.crypto.decrypt_message(text, sealed["MsgSignature"], sealed["TimeStamp"],
                                               sealed["Nonce"])
        reply = xmltodict.parse(text)["xml"]
        assert reply["MsgType"] == "text"
        return Reply(res.status_code, res.text, reply["Content"], reply["ToUserName"],
                     reply["FromUserName"])

    def say(self, openid: str, content: str, safe: bool = False, msg_id: Optional[int] = None
            ) -> Reply:
        return self.post(text_xml(openid, content, msg_id or new_msg_id()), openid, safe=safe)
