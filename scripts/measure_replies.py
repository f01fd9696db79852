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


def task_cpu_ns(pid: int) -> int:
    """CPU time of all the process's threads so far, in ns (/proc/PID/task/*/schedstat): fine
    enough to split the CPU between kinds of message (/proc/PID/stat counts 10 ms ticks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass            # a thread that ended meanwhile
    return total


def timed(stack: Stack, sender: str, text: str, cpu: dict | None = None, kind: str = "",
          pids: tuple = ()) -> float:
    """Wall ms of one REST reply; with `cpu`, the CPU the processes `pids` (Rasa, the action
    server) spent on it is appended to cpu[kind] = ([Rasa ns…], [action server ns…])."""
    before = [task_cpu_ns(pid) for pid in pids]
    start = time.perf_counter()
    stack.say(sender, text)
    ms = (time.perf_counter() - start) * 1000
    if cpu is not None:
        row = cpu.setdefault(kind, ([], []))
        for spent, pid, ns in zip(row, pids, before):
            spent.append(task_cpu_ns(pid) - ns)
    return ms


def _ms(ns: list) -> dict:
    return {"mean": round(statistics.mean(ns) / 1e6, 2), "median": round(statistics.median(ns) / 1e6, 2)}


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
            cpu: dict = {}
            pids = (rasa_pid, actions_pid)
            for i in range(args.n):
                question_ms.append(timed(stack, f"q{i}", QUESTIONS[i % len(QUESTIONS)], cpu, "policy question",
                                         pids))
                sender = f"c{i}"
                for turn, text in enumerate(CHECK):
                    # turns 3… answer the engine-driven questions
                    ms = timed(stack, sender, text, cpu,
                               "eligibility turn" if turn >= 3 else "check opening", pids)
                    if turn >= 3:
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
              # mean (all the work) and median (a typical message) over the kind's messages
              "cpu_ms_per_message_by_kind": {kind: {"messages": len(r), "rasa": _ms(r), "actions": _ms(a)}
                                             for kind, (r, a) in cpu.items()},
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
    for kind, row in result["cpu_ms_per_message_by_kind"].items():
        print(f"  {kind} ({row['messages']}), CPU mean / median: Rasa {row['rasa']['mean']} / "
              f"{row['rasa']['median']} ms, action server {row['actions']['mean']} / {row['actions']['median']} ms")


if __name__ == "__main__":
    main()
