"""Check a facts object against the schema in facts.yml.

Raises FactsError naming the key, what was wrong and what is accepted. `null` is
accepted anywhere and means "not known yet", like a missing key.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re

from .kb import load

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class FactsError(ValueError):
    def __init__(self, key: str, problem: str, accepted: str):
        self.key, self.problem, self.accepted = key, problem, accepted
        super().__init__(f"事实 “{key}” 有误：{problem}。可接受：{accepted}。")


def _show(value, limit: int = 30) -> str:
    """The rejected value as the user typed it, cut short so a 10,000-character paste is not echoed."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else f"{text[:limit]}…（共{len(text)}字）"


def enum_values(spec: dict, levels: list) -> list:
    values = spec["values"]
    if values == "levels":
        # `none: 无` adds an explicit "none so far" (e.g. no 提升补助 received yet).
        return levels + ([spec["none"]] if spec.get("none") else [])
    return list(values) if isinstance(values, dict) else values


def _int_bounds(spec: dict, maxima: dict):
    hi = spec.get("max")
    if isinstance(hi, str):
        hi = maxima[hi]
    return spec.get("min"), hi


def _compile(spec: dict, kb):
    """A checker `check(key, value)` for one schema entry, built once (validation is on the hot path)."""
    typ = spec["type"]
    if typ == "bool":
        def check(key, value):
            if value is not None and value is not True and value is not False:
                raise FactsError(key, f"应为 true 或 false，收到 {_show(value)}", "true、false 或 null（未知）")
    elif typ == "int":
        lo, hi = _int_bounds(spec, kb.facts)
        accepted = f"{lo if lo is not None else ''}~{hi if hi is not None else ''} 之间的整数"

        def check(key, value):
            if value is None:
                return
            if value.__class__ is not int:
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise FactsError(key, f"应为整数，收到 {_show(value)}", accepted)
            if lo is not None and value < lo:
                raise FactsError(key, f"不能小于 {lo}，收到 {value}", accepted)
            if hi is not None and value > hi:
                raise FactsError(key, f"不能大于 {hi}，收到 {value}", accepted)
    elif typ in ("date", "month"):
        pattern, shape, example, suffix = ((_DATE, "YYYY-MM-DD", "2025-05-10", "") if typ == "date"
                                           else (_MONTH, "YYYY-MM", "2025-09", "-01"))

        def check(key, value):
            if value is None:
                return
            if not isinstance(value, str) or not pattern.match(value):
                raise FactsError(key, f"日期格式不对，收到 {_show(value)}", f"{shape} 格式，如 {example}")
            try:
                dt.date.fromisoformat(value + suffix)
            except ValueError:
                raise FactsError(key, f"不是真实存在的日期：{value}", f"{shape} 格式的有效日期") from None
    elif typ == "enum":
        values = enum_values(spec, kb.levels)
        allowed = frozenset(values)

        def check(key, value):
            if value is not None and (not isinstance(value, str) or value not in allowed):
                raise FactsError(key, f"不认识的取值 {_show(value)}", "、".join(values))
    elif typ == "enum_list":
        values = enum_values(spec, kb.levels)
        allowed = frozenset(values)

        def check(key, value):
            if value is None:
                return
            if not isinstance(value, list):
                raise FactsError(key, f"应为列表，收到 {_show(value)}", "由以下取值组成的列表：" + "、".join(values))
            for i, v in enumerate(value):
                if not isinstance(v, str) or v not in allowed:
                    raise FactsError(f"{key}[{i}]", f"不认识的取值 {_show(v)}", "、".join(values))
    elif typ == "list":
        check_item = _compile_object(spec["item"], kb)

        def check(key, value):
            if value is None:
                return
            if not isinstance(value, list):
                raise FactsError(key, f"应为列表，收到 {_show(value)}", "由对象组成的列表")
            for i, item in enumerate(value):
                check_item(f"{key}[{i}]", item)
    elif typ == "object":
        check_fields = _compile_object(spec["fields"], kb)

        def check(key, value):
            if value is not None:
                check_fields(key, value)
    elif typ == "counts":
        keys = enum_values({"values": spec["keys"]}, kb.levels)

        def check(key, value):
            if value is None:
                return
            if not isinstance(value, dict):
                raise FactsError(key, f"应为“等级: 人数”的对象，收到 {_show(value)}", "如 {\"初级工\": 10}")
            for k, n in value.items():
                if k not in keys:
                    raise FactsError(f"{key}.{k}", "不认识的等级", "、".join(keys))
                if n.__class__ is not int or n < 0:
                    raise FactsError(f"{key}.{k}", f"人数应为非负整数，收到 {_show(n)}", "0 或正整数")
    else:  # pragma: no cover - facts.yml is ours
        raise AssertionError(f"unknown type {typ}")
    return check


def _compile_object(fields: dict, kb):
    checkers = {name: _compile(spec, kb) for name, spec in fields.items()}
    names = "、".join(fields)

    def check(key, value):
        if not isinstance(value, dict):
            raise FactsError(key, f"应为对象（{{...}}），收到 {_show(value)}", "JSON 对象")
        for name, v in value.items():
            checker = checkers.get(name)
            if checker is None:
                raise FactsError(f"{key}.{name}" if key else name, "不是已知的键", names)
            if v is not None:
                checker(f"{key}.{name}", v)
    return check


@functools.lru_cache(maxsize=None)
def _top_checkers():
    kb = load()
    top = kb.facts["top"]
    return {"as_of": _compile(top["as_of"], kb),
            "person": _compile_object(kb.facts["person"], kb),
            "organisation": _compile_object(kb.facts["organisation"], kb)}, "、".join(top)


def validate(facts) -> None:
    """Raise FactsError if `facts` does not follow the contract."""
    checkers, names = _top_checkers()
    if not isinstance(facts, dict):
        raise FactsError("(顶层)", f"应为 JSON 对象，收到 {_show(facts)[:40]}", "形如 {\"person\": {...}} 的对象")
    for name, value in facts.items():
        checker = checkers.get(name)
        if checker is None:
            raise FactsError(name, "不是已知的顶层键", names)
        if value is not None:
            checker(name, value)
