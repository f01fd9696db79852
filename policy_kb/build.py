"""Build the knowledge base files into one SQLite database (`policy_kb/kb.sqlite`).

Tables: programmes, conditions, standards (one row per amount-table entry), materials,
process_steps, contacts, aliases, notes, meta, and `sections` — one row per searchable
piece of text — and `programme_names`, each with an FTS5 index over a jieba-segmented
copy (see search.py).
The same inputs give the same bytes: rows are written in a fixed order, nothing carries
a timestamp, and the file is written elsewhere and moved into place only when complete.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from . import kb as kb_module
from .search import DEFAULT_DB, bigrams, segment
from .terms import plain_name

# Section labels as the document names them.
CONTENT, OBJECT, CONDITION, STANDARD, PROCESS, MATERIALS, CONTACT, NOTE, SUPPLEMENT = (
    "政策内容", "政策对象", "申请条件", "兑付标准", "业务流程", "申报材料", "责任单位/联系电话", "说明", "附则")


def _names(prog: dict) -> list:
    return list(dict.fromkeys([prog["name"], plain_name(prog), *prog["aliases"]]))


def _standard_rows(prog: dict) -> list:
    """One row per amount the 兑付标准 names: table entries, monthly sums, uplift, bonus, caps."""
    std, number, clause = prog["standard"], prog["number"], prog["standard"]["clause"]
    base = {"programme": number, "clause": clause, "formula": std["formula"]}
    rows = []

    def add(kind, item, amount, **extra):
        rows.append({**base, "seq": len(rows) + 1, "kind": kind, "item": item, "amount": amount,
                     "months": extra.get("months"), "percent": extra.get("percent"),
                     "applies_to": extra.get("applies_to")})

    formula = std["formula"]
    if formula == "match":
        add("match", std["fact"], std["cap"], percent=std["ratio"] * 100)
    elif formula == "monthly":
        add("monthly", "每月", std["monthly"], months=std["months"])
    elif formula == "fixed":
        add("fixed", "一次性", std["amount"])
    elif formula == "monthly_by_level":
        for level, monthly in std["table"].items():
            add("monthly", level, monthly, months=std["months"])
        for part in std["instalments"]:
            add("instalment", f"连续参保满{part['after_months']}个月", None, percent=part["share"])
    else:
        for item, amount in std["table"].items():
            add("table", item, amount)
    if "uplift" in std:
        up = std["uplift"]
        add("uplift", up["fact"], None, percent=up["percent"], applies_to=_except(up))
    if "bonus" in std:
        add("bonus", std["bonus"]["fact"], std["bonus"]["amount"], applies_to=_except(std["bonus"]))
    if "special" in std:
        sp = std["special"]
        add("special", f"{sp['value']}（{sp['fact']}=是）", sp["if_true"])
        add("special", f"{sp['value']}（{sp['fact']}=否）", sp["if_false"])
    if "annual_cap" in std:
        add("annual_cap", std["annual_cap"]["received"], std["annual_cap"]["amount"])
    return rows


def _except(spec: dict):
    return f"除{'、'.join(spec['except'])}外" if spec.get("except") else None


def _sections(kb) -> list:
    rows = []

    def add(programme, name, section, clause, text):
        rows.append({"id": len(rows) + 1, "programme": programme, "name": name, "section": section,
                     "clause": clause, "text": text, "seg": segment(text), "grams": bigrams(text)})

    for prog in kb.programmes:
        n, name, sec = prog["number"], prog["name"], prog["section"]
        add(n, name, CONTENT, f"{sec}（1）", prog["content"])
        add(n, name, OBJECT, f"{sec}（2）", prog["object"])
        for cond in prog["conditions"]:
            add(n, name, CONDITION, cond["clause"], cond["text"])
        add(n, name, STANDARD, prog["standard"]["clause"], prog["standard"]["text"])
        for step in prog["process"]:
            add(n, name, PROCESS, None, step)
        if prog["materials"]:
            add(n, name, MATERIALS, None, "；".join(prog["materials"]))
        add(n, name, CONTACT, None, f"责任单位：{prog['unit']}；联系电话：{prog['phone']}")
        for note in prog["notes"]:
            add(n, name, NOTE, None, note)
    doc = kb.document
    add(None, SUPPLEMENT, NOTE, None, doc["draft_note"])
    for item in doc["supplementary"]:
        add(None, SUPPLEMENT, SUPPLEMENT, item["clause"], item["text"])
    return rows


def _fill(db: sqlite_utils.Database, kb) -> None:
    progs = kb.programmes
    db["meta"].insert_all([
        {"key": "rules_version", "value": kb.rules_version},
        {"key": "title", "value": kb.document["title"]},
        {"key": "draft_note", "value": kb.document["draft_note"]},
    ], pk="key")
    db["programmes"].insert_all(({
        "number": p["number"], "key": p["key"], "name": p["name"], "section": p["section"],
        "subject": p["subject"], "items": p.get("items"), "content": p["content"], "object": p["object"],
        "standard_clause": p["standard"]["clause"], "standard_text": p["standard"]["text"],
        "formula": p["standard"]["formula"], "unit": p["unit"], "phone": p["phone"],
    } for p in progs), pk="number")
    db["conditions"].insert_all(({
        "programme": p["number"], "seq": i, "clause": c["clause"], "text": c["text"],
        "scope": c.get("scope", "programme"), "verified_by_office": bool(c.get("verified_by_office")),
        "test": json.dumps(c.get("test"), ensure_ascii=False, sort_keys=True) if "test" in c else None,
        "when_": json.dumps(c["when"], ensure_ascii=False, sort_keys=True) if "when" in c else None,
    } for p in progs for i, c in enumerate(p["conditions"], 1)), pk=("programme", "seq"))
    db["standards"].insert_all((r for p in progs for r in _standard_rows(p)), pk=("programme", "seq"))
    db["materials"].insert_all(({"programme": p["number"], "seq": i, "text": m}
                                for p in progs for i, m in enumerate(p["materials"], 1)),
                               pk=("programme", "seq"),
                               columns={"programme": int, "seq": int, "text": str})
    db["process_steps"].insert_all(({"programme": p["number"], "seq": i, "step": s.split("。", 1)[0], "text": s}
                                    for p in progs for i, s in enumerate(p["process"], 1)), pk=("programme", "seq"))
    db["contacts"].insert_all(({"programme": p["number"], "unit": p["unit"], "phone": p["phone"]}
                               for p in progs), pk="programme")
    db["aliases"].insert_all(({"alias": a, "programme": p["number"], "kind": "name" if i < 2 else "alias"}
                              for p in progs for i, a in enumerate(_names(p))), pk=("alias", "programme"))
    db["notes"].insert_all(
        [{"programme": p["number"], "seq": i, "text": t} for p in progs for i, t in enumerate(p["notes"], 1)]
        + [{"programme": None, "seq": 1, "text": kb.document["draft_note"]}],
        columns={"programme": int, "seq": int, "text": str})
    for table, fk in (("conditions", "programme"), ("standards", "programme"), ("materials", "programme"),
                      ("process_steps", "programme"), ("contacts", "programme"), ("aliases", "programme")):
        db[table].add_foreign_key(fk, "programmes", "number")
    db["sections"].insert_all(_sections(kb), pk="id")
    db["sections"].enable_fts(["seg", "grams"], tokenize="unicode61")
    # One row per programme with all its names: a query naming a programme boosts it.
    db["programme_names"].insert_all(({"programme": p["number"], "names": "、".join(_names(p)),
                                       "seg": segment(" ".join(_names(p))), "grams": bigrams(" ".join(_names(p)))}
                                      for p in progs), pk="programme")
    db["programme_names"].enable_fts(["seg", "grams"], tokenize="unicode61")
    db["sections"].create_index(["programme"])
    db["aliases"].create_index(["programme"])


def build(out=None, programmes_dir=None, facts_file=None, document_file=None) -> Path:
    """Write the database to `out` (default policy_kb/kb.sqlite) and return its path.

    Raises kb.KBError (naming the file and the key) when a programme file is malformed.
    """
    kb = kb_module.KB(Path(programmes_dir or kb_module.PROGRAMMES_DIR), Path(facts_file or kb_module.FACTS_FILE),
                      Path(document_file or kb_module.DOCUMENT_FILE))
    out = Path(out or DEFAULT_DB).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".sqlite", dir=out.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        db = sqlite_utils.Database(conn)
        _fill(db, kb)
        conn.commit()
        conn.execute("VACUUM")     # compact, canonical page layout
        conn.close()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def built_version(db: Path) -> str | None:
    """The rules_version a built database was made from; None if missing or unreadable."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'rules_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
