"""Score "right and direct" answers on a question corpus (tests/questions/FORMAT.md).

    python -m tests.questions.score tests/questions/dev.yml [--misses] [--rest] [--json OUT]

A question is right and direct when the FIRST reply (every message the assistant sends
for that one message, nothing clicked) contains every `must` item, none of the
`must_not` items, opens with the right word for a yes/no `verdict`, and — out of scope —
answers no programme. By default the reply is made in-process by the same code the
actions run (actions/questions.py, falling back to what the chat says when nothing is
found); `--rest` drives the real Rasa and action servers over REST instead, each question
in a new conversation.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import yaml

NEGATIVE = re.compile(r"不|没|否|无")


def load_corpus(path) -> tuple:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return dt.date.fromisoformat(str(data["reference_date"])), data["questions"]


def normalise(text: str) -> str:
    """Amounts the one way the corpus writes them: 2万元 / 2 万 / 20,000元 → 20000元."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"\s+", "", text)

    def wan(m):
        return f"{int(round(float(m.group(1)) * 10000))}元"
    text = re.sub(r"(\d+(?:\.\d+)?)万元?", wan, text)
    text = re.sub(r"(\d+(?:\.\d+)?)千元?", lambda m: f"{int(round(float(m.group(1)) * 1000))}元", text)
    return text


def _verdict(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip().lower() if value is not None else None


def first_words(reply: str) -> str:
    return re.split(r"[。：:，,\n！!]", reply.strip(), maxsplit=1)[0]


def contains(text: str, phrase) -> bool:
    """`phrase` in the normalised reply; an amount only as a whole number ("2000元" is not in "12000元")."""
    phrase = normalise(str(phrase))
    if re.fullmatch(r"\d+元", phrase):
        return re.search(r"(?<![\d.])" + re.escape(phrase), text) is not None
    return phrase in text


def judge(item: dict, reply: str) -> list:
    """What is wrong with `reply` for `item` ([] when it is right and direct)."""
    text = normalise(reply)
    wrong = []
    for need in item.get("must") or []:
        options = need if isinstance(need, list) else [need]
        if not any(contains(text, o) for o in options):
            wrong.append(f"missing {options}")
    for bad in item.get("must_not") or []:
        if contains(text, bad):
            wrong.append(f"contains {bad!r}")
    verdict = _verdict(item.get("verdict"))
    if item.get("kind") == "yes_no" and verdict in ("yes", "no"):
        said_no = bool(NEGATIVE.search(first_words(reply)))
        if said_no != (verdict == "no"):
            wrong.append(f"verdict should be {verdict}: {first_words(reply)!r}")
    if item.get("kind") == "out_of_scope" and "【" in reply:
        wrong.append("answered a programme")
    return wrong


def inprocess_replier(today: dt.date):
    """The reply the actions would give to a question typed at the start of a conversation."""
    from actions.questions import answer

    def reply(question: str) -> str:
        found = answer(question, today)
        if found is None:
            return "(nothing found: the chat falls back to its menu or out-of-scope reply)"
        return "\n".join(m.text for m in found[0])
    return reply


def rest_replier(stack):
    from tests.bot.servers import texts

    def reply(question: str) -> str:
        return texts(stack.say(f"q-{uuid.uuid4().hex[:12]}", question))
    return reply


def score(items: list, reply, workers: int = 1) -> dict:
    """workers > 1 asks several questions at once (only over REST: each is its own conversation,
    and the servers are separate processes, so the two cores both work)."""
    per_kind = defaultdict(Counter)
    misses = []
    if workers > 1:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(workers) as pool:
            replies = list(pool.map(reply, [item["q"] for item in items]))
    else:
        replies = [reply(item["q"]) for item in items]
    for item, got in zip(items, replies):
        wrong = judge(item, got)
        per_kind[item["kind"]]["n"] += 1
        per_kind[item["kind"]]["right"] += not wrong
        if wrong:
            misses.append({"id": item["id"], "q": item["q"], "kind": item["kind"], "wrong": wrong, "reply": got})
    n = sum(c["n"] for c in per_kind.values())
    right = sum(c["right"] for c in per_kind.values())
    return {"n": n, "right": right, "rate": right / n if n else 0.0,
            "per_kind": {k: {"n": c["n"], "right": c["right"]} for k, c in sorted(per_kind.items())},
            "misses": misses}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--rest", action="store_true", help="drive the real Rasa over REST")
    ap.add_argument("--json")
    ap.add_argument("--markdown", action="store_true", help="print the per-kind table for the docs")
    args = ap.parse_args(argv)
    stack = None
    results = {}
    try:
        for path in args.corpus:
            today, items = load_corpus(path)
            if args.rest:
                if stack is None:
                    import os
                    import tempfile
                    from tests.bot.servers import Stack
                    os.environ["ASSISTANT_TODAY"] = today.isoformat()
                    stack = Stack(Path(tempfile.mkdtemp(prefix="questions-"))).start()
                stack.at(today)                             # each corpus at its own reference date
                replier = rest_replier(stack)
            else:
                replier = inprocess_replier(today)
            res = score(items, replier)
            results[path] = res
            print(f"{path}: right and direct {res['right']}/{res['n']} = {res['rate']:.1%}")
            for kind, c in res["per_kind"].items():
                print(f"  {kind:15s} {c['right']:3d}/{c['n']:3d}")
            if args.misses:
                for m in res["misses"]:
                    print(f"- {m['id']} [{m['kind']}] {m['q']}\n    {'; '.join(m['wrong'])}\n    "
                          + m["reply"].replace("\n", "\n    ")[:600])
    finally:
        if stack:
            stack.stop()
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        print(markdown(results))
    return 0


def markdown(results: dict) -> str:
    """Kinds × corpora: right/n (rate), the frozen split first."""
    names = sorted(results, key=lambda p: ("frozen" not in p, p))
    kinds = sorted({k for r in results.values() for k in r["per_kind"]})
    head = "| kind | " + " | ".join(Path(n).parent.name + "/" + Path(n).name if "frozen" in n else Path(n).name
                                   for n in names) + " |"
    lines = [head, "|" + " --- |" * (len(names) + 1)]
    for kind in kinds + ["all"]:
        cells = []
        for n in names:
            c = results[n]["per_kind"].get(kind) if kind != "all" else {"right": results[n]["right"], "n": results[n]["n"]}
            cells.append(f"{c['right']}/{c['n']} ({c['right'] / c['n']:.0%})" if c else "–")
        lines.append(f"| {'**all**' if kind == 'all' else kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
