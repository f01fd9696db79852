"""One real stack (action server + Rasa with the project's model, endpoints and SQLite
tracker store) shared by the robustness tests, started the project's way
(scripts/rasa_server.py) with Rasa's debug log on so that the privacy test searches
everything Rasa could write."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.bot.servers import MODEL, PY, ROOT, Stack, _wait

ACTION_TIMEOUT = 3.0     # seconds; RASA_ACTION_TIMEOUT for these tests (bot/resilience.py)

needs_model = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")


class RobustStack(Stack):
    """Stack whose Rasa runs with --debug, extra environment, and can be restarted."""

    def __init__(self, workdir: Path, env: dict | None = None):
        super().__init__(workdir)
        self.env = env or {}
        self.actions_proc = None
        self.rasa_proc = None
        self.rasa_log = workdir / "rasa.log"

    def start_actions(self, today=None) -> None:
        super().start_actions(today)
        self.actions_proc = self.procs[0]       # (the action server is first in `procs`)

    def start_rasa(self) -> None:
        env = {**os.environ, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
               "TRACKER_DB": str(self.tracker_db), **self.env}
        proc = subprocess.Popen(
            [PY, "scripts/rasa_server.py", "run", "--model", str(self.model), "--endpoints", "bot/endpoints.yml",
             "--credentials", "bot/credentials.yml", "--interface", "127.0.0.1", "--port", str(self.rasa_port),
             "--debug"],
            cwd=ROOT, env=env, stdout=self.rasa_log.open("a"), stderr=subprocess.STDOUT)
        self.procs.append(proc)
        self.rasa_proc = proc
        _wait(f"http://127.0.0.1:{self.rasa_port}/", proc, self.rasa_log, 240)

    def stop_rasa(self) -> None:
        end(self.rasa_proc)

    def kill_actions(self) -> None:
        self.actions_proc.kill()
        self.actions_proc.wait()

    def restore_actions(self, port: int) -> None:
        """An action server on `port` again (the one Rasa was started with)."""
        if self.actions_port == port and self.actions_proc.poll() is None:
            return
        self.kill_actions()
        self.actions_port = port
        wait_port_free(port)
        self.start_actions()

    def slot(self, sender: str, name: str):
        """The last value the tracker store holds for slot `name` of `sender` (None if never set)."""
        db = sqlite3.connect(self.tracker_db)
        try:
            rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id",
                              (sender,)).fetchall()
        finally:
            db.close()
        values = [e["value"] for e in map(json.loads, (r[0] for r in rows)) if e.get("name") == name]
        return values[-1] if values else None

    def event_count(self, sender: str) -> int:
        db = sqlite3.connect(self.tracker_db)
        try:
            return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]
        finally:
            db.close()


def end(*procs: subprocess.Popen) -> None:
    """Terminate (then kill) processes the way Stack.stop does."""
    holder = Stack.__new__(Stack)
    holder.procs = [p for p in procs if p is not None]
    holder.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train` (make test does)")
    s = RobustStack(tmp_path_factory.mktemp("robust"), env={"RASA_ACTION_TIMEOUT": str(ACTION_TIMEOUT)})
    s.start()
    yield s
    s.stop()


def wait_port_free(port: int, seconds: float = 10) -> None:
    import socket

    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # as servers bind
            try:
                sock.bind(("127.0.0.1", port))
                return
            except OSError:
                time.sleep(0.2)
    raise RuntimeError(f"port {port} still busy")
