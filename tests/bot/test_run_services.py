"""`make run`'s process manager: both servers come up on the given ports, the REST channel
answers, and stopping the script leaves no process behind."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.bot.servers import MODEL, ROOT, Stack, free_port, texts

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie waiting for its parent counts as gone
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ")[1][0] != "Z"


def test_run_services_starts_everything_and_ctrl_c_stops_it(tmp_path):
    rasa_port, actions_port = free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port),
           "TRACKER_DB": str(tmp_path / "tracker.db"), "EXTRA_SERVICES": "", "PY": str(ROOT / ".venv/bin/python")}
    out = (tmp_path / "out.txt").open("w")
    proc = subprocess.Popen(["scripts/run-services"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.time() + 240
        while "助手已就绪" not in (tmp_path / "out.txt").read_text() and time.time() < deadline:
            assert proc.poll() is None, (tmp_path / "out.txt").read_text()
            time.sleep(1)
        printed = (tmp_path / "out.txt").read_text()
        assert f"http://localhost:{rasa_port}/webhooks/rest/webhook" in printed
        assert "启动 retention" in printed              # old conversations deleted daily (docs/review.md)
        stack = Stack(tmp_path)
        stack.rasa_port = rasa_port
        assert "政策助手" in texts(stack.say("run-1", "你好"))
        children = [int(p) for p in subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True,
                                                   text=True).stdout.split()]
        assert len(children) >= 3                     # the script, the action server, Rasa
        # Only the script is signalled: stopping the servers is its job (Ctrl-C in a terminal
        # signals the whole group, which is the easier case).
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(60)
        time.sleep(1)
        assert [p for p in children if _alive(p)] == []
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        out.close()
