"""Start the real action server and Rasa on free localhost ports (for e2e tests and the
reply-time measurement). Reuses the model `make train` left in models/."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models/assistant.tar.gz"
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:4]} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {seconds}s:\n{log.read_text(errors='replace')[-3000:]}")


class Stack:
    """Action server + Rasa (REST channel) in a temporary folder; stop() kills both."""

    def __init__(self, workdir: Path, model: Path = MODEL, tracker_db: Path | None = None, env: dict | None = None):
        self.workdir = workdir
        self.env = env or {}        # extra environment for Rasa (e.g. SESSION_IDLE_MINUTES)
        self.model = model
        self.tracker_db = tracker_db or workdir / "tracker.db"
        self.procs: list = []
        self.actions_port = free_port()
        self.rasa_port = free_port()
        self.load_seconds = None

    def start_actions(self, today=None) -> None:
        log = self.workdir / "actions.log"
        env = {**os.environ, "SANIC_HOST": "127.0.0.1", "PYTHONPATH": str(ROOT)}
        if today is not None:
            env["ASSISTANT_TODAY"] = today.isoformat()
        proc = subprocess.Popen([PY, "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.actions_port)],
                                cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT)
        self.procs.insert(0, proc)          # (stopped last: Rasa first)
        _wait(f"http://127.0.0.1:{self.actions_port}/health", proc, log, 60)
        self.today = today

    def at(self, today) -> "Stack":
        """The action server restarted to decide as on `today` (ASSISTANT_TODAY): each corpus is
        played at its own reference date. Rasa keeps running; nothing of a check lives in the
        action server (all dialogue state is in slots)."""
        if getattr(self, "today", None) == today:
            return self
        actions = self.procs.pop(0)
        actions.terminate()
        actions.wait(20)
        self.start_actions(today)
        return self

    def start_rasa(self) -> None:
        log = self.workdir / "rasa.log"
        env = {**os.environ, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
               "TRACKER_DB": str(self.tracker_db), **self.env}
        started = time.time()
        proc = subprocess.Popen(
            [PY, "scripts/rasa_server.py", "run", "--model", str(self.model), "--endpoints", "bot/endpoints.yml",
             "--credentials", "bot/credentials.yml", "--interface", "127.0.0.1", "--port", str(self.rasa_port)],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        self.procs.append(proc)
        _wait(f"http://127.0.0.1:{self.rasa_port}/", proc, log, 240)
        self.load_seconds = time.time() - started

    def start(self) -> "Stack":
        self.start_actions()
        self.start_rasa()
        return self

    def say(self, sender: str, message: str, timeout: float = 60) -> list:
        body = json.dumps({"sender": sender, "message": message}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.load(resp)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.procs.clear()


def texts(replies: list) -> str:
    return "\n".join(r.get("text", "") for r in replies if r.get("text"))


def customs(replies: list) -> list:
    return [r["custom"] for r in replies if "custom" in r]


def buttons(replies: list) -> list:
    return [b["title"] for r in replies for b in r.get("buttons", [])]
