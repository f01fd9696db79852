"""The eligibility check as a pure state machine over policy_kb.engine.decide.

State (kept in Rasa slots so a restart of either server loses nothing):
  facts     partial facts object (shared/FACTS.md)
  subject   person | student | enterprise | training_org | studio
  asking    fact path of the pending question ("subject" while asking who)
  checking  True while the check is under way
  skipped   facts answered "不知道": never asked again ("?path": its answer was not
            understood once; a second time it is skipped like "不知道")
  programme programme in context (for follow-up questions and 转人工)
  asked     programmes the user asked about (explained even when ineligible)
  focus     the programme a check was started for ("我能申请X吗"): only it is checked

`step()` takes one user turn and returns the messages to send and the new state. It
asks only what `decide()` reports missing for the programmes relevant to the subject,
the most decisive first, and stops as soon as every relevant programme is decided.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field

from answering import is_question
from answering.reading import A_NOT_A
from policy_kb.engine import decide, fact_priority
from policy_kb.kb import load
from policy_kb.paths import get_path, set_path
from policy_kb.schema import FactsError, enum_values
from policy_kb.since import months_since as _counted

from understanding import Reading, merge, subject_root, understand
from understanding.insurance import continuing, goes_on, recounted
from understanding.tenure import employed_at_cert
from understanding.lexicon import all_terms
from understanding.reader import levels_said
from understanding.speakers import role_statement
from understanding.textnorm import normalise
from understanding.values import read as read_values

from . import answers, head_names

SUBJECT_LABELS = {key: asker["label"] for key, asker in load().askers.items()}

# Which programmes concern whom: policy_kb/askers.yml (政策对象 by kind of asker).
SUBJECT_PROGRAMMES = {key: asker["programmes"] for key, asker in load().askers.items()}
ORG_KIND = {"enterprise": "enterprise", "training_org": "training_org"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
LIST_FACTS = ("cultivated", "introduced", "school_cooperation.graduates", "training.trainees")
UNCLEAR = "?"


@dataclass
class Message:
    text: str
    buttons: list = field(default_factory=list)
    custom: dict | None = None


@dataclass
class State:
    facts: dict = field(default_factory=dict)
    subject: str | None = None
    asking: str | None = None
    checking: bool = False
    skipped: list = field(default_factory=list)
    programme: str | None = None
    asked: list = field(default_factory=list)
    focus: str | None = None      # the programmes checked ("6", "5,6"): asked for, or the case told
    names: dict = field(default_factory=dict)     # list → the people's names its heads were told by


def subject_for_programme(number: int) -> str:
    return next(s for s, ns in SUBJECT_PROGRAMMES.items() if number in ns)


def relevant(state: State) -> list:
    numbers = SUBJECT_PROGRAMMES.get(state.subject, [])
    chosen = [n for n in _focus(state) if n in numbers]
    return chosen or numbers


ALL = "all"         # focus: every programme of the asker's kind was asked for


def _focus(state: State) -> list:
    return [int(n) for n in str(state.focus or "").split(",") if n.strip().isdigit()]


def about(state: State) -> tuple:
    """The fact sections of the organisation's programmes in focus ("organisation.school_cooperation"
    once 校企合作 was asked for): what it says next is read as about them."""
    if state.subject not in ("enterprise", "training_org", "studio"):
        return ()
    out = []
    for n in _focus(state) + [int(x) for x in state.asked if str(x).isdigit()]:
        prog = load().programme(n)
        path = prog.get("items") or prog["standard"].get("fact") or ""
        if "." in path:
            out.append("organisation." + path.split(".")[0])
    return tuple(dict.fromkeys(out))


def _follow_case(state: State) -> None:
    """A check not asked for every programme follows the case told so far: the programmes
    its facts point at, more as more is told ("还有两个是我们自己培养的" adds 育才资助)."""
    if state.focus == ALL:
        return
    now = _focus(state)
    told = told_case(state.facts, state.subject, besides=now)
    if told and not set(told) <= set(now):
        state.focus = ",".join(str(n) for n in sorted(set(now) | set(told)))


@functools.lru_cache(maxsize=None)
def _programmes_by_fact() -> dict:
    """"person.new_level" → {4, 11}; a list ("organisation.introduced") → its programme: the
    programmes whose conditions read each fact (policy_kb/programmes)."""
    found: dict = {}

    def walk(test, prog):
        if isinstance(test, dict):
            if "fact" in test:
                root = "person" if prog["subject"] == "person" else "organisation"
                if prog.get("items") and load().fact_spec(f"{prog['items']}[].{test['fact']}"):
                    root = f"organisation.{prog['items']}"       # a field of each head
                found.setdefault(f"{root}.{test['fact']}", set()).add(prog["number"])
            for value in test.values():
                walk(value, prog)
        elif isinstance(test, list):
            for value in test:
                walk(value, prog)
    for prog in load().programmes:
        if prog.get("items"):
            found.setdefault(f"organisation.{prog['items']}", set()).add(prog["number"])
        for cond in prog["conditions"]:
            walk(cond.get("test"), prog)
    return found


@functools.lru_cache(maxsize=1)
def _fact_rules() -> dict:
    from understanding.lexicon import fact_rules
    return {r.path: r for r in fact_rules()}


def _read_for_programme(text: str, today: dt.date, number: int, reading: Reading) -> Reading:
    """"备案？没有 没去备案过" after 自主评价资助's card: the words fit one yes/no condition of the
    programme just shown (read as the answer to it); the first reading when none or several do."""
    prog = load().programme(number)
    subject = subject_for_programme(number)
    root = "person" if prog["subject"] == "person" else "organisation"
    fits = []
    for path, numbers in _programmes_by_fact().items():
        if number in numbers and path.startswith(root + ".") and "[" not in path \
                and (load().fact_spec(path.split(".", 1)[1]) or {}).get("type") == "bool":
            rule = _fact_rules().get(path)
            if rule is None or not rule.cues or not any(w in text for w in rule.cues[0] if not w.startswith("~")):
                continue        # a bare "没有" names no condition
            candidate = understand(text, today, pending=path, subject=subject)
            if candidate.facts:
                fits.append(candidate)
    return fits[0] if len(fits) == 1 else reading


def told_case(facts: dict, subject: str | None, besides: list = ()) -> list:
    """The programmes a told case is about: those of the facts it states that only one or two
    of the asker's programmes read, and only what the asker has ("去年评上高级技师" → 提升补助;
    "从上海引进了一个技师" → 引才资助). "没拿过金牌" or a general fact ("在钱塘上班") points nowhere,
    nor does a fact that the programmes `besides` read ("我在事业单位" answers 提升补助's question)."""
    mine = set(SUBJECT_PROGRAMMES.get(subject, []))
    out: set = set()
    for root in ("person", "organisation"):
        for path, value in _leaves(facts.get(root) or {}):
            if value in (False, None, "无", 0, [], {}) or path == "kind" or _spec(path).get("general"):
                continue            # the asker's kind, employer, establishment say who, not what
            general = re.sub(r"\[\d+\]", "", f"{root}.{path}")
            while general not in _programmes_by_fact() and "." in general[len(root) + 1:]:
                general = general.rsplit(".", 1)[0]           # a head's field: its list's programme
            numbers = _programmes_by_fact().get(general, set()) & mine
            if 0 < len(numbers) <= 2 and not numbers & set(besides):   # a fact of the programmes checked answers them
                out |= numbers
    return sorted(out)


def priority(path: str) -> tuple:
    """facts.yml priorities along the path, lower asks first: the engine's own ordering."""
    return fact_priority(path)


def _spec(path: str) -> dict:
    return load().fact_spec(re.sub(r"\[\d+\]", "[]", path)) or {}


def _is_skipped(path: str, skipped: list) -> bool:
    return any(path == s or path.startswith(s + ".") or path.startswith(s + "[") for s in skipped)


# -- questions ---------------------------------------------------------------------
MENU = [{"title": "看看有哪些政策", "payload": "/list_programmes"},
        {"title": "查我能申请什么", "payload": "/check_eligibility"},
        {"title": "要咨询电话", "payload": "/human_handoff"}]
YES_NO = [{"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"},
          {"title": "不知道", "payload": "/dont_know"}]
DONT_KNOW = [{"title": "不知道", "payload": "/dont_know"}]


def _choice(title: str, value: str) -> dict:
    return {"title": title, "payload": f'/inform{{"choice":"{value}"}}'}


def question(path: str) -> Message:
    if path == "subject":
        return Message("请问您是以什么身份咨询？",
                       [_choice(label, key) for key, label in SUBJECT_LABELS.items()])
    spec = _spec(path)
    if path in LIST_FACTS:
        return Message(f"贵单位有没有符合条件的{spec['label']}？有的话我们先逐一看一位。", YES_NO)
    if spec.get("question"):
        text = spec["question"]
    else:
        text = f"{answers.fact_label(path)}？"
    typ = spec.get("type")
    kb = load()
    if typ == "bool":
        buttons = YES_NO
        if not spec.get("question"):
            text = f"{answers.fact_label(path)}，是吗？"
    elif typ == "enum":
        values = spec["values"]
        labels = values if isinstance(values, dict) else {v: v for v in enum_values(spec, kb.levels)}
        buttons = [_choice(label, key) for key, label in labels.items()] + DONT_KNOW
    elif typ == "enum_list":
        buttons = [_choice(v, v) for v in enum_values(spec, kb.levels)] + [_choice("无", "无")] + DONT_KNOW
    else:
        buttons = DONT_KNOW
    return Message(text, buttons)


def next_question(state: State, decision: dict) -> str | None:
    """The most decisive fact still missing. A programme that needs a fact the user does
    not know is still asked its other facts when it is the one asked about or told: any of them
    may settle it as not eligible, and the answer can then say that only the unknown one is left
    to confirm (in a check of every programme, it is left as it is). Once nothing
    decides eligibility any more, the facts that change an eligible programme's amount
    (钱塘户籍 and 紧缺 per head, the level already subsidised for 补差) are asked."""
    wanted = relevant(state)
    missing, raising = [], []
    stake: dict = {}        # fact → (programmes it decides, money they may pay)
    for result in decision["results"]:
        if result["programme"] not in wanted:
            continue
        if result["status"] == "needs_info":
            open_ = [m for m in result["missing"] if not _is_skipped(m, state.skipped)]
            if len(open_) < len(result["missing"]) and result["programme"] not in _focus(state) \
                    and result["programme"] not in told_case(state.facts, state.subject):
                continue        # (only for the programmes asked about or told: not every one of a menu)
            missing += open_
            asked = result["programme"] in [int(n) for n in state.asked if str(n).isdigit()]
            for m in dict.fromkeys(open_):
                n, money, named = stake.get(m, (0, 0, 0))
                stake[m] = (n + 1, money + (result.get("amount") or 0), named + asked)
        elif result["status"] == "eligible":
            raising += [m for m in result["missing"] + _earlier_level(state, result["programme"])
                        if not _is_skipped(m, state.skipped) and not _cap_far(result, m)]
    if missing:     # the fact that settles the most programmes and money first, then facts.yml's order
        # (the programme the person named first: "想申请引才资助" is not asked about 育才 first)
        return min(dict.fromkeys(missing), key=lambda m: (-stake[m][2], -stake[m][0], -stake[m][1], priority(m)))
    return min(dict.fromkeys(raising), key=priority) if raising else None


def _cap_far(result: dict, path: str) -> bool:
    """What was received this year matters only near the annual cap: far below half of it the
    question would cost every organisation a turn for nothing (the answer notes the cap)."""
    cap = load().programme(result["programme"])["standard"].get("annual_cap")
    return bool(cap) and path == cap["received"] and (result.get("amount") or 0) < cap["amount"] // 2


def _earlier_level(state: State, number: int) -> list:
    """补差 (programme 4): the level already subsidised, when the new level is not the
    lowest in the table (a lower one could have been paid) and it was not said."""
    std = load().programme(number)["standard"]
    already = std.get("already")
    if not already:
        return []
    facts = state.facts.get("person") or {}
    level = facts.get(std["fact"])
    table = list(std["table"])
    if facts.get(already) is not None or level not in table or table.index(level) == 0:
        return []
    return [already]


# -- reading one answer ------------------------------------------------------------
def _answer_from_choice(path: str, choice: str):
    if path in LIST_FACTS:
        return [{}] if choice in ("true", "有", "是") else []
    spec = _spec(path)
    typ = spec.get("type")
    if typ == "bool":
        return {"true": True, "false": False, "是": True, "否": False}.get(choice)
    if typ == "enum_list":
        return [] if choice == "无" else [choice]
    if typ == "enum":
        values = spec["values"]
        if isinstance(values, dict):
            reverse = {label: key for key, label in values.items()}
            return choice if choice in values else reverse.get(choice)
        return choice if choice in enum_values(spec, load().levels) else None
    return None


def _wrap(path: str, value) -> dict:
    inner: dict = {}
    set_path(inner, path, value)
    return {subject_root(path): inner}


def show_value(path: str, value) -> str:
    """A fact value as a user reads it."""
    spec = _spec(path)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(v for v in value if isinstance(v, str)) or "无"
    if isinstance(value, dict):         # counts per level: "初级工150人、中级工90人"
        return "、".join(f"{k}{n}人" for k, n in value.items()) or "无"
    if spec.get("type") == "enum" and isinstance(spec.get("values"), dict):
        return spec["values"].get(value, str(value))
    if spec.get("type") == "date" and isinstance(value, str):
        y, m, d = value.split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"
    if spec.get("type") == "month" and isinstance(value, str):
        y, m = value.split("-")
        return f"{int(y)}年{int(m)}月"
    if spec.get("type") == "int" and "月数" in spec.get("label", ""):
        return f"{value}个月"
    return str(value)


def fact_paths(facts: dict) -> list:
    """Every fact given, as paths ('person.cert_date', 'organisation.introduced[0].level')."""
    return [f"{root}.{path}" for root in ("person", "organisation")
            for path, _ in _leaves(facts.get(root) or {})]


def _leaves(root: dict, prefix: str = ""):
    for key, value in root.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and _spec(path).get("type") != "counts":
            yield from _leaves(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                yield from _leaves(item, f"{path}[{i}]")
        else:
            yield path, value


def _changes(old: dict, new: dict) -> list:
    """[(path, new value, was it a correction)] for leaves that differ."""
    out = []
    for root in ("person", "organisation"):
        before = dict(_leaves(old.get(root) or {}))
        for path, value in _leaves(new.get(root) or {}):
            if before.get(path, object()) != value:
                out.append((path, value, path in before))
    return out


def _recorded(changed: list) -> str:
    """What was recorded, one group per list head: "第1位…：等级 技师、入职日期 2024年5月1日"."""
    groups: dict = {}
    for path, value, _ in changed:
        m = re.match(r"^(.*\[\d+\])\.(.*)$", path)
        head = m.group(1) if m else ""
        label = (_spec(path).get("label", path) if m else answers.fact_label(path))
        groups.setdefault(head, []).append(f"{label}：{show_value(path, value)}" if not m
                                           else f"{label} {show_value(path, value)}")
    parts, run = [], []          # heads told the same thing in a row: "第1–8位…：…"
    for head, items in list(groups.items()) + [(None, None)]:
        if run and (head is None or not head or items != run[-1][1] or
                    head.split("[")[0] != run[-1][0].split("[")[0] or _index(head) != _index(run[-1][0]) + 1):
            label = answers.head_label(run[0][0])
            if len(run) > 1:
                label = label.replace(f"第{_index(run[0][0]) + 1}位", f"第{_index(run[0][0]) + 1}–{_index(run[-1][0]) + 1}位")
            parts.append(f"{label}：{'、'.join(run[0][1])}")
            run = []
        if head:
            run.append((head, items))
        elif items:
            parts.extend(items)
    return "；".join(parts)


def _index(head: str) -> int:
    return int(re.search(r"\[(\d+)\]$", head).group(1))


def _missing(state: State, path: str) -> bool:
    return get_path(state.facts.get(subject_root(path)) or {}, path) is None and path not in LIST_FACTS


def asking_programme(state: State, today: dt.date) -> int | None:
    """The programme the pending question is for: a question in the middle ("备案要提前多久？")
    is about it unless it names another."""
    if not (state.checking and state.asking) or state.asking == "subject":
        return None
    generic = re.sub(r"\[\d+\]", "[]", state.asking)
    try:
        decision = decide(state.facts, today=today)
    except FactsError:
        return None
    wanted = relevant(state)
    for result in decision["results"]:
        missing = {re.sub(r"\[\d+\]", "[]", m) for m in result.get("missing") or []}
        if result["programme"] in wanted and (generic in missing or any(m.startswith(generic) for m in missing)):
            return result["programme"]
    return None


def recorded_facts(facts: dict) -> str:
    """Every fact collected so far, as the check shows what it recorded."""
    return _recorded(_changes({}, facts))


def start_subject(state: State, subject: str) -> None:
    state.subject = subject
    root = "person" if subject in ("person", "student") else "organisation"
    state.facts.setdefault(root, {})
    if subject in ORG_KIND:
        state.facts[root].setdefault("kind", ORG_KIND[subject])


def _validated(facts: dict, today: dt.date):
    try:
        return decide(facts, today=today)
    except FactsError as exc:       # a combination the schema refuses: say so, keep old facts
        return exc


def _has_words(plain: str) -> bool:
    """A button payload, Chinese, or a plain yes/no: what may count as an answer."""
    return plain.startswith("/") or bool(_CJK.search(plain)) or plain.lower() in ("yes", "no", "ok", "y", "n")


def root_of(subject: str) -> str:
    return "person" if subject in ("person", "student") else "organisation"


# "能申请哪些", "还有什么补贴": every programme of the asker's kind, not the one just discussed
_ASKS_ALL = re.compile(r"哪些|哪几|什么补贴|什么补助|什么资助|什么政策|申请什么|申报什么|拿什么|领什么|享受什么|有什么|其他|别的|"
                       r"还有什么|全部|所有")


def _fits(subject: str | None, number: int) -> bool:
    """The message's facts are of the programme's kind of applicant (a studio's programmes
    also take a firm's words: "我们公司就在钱塘")."""
    wanted = subject_for_programme(number)
    return subject == wanted or (subject == "enterprise" and wanted in ("studio", "training_org"))


def _subsidy_named(plain: str) -> int | None:
    """The programme whose own name the words give as the subsidy asked about ("引才的那个资助",
    "校企合作办班的资助"), not a title or level they hold ("我是金牌技师")."""
    named = answers.programme_named(plain)
    if named is None:
        return None
    said, number = named
    after = plain[plain.index(said) + len(said):]
    return number if all_terms().get(said) not in ("VALUE", "LEVEL") and (
        re.match(r"[\u4e00-\u9fff]{0,3}?(?:的|那个|这个|的那个)?(?:资助|补贴|补助|津贴|政策)", after) or said.endswith(("资助", "补贴", "补助", "津贴"))) \
        else None


_WANTS_ONE = re.compile(r"想问|想了解|想咨询|想申请|想报|想申报|准备申请|打算申请|要申请|申请一下|能不能申请|能申请|可以申请|能不能拿|能拿|能领")


def _begin(state: State, ents: dict, plain: str = "", tells: bool = False) -> None:
    """The user asked for a check; "我能申请X吗" checks only X, for X's kind of applicant;
    "我能申请哪些补贴", "帮我看看能不能申请" (no case told) or the menu's button every programme;
    otherwise (`tells`: the words state facts) the case told decides."""
    state.checking = True
    state.asking = None
    state.focus = str(ents["programme"]) if ents.get("programme") else None
    if not state.focus and (not tells or plain.startswith("/") or _ASKS_ALL.search(plain)):
        state.focus = ALL
    if state.focus and state.focus != ALL:
        wanted = subject_for_programme(int(state.focus))
        if state.subject != wanted:
            if state.subject and root_of(state.subject) != root_of(wanted):
                state.facts, state.names = {}, {}        # a person's facts say nothing about an organisation
            state.subject = None
            start_subject(state, wanted)


def _who(state: State, reading: Reading, intent, ents: dict, start: bool):
    """Set the subject from the message; or the question asking who it is."""
    chosen = ents.get("choice") if state.asking == "subject" else None
    subject = chosen if chosen in SUBJECT_LABELS else reading.subject
    if subject is None:
        state.asking = "subject"
        q = question("subject")
        return Message(("好的，我来帮您看看能申请哪些补贴。" if start else "") + q.text, q.buttons)
    start_subject(state, subject)
    if state.asking == "subject":
        state.asking = None
    return None


def _short(path: str) -> str:
    """'person.cert_date' → 'cert_date' (the dialogue's paths are relative to the root)."""
    return path.split(".", 1)[1] if path.startswith(("person.", "organisation.")) else path


def _heads_unknown(state: State, reading: Reading) -> list:
    """"去年十月还有个评上特级技师的 他取证那会社保在不在我们这我不清楚": a field the message
    says is unknown of a head it names ('cultivated[].x') is unknown for the heads it tells of."""
    out = []
    for path in reading.unknown:
        if "[]." not in path:
            continue
        name, field_ = _short(path).split("[].", 1)
        root = path.split(".", 1)[0]
        said = get_path(reading.facts.get(root) or {}, name) or []
        known = get_path(state.facts.get(root) or {}, name) or []
        for i, head in enumerate(said):
            if isinstance(head, dict) and head and field_ not in head and \
                    not (i < len(known) and isinstance(known[i], dict) and known[i].get(field_) is not None):
                out.append(f"{name}[{i}].{field_}")
    return out


def _read_answer(state: State, plain: str, reading: Reading, intent, ents: dict):
    """(update, problems, understood) for the pending question and whatever else is said."""
    asking = state.asking
    split = None if _tells_heads(reading, asking) else _split_by_count(state, asking, plain)
    if split:
        return split, [], True
    if len(open_heads(state, asking)) >= 2 and _NOT_ALL.search(plain) and not reading.facts:
        # "不一样": class by class (heads told alike), then one by one
        state.skipped.append(UNCLEAR + ("**" if UNCLEAR + "*" + asking in state.skipped else "*") + asking)
        many = _spec(asking).get("type") == "bool" and len(open_heads(state, asking)) != 1
        return {}, [{"message": "好的，那我们逐一来看（也可以直接告诉我有几位不是，比如“3个不是”）。" if many
                     else "好的，那我们逐一来看。"}], True
    # "是不是一定要提前备案啊" asks; only "不知道是不是…" says the fact is unknown
    asks = is_question(plain) and not UNSURE.search(plain)
    said_unknown = [] if asks else [_short(u) for u in reading.unknown if "[]" not in u] + \
        _heads_unknown(state, reading)
    for path in said_unknown:          # "不知道是不是紧缺工种": never asked again
        if path not in state.skipped:
            state.skipped.append(path)
    dont_know = (intent == "dont_know" and _has_words(plain) and not reading.facts and not is_question(plain)
                 and not reading.unknown) \
        or asking in said_unknown \
        or (asking not in (None, "subject") and not reading.unknown and UNSURE.search(plain)
            and get_path((reading.facts.get(subject_root(asking)) or {}), asking) is None)
    if asking and dont_know:
        if asking not in state.skipped:
            state.skipped.append(asking)
        return {}, [], True
    if asking and not reading.facts and role_statement(plain) == state.subject:
        # "我不是公司的人事 我是个人" when the check already is the person's: said, then asked again
        return {}, [{"message": "好的，就按您说的身份来核对。"}], True
    if asking and ents.get("choice") is not None:
        value = _answer_from_choice(asking, str(ents["choice"]))
        if value is not None:
            return _wrap(asking, value), [], True
    update, problems = ({}, [])
    if plain and not plain.startswith("/"):
        root = root_of(state.subject) if state.subject else None
        update = {k: v for k, v in reading.facts.items() if root is None or k == root}
        problems = reading.problems
    gave_asked = asking in (None, "subject") or \
        get_path(update.get(subject_root(asking)) or {}, asking) is not None
    months = None if gave_asked or problems else _months_since(state, asking, plain, reading.today)
    if months is not None:          # "拿证后一直在钱塘交 没断过": counted from the known month
        update, gave_asked = merge(update, months), True
    if update and not gave_asked and not _changes(state.facts, merge(state.facts, update)):
        update = {}             # "一直在这个厂 拿证的时候也在": only what is known already, then the answer
    # A message stating other facts ("失业人员6个拿了中级工…不是紧缺工种") is no yes/no to the
    # question asked, unless it starts as one ("是 考证时就在这家公司").
    # "我不是公司的人事 我是个人" says who asks, not "否" to the question
    heads = None if (asks or update or problems) else headcount(asking, plain)
    if heads:                       # "本次拟申报4人" to "有没有培训学员？": that many, told next
        return _wrap(asking, [{} for _ in range(heads)]), [], True
    loose = None if (asks or problems or gave_asked or role_statement(plain)
                     or (update and not _ANSWER_START.match(re.split(r"[，,。 ]", plain)[0]))) \
        else loose_yes_no(asking, plain)
    if loose is not None:           # "是的 考证的时候就在这个厂", "查了下 茶艺师不在里面"
        answer = _wrap(asking, ([{}] if loose else []) if asking in LIST_FACTS else loose)
        return merge(update, answer), [], True
    if update or problems or not asking or intent not in ("affirm", "deny") or not _has_words(plain) \
            or (len(plain) > 6 and not plain.startswith("/")):
        # "不对，说错了，是高级技师证" is no answer to "是否在钱塘区注册经营？"; the 是 button's /affirm is
        return update, problems, bool(update)
    # A bare yes/no (a button, or words the extractor does not know) answers the question.
    yes = intent == "affirm"
    spec_type = _spec(asking).get("type")
    if asking in LIST_FACTS:
        return _wrap(asking, [{}] if yes else []), [], True
    if spec_type == "bool":
        return _wrap(asking, yes), [], True
    if spec_type == "enum_list" and not yes:
        return _wrap(asking, []), [], True
    if asking == "gold_title" and not yes:
        return _wrap(asking, "无"), [], True
    if spec_type == "enum" and not yes:
        # "没有" to "which level?": there is no such value; leave it unknown and move on.
        if asking not in state.skipped:
            state.skipped.append(asking)
        return {}, [], True
    return {}, [], False


_NEGATION = re.compile(r"不|没|无|未|否")


def headcount(asking: str | None, plain: str) -> int | None:
    """The number of heads a reply to "有没有…人员？" gives ("有4个", "本次拟申报4人"), or None."""
    if asking not in LIST_FACTS or _NEGATION.search(plain):
        return None
    counts = [v.value for v in read_values(plain, dt.date.today()) if v.kind == "count"]
    return counts[0] if len(counts) == 1 and 0 < counts[0] <= 50 else None


def _same_fact(fact: str | None, asking: str) -> bool:
    """Is a problem's fact ("introduced[].hired_date") the one asked ("introduced[2].hired_date")?"""
    if not fact:
        return True
    strip = lambda p: re.sub(r"\[\d*\]", "", p.split(".", 1)[1] if p.startswith(("person.", "organisation.")) else p)
    a, f = strip(asking), strip(fact)
    return f == a or f.startswith(a + ".") or a.startswith(f + ".")


def counts_on(asking: str | None, plain: str) -> bool:
    """"社保一直厂里交的 没断过" said to a months question whose anchor facts.yml names (`since`)."""
    return bool(asking and goes_on(plain) and _spec(asking).get("since"))


def _months_since(state: State, asking: str, plain: str, today: dt.date | None) -> dict | None:
    """The month count asked, as an update, when the person says it has gone on since a month
    the check already knows ("入职那个月开始在钱塘交 一直没断" → from the hire month to this
    month). Asked of several heads at once, each head counts from its own month."""
    if not (today and counts_on(asking, plain)):
        return None
    since = _spec(asking).get("since")
    m = _HEAD_FIELD.match(asking)
    root = state.facts.get(subject_root(asking)) or {}
    if not m:
        months = _counted(since, root, today)
        return None if months is None else _wrap(asking, months)
    heads = get_path(root, m.group(1)) or []
    said: list = [{} for _ in heads]
    asked = open_heads(state, asking) or [int(m.group(2))]
    if not re.search(r"[他她]|这位|这个人|第.{1,3}[位个]", plain):
        # "入职以后社保一直在我们这交": a rule, not a count — every head not yet told counts by it
        asked = sorted(set(asked) | {i for i, h in enumerate(heads) if m.group(3) not in h})
    for i in asked:
        months = _counted(since, heads[i], today) if i < len(heads) else None
        if months is not None:
            said[i] = {m.group(3): months}
    if not any(said):
        return None
    out: dict = {}
    set_path(out, m.group(1), said)
    return {subject_root(asking): out}


# "他之前在哪个单位我不太清楚…我不知道": the pending fact is unknown (when no other fact is)
UNSURE = re.compile(r"不知道|不清楚|不太清楚|不确定|说不准|不记得|记不清|忘了")
_AFFIRMATION = re.compile(r"^(是|对|嗯|有|在|都|一直|已经|当然|肯定)|是的|对的|有的|都在|一直在|也在|在我们|在这"
                          r"|(?<![不没])在(?:里面|里头|里边|上面|名单|目录)")
_CORRECTION = re.compile(r"不对|说错|错了|改一下|更正|纠正")
_SOME_HEADS = re.compile(r"[0-9一二两三四五六七八九十几]+(?:个|名|位)(?!月)")
# The first clause of a reply that also states other facts: a plain yes/no ("是 考证时就在这家公司"),
# not a copula ("是公司工会帮我报的名 不是区人社局推荐的" answers another question).
_ANSWER_START = re.compile(r"^(?:是的?|对的?|嗯+|有的?|没有|没|不是|不|否|都是|都不是|一直是|当然|肯定|确实)[啊呀的了呢吧哦嘛]*$")


def loose_yes_no(asking: str, plain: str):
    """A reply in words to a yes/no question that states no fact the pipeline knows: yes when
    it affirms ("是的 考证的时候就在这个厂"), no when it denies ("茶艺师不在里面"); None for
    a question, a correction or anything else (then it is not taken as the answer)."""
    if _spec(asking).get("type") != "bool" and asking not in LIST_FACTS:
        return None
    if plain.startswith("/") or UNSURE.search(plain) or _CORRECTION.search(plain) or \
            re.search(r"[？?]|吗|呢|多少|怎么|哪|什么|啥|几", plain) or A_NOT_A.search(plain):
        return None
    if "[" not in asking and asking not in LIST_FACTS and _SOME_HEADS.search(plain):
        return None             # "四个留在我们公司 一个去了萧山": about heads, not the firm's own yes/no
    # The first clause that says yes or no decides: "评特级的时候就在这个厂 一直没换过" is a yes
    # whose second clause denies a change, not the question.
    for clause in filter(None, re.split(r"[，,。；;！!\s]+", plain)):
        no, yes = bool(_NEGATION.search(clause)), bool(_AFFIRMATION.search(clause))
        if no != yes:
            return yes
        if no:
            return None         # "不是不在": too tangled to take either way
    return None


_NOTHING = Reading(text="", speaker=None, subject=None, stated={}, facts={}, problems=[], unknown=[])


def _change_role(state: State, text: str, reading: Reading) -> Reading:
    """"我不是单位，我是个人": the role is corrected; facts of the old role's kind go, and
    the message is read again for the new role (the reading to use is returned)."""
    said = role_statement(normalise(text))
    if not said or not state.subject or said == state.subject:
        return reading
    if root_of(said) != root_of(state.subject):
        state.facts, state.names = {}, {}
    state.subject = None
    state.asking = None
    start_subject(state, said)
    return understand(text, reading.today, subject=said)


_PERSON_ONLY = {1, 2, 3}     # awards and gold titles: a person's programmes with no firm's counterpart


def _employee_case(state: State, reading: Reading) -> Reading | None:
    """"我们车间有个师傅上个月评上钱塘金牌工人了", told by a firm in its own check: the
    employee's case (a person's programme), so the check goes on for that person."""
    if state.subject != "enterprise" or reading.subject != "person" \
            or reading.facts.get("organisation"):
        return None
    told = set(told_case(reading.facts, "person"))
    if not told or told & set(SUBJECT_PROGRAMMES["person"]) - _PERSON_ONLY:
        return None         # (a new level is also the firm's: a head it cultivated, 育才资助)
    state.facts, state.names = {}, {}
    state.subject, state.asking, state.focus = None, None, None
    start_subject(state, "person")
    return reading


def step(state: State, text: str, intent: str | None, entities: list, today: dt.date | None = None,
         start: bool = False) -> tuple:
    """One user turn → (messages, new state). `start`: the user asked to check eligibility."""
    state = copy.deepcopy(state)
    today = today or dt.date.today()
    out: list = []
    picked = _picked(state, text)
    if picked:          # "2" to a question with choices is that choice, as if tapped
        text, intent, entities = picked
    ents = {e.get("entity"): e.get("value") for e in entities or []}
    if ents.get("programme"):
        state.programme = str(ents["programme"])
        if state.programme not in state.asked:
            state.asked.append(state.programme)
    plain = normalise(text or "")
    reading = understand(text or "", today, pending=state.asking if state.asking != "subject" else None,
                         subject=state.subject, known=state.facts or None, about=about(state)) \
        if plain and not plain.startswith("/") else _NOTHING

    reading = _change_role(state, text or "", reading)
    employee = _employee_case(state, reading)
    if employee:
        out.append(Message("好的，我们按这位员工本人的情况来核对。"))
        reading = employee
    if start and (not state.checking or (ents.get("programme") and str(ents["programme"]) != state.focus)):
        _begin(state, ents, plain, bool(reading.facts))
    if not state.checking:
        if not reading.facts and state.programme and plain and not plain.startswith("/"):
            reading = _read_for_programme(text or "", today, int(state.programme), reading)
        # "备案这个当时没做…" after the answer is a fact, whatever yes/no its intent reads as
        volunteered = (intent == "inform" and (reading.subject or ents.get("choice"))) or reading.facts
        if not volunteered:
            return [Message("好的。还有什么可以帮您？" if intent in ("affirm", "deny", "dont_know", "thanks")
                            else "抱歉，我没太明白您的意思。您是想：", MENU)], state
        state.checking = True        # facts given out of the blue (or a correction after the answer)
        wants = _WANTS_ONE.search(plain)        # the name after the wish, not "我是金牌技师，能申请什么"
        named = answers.find_programme(plain[wants.end():]) if wants else None
        if named is None and not _ASKS_ALL.search(plain):
            named = _subsidy_named(plain)       # "校企合作办班的资助问下 …没去备案": that one
        if named is None and state.programme and not _ASKS_ALL.search(plain) \
                and _fits(reading.subject, int(state.programme)):
            named = int(state.programme)        # the facts are for the programme just discussed
        if named and (not state.facts or state.subject == subject_for_programme(named)):
            _begin(state, {"programme": named})     # "…想申请校企合作资助": that programme only
        asked_of = subject_for_programme(int(state.programme)) if state.programme else None
        if state.subject is None and asked_of in ("studio", "training_org") and reading.subject == "enterprise":
            start_subject(state, asked_of)          # after the studio card, "我们公司就在钱塘" is the studio's
            reading = understand(text or "", today, subject=asked_of)

    if state.subject is None:
        ask_who = _who(state, reading, intent, ents, start)
        if ask_who:
            return [ask_who], state

    asking = state.asking
    before = state.facts
    update, problems, understood = _read_answer(state, plain, reading, intent, ents)

    if problems:
        out += [Message(p["message"]) for p in problems]
        if update:
            state.facts = merge(state.facts, update)
        q = question(asking) if asking else None
        if q and not get_path(state.facts, f"{subject_root(asking)}.{asking}") \
                and any(_same_fact(p.get("fact"), asking) for p in problems):
            out.append(q)       # the question asked, answered in part ("2025年" for a month): again
            return out, state
        update = {}             # a fact told in passing, in part: the check goes on to what decides most

    update = continuing(update, state.facts, plain, reading.today)
    update = recounted(update, state.facts, reading.today)
    update = employed_at_cert(update, state.facts, plain, reading.today)
    update = head_names.route(state.names, state.facts, update, text or "")
    if update and asking:
        update = _for_every_open_head(state, asking, update, plain)
    if update:
        candidate = merge(state.facts, update)
        decision = _validated(candidate, today)
        if isinstance(decision, FactsError):
            out.append(Message(f"这条信息我没法记录：{decision}"))
            decision = decide(state.facts, today=today)
        else:
            changed = _changes(state.facts, candidate)
            state.names = head_names.remember(state.names, state.facts, candidate, text or "")
            state.facts = candidate
            counted = changed and isinstance(changed[0][1], int) and str(changed[0][1]) not in plain
            if changed and (len(changed) > 1 or changed[0][0] != asking or changed[0][2] or counted):
                # (a count worked out from "一直没断" is shown, so the person can check it)
                out.append(Message("好的，记下了：" + _recorded(changed) + "。"))
    else:
        decision = decide(state.facts, today=today)
    if asking and asking not in ("subject",) and not start and intent not in ("check_eligibility",) and \
            not problems and (not understood or (_missing(state, asking) and asking not in state.skipped
                                                 and not _changes(before, state.facts))):
        # not understood, or nothing new while the question is still open
        if UNCLEAR + asking in state.skipped:       # the second miss: go on without it
            state.skipped[state.skipped.index(UNCLEAR + asking)] = asking
            out.append(Message("这个问题我先跳过，您之后想起来可以直接告诉我。"))
        else:
            state.skipped.append(UNCLEAR + asking)
            out.append(Message("抱歉，我没听明白这个回答。"))

    _follow_case(state)
    nxt = next_question(state, decision)
    if nxt:
        so_far = provisional(before, decision, relevant(state))
        if so_far:
            out.append(Message(so_far))
        state.asking = nxt
        out.append(ask_heads(state, nxt))
        return out, state

    # Every relevant programme is decided (or only unknowns the user cannot answer remain).
    wanted = relevant(state)
    asked = [int(n) for n in state.asked]
    for text_, payload in answers.final_answer(decision, wanted, asked, state.skipped):
        out.append(Message(text_, [], payload))
    out[-1].buttons = [{"title": "重新开始", "payload": "/start_over"},
                       {"title": "有哪些政策", "payload": "/list_programmes"}]
    others = [n for n in SUBJECT_PROGRAMMES.get(state.subject, []) if n not in wanted]
    if others:          # the check followed the case told or the programme asked: the rest stay one tap away
        names = "、".join(answers.display_name(n) for n in others)
        out.append(Message(f"以上只核对了您问到或说到的项目。还想看看{names}，可点“核对其他项目”。",
                           [{"title": "核对其他项目", "payload": "/check_eligibility"}] + out[-1].buttons))
        out[-2].buttons = []
    state.checking = False
    state.asking = None
    return out, state


# -- one question for several heads ------------------------------------------------
_HEAD_FIELD = re.compile(r"^(.+)\[(\d+)\]\.([a-z0-9_]+)$")
GROUP_TYPES = ("bool", "int", "date", "month", "enum")
_NOT_ALL = re.compile(r"不全|不都|有的|有些|有几|其中|部分|只有|不一样|不同")


def open_heads(state: State, path: str) -> list:
    """Indices of the heads of `path`'s list that still lack its field ('introduced[0].x').
    After "不全是" to all of them, the first run of heads told alike (a class: "焊接的8个人");
    after "不全是" to that too, none (one head at a time)."""
    m = _HEAD_FIELD.match(path or "")
    if not m or _spec(path).get("type") not in GROUP_TYPES or UNCLEAR + "**" + path in state.skipped:
        return []
    heads = get_path(state.facts.get(subject_root(path)) or {}, m.group(1)) or []
    field_ = m.group(3)
    found = [i for i, h in enumerate(heads) if isinstance(h, dict) and h.get(field_) is None
             and not _is_skipped(f"{m.group(1)}[{i}].{field_}", state.skipped)]
    if UNCLEAR + "*" + path not in state.skipped or not found:
        return found

    def alike(h):
        return {k: v for k, v in h.items() if k != field_}
    first = int(m.group(2)) if int(m.group(2)) in found else found[0]     # from the head asked
    run = [first]
    for i in found[found.index(first) + 1:]:
        if i != run[-1] + 1 or alike(heads[i]) != alike(heads[first]):
            break
        run.append(i)
    return run if len(run) < len(found) else []


def group_question(path: str, heads: list, total: int | None = None) -> Message | None:
    """"这8位合作培养毕业生都是通过校企联合培养取证的吗？": one question instead of eight.
    When only some heads are still open they are named ("第1–3位培训学员"), so the person
    knows which ones are meant."""
    m = _HEAD_FIELD.match(path)
    if len(heads) < 2 or not m or _spec(path).get("type") not in GROUP_TYPES:
        return None
    whom = ((load().fact_spec(m.group(1)) or {}).get("label") or "").replace("的", "")
    these = f"这{len(heads)}位{whom}" if total in (None, len(heads)) else f"{_ordinals(heads)}{whom}"
    label = _spec(path).get("label", path)
    if _spec(path).get("type") == "bool":
        return Message(f"{these}都是“{label}”吗？不全是的话，请告诉我哪几位不是。",
                       [{"title": "都是", "payload": "/affirm"}, {"title": "都不是", "payload": "/deny"},
                        {"title": "不知道", "payload": "/dont_know"}])
    if _spec(path).get("type") == "enum":
        return Message(f"{these}的“{label}”各是什么？都一样的话说一个就行。", DONT_KNOW)
    if _spec(path).get("type") in ("date", "month"):
        return Message(f"{these}的“{label}”各是什么时候？都一样的话说一个就行。", DONT_KNOW)
    return Message(f"{these}的“{label}”各是多少？都一样的话说一个数就行。", DONT_KNOW)


def _picked(state: State, text: str | None) -> tuple | None:
    """A bare "1"–"9" typed to a question offering choices (as WeChat users answer numbered
    choices, and some type in the widget too) → (payload, intent, entities) of that choice.
    Questions asking for a number keep the digit."""
    m = re.fullmatch(r"\s*([1-9])\s*", text or "")
    if not (m and state.checking and state.asking):
        return None
    if state.asking != "subject" and (state.asking in LIST_FACTS
                                      or _spec(state.asking).get("type") not in ("enum", "enum_list", "bool")):
        return None
    buttons = ask_heads(state, state.asking).buttons or []
    if int(m.group(1)) > len(buttons):
        return None
    payload = buttons[int(m.group(1)) - 1]["payload"]
    pm = re.fullmatch(r"/(\w+)(\{.*\})?", payload)
    entities = [{"entity": k, "value": v} for k, v in json.loads(pm.group(2) or "{}").items()]
    return payload, pm.group(1), entities


def _ordinals(heads: list) -> str:
    """[0, 1, 2] → "第1–3位"; [0, 2] → "第1、3位" (1-based, as the recorded summary counts)."""
    if heads == list(range(heads[0], heads[-1] + 1)):
        return f"第{heads[0] + 1}–{heads[-1] + 1}位"
    return "第" + "、".join(str(i + 1) for i in heads) + "位"


def ask_heads(state: State, path: str) -> Message:
    """The question for `path`: once for all its open heads where it can be, else alone."""
    m = _HEAD_FIELD.match(path or "")
    heads = open_heads(state, path)
    total = len(get_path(state.facts.get(subject_root(path)) or {}, m.group(1)) or []) if m else None
    return group_question(path, heads, total) or question(path)


def _for_every_open_head(state: State, asking: str, update: dict, plain: str) -> dict:
    """An answer to the question asked of several heads ("是", "都交了17个月") goes to each
    of them; "有的不是" leaves them to be asked one by one."""
    heads = open_heads(state, asking)
    if len(heads) < 2:
        return update
    m = _HEAD_FIELD.match(asking)
    root = subject_root(asking)
    said = get_path(update.get(root) or {}, m.group(1)) or []
    index, field_ = int(m.group(2)), m.group(3)
    if index not in heads:
        return update           # asked of one head alone ("第4位…？" after "不一样"): that head's answer
    said = _only_open(state, root, m.group(1), field_, heads, said, plain)
    if said:
        update = copy.deepcopy(update)
        set_path(update.setdefault(root, {}), m.group(1), said)
    value = said[index].get(field_) if index < len(said) and isinstance(said[index], dict) else None
    others = [h for i, h in enumerate(said) if i != index and isinstance(h, dict) and h]
    if _NOT_ALL.search(plain) and not others:
        state.skipped.append(UNCLEAR + "*" + asking)     # ask them one by one from now on
        out = copy.deepcopy(update)
        if value is not None:
            del get_path(out[root], m.group(1))[index][field_]
        return out
    if value is None or others or _PART_SAID.search(plain):
        return update           # ("3个技师里有一个走了": that one, not all of them)
    heads_now = [dict(h) for h in (get_path(state.facts.get(root) or {}, m.group(1)) or [])]
    named = levels_said(plain)
    chosen = [i for i in heads if (heads_now[i].get("level") or heads_now[i].get("certificate")) in named]
    for i in chosen if chosen and len(chosen) < len(heads) else heads:     # "高级工那个12个月": that one
        heads_now[i][field_] = value
    out = copy.deepcopy(update)
    set_path(out.setdefault(root, {}), m.group(1), heads_now)
    return out


_PART_SAID = re.compile(r"其中|[里中]面?有|当中有|^有[一1](?:个|名|位)|[，,\s]有[一1](?:个|名|位)")


def _tells_heads(reading: Reading, asking: str | None) -> bool:
    """"还有3个失业人员考了中级工": heads told by their class or level, so no count answer;
    "两个是去年毕业的，一个是2022年毕业的": the pipeline read each head's own answer."""
    m = _HEAD_FIELD.match(asking or "")
    told = get_path(reading.facts.get(subject_root(asking)) or {}, m.group(1)) if m else None
    told = [h for h in told or [] if isinstance(h, dict)]
    answers_ = {h.get(m.group(3)) for h in told if h.get(m.group(3)) is not None} if m else set()
    return len(answers_) > 1 or any(h.get("level") or h.get("certificate") or h.get("group") for h in told)


def _split_by_count(state: State, asking: str | None, plain: str) -> dict | None:
    """"5个不是", "焊接的8个是 养老护理的5个不是" to "这13位…都是X吗？": heads told alike are
    interchangeable, so counts settle them — the first ones yes, the rest no — without asking
    one by one. None when the heads differ, or the counts do not add up."""
    m = _HEAD_FIELD.match(asking or "")
    if not m or _spec(asking).get("type") != "bool":
        return None
    items = get_path(state.facts.get(subject_root(asking)) or {}, m.group(1)) or []
    heads = [i for i, h in enumerate(items) if isinstance(h, dict) and h.get(m.group(3)) is None
             and not _is_skipped(f"{m.group(1)}[{i}].{m.group(3)}", state.skipped)]   # (also once asked one by one)
    if len(heads) < 2:
        return None
    runs: list = []         # heads told alike, in a row: the classes ("焊接的8个", "养老护理的5个")
    for i in heads:
        if runs and runs[-1][-1] == i - 1 and items[i] == items[runs[-1][-1]]:
            runs[-1].append(i)
        else:
            runs.append([i])
    counts = [v for v in read_values(plain, dt.date.today()) if v.kind == "count"]
    said = []       # (count, yes): what follows each count says it ("8个是二产"), else what precedes it
    for i, v in enumerate(counts):
        after = plain[v.end:counts[i + 1].start if i + 1 < len(counts) else len(plain)]
        before = plain[counts[i - 1].end if i else 0:v.start]
        words = after if re.search(r"是|属于|不|没", after) else before
        said.append((v.value, not _NEGATION.search(re.sub(r"不全|不都", "", words))))
    n = len(heads)
    if len(runs) == 1 and len(said) == 1 and 0 < said[0][0] < n:
        k, yes = said[0]
        said.append((n - k, not yes))       # "5个不是": the others are
    if not said or sum(k for k, _ in said) != n:
        return None
    update: list = [{} for _ in items]
    if len(runs) == 1:          # all alike: the first ones yes, the rest no
        values = [yes for k, yes in sorted(said, key=lambda x: not x[1]) for _ in range(k)]
        for i, value in zip(heads, values):
            update[i] = {m.group(3): value}
    else:                       # class by class, matched by size (or in order when sizes repeat)
        sizes = [len(r) for r in runs]
        if sorted(sizes) != sorted(k for k, _ in said):
            return None
        if len(set(sizes)) < len(sizes) and sizes != [k for k, _ in said]:
            return None
        left = list(said)
        for run in runs:
            k, yes = next(x for x in left if x[0] == len(run))
            left.remove((k, yes))
            for i in run:
                update[i] = {m.group(3): yes}
    out: dict = {}
    set_path(out, m.group(1), update)
    return {subject_root(asking): out}


def _only_open(state: State, root: str, list_path: str, field_: str, heads: list, said: list, plain: str) -> list:
    """"都不是" to "第1–3位…都是紧缺吗？" is read as every head's answer; it is about the heads
    asked, so the others keep what they had ("高级工那个工种是紧缺的")."""
    had = get_path(state.facts.get(root) or {}, list_path) or []
    told = {i for i, h in enumerate(said) if isinstance(h, dict) and h.get(field_) is not None}
    if told <= set(heads) or _CORRECTION.search(plain):
        return said         # ("技师12个月 高级工0个月" asked of the 5th and 6th: not the 高级工 told before)
    out = [dict(h) if isinstance(h, dict) else h for h in said]
    for i in told - set(heads):
        if i < len(had) and isinstance(had[i], dict) and had[i].get(field_) is not None:
            out[i][field_] = had[i][field_]
    return out


def provisional(before: dict, decision: dict, wanted: list) -> str | None:
    """"按目前的信息，提升技能水平补助可得5000元": said when the turn changed what is
    already certain, so a user who stops early still leaves with an answer."""
    def paid(d):
        return {(r["name"], r.get("amount")) for r in d["results"]
                if r["programme"] in wanted and r["status"] == "eligible" and r.get("amount")}
    now = paid(decision)
    if not now or now == paid(decide(before, today=dt.date.fromisoformat(decision["as_of"]))):
        return None
    items = "、".join(f"{name}可得{answers.money(amount)}" for name, amount in sorted(now, key=lambda x: -x[1]))
    return f"按目前的信息，{items}；再确认几个问题，看看还能申请什么、金额是否更多。"


def resume(state: State) -> list:
    """After an interruption: re-ask the pending question."""
    if not state.checking or not state.asking:
        return []
    q = ask_heads(state, state.asking)
    return [Message("我们接着刚才的评估：" + q.text, q.buttons)]
