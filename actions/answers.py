"""What the assistant says about the programmes, built from policy_kb (pure, no Rasa).

Every name, amount, clause, material and phone number comes from the knowledge base;
this module only arranges them into short phone-friendly paragraphs. Amounts are
written one way everywhere: 5000元, by the engine's own formatter.
"""
from __future__ import annotations

import re

from answering import read
from answering.links import roster_url  # noqa: F401  (tests and pages import it from here)
from answering.compose import ASPECT_TITLES  # noqa: F401  (the document's headings, one list)
from policy_kb.amounts import yuan
from policy_kb.kb import load
from policy_kb.terms import programme_names

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def money(amount) -> str:
    """Amounts the one way the project writes them (policy_kb.amounts.yuan: 5000元)."""
    return yuan(int(amount))


def display_name(number: int) -> str:
    return load().programme(number)["name"]


def detect_aspect(text: str) -> str | None:
    """The heading a question asks about (answering/rules.yml `aspects`)."""
    return read(text).aspect


def programme_named(text: str) -> tuple | None:
    """(name as written, programme) of the longest programme name or alias in the text."""
    best = None
    for surface, number in programme_names().items():
        if surface in text and (best is None or len(surface) > len(best[0])):
            best = (surface, number)
    return best


def find_programme(text: str) -> int | None:
    """The programme a text names (longest name or alias wins)."""
    best = programme_named(text)
    return best[1] if best else None


def max_amount(prog: dict):
    std = prog["standard"]
    if "table" in std and std.get("formula") in ("level_topup", "lookup"):
        return max(std["table"].values())
    if std.get("formula") == "monthly":
        return std["monthly"] * std["months"]
    if std.get("formula") == "fixed":
        return std["amount"]
    if std.get("formula") == "match":
        return std.get("cap")
    if "table" in std:
        return max(std["table"].values())     # per head / per certificate
    return None


def _numbered(items) -> str:
    return "\n".join(f"{CIRCLED[i] if i < len(CIRCLED) else str(i + 1) + '.'}{item}" for i, item in enumerate(items))


def _amount_text(prog: dict) -> str:
    std = prog["standard"]
    return f"{std['text']}（见第{std['clause']}条）"


def aspect_answer(number: int, aspect: str) -> str:
    """One aspect of a programme, as the typed-question answers give it (answering/): the
    same text whether the user tapped a button or typed the question."""
    from answering import aspect_text
    return aspect_text(number, aspect)


def card(number: int) -> tuple:
    """(text, custom payload) of a programme card."""
    prog = load().programme(number)
    top = max_amount(prog)
    text = (f"【{prog['name']}】\n{prog['content']}\n"
            f"对象：{prog['object']}\n"
            f"标准：{_amount_text(prog)}\n"
            f"电话：{prog['phone']}（{prog['unit']}）\n"
            "可以继续问我它的条件、流程或材料。")
    payload = {"type": "programme_card", "programme": number, "name": prog["name"],
               "content": prog["content"], "object": prog["object"],
               "amount": money(top) if top else None, "amount_clause": prog["standard"]["clause"],
               "standard": prog["standard"]["text"],
               "unit": prog["unit"], "phone": prog["phone"]}
    return text, payload


def programme_buttons(numbers=None, aspect: str | None = None) -> list:
    """One button per programme; `aspect` carries the question over ("要什么材料" → which one?)."""
    kb = load()
    numbers = numbers or [p["number"] for p in kb.programmes]
    extra = f',"aspect":"{aspect}"' if aspect else ""
    return [{"title": kb.programme(n)["name"], "payload": f'/ask_programme{{"programme":"{n}"{extra}}}'}
            for n in numbers]


def programme_list() -> tuple:
    kb = load()
    text = f"钱塘区技能人才政策共{len(kb.programmes)}项，点选任意一项查看详情："
    payload = {"type": "programme_list",
               "programmes": [{"programme": p["number"], "name": p["name"]} for p in kb.programmes]}
    return text, programme_buttons(), payload


def phones_by_topic() -> str:
    kb = load()
    groups: dict = {}
    for prog in kb.programmes:
        groups.setdefault(prog["phone"], []).append(prog["name"])
    lines = [f"{phone}：{'、'.join(names)}" for phone, names in groups.items()]
    return f"各项政策的咨询电话（{kb.document['general_phone_unit']}）：\n" + "\n".join(lines)


def handoff(number: int | None) -> str:
    if number:
        prog = load().programme(number)
        return (f"关于【{prog['name']}】，可以直接拨打{prog['unit']}电话 {prog['phone']}，"
                "工作时间有工作人员为您解答。")
    return phones_by_topic() + "\n工作时间拨打对应电话即可找到工作人员。"


def draft_note() -> str:
    return load().document["draft_note"]


# -- the final answer of an eligibility check --------------------------------------
def _amount_phrase(result: dict) -> str:
    if result.get("amount") is None:
        return "金额待定"
    if result.get("monthly") and result.get("months"):
        return f"每月{money(result['monthly'])}，共{result['months']}个月，合计{money(result['amount'])}"
    return money(result["amount"])


def headline(eligible: list, maybe: list) -> str:
    """The answer's first line: the total and the best programme (issue 10)."""
    if not eligible:
        return "按目前的信息，暂时没有可以确定申请的项目" + (f"，另有{len(maybe)}项还需确认。" if maybe else "。")
    total = sum(r.get("amount") or 0 for r in eligible)
    best = eligible[0]
    line = f"按您提供的信息，合计可申请{money(total)}" if len(eligible) > 1 else "按您提供的信息，可申请"
    line += f"：{best['name']}{money(best['amount'])}" if best.get("amount") else f"：{best['name']}"
    if len(eligible) > 1:
        line += f"等{len(eligible)}项"
    return line + (f"；另有{len(maybe)}项还需确认。" if maybe else "。")


def _reason(result: dict) -> str:
    clauses = [c["clause"] for c in result["conditions"]
               if c["result"] == "pass" and c.get("applicable", True) and not c.get("verified_by_office")]
    unique = list(dict.fromkeys(clauses))
    return f"符合{'、'.join(unique)}等条件，标准见第{result['amount_clause']}条" if unique else \
        f"标准见第{result['amount_clause']}条"


def _amount_notes(result: dict) -> list:
    """The engine's notes about this amount (补差, caps, 户籍 bonus), not the standing ones."""
    standing = set(load().programme(result["programme"])["notes"]) | {draft_note()}
    return [n for n in result.get("notes", []) if n not in standing]


def head_label(head: str) -> str:
    """'introduced[0]' → 第1位新引进高技能人才."""
    m = re.match(r"([a-z_.]+)\[(\d+)\]", head)
    parent = load().fact_spec(m.group(1)) or {}
    return f"第{int(m.group(2)) + 1}位{parent.get('label', '').replace('的', '')}"


def fact_label(path: str) -> str:
    spec = load().fact_spec(re.sub(r"\[\d+\]", "[]", path)) or {}
    label = spec.get("label", path)
    m = re.match(r"([a-z_.]+\[\d+\])\.", path)
    return f"{head_label(m.group(1))}：{label}" if m else label


def _open_heads(result: dict) -> list:
    """Heads of an eligible result still waiting on a fact: what each would add if it holds
    ("第2位新培育高技能人才：还需确认取证时在本单位就业；如符合，另加10000元")."""
    lines = []
    for item in result.get("items") or []:
        if item.get("status") == "needs_info" and item.get("missing"):
            need = "、".join(fact_label(m).split("：", 1)[-1] for m in item["missing"][:3])
            head = head_label(re.match(r"[a-z_.]+\[\d+\]", item["missing"][0]).group(0))
            more = f"；如符合，另加{money(item['amount'])}" if item.get("amount") else ""
            lines.append(f"  {head}：还需确认{need}{more}。")
    return lines


def final_answer(decision: dict, relevant: list, asked: list, skipped: list) -> list:
    """The closing messages: [(text, payload|None)] — results, materials, phones, caveat."""
    results = [r for r in decision["results"] if r["programme"] in relevant]
    eligible = sorted((r for r in results if r["status"] == "eligible"), key=lambda r: -(r.get("amount") or 0))
    maybe = [r for r in results if r["status"] == "needs_info"]
    failed = [r for r in results if r["status"] == "ineligible"]
    parts = [headline(eligible, maybe)]
    if eligible:
        lines = []
        for r in eligible:
            lines.append(f"· {r['name']}：{_amount_phrase(r)}。{_reason(r)}。")
            lines += [f"  说明：{n}" for n in _amount_notes(r)]
            lines += _open_heads(r)
        parts.append("根据您提供的信息，可以申请：\n" + "\n".join(lines))
    if maybe:
        lines = []
        for r in maybe:
            need = "、".join(fact_label(m) for m in r["missing"][:3]) or "由区人社局审核确认"
            amount = f"（如符合：{_amount_phrase(r)}）" if r.get("amount") else ""
            lines.append(f"· {r['name']}{amount}：还需确认：{need}。")
        parts.append("可能可以申请，还要看：\n" + "\n".join(lines))
    for r in failed:
        if r["programme"] in asked or len(relevant) == 1:
            cond = next(c for c in r["conditions"] if c["result"] == "fail")
            parts.append(f"{r['name']}：暂不符合。不满足第{cond['clause']}条“{cond['text']}”。")
    others = [r for r in failed if r["programme"] not in asked and len(relevant) > 1]
    if others:                      # each with its one-line reason and clause
        lines = []
        for r in others:
            cond = next((c for c in r["conditions"] if c["result"] == "fail"), None)
            lines.append(f"· {r['name']}：不满足第{cond['clause']}条“{cond['text']}”" if cond else f"· {r['name']}")
        parts.append("以下项目不符合条件：\n" + "\n".join(lines))
    messages = [("\n\n".join(parts), {
        "type": "eligibility_result", "as_of": decision["as_of"], "rules_version": decision["rules_version"],
        "results": [{"programme": r["programme"], "name": r["name"], "status": r["status"],
                     "amount": r.get("amount"), "phone": r["contact"]["phone"]} for r in results]})]
    todo = eligible + maybe
    if todo:
        mats = []
        for r in todo:
            body = _numbered(r["materials"]) if r["materials"] else "文件未列材料清单，以区人社局通知为准。"
            mats.append(f"【{r['name']}】\n{body}")
        messages.append(("申报材料：\n" + "\n".join(mats), None))
        phones = [f"· {r['name']}：{r['contact']['phone']}（{r['contact']['unit']}）" for r in todo]
        messages.append(("咨询电话：\n" + "\n".join(phones), None))
    if any(r.get("items") is not None for r in results):
        # heads told over several turns: the check takes more after its answer ("还有两个 一个技师…")
        messages.append(("还有其他人员没说到的，直接发给我（等级、日期等），我会一并重新核算。\n"
                         f"人员较多时，可在花名册预审页面上传花名册（Excel），一次核对全部人员：{roster_url()}", None))
    messages.append(("提示：" + draft_note(), None))
    return messages
