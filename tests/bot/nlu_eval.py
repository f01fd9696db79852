"""NLU evaluation on the held-out set (tests/bot/nlu_heldout.yml, never trained on).

Prints intent accuracy and entity precision/recall/F1 (an entity counts when its type and
value after synonym mapping match a gold one), and the misclassified examples.
`python -m tests.bot.nlu_eval --model models/assistant.tar.gz --data tests/bot/nlu_heldout.yml`
Exit 1 when below --min (default 0.95 for both figures).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_examples(path: Path) -> list:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
    data = RasaYAMLReader().read(str(path))
    out = []
    for msg in data.intent_examples:
        ents = [(e["entity"], str(e.get("value", msg.get("text")[e["start"]:e["end"]])))
                for e in msg.get("entities") or []]
        out.append((msg.get("text"), msg.get("intent"), ents))
    return out


async def evaluate(model: str, examples: list) -> dict:
    sys.path.insert(0, str(ROOT))
    import logging
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    configure_logging_and_warnings(logging.WARNING)
    import time
    started = time.perf_counter()
    agent = Agent.load(model)
    load_seconds = time.perf_counter() - started
    correct, tp, fp, fn = 0, 0, 0, 0
    errors = []
    confusion = collections.Counter()
    for text, intent, gold in examples:
        parsed = await agent.parse_message(text)
        got = parsed["intent"]["name"]
        pred = [(e["entity"], str(e["value"])) for e in parsed.get("entities", [])]
        if got == intent:
            correct += 1
        else:
            confusion[(intent, got)] += 1
            errors.append({"text": text, "expected": intent, "got": got,
                           "confidence": round(parsed["intent"]["confidence"], 2)})
        g, p = collections.Counter(gold), collections.Counter(pred)
        hit = sum((g & p).values())
        tp += hit
        fp += sum(p.values()) - hit
        fn += sum(g.values()) - hit
        if g != p:
            errors.append({"text": text, "entities_expected": gold, "entities_got": pred})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"examples": len(examples), "intent_accuracy": correct / len(examples),
            "entity_precision": precision, "entity_recall": recall, "entity_f1": f1,
            "entities_gold": tp + fn, "model_load_seconds": round(load_seconds, 1), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(ROOT / "models/assistant.tar.gz"))
    parser.add_argument("--data", default=str(ROOT / "tests/bot/nlu_heldout.yml"))
    parser.add_argument("--min", type=float, default=0.95)
    parser.add_argument("--report", default=str(ROOT / "var/rasa/nlu_heldout_report.json"))
    args = parser.parse_args()
    examples = load_examples(Path(args.data))
    result = asyncio.run(evaluate(args.model, examples))
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    for err in result["errors"]:
        print("  ✗", json.dumps(err, ensure_ascii=False))
    print(f"NLU held-out set: {result['examples']} utterances, {result['entities_gold']} gold entities")
    print(f"model load (Agent.load): {result['model_load_seconds']} s")
    print(f"intent accuracy: {result['intent_accuracy']:.1%}")
    print(f"entity F1: {result['entity_f1']:.1%} (precision {result['entity_precision']:.1%}, "
          f"recall {result['entity_recall']:.1%})")
    if result["intent_accuracy"] < args.min or result["entity_f1"] < args.min:
        print(f"below the target {args.min:.0%}")
        sys.exit(1)


if __name__ == "__main__":
    main()
