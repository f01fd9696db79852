"""Reading typed Chinese into facts (shared/FACTS.md shape): one pipeline for every surface.

    understand("我在钱塘一家企业上班，今年5月评上高级技师", today=date(2025, 7, 15))

prepares the text (understanding/text.py), runs the project's spaCy pipeline (nlp.py: jieba
with the KB dictionary, EntityRuler from facts.yml and rules.yml), splits clauses and scopes
negation and uncertainty (context.py), reads dates, durations, money and counts with jionlp
and cn2an (values.py), decides who speaks and about whom (speakers.py) and assigns every
value to its fact (reader.py). Plain Python: below actions/ and bot/, above policy_kb/.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass, field

from policy_kb.kb import load as load_kb
from policy_kb.paths import set_path
from policy_kb.schema import FactsError, validate

from . import context, corrections, heads, reader, speakers, values
from .nlp import load as load_nlp
from .speakers import ORG_SUBJECTS
from .text import prepare



@dataclass
class Reading:
    text: str                       # the text as read (prepared)
    speaker: str | None
    subject: str | None
    stated: dict                    # what the message says, dates at the precision said, heads with count
    facts: dict                     # engine-ready partial facts (validated)
    problems: list                  # [{"fact", "label", "message"}] in Chinese
    unknown: list                   # fact paths said to be unknown
    spans: list = field(default_factory=list)   # reader.Span
    entities: list = field(default_factory=list)    # spaCy ruler entities [(start, end, label)]
    today: dt.date | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "subject": self.subject, "facts": self.facts,
                "stated": self.stated, "problems": self.problems, "unknown": self.unknown,
                "spans": [span_dict(s) for s in self.spans]}


def span_dict(span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text, "fact": span.fact,
            "value": span.value, "polarity": span.polarity, "label": fact_label(span.fact)}


def fact_label(path: str) -> str:
    spec = load_kb().fact_spec(re.sub(r"\[\d*\]", "[]", path.split(".", 1)[1])) if "." in path else None
    return (spec or {}).get("label", path)


def understand(text: str, today: dt.date | None = None, pending: str | None = None,
               subject: str | None = None, known: dict | None = None, about: tuple = ()) -> Reading:
    """What `text` says. pending: the fact path just asked ('person.cert_date' or the dialogue's
    short form 'cert_date' / 'introduced[0].level'); subject: the role assumed so far; known:
    the facts the conversation already has (FACTS.md shape); about: the fact sections of the
    programmes the conversation is about ("organisation.school_cooperation")."""
    today = today or dt.date.today()
    if subject == "organisation":
        subject = "enterprise"      # the root's name for the role: an organisation of unknown kind
    key = (text, today, pending, subject, json.dumps(known, sort_keys=True, ensure_ascii=False) if known else None,
           tuple(about))
    if key not in _READ:
        if len(_READ) >= 256:           # a turn reads its message a few times (routing, then the check)
            _READ.pop(next(iter(_READ)))
        _READ[key] = _understand(text, today, pending, subject, known, tuple(about))
    return copy.deepcopy(_READ[key])


_READ: dict = {}


def _understand(text: str, today: dt.date, pending: str | None, subject: str | None, known: dict | None,
                about: tuple = ()) -> Reading:
    plain = prepare(text)
    pending = full_path(pending, subject)
    unit = {"months": "个月", "money": "元"}.get((_spec(pending).get("say") or {}).get("reads")) if pending else None
    if unit and re.fullmatch(r"[0-9零〇一二两三四五六七八九十百千万.]+", plain):
        plain += unit           # "17" to a months question, whichever head it is asked of
    doc = load_nlp()(plain)
    clauses = context.clauses(plain)
    found_values = values.read(plain, today)
    speaker, who = speakers.who(plain, subject)
    own = []
    for c in clauses:     # an officer's own clause, and the clauses that go on about it
        if who in ("enterprise", "studio") and (speakers.self_clause(c.text) or (own and own[-1] is _before(clauses, c)
                                                                     and not speakers.names_anyone(c.text))):
            own.append(c)
    found = reader.read(plain, [c for c in clauses if c not in own], found_values, who, pending, known, today, about)
    if own:         # an HR officer's own situation, said in passing: the officer's person facts
        mine = reader.read(plain, own, found_values, "person", None, known)
        found.values.update(mine.values)
        found.spans += mine.spans
        found.unknown += [u for u in mine.unknown if u not in found.unknown]
    if speaker == "enterprise" and who in ("person", "student") and "person.employer" not in found.values \
            and re.search(speakers.rules()["firm_voice"], plain):
        found.values["person.employer"] = "enterprise"     # "有个员工…社保在我们这交": the firm's employee
    if who is None and (set(found.values) - {"as_of"} or found.unknown):   # facts with no word on who: a person's own
        who = "person"
        speaker = speaker or "person"
    if who in ORG_SUBJECTS and "organisation.kind" not in found.values:
        kind = speakers.own_kind(plain) or speakers.kind_named(plain, who)
        if kind:
            found.values["organisation.kind"] = kind
    if who in ORG_SUBJECTS and "organisation.in_qiantang" not in found.values and speakers.named_in_place(plain):
        found.values["organisation.in_qiantang"] = True
    fixed = corrections.corrected(plain, found_values, known, found.values)
    if fixed and not found.values.keys() - {"organisation.kind"}:
        found.values[fixed[0]] = fixed[1]      # "不是十五万 是十九万五": the fact that held 十五万
    stated = nest(found.values)
    facts, problems = engine_facts(found.values)
    facts = heads.prune(heads.align(facts, known, plain, pending, reader.LISTS))
    return Reading(text=plain, speaker=speaker, subject=who, stated=stated, facts=facts,
                   problems=problems, unknown=list(found.unknown), spans=found.spans,
                   entities=[(e.start_char, e.end_char, e.label_) for e in doc.ents], today=today)


def _before(clauses, clause):
    i = clauses.index(clause)
    return clauses[i - 1] if i else None


def warm_up() -> None:
    """Load spaCy, jieba and jionlp now (about 2 s) rather than on the first message."""
    understand("我是高级技师，去年10月取证，社保交了8个月", dt.date(2025, 6, 30))


def full_path(path: str | None, subject: str | None) -> str | None:
    """The dialogue's pending path ('ss_months_after_cert', 'introduced[0].level') in full."""
    if not path or path == "subject":
        return None
    if path.startswith(("person.", "organisation.")):
        return path
    return ("organisation." if subject in ORG_SUBJECTS else "person.") + path


def nest(flat: dict) -> dict:
    out: dict = {}
    for path, value in flat.items():
        set_path(out, path, copy.deepcopy(value))
    return out


def subject_root(path: str) -> str:
    head = re.split(r"[.\[]", path, 1)[0]
    return "person" if head in load_kb().facts["person"] else "organisation"


def merge(facts: dict, update: dict) -> dict:
    """Deep-merge `update` into a copy of `facts`: later values replace (corrections); counts
    per level add levels ("初级工150人" … "还有高级工40个") and replace a level said again."""
    out = dict(facts)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list) and value and isinstance(value[0], dict):
            merged = list(out[key])
            for i, item in enumerate(value):
                if i >= len(merged):
                    merged.append(item)
                elif isinstance(merged[i], dict):
                    merged[i] = merge(merged[i], item)
                else:
                    merged[i] = item
            out[key] = merged
        else:
            out[key] = value
    return out


# -- engine-ready facts ----------------------------------------------------------------
def _spec(path: str) -> dict:
    if "." not in path:         # as_of
        return load_kb().facts["top"].get(path) or {}
    return load_kb().fact_spec(re.sub(r"\[\d*\]", "[]", path.split(".", 1)[1])) or {}


def _engine_value(path: str, value, problems: list):
    spec = _spec(path)
    if spec.get("type") in ("date", "month") and isinstance(value, str):
        if len(value) == 4:
            if any(p["fact"] == path.split(".", 1)[-1] for p in problems):
                return None         # one question per fact, however many heads share the year
            problems.append({"fact": path.split(".", 1)[-1], "label": spec.get("label", path),
                             "message": f"“{spec.get('label', path)}”我记下了{value}年，还需要具体月份，如 {value}年5月。"})
            return None
        if spec["type"] == "date" and len(value) == 7:
            return value + "-01"
        if spec["type"] == "month":
            return value[:7]
    return value


def engine_facts(flat: dict):
    """Stated values → facts the engine accepts, and problems for values it refuses."""
    facts: dict = {}
    problems: list = []
    for path, value in flat.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            heads = []
            for head in value:
                item = {}
                for key, v in head.items():
                    if key == "count" or not _spec(f"{path}[].{key}"):
                        continue        # a field of another list, misread onto this one: leave it out
                    v = _engine_value(f"{path}[].{key}", v, problems)
                    if v is not None:
                        item[key] = v
                heads += [dict(item) for _ in range(head.get("count", 1))]
            value = heads
        else:
            value = _engine_value(path, value, problems)
            if value is None:
                continue
        candidate: dict = {}
        set_path(candidate, path, value)
        try:
            validate(candidate)
        except FactsError as exc:
            label = _spec(path).get("label", path)
            problems.append({"fact": path.split(".", 1)[-1], "label": label, "message": _problem_text(_spec(path), label, exc)})
            continue
        facts = merge(facts, candidate)
    return facts, problems


def _problem_text(spec: dict, label: str, exc: FactsError) -> str:
    if spec.get("type") in ("date", "month"):
        example = "2025年5月10日" if spec["type"] == "date" else "2025年9月"
        return f"“{label}”好像不是真实的日期（{exc.problem}）。请按年月日告诉我，如 {example}。"
    if spec.get("type") == "int":
        return f"“{label}”的数字不对（{exc.problem}）。可接受：{exc.accepted}。"
    return f"“{label}”{exc.problem}。可接受：{exc.accepted}。"
