"""Text → facts: what a message says about the facts of shared/FACTS.md.

Pure (no Rasa import): the chat actions and the hotline agent page both call
`extract_facts`. Numerals are normalised with cn2an; dates people write
("2025年5月", "25年4月1号", "去年10月", "今年三月", "上个月") and durations
("八个月", "一年半", "两年") are read by the small functions below; every value is then
checked with policy_kb.schema, so an impossible one ("2025年13月", "-3个月") is not
stored but returned as a problem whose Chinese message says what is accepted.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings

import cn2an

from policy_kb.kb import load
from policy_kb.paths import set_path
from policy_kb.schema import FactsError, validate
from policy_kb.terms import fact_values

from .textnorm import normalise

# -- words people use (dialogue vocabulary; policy values come from the KB) -------
YES = ("是的", "是", "对", "有", "嗯", "好", "没错", "确定", "属于", "在", "交了", "备案了", "已经")
NO = ("不是", "不对", "没有", "没", "否", "不在", "不属于", "无", "不", "未")
DONT_KNOW = ("不知道", "不清楚", "不确定", "不记得", "忘了", "说不准", "不晓得", "跳过", "不太清楚")

SUBJECT_WORDS = (   # checked in this order: the first hit wins
    ("studio", ("大师工作室", "工作室")),
    ("training_org", ("培训机构", "培训学校", "职业培训", "培训中心")),
    ("enterprise", ("企业", "公司", "单位", "HR", "hr", "人事", "厂里", "我们厂", "老板")),
    ("student", ("大学生", "在校生", "学生", "毕业生", "应届")),
    ("person", ("个人", "职工", "工人", "员工", "上班族", "打工", "我自己", "本人")),
)
SUBJECT_LABELS = {key: asker["label"] for key, asker in load().askers.items()}

EMPLOYER_WORDS = (("public_institution", ("事业单位",)), ("government", ("机关", "公务员")),
                  ("self", ("个体", "自己开", "自主创业", "创业")),
                  ("none", ("没工作", "没有工作", "失业", "待业", "暂无工作")),
                  ("enterprise", ("企业", "公司", "厂", "民企", "国企", "私企")))

HONOUR_ALIASES = {"技术能手": "全国技术能手", "世赛": "世界技能大赛获奖", "世界技能大赛": "世界技能大赛获奖",
                  "国赛": "全国技能大赛获奖", "全国技能大赛": "全国技能大赛获奖",
                  "省赛": "全省技能大赛获奖", "全省技能大赛": "全省技能大赛获奖",
                  "市赛": "全市技能大赛获奖", "全市技能大赛": "全市技能大赛获奖"}

CERT_WORDS = ("取证", "拿证", "证书", "评上", "考上", "考了", "考的", "评的", "拿到", "落款", "发证", "取得")
SS_WORDS = ("社保", "参保", "缴纳", "交了", "缴了", "交满")
BEFORE_WORDS = ("取证前", "拿证前", "之前", "以前", "考证前")

_DATE_FULL = re.compile(r"(?<!\d)(\d{4}|\d{2})[年./\-](\d{1,2})(?:[月./\-](\d{1,2})[日号]?|月)?")
_DATE_REL = re.compile(r"(今年|去年|前年|明年)(\d{1,2})月(?:(\d{1,2})[日号])?")
_DATE_LAST_MONTH = re.compile(r"上个?月|这个?月|本月")
_MONTHS = re.compile(r"(-?\d+(?:\.\d+)?)\s*(?:个)?(年半|年|个月|月)(?:(\d+)个?月)?")
_MONEY = re.compile(r"(-?\d+(?:\.\d+)?)(万|千)?元?")
_COUNT = re.compile(r"(\d+)\s*(?:人|个|名|位)")


def _to_arabic(text: str) -> str:
    """Chinese numerals → digits (cn2an); text it cannot read stays as it was."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return cn2an.transform(text, "cn2an")
        except Exception:  # cn2an raises on odd fragments; the raw text is still usable
            return text


# -- schema helpers ---------------------------------------------------------------
def _spec(path: str) -> dict | None:
    """The facts.yml entry of a path such as 'introduced[0].hired_date'."""
    if path in ("subject",):
        return None
    return load().fact_spec(re.sub(r"\[\d+\]", "[]", path))


def subject_root(path: str) -> str:
    head = re.split(r"[.\[]", path, 1)[0]
    return "person" if head in load().facts["person"] else "organisation"


def merge(facts: dict, update: dict) -> dict:
    """Deep-merge `update` into a copy of `facts`: later values replace (corrections)."""
    out = dict(facts)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list) and value and isinstance(value[0], dict):
            merged = list(out[key])
            for i, item in enumerate(value):
                if i < len(merged) and isinstance(merged[i], dict):
                    merged[i] = merge(merged[i], item)
                elif i < len(merged):
                    merged[i] = item
                else:
                    merged.append(item)
            out[key] = merged
        else:
            out[key] = value
    return out


# -- readers ----------------------------------------------------------------------
def _year(raw: str) -> int:
    year = int(raw)
    return 2000 + year if year < 100 else year


def read_dates(text: str, today: dt.date) -> list:
    """[(start, end, year, month, day|None)] in text order (digits already arabic)."""
    found = []
    for m in _DATE_FULL.finditer(text):
        if m.group(2) is None:
            continue
        if len(m.group(1)) == 2 and "年" not in m.group(0):
            continue            # "8.5" is not a date
        day = int(m.group(3)) if m.group(3) else None
        found.append((m.start(), m.end(), _year(m.group(1)), int(m.group(2)), day))
    offsets = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
    for m in _DATE_REL.finditer(text):
        day = int(m.group(3)) if m.group(3) else None
        found.append((m.start(), m.end(), today.year + offsets[m.group(1)], int(m.group(2)), day))
    for m in _DATE_LAST_MONTH.finditer(text):
        first = today.replace(day=1)
        if m.group(0).startswith("上"):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        found.append((m.start(), m.end(), first.year, first.month, None))
    return sorted(found)


def _date_value(year: int, month: int, day, kind: str) -> str:
    """An ISO string even when impossible ("2025-13-01"): the schema then names the problem."""
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{(day or 1):02d}"


def read_months(text: str) -> list:
    """Durations in months: "8个月" 8, "一年半" 18, "1年3个月" 15, "两年" 24 (digits arabic)."""
    out = []
    for m in _MONTHS.finditer(text):
        number = float(m.group(1))
        unit = m.group(2)
        if unit == "年半":
            months = number * 12 + 6
        elif unit == "年":
            if m.end() < len(text) and text[m.end()] in "前后底初中" and not m.group(3):
                continue        # "1年前"/"年底": a time, not a duration
            months = number * 12 + (int(m.group(3)) if m.group(3) else 0)
        else:
            if not re.search(r"个月|月$", m.group(0)) or "个" not in m.group(0):
                # "5月" is a month of the year, not a duration
                continue
            months = number
        out.append((m.start(), m.end(), int(months) if float(months).is_integer() else months))
    return out


def _yes_no(text: str):
    if any(w in text for w in DONT_KNOW):
        return None
    for word in NO:
        if text.startswith(word) or text == word or f"，{word}" in text:
            return False
    if any(text.startswith(w) for w in YES):
        return True
    if re.search(r"不是|没有|不在|没在|未", text):
        return False
    return None


def is_dont_know(text: str) -> bool:
    return any(w in normalise(text) for w in DONT_KNOW)


ORG_MARKERS = ("我们", "HR", "hr", "人事", "老板", "贵")


def detect_subject(text: str) -> str | None:
    """Who is asking. A worker naming their employer ("我是企业职工") is a person; an
    organisation speaks as "我们"/HR."""
    text = normalise(text)
    for key, label in SUBJECT_LABELS.items():
        if text == label:
            return key
    words = dict(SUBJECT_WORDS)
    if not any(m in text for m in ORG_MARKERS) and any(w in text for w in words["person"]):
        if not any(w in text for w in words["studio"] + words["training_org"]):
            return "person"
    for key, ws in SUBJECT_WORDS:
        if any(w in text for w in ws):
            return key
    return None


def _longest_terms(text: str, terms: dict) -> list:
    """Non-overlapping longest matches of `terms` (surface → value): [(start, end, value)]."""
    hits = []
    for surface in sorted(terms, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in hits):
                hits.append((m.start(), m.end(), terms[surface]))
    return sorted(hits)


def _level_terms() -> dict:
    return {lvl: lvl for lvl in load().levels}


def _choice_for(spec: dict, text: str):
    """The enum value a reply names, by value or by Chinese label."""
    values = spec.get("values")
    if values == "levels":
        table = _level_terms()
    elif isinstance(values, dict):
        table = {**{v: k for k, v in values.items()}, **{k: k for k in values}}
    else:
        table = {v: v for v in values}
    hits = _longest_terms(text, table)
    return hits[-1][2] if hits else None


# -- the entry point -------------------------------------------------------------
def extract_facts(text: str, today: dt.date | None = None, expected_fact: str | None = None,
                  subject: str | None = None):
    """Facts stated in `text` → (partial facts in the contract's shape, problems).

    expected_fact: the fact path just asked (e.g. 'ss_months_after_cert',
    'introduced[0].level'); a bare answer ("8个月", "是", "技师") fills it.
    subject: 'person'/'student' or an organisation subject; decides where a level or a
    yes/no without context goes. Problems: [{"fact", "message"}] in Chinese.
    """
    today = today or dt.date.today()
    plain = normalise(text)
    digits = _to_arabic(plain)
    found: dict = {}          # fact path → value
    yes_no = None             # a bare yes/no to the bool question just asked
    spec = _spec(expected_fact) if expected_fact else None
    typ = spec["type"] if spec else None
    org = subject in ("enterprise", "training_org", "studio", "organisation")

    # Titles and honours first: "金牌技师" must not be read as the level 技师.
    taken = []
    if not org:
        gold = _longest_terms(plain, {v: v for v in fact_values("gold_title") if v != "无"}
                              | {v.replace("钱塘", ""): v for v in fact_values("gold_title") if v != "无"})
        if gold:
            found["gold_title"] = gold[-1][2]
            taken += [(s, e) for s, e, _ in gold]
        honours = _longest_terms(plain, {v: v for v in fact_values("honours")} | HONOUR_ALIASES)
        if honours:
            found["honours"] = list(dict.fromkeys(v for _, _, v in honours))
            taken += [(s, e) for s, e, _ in honours]

    levels = [h for h in _longest_terms(plain, _level_terms())
              if all(h[1] <= s or h[0] >= e for s, e in taken)]
    if levels:
        value = levels[-1][2]          # "不对，是技师": the last one said counts
        if typ == "enum" and spec.get("values") == "levels":
            found[expected_fact] = value
        elif not org:
            key = "subsidised_level" if re.search(r"领过|享受过|拿过.{0,6}补", plain) else "new_level"
            found[key] = value

    dates = read_dates(digits, today)
    date_facts = [p for p in ("cert_date", "ss_start_month")]
    # A date said with its own cue ("…开始交社保", "…取得证书") goes where the cue says,
    # whatever was asked; a bare date answers the question.
    start_cue = any(w in digits for w in ("开始交", "开始缴", "参保", "首次"))
    cert_cue = any(w in digits for w in CERT_WORDS) and not start_cue
    cued_elsewhere = not org and ((start_cue and expected_fact != "ss_start_month")
                                  or (cert_cue and expected_fact != "cert_date"))
    if dates and typ in ("date", "month") and not cued_elsewhere:
        y, mo, d = dates[-1][2:]
        found[expected_fact] = _date_value(y, mo, d, typ)
    elif dates and not org:
        for start, end, y, mo, d in dates:
            around = digits[max(0, start - 8):end + 8]
            if any(w in around for w in ("开始交", "开始缴", "参保", "首次")):
                found["ss_start_month"] = _date_value(y, mo, d, "month")
            elif any(w in around for w in CERT_WORDS) or len(dates) == 1 and "cert_date" in date_facts:
                found["cert_date"] = _date_value(y, mo, d, "date")

    months = read_months(digits)
    if months and typ == "int" and expected_fact and not expected_fact.endswith(("award", "received_this_year")):
        found[expected_fact] = months[-1][2]
    elif months and org and expected_fact and expected_fact.endswith("ss_months_in_qiantang"):
        found[expected_fact] = months[-1][2]
    elif months and not org:
        for start, end, value in months:
            around = digits[max(0, start - 10):end + 4]
            if any(w in around for w in SS_WORDS) or not dates:
                key = "ss_months_before_cert" if any(w in around for w in BEFORE_WORDS) else "ss_months_after_cert"
                found[key] = value
    elif typ == "int":
        bare = re.fullmatch(r"(?:交了|缴了|大概|约)?(-?\d+)(?:个)?", digits.rstrip("。.!！"))
        if bare:
            found[expected_fact] = int(bare.group(1))

    if typ == "int" and expected_fact and expected_fact.endswith(("award", "received_this_year")):
        money = _MONEY.search(digits)
        if money:
            value = float(money.group(1)) * {"万": 10000, "千": 1000, None: 1}[money.group(2)]
            found[expected_fact] = int(value)
    elif not org and re.search(r"奖金|奖励|奖了|发了", plain):
        money = re.search(r"(\d+(?:\.\d+)?)(万|千)?元", digits) or re.search(r"(\d+(?:\.\d+)?)(万|千)", digits)
        if money:
            found["superior_award"] = int(float(money.group(1)) * {"万": 10000, "千": 1000, None: 1}[money.group(2)])

    if typ == "counts":
        counts = {}
        for lvl_hit in _longest_terms(digits, _level_terms()):
            m = re.match(r"\D{0,3}?(\d+)", digits[lvl_hit[1]:])
            if m:
                counts[lvl_hit[2]] = int(m.group(1))
        if counts:
            found[expected_fact] = counts
        elif _yes_no(plain) is False or re.fullmatch(r"0|没有|都没有|无", digits):
            found[expected_fact] = {}

    # Choices and yes/no answers to the question just asked.
    if typ == "enum" and expected_fact not in found:
        value = _choice_for(spec, plain)
        if value is None and expected_fact == "employer":
            value = next((k for k, ws in EMPLOYER_WORDS if any(w in plain for w in ws)), None)
        if value is None and expected_fact.endswith("kind"):
            value = {"enterprise": "enterprise", "training_org": "training_org"}.get(detect_subject(plain))
            if "个体" in plain:
                value = "individual_business"
        if value is not None:
            found[expected_fact] = value
        elif expected_fact == "gold_title" and _yes_no(plain) is False:
            found["gold_title"] = "无"
    elif typ == "enum_list" and expected_fact not in found:
        if _yes_no(plain) is False or plain in ("无", "没有", "都没有"):
            found[expected_fact] = []
    elif typ == "bool" and expected_fact not in found:
        yes_no = _yes_no(plain)          # applied last: see below

    # Facts people volunteer without being asked.
    if not org:
        if re.search(r"在钱塘.{0,6}(上班|工作|就业|创业|交社保|缴社保)|钱塘.{0,4}公司", plain) and "works_in_qiantang" not in found:
            found["works_in_qiantang"] = not re.search(r"不在钱塘|没在钱塘", plain)
        if "employer" not in found and expected_fact != "employer":
            hit = next((k for k, ws in EMPLOYER_WORDS if any(w in plain for w in ws)), None)
            if hit in ("public_institution", "government", "enterprise") and re.search(r"在.{0,8}(上班|工作)|单位是|是.{0,4}(企业|公司)", plain):
                found["employer"] = hit
        if "在编" in plain and "on_public_establishment" not in found:
            found["on_public_establishment"] = not re.search(r"不在编|没.{0,2}编", plain)
        if "全日制" in plain or "在校" in plain:
            found.setdefault("full_time_student_in_qiantang", not re.search(r"不是全日制|非全日制", plain))
        if "紧缺" in plain and "cert_in_shortage_catalogue" not in found:
            found["cert_in_shortage_catalogue"] = not re.search(r"不.{0,3}紧缺|不在.{0,6}目录", plain)
    else:
        if re.search(r"(在|是)钱塘.{0,6}(注册|的企业|的公司|的单位|的机构)|钱塘区内|区内(企业|公司|机构)", plain):
            found.setdefault("in_qiantang", not re.search(r"不在钱塘|不是钱塘", plain))
        hits = _longest_terms(plain, {v: v for v in fact_values("studio.assessment")})
        if hits and subject == "studio":
            found.setdefault("studio.assessment", hits[-1][2])

    facts, problems = _checked(found)
    # "交了900个月" reads as a yes ("交了"), but a message whose value is refused answers nothing else.
    if yes_no is not None and not problems:
        facts = merge(facts, _checked({expected_fact: yes_no})[0])
    return facts, problems


def _checked(found: dict):
    """Split found values into valid partial facts and problems (schema wording)."""
    facts, problems = {}, []
    for path, value in found.items():
        root = subject_root(path)
        candidate = {}
        set_path(candidate, path, value)
        try:
            validate({root: _padded(candidate, path)})
        except FactsError as exc:
            spec = _spec(path) or {}
            problems.append({"fact": path, "label": spec.get("label", path),
                             "message": _problem_text(spec, exc)})
            continue
        facts = merge(facts, {root: candidate})
    return facts, problems


def _padded(candidate: dict, path: str) -> dict:
    """Lists whose earlier heads are placeholders validate fine: {} is a head with nothing known."""
    return candidate


def _problem_text(spec: dict, exc: FactsError) -> str:
    label = spec.get("label", exc.key)
    if spec.get("type") in ("date", "month"):
        example = "2025年5月10日" if spec["type"] == "date" else "2025年9月"
        return f"“{label}”好像不是真实的日期（{exc.problem}）。请按年月日告诉我，如 {example}。"
    if spec.get("type") == "int":
        return f"“{label}”的数字不对（{exc.problem}）。可接受：{exc.accepted}。"
    return f"“{label}”{exc.problem}。可接受：{exc.accepted}。"
