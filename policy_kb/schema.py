"""Check a facts object against the schema in facts.yml.

Raises FactsError naming the key, what was wrong and what is accepted. `null` is
accepted anywhere and means "not known yet", like a missing key.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from .kb import load

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class FactsError(ValueError):
    def __init__(self, key: str, problem: str, accepted: str):
        self.key, self.problem, self.accepted = key, problem, accepted
        super().__init__(f"事实 “{key}” 有误：{problem}。可接受：{accepted}。")


def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def enum_values(spec: dict, levels: list) -> list:
    values = spec["values"]
    if values == "levels":
        return levels
    return list(values) if isinstance(values, dict) else values


def _int_bounds(spec: dict, maxima: dict):
    hi = spec.get("max")
    if isinstance(hi, str):
        hi = maxima[hi]
    return spec.get("min"), hi


def _check_value(key: str, value, spec: dict, kb) -> None:
    if value is None:
        return
    typ = spec["type"]
    if typ == "bool":
        if not isinstance(value, bool):
            raise FactsError(key, f"应为 true 或 false，收到 {_show(value)}", "true、false 或 null（未知）")
    elif typ == "int":
        lo, hi = _int_bounds(spec, kb.facts)
        accepted = f"{lo if lo is not None else ''}~{hi if hi is not None else ''} 之间的整数"
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise FactsError(key, f"应为整数，收到 {_show(value)}", accepted)
        if lo is not None and value < lo:
            raise FactsError(key, f"不能小于 {lo}，收到 {value}", accepted)
        if hi is not None and value > hi:
            raise FactsError(key, f"不能大于 {hi}，收到 {value}", accepted)
    elif typ in ("date", "month"):
        pattern, shape = (_DATE, "YYYY-MM-DD") if typ == "date" else (_MONTH, "YYYY-MM")
        if not isinstance(value, str) or not pattern.match(value):
            raise FactsError(key, f"日期格式不对，收到 {_show(value)}", f"{shape} 格式，如 {'2025-05-10' if typ == 'date' else '2025-09'}")
        try:
            dt.date.fromisoformat(value if typ == "date" else value + "-01")
        except ValueError:
            raise FactsError(key, f"不是真实存在的日期：{value}", f"{shape} 格式的有效日期") from None
    elif typ == "enum":
        values = enum_values(spec, kb.levels)
        if value not in values:
            raise FactsError(key, f"不认识的取值 {_show(value)}", "、".join(values))
    elif typ == "enum_list":
        values = enum_values(spec, kb.levels)
        if not isinstance(value, list):
            raise FactsError(key, f"应为列表，收到 {_show(value)}", "由以下取值组成的列表：" + "、".join(values))
        for i, v in enumerate(value):
            if v not in values:
                raise FactsError(f"{key}[{i}]", f"不认识的取值 {_show(v)}", "、".join(values))
    elif typ == "list":
        if not isinstance(value, list):
            raise FactsError(key, f"应为列表，收到 {_show(value)}", "由对象组成的列表")
        for i, item in enumerate(value):
            _check_object(f"{key}[{i}]", item, spec["item"], kb)
    elif typ == "object":
        _check_object(key, value, spec["fields"], kb)
    elif typ == "counts":
        keys = enum_values({"values": spec["keys"]}, kb.levels)
        if not isinstance(value, dict):
            raise FactsError(key, f"应为“等级: 人数”的对象，收到 {_show(value)}", "如 {\"初级工\": 10}")
        for k, n in value.items():
            if k not in keys:
                raise FactsError(f"{key}.{k}", "不认识的等级", "、".join(keys))
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise FactsError(f"{key}.{k}", f"人数应为非负整数，收到 {_show(n)}", "0 或正整数")
    else:  # pragma: no cover - facts.yml is ours
        raise AssertionError(f"unknown type {typ} for {key}")


def _check_object(key: str, value, fields: dict, kb) -> None:
    if not isinstance(value, dict):
        raise FactsError(key, f"应为对象（{{...}}），收到 {_show(value)}", "JSON 对象")
    for name, v in value.items():
        spec = fields.get(name)
        full = f"{key}.{name}" if key else name
        if spec is None:
            raise FactsError(full, "不是已知的键", "、".join(fields))
        _check_value(full, v, spec, kb)


def validate(facts) -> None:
    """Raise FactsError if `facts` does not follow the contract."""
    kb = load()
    if not isinstance(facts, dict):
        raise FactsError("(顶层)", f"应为 JSON 对象，收到 {_show(facts)[:40]}", "形如 {\"person\": {...}} 的对象")
    top = kb.facts["top"]
    for name, value in facts.items():
        if name not in top:
            raise FactsError(name, "不是已知的顶层键", "、".join(top))
        if value is None:
            continue
        if name == "as_of":
            _check_value(name, value, top[name], kb)
        else:
            _check_object(name, value, kb.facts[name], kb)
