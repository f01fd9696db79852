"""A real Rasa server (the project's model, its action server, this channel) for the WeChat tests.

Both servers listen on free 127.0.0.1 ports and are stopped after the session. WeChat's own
API servers are the only fake (fake_wechat_api.py). Rasa's HTTP API is on, behind a token,
only so the tests can read the tracker (how many turns the bot really handled).
"""
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest
import requests
import yaml

from tests.channels.fake_wechat_api import FakeWeChatAPI
from tests.channels.wechat_sim import WeChatServer

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "qiantang_test_token_2025"
APP_ID = "wx5e1c4a3b2d9f0e71"
APP_SECRET = "3d6be0a4035d839573b04816624a415e"
AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"  # 43 chars, as the MP console makes them
API_TOKEN = secrets.token_hex(16)
SMALL = 400  # max_reply_bytes of the wechat_small twin
CHANNEL = "bot.channels.wechat.WeChatInput"
# The channel's block of the project's credentials.yml, as `make run` uses it.
SETTINGS = yaml.safe_load((ROOT / "bot/credentials.yml").read_text(encoding="utf-8"))[CHANNEL] or {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _model() -> Path:
    model = ROOT / "models/assistant.tar.gz"
    if not model.exists():
        pytest.fail(f"no trained model at {model}: run `make train` (make test does it first)")
    return model


def _start(cmd: List[str], env: Dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited ({proc.returncode}):\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    pytest.fail(f"server not up after {timeout:.0f} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def wechat_api():
    api = FakeWeChatAPI(APP_ID, APP_SECRET).start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def rasa(tmp_path_factory, wechat_api):
    """Base URL of a Rasa server with the WeChat channel (and its slow twin) and REST."""
    work = tmp_path_factory.mktemp("wechat_rasa")
    rasa_port, action_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WECHAT_")}
    env.update(RASA_TELEMETRY_ENABLED="false", SANIC_HOST="127.0.0.1", NO_PROXY="127.0.0.1",
               ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
               TRACKER_DB=str(work / "tracker.db"), RASA_AUTH_TOKEN=API_TOKEN,
               WECHAT_TOKEN=TOKEN, WECHAT_APP_ID=APP_ID, WECHAT_APP_SECRET=APP_SECRET,
               WECHAT_AES_KEY=AES_KEY, WECHAT_API_BASE_URL=wechat_api.base_url)
    (work / "credentials.yml").write_text(yaml.safe_dump({
        CHANNEL: SETTINGS,
        "tests.channels.wechat_twins.SlowWeChatInput": {**SETTINGS, "reply_timeout": 0},
        "tests.channels.wechat_twins.SmallWeChatInput": {**SETTINGS, "max_reply_bytes": SMALL},
        "rest": None}, allow_unicode=True))
    procs = []
    try:
        log = work / "actions.log"
        procs.append(_start([sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                             "-p", str(action_port)], env, log))
        _wait_until_up(f"http://127.0.0.1:{action_port}/health", procs[-1], log)
        log = work / "rasa.log"
        # Started the project's way (scripts/rasa_server.py: its endpoints, SQLite tracker store).
        procs.append(_start([sys.executable, "scripts/rasa_server.py", "run", "--enable-api",
                             "-m", str(_model()), "--credentials", str(work / "credentials.yml"),
                             "--endpoints", "bot/endpoints.yml",
                             "-i", "127.0.0.1", "-p", str(rasa_port)], env, log))
        url = f"http://127.0.0.1:{rasa_port}"
        _wait_until_up(f"{url}/status?token={API_TOKEN}", procs[-1], log)
        yield url
    finally:
        for proc in reversed(procs):
            _stop(proc)


@pytest.fixture(scope="session")
def wechat(rasa) -> WeChatServer:
    return WeChatServer(rasa + "/webhooks/wechat/webhook", TOKEN, APP_ID, AES_KEY)


@pytest.fixture(scope="session")
def wechat_slow(rasa) -> WeChatServer:
    return WeChatServer(rasa + "/webhooks/wechat_slow/webhook", TOKEN, APP_ID, AES_KEY)


@pytest.fixture(scope="session")
def wechat_small(rasa) -> WeChatServer:
    return WeChatServer(rasa + "/webhooks/wechat_small/webhook", TOKEN, APP_ID, AES_KEY)


def user_turns(rasa_url: str, openid: str) -> List[dict]:
    """The user messages Rasa recorded for this sender."""
    tracker = requests.get(f"{rasa_url}/conversations/{openid}/tracker",
                           params={"token": API_TOKEN}, timeout=30).json()
    return [e for e in tracker["events"] if e["event"] == "user"]


def rest_answer(rasa_url: str, sender: str, text: str) -> List[dict]:
    """What the same bot answers on its REST channel (for comparison)."""
    res = requests.post(f"{rasa_url}/webhooks/rest/webhook",
                        json={"sender": sender, "message": text}, timeout=60)
    res.raise_for_status()
    return res.json()
