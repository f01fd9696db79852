"""A reviewed message written into the corpora and the NLU training data, in each file's format:

- the facts it states → tests/understanding/reviewed.yml (tests/understanding/FORMAT.md, with the
  conversation's day as the message's `reference_date`);
- the question it asks, or that it is out of scope → tests/questions/reviewed.yml
  (tests/questions/FORMAT.md);
- the intent it is an example of → data/nlu/reviewed.yml (Rasa's NLU YAML; tapped buttons never).

Never the frozen test splits, never data/nlu/generated. `make test` scores the reviewed corpora and
`make train` trains on data/nlu/reviewed.yml. The text written is the text as stored (personal
numbers already masked). REVIEW_WRITE_ROOT points the three files at a copy of the project (tests).
Each file is rewritten whole under a lock, checked by its own reader before it replaces the old one.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import io
import os
import re
from contextlib import contextmanager
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from .store import review_db

ROOT = Path(__file__).resolve().parents[2]
FILES = {"understanding": "tests/understanding/reviewed.yml", "questions": "tests/questions/reviewed.yml",
         "nlu": "data/nlu/reviewed.yml"}
LABELS = {"understanding": "理解语料", "questions": "问题语料", "nlu": "NLU 训练数据"}
SPEAKERS = ("person", "student", "enterprise", "training_org", "studio", "agent")
KINDS = ("content", "object", "conditions", "amount", "level_amount", "cap", "bonus", "instalment", "topup",
         "process", "materials", "unit", "phone", "date", "frequency", "publicity", "yes_no", "comparison",
         "combination", "supplementary", "other_district", "out_of_scope")
INTENTS = ("inform", "ask_programme", "check_eligibility", "out_of_scope", "list_programmes", "human_handoff",
           "greet", "goodbye", "thanks", "affirm", "deny", "dont_know", "start_over")
_DATEISH = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_RASA_ENTITY = re.compile(r"\[[^\]]+\][({\[]")


class Refused(ValueError):
    """What the reviewer must change, in Chinese."""


def root() -> Path:
    return Path(os.environ.get("REVIEW_WRITE_ROOT") or ROOT)


def path(name: str) -> Path:
    return root() / FILES[name]


def _yaml(nlu: bool = False) -> YAML:
    y = YAML()
    y.width = 4096
    y.preserve_quotes = True
    if not nlu:
        y.indent(mapping=2, sequence=4, offset=2)      # the corpora's "  - id:" layout
    return y


def _flow(value):
    """A value as the corpora write it: maps and lists inline, dates and date-like strings quoted."""
    if isinstance(value, dict):
        out = CommentedMap((k, _flow(v)) for k, v in value.items())
        out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        out = CommentedSeq(_flow(v) for v in value)
        out.fa.set_flow_style()
        return out
    if isinstance(value, str) and _DATEISH.match(value):
        return DoubleQuotedScalarString(value)
    return value


@contextmanager
def _locked(target: Path):
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(target.suffix + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _replace(target: Path, text: str) -> None:
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _dump(y: YAML, data) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _next_id(items: list) -> str:
    numbers = [int(m.group(1)) for i in items if (m := re.fullmatch(r"r(\d+)", str(i.get("id", ""))))]
    return f"r{max(numbers, default=0) + 1:03d}"


def _append(name: str, key: str, text_key: str, build) -> str:
    """Add build(id) to the list `key` of corpus `name`; its id. Refused when the text is there."""
    target = path(name)
    y = _yaml()
    with _locked(target):
        data = y.load(target.read_text(encoding="utf-8"))
        items = data.get(key)
        if items is None:
            items = data[key] = CommentedSeq()
        if any(str(i.get(text_key)) == build.text for i in items):
            raise Refused(f"这条消息已经写入过{LABELS[name]}（{target.name}）。")
        item = build(_next_id(items))
        items.fa.set_block_style()
        items.append(item)
        text = _dump(y, data)
        check = yaml.safe_load(text)                 # the corpus loaders read it back the same way
        assert check[key][-1][text_key] == build.text
        _replace(target, text)
        return item["id"]


# -- facts (understanding corpus) -------------------------------------------------------------
def _fact_paths(facts: dict, prefix: str = "") -> list:
    out = []
    for k, v in facts.items():
        out += _fact_paths(v, f"{prefix}{k}.") if isinstance(v, dict) else [prefix + k]
    return out


def check_facts(facts) -> dict:
    """The reviewer's facts, checked against policy_kb's schema (partial dates and head counts,
    which the corpus allows, are completed for the check only)."""
    from policy_kb.schema import FactsError, validate

    if not isinstance(facts, dict) or not facts:
        raise Refused("请写出这条消息说明的事实（如 person: {new_level: 技师}），或不勾选“说明了事实”。")

    def completed(value):
        if isinstance(value, dict):
            return {k: completed(v) for k, v in value.items() if k != "count"}
        if isinstance(value, list):
            return [completed(v) for v in value]
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
            return value + "-01-01"
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
            return value + "-01"
        return value
    try:
        validate(completed(facts))
    except FactsError as exc:
        from bot.web.agent_api import facts_error
        raise Refused(facts_error(exc)["error"] + f"（{exc.key}）") from None
    return facts


def pending_path(turn) -> str | None:
    """The question the check had asked, as the corpus writes it ('person.cert_date')."""
    from understanding import full_path
    return full_path(turn.pending, turn.subject)


def _understanding(turn, day: dt.date, mark: dict):
    """The corpus entry's builder for the facts marked (checked now, written by _append)."""
    facts = check_facts(mark.get("facts"))
    speaker, subject = mark.get("speaker") or None, mark.get("subject") or None
    for value, name in ((speaker, "说话人"), (subject, "事实所属")):
        if value is not None and value not in SPEAKERS:
            raise Refused(f"{name}只能是：{'、'.join(SPEAKERS)}。")
    unknown = [u.strip() for u in mark.get("unknown") or [] if u.strip()]

    def build(item_id):
        item = CommentedMap(id=item_id, text=DoubleQuotedScalarString(turn.text),
                            reference_date=DoubleQuotedScalarString(day.isoformat()),
                            speaker=speaker, subject=subject)
        context = {k: v for k, v in (("subject", turn.subject), ("pending", pending_path(turn))) if v}
        if context:
            item["context"] = _flow(context)
        item["facts"] = CommentedMap((k, _flow(v)) for k, v in facts.items())
        if unknown:
            item["unknown"] = _flow(unknown)
        tags = ["reviewed"] + (["correction"] if "corrected" in turn.flags else []) + \
               (["pending_answer"] if turn.pending else [])
        item["tags"] = _flow(tags)
        return item
    build.text = turn.text
    return build


# -- questions corpus -----------------------------------------------------------------------
def _phrases(values, name: str) -> list:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, (str, list)) for v in values):
        raise Refused(f"{name}应为短语的列表。")
    return [v.strip() if isinstance(v, str) else [s.strip() for s in v if s.strip()] for v in values
            if (v.strip() if isinstance(v, str) else v)]


def _question(turn, day: dt.date, mark: dict, out_of_scope: bool):
    """The corpus entry's builder for the question marked (checked now, written by _append)."""
    q = mark.get("question") if isinstance(mark.get("question"), dict) else {}
    kind = "out_of_scope" if out_of_scope else q.get("kind")
    if kind not in KINDS:
        raise Refused("请选择问题的类型。")
    try:
        programmes = [] if out_of_scope else sorted({int(p) for p in q.get("programmes") or []})
    except (TypeError, ValueError):
        raise Refused("政策项目应为编号（1~12）。") from None
    from .understood import programme_names
    if any(str(p) not in programme_names() for p in programmes):
        raise Refused("政策项目编号应在 1~12 之间。")
    must, must_not = _phrases(q.get("must"), "正确回答必须包含的内容"), _phrases(q.get("must_not"), "不应出现的内容")
    if not must and kind != "out_of_scope":
        raise Refused("请写出正确回答必须包含的内容（金额如 20000元，电话写 8 位号码，或政策原文中的短语）。")
    verdict = q.get("verdict") if kind == "yes_no" else None
    if kind == "yes_no" and verdict not in ("yes", "no"):
        raise Refused("是非题请选择正确答案：可以（yes）或不可以（no）。")

    def build(item_id):
        item = CommentedMap(id=item_id, q=DoubleQuotedScalarString(turn.text), kind=kind,
                            programmes=_flow(programmes), must=_flow(must), must_not=_flow(must_not))
        if verdict:
            item["verdict"] = verdict
        item["note"] = f"审阅写入，会话日期 {day.isoformat()}" + (f"；{q['note'].strip()}" if q.get("note", "").strip() else "")
        return item
    build.text = turn.text
    return build


# -- NLU training data ------------------------------------------------------------------------
def _nlu_examples() -> dict:
    """example text → intent, over every NLU file (data/nlu/**.yml) of the project."""
    found = {}
    for file in sorted((root() / "data/nlu").rglob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            if "intent" in block:
                for line in str(block.get("examples") or "").splitlines():
                    if line.strip().startswith("- "):
                        found[line.strip()[2:].strip()] = block["intent"]
    return found


def _nlu(turn, intent: str) -> str:
    if intent not in INTENTS:
        raise Refused(f"意图只能是：{'、'.join(INTENTS)}。")
    example = re.sub(r"\s+", " ", turn.text).strip()
    if _RASA_ENTITY.search(example):            # "[手机号已隐藏](…)" would read as entity markup
        example = example.replace("[", "［").replace("]", "］")
    target = path("nlu")
    y = _yaml(nlu=True)
    with _locked(target):
        known = _nlu_examples()
        if example in known:
            raise Refused(f"NLU 训练数据里已有这句话（意图 {known[example]}）。")
        data = y.load(target.read_text(encoding="utf-8"))
        blocks = data.get("nlu")
        if blocks is None:
            blocks = data["nlu"] = CommentedSeq()
        blocks.fa.set_block_style()
        block = next((b for b in blocks if b.get("intent") == intent), None)
        if block is None:
            block = CommentedMap(intent=intent, examples=LiteralScalarString(""))
            blocks.append(block)
        block["examples"] = LiteralScalarString(str(block["examples"]) + f"- {example}\n")
        text = _dump(y, data)
        from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
        parsed = RasaYAMLReader().reads(text)          # Rasa's own reader: the file stays trainable
        assert any(m.get("text") == example for m in parsed.intent_examples)
        _replace(target, text)
    return intent


def write(conv, turn, mark: dict) -> list:
    """Write what the reviewer marked (`mark`: facts / question / out_of_scope / intent); the
    [(file label, id or intent)] written. Refused (Chinese) when something is missing or wrong."""
    if turn.button:
        raise Refused("这是点选按钮发出的消息，不是用户打的字，不写入语料。")
    out_of_scope = bool(mark.get("out_of_scope"))
    wants_facts = bool(mark.get("states_facts")) and not out_of_scope
    wants_question = bool(mark.get("asks")) or out_of_scope
    if not (wants_facts or wants_question):
        raise Refused("请勾选这条消息的意思：说明了事实、问了问题，或超出范围。")
    intent = mark.get("intent") or ("out_of_scope" if out_of_scope else "ask_programme" if wants_question else "inform")
    if intent not in INTENTS:
        raise Refused(f"意图只能是：{'、'.join(INTENTS)}。")
    # every part checked first, so that nothing is written when one of them is wrong
    builds = ([("questions", "questions", "q", _question(turn, conv.day, mark, out_of_scope))] if wants_question else []) + \
             ([("understanding", "messages", "text", _understanding(turn, conv.day, mark))] if wants_facts else [])
    written = [(LABELS[name], _append(name, key, text_key, build)) for name, key, text_key, build in builds]
    if not mark.get("skip_nlu"):
        try:
            written.append((LABELS["nlu"], _nlu(turn, intent)))
        except Refused as exc:
            written.append((LABELS["nlu"], f"未写入：{exc}"))
    return written


# -- what was written, per turn (shown on the page) -------------------------------------------
def record(sender: str, event_id: int, written: list) -> None:
    import json
    import sqlite_utils

    db = sqlite_utils.Database(review_db())
    db["marks"].insert({"sender": sender, "event_id": event_id, "written": json.dumps(written, ensure_ascii=False),
                        "at": dt.datetime.now().isoformat(timespec="seconds")})
    db["marks"].create_index(["sender"], if_not_exists=True)
    db.close()


def marks(sender: str) -> dict:
    """event id → [(file label, id)] written for that message of the sender's conversations."""
    import json
    import sqlite_utils

    if not review_db().exists():
        return {}
    db = sqlite_utils.Database(review_db())
    try:
        if "marks" not in db.table_names():
            return {}
        out: dict = {}
        for row in db["marks"].rows_where("sender = ?", [sender], order_by="rowid"):
            out.setdefault(row["event_id"], []).extend(json.loads(row["written"]))
        return out
    finally:
        db.close()
