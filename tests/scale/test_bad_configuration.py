"""A REDIS_URL or TRACKER_DB_URL that points nowhere stops Rasa and `make run-scaled` with
one clear sentence, before the model is loaded, never with a traceback."""
from __future__ import annotations

import os
import subprocess
import sys

from cluster.processes import ROOT, free_port

NOWHERE_REDIS = f"redis://127.0.0.1:{free_port()}/0"
NOWHERE_DB = f"postgresql://rasa:geheim@127.0.0.1:{free_port()}/rasa"


def run(args: list, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TRACKER_DB": "/tmp/unused.db", **env})


def test_rasa_refuses_an_unreachable_redis():
    out = run(["scripts/rasa_server.py", "run", "--port", str(free_port())], REDIS_URL=NOWHERE_REDIS)
    assert out.returncode != 0
    assert f"Rasa 未启动：无法连接 REDIS_URL={NOWHERE_REDIS}" in out.stderr and "Traceback" not in out.stderr


def test_rasa_refuses_an_unreachable_database_and_hides_its_password():
    out = run(["scripts/rasa_server.py", "run", "--port", str(free_port())], TRACKER_DB_URL=NOWHERE_DB)
    assert out.returncode != 0
    assert "Rasa 未启动：无法连接 TRACKER_DB_URL=postgresql://rasa:***@" in out.stderr
    assert "geheim" not in out.stderr and "Traceback" not in out.stderr


def test_run_scaled_refuses_unreachable_servers():
    out = run(["-m", "cluster", "run", "--replicas", "2"], REDIS_URL=NOWHERE_REDIS, TRACKER_DB_URL=NOWHERE_DB,
              SCALED_PORT=str(free_port()), SCALED_ACTIONS_PORT=str(free_port()))
    assert out.returncode == 1
    assert f"启动失败：无法连接 REDIS_URL={NOWHERE_REDIS}" in out.stdout and "Traceback" not in out.stderr
