"""How a row's amount is made up ("技师 2000 + 钱塘户籍 1000"), read from the programme's 兑付标准.

One function per formula of the programme files. A breakdown whose parts do not add up to the
engine's amount is not shown: the engine's amount is the truth, the breakdown only explains it.
"""
from __future__ import annotations

import re

from .layout import COUNT_FIELD


def _short(label: str) -> str:
    return re.sub(r"（[^）]*）$", "", label)      # 钱塘户籍（以申报时为准） → 钱塘户籍


def _per_item(std: dict, values: dict, label) -> list:
    level = values.get(std["fact"])
    special = std.get("special")
    if special and level == special["value"]:
        amount = special["if_true"] if values.get(special["fact"]) else special["if_false"]
        return [(f"{level}（{_short(label(special['fact']))}：{'是' if values.get(special['fact']) else '否'}）", amount)]
    if level not in std["table"]:
        return []
    base = std["table"][level]
    parts = [(level, base)]
    bonus, uplift = std.get("bonus"), std.get("uplift")
    if bonus and values.get(bonus["fact"]) is True and level not in bonus.get("except", []):
        parts.append((_short(label(bonus["fact"])), bonus["amount"]))
    if uplift and values.get(uplift["fact"]) is True and level not in uplift.get("except", []):
        parts.append((f"{_short(label(uplift['fact']))}上浮{uplift['percent']}%", base * uplift["percent"] // 100))
    return parts


def _text(parts: list) -> str:
    return " + ".join(f"{name} {amount}" for name, amount in parts)


def breakdown(prog: dict, values: dict, result: dict, label) -> str:
    """The amount's parts in words; "" when the row has no amount or the parts do not add up.
    `label(fact)` is the fact's Chinese name in this programme's rows."""
    amount = result.get("amount_before_cap", result.get("amount"))
    if not amount or result["status"] == "ineligible":
        return ""
    std = prog["standard"]
    formula = std["formula"]
    if formula in ("per_item", "per_count"):
        # per_count rows carry one certified person's level (layout.COUNT_FIELD)
        rule = std if formula == "per_item" else {**std, "fact": COUNT_FIELD}
        text, total = _text(parts := _per_item(rule, values, label)), sum(a for _, a in parts)
    elif formula == "level_topup":
        full, paid = result.get("full_amount", amount), result.get("already_paid", 0)
        level, before = values.get(std["fact"]), values.get(std["already"])
        text = f"{level} {full}" + (f" − 已享受{before} {paid}" if paid else "")
        total = full - paid
    elif formula == "monthly":
        text, total = f"{std['monthly']}元/月 × {std['months']}个月", std["monthly"] * std["months"]
    elif formula == "monthly_by_level":
        level = values.get(std["fact"])
        monthly = std["table"].get(level, 0)
        text, total = f"{level} {monthly}元/月 × {std['months']}个月", monthly * std["months"]
    elif formula == "match":
        award = values.get(std["fact"], 0)
        text, total = f"{_short(label(std['fact']))} {award} × {std['ratio']}", min(award * std["ratio"], std["cap"])
        if award * std["ratio"] > std["cap"]:
            text += f"，上限 {std['cap']}"
    else:
        return ""
    return text if total == amount else ""
