"""The review desk's token check (bot/web/review_api.py), request by request: closed with a Chinese
message while REVIEW_TOKEN is not set (or too short), 401 without a token, 403 with a wrong one.
The same through a real server and browser: tests/web/test_review_page.py."""
from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.web import review_api

TOKEN = "s3cret-review-token"


async def _ok(request):
    return web.Response(text="ok")


def call(path: str, headers: dict | None = None):
    request = make_mocked_request("GET", path, headers=headers or {})
    handler = review_api.page if path == "/review" else _ok
    return asyncio.run(review_api.staff_only(request, handler))


@pytest.mark.parametrize("value", [None, "short"])
def test_without_a_token_configured_the_desk_is_closed(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("REVIEW_TOKEN", raising=False)
    else:
        monkeypatch.setenv("REVIEW_TOKEN", value)
    page = call("/review")
    assert page.status == 503 and "审阅台未启用" in page.text and "REVIEW_TOKEN" in page.text
    api = call("/api/review/conversations", {"Authorization": "Bearer " + TOKEN})
    assert api.status == 503 and "审阅台未启用" in json.loads(api.text)["error"]


def test_the_api_wants_the_token_or_the_session_cookie(monkeypatch):
    monkeypatch.setenv("REVIEW_TOKEN", TOKEN)
    assert call("/api/review/conversations").status == 401
    assert json.loads(call("/api/review/conversations").text)["error"] == "需要审阅口令：请先在 /review 登录。"
    assert call("/api/review/conversations", {"Authorization": "Bearer wrong"}).status == 403
    assert call("/api/review/conversations", {"Cookie": "review_session=" + TOKEN}).status == 403    # not the token itself
    assert call("/api/review/conversations", {"Authorization": "Bearer " + TOKEN}).text == "ok"
    cookie = review_api._session_value(TOKEN)
    assert call("/api/review/conversations", {"Cookie": "review_session=" + cookie}).text == "ok"
    assert call("/review").status == 401                    # the sign-in form
    assert call("/api/schema").text == "ok"                 # other paths are not the desk's business
