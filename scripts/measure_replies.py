"""Measure the assistant: model load time and median REST reply times.

Starts the real action server and Rasa on free localhost ports (tests/bot/servers.py),
then times (a) a policy question and (b) eligibility turns (answers to the check's
questions), each over N separate conversations. Prints the figures and writes them to
var/rasa/measure.json. Usage: python scripts/measure_replies.py [--model ...] [--n 20]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.load_test import cpu_seconds  # noqa: E402
from tests.bot.servers import MODEL, Stack  # noqa: E402

QUESTIONS = ["技能提升补贴要什么材料", "引才资助标准是多少", "大学生留区补贴的条件", "培训补贴电话多少"]
CHECK = ["我能申请哪些补贴", "个人", "我是高级技师，去年10月取证，社保交了8个月", "是的", "企业", "没有", "没有", "是"]


def timed(stack: Stack, sender: str, text: str) -> float:
    start = time.perf_counter()
    stack.say(sender, text)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(MODEL))
    parser.add_argument("--n", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp), Path(args.model))
        try:
            stack.start_actions()
            stack.start_rasa()
            stack.say("warm-up", "你好")
            actions_pid, rasa_pid = (proc.pid for proc in stack.procs)
            cpu_before = cpu_seconds(rasa_pid), cpu_seconds(actions_pid)
            question_ms, check_ms = [], []
            for i in range(args.n):
                question_ms.append(timed(stack, f"q{i}", QUESTIONS[i % len(QUESTIONS)]))
                sender = f"c{i}"
                for turn, text in enumerate(CHECK):
                    ms = timed(stack, sender, text)
                    if turn >= 3:          # answers to the engine-driven questions
                        check_ms.append(ms)
            messages = args.n * (1 + len(CHECK))
            rasa_cpu_ms, actions_cpu_ms = ((cpu_seconds(pid) - before) * 1000 / messages
                                           for pid, before in zip((rasa_pid, actions_pid), cpu_before))
        finally:
            stack.stop()
    result = {"model_load_seconds": round(stack.load_seconds, 1),
              "policy_question_median_ms": round(statistics.median(question_ms), 1),
              "eligibility_turn_median_ms": round(statistics.median(check_ms), 1),
              "policy_questions": len(question_ms), "eligibility_turns": len(check_ms),
              "rasa_cpu_ms_per_message": round(rasa_cpu_ms, 1),
              "actions_cpu_ms_per_message": round(actions_cpu_ms, 1),
              "load_average": Path("/proc/loadavg").read_text().split()[:3]}
    out = ROOT / "var/rasa/measure.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"Rasa start-up incl. model load: {result['model_load_seconds']} s")
    print(f"median REST reply, policy question: {result['policy_question_median_ms']} ms "
          f"({result['policy_questions']} questions)")
    print(f"median REST reply, eligibility turn: {result['eligibility_turn_median_ms']} ms "
          f"({result['eligibility_turns']} turns)")
    print(f"CPU per message: Rasa {result['rasa_cpu_ms_per_message']} ms, action server "
          f"{result['actions_cpu_ms_per_message']} ms (load average {' '.join(result['load_average'])})")


if __name__ == "__main__":
    main()
