"""Browser tests: real web server, real headless Chromium (Debian's), driven by Playwright.

The browser is Debian's `chromium` (installed by `make web-setup`); Playwright's own browser
download cannot work here, so it is never used.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"{proc.args[:4]} exited with {proc.returncode} before {url} answered:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def start_web(tmp: Path, rasa_url: str = "http://127.0.0.1:9") -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = tmp / f"web-{port}.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.web.server", "--host", "127.0.0.1", "--port", str(port),
         "--rasa-url", rasa_url],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/api/schema", 60, proc, log)
    except Exception:
        stop(proc)
        raise
    return proc, base


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} 不存在：请先运行 make web-setup（安装 Debian 的 chromium）")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def agent_server(tmp_path_factory):
    proc, base = start_web(tmp_path_factory.mktemp("agent-web"))
    yield base
    stop(proc)


def save_screenshot(page, tmp_path: Path, name: str) -> Path:
    """Into the test's output folder; also into WEB_SCREENSHOT_DIR when set (make screenshots)."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=False)
    target = os.environ.get("WEB_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / name)
    return path
