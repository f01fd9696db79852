"""Child processes of the scaled set: started in their own process group with a log file,
waited for until they answer, stopped (or killed, for the kill tests) by their id."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent


class StartError(RuntimeError):
    """A server did not come up; the message says which and ends with its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except Exception:
        return False


class Process:
    """One server process; `name` is what messages call it."""

    def __init__(self, name: str, cmd: List[str], log: Path, env: Optional[Dict[str, str]] = None,
                 cwd: Path = ROOT, stop_signal: int = signal.SIGTERM) -> None:
        self.name, self.cmd, self.log, self.stop_signal = name, cmd, log, stop_signal
        log.parent.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                                     stdout=log.open("w"), stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_until(self, ready: Callable[[], bool], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise StartError(f"{self.name} 启动失败（退出码 {self.proc.returncode}），"
                                 f"日志 {self.log}：\n{self.tail()}")
            if ready():
                return
            time.sleep(0.3)
        raise StartError(f"{self.name} 在 {seconds:.0f} 秒内没有就绪，日志 {self.log}：\n{self.tail()}")

    def stop(self, timeout: float = 20) -> None:
        self._signal(self.stop_signal)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL, as when a machine or container dies: no clean-up runs."""
        self._signal(signal.SIGKILL)
        self.proc.wait()

    def _signal(self, sig: int) -> None:
        if self.alive():
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
