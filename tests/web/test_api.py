"""The agent page's JSON APIs over real HTTP: answers from policy_kb, polite Chinese errors."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from policy_kb.engine import decide
from policy_kb.kb import load
from policy_kb.schema import FactsError, validate


def call(base: str, path: str, body=None, raw: bytes | None = None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
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
    assert load().programme(4)["phone"] in prog4["script"]


def test_malformed_facts_get_the_engines_chinese_message(agent_server):
    bad = {"person": {"cert_date": "2025-02-30"}}
    status, got = call(agent_server, "/api/decide", {"facts": bad})
    assert status == 400
    try:
        validate(bad)
    except FactsError as exc:
        assert got["error"] == str(exc)
    status, got = call(agent_server, "/api/decide", raw=b"{not json")
    assert status == 400 and got["error"] == "请求内容不是合法的 JSON。"
    status, got = call(agent_server, "/api/decide", {"facts": ["person"]})
    assert status == 400 and "JSON 对象" in got["error"]


def test_search_and_understand_refuse_empty_words(agent_server):
    status, got = call(agent_server, "/api/search?q=" + urllib.parse.quote("  "))
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", {"text": ""})
    assert status == 400 and got["error"] == "请输入来电人说的话。"
    status, got = call(agent_server, "/api/understand", {"text": "技师" * 1500})
    assert status == 400 and "内容过长" in got["error"]


def test_search_cards_name_the_programme_and_its_phone(agent_server):
    prog = load().programme(8)
    status, got = call(agent_server, "/api/search?q=" + urllib.parse.quote(prog["name"]))
    assert status == 200
    card = got["cards"][0]
    assert (card["programme"], card["name"], card["phone"]) == (8, prog["name"], prog["phone"])


def test_unknown_paths_answer_in_chinese(agent_server):
    status, got = call(agent_server, "/api/nothing")
    assert status == 404 and got["error"] == "没有这个页面。"
    try:
        urllib.request.urlopen(agent_server + "/nothing", timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 404 and "没有这个页面" in exc.read().decode("utf-8")
    else:
        raise AssertionError("/nothing answered 200")
