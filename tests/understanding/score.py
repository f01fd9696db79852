"""Score the understanding pipeline on a corpus (tests/understanding/FORMAT.md).

    python -m tests.understanding.score tests/understanding/dev.yml [--misses] [--json OUT]

Facts are compared leaf by leaf: list heads expanded by their count, a date compared at the
precision the annotation gives, honours item by item. Precision counts every fact the
pipeline states (a wrong one is worse than a missing one); recall every annotated fact.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def load_corpus(path) -> tuple:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return dt.date.fromisoformat(str(data["reference_date"])), data["messages"]


def leaves(facts: dict) -> list:
    """[(path, value)] with heads expanded and honours item by item."""
    out = []

    def walk(node, prefix):
        if isinstance(node, dict):
            if not node and prefix:
                return
            for key, value in node.items():
                walk(value, f"{prefix}.{key}" if prefix else key)
        elif isinstance(node, list) and node and isinstance(node[0], dict):
            for i, head in enumerate(_grouped(node)):
                walk(head, f"{prefix}[{i}]")
        elif isinstance(node, list) and node:
            out.extend((prefix, v) for v in node)
        else:
            out.append((prefix, json.dumps(node, ensure_ascii=False) if isinstance(node, list) else node))
    walk(facts or {}, "")
    return out


def _grouped(heads: list) -> list:
    """Identical neighbouring heads as one head with a count ("2个高级技师"), so a head of 30
    trainees weighs as one head plus its count, and an empty head is still a head."""
    out = []
    for head in heads:
        body = {k: v for k, v in head.items() if k != "count"}
        n = int(head.get("count", 1) or 1)
        if out and {k: v for k, v in out[-1].items() if k != "count"} == body:
            out[-1]["count"] = out[-1].get("count", 1) + n
        else:
            out.append(dict(body, count=n))
    for head in out:
        if head["count"] == 1 and len(head) > 1:
            del head["count"]
    return out


def same(gold, pred) -> bool:
    if isinstance(gold, str) and isinstance(pred, str) and len(gold) in (4, 7, 10) and gold[:4].isdigit():
        return len(pred) >= len(gold) and pred[:len(gold)] == gold
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold is pred
    if isinstance(gold, (int, float)) and isinstance(pred, (int, float)):
        return float(gold) == float(pred)
    return gold == pred


def generic(path: str) -> str:
    import re
    return re.sub(r"\[\d+\]", "[]", path)


def _wrong_kind(path: str, gold_value, pred_value) -> bool:
    """A value of another kind: a year or date where a count belongs, or the reverse."""
    def kind(v):
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, (int, float)):
            return "number"
        if isinstance(v, str) and v[:4].isdigit() and "-" in v or (isinstance(v, str) and len(v) == 4 and v.isdigit()):
            return "date"
        return "word"
    return gold_value is not None and kind(gold_value) != kind(pred_value)


def score(path, misses: bool = False) -> dict:
    from understanding import understand
    today, messages = load_corpus(path)
    per_fact = defaultdict(Counter)
    per_tag = defaultdict(Counter)
    totals = Counter()
    timings = []
    report = []
    for msg in messages:
        ctx = msg.get("context") or {}
        t0 = time.perf_counter()
        day = dt.date.fromisoformat(str(msg["reference_date"])) if msg.get("reference_date") else today
        reading = understand(msg["text"], today=day, pending=ctx.get("pending"), subject=ctx.get("subject"))
        timings.append((time.perf_counter() - t0) * 1000)
        gold = leaves(msg.get("facts") or {})
        pred = leaves(reading.stated)
        gold_left = list(gold)
        ok = []
        wrong = []
        for p_path, p_value in pred:
            match = next((g for g in gold_left if g[0] == p_path and same(g[1], p_value)), None)
            if match:
                gold_left.remove(match)
                ok.append((p_path, p_value))
            else:
                wrong.append((p_path, p_value))
                g_same_path = next((g for g in gold if g[0] == p_path), None)
                if g_same_path and _wrong_kind(p_path, g_same_path[1], p_value):
                    totals["wrong_kind"] += 1
        unknown_violations = [u for u in msg.get("unknown") or []
                              if any(generic(p) == generic(u) or generic(p).startswith(generic(u) + ".") for p, _ in pred)]
        totals["tp"] += len(ok)
        totals["pred"] += len(pred)
        totals["gold"] += len(gold)
        totals["unknown_filled"] += len(unknown_violations)
        for p_path, _ in ok:
            per_fact[generic(p_path)]["tp"] += 1
        for p_path, _ in wrong:
            per_fact[generic(p_path)]["fp"] += 1
        for g_path, _ in gold_left:
            per_fact[generic(g_path)]["fn"] += 1
        spk_ok = reading.speaker == msg.get("speaker")
        sub_ok = reading.subject == msg.get("subject")
        totals["speaker_ok"] += spk_ok
        totals["subject_ok"] += sub_ok
        totals["messages"] += 1
        exact = not wrong and not gold_left and sub_ok
        totals["exact"] += exact
        for tag in msg.get("tags") or []:
            per_tag[tag]["n"] += 1
            per_tag[tag]["exact"] += exact
        if misses and (wrong or gold_left or not spk_ok or not sub_ok or unknown_violations):
            report.append({"id": msg["id"], "text": msg["text"], "context": ctx,
                           "speaker": [msg.get("speaker"), reading.speaker], "subject": [msg.get("subject"), reading.subject],
                           "wrong": wrong, "missed": gold_left, "unknown_filled": unknown_violations})
    n = totals["messages"]
    result = {
        "corpus": str(path), "messages": n,
        "precision": totals["tp"] / totals["pred"] if totals["pred"] else 1.0,
        "recall": totals["tp"] / totals["gold"] if totals["gold"] else 1.0,
        "speaker": totals["speaker_ok"] / n, "subject": totals["subject_ok"] / n,
        "exact_messages": totals["exact"] / n,
        "wrong_kind": totals["wrong_kind"], "unknown_filled": totals["unknown_filled"],
        "median_ms": statistics.median(timings), "p95_ms": sorted(timings)[int(0.95 * (n - 1))],
        "per_fact": {k: dict(v) for k, v in sorted(per_fact.items())},
        "per_tag": {k: dict(v) for k, v in sorted(per_tag.items())},
    }
    if misses:
        result["misses"] = report
    return result


def table(result: dict) -> str:
    lines = [f"{result['corpus']}: {result['messages']} messages — precision {result['precision']:.1%}, "
             f"recall {result['recall']:.1%}, speaker {result['speaker']:.1%}, subject {result['subject']:.1%}, "
             f"all right {result['exact_messages']:.1%}, wrong kind {result['wrong_kind']}, "
             f"unknown filled {result['unknown_filled']}, median {result['median_ms']:.2f} ms",
             "", "| fact | right | wrong | missed | precision | recall |", "| --- | --- | --- | --- | --- | --- |"]
    for fact, c in result["per_fact"].items():
        tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
        p = f"{tp / (tp + fp):.0%}" if tp + fp else "—"
        r = f"{tp / (tp + fn):.0%}" if tp + fn else "—"
        lines.append(f"| {fact} | {tp} | {fp} | {fn} | {p} | {r} |")
    return "\n".join(lines)


def combined(results: list) -> str:
    """One markdown table: per fact, precision / recall (right, wrong, missed) in each corpus."""
    names = [Path(r["corpus"]).name if "frozen" not in r["corpus"] else "frozen/test" for r in results]
    facts = sorted({f for r in results for f in r["per_fact"]})
    lines = ["| fact | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    for fact in facts:
        cells = []
        for r in results:
            c = r["per_fact"].get(fact, {})
            tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
            if not tp + fp + fn:
                cells.append("—")
                continue
            p = f"{tp / (tp + fp):.0%}" if tp + fp else "—"
            rc = f"{tp / (tp + fn):.0%}" if tp + fn else "—"
            cells.append(f"P {p} R {rc} ({tp}/{fp}/{fn})")
        lines.append(f"| {fact} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json")
    parser.add_argument("--combined", action="store_true", help="one per-fact table over all corpora")
    args = parser.parse_args(argv)
    results = [score(c, args.misses) for c in args.corpus]
    if args.combined:
        for r in results:
            print(table(r).split("\n")[0])
        print()
        print(combined(results))
        return 0
    for result in results:
        print(table(result))
        if args.misses:
            for m in result["misses"]:
                print(json.dumps(m, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
