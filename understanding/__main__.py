"""python -m understanding build [--out DIR] | read TEXT [--today YYYY-MM-DD] [--pending PATH]"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m understanding")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the spaCy pipeline from policy_kb")
    b.add_argument("--out", type=Path, default=None)
    r = sub.add_parser("read", help="what a message says (facts, spans, problems)")
    r.add_argument("text")
    r.add_argument("--today", default=None)
    r.add_argument("--pending", default=None)
    r.add_argument("--subject", default=None)
    args = parser.parse_args(argv)
    if args.command == "build":
        from .nlp import MODEL_DIR, build
        print(build(args.out or MODEL_DIR))
        return 0
    from . import understand
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"错误：日期 “{args.today}” 格式不对，请用 YYYY-MM-DD。", file=sys.stderr)
        return 2
    reading = understand(args.text, today=today, pending=args.pending, subject=args.subject)
    print(json.dumps(reading.as_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
