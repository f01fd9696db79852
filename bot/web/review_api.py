"""The bureau's review desk (/review) and its JSON API, for staff with the review token
(REVIEW_TOKEN; docs/review.md, docs/security.md).

    GET  /review                          the page (a sign-in form until the token is given)
    POST /review/login, /review/logout    token → an HttpOnly, SameSite=Strict cookie; and back
    GET  /api/review/conversations?…      the filtered list and the counts (bot/review/filters.py, stats.py)
    GET  /api/review/conversation?sender=…&start=…   one conversation, turn by turn
    GET  /api/review/export.csv?what=conversations|days&…   the list or the counts per day, as CSV
    POST /api/review/mark                 a reviewed message into the corpora (bot/review/writeback.py)

Without REVIEW_TOKEN set, every path answers 503 saying so. The API takes the cookie or
`Authorization: Bearer <token>`; a wrong token gets 401/403. Tokens are compared in constant time.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
from functools import lru_cache
from urllib.parse import quote

import yaml
from aiohttp import web

from bot.review import filters, stats, store, understood, writeback

from .server import _error, _json, _page

COOKIE = "review_session"
MIN_TOKEN = 16
log = logging.getLogger("bot.web.review")
NOT_SET = "审阅台未启用：服务器没有设置审阅口令 REVIEW_TOKEN（至少 16 个字符，见 docs/security.md）。请管理员设置后重启网页服务。"
KIND_LABELS = {"content": "政策内容", "object": "政策对象", "conditions": "申请条件", "amount": "兑付标准",
               "level_amount": "某一等级的金额", "cap": "上限", "bonus": "加发", "instalment": "分期发放", "topup": "补差",
               "process": "业务流程", "materials": "申报材料", "unit": "责任单位", "phone": "联系电话", "date": "日期与期限",
               "frequency": "受理频次", "publicity": "公示", "yes_no": "能不能（是非）", "comparison": "比较",
               "combination": "能否同时享受", "supplementary": "附则", "other_district": "其他区县", "out_of_scope": "超出范围",
               "aspect": "某一方面", "roster": "花名册预审", "card": "政策卡片"}
SUBJECT_LABELS = {"person": "个人", "student": "大学生", "enterprise": "企业", "training_org": "培训机构",
                  "studio": "技能大师工作室", "agent": "热线坐席转述"}


def token() -> str | None:
    value = os.environ.get("REVIEW_TOKEN", "")
    return value if len(value) >= MIN_TOKEN else None


def _session_value(secret: str) -> str:
    return hmac.new(secret.encode(), b"review-desk-session", hashlib.sha256).hexdigest()


def _signed_in(request: web.Request) -> bool:
    secret = token()
    if secret is None:
        return False
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return hmac.compare_digest(header[7:].encode(), secret.encode())
    return hmac.compare_digest(request.cookies.get(COOKIE, "").encode(), _session_value(secret).encode())


def _login_page(status: int, message: str = "") -> web.Response:
    response = _page("review-login.html", message=message)
    response.set_status(status)
    return response


async def page(request: web.Request) -> web.Response:
    if token() is None:
        return _login_page(503, NOT_SET)
    if not _signed_in(request):
        return _login_page(401, "请输入审阅口令。")
    response = _page("review.html")
    response.headers["Cache-Control"] = "no-store"
    return response


async def login(request: web.Request) -> web.Response:
    secret = token()
    if secret is None:
        return _login_page(503, NOT_SET)
    form = await request.post()
    given = str(form.get("token", ""))
    if not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("review desk: wrong token from %s", request.remote)
        return _login_page(403, "审阅口令不正确，请重新输入。")
    response = web.HTTPSeeOther("/review")
    secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
    response.set_cookie(COOKIE, _session_value(secret), httponly=True, samesite="Strict", secure=secure, path="/")
    return response


async def logout(request: web.Request) -> web.Response:
    response = web.HTTPSeeOther("/review")
    response.del_cookie(COOKIE, path="/")
    return response


@web.middleware
async def staff_only(request: web.Request, handler):
    """/api/review/… only for staff with the token."""
    if request.path.startswith("/api/review/"):
        if token() is None:
            return _error(NOT_SET, 503)
        if not _signed_in(request):
            given = request.headers.get("Authorization", "").startswith("Bearer ") or COOKIE in request.cookies
            if given:
                log.warning("review desk: wrong token for %s from %s", request.path, request.remote)
            return _error("审阅口令不正确。" if given else "需要审阅口令：请先在 /review 登录。", 403 if given else 401)
    return await handler(request)


# -- JSON shapes --------------------------------------------------------------------------------
def _time(ts: float) -> str:
    return store.local(ts).strftime("%Y-%m-%d %H:%M")


def summary(c: store.Conversation) -> dict:
    names = understood.programme_names()
    return {"sender": c.sender, "start": c.start_id, "time": _time(c.started), "day": c.day.isoformat(),
            "channel": c.channel, "channel_label": filters.CHANNELS.get(c.channel, c.channel or "未知"),
            "messages": len(c.turns), "flags": [f for f in store.FLAGS if f in c.flags],
            "programmes": [{"programme": p, "name": names.get(p, p)} for p in c.programmes],
            "check": "completed" if c.check_completed else "abandoned" if c.abandoned else
                     "started" if c.check_started else None,
            "eligible": [names.get(str(p), str(p)) for p in c.eligible],
            "first": next((t.text for t in c.turns if not t.button), c.turns[0].text if c.turns else "")}


def _fact_label(path: str) -> str:
    from policy_kb.kb import load
    if path == "subject":
        return "咨询身份"
    bare = re.sub(r"\[\d*\]", "[]", path.split(".", 1)[1] if path.split(".", 1)[0] in ("person", "organisation") else path)
    return (load().fact_spec(bare) or {}).get("label", path)


@lru_cache(maxsize=1)
def _value_labels() -> dict:
    """field name → {value: Chinese label} of the enumerated facts (the agent page's schema)."""
    from .agent_api import schema
    out: dict = {}
    for subject in schema()["subjects"]:
        for f in subject["fields"]:
            for v in f.get("values") or []:
                out.setdefault(f["name"], {})[v["value"]] = v["label"]
    return out


def _value_label(path: str, value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_value_label(path, v) for v in value) or "无"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return _value_labels().get(re.sub(r"\[\d*\]", "", path).rsplit(".", 1)[-1], {}).get(value, str(value))


def _leaves(facts, prefix: str = "") -> dict:
    if isinstance(facts, dict):
        out = {}
        for k, v in facts.items():
            out.update(_leaves(v, f"{prefix}.{k}" if prefix else k))
        return out
    if isinstance(facts, list) and facts and isinstance(facts[0], dict):
        out = {}
        for i, head in enumerate(facts):
            out.update(_leaves(head, f"{prefix}[{i}]"))
        return out
    return {prefix: facts}


def _recorded(before: dict, after: dict) -> dict:
    """The facts this turn recorded or changed, nested as the check keeps them."""
    out: dict = {}
    for root, values in (after or {}).items():
        if not isinstance(values, dict):
            continue
        old = (before or {}).get(root) or {}
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if changed:
            out[root] = changed
    return out


def _flow_yaml(facts: dict) -> str:
    return "".join(f"{root}: " + yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=4096, sort_keys=False).strip() + "\n"
                   for root, v in facts.items())


def turn_json(c: store.Conversation, t: store.Turn, marks: dict) -> dict:
    names, titles = understood.programme_names(), understood.aspect_titles()
    q = understood.question(t.text, c.day)
    recorded = _recorded(t.facts_before, t.facts_after)
    read = understood.facts(t.text, c.day, t.pending, t.subject, t.facts_before)   # the form starts from it
    return {
        "event_id": t.event_id, "time": store.local(t.time).strftime("%H:%M:%S"), "text": t.text, "button": t.button,
        "intent": t.intent, "confidence": t.confidence,
        "ranking": [{"intent": n, "confidence": v} for n, v in t.ranking],
        "entities": t.entities,
        "pending": t.pending, "pending_label": _fact_label(t.pending) if t.pending else None,
        "subject": t.subject, "subject_label": SUBJECT_LABELS.get(t.subject, t.subject),
        "recorded": [{"path": p, "label": _fact_label(p), "value": v, "value_label": _value_label(p, v)}
                     for p, v in _leaves(recorded).items()],
        "question": {**q, "kind_label": KIND_LABELS.get(q["kind"], q["kind"]),
                     "programme_name": names.get(str(q["programme"])) if q["programme"] else None,
                     "aspect_label": titles.get(q["aspect"]) if q["aspect"] else None},
        "replies": [{"text": r["text"], "type": r["type"]} for r in t.replies],
        "actions": t.actions,
        "flags": [f for f in store.FLAGS if f in t.flags],
        "written": marks.get(t.event_id, []),
        "suggest": {"facts": _flow_yaml(read["stated"] or recorded), "speaker": read["speaker"] or t.subject,
                    "subject": read["subject"] or t.subject, "unknown": "，".join(read["unknown"]),
                    "kind": q["kind"] if q["kind"] in writeback.KINDS else None,
                    "programmes": [q["programme"]] if q["programme"] else []},
    }


# -- handlers -------------------------------------------------------------------------------
def _load(request: web.Request):
    f = filters.Filter.parse(request.query)
    return f, f.keep(store.conversations(since=f.day_from))


def _ratings(convs: list) -> dict:
    from . import feedback
    senders = {c.sender for c in convs}
    out = {"up": 0, "down": 0}
    for sender, rows in feedback.by_conversation(None).items():
        if sender in senders:
            for row in rows:
                out[row["rating"]] = out.get(row["rating"], 0) + 1
    return out


async def api_conversations(request: web.Request) -> web.Response:
    try:
        f, convs = await asyncio.to_thread(_load, request)
    except ValueError as exc:
        return _error(str(exc))
    figures = await asyncio.to_thread(lambda: stats.counts(convs, _ratings(convs)))
    names = understood.programme_names()
    return _json({"conversations": [summary(c) for c in convs[:500]], "total": len(convs), "figures": figures,
                  "choices": {"flags": store.FLAGS, "channels": filters.CHANNELS,
                              "programmes": [{"programme": k, "name": v} for k, v in names.items()]}})


def _one(request_or_body) -> store.Conversation:
    sender = request_or_body.get("sender")
    start = str(request_or_body.get("start", ""))
    if not isinstance(sender, str) or not sender or not start.isdigit():
        raise ValueError("缺少会话编号（sender 与 start）。")
    conv = store.conversation(sender, int(start))
    if conv is None:
        raise LookupError("找不到这段会话（可能已按保留期限删除）。")
    return conv


async def api_conversation(request: web.Request) -> web.Response:
    try:
        conv = await asyncio.to_thread(_one, request.query)
    except ValueError as exc:
        return _error(str(exc))
    except LookupError as exc:
        return _error(str(exc), 404)
    marks = await asyncio.to_thread(writeback.marks, conv.sender)
    turns = await asyncio.to_thread(lambda: [turn_json(conv, t, marks) for t in conv.turns])
    return _json({**summary(conv), "turns": turns,
                  "feedback": [{"question": r["question"], "answer": r["answer"], "time": r["created_at"]}
                               for r in conv.feedback]})


async def api_export(request: web.Request) -> web.Response:
    what = request.query.get("what", "conversations")
    if what not in ("conversations", "days"):
        return _error("what 只能是 conversations（会话列表）或 days（每日统计）。")
    try:
        f, convs = await asyncio.to_thread(_load, request)
    except ValueError as exc:
        return _error(str(exc))
    if what == "days":
        text = stats.days_csv(await asyncio.to_thread(lambda: stats.counts(convs, _ratings(convs))))
    else:
        text = await asyncio.to_thread(stats.conversations_csv, convs)
    name = ("每日统计" if what == "days" else "会话列表") + f"-{dt.date.today().isoformat()}.csv"
    return web.Response(body=text.encode("utf-8"), headers={
        "Content-Type": "text/csv; charset=utf-8", "Cache-Control": "no-store",
        "Content-Disposition": f"attachment; filename=\"review.csv\"; filename*=UTF-8''{quote(name)}"})


def _parse_mark(body: dict) -> dict:
    mark = {k: body.get(k) for k in ("states_facts", "asks", "out_of_scope", "speaker", "subject", "intent", "question")}
    if body.get("states_facts") and not body.get("out_of_scope"):
        try:
            facts = yaml.safe_load(body.get("facts") or "") if isinstance(body.get("facts"), str) else body.get("facts")
        except yaml.YAMLError as exc:
            raise writeback.Refused(f"事实的写法有误（第 {getattr(exc, 'problem_mark', None) and exc.problem_mark.line + 1 or '?'} 行）："
                                    "请按“person: {new_level: 技师, cert_date: \"2025-03\"}”的格式填写。") from None
        mark["facts"] = json.loads(json.dumps(facts, default=str))     # dates read by YAML back to text
    unknown = body.get("unknown") or ""
    mark["unknown"] = [u for u in re.split(r"[,，、\s]+", unknown) if u] if isinstance(unknown, str) else unknown
    return mark


async def api_mark(request: web.Request) -> web.Response:
    if request.content_type != "application/json":
        return _error("请求应为 JSON。", 415)
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _error("请求内容不是合法的 JSON。")
    if not isinstance(body, dict):
        return _error("请求内容应为 JSON 对象。")
    if not isinstance(body.get("event_id"), int):
        return _error("缺少消息编号（event_id）。")
    try:
        conv = await asyncio.to_thread(_one, body)
        turn = conv.turn(body["event_id"])
        if turn is None:
            raise LookupError("这段会话里没有这条消息。")
        written = await asyncio.to_thread(writeback.write, conv, turn, _parse_mark(body))
    except ValueError as exc:                 # writeback.Refused included: what the reviewer must change
        return _error(str(exc))
    except LookupError as exc:
        return _error(str(exc), 404)
    await asyncio.to_thread(writeback.record, conv.sender, turn.event_id, written)
    log.info("review desk: message %s written to %s", turn.event_id, [w[0] for w in written])
    return _json({"ok": True, "written": written})


def add_routes(app: web.Application) -> None:
    app.middlewares.append(staff_only)
    app.router.add_get("/review", page)
    app.router.add_post("/review/login", login)
    app.router.add_post("/review/logout", logout)
    app.router.add_get("/api/review/conversations", api_conversations)
    app.router.add_get("/api/review/conversation", api_conversation)
    app.router.add_get("/api/review/export.csv", api_export)
    app.router.add_post("/api/review/mark", api_mark)
