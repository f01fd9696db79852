"""`make load-scaled` (python -m cluster load): `make load`'s conversations against the scaled
set, 1 … N replicas measured in the same run (nginx is told to use only the first n), then
a run during which one replica is killed. Figures for docs/performance.md.

For each n: closed-loop capacity (--conversations people with no thinking time: the most
messages/s), and the reply times at a paced rate (--paced people thinking --think s between
turns, ≈ 40 msg/s offered). CPU milliseconds per message of every server process and of this
load generator itself (it shares the machine's cores). The kill run counts, per
conversation, the user turns PostgreSQL holds against the turns sent: lost or doubled turns.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Dict, List

import psycopg2

from cluster.processes import ROOT, StartError, free_port
from cluster.scaled_set import ScaledSet, Settings

sys.path.insert(0, str(ROOT / "scripts"))
from load_test import run_load  # noqa: E402


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its live children and the children it has reaped
    (PostgreSQL's backends, which end with their replica's connections)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own = int(stat.parent.name) == pid
        if own or int(fields[1]) == pid:
            ticks = sum(int(f) for f in fields[11:15 if own else 13])
            total += ticks / os.sysconf("SC_CLK_TCK")
    return total


def roles(scaled: ScaledSet) -> Dict[str, List[int]]:
    servers = {"nginx": scaled.nginx, "redis": scaled.redis, "postgres": scaled.postgres}
    found = {"rasa": [p.pid for p in scaled.replicas if p.alive()],
             "actions": [p.pid for p in scaled.actions]}
    found.update({name: [s.process.pid] for name, s in servers.items() if s and s.process})
    return found


def cpu_now(scaled: ScaledSet) -> Dict[str, Dict[int, float]]:
    """role → {pid: CPU seconds so far}; the load generator is this process."""
    spent = {name: {pid: tree_cpu(pid) for pid in pids} for name, pids in roles(scaled).items()}
    spent["load generator"] = {0: time.process_time()}
    return spent


def cpu_ms_per_message(before: dict, after: dict, messages: int) -> Dict[str, float]:
    # Only processes alive at both ends: a killed replica's CPU time is gone with it.
    return {name: round(1000 * sum(t - before[name][pid] for pid, t in pids.items() if pid in before[name])
                        / max(1, messages), 1) for name, pids in after.items()}


async def warm_up(scaled: ScaledSet, turns: int) -> None:
    """One conversation on each replica directly: its first inference traces TensorFlow's graph."""
    for i in range(len(scaled.replicas)):
        await run_load(scaled.replica_url(i) + "/webhooks/rest/webhook", 1, turns, 90, {}, 0)


async def measured(scaled: ScaledSet, conversations: int, turns: int, think: float,
                   kill_after: float = 0) -> dict:
    url = scaled.url + "/webhooks/rest/webhook"
    before, started = cpu_now(scaled), time.time()

    async def kill_one() -> None:
        await asyncio.sleep(kill_after)
        scaled.kill_replica(len(scaled.replicas) - 1)

    jobs = [run_load(url, conversations, turns, 90, {}, think)]
    if kill_after:
        jobs.append(kill_one())
    figures = (await asyncio.gather(*jobs))[0]
    after = cpu_now(scaled)
    figures["cpu_ms_per_message"] = cpu_ms_per_message(before, after, figures["messages"])
    figures["load_average"] = Path("/proc/loadavg").read_text().split()[0]
    figures.update(stored_turns(scaled, started, turns))
    return figures


def stored_turns(scaled: ScaledSet, since: float, turns: int) -> dict:
    """Per conversation of the run: user turns stored in PostgreSQL against the turns sent."""
    with psycopg2.connect(scaled.tracker_db_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT sender_id, count(*) FROM events WHERE type_name = 'user' AND sender_id LIKE 'load-%%' "
                    "AND timestamp >= %s GROUP BY sender_id", (since,))
        counts = dict(cur.fetchall())
    return {"conversations_stored": len(counts),
            "lost_turns": sum(max(0, turns - n) for n in counts.values()),
            "doubled_turns": sum(max(0, n - turns) for n in counts.values())}


def line(name: str, f: dict) -> str:
    cpu = "  ".join(f"{k} {v}" for k, v in f["cpu_ms_per_message"].items())
    return (f"{name}: {f['messages_per_s']} 条/秒  p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  最长 {f['max_ms']} ms  "
            f"错误 {len(f['errors'])}  串话 {len(f['wrong_answers'])}  丢失轮次 {f['lost_turns']}  "
            f"重复轮次 {f['doubled_turns']}  负载 {f['load_average']}\n    每条消息 CPU ms：{cpu}")


async def benchmark(scaled: ScaledSet, args: argparse.Namespace) -> dict:
    results: dict = {}
    everyone = scaled.rasa_ports
    await warm_up(scaled, args.turns)
    for n in range(1, len(everyone) + 1):
        scaled.nginx.route_to(everyone[:n], scaled.action_ports)
        for kind, conversations, think in (("closed_loop", args.conversations, 0.0),
                                           ("paced", args.paced, args.think)):
            name = f"{n} replica(s) {kind}"
            results[name] = await measured(scaled, conversations, args.turns, think)
            print(line(name, results[name]), flush=True)
    if args.kill_after:
        name = f"{len(everyone)} replica(s) paced, replica {len(everyone)} killed after {args.kill_after} s"
        results[name] = await measured(scaled, args.paced, args.turns, args.think, args.kill_after)
        print(line(name, results[name]), flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster load", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--action-servers", type=int, default=1)
    parser.add_argument("--conversations", type=int, default=50, help="closed loop: people typing without pause")
    parser.add_argument("--paced", type=int, default=45, help="people in the paced runs")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a reply and the next message")
    parser.add_argument("--turns", type=int, default=12, help="12: a 高级技师 needs 11 turns to the result")
    parser.add_argument("--kill-after", type=float, default=5.0, help="seconds into the kill run (0: no kill run)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(sys.argv[2:] if sys.argv[1:2] == ["load"] else sys.argv[1:])
    settings = Settings(replicas=args.replicas, action_servers=args.action_servers, port=free_port(),
                        actions_port=free_port(), redis_port=free_port(), pg_port=free_port(),
                        var=ROOT / "var" / "load-scaled")
    scaled = ScaledSet(settings)
    try:
        scaled.start(print)
        results = asyncio.run(benchmark(scaled, args))
    except StartError as problem:
        print(f"启动失败：{problem}")
        return 1
    finally:
        scaled.stop()
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = any(f["errors"] or f["wrong_answers"] or f["lost_turns"] or f["doubled_turns"] for f in results.values())
    return 1 if bad else 0
