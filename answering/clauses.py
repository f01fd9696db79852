"""Every clause of the document, addressable: content, object, each condition, the standard,
each process step, each material, the notes and the 附则 — with the label a reply cites.

`best()` finds the clauses of one programme that answer a specific question: the kind's
selector (rules.yml `sentence_selectors`) must match, then character pairs shared with the
question rank them.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from policy_kb.kb import load

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_STOP = set("我你他她您的了吗呢吧啊呀是有在和与及或能可要想会都也就还么啥个几给拿领办问多少什么怎样哪些请")


@dataclass(frozen=True)
class Clause:
    programme: int | None      # None: the whole document (附则)
    part: str                  # content, object, condition, standard, process, material, note, supplementary
    label: str                 # 第四（5）①条 — what the reply cites ("" for the assistant's notes)
    text: str


def cite(label: str) -> str:
    return f"（第{label}条）" if label else ""


@functools.lru_cache(maxsize=None)
def all_clauses() -> tuple:
    kb = load()
    out = []
    for prog in kb.programmes:
        n, head = prog["number"], prog.get("headings", {})
        out.append(Clause(n, "content", head.get("content", ""), prog["content"]))
        out.append(Clause(n, "object", head.get("object", ""), prog["object"]))
        for cond in prog["conditions"]:
            if not any(c.text == cond["text"] for c in out if c.programme == n and c.part == "condition"):
                out.append(Clause(n, "condition", cond["clause"], cond["text"]))
        out.append(Clause(n, "standard", prog["standard"]["clause"], prog["standard"]["text"]))
        for i, step in enumerate(prog["process"]):
            out.append(Clause(n, "process", head.get("process", "") + CIRCLED[i], step))
        for i, item in enumerate(prog["materials"]):
            out.append(Clause(n, "material", head.get("materials", "") + CIRCLED[i], item))
        for note in prog["notes"]:
            out.append(Clause(n, "note", "", note))
    for item in kb.document["supplementary"]:
        out.append(Clause(None, "supplementary", item["clause"], item["text"]))
    return tuple(out)


def of(programme: int | None, part: str | None = None) -> list:
    return [c for c in all_clauses() if c.programme == programme and (part is None or c.part == part)]


def supplementary(number: int) -> Clause:
    return next(c for c in of(None, "supplementary") if c.label.endswith(f"、{number}"))


def _pairs(text: str) -> set:
    chars = [ch for ch in text if ch not in _STOP and not ch.isspace()]
    return {a + b for a, b in zip(chars, chars[1:])}


def _sentences(clause: Clause) -> list:
    """A long clause split at 。；, so a reply can quote the one sentence that answers."""
    parts = [s for s in re.split(r"(?<=[。；;])", clause.text) if s.strip()]
    merged: list = []
    for part in parts:        # a step's heading ("公示。") stays with its sentence
        if merged and len(merged[-1]) <= 5:
            merged[-1] += part
        else:
            merged.append(part)
    return merged or [clause.text]


@functools.lru_cache(maxsize=None)
def _weights() -> dict:
    """Inverse document frequency of character pairs over all sentences: "年内" tells more than "补贴"."""
    import math
    sentences = [set(_pairs(s)) for c in all_clauses() for s in _sentences(c)]
    df: dict = {}
    for pairs in sentences:
        for pair in pairs:
            df[pair] = df.get(pair, 0) + 1
    return {pair: math.log(len(sentences) / n) for pair, n in df.items()}


def overlap(a: str, b: str) -> float:
    """The rare character pairs two texts share (their inverse document frequencies summed)."""
    weight = _weights()
    return round(sum(weight.get(p, 0) for p in _pairs(a) & _pairs(b)), 3)


STEP_BONUS = 3.0        # "多久申请一次": the 兑付 step (申请), not the 评选 one
NEAR_TOP = 0.8          # sentences scoring this close to the best are given too
NUMBER_BONUS = 3.0      # "几天/多久" asks for a figure: sentences with one come first
_ASKS_FIGURE = re.compile(r"几|多久|多长|多少")


def _steps_asked(question: str) -> set:
    """The 业务流程 steps (评选, 申报, 兑付…) whose words the question uses (rules.yml step_words)."""
    from .reading import rules
    return {step for step, words in rules()["step_words"].items() if any(w in question for w in words)}


def best(question: str, programme: int | None, selector: str, most: int = 2, floor: float = 0.0,
         parts=None, near: float = NEAR_TOP) -> list:
    """[(clause, sentence)] of `programme` matching `selector`, best first: the top one and
    those near it (at most `most`). `question` should not contain the programme's name (it
    would favour the sentences that repeat it); `parts` limits the clauses searched."""
    pattern = re.compile(selector)
    asked, weight = _pairs(question), _weights()
    figure = bool(_ASKS_FIGURE.search(question))
    steps = _steps_asked(question)
    heads = {c.text.split("。", 1)[0] for c in of(programme, "process")}
    if "申报" in steps and "申报" not in heads:
        steps.add("兑付")        # "金牌技师津贴多久报一次": no 申报 step — the unit applies at 兑付
    scored = []
    for clause in of(programme):
        if parts and clause.part not in parts and clause.part != "note":
            continue
        for sentence in _sentences(clause):
            if pattern.search(sentence):
                score = sum(weight.get(p, 0) for p in asked & _pairs(sentence))
                if figure and re.search(r"\d", sentence):
                    score += NUMBER_BONUS
                if clause.part == "process" and clause.text.split("。", 1)[0] in steps:
                    score += STEP_BONUS
                scored.append((round(score, 3), clause, sentence))
    document = [t for t in scored if t[1].part != "note"]
    scored = document or scored          # the assistant's notes only where the document is silent
    if not scored:
        return []
    scored.sort(key=lambda t: -t[0])
    if scored[0][0] < floor:
        return []
    top = scored[0][0]
    return [(c, s) for score, c, s in scored if score >= top * near][:most]
