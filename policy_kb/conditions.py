"""Compile a condition's `test` (data in a programme file) into a small function.

Three-valued logic: every test returns (result, unknown_facts) where result is
"pass", "fail" or "unknown" and unknown_facts names the facts that would decide it.
A compiled test takes `get(name) -> value or None` so the same test runs on a
person, an organisation or one item of a list.

Operators (one per test, beside `fact`):
  is V | in [..] or "table" | not_in [..] | min N | on_or_after DATE | on_or_before DATE
  any_in [..]  (list fact shares a value)  | below OTHER_FACT (level order)
  below_cap true (under the standard's annual cap) | counts_in "table" (some count > 0)
  within_year_after OTHER_FACT (a YYYY-MM month no later than a date + 1 year)
  all [tests] | any [tests]
`absent: pass` makes a missing fact pass (used where absence means "none so far").
"""
from __future__ import annotations

import datetime as dt

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
_NONE: tuple = ()


class RuleError(ValueError):
    """A test in a programme file uses an operator or value this module cannot read."""


def compile_test(spec: dict, standard: dict, levels: list):
    if "all" in spec or "any" in spec:
        return _compile_group(spec, standard, levels)
    name = spec.get("fact")
    if not isinstance(name, str):
        raise RuleError(f"test {spec!r} has no 'fact'")
    absent_passes = spec.get("absent") == "pass"
    ops = [k for k in spec if k not in ("fact", "absent")]
    if len(ops) != 1:
        raise RuleError(f"test {spec!r} should have exactly one operator")
    op = ops[0]
    arg = spec[op]
    check = _make_check(op, arg, standard, levels)
    unknown = (UNKNOWN, (name,))

    def test(get):
        value = get(name)
        if value is None:
            return (PASS, _NONE) if absent_passes else unknown
        return check(value, get)

    test.facts = (name,) + ((arg,) if op in ("below", "within_year_after") else ())
    return test


def _compile_group(spec, standard, levels):
    is_all = "all" in spec
    parts = [compile_test(s, standard, levels) for s in spec["all" if is_all else "any"]]
    decisive = FAIL if is_all else PASS   # the result that settles the group at once
    other = PASS if is_all else FAIL

    def test(get):
        missing = []
        for part in parts:
            result, facts = part(get)
            if result == decisive:
                return decisive, _NONE
            if result == UNKNOWN:
                missing.extend(facts)
        return (UNKNOWN, tuple(missing)) if missing else (other, _NONE)

    test.facts = tuple(dict.fromkeys(f for p in parts for f in p.facts))
    return test


def _ok(flag: bool):
    return (PASS, _NONE) if flag else (FAIL, _NONE)


def _make_check(op, arg, standard, levels):
    if op == "is":
        return lambda v, get: _ok(v == arg)
    if op in ("in", "not_in", "counts_in"):
        if arg == "table":
            arg = standard["table"]
        allowed = frozenset(arg)
        if op == "in":
            return lambda v, get: _ok(v in allowed)
        if op == "not_in":
            return lambda v, get: _ok(v not in allowed)
        return lambda v, get: _ok(any(n > 0 for k, n in v.items() if k in allowed))
    if op == "min":
        return lambda v, get: _ok(v >= arg)
    if op == "on_or_after":
        return lambda v, get: _ok(v >= arg)          # ISO dates compare as strings
    if op == "on_or_before":
        return lambda v, get: _ok(v <= arg)
    if op == "any_in":
        allowed = frozenset(arg)
        return lambda v, get: _ok(any(x in allowed for x in v))
    if op == "below_cap":
        cap = standard["annual_cap"]["amount"]
        return lambda v, get: _ok(v < cap)
    if op == "below":
        rank = {lvl: i for i, lvl in enumerate(levels)}

        def below(v, get):
            other = get(arg)
            if other is None:
                return UNKNOWN, (arg,)
            return _ok(rank.get(v, -1) < rank[other])   # 无 (none yet) is below every level
        return below
    if op == "within_year_after":
        def within(month, get):
            cert = get(arg)
            if cert is None:
                return UNKNOWN, (arg,)
            return _ok(month_within_year_after(month, cert))
        return within
    raise RuleError(f"unknown operator {op!r}")


def month_within_year_after(month: str, cert_date: str) -> bool:
    """True if insurance starting in `month` (YYYY-MM) began in the year after `cert_date`.

    The month may be the certificate's own month; its first day must not be later
    than the certificate's first anniversary (a 29 February rolls to 28 February).
    """
    cert = dt.date.fromisoformat(cert_date)
    try:
        anniversary = cert.replace(year=cert.year + 1)
    except ValueError:
        anniversary = cert.replace(year=cert.year + 1, day=28)
    start = dt.date(int(month[:4]), int(month[5:7]), 1)
    return cert.replace(day=1) <= start <= anniversary


def when_applies(when: dict | None, as_of: str) -> bool:
    """Whether a condition applies on the application date (`when` in a programme file)."""
    if not when:
        return True
    for op, date in when.items():
        if op == "as_of_on_or_before" and not as_of <= date:
            return False
        if op == "as_of_on_or_after" and not as_of >= date:
            return False
        if op not in ("as_of_on_or_before", "as_of_on_or_after"):
            raise RuleError(f"unknown 'when' operator {op!r}")
    return True
