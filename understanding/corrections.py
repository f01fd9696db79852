"""A number corrected by naming the wrong one: "不是十五万 是十九万五" says which fact it corrects
(the one the conversation has at 150000) without naming it. Only when exactly one known fact
holds the number denied, and one other number of the same kind is said."""
from __future__ import annotations

import re

_DENIED = re.compile(r"(?:不是|并非|而不是|不)$")
_KINDS = ("money", "months", "count", "number")


def _leaves(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{prefix}[{i}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield prefix, node


def corrected(text: str, values: list, known: dict | None, said: dict) -> tuple | None:
    """(fact path, new value) when `text` denies a number a known fact holds and says another."""
    if not known:
        return None
    numbers = [v for v in values if v.kind in _KINDS]
    denied = [v for v in numbers if _DENIED.search(text[max(0, v.start - 3):v.start])]
    told = [v for v in numbers if v not in denied]
    if len(denied) != 1 or len(told) != 1 or told[0].kind != denied[0].kind:
        return None
    holders = [path for path, value in _leaves(known) if value == denied[0].value and "[" not in path]
    if len(holders) != 1 or holders[0] in said:
        return None
    return holders[0], told[0].value
