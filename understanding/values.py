"""Values in a message: dates, durations, money and headcounts, with their offsets.

Dates, durations and money are read by jionlp (relative to `today`); headcounts and bare
numbers by cn2an. The few forms jionlp misses are wrapped here ("上上个月", "3月份",
"两万块", "1.5万"). Offsets are into the text given, so values line up with the doc's tokens.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
import time
import warnings
from dataclasses import dataclass

import cn2an

from .lexicon import rules

with contextlib.redirect_stdout(io.StringIO()):     # jionlp prints a banner on import
    import jionlp


class _NoJionlpTracebacks(logging.Filter):
    """jionlp logs a traceback on the root logger for strings it cannot parse ("500"); the
    reading goes on without that time, so the log should not look like a crash."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "jionlp" not in str(record.msg)


logging.getLogger().addFilter(_NoJionlpTracebacks())


@dataclass
class Value:
    start: int
    end: int
    kind: str          # date | months | money | count | number | marker (a list item's "2." or "第二个")
    value: object      # date: (iso string at its precision, precision); months/money/count: number
    text: str
    yearless: bool = False      # "八月": the year is a guess (a correction keeps the year corrected)
    approx: bool = False        # "快两年", "两年多", "大概十个月": taken only as the answer to a question


# "干了七八年", "有五六年了": two neighbouring digits and 年 after a verb of lasting
_ABOUT_YEARS = re.compile(r"(?<=[干做了有待呆近快将])([一二三四五六七八])([二三四五六七八九])年(?!代|出生|生|毕业|级|入职|的时候)")
# "十月十一月十二月", "10月 11月 12月": months listed one after another (their count, not a date)
_MONTH_LIST = re.compile(r"(?:(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月(?![0-9一二三四五六七八九十]+[日号])[份、，, ]*){2,}")
_NUM = r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+"
# "两个班", "三期", "一个工种": classes and kinds, not people
_COUNT = re.compile(rf"({_NUM})\s*(?:个(?!多?月|班|批|工种|项目|专业|学校|企业|公司|厂|单位|工作室|机构|培训机构|部门|车间|季度|星期|礼拜|小时)|名|位|人|员|本|张(?=证|证书))")
# "一个焊接的8个人": the "一个" names a class whose headcount follows
_CLASS_OF = re.compile(r"^[^，,。；;0-9一二两三四五六七八九十个]{1,8}的\s*[0-9一二两三四五六七八九十]+\s*(?:个人|名|位|人)")
_MONTHS = re.compile(rf"({_NUM})\s*个(多)?月")     # "拿证后11个月了" where jionlp reads no duration
_MONEY = re.compile(rf"({_NUM})\s*(万元|万块|万|[wW](?![a-zA-Z])|千元|千块|千|[kK](?![a-zA-Z])|元|块钱|块)")
_TRAININGS_AFTER = re.compile(r"^[^，,。0-9人名位员工师]{0,6}(?:培训|班|课程|项目)(?![^，,。]{0,3}(?:学员|人|学生))")
# "十九万六千", "3万5千元"; "19万9千5": a bare digit after 千 is hundreds, as people say it
_WAN_AND_QIAN = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)\s*万\s*([0-9]|[一二两三四五六七八九])\s*千"
                           r"(?:([1-9]|[一二两三四五六七八九])(?![0-9百十]))?(?:元|块钱|块)?")
_WAN_QIAN = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)万([一二两三四五六七八九]|[1-9])(?![千百十0-9])")
_QIAN_BAI = re.compile(r"([0-9]|[一二两三四五六七八九])千([一二两三四五六七八九]|[1-9])(?![千百十0-9万元块])")   # "一千二" = 1200
_IDIOM_AFTER = re.compile(r"^(?:都|也)?(?:没断|没停|没中断|不间断|没落下|没缺)")
_ONE_MONTH = re.compile(r"^(?:一|1)个月$")     # "一个月没断" is "never broken", "一年半没断过" is 18 months
_ROUGHLY = re.compile(r"快|将近|不到|差不多|大概|约|(?<!最)近|超过|以上")     # "最近五个月" is exact
_BARE = re.compile(r"(?<![0-9.])([0-9]+)(?![0-9.]|\s*(?:年|月|日|号|万|千|元|块|个|名|位|人|岁|周岁|%|％|分))")
_EXPLICIT = re.compile(r"(?<![0-9.])(?:((?:19|20)?[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})[日号])?"
                       r"|((?:19|20)[0-9]{2})[./-]([0-9]{1,2})(?:[./-]([0-9]{1,2}))?(?![0-9.万千元块个]))")
_LEAD = re.compile(rf"(?:提前了?|开班前|开课前|之前|前)(?:快|将近|差不多|大概|约)?({_NUM}|半|一个半|两个半)(多|来|几|余)?\s*(天|日|周|个?星期|个?礼拜|个多月|个月|月)")
# "四月到十一月", "2025年3月至2026年5月": a stretch of months, counted (both ends in), not two dates
_MONTH_WORD = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?"
_RANGE_END = rf"(?:(?:(?:19|20)?[0-9]{{2}}年|今年|去年|前年)?{_MONTH_WORD})"
_MONTH_RANGE = re.compile(rf"(?<![0-9零〇一二两三四五六七八九十])从?({_RANGE_END})(?:一直)?(?:到|至|~|～|-|—)({_RANGE_END})(?:底|末)?")
# "一年最多能补多少钱", "一个月能拿几千": the period of a rate asked about, no months paid
_PER_PERIOD = re.compile(r"(?:的话|下来|里|内|之内)?(?:最多|最高|最少|至多|顶多|大概|一共|总共|封顶|上限)?(?:能|可以|可|会|给|要)?"
                         r"[^，,。？?]{0,4}?(?:多少|几|上限|封顶|最多|最高)")
# "我们公司一年引进了十二个技师", "两年培养了5个高级技师": the period the firm's act took, no months paid
_PERIOD_OF_ACT = re.compile(r"(?:内|里|之内|来|以来|下来)?(?:一共|总共|共|就|才|又|还|陆续)?"
                            r"(?:引进|招聘|招了|招到|招进|聘了|培养|培育|培训了|发证|发了|认定了|带出|新增)")
# "一年半" = 18 months, "半年" = 6 (jionlp reads neither as a duration)
_YEARS_AND_HALF = re.compile(rf"({_NUM})\s*年半|(?<![0-9一二两三四五六七八九十上下前后今去明])半年(?!前|后|内|以内|里)")
# "当年", "当时": the year of an event said elsewhere, not this year
_THAT_TIME = re.compile(r"^当(?:年|时)$")
_AGO = re.compile(rf"({_NUM})\s*(个月|年|天|周|个星期|星期)前(?!后)")
_NEAR_MONTH = re.compile(r"上上个?月|上个?月|这个?月|本月|下个?月")
# "下周三", "这周五": a day ("3/15": month and day, as people type them)
_WEEKDAY = r"(?:下|这|本|上)个?(?:周|星期|礼拜)[一二三四五六日天1-7]"
_MONTH_SLASH_DAY = re.compile(r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])")
# "去年底", "前年年末", "年底": the year's last month ("年初" is left a year: January to March)
_YEAR_END = re.compile(r"年(?:底|末|终)(?:开始|起|以来|的时候|那会儿?|左右)?$")
# "9月15号", "十二月二十日": a month-day with no year said
_MONTH_DAY = re.compile(r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]?")
# "三月", "十一月" with no 个: a month's name (jionlp reads a duration)
_MONTH_NAME = re.compile(r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月")
_MONTH_ONLY = re.compile(r"(?<![年0-9零〇一二两三四五六七八九十])((?:1[0-2]|[1-9])|十[一二]?|[一二三四五六七八九])月份?")


def number(text: str):
    """'两' → 2, '十二' → 12, '1.5' → 1.5; None when it is no number."""
    try:
        return float(text) if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text) else float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _int(x: float):
    return int(x) if float(x).is_integer() else x


def _date_value(start: str, precision: str) -> tuple:
    iso = start[:10]
    return ({"year": iso[:4], "month": iso[:7], "day": iso}[precision], precision)


_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2, "大前年": 3}


def _month_of(word: str, today: dt.date):
    """"十一月", "2025年3月", "去年5月份" as a month number (year * 12 + month); a month
    without a year is this year's."""
    m = re.match(r"(?:((?:19|20)?[0-9]{2})年|(今年|去年|前年))?(.+?)月份?$", word)
    month = number(m.group(3)) if m else None
    if not month or not 1 <= month <= 12:
        return None
    year = today.year
    if m.group(1):
        year = int(m.group(1)) + (2000 if len(m.group(1)) == 2 else 0)
    elif m.group(2):
        year -= _YEARS_BACK[m.group(2)]
    return year * 12 + int(month)


def _base(today: dt.date) -> float:
    return time.mktime((today.year, today.month, today.day, 12, 0, 0, 0, 0, -1))


# "七八个月", "两三年", "三五千": two neighbouring digits say a range (not 二十, 三十五)
_TWO_DIGITS = re.compile(r"[一二两三四五六七八九][一二两三四五六七八九](?![十百千])")


_EDGE = ",，。;；:：、!！?？ "
_YEAR_MONTH = re.compile(r"(大前年|今年|去年|前年)的?([0-9]{1,2}|十[一二]?|[一二三四五六七八九])月(?!份?[0-9一二三四五六七八九十]+[日号])")


def read(text: str, today: dt.date) -> list:
    """Every value in `text`, in text order, non-overlapping (the first reader wins a span)."""
    found: list = []

    def add(value: Value) -> None:      # the first reader of a stretch of text wins it
        if all(value.end <= v.start or value.start >= v.end for v in found):
            found.append(value)

    for m in _LEAD.finditer(text):       # "提前一个多月", "开班前两周": a lead time in days
        n = {"半": 0.5, "一个半": 1.5, "两个半": 2.5}.get(m.group(1)) or number(m.group(1))
        if n is not None:
            unit = m.group(3)
            days = n * (1 if unit in ("天", "日") else 7 if "星期" in unit or "礼拜" in unit or unit == "周" else 30)
            days += 1 if (m.group(2) in ("多", "几", "余") or "多" in unit) else 0     # "十来天": about ten
            add(Value(m.start(), m.end(), "days", _int(days), m.group(0)))
    for m in _ABOUT_YEARS.finditer(text):   # "干了七八年了": some years in a job, not 1978
        if "一二三四五六七八九".index(m.group(2)) == "一二三四五六七八九".index(m.group(1)) + 1:
            add(Value(m.start(), m.end(), "months", number(m.group(1)) * 12, m.group(0), approx=True))
    for m in _MONTH_LIST.finditer(text):    # "交了三个月 十月十一月十二月": the months counted, no date
        months = [_month_of(w + "月", today) for w in re.findall(r"([0-9]{1,2}|十[一二]?|[一二三四五六七八九])月", m.group(0))]
        if None not in months and all(b - a == 1 for a, b in zip(months, months[1:])):
            add(Value(m.start(), m.end(), "month_list", len(months), m.group(0)))
    for m in _MONTH_RANGE.finditer(text):
        ends = [_month_of(m.group(i), today) for i in (1, 2)]
        if None in ends or ends[1] < ends[0]:
            continue
        # rough: taken only as the answer to a months question; an explicit count said beside
        # it ("四月到十一月 八个月没断") wins (below)
        add(Value(m.start(), m.end(), "months", ends[1] - ends[0] + 1, m.group(0), approx=True))
    for m in _AGO.finditer(text):       # "3个月前", "两年前": today minus that, at that precision
        n = number(m.group(1))
        if n is not None and float(n).is_integer():
            n = int(n)
            if m.group(2) in ("个月", "月"):
                month = today.year * 12 + today.month - 1 - n
                value = (f"{month // 12:04d}-{month % 12 + 1:02d}", "month")
            elif m.group(2) == "年":
                value = (f"{today.year - n:04d}", "year")
            else:
                value = ((today - dt.timedelta(days=n * (7 if m.group(2) in ("周", "个星期", "星期") else 1))).isoformat(), "day")
            add(Value(m.start(), m.end(), "date", value, m.group(0)))
    for m in _YEARS_AND_HALF.finditer(text):
        n = number(m.group(1)) if m.group(1) else 0
        if n is not None and float(n).is_integer():     # "大半年", "小半年", "半年多": rough
            rough = not m.group(1) and (text[max(0, m.start() - 1):m.start()] in ("大", "小") or text[m.end():m.end() + 1] == "多")
            add(Value(m.start(), m.end(), "months", int(n) * 12 + 6, m.group(0), approx=rough))
    for m in _EXPLICIT.finditer(text):
        groups = m.groups()[:3] if m.group(1) else m.groups()[3:]
        year, month, day = int(groups[0]), int(groups[1]), groups[2]
        year += 2000 if year < 100 else 0
        iso = f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        add(Value(m.start(), m.end(), "date", (iso, "day" if day else "month"), m.group(0)))
    for m in _NEAR_MONTH.finditer(text):
        first = today.replace(day=1)
        for _ in range(m.group(0).count("上")):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        if m.group(0).startswith("下"):
            first = (first + dt.timedelta(days=32)).replace(day=1)
        if re.match(r"\s*[0-9一二三四五六七八九十]+[日号]", text[m.end():]):
            continue            # "上个月15号", "下月15日": jionlp reads the day too
        add(Value(m.start(), m.end(), "date", (first.isoformat()[:7], "month"), m.group(0)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            times = jionlp.ner.extract_time(text, time_base=_base(today), with_parsing=True)
        except Exception:       # jionlp raises on a few odd strings; the rest of the reading stands
            times = []
    for t in times:
        s, e = t["offset"]
        detail = t.get("detail", {})
        if t["type"] in ("time_point", "time_span") and isinstance(detail.get("time"), list):
            start, end = detail["time"][0], detail["time"][-1]
            if not isinstance(start, str) or not re.match(r"\d{4}-", start):
                continue
            if re.match(r"[前后](?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月", t["text"]):
                continue        # "毕业后7月进了…": the month 7 (read below), not seven months on
            if not re.search(r"[年月日号]|\d[./-]\d|上个?月|这个?月|本月|今天|昨天|前天|明天|后天|" + _WEEKDAY, t["text"]) \
                    or re.search(r"前[两几三]年|这[两几]年|近[两几]年|(?<![上下这本])个月", t["text"]):   # "前两年评的", "证后5个月": no date said
                continue        # "现在", "目前", "之前": no date was said
            # the precision said, not the span's length ("今年3月开始" spans to today)
            precision = "day" if re.search(r"[日号天]|" + _WEEKDAY, t["text"]) or _MONTH_SLASH_DAY.fullmatch(t["text"]) \
                else "month" if "月" in t["text"] else "year"
            if precision != "year" and re.search(r"底|初|中旬|上旬|下旬|上半|下半", t["text"]) and "日" not in t["text"]:
                precision = "month" if "月" in t["text"] else "year"
            if precision == "year" and _YEAR_END.search(t["text"]):     # "去年底", "前年年末": December
                start, precision = start[:4] + "-12", "month"
            if "元旦" in t["text"] and "月" not in t["text"]:      # "今年元旦后拿的": January; "元旦前": December before
                year = int(start[:4])
                start, precision = (f"{year - 1:04d}-12", "month") if re.search(r"元旦(?:之|以)?前", t["text"]) \
                    else (f"{year:04d}-01", "month")
            if precision == "year" and re.search(r"年初|^初", t["text"]) and start[:4] == f"{today.year:04d}" \
                    and today.month == 1:
                start, precision = start[:4] + "-01", "month"      # "今年年初" said in January: this month
            year_before = re.search(r"(今年|去年|前年)$", text[:s])
            if _MONTH_SLASH_DAY.fullmatch(t["text"]) and year_before:     # "去年10/8": jionlp drops the year
                start = f"{today.year - ('今年', '去年', '前年').index(year_before.group(1)):04d}" + start[4:]
                s = year_before.start()
            yearless = bool(_MONTH_DAY.fullmatch(t["text"])) and not year_before
            before = [v for v in found if v.kind == "date" and v.end <= s and not v.yearless
                      and isinstance(v.value, tuple) and (len(v.value[0]) >= 7 or s - v.end <= 3)] if yearless else []
            if before:          # "前年7月1号和9月15号": a bare month-day keeps the year of the date before
                start = max(before, key=lambda v: v.end).value[0][:4] + start[4:]
            if not _THAT_TIME.match(t["text"]):
                add(Value(s, e, "date", _date_value(start, precision), text[s:e], yearless=yearless))
        elif t["type"] == "time_delta" and isinstance(detail.get("time"), dict):
            delta = detail["time"]
            if set(delta) - {"year", "month"}:
                if set(delta) <= {"day", "week"}:       # "提前了20天", "两周": a lead time in days
                    days = delta.get("day", 0) + 7 * delta.get("week", 0)
                    add(Value(s, e, "days", _int(days), t["text"]))
                continue
            if _MONTH_NAME.fullmatch(t["text"]):      # "开春三月份来的": the month March, not 3 months
                continue
            months = delta.get("year", 0) * 12 + delta.get("month", 0)
            add(Value(s, e, "months", _int(months), t["text"]))
    for m in _MONTH_ONLY.finditer(text):
        month = int(number(m.group(1)) or 0)
        if 1 <= month <= 12:
            year = today.year if month <= today.month else today.year - 1
            # "2025年2月拿的证，落款也是2月": a month after a dated one is in its year
            before = [v for v in found if v.kind == "date" and v.end <= m.start() and not v.yearless
                      and isinstance(v.value, tuple) and (len(v.value[0]) >= 7 or m.start() - v.end <= 3)]
            # ("今年开春三月份": the year said just before it)
            if before:
                last = max(before, key=lambda v: v.end).value[0]
                year = int(last[:4])
            add(Value(m.start(), m.end(), "date", (f"{year:04d}-{month:02d}", "month"), m.group(0), yearless=True))
    for m in _WAN_AND_QIAN.finditer(text):  # "十九万六千", "3万5千元", "19万9千5" = 196000, 35000, 199500
        high, low = number(m.group(1)), number(m.group(2))
        hundreds = number(m.group(3)) if m.group(3) else 0
        if high is not None and low is not None and hundreds is not None:
            add(Value(m.start(), m.end(), "money", _int(high * 10000 + low * 1000 + hundreds * 100), m.group(0)))
    for m in _WAN_QIAN.finditer(text):      # "一万五" = 15000
        high, low = number(m.group(1)), number(m.group(2))
        if high is not None and low is not None:
            add(Value(m.start(), m.end(), "money", _int(high * 10000 + low * 1000), m.group(0)))
    for m in _QIAN_BAI.finditer(text):      # "一千二", "三千五" = 1200, 3500
        high, low = number(m.group(1)), number(m.group(2))
        if high is not None and low is not None:
            add(Value(m.start(), m.end(), "money", _int(high * 1000 + low * 100), m.group(0)))
    for m in _MONEY.finditer(text):
        amount = number(m.group(1))
        if amount is None:
            continue
        unit = m.group(2)
        amount *= 10000 if unit[0] in "万wW" else 1000 if unit[0] in "千kK" else 1
        add(Value(m.start(), m.end(), "money", _int(round(amount, 2)), m.group(0)))
    for m in _MONTHS.finditer(text):
        n = number(m.group(1))
        if n is not None and float(n).is_integer():
            add(Value(m.start(), m.end(), "months", int(n), m.group(0), approx=bool(m.group(2))))
    for m in _COUNT.finditer(text):
        n = number(m.group(1))
        if n is not None and float(n).is_integer():
            add(Value(m.start(), m.end(), "count", int(n), m.group(0)))
    found = [v for v in found if not (v.kind == "count" and v.value == 1 and _CLASS_OF.match(text[v.end:]))]
    found = [v for v in found if not (v.kind == "count" and text[max(0, v.start - 1):v.start] == "第")]  # "第二个": which one
    found = [v for v in found if not (v.kind == "date" and re.search(r"[内里]$", v.text))]   # "一年内": a period
    found = [v for v in found if not (v.kind == "count" and v.text.endswith("个")         # "做了两个专项能力培训"
                                      and _TRAININGS_AFTER.match(text[v.end:])
                                      and re.search(r"(?:做|办|开|搞|组织|举办|开展)了$", text[:v.start]))]
    for m in re.finditer(rules()["heads"]["markers"], text):      # "2.", "B：", "第二个": which item
        add(Value(m.start(), m.end(), "marker", 1, m.group(0)))
    names = rules()["heads"]["names"]
    for m in re.finditer(rf"(?:^|(?<=[，,。；;:：\s个位名]))(?:{names})(?:[、和跟与及]?(?:{names}))*", text):
        n = len(re.findall(names, m.group(0)))      # "小张、小刘中级工": two heads; "老王，高级技师": which one
        joined = re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1])
        add(Value(m.start(), m.end(), "count" if joined else "marker", n if joined else 1, m.group(0)))
    for m in re.finditer(r"有(个|位|名)(?=[\u4e00-\u9fff])", text):      # "有个学员…": one head
        add(Value(m.start(), m.end(), "count", 1, m.group(0)))
    for m in _BARE.finditer(text):
        add(Value(m.start(), m.end(), "number", int(m.group(1)), m.group(0)))
    found = [v for v in found if not (v.kind == "months" and (
        (_IDIOM_AFTER.match(text[v.end:]) and _ONE_MONTH.match(v.text))          # "一个月没断"
        or re.search(r"(?<!最)[这近前]$", text[max(0, v.start - 2):v.start])))]    # not "最近五个月"
    found = [v for v in found if not (v.kind == "months" and (      # "一年能报多少", "每个月最多补几个人":
        re.search(r"每$", text[max(0, v.start - 1):v.start])           # a rate's period, never months paid
        or (re.fullmatch(r"(?:一|1)(?:年|个月|月)", v.text) and _PER_PERIOD.match(text[v.end:]))
        or _PERIOD_OF_ACT.match(text[v.end:])))]
    for v in found:         # "这两年" is a period, not a count; "快两年", "两年多", "七八个月" are rough
        if v.kind in ("months", "money") and (_ROUGHLY.search(text[max(0, v.start - 2):v.start])
                                              or text[v.end:v.end + 1] == "多" or v.text.endswith("多")
                                              or _TWO_DIGITS.search(text[max(0, v.start - 1):v.start + 2])):
            v.approx = True
    ranges = [v for v in found if v.kind == "months" and _MONTH_RANGE.fullmatch(v.text)]
    if len(ranges) < len([v for v in found if v.kind == "months"]):
        found = [v for v in found if v not in ranges]           # the count said wins over the stretch
    for m in _YEAR_MONTH.finditer(text):    # "一个去年5月，一个去年11月": jionlp misses the first
        month = number(m.group(2))
        if month and 1 <= month <= 12:
            year = today.year - _YEARS_BACK[m.group(1)]
            add(Value(m.start(), m.end(), "date", (f"{year:04d}-{int(month):02d}", "month"), m.group(0)))
    for m in re.finditer(r"当月|同月|同一个月|同一月|那个月|那一个月", text):
        before = [v for v in found if v.kind == "date" and v.end <= m.start() and isinstance(v.value, tuple)
                  and len(v.value[0]) >= 7]
        if before:          # "去年7月入职…社保当月开始交的": the month just said
            add(Value(m.start(), m.end(), "date", (max(before, key=lambda v: v.end).value[0][:7], "month"), m.group(0)))
    for v in found:         # "-3个月": jionlp drops the sign; the schema should see it and say so
        if v.kind in ("months", "money", "count", "number") and v.start > 0 and text[v.start - 1] in "-负":
            v.start, v.value, v.text = v.start - 1, -v.value, text[v.start - 1:v.end]
    for v in found:         # jionlp may take in the separator before a value ("交着,十个月"): the
        edge = len(v.text) - len(v.text.lstrip(_EDGE))      # value belongs to the clause after it
        tail = len(v.text) - len(v.text.rstrip(_EDGE))
        if 0 < edge + tail < len(v.text):
            v.start, v.end, v.text = v.start + edge, v.end - tail, v.text[edge:len(v.text) - tail]
    return sorted(found, key=lambda v: v.start)
