"""`python -m cluster run --replicas N` (make run-scaled): start the scaled set, print where
to chat, stop everything on Ctrl-C (or when a server dies). `python -m cluster load …`:
the benchmark (make load-scaled, cluster/load.py)."""
from __future__ import annotations

import argparse
import signal
import sys
import time

from cluster.processes import StartError
from cluster.scaled_set import ScaledSet, Settings


def say(message: str) -> None:
    print(message, flush=True)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_environment(replicas=args.replicas, action_servers=args.action_servers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))     # stop() runs in `finally`
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even if started in the background
    scaled = ScaledSet(settings)
    try:
        scaled.start(say)
    except StartError as problem:
        say(f"启动失败：{problem}")
        return 1
    except KeyboardInterrupt:
        say("已停止。")
        return 130
    try:
        front = f"http://localhost:{settings.port}"
        say(f"""
助手已就绪（{len(scaled.replicas)} 个 Rasa 副本、{len(scaled.actions)} 个动作服务器，Redis 与 PostgreSQL）：
  REST 接口：   POST {front}/webhooks/rest/webhook  {{"sender":"我","message":"有哪些政策"}}
  Socket.IO：   {front} （网页聊天窗口使用，按客户端地址固定到一个副本）
  微信公众号：  {front}/webhooks/wechat/webhook （需设置 WECHAT_TOKEN 等，见 docs/wechat.md）
  日志：        var/log/rasa-*.log、var/log/actions-*.log、var/nginx/、var/redis/、var/pg/
按 Ctrl-C 停止全部服务。""")
        while True:
            dead = [p.name for p in [*scaled.replicas, *scaled.actions] if not p.alive()]
            if dead:
                say(f"{'、'.join(dead)} 已退出，见 var/log/。")
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        say("\n正在停止全部服务…")
        scaled.stop()


def main() -> int:
    if sys.argv[1:2] == ["load"]:          # the benchmark has its own options (cluster/load.py)
        from cluster.load import main as load
        return load()
    if sys.argv[1:2] == ["deploy-files"]:
        from cluster.deploy import main as deploy_files
        return deploy_files()
    parser = argparse.ArgumentParser(prog="python -m cluster", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("run", help="start the scaled set until Ctrl-C")
    start.add_argument("--replicas", type=int, default=2)
    start.add_argument("--action-servers", type=int, default=1)
    args = parser.parse_args()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
