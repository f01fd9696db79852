"""The scaled set for the tests: real Redis, PostgreSQL and nginx (Debian's packages,
`make servers`), two Rasa replicas and an action server, all on free 127.0.0.1 ports with
their data under var/scale-test-*/ (the database is removed afterwards, the logs stay), started the
way `make run-scaled` starts them (cluster/). Beside it, one Rasa on SQLite the way
`make run` runs it, to compare answers. Only WeChat's own API is a fake.

The replicas reach the action server through a proxy that holds the requests of
conversations named `slow-…` for a moment, so that a test can keep one turn busy while
another message of the same conversation arrives at the other replica.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path
from typing import List

import psycopg2
import pytest
import requests

from cluster.processes import ROOT, free_port
from cluster.scaled_set import ScaledSet, Settings
from tests.bot.servers import MODEL, Stack
from tests.channels.fake_wechat_api import FakeWeChatAPI
from tests.channels.wechat_sim import WeChatServer
from tests.robustness.slow_proxy import SlowProxy

WECHAT = dict(WECHAT_TOKEN="scale_test_token_12", WECHAT_APP_ID="wx0a1b2c3d4e5f6071",
              WECHAT_APP_SECRET="9f8e7d6c5b4a39281706f5e4d3c2b1a0",
              WECHAT_AES_KEY="Zq3xT7bN1mK5vR9cW2eY6uI0oP4aS8dF1gH5jL9kX3z")
SLOW_TURN = 2.0     # seconds an action call of a `slow-…` conversation is held


def _slow_conversations(body: bytes) -> float:
    try:
        sender = json.loads(body).get("sender_id", "")
    except ValueError:
        return 0
    return SLOW_TURN if sender.startswith("slow-") else 0


class Background:
    """A Stack started in a thread, so its model loads while the scaled set starts."""

    def __init__(self, stack: Stack) -> None:
        self.stack, self.error = stack, None
        self.thread = threading.Thread(target=self._start)
        self.thread.start()

    def _start(self) -> None:
        try:
            self.stack.start()
        except Exception as exc:      # re-raised in the test that needs it
            self.error = exc

    def ready(self) -> Stack:
        self.thread.join()
        if self.error:
            raise self.error
        return self.stack


@pytest.fixture(scope="session")
def _sqlite_background(tmp_path_factory):
    background = Background(Stack(tmp_path_factory.mktemp("sqlite_rasa")))
    yield background
    background.thread.join()
    background.stack.stop()


@pytest.fixture(scope="session")
def sqlite_rasa(_sqlite_background) -> Stack:
    """One Rasa process on SQLite, as `make run` runs it."""
    return _sqlite_background.ready()


@pytest.fixture(scope="session")
def scaled(_sqlite_background):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` (make test does it first)")
    if not shutil.which("redis-server"):
        pytest.fail("Redis/PostgreSQL/nginx missing: run `make servers` (make test does it first)")
    var = Path(ROOT / "var" / f"scale-test-{os.getpid()}")
    api = FakeWeChatAPI(WECHAT["WECHAT_APP_ID"], WECHAT["WECHAT_APP_SECRET"]).start()
    actions_port, proxy_port = free_port(), free_port()
    proxy = SlowProxy(proxy_port, f"http://127.0.0.1:{actions_port}", _slow_conversations).__enter__()
    settings = Settings(replicas=2, action_servers=1, port=free_port(), actions_port=actions_port,
                        redis_port=free_port(), pg_port=free_port(), var=var, durable=False,
                        env={**WECHAT, "WECHAT_API_BASE_URL": api.base_url,
                             "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{proxy_port}/webhook"})
    scaled = ScaledSet(settings)
    try:
        scaled.start()
        yield scaled
    finally:
        scaled.stop()
        proxy.__exit__()
        api.stop()
        shutil.rmtree(var / "pg", ignore_errors=True)    # the logs under var/scale-test-*/log stay


def say(url: str, sender: str, message: str) -> List[dict]:
    res = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                        timeout=90)
    res.raise_for_status()
    return res.json()


def texts(replies: List[dict]) -> str:
    return "\n".join(r["text"] for r in replies if r.get("text"))


def stored_events(scaled: ScaledSet, sender: str) -> List[dict]:
    """The conversation's events as PostgreSQL holds them, in order."""
    with psycopg2.connect(scaled.tracker_db_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        return [json.loads(data) for (data,) in cur.fetchall()]


def wechat(scaled: ScaledSet, base: str) -> WeChatServer:
    return WeChatServer(base + "/webhooks/wechat/webhook", WECHAT["WECHAT_TOKEN"],
                        WECHAT["WECHAT_APP_ID"], WECHAT["WECHAT_AES_KEY"])
