"""Play the conversation corpus (tests/conversations/FORMAT.md) against the real Rasa and
action servers over REST and score it (issue 10).

    python -m tests.conversations.play tests/conversations/dev.yml [--show ID] [--json OUT]

A simulated person types the opening messages, then answers each question the assistant
asks: their own words from `answers`, else a plain answer written from the true `facts`
(actions.check.show_value, the assistant's own way of showing a value), else "不知道".
Which fact a question is about is found by the question's own text (actions.check.question).

Per conversation: the final decision (the eligibility_result payload) against the engine's
decision on the true facts (status and amount for every programme the answer lists), the
facts asked again after the person gave them (the issue's "no fact asked again after it was
given"; a question answered "不知道"/"不全是" may come back head by head), and the messages
typed against `min_turns`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import re
import sys
import uuid
from pathlib import Path

import yaml

from policy_kb.engine import decide
from policy_kb.schema import FactsError, validate
from policy_kb.kb import load
from policy_kb.paths import get_path

MAX_TURNS = 40
NO_VALUE = ("不知道", "不全是", "不一样")       # answers that give no value: asking again is no repeat
SUBJECT_ANSWER = {"worker": "个人", "student": "大学生", "hr": "企业", "training_org": "培训机构",
                  "studio": "技能大师工作室"}
LISTS = ("cultivated", "introduced", "school_cooperation.graduates", "training.trainees")


def load_corpus(path) -> tuple:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return dt.date.fromisoformat(str(data["reference_date"])), data["conversations"]


def _paths(fields: dict, prefix: str = "") -> list:
    """Every fact path of facts.yml under one root, list heads indexed 0…4."""
    out = []
    for key, spec in fields.items():
        if not isinstance(spec, dict):
            continue
        path = f"{prefix}.{key}" if prefix else key
        if spec.get("type") == "list" and isinstance(spec.get("item"), dict):
            out.append(path)
            for i in range(5):
                out += _paths(spec["item"], f"{path}[{i}]")
        elif spec.get("type") == "object":      # a group ("studio", "school_cooperation"): its fields
            out += _paths(spec.get("fields") or {}, path)
        elif spec.get("type"):
            out.append(path)
    return out


@functools.lru_cache(maxsize=None)
def questions() -> list:
    """[(question text, path)] longest text first: how each fact is asked."""
    from actions.check import question
    kb = load()
    found = {"subject": question("subject").text}
    for root in ("person", "organisation"):
        for path in _paths(kb.facts[root]):
            try:
                found.setdefault(path, question(path).text)
            except Exception:       # a group without a question of its own
                continue
    return sorted(((text, path) for path, text in found.items() if text), key=lambda tp: -len(tp[0]))


@functools.lru_cache(maxsize=None)
def group_questions() -> list:
    """[(pattern, path)]: the one question asked of several heads ("这8位…都是…吗？")."""
    from actions.check import group_question
    out = []
    for text, path in questions():
        q = group_question(path, list(range(99))) if re.search(r"\[\d+\]\.", path) else None
        if q is not None:       # "这3位…" (every head) or "第1–3位…" / "第1、3位…" (the open ones)
            out.append((re.compile(re.escape(q.text).replace("这99位", r"(?:这(\d+)位|第([\d–、]+)位)")), path))
    return out


def asked_fact(reply_text: str) -> str | None:
    for pattern, path in group_questions():
        m = pattern.search(reply_text)
        if m:
            return f"{path}#{m.group(1) or m.group(2)}"       # asked of these heads at once
    for text, path in questions():
        if text in reply_text:
            return path
    return None


def group_answer(conv: dict, path: str, which: str) -> str:
    """What the person says to "这N位…都是…吗？" (which = "N": the last N heads) or
    "第1–3位…" (which = "1–3" or "1、3"): one answer when it is the same for all."""
    from actions.check import show_value
    m = re.match(r"^(.+)\[(\d+)\]\.([a-z0-9_]+)$", path)
    heads = get_path(conv["facts"].get(_root_of(conv["facts"])) or {}, m.group(1)) or []
    if "–" in which:
        first, last = map(int, which.split("–"))
        heads = heads[first - 1:last]
    elif "、" in which:
        heads = [heads[int(i) - 1] for i in which.split("、") if int(i) <= len(heads)]
    else:
        heads = heads[-int(which):]
    values = [h.get(m.group(3)) for h in heads]
    if not values or any(v is None for v in values):
        return "不知道"
    if len(set(map(str, values))) > 1:
        if isinstance(values[0], bool):
            return "不全是"
        levels = [h.get("level") or h.get("certificate") for h in heads]
        if all(levels) and len(set(levels)) == len(levels) and levels != values:   # "技师20个月 高级工26个月"
            return " ".join(f"{lv}{show_value(path, v)}" for lv, v in zip(levels, values))
        return "不一样"
    if isinstance(values[0], bool):
        return "都是" if values[0] else "都不是"
    return "都是" + show_value(path, values[0])


def _first_asked(conv: dict, path: str, which: str) -> str:
    """The path of the first head a group question asks ("第4–5位…" asks heads[3], not heads[0]),
    so that asking the next heads is not counted as asking the first one again."""
    m = re.match(r"^(.+)\[(\d+)\]\.([a-z0-9_]+)$", path)
    if not (m and which):
        return path
    if "–" in which or "、" in which:
        first = int(re.split("[–、]", which)[0]) - 1
    else:
        heads = get_path(conv["facts"].get(_root_of(conv["facts"])) or {}, m.group(1)) or []
        first = max(0, len(heads) - int(which))
    return f"{m.group(1)}[{first}].{m.group(3)}"


def _root_of(facts: dict) -> str:
    return "organisation" if facts.get("organisation") else "person"


def answer_for(conv: dict, path: str) -> str:
    """What the simulated person types when asked about `path`."""
    from actions.check import LIST_FACTS, show_value
    if path == "subject":
        if conv["asker"] in SUBJECT_ANSWER:
            return SUBJECT_ANSWER[conv["asker"]]
        facts = conv["facts"]
        if facts.get("person"):
            return "大学生" if facts["person"].get("full_time_student_in_qiantang") else "个人"
        kind = (facts.get("organisation") or {}).get("kind")
        return {"training_org": "培训机构"}.get(kind, "技能大师工作室" if (facts["organisation"].get("studio")) else "企业")
    own = (conv.get("answers") or {}).get(path)
    if own is not None:
        return str(own)
    if path in (conv.get("unknown") or []):
        return "不知道"
    value = get_path(conv["facts"].get(_root_of(conv["facts"])) or {}, path)
    if path in LIST_FACTS:
        return "有" if value else "没有"
    if value is None:
        return "不知道"
    return show_value(path, value)


def expected(conv: dict, today: dt.date, programmes: list, said_none: list = ()) -> dict:
    """The engine's decision on the true facts; a list the person said they have none of
    ("没有" to "有没有新引进的…？") is empty, as they said."""
    import copy
    from policy_kb.paths import set_path
    facts = copy.deepcopy(conv["facts"])
    for path in said_none:
        root = facts.setdefault(_root_of(conv["facts"]), {})
        if get_path(root, path) is None:
            trial = copy.deepcopy(root)
            set_path(trial, path, [])
            try:            # "没有" to a list the asker's kind does not have (asked while mistaken for an enterprise)
                validate({_root_of(conv["facts"]): trial})
            except FactsError:
                continue
            set_path(root, path, [])
    result = decide(facts, today=today)
    return {r["programme"]: (r["status"], r.get("amount")) for r in result["results"] if r["programme"] in programmes}


def play(conv: dict, say, today: dt.date) -> dict:
    """One conversation; `say(sender, text)` returns the assistant's replies (REST JSON)."""
    sender = f"c-{conv['id']}-{uuid.uuid4().hex[:8]}"
    typed, asked, log, final = 0, [], [], None
    given, repeated = set(), set()      # facts the person gave; those asked again after that
    interrupts = {i["after"]: i["say"] for i in conv.get("interrupt") or []}

    offered: list = []

    def send(text):
        nonlocal typed, final
        typed += 1
        replies = say(sender, text)
        texts = "\n".join(r.get("text") or "" for r in replies)
        log.append((text, texts))
        offered[:] = [b["payload"] for r in replies for b in r.get("buttons") or []
                      if str(b.get("payload", "")).startswith("/check_eligibility")]
        for r in replies:
            custom = r.get("custom")
            if isinstance(custom, dict) and custom.get("type") == "eligibility_result":
                final = custom
        return texts

    reply = ""
    for text in conv["opening"]:
        reply = send(str(text))
    if final is not None and asked_fact(reply.split("\n")[-1]):
        final = None            # an answer came mid-opening, and the rest of it reopened the check
    if 0 in interrupts:             # said right after the opening, before any question
        reply = send(str(interrupts.pop(0)))
    while typed < MAX_TURNS:
        if final is not None:       # the answer came: the person says what is left, or stops
            if not interrupts:
                break
            earlier, final = final, None
            reply = send(str(interrupts.pop(min(interrupts))))
            final = final or (None if asked_fact(reply) else earlier)   # a new question: answer it
            continue
        path = asked_fact(reply.split("\n")[-1] if reply else "") or asked_fact(reply)
        if path is None:
            if offered and final is None:   # the assistant answered and offered the full check: the person taps it
                reply = send(offered[0])
                continue
            if interrupts:      # what the person still has to say (a correction after the answer)
                reply = send(str(interrupts.pop(min(interrupts))))
                continue
            break
        path, _, heads = path.partition("#")
        path = _first_asked(conv, path, heads)
        if path in given:
            repeated.add(path)          # asked again after the person gave it
        asked.append(path)
        if asked.count(path) > 3:       # the same question again and again: the person gives up
            break
        if len(asked) in interrupts:
            send(str(interrupts.pop(len(asked))))
        answer = group_answer(conv, path, heads) if heads else answer_for(conv, path)
        if answer not in NO_VALUE:
            given.add(path)
        reply = send(answer)
    got = {r["programme"]: (r["status"], r.get("amount")) for r in (final or {}).get("results", [])}
    from actions.check import LIST_FACTS
    none = [p for p in asked if p in LIST_FACTS and answer_for(conv, p) == "没有"]
    want = expected(conv, today, list(got) or conv.get("programmes") or [], none)
    wrong = {n: {"got": got.get(n), "want": want[n]} for n in want if got.get(n) != want[n]}
    repeats = sorted(repeated)
    return {"id": conv["id"], "right": final is not None and not wrong, "finished": final is not None,
            "wrong": wrong, "repeats": repeats, "typed": typed, "min_turns": conv.get("min_turns", typed),
            "extra": typed - conv.get("min_turns", typed), "log": log}


def score(convs: list, say, today: dt.date, workers: int = 1) -> dict:
    """workers > 1 plays several conversations at once (over REST; each keeps its own order)."""
    if workers > 1:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(workers) as pool:
            runs = list(pool.map(lambda c: play(c, say, today), convs))
    else:
        runs = [play(c, say, today) for c in convs]
    n = len(runs)
    return {"n": n, "right": sum(r["right"] for r in runs), "rate": sum(r["right"] for r in runs) / n if n else 0,
            "with_repeats": sum(bool(r["repeats"]) for r in runs),
            "extra_mean": sum(r["extra"] for r in runs) / n if n else 0, "runs": runs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--show", action="append", default=[], help="print the whole conversation of these ids")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    import os
    import tempfile
    from tests.bot.servers import Stack
    out = {}
    today, _ = load_corpus(args.corpus[0])
    os.environ["ASSISTANT_TODAY"] = today.isoformat()
    stack = Stack(Path(tempfile.mkdtemp(prefix="conversations-"))).start()
    try:
        for path in args.corpus:
            today, convs = load_corpus(path)
            stack.at(today)                                 # each corpus at its own reference date
            res = score(convs, stack.say, today)
            out[path] = res
            print(f"{path}: right final decision {res['right']}/{res['n']} = {res['rate']:.1%}; "
                  f"conversations with a fact asked again {res['with_repeats']}; "
                  f"extra turns over the minimum {res['extra_mean']:.2f} on average")
            for r in res["runs"]:
                if r["id"] in args.show or (args.misses and (not r["right"] or r["repeats"])):
                    print(f"- {r['id']} right={r['right']} wrong={r['wrong']} repeats={r['repeats']} "
                          f"typed={r['typed']} min={r['min_turns']}")
                    for said, heard in r["log"]:
                        print(f"    > {said}\n      " + heard.replace("\n", "\n      ")[:700])
    finally:
        stack.stop()
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
