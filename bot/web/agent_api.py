"""What the hotline agent page asks for, as plain functions over policy_kb (no HTTP here).

- schema(): facts.yml resolved for a form (enum values with their Chinese labels).
- decide(): the engine's decision, plus per programme the next question to ask and
  a plain-language answer script the agent can read out or paste.
- search(): knowledge-base search hits grouped into programme cards, best first.
- understand(): the caller's words → facts, through the assistant's extractor.
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


def _quoted(name: str) -> str:
    """A programme name in quotes, unless it already carries its own (“钱塘金牌技师”技能津贴)."""
    return name if "“" in name else f"“{name}”"


def _programme_script(result: dict, next_q: dict | None) -> str:
    name, contact = result["name"], result["contact"]
    phone = f"如需办理，请联系{contact['unit']}，电话{contact['phone']}。"
    if result["status"] == "eligible":
        text = f"您符合{_quoted(name)}的条件，可申请{_yuan(result['amount'])}（依据第{result['amount_clause']}条）。"
        if result["materials"]:
            text += "申报需准备：" + "；".join(result["materials"]) + "。"
        return text + phone
    if result["status"] == "ineligible":
        failed = [c for c in result["conditions"] if c["result"] == "fail"]
        why = "；".join(f"第{c['clause']}条要求“{c['text']}”" for c in failed)
        return f"按您说的情况，暂不符合{_quoted(name)}：{why}。" + phone
    text = f"{_quoted(name)}目前还不能确定"
    if isinstance(result["amount"], int) and result["amount"] > 0:
        text += f"，如条件都满足可申请{_yuan(result['amount'])}（依据第{result['amount_clause']}条）"
    text += "。"
    if next_q:
        text += f"还需要确认：{next_q['question']}"
    return text + phone


def _relevance(result: dict) -> int:
    """How many of the caller's own facts already meet this programme's conditions."""
    return sum(1 for c in result["conditions"]
               if c["result"] == "pass" and c["facts"] and c.get("applicable", True))


def _rank(result: dict):
    """Eligible first, then undecided ones the caller's facts already point to, then the rest."""
    order = {"eligible": 0, "needs_info": 1, "ineligible": 2}[result["status"]]
    return order, -_relevance(result), result["programme"]


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
        result["script"] = _programme_script(result, next_q)
        for cond in result["conditions"]:
            cond["result_label"] = ("不适用" if cond.get("applicable") is False
                                    else "受理时核验" if cond.get("verified_by_office")
                                    else RESULT_LABELS[cond["result"]])
    ranked = sorted(decision["results"], key=_rank)
    for result in ranked:
        result["relevance"] = _relevance(result)
    spoken = [r for r in ranked if r["status"] == "eligible" or r["relevance"]]
    decision["next_question"] = next((r["next_question"] for r in ranked if r["next_question"]), None)
    lines = [r["script"] for r in spoken]
    if not spoken and decision["next_question"]:
        lines = [f"还需要先了解一下您的情况：{decision['next_question']['question']}"]
    decision["script"] = "\n".join(
        [f"根据您提供的情况（按申报日期{decision['as_of']}计算）："] + lines + [kb.document["draft_note"]])
    decision["order"] = [r["programme"] for r in ranked]
    return decision


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


# Who is calling (the extractor's subject) → the organisation kind it implies (facts.yml keys).
_KIND_OF_SUBJECT = {"enterprise": "enterprise", "training_org": "training_org"}


def understand(text: str, today: dt.date | None = None) -> tuple[dict, list]:
    """The caller's words → (facts, problems), with the extractor the assistant uses.

    problems: [{"fact", "message"}] — values heard but not valid (Chinese messages).
    """
    try:
        from actions.extract import detect_subject, extract_facts
    except ImportError:
        raise Unavailable("语句理解模块尚未安装，请直接在右侧填写情况。") from None
    subject = detect_subject(text)
    found = extract_facts(text, today or dt.date.today(), subject=subject)
    facts, problems = found if isinstance(found, tuple) else (found, [])
    facts = facts or {}
    kind = _KIND_OF_SUBJECT.get(subject)
    if kind:
        facts.setdefault("organisation", {}).setdefault("kind", kind)
    return facts, list(problems or [])
