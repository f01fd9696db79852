"""Command line: `python -m policy_kb check|build|search|roster ...`.

Errors a user can make (bad JSON, malformed facts, missing file) end with exit 2 and
one clear Chinese message on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def _read_facts(source: str):
    try:
        text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()
    except OSError as exc:
        raise ValueError(f"无法读取事实文件 {source}：{exc.strerror}") from None
    except UnicodeDecodeError:
        raise ValueError(f"事实文件 {source} 不是 UTF-8 编码的文本") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"事实不是合法的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None


def cmd_check(args) -> int:
    from .engine import decide
    from .schema import FactsError
    try:
        facts = _read_facts(args.facts)
        decision = decide(facts)
    except FactsError as exc:
        return _fail(str(exc))
    except ValueError as exc:
        return _fail(str(exc))
    json.dump(decision, sys.stdout, ensure_ascii=False, indent=None if args.compact else 2)
    sys.stdout.write("\n")
    return 0


def cmd_build(args) -> int:
    from .build import build
    from .kb import KBError
    try:
        path = build(args.out)
    except KBError as exc:
        return _fail(str(exc))
    print(f"已生成知识库：{path}", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    from .search import search
    hits = search(" ".join(args.query), limit=args.limit)
    if args.json:
        json.dump(hits, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not hits:
        print("没有找到相关的政策内容。", file=sys.stderr)
        return 1
    for hit in hits:
        tag = hit["programme"] if hit["programme"] is not None else "附则"
        print(f"[{tag}] {hit['name']} · {hit['section']}\n  {hit['text']}\n")
    return 0


def cmd_roster(args) -> int:
    from .roster import run_roster
    return run_roster(args)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policy_kb", description="钱塘区技能人才政策知识库与资格判定")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="按事实判定资格，输出决定 JSON")
    p.add_argument("facts", help="事实 JSON 文件，或 - 表示标准输入")
    p.add_argument("--compact", action="store_true", help="单行输出")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="把项目文件构建为 SQLite 知识库")
    p.add_argument("--out", default=None, help="输出路径（默认 policy_kb/kb.sqlite）")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("search", help="全文检索政策条款")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    from .roster import add_arguments
    p = sub.add_parser("roster", help="企业/机构花名册批量预审")
    add_arguments(p)
    p.set_defaults(func=cmd_roster)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("已取消")
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
