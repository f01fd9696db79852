"""The words of the knowledge base, by kind: the source for segmenter dictionaries,
entity rulers, NLU lookup tables and search. Generated files read this; nobody types
a programme name or alias anywhere else.
"""
from __future__ import annotations

from .kb import load
from .schema import enum_values


def plain_name(prog: dict) -> str:
    """The name without its quotation marks (people type 钱塘金牌技师技能津贴)."""
    return prog["name"].replace("“", "").replace("”", "")


def programme_names() -> dict:
    """Every way people name a programme → its number (names, short names, aliases)."""
    kb = load()
    names = {}
    for prog in kb.programmes:
        number = prog["number"]
        for name in [prog["name"], plain_name(prog), *prog["aliases"]]:
            names.setdefault(name, number)
    return names


def fact_values(path: str) -> dict:
    """An enum fact's values → Chinese labels (the label is the value itself for Chinese enums)."""
    kb = load()
    spec = kb.fact_spec(path)
    values = spec["values"]
    if isinstance(values, dict):
        return dict(values)
    return {v: v for v in enum_values(spec, kb.levels)}


def terms() -> dict:
    """Term lists by entity kind, each sorted and without duplicates."""
    kb = load()
    return {
        "programme": sorted(programme_names()),
        "level": list(kb.levels),
        "honour": sorted(fact_values("honours")),
        "gold_title": [v for v in fact_values("gold_title") if v != "无"],
        "trainee_group": sorted(fact_values("training.trainees[].group")),
        "assessment": list(fact_values("studio.assessment")),
    }
