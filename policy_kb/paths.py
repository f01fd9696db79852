"""Fact paths such as 'training.trainees[0].group' over nested facts (dicts and lists).

The engine walks plain dotted paths with its own faster getter (engine._getter, hot path);
these are for everything else: the dialogue, the roster and the pages.
"""
from __future__ import annotations

import re

_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def get_path(root, path: str):
    """The value at `path`, or None when any part of it is missing."""
    node = root
    for part in _PART.findall(path):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        if node is None:
            return None
    return node


def set_path(root: dict, path: str, value) -> None:
    """Set `path` in place, creating the dicts and list heads that are missing."""
    parts = _PART.findall(path)
    node = root
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part.startswith("["):
            index = int(part[1:-1])
            while len(node) <= index:
                node.append({})
            if last:
                node[index] = value
            else:
                node = node[index]
        elif last:
            node[part] = value
        else:
            if not isinstance(node.get(part), (dict, list)):
                node[part] = [] if parts[i + 1].startswith("[") else {}
            node = node[part]


def with_path(root: dict, path: str, value) -> dict:
    """A copy of `root` with dotted `path` set; only the dicts along the path are copied,
    so a shared base (the roster's 单位信息) is never changed."""
    head, _, rest = path.partition(".")
    out = dict(root)
    out[head] = with_path(root.get(head) or {}, rest, value) if rest else value
    return out
