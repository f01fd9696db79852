"""What the hotline agent page asks for, as plain functions over policy_kb (no HTTP here).

- schema(): facts.yml resolved for a form (enum values with their Chinese labels).
- decide(): the engine's decision, plus per programme the next question to ask and
  a plain-language answer script the agent can read out or paste.
- search(): knowledge-base search hits grouped into programme cards, best first.
- understand(): the caller's words → facts and marked spans, through understanding/.
All wording a user reads comes from the knowledge base or is Chinese text here.
"""
from __future__ import annotations

import datetime as dt
import re

from policy_kb.amounts import yuan
from policy_kb.engine import decide as engine_decide
from policy_kb.kb import load
from policy_kb.schema import FactsError, enum_values

STATUS_LABELS = {"eligible": "符合条件", "needs_info": "尚需确认", "ineligible": "不符合条件"}
RESULT_LABELS = {"pass": "满足", "fail": "不满足", "unknown": "待确认"}
SUBJECTS = ("person", "organisation")


class Unavailable(RuntimeError):
    """A part built elsewhere (search, extractor) is not installed yet: the str() is Chinese."""


# -- schema -------------------------------------------------------------------------
def _resolve(fields: dict, kb) -> list:
    """facts.yml fields → a list the page turns into inputs, in priority order."""
    out = []
    for name, spec in sorted(fields.items(), key=lambda kv: kv[1].get("priority", 50)):
        entry = {"name": name, "type": spec["type"], "label": spec.get("label", name)}
        if spec.get("question"):
            entry["question"] = spec["question"]
        if spec["type"] in ("enum", "enum_list"):
            labels = spec["values"] if isinstance(spec["values"], dict) else {}
            entry["values"] = [{"value": v, "label": labels.get(v, v)} for v in enum_values(spec, kb.levels)]
        if spec["type"] == "counts":
            entry["keys"] = enum_values({"values": spec["keys"]}, kb.levels)
        if spec["type"] == "int":
            hi = spec.get("max")
            entry["min"], entry["max"] = spec.get("min"), kb.facts[hi] if isinstance(hi, str) else hi
        if spec["type"] == "list":
            entry["item"] = _resolve(spec["item"], kb)
        if spec["type"] == "object":
            entry["fields"] = _resolve(spec["fields"], kb)
        out.append(entry)
    return out


def schema() -> dict:
    kb = load()
    as_of = kb.facts["top"]["as_of"]
    return {
        "as_of": {"label": as_of["label"], "question": as_of["question"]},
        "subjects": [
            {"name": "person", "label": "个人（职工、大学生）", "fields": _resolve(kb.facts["person"], kb)},
            {"name": "organisation", "label": "单位（企业、培训机构、工作室）",
             "fields": _resolve(kb.facts["organisation"], kb)},
        ],
        "status_labels": STATUS_LABELS,
        "result_labels": RESULT_LABELS,
        "rules_version": kb.rules_version,
    }


# -- decision -----------------------------------------------------------------------
def question_for(fact: str, subject: str) -> dict:
    """The Chinese question for a missing fact path such as 'introduced[0].hired_date'."""
    kb = load()
    generic = re.sub(r"\[\d+\]", "[]", fact)
    spec = kb.fact_spec(generic) or {}
    question = spec.get("question")
    label = spec.get("label", fact)
    indexed = re.match(r"^(.*?)\[(\d+)\]\.(\w+)$", fact)
    if not question and indexed:
        parent = kb.fact_spec(re.sub(r"\[\d+\]", "[]", indexed.group(1))) or {}
        question = f"{parent.get('label', indexed.group(1))}第{int(indexed.group(2)) + 1}位：{label}？"
    return {"fact": fact, "subject": subject, "label": label, "question": question or f"请确认：{label}？"}


def _yuan(amount) -> str:
    return yuan(amount) if isinstance(amount, int) else "金额待定"


def _top(prog: dict) -> int | None:
    """The most the programme pays one applicant (None for per-head sums: they depend on the
    number of people)."""
    std = prog["standard"]
    formula, table = std.get("formula"), std.get("table") or {}
    if formula in ("level_topup", "lookup"):
        return max(table.values())
    if formula == "monthly_by_level":
        return max(table.values()) * std["months"]
    if formula == "monthly":
        return std["monthly"] * std["months"]
    if formula == "fixed":
        return std["amount"]
    if formula == "match":
        return std.get("cap")
    return None


def amount_label(result: dict) -> str:
    """The amount as the agent reads it: an undecided programme is 待定 with what it would pay
    (never 0元 before its facts are known)."""
    if result["status"] == "ineligible":
        return yuan(0)
    if result["status"] == "eligible":
        return _yuan(result["amount"])
    return f"待定（{_provisional_phrase(result)}）"


def _provisional_phrase(result: dict) -> str:
    """What an undecided programme would pay: the amount for the facts so far, else its top."""
    if isinstance(result["amount"], int) and result["amount"] > 0:
        return f"条件都满足可得{yuan(result['amount'])}"
    prog = load().programme(result["programme"])
    top = _top(prog)
    if top:
        return f"最高{yuan(top)}"
    return f"按人数计算，标准见第{prog['standard']['clause']}条"


def _provisional(result: dict) -> int:
    """The amount that ranks a programme: what it pays (or would pay once its facts are known)."""
    if isinstance(result["amount"], int) and result["amount"] > 0:
        return result["amount"]
    return (_top(load().programme(result["programme"])) or 0) if result["status"] == "needs_info" else 0


def _quoted(name: str) -> str:
    """A programme name in quotes, unless it already carries its own (“钱塘金牌技师”技能津贴)."""
    return name if "“" in name else f"“{name}”"


def _programme_script(result: dict, next_q: dict | None) -> str:
    """One programme's line of the answer script (the phone is added once per number at the end
    of the whole script, not here)."""
    name = _quoted(result["name"])
    if result["status"] == "eligible":
        text = f"可以申请{name}：{_yuan(result['amount'])}（依据第{result['amount_clause']}条）。"
        if result["materials"]:
            text += "需准备：" + "；".join(result["materials"]) + "。"
        return text
    if result["status"] == "ineligible":
        failed = [c for c in result["conditions"] if c["result"] == "fail"]
        return f"暂不符合{name}（第{'、'.join(c['clause'] for c in failed)}条）"
    text = f"可能符合{name}，{_provisional_phrase(result)}"
    if next_q:
        text += f"，还需确认：{next_q['question']}"
    return text if text.endswith(("？", "。")) else text + "。"


def _relevance(result: dict) -> int:
    """How many of the caller's own facts already meet this programme's conditions."""
    return sum(1 for c in result["conditions"]
               if c["result"] == "pass" and c["facts"] and c.get("applicable", True))


def _rank(result: dict):
    """Eligible first, then the undecided ones the caller's facts point to, then the other
    undecided ones, then the ineligible; within each, the larger (provisional) amount first."""
    if result["status"] == "eligible":
        order = 0
    elif result["status"] == "needs_info":
        order = 1 if _relevance(result) else 2
    else:
        order = 3
    return order, -_provisional(result), result["programme"]


MAX_POSSIBLE = 3       # undecided programmes read out in the script; the rest are counted


def _phones(said: list, failed: list) -> list:
    """Each unit once, with its phone numbers and the script's item numbers they are for."""
    units: dict = {}
    for i, r in enumerate(said or failed, 1):
        units.setdefault(r["contact"]["unit"], {}).setdefault(r["contact"]["phone"], []).append(str(i))
    lines = []
    for unit, phones in units.items():
        if len(phones) == 1 or not said:
            numbers = "、".join(phones)
        else:
            numbers = "；".join(f"{phone}（第{'、'.join(items)}项）" for phone, items in phones.items())
        lines.append(f"咨询办理：{unit}，电话{numbers}。")
    return lines


def _script(decision: dict, ranked: list) -> str:
    """Short and ranked: what the caller can apply for, then what they may (largest first, at
    most MAX_POSSIBLE), one line for what they cannot, and each phone once."""
    kb = load()
    eligible = [r for r in ranked if r["status"] == "eligible"]
    possible = [r for r in ranked if r["status"] == "needs_info" and r["relevance"]]
    failed = [r for r in ranked if r["status"] == "ineligible" and r["relevance"]]
    lines = [f"根据您提供的情况（按申报日期{decision['as_of']}计算）："]
    said = eligible + possible[:MAX_POSSIBLE]
    lines += [f"{i}. {r['script']}" for i, r in enumerate(said, 1)]
    if len(possible) > MAX_POSSIBLE:
        lines.append(f"另有{len(possible) - MAX_POSSIBLE}项还需进一步了解情况，详见下方判定结果。")
    if failed:
        lines.append("；".join(r["script"] for r in failed) + "。")
    if not said and not failed and decision["next_question"]:
        lines.append(f"还需要先了解一下您的情况：{decision['next_question']['question']}")
    lines += _phones(said, failed)
    return "\n".join(lines + [kb.document["draft_note"]])


def decide(facts: dict, today: dt.date | None = None) -> dict:
    """The engine's decision with `next_question` and `script` per programme and overall.

    Raises FactsError (Chinese message) for malformed facts, like the engine.
    """
    if not isinstance(facts, dict):
        raise FactsError("(顶层)", "应为 JSON 对象", "形如 {\"person\": {...}} 的对象")
    facts = {k: v for k, v in facts.items() if v not in (None, {}, "")}
    decision = engine_decide(facts, today=today)
    kb = load()
    subject_of = {p["number"]: p["subject"] for p in kb.programmes}
    for result in decision["results"]:
        subject = subject_of[result["programme"]]
        next_q = question_for(result["missing"][0], subject) if result["missing"] else None
        result["next_question"] = next_q
        result["status_label"] = STATUS_LABELS[result["status"]]
        result["amount_label"] = amount_label(result)
        result["script"] = _programme_script(result, next_q)
        for cond in result["conditions"]:
            cond["result_label"] = ("不适用" if cond.get("applicable") is False
                                    else "受理时核验" if cond.get("verified_by_office")
                                    else RESULT_LABELS[cond["result"]])
    ranked = sorted(decision["results"], key=_rank)
    for result in ranked:
        result["relevance"] = _relevance(result)
    decision["next_question"] = next((r["next_question"] for r in ranked if r["next_question"]), None)
    decision["script"] = _script(decision, ranked)
    decision["order"] = [r["programme"] for r in ranked]
    return decision


def facts_error(exc: FactsError) -> dict:
    """A malformed fact as the agent reads it: the field's Chinese label (with its list item),
    never the internal key; `key` tells the page which field to mark."""
    spec, label = _fact_spec(exc.key)
    if exc.key == "as_of":
        spec = load().facts["top"]["as_of"]
        label = spec["label"]
    item = re.search(r"\[(\d+)\]", exc.key)
    if item and "·" in label:
        parent, own = label.rsplit("·", 1)
        label = f"{parent}第{int(item.group(1)) + 1}位·{own}"
    if not spec:
        label = "填写的情况"
    field_message = f"{exc.problem}。可填：{exc.accepted}。"
    return {"error": f"“{label}”填写有误：{field_message}", "field_error": field_message,
            "label": label, "key": exc.key}


# -- search and understanding (modules written by other parts of the project) ---------
def search(query: str, limit: int = 12) -> list:
    """Search hits grouped into programme cards, in the order of each programme's best hit."""
    try:
        from policy_kb.search import search as kb_search
    except ImportError:
        raise Unavailable("知识库检索模块尚未安装，暂时无法检索。") from None
    kb = load()
    cards: dict[int, dict] = {}
    for hit in kb_search(query, limit=limit):
        number = hit.get("programme")
        if number not in kb.by_number:
            continue
        if number not in cards:
            prog = kb.programme(number)
            cards[number] = {"programme": number, "name": prog["name"], "content": prog["content"],
                             "unit": prog["unit"], "phone": prog["phone"], "hits": []}
        cards[number]["hits"].append({"section": hit.get("section") or "", "clause": hit.get("clause") or "",
                                       "text": hit.get("text") or ""})
    return list(cards.values())


def answer(query: str, today: dt.date | None = None) -> dict | None:
    """The chat's own answer to the caller's question (answering/): the same text and clause
    on every surface. None when the question points at nothing in the document."""
    from answering import respond
    reply = respond(query, today)
    if reply is None:
        return None
    if reply.card:
        prog = load().programme(reply.programme)
        text = f"【{prog['name']}】{prog['content']}\n标准：{prog['standard']['text']}（第{prog['standard']['clause']}条）"
    else:
        text = reply.text
    return {"text": text, "programme": reply.programme, "kind": reply.kind}


# Who is calling (the pipeline's subject) → the organisation kind it implies (facts.yml keys).
_KIND_OF_SUBJECT = {"enterprise": "enterprise", "training_org": "training_org"}
def _subject_labels() -> dict:
    """Who is asking, in the KB's words (askers.yml)."""
    return {key: asker["label"] for key, asker in load().askers.items()}
# Words that carry no fact of their own: a piece made only of these is not "not recognised".
_FILLER = frozenset("""
    我 我们 俺 本人 你 您 你们 他 她 他们 她们 它 这 那 这个 那个 这边 那边 是 就是 也是 还是 的 地 得 了 过 着
    吗 呢 吧 啊 呀 哦 嗯 哈 么 嘛 啦 喔 哎 唉 诶 也 都 还 就 又 再 才 和 跟 与 及 或 或者 而且 但是 不过
    在 有 个 名 位 人 一个 一家 一下 一些 然后 还有 另外 其实 反正 那么 所以 因为 如果 现在 目前 已经
    你好 您好 请问 请 麻烦 谢谢 问 问问 想 想问 想问问 咨询 了解 说 来电人 来电 对 好 好的 嗯嗯 对对
""".split())
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fact_spec(fact: str) -> tuple[dict, str]:
    """facts.yml spec of a span's fact path ('person.new_level', 'organisation.introduced[].level')
    and its label with the enclosing list or group ('新引进的高技能人才·等级')."""
    kb = load()
    path = re.sub(r"\[\d*\]", "[]", fact.split(".", 1)[1]) if "." in fact else fact
    spec = kb.fact_spec(path) or {}
    label = spec.get("label", fact)
    parents = []
    parts = path.replace("[]", "").split(".")
    for i in range(1, len(parts)):
        parent = kb.fact_spec(".".join(parts[:i]))
        if parent and parent.get("label"):
            parents.append(parent["label"])
    return spec, "·".join(parents + [label])


def _date_label(value: str) -> str:
    parts = value.split("-")
    names = ("年", "月", "日")
    if all(p.isdigit() for p in parts) and 1 <= len(parts) <= 3:
        return "".join(f"{int(p) if i else p}{names[i]}" for i, p in enumerate(parts))
    return value


def _value_label(spec: dict, value, polarity: str) -> str:
    """A span's value in the words the agent reads: 是/否/不清楚, enum labels, 2025年5月, 8."""
    if polarity == "unknown":
        return "不清楚"
    if polarity == "neg":
        return "否"
    kind = spec.get("type")
    labels = spec.get("values") if isinstance(spec.get("values"), dict) else {}
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if not value:
            return "无"
        return "、".join(_value_label(spec, v, polarity) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k}{v}" for k, v in value.items())
    if kind in ("date", "month") and isinstance(value, str):
        return _date_label(value)
    if value is None:
        return "有"
    return str(labels.get(value, value))


def _unrecognised(text: str, spans: list, entities: list, subject, unknown: list) -> list:
    """Pieces of `text` outside every span that say something beyond filler words.

    Words the pipeline itself matched as cues or triggers (取证, 社保交了, 没有) in a clause that
    gave a fact were read, as were the words naming the speaker (来电人, 我们是培训机构); so was a
    clause saying the caller does not know a fact no span marks ("有没有金牌称号不清楚")."""
    from understanding.context import clauses
    from understanding.nlp import load as load_nlp

    read = [False] * len(text)
    for span in spans:
        for i in range(max(0, span["start"]), min(len(text), span["end"])):
            read[i] = True
    parts = clauses(text)
    with_fact = [c for c in parts if any(s["start"] < c.end and c.start < s["end"] for s in spans)]
    if set(unknown) - {s["fact"] for s in spans if s["polarity"] == "unknown"}:
        with_fact += [c for c in parts if c not in with_fact and any(t[2] == "uncertain" for t in c.triggers)]
    for start, end, label in entities:
        used = (label == "SPEAKER" and subject) or (
            label in ("CUE", "TRIGGER") and any(c.start <= start and end <= c.end for c in with_fact))
        if used:
            for i in range(start, end):
                read[i] = True
    for clause in with_fact:
        for start, end, _ in clause.triggers:
            for i in range(start, end):
                read[i] = True
    tokens = [(t.idx, t.idx + len(t.text)) for t in load_nlp()(text)]
    bounds = sorted({0, len(text)} | {c.start for c in parts} | {c.end for c in parts})
    out = []
    i = 0
    while i < len(text):
        if read[i] or not text[i].strip() or re.match(r"[^\w]", text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and not read[j] and text[j].strip() and not re.match(r"[^\w]", text[j]) \
                and (j == i or j not in bounds):
            j += 1
        words = [(max(s, i), min(e, j)) for s, e in tokens if s < j and i < e]
        words = [(s, e) for s, e in words if s < e]
        while words and (text[words[0][0]:words[0][1]] in _FILLER or not _CJK.search(text[words[0][0]:words[0][1]])):
            words.pop(0)
        while words and (text[words[-1][0]:words[-1][1]] in _FILLER or not _CJK.search(text[words[-1][0]:words[-1][1]])):
            words.pop()
        if words:
            out.append({"start": words[0][0], "end": words[-1][1], "text": text[words[0][0]:words[-1][1]]})
        i = j
    return out


def _kind_span(text: str, kind, spans: list):
    """The organisation kind the caller's role implies ("我们是一家企业") has no span of its own:
    mark the first word for that kind (facts.yml say.words) that no span covers."""
    if not kind or any(s["fact"] == "organisation.kind" for s in spans):
        return None
    spec = load().fact_spec("kind") or {}
    words = sorted((spec.get("say") or {}).get("words", {}).get(kind, []), key=len, reverse=True)
    for word in words:
        for m in re.finditer(re.escape(word), text):
            if not any(s["start"] < m.end() and m.start() < s["end"] for s in spans):
                return {"start": m.start(), "end": m.end(), "text": word, "fact": "organisation.kind",
                        "value": kind, "polarity": "pos", "label": spec.get("label", "kind")}
    return None


def subject_of(facts: dict) -> str | None:
    """Who the facts so far are about, as the chat's check names it (for reading the next words)."""
    org = (facts or {}).get("organisation") or {}
    if org:
        return "studio" if org.get("studio") else org.get("kind") or "enterprise"
    person = (facts or {}).get("person") or {}
    if person:
        return "student" if person.get("full_time_student_in_qiantang") else "person"
    return None


def understand(text: str, today: dt.date | None = None, known: dict | None = None) -> dict:
    """The caller's words read by the project's understanding pipeline (understanding/).

    Returns facts (engine-ready, FACTS.md shape), problems ([{"fact", "label", "message"}]: values
    heard but refused), read_text (the text as read; every offset refers to it), spans (the
    pipeline's, each with value_label and full_label in Chinese; a refused one with its problem),
    subject and subject_label, unknown (fact paths the caller does not know) with unknown_labels,
    and unrecognised ([{"start", "end", "text"}]: pieces of read_text no fact came from).
    `known`: the facts the page has so far; the words are read against them (a head named by its
    level, "另外还有…" added) and `merged` is the result of merging them in, as in the chat.
    """
    try:
        from understanding import understand as read
    except ImportError:
        raise Unavailable("语句理解模块尚未安装，请直接在右侧填写情况。") from None
    known = known if isinstance(known, dict) else None
    reading = read(text, today=today or dt.date.today(), subject=subject_of(known), known=known)
    from understanding.insurance import continuing, recounted     # "社保一直交着": counted as the chat's check does
    from understanding.tenure import employed_at_cert      # "在我们这干了十年了": as the chat's check reads it
    facts = continuing(reading.facts or {}, known, reading.text, reading.today)
    facts = recounted(facts, known, reading.today)
    facts = employed_at_cert(facts, known, reading.text, reading.today)
    kind = _KIND_OF_SUBJECT.get(reading.subject)
    if kind:
        facts.setdefault("organisation", {}).setdefault("kind", kind)
    problems = list(reading.problems or [])
    found = reading.as_dict()["spans"]
    kind_span = _kind_span(reading.text, (facts.get("organisation") or {}).get("kind"), found)
    if kind_span:
        found.append(kind_span)
    refused = {p["fact"]: p["message"] for p in problems}
    spans = []
    for span in found:
        spec, full_label = _fact_spec(span["fact"])
        span["value_label"] = _value_label(spec, span["value"], span["polarity"])
        span["full_label"] = full_label
        problem = refused.get(re.sub(r"\[\d*\]", "[]", span["fact"].split(".", 1)[-1]))
        if problem:                       # heard, but the engine cannot take it as it is
            span["problem"] = problem
        spans.append(span)
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    from understanding import merge
    return {
        "read_text": reading.text,
        "facts": facts,
        # the facts so far with these words merged in, exactly as the chat's check merges them
        # (list heads by position, as lined up with the heads already known)
        "merged": merge(known, facts) if known is not None else None,
        "problems": problems,
        "spans": spans,
        "subject": reading.subject,
        "subject_label": _subject_labels().get(reading.subject, ""),
        "unknown": list(reading.unknown),
        "unknown_labels": {path: _fact_spec(path)[1] for path in reading.unknown},
        "unrecognised": _unrecognised(reading.text, spans, reading.entities, reading.subject, reading.unknown),
    }
