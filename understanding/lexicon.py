"""The words the understanding pipeline knows, gathered from the knowledge base.

Two sources, both data: `policy_kb/facts.yml` (each fact's `say:` — its cue words and value
words) and `understanding/rules.yml` (word classes, ConText triggers, speakers, clause breaks,
typos). Everything else (levels, honours, programme names) comes from policy_kb itself.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policy_kb.kb import load as load_kb
from policy_kb.schema import enum_values
from policy_kb.terms import programme_names

RULES_FILE = Path(__file__).with_name("rules.yml")


@dataclass
class FactRule:
    """How one fact is said: its path ('person.cert_date', 'organisation.introduced[].level')."""
    path: str
    type: str
    cues: list = field(default_factory=list)        # [set of words] — every group must occur
    words: dict = field(default_factory=dict)       # surface → value
    none: object = None                              # value of a negated cue ('无', [])
    reads: str | None = None                         # level | date | month | months | money | counts
    prefer: int = 0
    default: bool = False
    against: list = field(default_factory=list)     # alternatives of cue groups that say false ("外地户口")
    loose: bool = False                              # value words count without a cue
    needs: list = field(default_factory=list)       # groups the whole message must contain (outside a check)
    now: bool = False                                # a fact about now: not read from a past clause
    scope: str = "clause"                            # "message": cues may sit in different clauses
    voice: bool = False                              # read from how the speaker names itself (speakers.py)
    unless: frozenset = frozenset()                  # words that give the clause to another fact
    days_at_least: int | None = None                 # bool from a stated lead time ("提前了20天")
    also: list = field(default_factory=list)        # other ways of saying it: [(cue groups, unless words)]

    @property
    def root(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def head(self) -> str | None:
        """The list a head field belongs to ('organisation.introduced'), else None."""
        return self.path.split("[]", 1)[0] if "[]" in self.path else None


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def _expand(group, classes) -> frozenset:
    out = set()
    for word in group:
        if isinstance(word, str) and word.startswith("@"):
            out.update(classes[word[1:]])
        else:
            out.add(str(word))
    return frozenset(out)


def _walk(fields: dict, prefix: str):
    for key, spec in fields.items():
        if not isinstance(spec, dict) or "type" not in spec:
            continue
        path = f"{prefix}.{key}"
        yield path, spec
        if spec["type"] == "object":
            yield from _walk(spec.get("fields", {}), path)
        elif spec["type"] == "list":
            yield from _walk(spec.get("item", {}), path + "[]")


def _reads(spec: dict, say: dict) -> str | None:
    if say.get("reads"):
        return say["reads"]
    return {"date": "date", "month": "month", "counts": "counts"}.get(spec["type"])


@functools.lru_cache(maxsize=1)
def fact_rules() -> tuple:
    kb = load_kb()
    classes = word_classes()
    out = []
    for root in ("person", "organisation"):
        for path, spec in _walk(kb.facts[root], root):
            say = spec.get("say")
            if say is None:
                continue
            words = {}
            if spec["type"] in ("enum", "enum_list"):
                values = spec["values"]
                labels = values if isinstance(values, dict) else {v: v for v in enum_values(spec, kb.levels)}
                for value, label in labels.items():
                    if value in ("无", "none", "other") or spec.get("none") == value:
                        continue
                    if re.search(r"[\u4e00-\u9fff]", label) and "/" not in label:
                        words[label] = value
                    if re.search(r"[\u4e00-\u9fff]", value):
                        words[value] = value
            for value, surfaces in (say.get("words") or {}).items():
                for surface in surfaces:
                    words[surface] = value
            if spec.get("values") == "levels" or say.get("reads") == "level":
                words.update({lvl: lvl for lvl in kb.levels})
            out.append(FactRule(path=path, type=spec["type"],
                                cues=[_expand(g, classes) for g in say.get("cue", [])],
                                words=words, none=say.get("none"), reads=_reads(spec, say),
                                prefer=say.get("prefer", 0), default=bool(say.get("default")),
                                against=[[_expand(g, classes) for g in alt] for alt in say.get("against", [])],
                                loose=bool(say.get("loose")),
                                needs=[_expand(g, classes) for g in say.get("needs", [])],
                                now=bool(say.get("now")), scope=say.get("scope", "clause"),
                                voice=bool(say.get("voice")), unless=frozenset(say.get("unless", [])),
                                days_at_least=say.get("days_at_least"),
                                also=[([_expand(g, classes) for g in alt["cue"]], frozenset(alt.get("unless", [])))
                                      for alt in say.get("also", [])]))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def word_classes() -> dict:
    """rules.yml's classes plus `levelword`: the levels as written, their aliases, 证/证书."""
    kb = load_kb()
    classes = dict(rules()["classes"])
    classes["levelword"] = list(kb.levels) + list(level_aliases()) + ["专项能力", "证", "证书"]
    shape = rules()["before_level"]     # "评技师之前": before the certificate, named by its verb and level
    classes["before_cert"] = list(classes["before_cert"]) + [
        verb + level + after for verb in shape["verbs"] for level in list(kb.levels) + list(level_aliases())
        for after in shape["after"]]
    return classes


@functools.lru_cache(maxsize=1)
def level_words() -> list:
    """The levels as written (their aliases too), longest first."""
    return sorted(set(load_kb().levels) | set(level_aliases()) | {"专项能力"}, key=len, reverse=True)


def level_aliases() -> dict:
    return dict(rules().get("level_aliases") or {})


def context_triggers() -> dict:
    """{(category, direction): words} plus 'pseudo' and 'terminate' sets."""
    ctx = rules()["context"]
    out = {}
    for category in ("negated", "uncertain"):
        for direction, words in ctx[category].items():
            out[(category, direction)] = frozenset(words)
    out["pseudo"] = frozenset(ctx["pseudo"])
    out["terminate"] = frozenset(ctx["terminate"])
    return out


@functools.lru_cache(maxsize=1)
def all_terms() -> dict:
    """Every surface the tokenizer keeps whole → its coarse label (for the EntityRuler)."""
    kb = load_kb()
    r = rules()
    terms: dict = {}

    def add(words, label):
        for w in words:
            w = str(w)
            if w and w not in terms and not w.startswith("~"):     # "~pattern": no fixed words
                terms[w] = label

    add(kb.levels, "LEVEL")
    add(["专项能力"], "LEVEL")
    add(level_aliases(), "LEVEL")
    for rule in fact_rules():
        add(rule.words, "VALUE")
    for rule in fact_rules():
        for group in rule.cues + [g for alt in rule.against for g in alt] + [g for cues, _ in rule.also for g in cues]:
            add(group, "CUE")
    for name, words in r["classes"].items():
        add(words, "CUE")
    for words in (r["past"], r["question_after"]):
        add([w for w in words if len(w) > 1], "CUE")
    add([n for n in programme_names() if len(n) > 2], "PROGRAMME")
    ctx = r["context"]
    for category in ("negated", "uncertain"):
        for words in ctx[category].values():
            add([w for w in words if len(w) > 1], "TRIGGER")
    add([w for w in ctx["pseudo"] + ctx["terminate"] if len(w) > 1], "TRIGGER")
    for rule in r["speakers"]:
        add([w for w in rule["words"] if len(w) > 1], "SPEAKER")
    for words in r["role_statements"].values():
        add([w for w in words if len(w) > 1], "SPEAKER")
    return terms


def typos() -> dict:
    return dict(rules().get("typos") or {})
