"""The web server for the chat page (`/`, with the embeddable widget) and the hotline agent page
(`/agent`) with the JSON APIs the agent page calls. Listens on localhost only.

    python -m bot.web.server [--host 127.0.0.1] [--port 8080] [--rasa-url http://localhost:5005]

Browser-side libraries are served from node_modules (installed by `make` from package-lock.json),
never from a CDN, so the pages work offline once installed.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import json
import logging
import os
from pathlib import Path

from aiohttp import web

from policy_kb.schema import FactsError

from . import agent_api
from . import feedback

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
ROOT = HERE.parent.parent
VENDOR = {  # URL name → file in node_modules
    "socket.io.min.js": ROOT / "node_modules/socket.io-client/dist/socket.io.min.js",
}
MAX_TEXT = 2000          # characters of caller's words accepted by search/understand
log = logging.getLogger("bot.web")


def _json(data, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def _error(message: str, status: int = 400) -> web.Response:
    return _json({"error": message}, status=status)


def _page(name: str, **values: str) -> web.Response:
    text = (STATIC / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
    return web.Response(text=text, content_type="text/html", charset="utf-8")


async def chat_page(request: web.Request) -> web.Response:
    from bot.resilience import general_contact      # the hotline while the assistant is unreachable
    unit, phone = general_contact()
    return _page("index.html", rasa_url=request.app["rasa_url"], fallback_unit=unit, fallback_phone=phone)


async def agent_page(request: web.Request) -> web.Response:
    return _page("agent.html")


async def vendor(request: web.Request) -> web.StreamResponse:
    path = VENDOR.get(request.match_info["name"])
    if path is None or not path.exists():
        return web.Response(status=404, text="前端依赖未安装：请先运行 make web-setup", charset="utf-8")
    return web.FileResponse(path, headers={"Content-Type": "application/javascript; charset=utf-8"})


async def _body(request: web.Request):
    try:
        return await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text=json.dumps({"error": "请求内容不是合法的 JSON。"}, ensure_ascii=False),
                                 content_type="application/json") from None


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("请输入来电人说的话。")
    if len(value) > MAX_TEXT:
        raise ValueError(f"内容过长（超过{MAX_TEXT}字），请只输入关键信息。")
    return value.strip()


async def api_schema(request: web.Request) -> web.Response:
    return _json(agent_api.schema())


async def api_search(request: web.Request) -> web.Response:
    try:
        query = _text(request.query.get("q", ""))
    except ValueError as exc:
        return _error(str(exc))
    limit = request.query.get("limit", "12")
    if not limit.isdigit():
        return _error("参数 limit 应为正整数。")
    try:
        today = dt.date.fromisoformat(request.query["today"]) if request.query.get("today") else None
    except ValueError:
        return _error("today 应为 YYYY-MM-DD 格式的日期。")
    try:
        cards = await asyncio.to_thread(agent_api.search, query, max(1, min(int(limit), 50)))
    except agent_api.Unavailable as exc:
        return _error(str(exc), status=503)
    # The chat's own answer first: the agent reads the caller the same clause the chat gives.
    answer = await asyncio.to_thread(agent_api.answer, query, today)
    return _json({"query": query, "answer": answer, "cards": cards})


async def api_understand(request: web.Request) -> web.Response:
    body = await _body(request)
    try:
        text = _text(body.get("text") if isinstance(body, dict) else None)
    except ValueError as exc:
        return _error(str(exc))
    try:
        today = dt.date.fromisoformat(body["today"]) if body.get("today") else None
    except (TypeError, ValueError):
        return _error("today 应为 YYYY-MM-DD 格式的日期。")
    try:
        known = body.get("known") if isinstance(body.get("known"), dict) else None
        reading = await asyncio.to_thread(agent_api.understand, text, today, known)
    except agent_api.Unavailable as exc:
        return _error(str(exc), status=503)
    # text: as received; read_text: as the pipeline read it (the spans' offsets refer to it).
    return _json({"text": text, **reading})


async def api_decide(request: web.Request) -> web.Response:
    body = await _body(request)
    facts = body.get("facts", body) if isinstance(body, dict) else body
    try:
        decision = agent_api.decide(facts)
    except FactsError as exc:
        return _json(agent_api.facts_error(exc), status=400)
    return _json(decision)


async def api_feedback(request: web.Request) -> web.Response:
    """👍/👎 on a chat answer, stored with the conversation (bot/web/feedback.py)."""
    try:
        row = feedback.parse(await _body(request))
    except ValueError as exc:
        return _error(str(exc))
    await asyncio.to_thread(feedback.store, row)
    return _json({"ok": True})


@web.middleware
async def no_tracebacks(request: web.Request, handler):
    """Any unexpected failure becomes a polite Chinese message (the details go to the log)."""
    try:
        return await handler(request)
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed) as exc:
        message = "没有这个页面。" if isinstance(exc, web.HTTPNotFound) else "不支持这种请求方式。"
        if request.path.startswith("/api/"):
            return _error(message, status=exc.status)
        return web.Response(status=exc.status, text=message + "网页聊天：/  坐席页面：/agent", charset="utf-8")
    except web.HTTPException:
        raise
    except Exception:  # noqa: BLE001 - the one place that turns crashes into a message
        log.exception("error serving %s", request.path)
        return _error("服务器处理出错，请稍后再试或直接拨打咨询电话。", status=500)


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    # Scripts only from this server; socket connections to the assistant.
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {request.app['connect_src']}; object-src 'none'; base-uri 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def make_app(rasa_url: str = "http://localhost:5005") -> web.Application:
    app = web.Application(middlewares=[security_headers, no_tracebacks], client_max_size=256 * 1024)
    app["rasa_url"] = rasa_url.rstrip("/")
    ws = app["rasa_url"].replace("http://", "ws://").replace("https://", "wss://")
    app["connect_src"] = f"{app['rasa_url']} {ws}"
    app.router.add_get("/", chat_page)
    app.router.add_get("/agent", agent_page)
    app.router.add_get("/vendor/{name}", vendor)
    app.router.add_get("/favicon.ico", lambda request: web.Response(status=204))
    app.router.add_get("/api/schema", api_schema)
    app.router.add_get("/api/search", api_search)
    app.router.add_post("/api/understand", api_understand)
    app.router.add_post("/api/decide", api_decide)
    app.router.add_post("/api/feedback", api_feedback)
    app.router.add_static("/static/", STATIC)
    # -- roster pre-check page for HR officers (/roster, /api/roster…): bot/web/roster_api.py --
    from . import roster_api
    roster_api.add_routes(app)
    # -- end roster --
    # -- review desk for the bureau's staff (/review, /api/review/…): bot/web/review_api.py --
    from . import review_api
    review_api.add_routes(app)
    app.on_startup.append(_warm_up)
    return app


async def _warm_up(app: web.Application) -> None:
    """Load the understanding pipeline in the background, so the first caller's words are
    read at once (spaCy, jieba and jionlp take a few seconds to load)."""
    async def load():
        try:
            from understanding import warm_up
            await asyncio.to_thread(warm_up)
        except Exception:           # the page works without it; /api/understand says so
            logging.getLogger(__name__).exception("understanding pipeline not loaded")
    app["warm_up"] = asyncio.create_task(load())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="钱塘技能人才政策助手：网页聊天与坐席页面")
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_SOCKET_URL", "http://localhost:5005"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    base = f"http://{args.host}:{args.port}"
    print(f"网页聊天：{base}/\n坐席页面：{base}/agent", flush=True)
    web.run_app(make_app(args.rasa_url), host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
