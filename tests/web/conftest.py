"""Browser tests: real web server, real headless Chromium (Debian's), driven by Playwright.

The browser is Debian's `chromium` (installed by `make web-setup`); Playwright's own browser
download cannot work here, so it is never used.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

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
    """The web server on a free port; answers' 👍/👎 go to tmp/feedback.sqlite (never var/)."""
    port = free_port()
    log = tmp / f"web-{port}.log"
    env = dict(os.environ, WEB_FEEDBACK_DB=str(tmp / "feedback.sqlite"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.web.server", "--host", "127.0.0.1", "--port", str(port),
         "--rasa-url", rasa_url],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
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


@pytest.fixture(scope="session")
def widget_server(tmp_path_factory):
    """A web server for widget tests that play the assistant themselves (tests/web/fake_socket.js)."""
    tmp = tmp_path_factory.mktemp("widget-web")
    proc, base = start_web(tmp)
    yield {"web": base, "feedback_db": tmp / "feedback.sqlite"}
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


def expanded(name: str, env: dict, path: Path) -> Path:
    """bot/<name> with its ${VAR} placeholders filled from env (the values run-services sets)."""
    text = (ROOT / "bot" / name).read_text(encoding="utf-8")
    path.write_text(re.sub(r"\$\{(\w+)\}", lambda m: env.get(m.group(1), m.group(0)), text), encoding="utf-8")
    return path


def newest_model() -> Path:
    """The model `make train` builds (models/assistant.tar.gz), else the newest under models/."""
    if (ROOT / "models/assistant.tar.gz").exists():
        return ROOT / "models/assistant.tar.gz"
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        pytest.fail("models/ 下没有训练好的模型：请先运行 make train（make test 会先训练）")
    return models[-1]


def widget_credentials(path: Path) -> Path:
    """The project's socket settings (bot/credentials.yml) on the widget's channel class, plus REST."""
    creds = yaml.safe_load((ROOT / "bot/credentials.yml").read_text(encoding="utf-8")) or {}
    channel = "bot.web.socket_channel.WebChatInput"
    settings = creds.get(channel) or creds.get("socketio")
    if settings is None:
        pytest.fail("bot/credentials.yml 没有配置 socket.io 通道（socketio 或 " + channel + "）")
    path.write_text(yaml.safe_dump({channel: settings, "rest": None}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def chat_stack(tmp_path_factory):
    """Action server, Rasa (the project's model, socket + REST) and the web server, on free ports."""
    work = tmp_path_factory.mktemp("chat-stack")
    rasa_port, action_port = free_port(), free_port()
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", SANIC_HOST="127.0.0.1",
               ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
               TRACKER_DB=str(work / "tracker.db"),
               RASA_AUTH_TOKEN=secrets.token_hex(16))   # the HTTP API only with a token (bot/exposure.py)
    procs = []

    def start(name, cmd):
        log = work / f"{name}.log"
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT))
        return procs[-1], log

    try:
        proc, log = start("actions", [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                                      "--port", str(action_port)])
        wait_http(f"http://127.0.0.1:{action_port}/health", 180, proc, log)
        proc, log = start("rasa", [sys.executable, "scripts/rasa_server.py", "run", "--enable-api",
                                   "--model", str(newest_model()), "--endpoints", str(expanded("endpoints.yml", env, work / "endpoints.yml")),
                                   "--credentials", str(widget_credentials(work / "credentials.yml")),
                                   "--interface", "127.0.0.1", "--port", str(rasa_port)])
        rasa_url = f"http://127.0.0.1:{rasa_port}"
        wait_http(rasa_url + "/", 600, proc, log)   # /status needs the token
        web, base = start_web(work, rasa_url)
        procs.append(web)
        yield {"web": base, "rasa": rasa_url, "token": env["RASA_AUTH_TOKEN"], "logs": work,
               "feedback_db": work / "feedback.sqlite"}
    finally:
        for proc in reversed(procs):
            stop(proc)
