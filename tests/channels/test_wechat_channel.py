"""The WeChat channel end to end: WeChat's signed requests against a real Rasa server.

Each test uses a fresh openid (a fresh conversation). Expected answers are what the same bot
says on its REST channel, plus the programme names from the knowledge base where it matters.
"""
import threading
import time

import pytest
import requests

from bot.channels.wechat import ONLY_TEXT, WeChatSettings
from bot.channels.wechat_format import CHOICE_HEADER, render_messages, split_utf8
from policy_kb.kb import load
from tests.channels.conftest import SETTINGS, SMALL, rest_answer, user_turns
from tests.channels.fake_wechat_api import ACCESS_TOKEN
from tests.channels.wechat_sim import (ACCOUNT, event_xml, message_xml, new_msg_id, new_openid,
                                       text_xml)

# What users type, and what the bot must do with it.
LIST_QUESTION = "有哪些补贴"        # the programme list, as numbered choices
LONG_QUESTION = load().programme(10)["name"]  # its card: about 1 KB of text


def expected(rasa, *texts):
    """The bot's answer to `texts` as a WeChat user should read it (REST, fresh sender)."""
    sender = new_openid()
    return render_messages([m for text in texts for m in rest_answer(rasa, sender, text)])[0]


def test_url_verification_echoes_echostr(rasa, wechat):
    res = wechat.verify_url("7046851437650245378")
    assert res.status_code == 200 and res.text == "7046851437650245378"
    assert requests.get(rasa + "/webhooks/wechat/", timeout=10).json() == {"status": "ok"}


def test_url_verification_with_wrong_signature_is_refused(wechat):
    res = wechat.verify_url("7046851437650245378", signature="0" * 40)
    assert res.status_code == 403 and "7046851437650245378" not in res.text


def test_text_message_gets_the_bots_answer(rasa, wechat):
    openid = new_openid()
    reply = wechat.say(openid, LIST_QUESTION)
    assert reply.status == 200
    assert reply.to_user == openid and reply.from_user == ACCOUNT
    assert reply.content == expected(rasa, LIST_QUESTION)
    assert CHOICE_HEADER in reply.content and "{" not in reply.content
    for programme in load().programmes:  # all twelve, numbered as in the policy document
        assert f"{programme['number']}. {programme['name']}" in reply.content


def test_safe_mode_round_trip(rasa, wechat):
    openid = new_openid()
    reply = wechat.say(openid, LIST_QUESTION, safe=True)
    assert reply.status == 200
    assert "<Encrypt>" in reply.raw and LIST_QUESTION not in reply.raw  # sealed on the wire
    assert reply.to_user == openid and reply.content == expected(rasa, LIST_QUESTION)


def test_compatible_mode_round_trip(rasa, wechat):
    openid = new_openid()
    xml = text_xml(openid, LIST_QUESTION, new_msg_id())
    reply = wechat.post(xml, openid, safe=True, compatible=True)
    assert "<Encrypt>" in reply.raw and reply.content == expected(rasa, LIST_QUESTION)


def test_bad_signatures_are_refused_and_not_handled(rasa, wechat):
    openid = new_openid()
    xml = text_xml(openid, LIST_QUESTION, new_msg_id())
    assert wechat.post(xml, openid, signature="f" * 40).status == 403
    assert wechat.post(xml, openid, safe=True, msg_signature="e" * 40).status == 403
    assert user_turns(rasa, openid) == []


def test_replayed_msg_id_is_answered_once_with_the_same_reply(rasa, wechat):
    openid, msg_id = new_openid(), new_msg_id()
    xml = text_xml(openid, LIST_QUESTION, msg_id)
    replies = []
    # WeChat's retries can arrive while the first delivery is still being answered.
    threads = [threading.Thread(target=lambda: replies.append(wechat.post(xml, openid)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    replies.append(wechat.post(xml, openid, safe=True))  # a late retry, in safe mode this time
    assert {r.status for r in replies} == {200}
    assert len({r.content for r in replies}) == 1 and replies[0].content
    turns = [t for t in user_turns(rasa, openid) if t.get("message_id") == f"wx{msg_id}"]
    assert len(turns) == 1


def test_slow_answer_goes_through_customer_service_api(rasa, wechat_slow, wechat_api):
    openid, msg_id = new_openid(), new_msg_id()
    xml = text_xml(openid, LIST_QUESTION, msg_id)
    first = wechat_slow.post(xml, openid)
    assert first.status == 200 and first.raw == "success"
    sent = wechat_api.wait_for_texts(openid, 1)
    assert sent == [expected(rasa, LIST_QUESTION)]
    # The channel got its access token with the account's AppID/AppSecret first.
    token_calls = wechat_api.calls_to("token")
    assert token_calls and token_calls[0]["query"]["appid"] == wechat_slow.app_id
    sends = [c for c in wechat_api.calls_to("message/custom/send") if c["json"]["touser"] == openid]
    assert all(c["query"]["access_token"] == ACCESS_TOKEN for c in sends)
    # WeChat's retry of the same message: `success` again, no second answer, one bot turn.
    again = wechat_slow.post(xml, openid)
    assert again.raw == "success"
    time.sleep(1.0)
    assert wechat_api.texts_sent_to(openid) == sent
    assert len([t for t in user_turns(rasa, openid) if t.get("message_id") == f"wx{msg_id}"]) == 1


def test_long_answer_is_split_passive_first_then_customer_service(rasa, wechat_small, wechat_api):
    openid = new_openid()
    full = expected(rasa, LONG_QUESTION)
    parts = split_utf8(full, SMALL)
    assert len(parts) >= 3 and "\n\n".join(parts).replace("\n", "") == full.replace("\n", "")
    reply = wechat_small.say(openid, LONG_QUESTION)
    assert reply.content == parts[0]
    rest = wechat_api.wait_for_texts(openid, len(parts) - 1)
    assert rest == parts[1:]
    assert all(len(p.encode("utf-8")) <= SMALL for p in [reply.content, *rest])


def test_number_reply_chooses_the_numbered_button(rasa, wechat):
    openid = new_openid()
    listing = rest_answer(rasa, new_openid(), LIST_QUESTION)
    buttons = [b for m in listing for b in m.get("buttons") or []]
    assert len(buttons) >= 2
    wechat.say(openid, LIST_QUESTION)
    reply = wechat.say(openid, "2")
    assert reply.content == expected(rasa, buttons[1]["payload"])
    assert user_turns(rasa, openid)[-1]["text"] == buttons[1]["payload"]


def test_subscribe_event_gets_the_welcome(rasa, wechat):
    openid, created = new_openid(), int(time.time())
    welcome = WeChatSettings.load(SETTINGS, env={}).welcome_messages.split(",")
    reply = wechat.post(event_xml(openid, "subscribe", created), openid)
    assert reply.content == expected(rasa, *welcome)
    again = wechat.post(event_xml(openid, "subscribe", created), openid, safe=True)  # WeChat's retry
    assert again.content == reply.content
    assert [t["text"] for t in user_turns(rasa, openid)] == welcome


def test_menu_click_is_answered_like_its_key_and_unsubscribe_silently(rasa, wechat):
    openid = new_openid()
    reply = wechat.post(event_xml(openid, "CLICK", int(time.time()), key=LIST_QUESTION), openid)
    assert reply.content == expected(rasa, LIST_QUESTION)
    gone = wechat.post(event_xml(openid, "unsubscribe", int(time.time()) + 1), openid)
    assert gone.status == 200 and gone.raw == "success"
    assert [t["text"] for t in user_turns(rasa, openid)] == [LIST_QUESTION]


NOT_TEXT = {
    "image": {"PicUrl": "http://127.0.0.1/pic.jpg", "MediaId": "media_id_1"},
    "voice": {"MediaId": "media_id_2", "Format": "amr"},  # 语音识别 off: no Recognition
    "video": {"MediaId": "media_id_3", "ThumbMediaId": "thumb_1"},
    "location": {"Location_X": 30.3, "Location_Y": 120.4, "Scale": 15, "Label": "钱塘区"},
    "link": {"Title": "政策原文", "Description": "链接", "Url": "http://127.0.0.1/policy"},
}


@pytest.mark.parametrize("msg_type", sorted(NOT_TEXT))
def test_other_message_types_get_a_friendly_text(rasa, wechat, msg_type):
    openid = new_openid()
    xml = message_xml(openid, msg_type, new_msg_id(), **NOT_TEXT[msg_type])
    reply = wechat.post(xml, openid)
    assert reply.status == 200 and reply.content == ONLY_TEXT
    assert user_turns(rasa, openid) == []


def test_voice_with_recognition_is_answered_as_text(rasa, wechat):
    openid = new_openid()
    xml = message_xml(openid, "voice", new_msg_id(), MediaId="media_id_4", Format="amr",
                      Recognition=LIST_QUESTION)
    assert wechat.post(xml, openid).content == expected(rasa, LIST_QUESTION)
