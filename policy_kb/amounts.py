"""The 兑付标准 formulas: the numbers live in the programme files, the arithmetic here.

Each formula takes the programme's `standard`, a `get` for the subject's facts and
the items that count (per-head programmes), and returns an Amount: the yuan for
these facts (None where a deciding fact is unknown), the facts that would change
it, notes for the user and extra keys for the decision.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Amount:
    yuan: int | None
    unknown: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def yuan(n: int) -> str:
    """The one way amounts are written for users: the document's own style, e.g. 5000元."""
    return f"{n}元"


def _match(std, get, items, ctx):
    award = get(std["fact"])
    if award is None:
        return Amount(None, [std["fact"]])
    full = award * std["ratio"]
    if full > std["cap"]:
        return Amount(std["cap"], notes=[f"按上级奖励 1:1 配套应为{yuan(full)}，已按最高{yuan(std['cap'])}封顶。"])
    return Amount(full)


def _monthly(std, get, items, ctx):
    total = std["monthly"] * std["months"]
    return Amount(total, extra={"monthly": std["monthly"], "months": std["months"]})


def _fixed(std, get, items, ctx):
    return Amount(std["amount"])


def _lookup(std, get, items, ctx):
    key = get(std["fact"])
    if key is None:
        return Amount(None, [std["fact"]])
    return Amount(std["table"].get(key, 0))


def _level_topup(std, get, items, ctx):
    table = std["table"]
    level = get(std["fact"])
    if level is None:
        return Amount(None, [std["fact"]])
    if level not in table:
        return Amount(0, notes=[f"{level}不在兑付标准所列等级（{'、'.join(table)}）内，不予补助。"])
    full = table[level]
    already = get(std["already"])
    if already is None:
        return Amount(full, notes=[f"如此前已领取过低等级的本项补助，将按差额补差（本次按未领取计算：{yuan(full)}）。"])
    paid = table.get(already, 0)
    if not paid:
        return Amount(full)
    top_up = max(0, full - paid)
    return Amount(top_up, notes=[f"已享受{already}补助{yuan(paid)}，{level}标准{yuan(full)}，补差{yuan(top_up)}。"],
                  extra={"full_amount": full, "already_paid": paid})


def _monthly_by_level(std, get, items, ctx):
    level = get(std["fact"])
    if level is None:
        return Amount(None, [std["fact"]])
    monthly = std["table"].get(level)
    if monthly is None:
        return Amount(0, notes=[f"{level}证书不在补贴标准（中级工、高级工及以上）内。"])
    total = monthly * std["months"]
    progress = get(std["progress_fact"])
    payments, notes = [], []
    for i, part in enumerate(std["instalments"], 1):
        due = total * part["share"] // 100
        ready = None if progress is None else progress >= part["after_months"]
        payments.append({"instalment": i, "amount": due, "after_months": part["after_months"], "available": ready})
        if ready is False:
            notes.append(f"第{i}笔{yuan(due)}需在钱塘连续参保满{part['after_months']}个月（不含补缴）后申请。")
    unknown = [std["progress_fact"]] if progress is None else []
    return Amount(total, unknown, notes, {"monthly": monthly, "months": std["months"], "payments": payments})


def item_amount(std, item: dict):
    """One head's sum in a per-item programme: (yuan, facts that could raise it)."""
    value = item.get(std["fact"])
    unknown = []
    special = std.get("special")
    if special and value == special["value"]:
        flag = item.get(special["fact"])
        if flag is None:
            unknown.append(special["fact"])
        return (special["if_true"] if flag else special["if_false"]), unknown
    base = std["table"].get(value, 0)
    uplift = std.get("uplift")
    if uplift and value not in uplift.get("except", ()):
        flag = item.get(uplift["fact"])
        if flag is None:
            unknown.append(uplift["fact"])
        elif flag:
            base = base * (100 + uplift["percent"]) // 100
    bonus = std.get("bonus")
    if bonus and value not in bonus.get("except", ()):
        flag = item.get(bonus["fact"])
        if flag is None:
            unknown.append(bonus["fact"])
        elif flag:
            base += bonus["amount"]
    return base, unknown


def _annual_cap(std, get, total: int, amount: Amount) -> Amount:
    cap = std.get("annual_cap")
    if not cap:
        return amount
    received = get(cap["received"])
    if received is None:
        amount.unknown.append(cap["received"])
        received = 0
        if total:
            amount.notes.append(f"按本年度尚未领取计算；单个单位每年最高{yuan(cap['amount'])}。")
    left = max(0, cap["amount"] - received)
    amount.extra["annual_cap"] = cap["amount"]
    amount.extra["cap_left_before"] = left
    if total > left:
        amount.notes.append(f"合计{yuan(total)}，超过本年度剩余额度{yuan(left)}（年度上限{yuan(cap['amount'])}，"
                            f"已领{yuan(received)}），按{yuan(left)}计。")
        amount.extra["amount_before_cap"] = total
        total = left
    amount.yuan = total
    return amount


def _per_item(std, get, items, ctx):
    total, unknown = 0, []
    for index, item in items:
        sub, missing = item_amount(std, item)
        total += sub
        unknown.extend(f"{ctx['items_path']}[{index}].{m}" for m in missing)
    return _annual_cap(std, get, total, Amount(total, unknown))


def _per_count(std, get, items, ctx):
    counts = get(std["fact"]) or {}
    table = std["table"]
    total = sum(table[k] * n for k, n in counts.items() if k in table)
    left_out = [f"{k}{n}人" for k, n in counts.items() if k not in table and n]
    amount = Amount(total)
    if left_out:
        amount.notes.append(f"{'、'.join(left_out)}不在兑付标准（{'、'.join(table)}）内，未计入。")
    return _annual_cap(std, get, total, amount)


FORMULAS = {
    "match": _match, "monthly": _monthly, "fixed": _fixed, "lookup": _lookup,
    "level_topup": _level_topup, "monthly_by_level": _monthly_by_level,
    "per_item": _per_item, "per_count": _per_count,
}
