"""Reading one cell: yes/no, dates, months, numbers, enum words and the programme a row is for."""
from __future__ import annotations

import datetime as dt
import re

from ..schema import enum_values
from ..terms import programme_names
from .layout import CellError

YES = {"是", "y", "yes", "true", "√", "✓", "✔", "对", "有", "1"}
NO = {"否", "n", "no", "false", "×", "✗", "✘", "x", "无", "不是", "0"}
# Level words people write besides the document's own (national level numbers, short forms).
LEVEL_WORDS = {"五级": "初级工", "四级": "中级工", "三级": "高级工", "二级": "技师", "一级": "高级技师",
               "初级": "初级工", "中级": "中级工", "高级": "高级工"}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_NUMBER = re.compile(r"^[+]?\d[\d,，]*(\.0+)?\s*(元|个月|月|人)?$")
_LIST_SEP = re.compile(r"[、,，;；/\s]+")


def text(value) -> str:
    return str(value).strip() if value is not None else ""


def squeezed(value) -> str:
    """The cell's text without any whitespace (people type "项目 4", "单位 名称")."""
    return re.sub(r"\s+", "", text(value))


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_bool(value):
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(f"无法识别“{value}”，请填 是/否（也可填 Y/N、√/×、true/false）")


def parse_date(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = _DATE.match(text(value))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            raise CellError(f"“{value}”不是真实存在的日期") from None
    raise CellError(f"无法识别日期“{value}”，请按 2025-05-10、2025/5/10 或 2025年5月10日 填写")


def parse_month(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    written = text(value)
    m = _MONTH.match(written)
    if m and 1 <= int(m[2]) <= 12:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    if _DATE.match(written):
        return parse_date(written)[:7]
    raise CellError(f"无法识别月份“{value}”，请按 2025-09、2025/9 或 2025年9月 填写")


def parse_int(value, spec: dict, maxima: dict) -> int:
    if isinstance(value, bool):
        raise CellError(f"应填数字，收到“{value}”")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        written = text(value)
        if not _NUMBER.match(written):
            raise CellError(f"应填阿拉伯数字，收到“{value}”")
        value = int(re.sub(r"[^\d.]", "", written).split(".")[0])
    lo, hi = spec.get("min"), spec.get("max")
    hi = maxima.get(hi, hi) if isinstance(hi, str) else hi
    if lo is not None and value < lo:
        raise CellError(f"不能小于 {lo}，收到 {value}")
    if hi is not None and value > hi:
        raise CellError(f"不能大于 {hi}，收到 {value}")
    return value


def accepted_values(spec: dict, levels: list) -> list:
    """What an enum fact accepts, as a reader sees it (Chinese labels where facts.yml has them)."""
    values = spec["values"]
    return list(values.values()) if isinstance(values, dict) else enum_values(spec, levels)


def _enum_words(spec: dict, levels: list) -> dict:
    """Every accepted spelling → the fact's value (codes, Chinese labels and their parts)."""
    values = spec["values"]
    words = {}
    if isinstance(values, dict):
        for code, label in values.items():
            words[code] = code
            words[label] = code
            for part in re.split(r"[/、]", re.sub(r"（[^）]*）", "", label)):
                words.setdefault(part, code)
    else:
        for v in enum_values(spec, levels):
            words[v] = v
    if set(levels) <= set(words.values()):
        for word, level in LEVEL_WORDS.items():
            words.setdefault(word, level)
    return words


def parse_enum(value, words: dict, accepted: list):
    written = squeezed(value)
    for candidate in [written, *re.split(r"[/（）()]", written)]:
        if candidate in words:
            return words[candidate]
    raise CellError(f"不认识“{value}”，可填：{'、'.join(accepted)}")


def cell_parser(spec: dict, kb):
    """The parser for cells carrying a fact of this facts.yml spec: cell value → fact value or CellError."""
    typ = spec["type"]
    if typ == "bool":
        return parse_bool
    if typ == "date":
        return parse_date
    if typ == "month":
        return parse_month
    if typ == "int":
        return lambda v: parse_int(v, spec, kb.facts)
    if typ in ("enum", "enum_list"):
        words, accepted = _enum_words(spec, kb.levels), accepted_values(spec, kb.levels)
        if typ == "enum":
            return lambda v: parse_enum(v, words, accepted)

        def parse_list(v):
            parts = [p for p in _LIST_SEP.split(text(v)) if p]
            return [] if parts in ([], ["无"]) else list(dict.fromkeys(parse_enum(p, words, accepted) for p in parts))
        return parse_list
    raise AssertionError(f"no roster parser for type {typ}")  # pragma: no cover - facts.yml is ours


def _fragments(names: dict) -> dict:
    """Every run of 2+ characters inside a name or alias → the programmes whose names contain it."""
    found = {}
    for name, number in names.items():
        for i in range(len(name)):
            for j in range(i + 2, len(name) + 1):
                found.setdefault(name[i:j], set()).add(number)
    return found


def programme_words(kb) -> dict:
    """Every way a 申报项目 cell may name a programme → its number. Short forms ("育才", "引才",
    "金牌工人") are the fragments of the knowledge base's names and aliases that only one programme
    has; a fragment several share maps to their names (the cell then asks for the full name)."""
    names = {squeezed(k): v for k, v in programme_names().items()}
    words = dict(names)
    for prog in kb.programmes:
        n = prog["number"]
        for key in (str(n), prog["section"], f"项目{n}", f"项目{prog['section']}", f"{prog['section']}、"):
            words.setdefault(key, n)
    for fragment, numbers in _fragments(names).items():
        if fragment not in words:
            words[fragment] = next(iter(numbers)) if len(numbers) == 1 else \
                tuple(kb.programme(n)["name"] for n in sorted(numbers))
    return words


def parse_programme(value, words: dict) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    written = squeezed(value).strip("“”\"'")
    found = words.get(written)
    if found is None:
        m = re.match(r"^(\d{1,2})\D", written)       # "4-提升技能水平补助", "4 技能提升"
        found = words.get(m[1]) if m else None
    if isinstance(found, int):
        return found
    if found:
        raise CellError(f"“申报项目”填的“{value}”可能是{len(found)}个项目：{'、'.join(found)}，请写全称或项目编号")
    raise CellError(f"“申报项目”不认识“{value}”，请填项目编号（1～12）、项目名称或常用叫法（如 技能提升补贴、育才资助、订单班）")
