"""Load test (make load): N concurrent eligibility conversations over the REST channel
against a real action server + Rasa started here (the project's model, endpoints and
SQLite tracker store), each a different person with different facts.

Every person gets a different superior award (programme 1 pays it 1:1), level, certificate
month and months of social insurance, so each final answer names amounts that are that
person's own; the expected decision comes from policy_kb.decide, never from this file.
Reports errors, cross-talk, p50/p95 reply time, messages/s and the CPU time each server
spent per message (what the figures would be on an idle machine; docs/performance.md).

    .venv/bin/python scripts/load_test.py [--conversations 50] [--turns 10] [--think 1.0] [--url URL]

People read the answer before typing the next message: each waits --think seconds on
average (uniform ±50 %, seeded) between turns, and conversations start spread over the
first think time. --think 0 is a closed loop (every reply immediately answered), which
measures the most messages/s; there p50 ≈ conversations / (messages/s) by Little's law.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policy_kb.engine import decide  # noqa: E402
from policy_kb.kb import load  # noqa: E402

LEVELS = ["高级工", "技师", "高级技师"]


def person(i: int, today: dt.date) -> dict:
    """The i-th person: what they say and the facts that means."""
    kb = load()
    honours = kb.fact_spec("honours")["values"]
    level = LEVELS[i % len(LEVELS)]
    year, month = today.year - 1, 1 + i % 12
    months = 6 + i % 20
    honour = honours[2 + i % 3]                  # 全国技术能手 / 浙江工匠 / 浙派工匠
    award = 10000 + 1001 * i        # never another person's award plus whole thousands (a total)
    facts = {"person": {"new_level": level, "cert_date": f"{year}-{month:02d}-01",
                        "ss_months_after_cert": months, "works_in_qiantang": True, "employer": "enterprise",
                        "on_public_establishment": False, "gold_title": "无", "honours": [honour],
                        "recommended_by_district": True, "superior_award": award,
                        "qiantang_enterprise_employee_at_cert": True}}
    opening = ["我能申请哪些补贴", "个人", f"我是{level}，{year}年{month}月取证，社保交了{months}个月"]
    answers = {"是否在钱塘区工作": "是的", "哪类单位": "在企业上班", "金牌": "没有", "荣誉": f"{honour}，上级发了奖金{award}元",
               "推荐": "是的", "奖金": f"{award}元", "在岗职工": "是", "在编": "不是",
               "较低等级": "没有"}
    return {"sender": f"load-{i:03d}-{time.time_ns()}", "facts": facts, "opening": opening,
            "answers": answers, "award": award}


def expected_amounts(facts: dict) -> dict:
    return {r["programme"]: r.get("amount") for r in decide(facts)["results"] if r["status"] == "eligible"}


def next_message(who: dict, queue: list, texts_seen: list, result) -> "str | None":
    """What the person says next: the opening, then the answer to the bot's last question
    (None if the question is not one the person knows), then thanks once the check is done."""
    if queue:
        return queue.pop(0)
    if result is not None:
        return "谢谢"                              # the check is done: fill the remaining turns
    question = (texts_seen[-1].splitlines() or [""])[-1] if texts_seen else ""
    return next((a for k, a in who["answers"].items() if k in question), None)


async def conversation(session, url: str, who: dict, turns: int, latencies: list, errors: list,
                       think: float, rng: random.Random) -> dict:
    """Hold one conversation of `turns` messages; return what its check ended with."""
    result, texts_seen, queue = None, [], list(who["opening"])
    await asyncio.sleep(rng.uniform(0, think))            # people do not all start at once
    for turn in range(turns):
        if turn:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        message = next_message(who, queue, texts_seen, result)
        if message is None:
            errors.append(f"{who['sender']}: unexpected question {texts_seen[-1][-80:] if texts_seen else ''!r}")
            return {"result": None, "text": "\n".join(texts_seen)}
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": who["sender"], "message": message}) as resp:
                body = await resp.text()
                latencies.append(time.perf_counter() - started)
                if resp.status != 200:
                    errors.append(f"{who['sender']} turn {turn}: HTTP {resp.status}")
                    continue
                replies = json.loads(body)
        except Exception as exc:                   # timeouts, resets: counted, not fatal
            errors.append(f"{who['sender']} turn {turn}: {type(exc).__name__} {exc}")
            continue
        if not replies:
            errors.append(f"{who['sender']} turn {turn}: no reply to {message!r}")
        text = "\n".join(r.get("text", "") for r in replies if r.get("text"))
        if text.startswith("抱歉，系统暂时出了点问题"):
            errors.append(f"{who['sender']} turn {turn}: action failure apology")
        texts_seen.append(text)
        for r in replies:
            custom = r.get("custom") or {}
            if custom.get("type") == "eligibility_result" and result is None:
                result = {"result": custom, "text": text}
    return result or {"result": None, "text": "\n".join(texts_seen)}


def names_amount(text: str, amount: int) -> bool:
    """"10000元", "10,000元" or "¥10,000" — but not a part of "110000元"."""
    import re

    return any(re.search(rf"(?<![\d,.]){re.escape(shown)}(?![\d,])", text)
               for shown in (f"{amount}元", f"{amount:,}元", f"¥{amount:,}", f"¥{amount}"))


def check_own_answer(who: dict, outcome: dict, everyone: list) -> list:
    """Problems with one conversation's final answer (wrong amounts, someone else's award)."""
    if outcome["result"] is None:
        return [f"{who['sender']}: no eligibility result"]
    problems = []
    got = {r["programme"]: r.get("amount") for r in outcome["result"]["results"] if r["status"] == "eligible"}
    for programme, amount in expected_amounts(who["facts"]).items():
        if got.get(programme) != amount:
            problems.append(f"{who['sender']}: programme {programme} amount {got.get(programme)} != {amount}")
    if not names_amount(outcome["text"], who["award"]):
        problems.append(f"{who['sender']}: own award {who['award']}元 not in the answer")
    others = [o["award"] for o in everyone if o is not who and names_amount(outcome["text"], o["award"])]
    if others:
        problems.append(f"{who['sender']}: someone else's award in the answer: {others}")
    return problems


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def run_load(url: str, n: int, turns: int, timeout: float, pids: dict, think: float) -> dict:
    today = dt.date.today()
    people = [person(i, today) for i in range(n)]
    latencies, errors = [], []
    conn = aiohttp.TCPConnector(limit=n)
    async with aiohttp.ClientSession(connector=conn, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        # Warm-up, not counted: one whole check (first inference traces TensorFlow's graph,
        # the action server loads the KB and compiles the rules on its first calls).
        warm = person(n, today)
        warm["sender"] = f"warmup-{time.time_ns()}"
        await conversation(session, url, warm, turns, [], [], 0, random.Random(0))
        cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        started = time.perf_counter()
        rng = random.Random(7)
        outcomes = await asyncio.gather(*(conversation(session, url, p, turns, latencies, errors, think, rng)
                                          for p in people))
        wall = time.perf_counter() - started
        cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    crosstalk = [problem for p, o in zip(people, outcomes) for problem in check_own_answer(p, o, people)]
    return {"conversations": n, "turns": turns, "think_s": think, "messages": len(latencies), "wall_s": round(wall, 2),
            "messages_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(1000 * statistics.median(latencies)),
            "p95_ms": round(1000 * percentile(latencies, 0.95)),
            "max_ms": round(1000 * max(latencies)),
            "cpu_ms_per_message": {name: round(1000 * sec / max(1, len(latencies)), 1) for name, sec in cpu.items()},
            "errors": errors, "wrong_answers": crosstalk}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a person takes between a reply and the next message (0: closed loop)")
    parser.add_argument("--url", help="REST webhook of a running Rasa (default: start one here)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--pid", action="append", default=[], metavar="NAME=PID",
                        help="with --url: processes whose CPU time to report (e.g. rasa=123)")
    args = parser.parse_args()

    stack = None
    url = args.url
    pids = dict((name, int(pid)) for name, pid in (item.split("=") for item in args.pid))
    if not url:
        from tests.bot.servers import Stack

        (ROOT / "var").mkdir(exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix="load-", dir=ROOT / "var"))
        print(f"启动动作服务器和 Rasa（日志 {workdir}）…", flush=True)
        stack = Stack(workdir).start()
        print(f"模型加载 {stack.load_seconds:.0f} 秒", flush=True)
        url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"
        pids = {"actions": stack.procs[0].pid, "rasa": stack.procs[1].pid}
    try:
        figures = asyncio.run(run_load(url, args.conversations, args.turns, args.timeout, pids, args.think))
    finally:
        if stack:
            stack.stop()
    if stack and not (figures["errors"] or figures["wrong_answers"]):
        import shutil

        shutil.rmtree(stack.workdir, ignore_errors=True)      # logs are kept only when something failed
    print(f"{figures['conversations']} 个并发对话 × {figures['turns']} 轮（两轮之间平均思考 {figures['think_s']} 秒）：{figures['messages']} 条消息，"
          f"用时 {figures['wall_s']} 秒")
    print(f"  每秒消息数 {figures['messages_per_s']}   p50 {figures['p50_ms']} ms   "
          f"p95 {figures['p95_ms']} ms   最长 {figures['max_ms']} ms")
    if figures["cpu_ms_per_message"]:
        print("  每条消息的 CPU 时间：" + "   ".join(f"{name} {ms} ms" for name, ms in figures["cpu_ms_per_message"].items())
              + f"   （机器负载 {Path('/proc/loadavg').read_text().split()[0]}）")
    print(f"  错误 {len(figures['errors'])}   答案不属于本人（串话/金额错误） {len(figures['wrong_answers'])}")
    for line in (figures["errors"] + figures["wrong_answers"])[:20]:
        print("   ", line)
    print(f"  目标：0 错误，p95 ≤ 300 ms，≥ 40 条/秒 → "
          f"{'达到' if not figures['errors'] and figures['p95_ms'] <= 300 and figures['messages_per_s'] >= 40 else '未达到'}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if figures["errors"] or figures["wrong_answers"] else 0


if __name__ == "__main__":
    sys.exit(main())
