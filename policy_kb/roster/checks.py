"""Checks across a row's cells, before any decision: dates against 申报日期 and each other, the 身份证号.

The rules are data (the tables below); a broken rule makes the row 数据有误 with a sentence naming
the columns, the values and the limit, so the HR officer can correct the cell.
"""
from __future__ import annotations

import re

from .cells import blank, parse_date, parse_int, parse_month, squeezed
from .layout import ID_NUMBER, CellError

# Date and month columns that cannot lie after 申报日期.
NOT_AFTER_AS_OF = {"证书落款日期": parse_date, "引进日期": parse_date, "首次参保月份": parse_month}
# (months column, column it counts from): insurance months cannot exceed the months since that date.
MONTHS_SINCE = (("取证后钱塘连续参保月数", "证书落款日期"),
                ("取证后钱塘连续参保月数", "首次参保月份"),
                ("引进后钱塘连续参保月数", "引进日期"))

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID = re.compile(r"^\d{17}[\dX]$")


def mask_id(value: str) -> str:
    """330106199001011234 → 330106********1234: what logs and on-screen messages show."""
    value = squeezed(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def parse_id(value) -> str:
    """The 18-character 身份证号 (GB 11643: 17 digits and a check character), or CellError."""
    written = squeezed(value).upper()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"“{ID_NUMBER}”被 Excel 存成了数字（末几位会丢失），请把该列设为文本后重新填写")
    if not _ID.match(written):
        raise CellError(f"“{ID_NUMBER}”应为18位（前17位数字，最后一位数字或X），收到{len(written)}位")
    check = _ID_CHECK[sum(int(d) * w for d, w in zip(written, _ID_WEIGHTS)) % 11]
    if written[-1] != check:
        raise CellError(f"“{ID_NUMBER}”{mask_id(written)}的校验位不对，请核对是否有数字填错")
    return written


def _months_between(start: str, as_of: str) -> int:
    """Calendar months from start's month to as_of's month, both counted (May → June = 2)."""
    return (int(as_of[:4]) - int(start[:4])) * 12 + int(as_of[5:7]) - int(start[5:7]) + 1


def _value(cells: dict, header: str, parse):
    value = cells.get(header)
    if blank(value):
        return None
    try:
        return parse(value)
    except CellError:
        return None              # a bad cell the row's programme reads is reported by row_values


def date_problems(cells: dict, as_of: str) -> list:
    """Sentences for every date after 申报日期 and every months figure longer than its dates allow."""
    problems, dates = [], {}
    for header, parse in NOT_AFTER_AS_OF.items():
        dates[header] = value = _value(cells, header, parse)
        if value is not None and value > as_of[:len(value)]:
            problems.append(f"“{header}”{value}晚于申报日期{as_of}，请核对")
    for months_header, since in MONTHS_SINCE:
        start = dates.get(since)
        months = _value(cells, months_header, lambda v: parse_int(v, {"min": 0}, {}))
        if start is None or months is None or start > as_of[:len(start)]:
            continue
        most = _months_between(start, as_of)
        if months > most:
            problems.append(f"“{months_header}”填了{months}个月，但从“{since}”{start}到申报日期{as_of}"
                            f"最多{most}个月，请核对")
    return problems
