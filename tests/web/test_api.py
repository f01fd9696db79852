"""The agent page's JSON APIs over real HTTP: answers from policy_kb, polite Chinese errors."""
from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request

from policy_kb.engine import decide
from policy_kb.kb import load
from policy_kb.schema import FactsError, validate


def call(base: str, path: str, body=None, raw: bytes | None = None, headers: dict | None = None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_schema_is_facts_yml(agent_server):
    status, schema = call(agent_server, "/api/schema")
    assert status == 200
    kb = load()
    for subject in schema["subjects"]:
        names = [f["name"] for f in subject["fields"]]
        assert sorted(names) == sorted(kb.facts[subject["name"]])
    employer = next(f for f in schema["subjects"][0]["fields"] if f["name"] == "employer")
    assert employer["values"] == [{"value": k, "label": v} for k, v in kb.facts["person"]["employer"]["values"].items()]
    level = next(f for f in schema["subjects"][0]["fields"] if f["name"] == "new_level")
    assert [v["value"] for v in level["values"]] == kb.levels


def test_decide_matches_the_engine_and_adds_the_next_question(agent_server):
    facts = {"as_of": "2025-06-30", "person": {"new_level": "技师", "employer": "enterprise"}}
    status, got = call(agent_server, "/api/decide", {"facts": facts})
    assert status == 200
    want = decide(facts)
    assert [(r["programme"], r["status"], r["amount"]) for r in got["results"]] == \
           [(r["programme"], r["status"], r["amount"]) for r in want["results"]]
    prog4 = next(r for r in got["results"] if r["programme"] == 4)
    first = next(r for r in want["results"] if r["programme"] == 4)["missing"][0]
    assert prog4["next_question"]["question"] == load().facts["person"][first]["question"]
    assert load().programme(4)["name"] in prog4["script"]
    assert load().programme(4)["phone"] in got["script"]


def test_malformed_facts_get_the_engines_chinese_message(agent_server):
    bad = {"person": {"cert_date": "2025-02-30"}}
    status, got = call(agent_server, "/api/decide", {"facts": bad})
    assert status == 400
    try:
        validate(bad)
    except FactsError as exc:
        # The engine's reason, under the field's Chinese label — never the internal key.
        assert exc.problem in got["error"] and exc.key not in got["error"]
        assert got["key"] == exc.key
    assert f"“{load().facts['person']['cert_date']['label']}”" in got["error"]
    status, got = call(agent_server, "/api/decide", {"facts": {
        "organisation": {"training": {"trainees": [{}, {"group": "外星人"}]}}}})
    assert status == 400 and "培训学员第2位" in got["error"] and "trainees" not in got["error"], got
    status, got = call(agent_server, "/api/decide", raw=b"{not json")
    assert status == 400 and got["error"] == "请求内容不是合法的 JSON。"
    status, got = call(agent_server, "/api/decide", {"facts": ["person"]})
    assert status == 400 and "JSON 对象" in got["error"]


def test_undecided_programmes_are_never_0_yuan(agent_server):
    """尚需确认 reads 待定 with what the programme would pay, never 0元."""
    for facts in ({"person": {"new_level": "高级技师"}}, {"organisation": {"kind": "enterprise"}}, {}):
        status, got = call(agent_server, "/api/decide", {"facts": facts})
        assert status == 200
        for r in got["results"]:
            if r["status"] == "needs_info":
                assert r["amount_label"].startswith("待定") and "0元" != r["amount_label"], r["amount_label"]
    status, got = call(agent_server, "/api/decide", {"facts": {"person": {"new_level": "高级技师"}}})
    prog4 = next(r for r in got["results"] if r["programme"] == 4)
    assert prog4["amount_label"] == f"待定（条件都满足可得{load().programme(4)['standard']['table']['高级技师']}元）"


def test_search_and_understand_refuse_empty_words(agent_server):
    status, got = call(agent_server, "/api/search?q=" + urllib.parse.quote("  "))
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", {"text": ""})
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", {"text": "技师" * 1500})
    assert status == 400 and "内容过长" in got["error"]


def test_understand_bad_input_keeps_its_messages(agent_server):
    status, got = call(agent_server, "/api/understand", {"text": "   "})
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", ["我是技师"])
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", raw=b"{not json")
    assert status == 400 and got["error"] == "请求内容不是合法的 JSON。"
    for today in ("2025-13-01", "明天", 20250715):
        status, got = call(agent_server, "/api/understand", {"text": "我是技师", "today": today})
        assert status == 400 and got["error"] == "today 应为 YYYY-MM-DD 格式的日期。"


def test_understand_gives_the_pipelines_reading_with_spans(agent_server):
    from understanding import understand

    words = "来电人在钱塘一家企业上班，今年5月评上高级技师，没有金牌称号，老家在河南"
    status, got = call(agent_server, "/api/understand", {"text": words, "today": "2025-07-15"})
    assert status == 200
    reading = understand(words, today=dt.date(2025, 7, 15))
    assert got["text"] == words
    assert got["read_text"] == reading.text
    # facts in the FACTS.md shape, as the pipeline gives them and the engine accepts them
    assert got["facts"] == reading.facts
    assert set(got["facts"]) <= {"person", "organisation"}
    validate(got["facts"])
    assert got["facts"]["person"]["new_level"] == "高级技师"
    assert got["facts"]["person"]["cert_date"].startswith("2025-05")     # 今年 = the request's today
    assert got["problems"] == reading.problems
    assert (got["subject"], got["unknown"]) == (reading.subject, reading.unknown)
    # every span slices read_text to its text and names its fact in Chinese
    assert got["spans"]
    for span in got["spans"]:
        assert got["read_text"][span["start"]:span["end"]] == span["text"]
        assert span["polarity"] in ("pos", "neg", "unknown")
        assert span["fact"].split(".", 1)[0] in ("person", "organisation")
        assert span["label"] and span["value_label"]
    by_fact = {s["fact"]: s for s in got["spans"]}
    level = by_fact["person.new_level"]
    assert (level["text"], level["value"], level["polarity"]) == ("高级技师", "高级技师", "pos")
    assert level["label"] == load().facts["person"]["new_level"]["label"]
    gold = by_fact["person.gold_title"]
    assert gold["polarity"] == "neg" and "金牌" in gold["text"]
    # what no span covers and says something
    assert got["unrecognised"]
    for piece in got["unrecognised"]:
        assert got["read_text"][piece["start"]:piece["end"]] == piece["text"]
        assert not any(s["start"] < piece["end"] and piece["start"] < s["end"] for s in got["spans"])
    assert any("河南" in piece["text"] for piece in got["unrecognised"])


def test_understand_uses_the_requests_today(agent_server):
    words = "我是高级技师，去年10月取证"
    _, before = call(agent_server, "/api/understand", {"text": words, "today": "2025-07-15"})
    _, after = call(agent_server, "/api/understand", {"text": words, "today": "2026-03-01"})
    assert before["facts"]["person"]["cert_date"].startswith("2024-10")
    assert after["facts"]["person"]["cert_date"].startswith("2025-10")


def test_understand_organisation_callers_and_unknown_facts(agent_server):
    status, got = call(agent_server, "/api/understand", {"text": "我们是培训机构，想问培训补贴怎么申请"})
    assert status == 200
    assert got["facts"]["organisation"]["kind"] == "training_org"
    assert got["subject"] == "training_org"
    status, got = call(agent_server, "/api/understand", {"text": "不清楚是不是在钱塘交社保"})
    assert status == 200 and "person.works_in_qiantang" in got["unknown"]
    assert "works_in_qiantang" not in got["facts"].get("person", {})
    unknown = [s for s in got["spans"] if s["polarity"] == "unknown"]
    assert unknown and all(got["read_text"][s["start"]:s["end"]] == s["text"] for s in unknown)
    status, got = call(agent_server, "/api/understand", {"text": "你好，请问今天天气怎么样"})
    assert status == 200 and (got["facts"], got["spans"]) == ({}, [])


def test_search_cards_name_the_programme_and_its_phone(agent_server):
    prog = load().programme(8)
    status, got = call(agent_server, "/api/search?q=" + urllib.parse.quote(prog["name"]))
    assert status == 200
    card = got["cards"][0]
    assert (card["programme"], card["name"], card["phone"]) == (8, prog["name"], prog["phone"])


def test_search_gives_the_chats_own_answer_first(agent_server):
    """The hotline page reads out the same clause-level answer as the chat (actions/questions)."""
    from actions.questions import answer as chat_answer
    prog = load().programme(4)
    question = "首席技师的提升补助多少"
    status, got = call(agent_server, "/api/search?today=2026-11-27&q=" + urllib.parse.quote(question))
    assert status == 200
    chat, _ = chat_answer(question, dt.date(2026, 11, 27))
    assert got["answer"]["text"] == chat[0].text
    assert f"{prog['standard']['table']['首席技师']}元" in got["answer"]["text"]
    assert prog["standard"]["clause"] in got["answer"]["text"]
    status, got = call(agent_server, "/api/search?today=2026-13-01&q=" + urllib.parse.quote(question))
    assert status == 400 and "today" in got["error"]


def test_unknown_paths_answer_in_chinese(agent_server):
    status, got = call(agent_server, "/api/nothing")
    assert status == 404 and got["error"] == "没有这个页面。"
    try:
        urllib.request.urlopen(agent_server + "/nothing", timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 404 and "没有这个页面" in exc.read().decode("utf-8")
    else:
        raise AssertionError("/nothing answered 200")
