"""Turning roster cells into FACTS.md facts: a row's person or organisation head, and 单位信息."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..paths import with_path
from .cells import blank, cell_parser, parse_date, squeezed, text
from .layout import COUNT_FIELD, ORG_NAME, ORG_SHEET, CellError, RosterError
from .plans import Plan, org_fields


@dataclass
class Org:
    """What 单位信息 (or --org) says: facts, name, 申报日期, warnings and the values that could not be read."""
    facts: dict = field(default_factory=dict)
    name: str = ""
    as_of: str | None = None
    warnings: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)     # organisation fact path → Chinese message


def read_org(pairs, kb, plans) -> Org:
    """单位信息 key/value pairs → Org. A bad value is kept in `errors`: only the rows of programmes
    that read that fact are reported with it; the 申报日期 concerns every row, so it stops the run."""
    fields = org_fields(kb, plans)
    as_of_label = kb.facts["top"]["as_of"]["label"]
    org = Org()
    for key, value in pairs:
        key = squeezed(key).rstrip("：:")
        if not key or blank(value) or key in ("项目", "填写内容"):
            continue
        try:
            if key == ORG_NAME:
                org.name = text(value)
            elif key == as_of_label:
                org.as_of = parse_date(value)
            elif key in fields:
                org.facts = with_path(org.facts, fields[key], cell_parser(kb.fact_spec(fields[key]), kb)(value))
            else:
                org.warnings.append(f"“{ORG_SHEET}”中的“{key}”不是可识别的项目，已忽略")
        except CellError as exc:
            message = f"“{ORG_SHEET}”中“{key}”填写有误：{exc}"
            if key == as_of_label:
                raise RosterError(message) from None
            org.errors[fields[key]] = message
            org.warnings.append(message + "（只影响需要这一项的人员）")
    return org


def row_values(plan: Plan, cells: dict, parsers: dict) -> dict:
    """The row's facts (person or item fields) read from its cells; CellError names every bad cell."""
    errors, values = [], {}
    for header, fact in plan.columns.items():
        value = cells.get(header)
        if blank(value):
            continue
        try:
            values[fact] = parsers[(plan.number, fact)](value)
        except CellError as exc:
            errors.append(f"“{header}”：{exc}")
    if errors:
        raise CellError("；".join(errors))
    return values


def row_facts(plan: Plan, values: dict, org: dict, as_of: str) -> dict:
    """The FACTS.md object for one row: the person, or the organisation with this one head."""
    values = dict(values)
    if plan.kind == "person":
        if "employer" in plan.row_facts and "employer" not in values and org.get("kind") == "enterprise":
            values["employer"] = "enterprise"      # the enterprise filing the roster employs its people
        return {"as_of": as_of, "person": values}
    if plan.kind == "item":
        return {"as_of": as_of, "organisation": with_path(org, plan.target, [values])}
    level = values.get(COUNT_FIELD)
    return {"as_of": as_of, "organisation": with_path(org, plan.target, {level: 1}) if level else org}
