"""Start Rasa the project's way: `python scripts/rasa_server.py run ...` = `rasa run ...` with

- defaults for the ${...} variables of bot/endpoints.yml (action server URL, SQLite
  tracker file under var/rasa/, created here);
- the action timeout from bot/endpoints.yml applied (Rasa 3.6 hard-codes 5 minutes,
  which leaves a user waiting in silence when the action server hangs);
- the lock store: Rasa's in-memory one, or with REDIS_URL set (several replicas,
  docs/deploy.md) bot.lock_store.AtomicRedisLockStore; REDIS_URL and TRACKER_DB_URL are
  checked before Rasa starts (bot/backing_services.py).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def configure() -> None:
    os.environ.setdefault("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    db = Path(os.environ.setdefault("TRACKER_DB", str(ROOT / "var/rasa/tracker.db")))
    db.parent.mkdir(parents=True, exist_ok=True)
    redis_url = os.environ.get("REDIS_URL") or None
    os.environ.setdefault("LOCK_STORE", "bot.lock_store.AtomicRedisLockStore" if redis_url else "in_memory")
    sys.path.insert(0, str(ROOT))
    from bot.backing_services import unreachable
    problem = unreachable(redis_url, os.environ.get("TRACKER_DB_URL") or None)
    if problem:
        sys.exit(f"Rasa 未启动：{problem}")
    endpoints = yaml.safe_load((ROOT / "bot/endpoints.yml").read_text(encoding="utf-8"))
    timeout = float((endpoints.get("action_endpoint") or {}).get("timeout", 10))
    import rasa.core.actions.action as action_module
    import rasa.core.constants as constants
    import rasa.utils.endpoints as endpoints_module
    for module in (action_module, constants, endpoints_module):
        module.DEFAULT_REQUEST_TIMEOUT = timeout


def resolved_endpoints(argv: list) -> list:
    """Rasa 3.6 does not expand ${VAR} in endpoints.yml: write a resolved copy under var/."""
    if "--endpoints" not in argv:
        return argv
    i = argv.index("--endpoints") + 1
    text = os.path.expandvars(Path(argv[i]).read_text(encoding="utf-8"))
    out = Path(os.environ["TRACKER_DB"]).parent / f"endpoints-{os.getpid()}.yml"
    out.write_text(text, encoding="utf-8")
    return [*argv[:i], str(out), *argv[i + 1:]]


def main() -> None:
    configure()       # also puts ROOT on sys.path: custom NLU components (bot.nlu_components) import from here
    from bot.safeguards import install   # masking, input guard, action apology, API exposure (issue 5)
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *install(resolved_endpoints(sys.argv[1:]))]
    rasa_main()


if __name__ == "__main__":
    main()
