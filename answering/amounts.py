"""A programme's amount for one level, grade or head, read off its 兑付标准 (policy_kb).

Only the arithmetic a question names: the engine (policy_kb.engine) stays the one place
where whole cases are decided.
"""
from __future__ import annotations

from policy_kb.amounts import yuan


def table_of(std: dict) -> dict:
    return std.get("table") or {}


def _per(std: dict) -> str:
    return "/人" if std["formula"] in ("per_item", "per_count") else ""


def for_level(prog: dict, level: str, hukou: bool = False, shortage: bool = False) -> str:
    """"高级技师：5000元" — or why the level is not in the standard."""
    std = prog["standard"]
    table = table_of(std)
    if level not in table:
        return f"兑付标准只列{'、'.join(table)}，{level}不在其中，不予资助"
    amount = table[level]
    if std["formula"] == "monthly_by_level":
        total = amount * std["months"]
        parts = std.get("instalments") or []
        split = "、".join(f"连续参保满{p['after_months']}个月{yuan(total * p['share'] // 100)}" for p in parts)
        return (f"{level}：每月{yuan(amount)}，共{std['months']}个月，合计{yuan(total)}"
                + (f"（分{len(parts)}笔：{split}）" if parts else ""))
    if std["formula"] == "level_topup":
        return f"新评定为{level}：{yuan(amount)}（一次性补助）"
    line = f"{level}：{yuan(amount)}{_per(std)}"
    bonus = std.get("bonus")
    if bonus and level not in bonus.get("except", []):
        if hukou:
            line += f"；引进的是钱塘户籍的，再叠加{yuan(bonus['amount'])}，共{yuan(amount + bonus['amount'])}{_per(std)}"
    elif bonus and hukou:
        line += f"（{level}不叠加户籍资助）"
    uplift = std.get("uplift")
    if uplift and shortage and level not in uplift.get("except", []):
        raised = int(round(amount * (100 + uplift["percent"]) / 100))
        line += f"；属钱塘区紧缺职业（工种）的提高{uplift['percent']}%，为{yuan(raised)}{_per(std)}"
    return line


def value_for_level(prog: dict, level: str, hukou: bool = False, shortage: bool = False) -> int:
    """The figure `for_level` says for one head (the 户籍 bonus or the 紧缺 uplift included); 0 when
    the level is not in the standard."""
    std = prog["standard"]
    amount = table_of(std).get(level, 0)
    bonus, uplift = std.get("bonus"), std.get("uplift")
    if amount and bonus and hukou and level not in bonus.get("except", []):
        amount += bonus["amount"]
    if amount and uplift and shortage and level not in uplift.get("except", []):
        amount = int(round(amount * (100 + uplift["percent"]) / 100))
    return amount


def for_grade(prog: dict, grade: str) -> str:
    amount = table_of(prog["standard"]).get(grade)
    if amount is None:
        return ""
    return f"考核评估结果为{grade}：{yuan(amount)}运行经费资助" if amount else f"考核评估结果为{grade}：不予资助"


def topup(prog: dict, before: str, after: str) -> str | None:
    """补差: the higher level's amount less the lower one's already received."""
    table = table_of(prog["standard"])
    if prog["standard"]["formula"] != "level_topup" or before not in table or after not in table:
        return None
    diff = table[after] - table[before]
    if diff <= 0:
        return f"已享受{before}补助（{yuan(table[before])}），{after}（{yuan(table[after])}）不高于已享受的等级，没有差额可补"
    return (f"已享受{before}补助{yuan(table[before])}，新评定为{after}（{yuan(table[after])}）时予以补差："
            f"{yuan(table[after])} − {yuan(table[before])} = {yuan(diff)}")


def headline(prog: dict) -> str:
    """One line for comparisons: the standard in figures."""
    std = prog["standard"]
    f = std["formula"]
    if f == "monthly":
        return f"每月{yuan(std['monthly'])}，共{std['months']}个月，合计{yuan(std['monthly'] * std['months'])}"
    if f == "fixed":
        return f"一次性{yuan(std['amount'])}"
    if f == "match":
        return f"按上级奖励1:1配套，最高{yuan(std['cap'])}"
    if f == "monthly_by_level":
        return "、".join(f"{k}每月{yuan(v)}" for k, v in _distinct(table_of(std)).items()) + f"，共{std['months']}个月"
    return "、".join(f"{k}{yuan(v)}{_per(std)}" for k, v in _distinct(table_of(std)).items())


def _distinct(table: dict) -> dict:
    """技师…首席技师 all 1000元 → one entry "技师及以上"."""
    keys, values = list(table), list(table.values())
    tail = len(values) - 1
    while tail > 0 and values[tail - 1] == values[-1]:
        tail -= 1
    if tail == len(values) - 1:
        return dict(table)
    merged = {k: table[k] for k in keys[:tail]}
    merged[f"{keys[tail]}及以上"] = values[-1]
    return merged
