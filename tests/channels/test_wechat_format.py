"""What a WeChat user reads: numbered choices, no raw JSON, long answers cut at sensible places."""
from bot.channels.wechat import WeChatSettings
from bot.channels.wechat_format import (CHOICE_HEADER, WECHAT_TEXT_LIMIT, Choice,
                                        chosen_payload, render_messages, split_utf8)


def _bytes(text):
    return len(text.encode("utf-8"))


def test_buttons_become_numbered_choices_across_the_turn():
    text, payloads = render_messages([
        {"text": "您是哪类申请人？", "buttons": [{"title": "个人", "payload": "/who{\"who\":\"person\"}"},
                                          {"title": "企业", "payload": "/who{\"who\":\"enterprise\"}"}]},
        {"text": "或者问别的", "quick_replies": None, "buttons": [{"title": "重新开始", "payload": "/restart"}]},
    ])
    assert text == ("您是哪类申请人？\n" + CHOICE_HEADER + "\n1. 个人\n2. 企业\n\n"
                    "或者问别的\n" + CHOICE_HEADER + "\n3. 重新开始")
    assert [c.payload for c in payloads] == ['/who{"who":"person"}', '/who{"who":"enterprise"}',
                                             "/restart"]


def test_custom_json_and_images_are_never_shown_raw():
    text, payloads = render_messages([{"text": "卡片如下", "custom": {"card": {"amount": 1}}},
                                      {"custom": {"card": 2}}, {"image": "http://x/y.png"}])
    assert text == "卡片如下" and payloads == []


def test_typed_number_picks_that_choice():
    payloads = [Choice("全国技术能手", "/a"), Choice("浙江工匠", "/b"), Choice("无", "/c")]
    assert chosen_payload("2", payloads) == "/b"
    assert chosen_payload(" ３ ", payloads) == "/c"  # full-width digit from a Chinese keyboard
    assert chosen_payload("1.", payloads) == "/a"
    assert chosen_payload("4", payloads) is None
    assert chosen_payload("0", payloads) is None
    assert chosen_payload("8个月", payloads) is None
    assert chosen_payload("1", []) is None


def test_several_numbers_answer_a_multiple_choice_question_with_the_titles():
    payloads = [Choice("全国技术能手", "/a"), Choice("浙江工匠", "/b"), Choice("无", "/c")]
    assert chosen_payload("1、2", payloads) == "全国技术能手、浙江工匠"
    assert chosen_payload("2 1 2", payloads) == "浙江工匠、全国技术能手"
    assert chosen_payload("1，5", payloads) is None  # 5 is no choice: passed on as typed


def test_long_text_is_cut_on_paragraphs_within_the_byte_limit():
    paragraphs = [f"第{i}条：" + "申请人须提供身份证、技能等级证书、社保缴纳证明。" * 4 for i in range(20)]
    text = "\n\n".join(paragraphs)
    parts = split_utf8(text)
    assert len(parts) > 1
    assert all(_bytes(p) <= WECHAT_TEXT_LIMIT for p in parts)
    assert "\n\n".join(parts) == text  # nothing lost, every cut at a paragraph boundary


def test_one_huge_line_is_cut_at_sentence_ends_then_characters():
    sentences = split_utf8("这是一句话。" * 600, 200)
    assert all(p.endswith("。") and _bytes(p) <= 200 for p in sentences)
    chars = split_utf8("长" * 1000, 100)
    assert all(_bytes(p) <= 100 for p in chars) and "".join(chars) == "长" * 1000


def test_short_text_is_one_part():
    assert split_utf8("  您好  ") == ["您好"]
    assert split_utf8("") == []


def test_settings_come_from_environment_over_credentials():
    settings = WeChatSettings.load(
        {"token": "from_file", "reply_timeout": "3", "app_id": "wx_file", "unknown": 1},
        env={"WECHAT_TOKEN": "from_env", "WECHAT_AES_KEY": "k" * 43, "WECHAT_REPLY_TIMEOUT": ""})
    assert settings.token == "from_env" and settings.app_id == "wx_file"
    assert settings.aes_key == "k" * 43 and settings.reply_timeout == 3.0


def test_settings_without_token_or_with_bad_numbers_do_not_crash():
    settings = WeChatSettings.load(None, env={"WECHAT_REPLY_TIMEOUT": "soon"})
    assert settings.token is None and settings.reply_timeout == 4.5


def test_channel_without_token_refuses_requests_with_a_clear_log(caplog):
    from types import SimpleNamespace

    from bot.channels.wechat import WeChatInput

    channel = WeChatInput(WeChatSettings())  # what Rasa builds when WECHAT_TOKEN is unset
    refused = channel._refuse(SimpleNamespace(args={}, ip="127.0.0.1"))
    assert refused.status == 503
    assert "WECHAT_TOKEN is not set" in caplog.text


def test_welcome_messages_may_be_a_yaml_list():
    settings = WeChatSettings.load({"welcome_messages": ["/greet", "/list_programmes"]}, env={})
    assert settings.welcome_messages.split(",") == ["/greet", "/list_programmes"]
