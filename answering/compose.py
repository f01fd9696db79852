"""The answer to one question: the specific answer first, then the clause it rests on.

Order of precedence (first that applies): another district → 附则 / draft status →
comparison → combination → yes/no with stated facts (the engine decides) → 补差 → the
amount for a level, grade or head → a specific sentence of the document (公示, frequency,
deadlines, instalments, caps, bonuses) → the aspect asked (材料, 电话…) → the programme's card.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from policy_kb.amounts import yuan
from policy_kb.engine import decide
from policy_kb.kb import load
from policy_kb.paths import get_path, set_path
from policy_kb.since import holders, months_since, since_fields
from policy_kb.terms import programme_names
from understanding import merge

from . import amounts, clauses
from .clauses import cite
from .reading import CUE_WEIGHT, Question, _clauses, _cued, _located, _named, _occurrences, _patterns, is_question, last_clause, qualifier, read, rules

ASPECT_TITLES = {"content": "政策内容", "object": "政策对象", "conditions": "申请条件", "amount": "兑付标准",
                 "process": "业务流程", "materials": "申报材料", "unit": "责任单位", "phone": "联系电话"}
ASPECT_PARTS = {"content": "content", "object": "object", "conditions": "condition", "amount": "standard",
                "process": "process", "materials": "material"}


@dataclass
class Reply:
    text: str = ""
    programme: int | None = None      # the programme answered (context for follow-ups)
    kind: str = "aspect"              # what was answered (for figures per kind and the review desk)
    aspect: str | None = None
    card: bool = False                # the caller shows the programme's card instead of `text`
    related: list = field(default_factory=list)   # "您可能还想问": [programme]
    offer_check: bool = False
    facts: dict = field(default_factory=dict)     # the facts the question stated (kept for the check)
    failing: list = field(default_factory=list)   # a "no" of the engine: the facts its failing condition reads


def say(key: str, **values) -> str:
    return rules()["say"][key].format(**values)


def _prog(n: int) -> dict:
    return load().programme(n)


def _subject_for(n: int) -> str:
    return next(k for k, a in load().askers.items() if n in a["programmes"])


def aspect_text(n: int, aspect: str) -> str:
    """The aspect of a programme as the document says it, each part with its clause."""
    prog = _prog(n)
    head = prog.get("headings", {})
    if aspect == "unit":
        return f"【{prog['name']}】责任单位：{prog['unit']}{cite(head.get('unit', ''))}"
    if aspect == "phone":
        return f"【{prog['name']}】联系电话：{prog['phone']}（{prog['unit']}）{cite(head.get('phone', ''))}"
    parts = clauses.of(n, ASPECT_PARTS[aspect])
    if aspect == "amount" and prog["standard"]["formula"] in ("monthly", "monthly_by_level"):
        std = prog["standard"]
        return (f"【{prog['name']}】{ASPECT_TITLES[aspect]}：{std['text']}{cite(std['clause'])}\n"
                f"即{amounts.headline(prog)}。")
    if not parts:
        return f"【{prog['name']}】{say('no_' + aspect)}"
    if len(parts) == 1:
        return f"【{prog['name']}】{ASPECT_TITLES[aspect]}：{parts[0].text}{cite(parts[0].label)}"
    lines = [f"{clauses.CIRCLED[i]}{c.text}{cite(c.label)}" if aspect == "conditions"
             else f"{clauses.CIRCLED[i]}{c.text}" for i, c in enumerate(parts)]
    where = "" if aspect == "conditions" else cite(head.get(aspect if aspect != "materials" else "materials", ""))
    return f"【{prog['name']}】{ASPECT_TITLES[aspect]}{where}：\n" + "\n".join(lines)


# -- kinds -------------------------------------------------------------------------
def other_district(q: Question) -> Reply:
    return Reply(say("other_district", place=q.district), kind="other_district",
                 related=q.programmes[:1])


def supplementary(q: Question) -> Reply:
    doc = load().document
    if q.supplementary:
        # each item asked, in the order asked ("申报表去哪下载 这个细则最后谁说了算": 3, then 4)
        items = [n for n in q.supplements if n == q.supplementary or not q.named] or [q.supplementary]
        text = "\n".join(f"{c.text}{cite(c.label)}" for c in map(clauses.supplementary, items))
        if 1 in items:
            text += "\n" + doc["draft_note"]
            if re.search(rules()["expiry_asked"], q.text):     # "有效期到什么时候": the document gives no end
                text += "\n" + say("no_expiry")
        verdict = rules()["supplementary_verdicts"].get(q.supplementary)
        first = f"{q.yes_no[verdict]}。" if q.yes_no and verdict else ""
        if q.supplementary == 1 and q.yes_no and re.search(rules()["old_rules"], q.text):
            # "老的细则还管用吗" → 不再执行, "2021年那个作废了吗" → 是: the old rules are no longer in force
            first = say("old_rules_ended" if re.search(rules()["old_ended"], q.text) else "old_rules_not")
        return Reply(f"{first}{say('supplementary', title=doc['title'])}\n{text}", kind="supplementary")
    return Reply(f"{doc['draft_note']}", kind="supplementary")


def compare(q: Question) -> Reply | None:
    if len(q.named) >= 2:
        if q.aspect and q.aspect != "amount" and q.aspect != "content":
            return several(q)
        level = q.levels[0] if q.levels else None
        lines = [f"· {_prog(n)['name']}：" + (amounts.for_level(_prog(n), level) if level and amounts.table_of(
                 _prog(n)["standard"]) else amounts.headline(_prog(n))) + cite(_prog(n)["standard"]["clause"])
                 for n in q.named[:3]]
        a, b = (_prog(n)["standard"] for n in q.named[:2])
        if level and level in amounts.table_of(a) and level in amounts.table_of(b):
            lines.append(say("level_difference", a=_prog(q.named[0])["name"], b=_prog(q.named[1])["name"],
                             diff=yuan(abs(a["table"][level] - b["table"][level]))))
        elif a["formula"] == b["formula"] == "monthly":
            diff = abs(a["monthly"] - b["monthly"])
            lines.append(say("monthly_difference", monthly=yuan(diff), total=yuan(diff * a["months"]),
                             months=a["months"]))
        return Reply("\n".join(lines), programme=q.named[0], kind="compare")
    grades = [g for g in ("优秀", "良好", "合格") if g in q.text]
    if q.programme and len(grades) >= 2 and _prog(q.programme)["standard"]["formula"] == "lookup":
        prog = _prog(q.programme)
        table = amounts.table_of(prog["standard"])
        lines = [f"· {amounts.for_grade(prog, g)}" for g in grades]
        lines.append(say("level_difference", a=grades[0], b=grades[1], diff=yuan(abs(table[grades[0]] - table[grades[1]]))))
        return Reply(f"【{prog['name']}】\n" + "\n".join(lines) + cite(prog["standard"]["clause"]),
                     programme=q.programme, kind="compare")
    levels = list(dict.fromkeys(q.levels))
    if q.programme and len(levels) >= 2:
        prog = _prog(q.programme)
        table = amounts.table_of(prog["standard"])
        lines = [f"· {amounts.for_level(prog, lv)}" for lv in levels[:3]]
        if all(lv in table for lv in levels[:2]):
            lines.append(say("level_difference", a=levels[0], b=levels[1],
                             diff=yuan(abs(table[levels[0]] - table[levels[1]]))))
        return Reply(f"【{prog['name']}】\n" + "\n".join(lines) + cite(prog["standard"]["clause"]),
                     programme=q.programme, kind="compare")
    if q.programme and q.grade is None and len(q.programmes) >= 2:
        return compare(Question(text=q.text, named=q.programmes[:2], levels=q.levels, aspect=q.aspect))
    return None


def classes(q: Question, n: int | None = None) -> Reply | None:
    """"专项能力证书 二产跟非二产补贴一样吗", "紧缺工种的技师跟普通技师一样吗", "钱塘户口的跟外地户口的
    引才资助一样吗": two classes that one programme's standard sets apart (its special entry,
    its uplift, its bonus) — both amounts, how far apart, and 一样/不一样 when that is asked."""
    q.programmes = [n or q.programme] + [m for m in q.programmes if m != (n or q.programme)]
    prog = _prog(q.programme)
    std = prog["standard"]
    head, where = f"【{prog['name']}】", cite(std["clause"])
    special, uplift, bonus = std.get("special"), std.get("uplift"), std.get("bonus")
    hukou = re.search(rules()["hukou"], q.text)
    levels = [lv for lv in dict.fromkeys(q.levels) if lv in amounts.table_of(std)]
    if special and special["value"] in q.text:
        line, diff = say("special", yes=yuan(special["if_true"]), no=yuan(special["if_false"])), \
            abs(special["if_true"] - special["if_false"])
    elif (uplift and "紧缺" in q.text) or (bonus and hukou):
        if not levels:
            diff = None
            line = f"{std['text']}"
        else:
            lv = levels[0]
            line = amounts.for_level(prog, lv, hukou=bool(hukou), shortage="紧缺" in q.text)
            amount = amounts.table_of(std)[lv]
            if uplift and "紧缺" in q.text:
                diff = 0 if lv in uplift.get("except", []) else \
                    int(round(amount * (100 + uplift["percent"]) / 100)) - amount
            else:
                diff = 0 if lv in bonus.get("except", []) else bonus["amount"]
    else:
        return None
    first = ""
    if "一样" in q.text and diff is not None:
        first = say("classes_differ") if diff else say("classes_same")
    lines = [first + head + line + where]
    if diff:
        lines.append(say("classes_difference", diff=yuan(diff)))
    return Reply("\n".join(lines), programme=q.programme, kind="compare")


def combine(q: Question) -> Reply | None:
    progs = q.named[:2] if len(q.named) >= 2 else q.programmes[:2]
    if len(progs) < 2:
        return None
    asked = [n for _, n in _named(last_clause(q.text))[0]]
    progs = sorted(progs, key=lambda n: n not in asked)   # the one asked about ("…那我的提升补助还能拿吗") first
    a, b = (_prog(n) for n in progs)
    said = [note for p, other in ((a, b), (b, a)) for note in p["notes"]
            if other["name"].strip("“”") in note or any(al in note for al in other["aliases"][:2])]
    lines = [say("combine_silent", a=a["name"], b=b["name"])]
    lines += said
    lines += [f"· {p['name']}：{amounts.headline(p)}{cite(p['standard']['clause'])}" for p in (a, b)]
    phones = dict.fromkeys((p["phone"], p["unit"]) for p in (a, b))
    lines.append(say("ask_phone", phones="、".join(f"{ph}（{u}）" for ph, u in phones)))
    return Reply("\n".join(lines), programme=progs[0], kind="combine", related=[progs[1]])


def _asked_amount(text: str, bare: bool = False) -> int | None:
    """"能拿24万吗", "最多补二十万是吧" → 240000, 200000: an amount the question proposes (in
    its asking clause; "领过3000块了" earlier in the message is a fact, not a proposal)."""
    from understanding.values import read as values
    asking = last_clause(text)
    found = values(asking, dt.date.today())
    money = [v.value for v in found if v.kind == "money"]
    if not money and bare and re.search(rules()["bare_money"]["verbs"], asking):
        # "育才资助是每个人都给3000吗": a bare figure beside 给/补/拿 is an amount
        money = [v.value for v in found if v.kind == "number" and v.value >= rules()["bare_money"]["least"]
                 and not re.match(rules()["bare_money"]["not_before"], asking[v.end:])]
    return int(round(money[0])) if money else None


def _stated_facts(prog: dict, text: str, today: dt.date, beyond_name: bool = False) -> dict:
    """The facts a question states, for the programme's kind of applicant; one person's
    facts become the one head of an organisation's list ("2025年3月发的证，育才算不算").
    beyond_name: {} when every fact comes from the programme's own name ("我能申请金牌技师
    津贴吗" states no title: the check starts)."""
    own, person = _readings(prog["number"], text, today)
    facts = copy.deepcopy(own.facts) if (own.facts.get("organisation") or not prog.get("items")) else {}
    head = _as_head(prog, person.facts) if person else {}
    if not facts:
        facts, used = head, person
        heads = get_path(facts.get("organisation") or {}, prog["items"]) if head else None
        if heads and len(heads) == 1:     # "有个员工是在上家公司的时候考出的高级技师": the head's own fields too
            for key, value in _firm_head(prog["number"], text, today).items():
                heads[0].setdefault(key, value)
            bonus = prog["standard"].get("bonus")
            if bonus and _hukou_held(text):
                heads[0].setdefault(bonus["fact"], True)      # "引才资助 特级技师钱塘户口 一共多少"
    else:
        used = own
        items = get_path(facts.get("organisation") or {}, prog["items"]) if prog.get("items") else None
        extra = get_path(head.get("organisation") or {}, prog["items"]) if head else None
        if items and extra and len(items) == 1:
            for key, value in extra[0].items():
                items[0].setdefault(key, value)
    located = _located_facts(prog, text)
    if beyond_name and facts and not _said_beyond_names(used) and not located:
        return {}
    for path in located:              # "我们公司在滨江": organisation.in_qiantang is false
        root, name = path.split(".", 1)
        set_path(facts.setdefault(root, {}), name, False)
    _special_named(prog, facts, text)
    if facts:
        _applied_on(facts, text, today)
    return _continuous_insurance(facts, text, today) if facts else {}


def _applied_on(facts: dict, text: str, today: dt.date) -> None:
    """"2025年3月申报的": the day of application stated (facts' as_of), when the reading has none."""
    from understanding.values import read as values
    if "as_of" in facts:
        return
    for v in values(text, today):
        if v.kind == "date" and isinstance(v.value, tuple) and not v.yearless and len(v.value[0]) >= 7 \
                and re.search(rules()["applied_on"], text[:v.start]) and re.match(rules()["applied_after"], text[v.end:]):
            facts["as_of"] = v.value[0] if len(v.value[0]) == 10 else v.value[0] + "-01"
            return


@functools.lru_cache(maxsize=64)
def _firm_head(number: int, text: str, today: dt.date) -> dict:
    """A firm telling one employee's case ("有个员工是在上家公司的时候考出的高级技师 去年才跳到我们这")
    is read as that person's facts (understanding's `one_employee`), which hold no field of
    the firm's list (取证时在本单位就业). For a programme over a list of heads, the firm's own
    reading of the same words, the one employee said as its 员工, gives that head's fields."""
    from understanding import understand
    from understanding.speakers import rules as speaking
    r = speaking()
    said = re.sub(r["one_employee"], "员工", text)
    for word in sorted((w for w in r["other_person"] if w.startswith("有")), key=len, reverse=True):
        said = said.replace(word, "员工")
    if said == text:
        return {}
    from .reading import _levels
    # the clause of the certificate alone ("今年过来的" beside it would make the one a hire)
    told = "，".join(c.strip("，,。；; ") for c in _clauses(said) if _levels(c))
    for words in dict.fromkeys((told, said)):
        facts = understand(words, today, subject=_subject_for(number)).facts if words else {}
        heads = get_path(facts.get("organisation") or {}, _prog(number)["items"]) or []
        if len(heads) == 1:
            return copy.deepcopy(heads[0])
    return {}


def _special_named(prog: dict, facts: dict, text: str) -> None:
    """"收了学员培训费 还能拿专项能力补贴吗": the standard's special entry named (in a name or
    not) and no level is what each head stated holds (their certificate is 专项能力)."""
    from .reading import _levels
    std, org = prog["standard"], facts.get("organisation") or {}
    special = std.get("special")
    if not special or special["value"] not in text or _levels(text) or not prog.get("items"):
        return
    for head in get_path(org, prog["items"]) or []:
        head.setdefault(std["fact"], special["value"])


def _located_facts(prog: dict, text: str) -> list:
    """The facts another place says false ("我们公司在滨江", reading._located) that one of
    the programme's conditions tests."""
    return list(dict.fromkeys(path for path, during in _located(text) for c in prog["conditions"]
                              if path.split(".", 1)[1] in _tested_facts(c.get("test")) and re.search(during, c["text"])))


@functools.lru_cache(maxsize=64)
def _readings(number: int, text: str, today: dt.date) -> tuple:
    """The question read for the programme's kind of applicant, and (for a list programme)
    as a person: once per question, though several answers ask for them (read-only)."""
    from understanding import understand
    for glued in rules()["glued_question"]:        # "…才去备案的还能拿资助吗", "没备案的企业能申请…吗"
        text = re.sub(glued, "，", text)
    own = understand(text, today, subject=_subject_for(number))
    person = understand(text, today, subject="person") if _prog(number).get("items") else None
    return own, person


def _said_beyond_names(reading) -> bool:
    """Some fact of `reading` is read outside every programme name in its text."""
    if reading is None:
        return False
    names = [span for name in programme_names() for span in _occurrences(reading.text, name)]
    return any(not any(a <= sp.start and sp.end <= b for a, b in names) for sp in reading.spans)


def _continuous_insurance(facts: dict, text: str, today: dt.date) -> dict:
    """Months of insurance since a known month (facts.yml `since`, counted as the check
    counts them, policy_kb.since): "社保一直在钱塘交" counts them until today; otherwise,
    when fewer months have passed than the programme asks for ("今年9月刚评上"), no more
    can have been paid: that many."""
    continuous = bool(re.search(rules()["continuous_insurance"], text))
    least = _minimums()
    for root, holder_path, name, anchors in since_fields():
        for holder in holders(facts, root, holder_path):
            if name in holder:
                continue
            months = months_since(anchors, holder, today)
            if months is not None and (continuous or months < least.get(name, 0)):
                holder[name] = months
    return facts


def _when_enough(failed: list, facts: dict, today: dt.date) -> str:
    """"去年九月刚拿证 社保一直交着 能申请吗": when the only failing condition is months of
    insurance counted from a known month, the month they will be enough (they grow with time)."""
    least = _minimums()
    lines = []
    for c in failed:
        found = [(holder, anchors, name) for root, holder_path, name, anchors in since_fields()
                 if any(f.split(".")[-1].replace("[]", "") == name for f in c.get("facts") or [])
                 for holder in holders(facts, root, holder_path)
                 if isinstance(holder.get(name), int) and holder[name] < least.get(name, 0)]
        if len(found) != 1:
            return ""
        holder, anchors, name = found[0]
        others = [f.split(".")[-1] for f in c.get("facts") or [] if f.split(".")[-1] != name]
        if any(holder.get(f) is False for f in others) or months_since(list(anchors), holder, today) != holder[name]:
            return ""           # (another part fails too, or a count said: it does not grow by itself)
        ahead = today.year * 12 + today.month - 1 + least[name] - holder[name]
        lines.append(say("fails_for_now", when=f"{ahead // 12}年{ahead % 12 + 1}月", least=least[name],
                         months=holder[name]))
    return "\n" + "\n".join(lines) if lines else ""


@functools.lru_cache(maxsize=None)
def _minimums() -> dict:
    """fact → the least value a programme's condition asks ({"ss_months_after_cert": 6, …})."""
    out: dict = {}

    def walk(test):
        if isinstance(test, dict):
            if "fact" in test and "min" in test:
                out[test["fact"]] = max(out.get(test["fact"], 0), test["min"])
            for value in test.values():
                walk(value)
        elif isinstance(test, list):
            for value in test:
                walk(value)
    for prog in load().programmes:
        for cond in prog["conditions"]:
            walk(cond.get("test"))
    return {fact.split(".")[-1].replace("[]", ""): n for fact, n in out.items()}


def judge(q: Question, text: str, today: dt.date) -> Reply | None:
    """A yes/no question stating facts: the engine decides on those facts for this programme."""
    n = q.programme
    prog = _prog(n)
    facts = _stated_facts(prog, text, today, beyond_name=True)
    root = "organisation" if prog["subject"] == "organisation" else "person"
    if q.known.get(root) and (facts or _says_more(q)):
        # "区里的建室经费10万 我们能拿吗" from a studio being checked: its facts decide too
        facts = merge({root: q.known[root]}, facts)
    if not facts:
        facts = _dated_facts(prog, text, today)     # "育才资助 员工2025年3月份拿的证算不算"
    _level_named(q, prog, facts)
    if not facts:
        return None         # "我能申请金牌技师津贴吗" states nothing beyond the name: the check starts
    result = next((r for r in decide(facts, today=today)["results"] if r["programme"] == n), None)
    if result is None:          # the facts are about another kind of applicant
        return None
    yes, no = q.yes_no["pos"], q.yes_no["neg"]
    counted = [c for c in result["conditions"] if c.get("applicable", True) and not c.get("verified_by_office")]
    failed = [c for c in counted if c["result"] == "fail"]
    proposed = _asked_amount(text)
    cite_std = cite(prog["standard"]["clause"])
    if failed:
        c = failed[0]
        body = say("fails", name=prog["name"], clause=c["clause"], text=c["text"])
        whole = _clause_text(prog, c["clause"])
        if whole and whole != c["text"]:
            body += f"\n第{c['clause']}条：{whole}"
        later = _when_enough(failed, facts, today)
        if later:
            body = say("fails_now", name=prog["name"], clause=c["clause"], text=c["text"]) + body[len(
                say("fails", name=prog["name"], clause=c["clause"], text=c["text"])):] + later
            if re.search(rules()["wait_words"], text):
                no = yes        # "是不是过几个月再申请就行": yes, from the month they are enough
        return Reply(f"{no}。{body}", programme=n, kind="yes_no", offer_check=True, facts=facts,
                     failing=list(c.get("facts") or []))
    amount = result.get("amount")
    if proposed and amount is not None and proposed != amount:
        caps = _cap_sentences(prog["standard"])
        return Reply(f"{no}。{say('amount_differs', amount=yuan(amount))}" + "".join(f"{x}。" for x in caps)
                     + cite_std, programme=n, kind="yes_no", offer_check=True, facts=facts)
    met = list(dict.fromkeys(f"第{c['clause']}条“{c['text']}”" for c in counted if c["result"] == "pass"))
    open_ = list(dict.fromkeys(f"第{c['clause']}条“{c['text']}”" for c in counted if c["result"] == "unknown"))
    # Decided: "能。"; still open: "能，只要还满足：…" — never a bare yes the facts do not carry.
    lines = [f"{yes}，{say('only_if', need='；'.join(open_))}" if open_ else f"{yes}。"]
    lines.append(say("meets", name=prog["name"], met="；".join(met)) if met else
                 say("nothing_against", name=prog["name"]))
    if amount:
        lines.append(say("amount_is", amount=_amount_said(q, prog, amount)) + _breakdown(prog, facts) + cite_std)
    else:
        lines.append(f"兑付标准：{prog['standard']['text']}{cite_std}")
    lines += _own_notes(result, prog)
    return Reply("\n".join(lines), programme=n, kind="yes_no", offer_check=True, facts=facts)


def _level_named(q: Question, prog: dict, facts: dict) -> None:
    """"考了高级工有补贴吗，我在钱塘的厂里上班": the one level the question names is the person's
    level when the reading of the case has none (a level said in the asking clause)."""
    std = prog["standard"]
    levels = list(dict.fromkeys(q.levels))
    person = facts.get("person")
    if prog["subject"] != "person" or len(levels) != 1 or not person or not std.get("fact") \
            or not amounts.table_of(std) or std["fact"] in person:
        return
    person[std["fact"]] = levels[0]


def _dated_facts(prog: dict, text: str, today: dt.date) -> dict:
    """"育才资助 员工2025年3月份拿的证算不算": nothing read but one date, and the programme has one
    condition on a date (证书落款 on or after 2025-04-01) — that date is the fact it tests."""
    from understanding.values import read as values
    dated = [c for c in prog["conditions"] if isinstance(c.get("test"), dict) and "on_or_after" in c["test"]]
    dates = [v.value[0] for v in values(text, today) if v.kind == "date" and isinstance(v.value, tuple)
             and not v.yearless and len(v.value[0]) >= 7]
    if len(dated) != 1 or len(dates) != 1:
        return {}
    fact, day = dated[0]["test"]["fact"], dates[0] if len(dates[0]) == 10 else dates[0] + "-01"
    if dated[0].get("scope") == "item" and prog.get("items"):
        facts: dict = {"organisation": {}}
        set_path(facts["organisation"], prog["items"], [{fact: day}])
        return facts
    root = "organisation" if prog["subject"] == "organisation" else "person"
    return {root: {fact: day}}


def _amount_said(q: Question, prog: dict, amount: int) -> str:
    """The engine's amount as the standard says it (a monthly one with its months and instalments)."""
    level = next((lv for lv in q.levels if lv in amounts.table_of(prog["standard"])), None)
    formula = prog["standard"]["formula"]
    if formula == "monthly":
        return amounts.headline(prog)
    if level and formula == "monthly_by_level":
        return amounts.for_level(prog, level)
    return yuan(amount)


def assessed(q: Question, text: str, today: dt.date) -> Reply | None:
    """An amount asked of a whole case ("…去年十月考了紧缺工种目录里的高级工 今年四月入职
    社保从四月开始在钱塘交 一直没断…能拿多少"): the engine decides on the stated facts, as
    `judge` does for a yes/no question — the amount for this case, or the condition it
    fails — when the facts decide two conditions or more besides the level's."""
    n = q.programme
    prog = _prog(n)
    facts = _stated_facts(prog, text, today, beyond_name=True)
    if not facts:
        return None
    result = next((r for r in decide(facts, today=today)["results"] if r["programme"] == n), None)
    if result is None:
        return None
    std = prog["standard"]
    counted = [c for c in result["conditions"] if c.get("applicable", True) and not c.get("verified_by_office")]
    decided = {c["clause"] for c in counted if c["result"] != "unknown" and c["clause"] != std["clause"]}
    failed = [c for c in counted if c["result"] == "fail"]
    if len(decided) < rules()["whole_case_conditions"] and not any(c["clause"] != std["clause"] for c in failed):
        return None                     # a level and little more: the level's amount says it
    # ("不是区级工作室 考核优秀能拿多少": one stated fact failing a condition decides it)
    if failed:
        c = failed[0]
        lines = [say("fails", name=prog["name"], clause=c["clause"], text=c["text"])]
        whole = _clause_text(prog, c["clause"])
        if whole and whole != c["text"]:
            lines.append(f"第{c['clause']}条：{whole}")
        later = _when_enough(failed, facts, today)
        if later:
            lines[0] = say("fails_now", name=prog["name"], clause=c["clause"], text=c["text"])
        return Reply("\n".join(lines) + later, programme=n, kind="computed",
                     offer_check=True, facts=facts, failing=list(c.get("facts") or []))
    amount = result.get("amount")
    if not amount:
        return None
    lines = [f"【{prog['name']}】" + say("amount_for_these", amount=_amount_said(q, prog, amount))
             + _breakdown(prog, facts) + cite(std["clause"])]
    met = list(dict.fromkeys(f"第{c['clause']}条“{c['text']}”" for c in counted if c["result"] == "pass"))
    open_ = list(dict.fromkeys(f"第{c['clause']}条“{c['text']}”" for c in counted if c["result"] == "unknown"))
    if met:
        lines.append(say("meets_also", met="；".join(met)))
    if open_:
        lines.append(say("still_needs", need="；".join(open_)))
    lines += _own_notes(result, prog)
    return Reply("\n".join(lines), programme=n, kind="computed", offer_check=True, facts=facts)


def _clause_text(prog: dict, clause: str) -> str | None:
    """The document's whole sentence behind a condition's short text, where the condition
    restates the 政策对象 or the 兑付标准 ("钱塘区级技能大师工作室" → "…（不含省市级…）")."""
    head = prog.get("headings", {})
    if clause == head.get("object"):
        return prog["object"]
    if clause == prog["standard"]["clause"]:
        return prog["standard"]["text"]
    return None


def _breakdown(prog: dict, facts: dict) -> str:
    """"（高级工50人×800元/人）": how a per-head or per-certificate amount is made up."""
    std = prog["standard"]
    org = facts.get("organisation") or {}
    if std["formula"] == "per_count":
        counts = get_path(org, std["fact"]) or {}
        parts = [f"{lv}{n}人×{yuan(std['table'][lv])}/人" for lv, n in counts.items() if lv in std["table"]]
        return f"（{'+'.join(parts)}）" if parts else ""
    if std["formula"] == "per_item" and prog.get("items"):
        heads = get_path(org, prog["items"]) or []
        uplift = std.get("uplift")
        # a head of a 紧缺 trade at its raised figure ("紧缺高级工10人×720元/人")
        levels = [("紧缺" if uplift and h.get(uplift["fact"]) is True and h.get(std["fact"]) not in uplift.get("except", [])
                   else "") + h.get(std["fact"]) for h in heads if h.get(std["fact"]) in std["table"]]
        special = std.get("special")
        # the special entry by its side ("非二产专项能力30人×300元/人"), where the side is known
        sides = [side for h in heads if special and h.get(std["fact"]) == special["value"]
                 for side in [{True: "if_true", False: "if_false"}.get(h.get(special["fact"]))] if side]
        if levels or sides:
            by = {lv: levels.count(lv) for lv in dict.fromkeys(levels)}
            parts = [f"{lv}{k}人×{yuan(amounts.value_for_level(prog, lv.replace('紧缺', ''), shortage=lv.startswith('紧缺')))}/人"
                     for lv, k in by.items()]
            parts += [f"{rules()['special_labels'][side]}{special['value']}{sides.count(side)}人×{yuan(special[side])}/人"
                      for side in dict.fromkeys(sides)]
            bonus = std.get("bonus")
            if bonus:           # 钱塘户籍 +1000元 per head it applies to
                n = sum(1 for h in heads if h.get(bonus["fact"]) is True
                        and h.get(std["fact"]) not in bonus.get("except", []))
                if n:
                    parts.append(f"户籍叠加{n}人×{yuan(bonus['amount'])}")
            return "（" + "+".join(parts) + "）"
    return ""


def computed(q: Question, text: str, today: dt.date) -> Reply | None:
    """"发了20个初级工证能拿多少", "上级奖励了两万": the engine's amount on the stated facts
    (heads, counts, the superior award), with how it is made up."""
    prog = _prog(q.programme)
    facts = _stated_facts(prog, text, today)
    std = prog["standard"]
    org = facts.get("organisation") or {}
    stated = (get_path(org, prog["items"]) if prog.get("items") else None) or \
        (get_path(org, std["fact"]) if std["formula"] == "per_count" else None) or \
        (get_path(facts.get("person") or {}, std["fact"]) if std["formula"] == "match" else None)
    several = re.search(rules()["total_words"], text) or (isinstance(stated, list) and len(stated) >= 2)
    if not stated or (isinstance(stated, list) and not several):
        return None           # one head: the level's amount says it (level_amount)
    heads = len(stated) if isinstance(stated, list) else sum(stated.values()) if isinstance(stated, dict) else None
    if heads and heads == _asked_amount(text, bare=True):
        return None           # "专项能力证书补400吗": the figure put up read as heads is the amount asked
    result = next((r for r in decide(facts, today=today)["results"] if r["programme"] == q.programme), None)
    failed = [c for c in (result or {}).get("conditions", []) if c["result"] == "fail"]
    if result and failed and any(f.endswith("received_this_year") for f in failed[0].get("facts") or []):
        # "今年已经拿满10万了 还有20个技师 还能拿吗": the year's cap reached
        c = failed[0]
        return Reply(_prefix(q, False) + say("fails", name=prog["name"], clause=c["clause"], text=c["text"]),
                     programme=q.programme, kind="computed", offer_check=True, facts=facts, failing=list(c["facts"]))
    if result is None or not result.get("amount"):
        return None
    amount = result["amount"]
    proposed = _asked_amount(text, bare=True)         # ("还能拿12000吗": a bare figure put up too)
    # what was received this year stated, the engine's note on how the year's cap cut the amount
    # ("合计24000元，超过本年度剩余额度10000元（年度上限100000元，已领90000元），按10000元计")
    annual = std.get("annual_cap")
    received = get_path(org, annual["received"]) if annual else None
    cut = [n for n in _own_notes(result, prog) if yuan(amount) in n
           and any(int(x) > amount for x in re.findall(r"(\d+)元", n))] if received else []
    prefix = _prefix(q, proposed is None or proposed == amount) if q.yes_no else ""
    if cut and q.yes_no and ((proposed and proposed > amount) or re.search(rules()["whole_asked"], last_clause(text))):
        prefix = say("cap_partly")   # "已经批了九万了…还能再拿两万四不": only what the cap leaves
    breakdown = _breakdown(prog, facts)
    lines = [prefix + f"【{prog['name']}】" + say("amount_for_these", amount=yuan(amount))
             + ("" if cut else breakdown) + "。" + cite(std["clause"])]
    lines += [breakdown.strip("（）") + ("，" if breakdown else "") + n for n in cut[:1]]
    if not cut and result.get("amount_before_cap"):
        lines += [f"{x}。" for x in _cap_sentences(std)]
    if result.get("status") != "eligible":
        open_ = [c for c in result["conditions"] if c["result"] == "unknown" and not c.get("verified_by_office")]
        if open_:
            need = "；".join(dict.fromkeys(f"第{c['clause']}条“{c['text']}”" for c in open_))
            lines.append(say("still_needs", need=need))
    return Reply("\n".join(lines), programme=q.programme, kind="computed", offer_check=True, facts=facts)


def _own_notes(result: dict, prog: dict) -> list:
    """The engine's notes about this case (补差, caps), not the programme's standing ones."""
    return [note for note in result.get("notes", []) if note not in prog["notes"]
            and note != load().document["draft_note"]]


def _as_head(prog: dict, person: dict) -> dict:
    """"2025年3月发的证，育才资助算不算": an organisation's programme asked about with one
    person's facts — they are the facts of one head of its list (rules.yml `head_fields`)."""
    if not prog.get("items") or not person.get("person"):
        return {}
    fields = rules()["head_fields"]
    head = {fields[k]: v for k, v in person["person"].items() if k in fields}
    spec = load().fact_spec(prog["items"]) or {}
    head = {k: v for k, v in head.items() if k in spec.get("item", {})}
    if not head:
        return {}
    facts: dict = {"organisation": {}}
    set_path(facts["organisation"], prog["items"], [head])
    return facts


def _prefix(q: Question, yes: bool) -> str:
    """A yes/no question gets its answer word first ("没有。", "能。")."""
    if not q.yes_no:
        return ""
    return (q.yes_no["pos"] if yes else q.yes_no["neg"]) + "。"


def level_amount(q: Question) -> Reply | None:
    prog = _prog(q.programme)
    std = prog["standard"]
    table = amounts.table_of(std)
    head = f"【{prog['name']}】"
    if q.grade and std["formula"] == "lookup":
        proposed = _asked_amount(q.text)
        fits = table.get(q.grade, 0) > 0 and (proposed is None or proposed == table.get(q.grade))
        return Reply(_prefix(q, fits) + head + amounts.for_grade(prog, q.grade)
                     + cite(std["clause"]), programme=q.programme, kind="level_amount")
    special = std.get("special")
    if special and special["value"] in q.text:
        line, amount = _special_side(special, q.text)
        proposed = _asked_amount(q.text, bare=True) if q.yes_no else None
        first = _prefix(q, proposed == amount) if proposed else ""
        if proposed and amount is None:         # no side named: both are shown, "不" only for neither's figure
            first = "" if proposed in (special["if_true"], special["if_false"]) else _prefix(q, False)
        return Reply(f"{first}{head}{line}{cite(std['clause'])}", programme=q.programme, kind="level_amount")
    levels = list(dict.fromkeys(q.levels))
    if not levels or not table:
        return None
    hukou, shortage = _hukou_held(q.text), qualifier(q.text, rules()["shortage"])[0]
    lines = [amounts.for_level(prog, lv, hukou=hukou, shortage=shortage) for lv in levels[:3]]
    prefix = ""
    if q.yes_no:
        bonus = std.get("bonus")
        # "…还没落户钱塘 能多拿1000吗": the bonus asked in the asking clause is not had either
        asks_bonus = hukou or (re.search(rules()["hukou"], q.text) and re.search(rules()["bonus_asked"], last_clause(q.text)))
        if q.kind == "bonus" and bonus and asks_bonus:
            prefix = _prefix(q, hukou and levels[0] not in bonus.get("except", []))
            lines.append(next(x for x in std["text"].split("。") if "叠加" in x))
        else:
            # "技师能拿3000吗": a bare figure put up is an amount too
            proposed = _asked_amount(q.text, bare=True)
            own = amounts.value_for_level(prog, levels[0], hukou=hukou, shortage=shortage)
            prefix = _prefix(q, own > 0 and (proposed is None or proposed == own))
    left = _months_left(prog, q.text, levels[0])[0] if std["formula"] == "monthly_by_level" else ""
    return Reply(prefix + head + "；".join(lines) + cite(std["clause"]) + left, programme=q.programme, kind="level_amount")


def _hukou_held(text: str) -> bool:
    """钱塘户籍 said of the head ("引进的技师落户钱塘了"), not denied ("不是钱塘户籍", "户口不在钱塘")."""
    return bool(re.search(rules()["hukou"], text)) and not re.search(rules()["hukou_not"], text) \
        and qualifier(text, rules()["hukou"])[0]


def _special_side(special: dict, text: str) -> tuple:
    """(line, amount) of a standard's special entry: the side named ("二产的", "非二产", "不是二产的项目"
    is the other side: rules.yml `denied`), else both sides with amount None."""
    sides = rules()["special_sides"]
    held, denied = qualifier(text, sides["if_true"])
    other = re.search(sides["if_false"], text)
    named = (["if_true"] if held else []) + (["if_false"] if denied or other else [])
    if len(named) != 1:
        return say("special", value=special["value"], yes=yuan(special["if_true"]), no=yuan(special["if_false"])), None
    side = named[0]
    label = other.group() if side == "if_false" and other else \
        re.search(sides["if_true"], text).group() if side == "if_true" else rules()["special_labels"][side]
    return say("special_one", side=label, amount=yuan(special[side])), special[side]


def per_claim(q: Question, today: dt.date) -> Reply | None:
    """"金牌技师津贴 每半年单位报一次 那一次发多少": a monthly standard over the months one claim
    covers (the frequency sentence's period)."""
    std = _prog(q.programme)["standard"]
    if std["formula"] != "monthly":
        return None
    often = sentence(q, "frequency", today)
    times = _per_year(often.text.split("】", 1)[1]) if often else None
    if not times or times < 1:
        return None
    months = int(12 / times)
    return Reply(often.text + "\n" + aspect_text(q.programme, "amount").split("\n")[0] + "\n"
                 + say("per_claim", months=months, amount=yuan(std["monthly"] * months)),
                 programme=q.programme, kind="aspect", aspect="amount")


def flat(q: Question, proposed: int) -> Reply | None:
    """"育才资助是每个人都给3000吗": one amount put up for a standard that differs by level (or
    grade) — 是 only when every entry is that amount; the standard follows."""
    table = amounts.table_of(_prog(q.programme)["standard"])
    if not table or proposed > max(table.values()):
        return None                   # more than any entry: the cap or total decides (cap)
    return Reply(_prefix(q, set(table.values()) == {proposed}) + aspect_text(q.programme, "amount"),
                 programme=q.programme, kind="aspect", aspect="amount")


def per_year(q: Question) -> Reply | None:
    """"金牌技师一年能拿多少": a monthly standard over twelve of its months."""
    std = _prog(q.programme)["standard"]
    if std["formula"] == "monthly":
        monthly = {"": std["monthly"]}
    elif std["formula"] == "monthly_by_level":
        monthly = amounts._distinct(amounts.table_of(std))
    else:
        return None
    year = "、".join(f"{k}{yuan(v * 12)}" for k, v in monthly.items())
    return Reply(aspect_text(q.programme, "amount") + "\n" + say("per_year", year=year),
                 programme=q.programme, kind="aspect", aspect="amount")


def cap(q: Question, within: bool = False) -> Reply | None:
    """最高/上限: the standard's own cap sentence, else the largest amount it gives. An amount
    put up ("最多补二十万是吧") is confirmed when it is that figure — or, `within`, no more
    than it ("一年能补到10万吗" under a cap of 20万)."""
    prog = _prog(q.programme)
    std = prog["standard"]
    head = f"【{prog['name']}】"
    said = _cap_sentences(std)
    if amounts.table_of(std) and std["formula"] in ("per_item", "per_count") and re.search(rules()["per_head"], q.text):
        said = []                     # "培训机构培训补助每人最高1000吗": the top entry per head, not the year's cap
    proposed = _asked_amount(q.text) if q.yes_no else None

    left = _received_left(prog, q.text)

    def first(tops: set) -> str:
        if proposed and left:         # "今年已经领了9万 还能再拿2万吗": against what the year's cap leaves
            return _prefix(q, proposed <= left[1]) if proposed <= left[1] or not left[1] else say("cap_partly")
        fits = proposed in tops or (within and bool(tops) and proposed < max(tops))
        return _prefix(q, fits) if proposed else ""
    if said:         # "单个机构一年最多补二十万是吧": confirmed (or not) by the cap sentence itself
        from understanding.values import read as values
        caps = {v.value for x in said for v in values(x, dt.date.today()) if v.kind == "money"}
        return Reply(first(caps) + head + "。".join(said) + "。" + cite(std["clause"]) + _cap_left(prog, q.text),
                     programme=q.programme, kind="cap")
    if std["formula"] == "match":
        return Reply(first({std["cap"]}) + head + say("cap_match", cap=yuan(std["cap"])) + cite(std["clause"]),
                     programme=q.programme, kind="cap")
    # The KB's notes that set the 政策内容's "最高" against the standard's arithmetic.
    notes = "".join(f"\n{n}" for n in prog["notes"] if "最高" in n)
    table = amounts.table_of(std)
    if table:
        top = max(table.values())
        keys = [k for k, v in table.items() if v == top]
        if std["formula"] == "monthly_by_level":       # a monthly figure is not a cap: the whole period's
            line = say("cap_table", amount=amounts.for_level(prog, keys[0]).split("：", 1)[1].split("（")[0], which="、".join(keys))
            top *= std["months"]
        elif std.get("uplift") and keys[0] not in std["uplift"].get("except", []):
            line = amounts.for_level(prog, keys[0], shortage=True)     # 紧缺 raises the top entry too
            top = int(round(top * (100 + std["uplift"]["percent"]) / 100))
        else:
            line = say("cap_table", amount=yuan(top), which="、".join(keys))
        return Reply(first({top}) + head + line + cite(std["clause"]) + notes, programme=q.programme, kind="cap")
    whole = {std["monthly"] * std["months"]} if std["formula"] == "monthly" else set()
    left, months = _months_left(prog, q.text)
    # ("已经领了两年了 还能领吗": whether any months are left)
    prefix = _prefix(q, months > 0) if left and q.yes_no and not proposed else first(whole)
    return Reply(prefix + head + amounts.headline(prog) + cite(std["clause"]) + (left or notes),
                 programme=q.programme, kind="cap")


def _months_left(prog: dict, text: str, level: str | None = None) -> tuple:
    """"金牌技师津贴已经领了一年了 还能领多少": an allowance's months less the months said received
    (the line saying so, and the months left; ("", None) when no months received are said)."""
    from understanding.values import read as values
    std = prog["standard"]
    monthly = std.get("monthly") or amounts.table_of(std).get(level)
    if "months" not in std or not monthly:
        return "", None
    got = [int(v.value) for v in values(text, dt.date.today()) if v.kind == "months"
           and re.search(rules()["received_before"], text[max(0, v.start - 6):v.start])]
    if not got:
        return "", None
    left = max(0, std["months"] - got[0])
    if not left:
        return "\n" + say("months_none_left", months=std["months"]), 0
    return "\n" + say("months_left", months=std["months"], got=got[0], left=left, amount=yuan(left * monthly)), left


def _cap_sentences(std: dict) -> list:
    """The standard's sentences that say a cap; of a long one, the part that does ("每家企业每年资助最高不超过10万元")."""
    said = [x for x in std["text"].split("。") if "最高" in x or "不超过" in x]
    return [next(p for p in x.split("，") if "最高" in p or "不超过" in p) if "给予" in x else x for x in said]


def _received_left(prog: dict, text: str) -> tuple | None:
    """(received, left): what the question says was received this year, and what the year's cap leaves."""
    cap = prog["standard"].get("annual_cap")
    if not cap:
        return None
    facts = _stated_facts(prog, text, dt.date.today())
    received = get_path(facts.get("organisation") or {}, cap["received"]) if facts else None
    if not isinstance(received, (int, float)):
        return None
    return int(received), max(0, cap["amount"] - int(received))


def _cap_left(prog: dict, text: str) -> str:
    """"今年已经领了8万 还能再领多少": the year's cap less what the question says was received."""
    found = _received_left(prog, text)
    return "\n" + say("cap_left", received=yuan(found[0]), left=yuan(found[1])) if found else ""


def across(q: Question) -> Reply | None:
    """"高级工能拿多少" naming no programme: the level in every standard that lists it."""
    level = q.levels[0]
    progs = [p for p in load().programmes if level in amounts.table_of(p["standard"])]
    if not progs:
        return None
    lines = [f"· 【{p['name']}】{amounts.for_level(p, level)}{cite(p['standard']['clause'])}" for p in progs]
    return Reply(say("across", level=level) + "\n" + "\n".join(lines), kind="level_amount",
                 aspect="amount", related=[p["number"] for p in progs])


def several(q: Question) -> Reply | None:
    """Two or more programmes named with one aspect ("育才和引才的电话一样吗"): each one's."""
    if len(q.named) < 2 or not q.aspect or q.aspect == "amount":
        return None
    return Reply("\n".join(aspect_text(n, q.aspect) for n in q.named[:3]), programme=q.named[0],
                 kind="compare", aspect=q.aspect)


def retrieved(q: Question) -> Reply | None:
    """No kind or aspect named: the sentence of the programme sharing the rarest words."""
    found = clauses.best(q.topic, q.programme, ".", most=1, floor=rules()["retrieval_floor"])
    if not found:
        return None
    c, sentence_ = found[0]
    return Reply(f"【{_prog(q.programme)['name']}】{sentence_.strip()}{cite(c.label)}", programme=q.programme,
                 kind="clause")


def topup(q: Question) -> Reply | None:
    prog = _prog(q.programme)
    if prog["standard"]["formula"] != "level_topup":
        return None
    levels = list(dict.fromkeys(q.levels))
    levels = levels if len(levels) >= 2 else q.levels      # "拿了高级技师的，又评上高级技师": the same level again
    person = _readings(q.programme, q.text, dt.date.today())[0].facts.get("person") or {}
    if person.get("subsidised_level") and person.get("new_level"):
        levels = [person["subsidised_level"], person["new_level"]]  # "评上高级技师 之前技师领过": which is which
    line = amounts.topup(prog, levels[0], levels[1]) if len(levels) >= 2 else None
    rule = next(s for s in prog["standard"]["text"].split("。") if "补差" in s)
    table = amounts.table_of(prog["standard"])
    diff = table.get(levels[1], 0) - table.get(levels[0], 0) if len(levels) >= 2 else 0
    proposed = _asked_amount(q.text)
    more = diff > 0 and (proposed is None or proposed == diff)       # "能拿满2万吗": no, 补差 15000元
    text = (_prefix(q, more) if line else "") + f"【{prog['name']}】" + (f"{line}。" if line else "") + \
        f"{rule}。{cite(prog['standard']['clause'])}"
    return Reply(text, programme=q.programme, kind="topup")


def sentence(q: Question, kind: str, today: dt.date | None = None) -> Reply | None:
    selector = rules()["sentence_selectors"].get(kind)
    if not selector:
        return None
    every = kind in rules()["every_sentence"]
    found = clauses.best(q.topic, q.programme, selector, parts=rules()["sentence_parts"].get(kind),
                         most=4 if every else 2, near=0.0 if every else clauses.NEAR_TOP)
    if not found:
        return None
    prog = _prog(q.programme)
    lines = [f"{s.strip()}{cite(c.label)}" for c, s in found]
    first = _within_deadline(q, " ".join(s for _, s in found), today or dt.date.today()) if kind == "deadline" and q.yes_no else None
    if first is not None:
        lines[0] = _prefix(q, first) + f"【{prog['name']}】" + lines[0]
        return Reply("\n".join(lines), programme=q.programme, kind=kind)
    if kind == "tenure" and q.yes_no:
        asked, said = _months_asked(last_clause(q.text)), _months_said(" ".join(s for _, s in found))
        if asked and said:          # "学生的社保要交满一年吗" against "6个月以上": 不是
            if "ask" not in q.yes_no:
                q.yes_no = {"pos": "是", "neg": "不是"}
            lines[0] = _prefix(q, asked == said) + f"【{prog['name']}】" + lines[0]
            return Reply("\n".join(lines), programme=q.programme, kind=kind)
    if kind == "frequency" and q.yes_no:
        asked, said = _per_year(last_clause(q.text)), _per_year(found[0][1])
        if asked and said:          # "津贴是每个月报一次吗" against "每半年提交": 不是
            if "ask" not in q.yes_no:       # "每年申请一次吗": whether it is so, not whether one may
                q.yes_no = {"pos": "是", "neg": "不是"}
            lines[0] = _prefix(q, asked == said) + f"【{prog['name']}】" + lines[0]
            return Reply("\n".join(lines), programme=q.programme, kind=kind)
    step = rules()["silent_steps"].get(kind)
    if step and re.search(rules()["figure_asked"], q.text) and not any(re.search(r"\d", s) for _, s in found):
        lines.append(say("no_step_figure", step=step))     # "金牌技师评选公示几天": 公示 named, no days
    step = rules()["how_silent"].get(kind)
    if step and not any(c.part == "process" and c.text.startswith(step) for c, _ in found):
        lines.append(say("how_silent", step=step, phones=f"{prog['phone']}（{prog['unit']}）"))   # "认定企业怎么备案"
    if kind == "paid_when" and not any(re.search(rules()["paid_timing"], x) for _, x in found):
        lines.append(say("paid_when_silent", phones=f"{prog['phone']}（{prog['unit']}）"))   # "提升补助批下来多久到账"
    if kind == "instalment" and q.levels and prog["standard"]["formula"] == "monthly_by_level":
        lines.append(amounts.for_level(prog, q.levels[0]) + cite(prog["standard"]["clause"]))
    if kind == "who_applies":          # who applies and who receives: the 政策对象 first
        lines.insert(0, f"政策对象：{prog['object']}{cite(prog.get('headings', {}).get('object', ''))}")
        step = _applying_step(q)
        said = next((x for x in clauses._sentences(step) if re.search(APPLYING, x)), step.text) if step else ""
        if step and not any(said.strip() == x.strip() for _, x in found):
            lines.insert(1, f"{said.strip()}{cite(step.label)}")      # "是个人自己去报吗": who submits
        elif not any("所在单位" in x for _, x in found):
            # "大学生补贴是打到学生个人卡上吗": the payment step names no one — the unit that applies does
            unit = next(((c, x) for c in clauses.of(q.programme, "process") for x in clauses._sentences(c)
                         if "所在单位" in x and re.search(APPLYING, x)), None)
            if unit:
                lines.insert(1, f"{unit[1].strip()}{cite(unit[0].label)}")
    return Reply(f"【{prog['name']}】" + "\n".join(lines), programme=q.programme, kind=kind)


PROCESS_KINDS = ("publicity", "decides", "organiser", "rules_detail", "paid_when")


def silent_step(q: Question) -> Reply | None:
    """"提升技能水平补助要公示吗" where the programme's 业务流程 has no such step (rules.yml
    `silent_steps`): that the document names none, and the steps it does give."""
    step = rules()["silent_steps"].get(q.kind)
    prog = _prog(q.programme)
    if not step or any(step in s for s in prog["process"]):
        return None
    where = cite(prog.get("headings", {}).get("process", ""))
    lines = [say("no_step", name=prog["name"], step=step, where=where)]
    lines += [f"{clauses.CIRCLED[i]}{s}" for i, s in enumerate(prog["process"])]
    return Reply("\n".join(lines), programme=q.programme, kind=q.kind)


def _months_asked(text: str) -> int | None:
    """"要交满一年吗" → 12, "满半年就行吧" → 6: the months a question puts up."""
    from understanding.values import read as values
    found = [v.value for v in values(text, dt.date.today()) if v.kind == "months"]
    if found:
        return int(found[0])
    return 6 if "半年" in text else None


def _months_said(text: str) -> int | None:
    """"连续缴纳社保6个月以上", "满12个月": the months a sentence asks for."""
    m = re.search(r"满?(\d+)个月", text)
    return int(m.group(1)) if m else None


def _per_year(text: str) -> float | None:
    """"每个月报一次" → 12, "每年受理两次" → 2, "每半年" → 2, "每两年评选一次" → 0.5: how often a
    year (rules.yml `periods`, `period_counts`), or None when no period is said."""
    r = rules()
    found = [(m.start(), m.end(), n) for words, n in r["periods"].items() for m in re.finditer(words, text)]
    if not found:
        return None
    start, end, n = min(found, key=lambda f: (f[0], -f[1]))
    count = re.match(r"[^，,。；;？?]{0,6}?(%s)(次|回)" % "|".join(r["period_counts"]), text[end:])
    return n * (r["period_counts"][count.group(1)] if count else 1)


def verify_silent(q: Question) -> Reply | None:
    """"紧缺工种目录在哪能查到" where the programme's document says nowhere where to look: its
    sentence naming what is asked about, that the document does not say where, and its phone."""
    found = clauses.best(q.topic, q.programme, ".", most=1, parts=("condition", "standard"))
    if not found or clauses.overlap(q.topic, found[0][1]) <= 0:
        return None
    c, sentence_ = found[0]
    prog = _prog(q.programme)
    return Reply(f"【{prog['name']}】{sentence_.strip()}{cite(c.label)}\n"
                 + say("verify_silent", phones=f"{prog['phone']}（{prog['unit']}）"),
                 programme=q.programme, kind="verify")


APPLYING = r"提交[^，。]{0,8}申请|提出[^，。]{0,4}申请"


def _applying_step(q: Question):
    """"提升补助是个人自己拿着证去区人社局报吗": a who-applies question about submitting (the 申报
    step's words, not the 兑付 one's) is answered by the programme's 申报 step, whoever it names."""
    steps = clauses._steps_asked(q.topic)
    process = clauses.of(q.programme, "process")
    if not any(c.text.startswith("申报") for c in process):
        # "金牌工人津贴要本人去报吗": no 申报 step — the step where the application is submitted
        return next((c for c in process if re.search(APPLYING, c.text)), None) \
            if "申报" in steps else None
    if "申报" not in steps or "兑付" in steps:
        return None
    return next((c for c in process if c.text.startswith("申报")), None)


_YEARS_WITHIN = re.compile(r"([0-9]+|[一二两三四五])年(?:内|以内)")


def _within_deadline(q: Question, sentences: str, today: dt.date) -> bool | None:
    """"符合条件两年多了一直没申请 还能申请吗" against "2年内未申请的，视作自动放弃": whether
    the time the question states is within the sentence's years (None when either is not said)."""
    from understanding.values import number, read as values
    limit = _YEARS_WITHIN.search(sentences)
    if not limit:
        return None
    months = None
    for v in values(q.text, today):
        if v.kind == "months":
            months = v.value + (1 if v.approx else 0)          # "两年多": more than two years
        elif v.kind == "date" and isinstance(v.value, tuple) and len(v.value[0]) >= 7:
            months = (today.year - int(v.value[0][:4])) * 12 + today.month - int(v.value[0][5:7])
        if months is not None:
            break
    years = number(limit.group(1))
    if months is None or years is None:
        return None
    return months <= years * 12


def everywhere(q: Question, kind: str) -> Reply | None:
    """A specific question naming no programme ("公示多久"): the sentence each programme
    gives, grouped when they say the same — when there are few different answers."""
    selector = rules()["sentence_selectors"].get(kind)
    if not selector:
        return None
    found: dict = {}
    for prog in load().programmes:
        for c, s in clauses.best(q.topic, prog["number"], selector, most=1,
                                 parts=rules()["sentence_parts"].get(kind)):
            if c.part != "note":
                found.setdefault(s.strip().rstrip("；;。"), []).append(prog["name"])
    if not found or len(found) > 4:
        return None
    lines = [say("same_everywhere", text=text, names="、".join(names)) for text, names in found.items()]
    return Reply("\n".join(lines), kind=kind)


def the_one_saying(q: Question, kind: str) -> int | None:
    """A specific question naming no programme whose words only one programme's sentence
    shares ("符合条件了一直没去申请，会不会过期" → the 自动放弃 rule of 十一): that programme."""
    selector, floor = rules()["sentence_selectors"][kind], rules()["retrieval_floor"]
    above = [p["number"] for p in load().programmes
             if clauses.best(q.topic, p["number"], selector, most=1, floor=floor,
                             parts=rules()["sentence_parts"].get(kind))]
    return above[0] if len(above) == 1 else None


def by_value(aspect: str) -> Reply:
    """"区人社局电话多少" naming no programme: each phone (or unit) with the programmes it serves."""
    found: dict = {}
    for prog in load().programmes:
        value = f"{prog['phone']}（{prog['unit']}）" if aspect == "phone" else prog["unit"]
        found.setdefault(value, []).append(prog["name"])
    lines = [say("same_everywhere", text=value, names="、".join(names)) for value, names in found.items()]
    return Reply("\n".join(lines), kind="aspect", aspect=aspect)


def _tested_facts(test) -> set:
    """The facts a condition's test reads ({"fact": …} anywhere in it)."""
    if isinstance(test, dict):
        return ({test["fact"]} if "fact" in test else set()) | {f for v in test.values() for f in _tested_facts(v)}
    if isinstance(test, list):
        return {f for v in test for f in _tested_facts(v)}
    return set()


def pending_conditions(n: int, pending: str) -> list:
    """The conditions of programme `n` that the pending question's fact decides (a head's
    field by its own name: "school_cooperation.graduates[0].ss_months" → "ss_months")."""
    generic = re.sub(r"\[\d*\]", "", pending)
    return [c for c in _prog(n)["conditions"]
            if any(generic == f or generic.endswith("." + f) for f in _tested_facts(c.get("test")))]


def about_pending(q: Question, n: int, pending: str) -> Reply | None:
    """A question about the condition the check is asking ("是不是一定要提前备案啊 补备行不行"
    while 开班前备案 is asked): that condition's clause, the 业务流程 step that governs it and
    the KB's note on it — when the question shares enough rare words with them."""
    conds = pending_conditions(n, pending)
    if not conds:
        return None
    floor = rules()["pending"]
    text = "".join(c["text"] for c in conds)
    steps = [c for c in clauses.of(n, "process") if clauses.overlap(text, c.text) >= floor["step"]]
    notes = [c for c in clauses.of(n, "note") if clauses.overlap(text, c.text) >= floor["note"]]
    asked = clauses.overlap(q.topic, text + "".join(c.text for c in steps))
    elsewhere = max((clauses.overlap(q.topic, c["text"]) for c in _prog(n)["conditions"] if c not in conds), default=0)
    if asked < floor["question"] or asked < elsewhere:
        return None               # not about this condition, or more about another one
    prog = _prog(n)
    lines = [f"【{prog['name']}】" + say("pending_condition") ]
    lines += [f"第{c['clause']}条：{c['text']}" for c in {c["clause"] + c["text"]: c for c in conds}.values()]
    lines += [say("pending_step", step=c.text, label=c.label) for c in steps]
    lines += [c.text for c in notes]
    return Reply("\n".join(lines), programme=n, kind="pending", aspect="conditions")


SENTENCE_KINDS = ("publicity", "paid_when", "filing", "organiser", "decides", "tenure", "rules_detail", "who_applies", "instalment", "frequency",
                  "duration", "deadline", "date", "bonus", "verify", "ss_rule")


def answer(q: Question, text: str, today: dt.date, focus: int | None = None,
           pending: str | None = None, known: dict | None = None, asker: str | None = None) -> Reply | None:
    """The reply to question `q` (read from `text`); None when nothing points anywhere.
    pending: the fact the check is asking about for `focus` (a question about its condition
    is answered from that condition); known, asker: the conversation's facts and who asks."""
    if q.district:
        return other_district(q)
    if not q.programmes and not focus and q.passed_place and q.passed_place not in rules()["generic_places"] \
            and _located(text):
        q.district = q.passed_place       # "上城区的企业可以申请这些补贴吗": an organisation elsewhere, no programme
        return other_district(q)
    q.known = known or {}
    if focus and known and not q.programmes and not q.kind and _asked_amount(text) and is_question(text):
        # "听说有两万补贴？" in a check: the amount put up, against what this case gets
        q.programmes, q.scores = [focus], {focus: CUE_WEIGHT}
        q.yes_no = q.yes_no or {"pos": "是", "neg": "不是"}
    if focus and asker and not q.named and q.programmes and _subject_for(focus) == asker \
            and _subject_for(q.programme) != asker and not _recipient_named(text, _subject_for(q.programme)):
        # a training institution in its check asking "紧缺工种目录在哪能查到": a word cueing the
        # students' programme is about its own programme's words (紧缺职业（工种）)
        q.programmes = [focus] + [n for n in q.programmes if n != focus]
    elif not q.named and len(q.programmes) >= 2 and q.scores[q.programmes[0]] == q.scores[q.programmes[1]]:
        _asker_breaks_tie(q, text, today, asker)
    if focus and pending and not q.supplementary and set(q.named) <= {focus} and q.kind not in PENDING_ASIDE \
            and q.aspect not in PENDING_ASIDE:
        r = about_pending(q, focus, pending)
        if r:
            return r
    if q.other_topic and not q.named and max(q.scores.values(), default=0) <= CUE_WEIGHT \
            and not (q.kind == "bonus" and q.levels and q.programmes):
        return None                       # 医保, 落户…: the out-of-scope reply says where to ask
        # (not "引进的首席技师落户钱塘 能多拿一千吗": a level's bonus, 落户 its fact)
    if q.supplementary in (2, 4) or (q.supplementary and not q.named):
        return supplementary(q)
    if q.draft and not q.programmes and not _tells_own_case(text, today):
        return supplementary(q)     # (not "我去年考的技师 现在能申请吗 在钱塘一家厂": their case)
    other = _contrasted(q, text)      # "外面引进来的公司有钱拿 那我们自己培养的…有没有育才资助"
    text = q.text if other else text
    std = _prog(q.programme)["standard"] if q.programme else {}
    if q.kind == "compare" and len(q.named) < 2 and q.programme:
        # 二产/非二产, 紧缺/普通, 户籍/非户籍: one programme's own standard says both (of those cued alike)
        for n in [m for m in q.programmes if q.scores[m] >= q.scores[q.programme] - 1]:
            r = classes(copy.copy(q), n)
            if r:
                return r
    if q.kind == "compare":
        r = compare(q)
        if r:
            return r
        # nothing to compare ("高级工两笔各发多少"): the next kind the question names
        q.kind = next((k for k, p in _patterns()["kinds"] if k not in ("combine", "compare") and p.search(text)), None)
    strong = re.search(rules()["combine_strong"], text)
    if q.kind == "combine" and (len(q.named) >= 2 or (len(q.programmes) >= 2 and (strong or not q.yes_no))):
        r = combine(q)
        if r:
            return r
    r = several(q)
    if r:
        return r
    if not q.programmes:
        if q.kind in rules()["sentence_selectors"]:
            r = everywhere(q, q.kind)
            if r:
                return r
        if not q.kind and q.aspect in ("phone", "unit") and not focus:
            r = by_value(q.aspect)
            if re.search(rules()["address_words"], text):     # "区人社局地址在哪": not in the document
                phones = "、".join(dict.fromkeys(f"{p['phone']}（{p['unit']}）" for p in load().programmes))
                r.text += "\n" + say("no_address", phones=phones)
            return r
        only = the_one_saying(q, q.kind) if q.kind in rules()["sentence_selectors"] else None
        own = _askers_level_programme(q, text, today)
        if focus and (q.aspect or q.kind or q.levels):
            q.programmes = [focus]
        elif only:
            q.programmes = [only]
        elif own:
            q.programmes = [own]
        elif q.kind == "topup" and len(q.levels) >= 2:
            q.programmes = [p["number"] for p in load().programmes if p["standard"]["formula"] == "level_topup"]
        elif q.levels and q.aspect in ("amount", None) and q.asks:
            return across(q)
        else:
            return None
    if q.kind == "combine" and len(q.named) < 2 and len(set(q.levels)) >= 2 \
            and _prog(q.programme)["standard"]["formula"] == "level_topup":
        q.kind = "topup"              # "我评上了技师领了3000 今年又评上高级技师 还能拿多少": 补差
    if q.kind == "topup" and _prog(q.programme)["standard"]["formula"] != "level_topup":
        # "自主评价资助去年拿过了 今年还可以再报吗": no 补差 in this programme — what else it asks
        q.kind = next((k for k, p in _patterns()["kinds"] if k not in ("combine", "compare", "topup") and p.search(text)),
                      "frequency" if re.search(rules()["again"], text) else None)
    r = _specific(q, text, today)
    if other and r.programme == q.programme and not r.card and (r.kind in AMOUNT_KINDS or r.aspect == "amount"):
        r.text += "\n" + _contrast_line(other, q)
        r.related = [other]
    if r.kind == "level_amount" and r.programme and _asks_whole_standard(text):
        r.text += "\n" + aspect_text(r.programme, "amount")      # "按什么标准给的，初级工也有吗"
    for aspect in q.also:             # "…多少，找哪个电话": each aspect asked, in its own clause
        if r.programme and not r.card:
            r.text += "\n" + aspect_text(r.programme, aspect)
    if r.programme and not r.card:
        r.text += "".join("\n" + more.text for more in _other_questions(q, r, today))
    if q.passed_place and q.passed_place not in rules()["generic_places"]:
        r.text += "\n" + say("place_note", place=q.passed_place)
    if r.programme and r.card and _silent_details(r.programme, text, ""):
        # "引才资助审核没通过咋整": nothing else asked — the procedure, and that the document is silent
        r = Reply(aspect_text(r.programme, "process"), programme=r.programme, kind="aspect", aspect="process")
    if r.programme and not r.card:
        r.text += _silent_details(r.programme, text, r.text)
    if not r.related:
        top = q.scores.get(q.programme, 0)
        r.related = [n for n in q.programmes[1:3] if q.scores.get(n, 0) >= top - 1 and n != r.programme]
    return r


def _contrasted(q: Question, text: str) -> int | None:
    """"同样是高级工 外面引进来的公司有钱拿 那我们自己培养出来的高级工有没有育才资助": another programme
    said to pay (rules.yml `contrast_paid`, or a figure) in an earlier clause, the one asked about in the
    asking clause — that one is answered (put first), and the other programme is returned, to be shown beside it."""
    parts = _clauses(text)
    if q.kind in ("combine", "compare") or len(q.programmes) < 2 or len(parts) < 2:
        return None
    from understanding.values import read as values

    def pointed(clause: str) -> list:
        named = [n for _, n in _named(clause)[0]]
        return list(dict.fromkeys(named or _cued(clause)))
    asked = pointed(parts[-1])
    if len(asked) != 1:
        return None
    for clause in parts[:-1]:
        others = [n for n in pointed(clause) if n != asked[0]]
        paid = re.search(rules()["contrast_paid"], clause) or any(
            v.kind == "money" or (v.kind == "number" and v.value >= 100) for v in values(clause, dt.date.today()))
        if len(others) == 1 and paid:
            q.programmes = asked + [n for n in q.programmes if n != asked[0]]
            # the other programme's clause says nothing about the case asked ("…的高级工有800": no 800 heads)
            q.text = "，".join(c.strip("，,。；; ") for c in parts if c is not clause)
            if q.aspect is None and q.kind is None:
                q.aspect = "amount"           # "金牌技师每月2000 金牌工人呢": the amount, set against the other's
            return others[0]
    return None


def _contrast_line(n: int, q: Question) -> str:
    """The other programme's amount for the level asked (else its standard in figures)."""
    prog = _prog(n)
    table = amounts.table_of(prog["standard"])
    level = next((lv for lv in q.levels if lv in table), q.levels[0] if q.levels and table else None)
    line = amounts.for_level(prog, level) if level else amounts.headline(prog)     # (or why the level is not in it)
    return say("contrast", name=prog["name"], line=line, clause=cite(prog["standard"]["clause"]))


def _tells_own_case(text: str, today: dt.date) -> bool:
    from understanding import understand
    facts = understand(text, today).facts
    return sum(len(v) for v in facts.values() if isinstance(v, dict)) - ("kind" in (facts.get("organisation") or {})) >= 2


_RECIPIENTS = {"enterprise": r"企业|公司|单位|厂里?", "training_org": r"培训机构|培训学校|机构", "studio": r"工作室"}


def _recipient_named(text: str, kind: str) -> bool:
    """"企业是不是也有一笔", "公司能不能领": the question asks what another kind of asker gets."""
    words = _RECIPIENTS.get(kind)
    return bool(words) and bool(re.search(
        rf"(?:{words})(?:这边|那边|自己)?(?:是不是|能不能|可不可以|可以|也|有没有|能|会不会)", text))


def _silent_details(n: int, text: str, said: str) -> str:
    """"提升补助网上能办吗", "申请表要盖公章吗", "审核要多久": a detail of the procedure the document
    does not give (rules.yml `silent_details`) — said so, with the programme's phone."""
    prog = _prog(n)
    found = [d["say"] for d in rules()["silent_details"] if re.search(d["words"], text)]
    if not found:
        return ""
    phone = "" if prog["phone"] in said else say("ask_phone", phones=f"{prog['phone']}（{prog['unit']}）")
    return "\n" + "".join(found) + phone


def _asker_breaks_tie(q: Question, text: str, today: dt.date, asker: str | None) -> None:
    """"我是刚毕业的大学生，考了高级工证，能领补贴吗": two programmes cued alike (大学生 → 十一,
    考了 → 四) — the one for who is asking (the conversation's asker, else the message's
    reading; policy_kb/askers.yml) comes first, when only one of them is theirs."""
    top = [n for n in q.programmes if q.scores[n] == q.scores[q.programmes[0]]]
    if not asker:
        from understanding import understand
        asker = understand(text, today).subject
    theirs = [n for n in top if n in load().askers.get(asker or "", {}).get("programmes", [])]
    if len(theirs) == 1:
        q.programmes = theirs + [n for n in q.programmes if n != theirs[0]]


def _askers_level_programme(q: Question, text: str, today: dt.date) -> int | None:
    """"我去年评的技师，社保交了五个月，能领吗": a level asked yes/no, or with more of the asker's
    case than the level, naming no programme — the one programme for that kind of asker
    (policy_kb/askers.yml) whose standard lists the level, decided on the stated facts."""
    if not q.levels or not q.asks:
        return None
    from understanding import understand
    reading = understand(text, today)
    asker = load().askers.get(reading.subject or "")
    stated = [k for root in reading.facts.values() if isinstance(root, dict) for k in root if k != "kind"]
    if not asker or not (q.yes_no or len(stated) >= 2):
        return None
    fits = [n for n in asker["programmes"] if any(lv in amounts.table_of(_prog(n)["standard"]) for lv in q.levels)]
    return fits[0] if len(fits) == 1 else None


# Kinds and aspects asked for themselves even about the pending question's condition.
PENDING_ASIDE = ("compare", "combine", "phone", "unit", "materials", "publicity", "paid_when", "organiser", "decides", "who_applies", "instalment")

AMOUNT_KINDS = ("level_amount", "computed", "cap", "topup", "bonus", "compare", "yes_no")


def _other_questions(q: Question, r: Reply, today: dt.date) -> list:
    """"材料要哪些，多久受理一次": a second question in its own clause, asking another
    kind or aspect than the one answered, is answered after it, about the same programme."""
    clauses_ = _clauses(q.text)
    if len(clauses_) < 2:
        return []
    asked = {(r.programme, what) for what in {r.kind, r.aspect, *q.also} - {None, "aspect"}}
    if r.kind in AMOUNT_KINDS:
        asked.add((r.programme, "amount"))
    more = []
    for clause in clauses_:
        if not is_question(clause):
            continue
        c = read(clause)
        if not (c.kind or c.aspect) or c.supplementary or c.district or c.yes_no:
            continue
        if not c.named and c.scores.get(c.programme, 0) < 2 * CUE_WEIGHT:
            c.programmes = [r.programme]      # the message's programme, unless the clause points elsewhere
        c.levels, c.grade = c.levels or q.levels, c.grade or q.grade     # "技师评上了，能拿多少"
        reply = answer(c, clause, today)
        if not reply or reply.card or not reply.text or reply.text in r.text:
            continue
        what = "amount" if reply.kind in AMOUNT_KINDS else reply.aspect if reply.kind == "aspect" else reply.kind
        if (reply.programme, what) in asked or what in ("clause", "card") or \
                (what == "amount" and "元" in r.text and reply.programme == r.programme):
            continue                  # asked and said already, or only the nearest sentence
        name = f"【{_prog(reply.programme)['name']}】" if reply.programme else ""
        lines = [x for x in reply.text.split("\n") if len(x) < 12 or x.replace(name, "", 1) not in r.text]
        if lines:
            asked.add((reply.programme, what))
            reply.text = "\n".join(lines)
            more.append(reply)
    return more


def _asks_whole_standard(text: str) -> bool:
    """"企业自主评价资助是按什么标准给的，初级工也有吗": a clause asks the whole 兑付标准
    (rules.yml `whole_standard`) naming no level, and another asks about a level ("企业自主
    评价认定技师，每人资助标准是多少" asks the one level's)."""
    from .reading import _levels
    parts = _clauses(text)
    return any(re.search(rules()["whole_standard"], c) and not _levels(c) for c in parts) \
        and any(_levels(c) and is_question(c) for c in parts)


def _says_more(q: Question) -> bool:
    """More than "我能申请X吗" (which starts the check): something about the case is said."""
    return len(re.sub(rules()["bare_asking"], "", q.topic)) >= 4


def _heads_text(n: int) -> str:
    """"哪些人来培训，机构才能拿补助": the programme's per-head conditions (who its heads are:
    the trainees, the people introduced…), each with its clause; "" for a programme without heads."""
    prog = _prog(n)
    if not prog.get("items"):
        return ""
    spec = load().fact_spec(prog["items"]) or {}
    conds = list(dict.fromkeys(f"第{c['clause']}条：{c['text']}" for c in prog["conditions"] if c.get("scope") == "item"))
    return f"\n{spec.get('label', '')}：\n" + "\n".join(f"{clauses.CIRCLED[i]}{c}" for i, c in enumerate(conds)) if conds else ""


def _org_conditions_text(n: int) -> str:
    """"啥样的企业能申请自主评价资助": an organisation's programme's own conditions beyond its 政策对象
    and its 兑付标准 (备案, 考核评估结果…), each with its clause; "" when there are none."""
    prog = _prog(n)
    if prog["subject"] != "organisation":
        return ""
    skip = {prog.get("headings", {}).get("object"), prog["standard"]["clause"]}
    conds = list(dict.fromkeys(f"第{c['clause']}条：{c['text']}" for c in prog["conditions"]
                               if c.get("scope") != "item" and c["clause"] not in skip))
    if not conds:
        return ""
    return f"\n{ASPECT_TITLES['conditions']}：\n" + "\n".join(f"{clauses.CIRCLED[i]}{c}" for i, c in enumerate(conds))


def _conditions_about(n: int, text: str) -> list:
    """"25年4月1号以前报和以后报条件有啥不一样" → the conditions naming a day; "育才资助对员工社保啥要求"
    → those about 社保 (rules.yml `condition_topics`): some of the conditions, not all; [] otherwise."""
    conds = clauses.of(n, "condition")
    if re.search(rules()["date_named"], text):
        some = [c for c in conds if re.search(rules()["dated_condition"], c.text)]
    else:
        topic = next((w for w in rules()["condition_topics"] if w in text), None)
        some = [c for c in conds if topic and topic in c.text]
    return some if len(some) < len(conds) else []


def _names_material(n: int, text: str) -> bool:
    """"持证大学生补贴要学历证书吗": the question names an item of the programme's 申报材料."""
    items = [m.split("（")[0] for m in _prog(n)["materials"]]
    # the whole item, or its last six characters ("技能等级认定发证名册是什么")
    return any(len(item) >= 4 and item in text for item in items) or \
        any(len(item) >= 8 and item[-6:] in text for item in items)


def _specific(q: Question, text: str, today: dt.date) -> Reply:
    if q.aspect in (None, "conditions", "content") and not q.kind and _names_material(q.programme, text):
        q.aspect = "materials"
    std = _prog(q.programme)["standard"]
    # "持证大学生中级工每个月补多少，补几个月": a monthly level's line says its months too
    months_asked = q.kind == "duration" and std["formula"] == "monthly_by_level"
    money_asked = q.aspect in ("amount", None) and q.kind in (None, "cap", "bonus") or months_asked
    about_amount = (q.levels or q.grade or "专项能力" in text) and money_asked
    bonus_here = q.kind == "bonus" and ("bonus" in std or "uplift" in std)
    if q.kind == "cap" and q.yes_no and _asked_amount(text):
        return cap(q)               # "参赛配套最高10万对吧": the cap put up for confirmation, no award stated
    if re.search(rules()["per_claim_words"], last_clause(text)):
        r = per_claim(q, today)           # "每半年单位报一次 那一次发多少"
        if r:
            return r
    span = next((m for w, m in rules()["span_months"].items() if re.search(w, last_clause(text))), None)
    if span and std["formula"] == "monthly" and re.search(rules()["span_asked"], last_clause(text)):
        # "金牌技师津贴半年能拿多少": the months of the span at the monthly amount
        return Reply(aspect_text(q.programme, "amount").split("\n")[0] + "\n"
                     + say("per_span", months=span, amount=yuan(std["monthly"] * span)),
                     programme=q.programme, kind="aspect", aspect="amount")
    if re.search(rules()["same_head"], text) and std["formula"] in ("per_item", "per_count"):
        # "同一个员工考了高级工又考了技师 培训机构能拿两次补贴吗": the document does not say
        prog = _prog(q.programme)
        return Reply(aspect_text(q.programme, "amount") + "\n" + say("same_head_silent", phones=f"{prog['phone']}（{prog['unit']}）"),
                     programme=q.programme, kind="aspect", aspect="amount")
    if q.kind in PROCESS_KINDS:
        # "提升补助要公示吗", "评上技师的补助会不会公示": the procedure asked, not whether one qualifies
        r = silent_step(q) or sentence(q, q.kind, today)
        if r:
            return r
    ratio = re.search(rules()["ratio_asked"], text)
    if q.yes_no and ratio and std.get("ratio") and not q.levels and not _asked_amount(text) \
            and not computed(q, text, today):     # "…1比1吗 上级给了2万 区里给多少": the award stated decides
        # "区里是1比1配套吗": the ratio put up against the standard's own ("…奖励了80万 区里是不是按1:1也配80万":
        # an amount put up is the engine's to decide on the award stated)
        from understanding.values import number
        a, b = number(ratio.group(1)), number(ratio.group(2))
        fits = bool(a and b) and a / b == std["ratio"]
        return Reply(_prefix(q, fits) + aspect_text(q.programme, "amount"), programme=q.programme,
                     kind="aspect", aspect="amount")
    if q.kind == "frequency" and q.yes_no and _per_year(last_clause(text)):
        r = sentence(q, q.kind, today)      # "津贴是公司每半年帮员工申请吗": how often, not whether one qualifies
        if r:
            return r
    if q.yes_no and _located_facts(_prog(q.programme), text):
        r = judge(q, text, today)          # "工作室在滨江 考核优秀 能拿吗": the place decides first
        if r:
            return r
    if q.aspect in ("amount", None) or q.yes_no:
        r = computed(q, text, today)
        if r:
            return r
    if "annual_cap" in std and (q.kind == "cap" or (q.yes_no and _asked_amount(text))) \
            and _received_left(_prog(q.programme), text):
        return cap(q)               # "自主评价资助今年已经领了9万 还能再拿2万吗": what the year's cap leaves
    if q.yes_no and about_amount and not q.levels and std.get("special", {}).get("value", "\0") in text \
            and _asked_amount(text, bare=True):
        return level_amount(q)      # "二产的专项能力证书补贴是400吗": the side's entry against the figure put up
    if q.yes_no and about_amount and std.get("fact") and q.kind != "bonus":
        # "既是区级的也是省级工作室 考核优秀 能拿运行经费吗": a stated fact failing another condition
        # decides before the grade's (or level's) entry in the table
        r = judge(q, text, today)
        if r and r.failing and not any(f.endswith(std["fact"]) for f in r.failing):
            return r
    if about_amount and money_asked and not q.yes_no and q.kind in (None, "bonus"):
        r = assessed(q, text, today)        # "不是区级工作室 考核优秀能拿多少": a stated fact fails first
        if r and r.failing:
            return r
    if about_amount and (bonus_here or q.grade) or (about_amount and not q.yes_no and "专项能力" in text):
        r = level_amount(q)
        if r:
            return r
    if money_asked and not q.yes_no and q.kind in (None, "bonus"):
        r = assessed(q, text, today)
        if r:
            return r
    if about_amount and not q.yes_no:
        r = level_amount(q)
        if r:
            return r
    if q.kind == "topup" and len(q.levels) >= 2:
        r = topup(q)
        if r:
            return r
    if q.yes_no:
        r = judge(q, text, today)
        if r:
            if q.kind in SENTENCE_KINDS:
                extra = sentence(q, q.kind, today)
                if extra:           # (not what the decision said already: the level's amount)
                    r.text += "".join("\n" + x for x in extra.text.split("】", 1)[1].split("\n") if x not in r.text)
            other = next((n for n in q.programmes if n != q.programme), None)
            if q.kind == "combine" and other:     # "拿了大赛资助，金牌津贴还能拿吗"
                phones = dict.fromkeys((p["phone"], p["unit"]) for p in (_prog(q.programme), _prog(other)))
                r.text += "\n" + say("combine_silent_one", b=_prog(other)["name"],
                                     phones="、".join(f"{ph}（{u}）" for ph, u in phones))
            return r
    if about_amount:
        r = level_amount(q)
        if r:
            return r
    if q.kind == "topup":
        r = topup(q)
        if r:
            return r
    if q.kind == "cap":
        return cap(q)
    if q.kind in SENTENCE_KINDS:
        r = sentence(q, q.kind, today) or (verify_silent(q) if q.kind == "verify" else None)
        # the programme's document has no sentence of that kind ("金牌工人津贴是一次性发还是按月发": no
        # instalments): the next kind the question names that it has one for
        for kind in (k for k, p in _patterns()["kinds"] if k in SENTENCE_KINDS and k != q.kind and p.search(text)):
            r = r or sentence(q, kind, today)
        if r:
            return r
    if q.yes_no and not q.levels and not q.grade and _asked_amount(text, bare=True):
        r = flat(q, _asked_amount(text, bare=True))
        if r:
            return r
        if _asked_amount(text):
            return cap(q, within=True)     # "培训机构一年能补到30万吗": the amount put up against the most it gives
    if q.yes_no and q.aspect in ("amount", None) and not q.levels and _says_more(q):
        # "补备案还能拿吗" with nothing the engine can read: whether one can is the conditions
        prog = _prog(q.programme)
        std = prog["standard"]
        # "技能大赛获奖的资助 团队能申请吗": a note of the KB about just that comes first, with the phone
        notes = [c.text for c in clauses.of(q.programme, "note")
                 if clauses.overlap(q.topic, c.text) >= rules()["note_floor"]]
        first = "".join(f"【{prog['name']}】{n}\n" for n in notes)
        last = "\n" + say("ask_phone", phones=f"{prog['phone']}（{prog['unit']}）") if notes else ""
        return Reply(first + aspect_text(q.programme, "conditions") + f"\n兑付标准：{std['text']}{cite(std['clause'])}"
                     + last, programme=q.programme, kind="aspect", aspect="conditions", offer_check=True)
    if q.aspect == "amount" and not q.kind and re.search(rules()["per_year_words"], text):
        r = per_year(q)
        if r:
            return r
    some = _conditions_about(q.programme, text) if q.aspect == "conditions" else []
    if some:
        lines = [f"{clauses.CIRCLED[i]}{c.text}{cite(c.label)}" for i, c in enumerate(some)]
        return Reply(f"【{_prog(q.programme)['name']}】{ASPECT_TITLES['conditions']}：\n" + "\n".join(lines),
                     programme=q.programme, kind="aspect", aspect="conditions")
    if q.aspect:
        text_ = aspect_text(q.programme, q.aspect)
        if q.aspect == "unit" and re.search(rules()["address_words"], text):
            prog = _prog(q.programme)
            text_ += "\n" + say("no_address", phones=f"{prog['phone']}（{prog['unit']}）")
        if q.aspect == "object" and re.search(rules()["head_words"], q.topic):
            text_ += _heads_text(q.programme)
        elif q.aspect == "object" and re.search(rules()["org_words"], q.topic):
            text_ += _org_conditions_text(q.programme)
        if q.aspect == "conditions":
            # "獲評錢塘金牌技師的條件是什麼": a title had by 评选 — how it is selected is that step
            text_ += "".join(f"\n{c.text}{cite(c.label)}" for c in clauses.of(q.programme, "process")
                             if c.text.startswith(tuple(rules()["selection_steps"])))
        return Reply(text_, programme=q.programme, kind="aspect", aspect=q.aspect)
    if q.asks:
        r = retrieved(q)
        if r:
            return r
    return Reply(programme=q.programme, kind="card", card=True)
