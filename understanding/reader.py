"""From clauses, qualifiers and values to facts: which fact each value belongs to.

Each fact rule (facts.yml `say:`) has cue groups; a value of the rule's kind in a clause
where the cues occur goes to that rule (the most specific wins: `prefer`). A value with no
cue answers the pending question when it is of the right kind, else goes to the kind's
default rule. Bool facts are their cue's polarity; a cue in a negation scope gives false,
in an uncertainty scope "unknown". Organisation lists are built head by head: a level (or a
trainee group) with its count opens a head; the clause's other values fill it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from policy_kb.kb import load as load_kb
from policy_kb.paths import get_path

from .context import whole
from .lexicon import FactRule, fact_rules
from .lexicon import rules as word_rules
from .speakers import _SINGULAR_I, ORG_SUBJECTS, about_relation

LISTS = ("organisation.introduced", "organisation.school_cooperation.graduates",
         "organisation.training.trainees", "organisation.cultivated")
SECTIONS = {"organisation.training": ("training_org", "studio"), "organisation.studio": ("studio",)}
_ALL_HEADS = re.compile(r"都|均|全部|全是|他们|她们|这些人|两人|俩|各|每个|每位|每人")
# "引进了2个高级工，其中1个是钱塘户籍": the clause is about part of the heads just counted.
# "其中1个技师是…", "中级里有5个是电工": part of the heads said (of the level named, when several)
_SUBSET = re.compile(r"^(?:但|但是|不过|可是|只是)?(?:其中|这里面|里面|当中|([\u4e00-\u9fff]{1,4}?)(?:里面|里头|里|当中|中间|(?<=人|员|些|批|述)中))有?"
                     r"([0-9一二两三四五六七八九十]+)(?:个|名|位|人)([\u4e00-\u9fff]{0,4})")
# "引进了四个技师，有一个是钱塘户口": a part said with 有 (not of a training body's trainees, where
# "学员25个，有20个拿了证" is how many passed)
_HAS_PART = re.compile(r"^()有([0-9一二两三四五六七八九十]+)(?:个|名|位)人?([\u4e00-\u9fff]{0,4})")
# "一个焊接的8个人拿了证": one class and its headcount, not one head of the group before
_CLASS_OF = re.compile(r"^一(?:个|期)[^，,]{1,8}的\s*[0-9一二两三四五六七八九十]+\s*(?:个人|名|位|人)")
_BOUND_AFTER = re.compile(r"^(?:[0-9]{1,2}[日号])?(?:以后|之后|后)(?!来)")
# "焊接的(二产)6个人", "直播电商的4个人": a class named by its trade, then its headcount
_CLASS_COUNT = re.compile(r"^[^，,。0-9一二两三四五六七八九十]{1,10}的\s*(?:\([^)]*\))?\s*[0-9一二两三四五六七八九十]+\s*(?:个人|名|位|人)$")
# "五个[毕业一年的全日制]大学生": what stands between a count and its noun (ends in 的 and a
# few characters), with no other count, clause break or verb of the clause
_MODIFIERS = r"[^，,。0-9个名位人在拿考了]{1,10}的[^，,。的0-9个名位人在拿考了]{0,4}"
# "引进了三个技师 两个是钱塘户籍 一个不是": a bare count opening a clause that says something
# of them is part of the group just counted
# "其中1个是钱塘户口，其余都不是": every head but the part just said
_THE_REST = re.compile(r"^(?:剩下|其余|其他|别的)的?")
_BARE_SUBSET = re.compile(r"^([0-9一二两三四五六七八九十]+)(?:个|名|位)人?(?=不清楚|不知道|不确定|是|不是|有|没有|没|在|不在|已经|还|也|来|去|进|留|到|入职|离职|走|交|缴"
                          r"|原来|原先|原本|本来|之前|以前|现在|目前|都|均|今年|去年|前年|上个?月|(?:19|20)?[0-9]{2}年|[0-9一二三四五六七八九十]{1,2}月)")
# "1个钱塘户口 3个外地户口", "2个区外来的": a bare count and a field's own word (no verb)
_BARE_COUNT = re.compile(r"^([0-9一二两三四五六七八九十]+)(?:个|名|位)人?")
# "另外2个去了别的单位", "剩下3个是外地户口": the rest of the group, counted
_REST_COUNT = re.compile(r"^(?:另外|另|还有|剩下的?|其余的?|其他的?)(?=[0-9一二两三四五六七八九十]+(?:个|名|位))")


def _bare_part(text: str, fields: bool = True):
    """A bare count opening a clause that says something of part of the group counted before.
    fields: also a count and a field's word with no verb ("1个钱塘户口"); not among a training
    body's trainees, where "学员里有5个是…大学生，3个毕业三年了" counts another class."""
    rest = _REST_COUNT.match(text)
    if rest:
        text = text[rest.end():]
    m = _BARE_SUBSET.match(text)
    if m is None and fields:
        m = _BARE_COUNT.match(text)
        if m is not None and not _field_word(text[m.end():]):
            m = None
    return m


@functools.lru_cache(maxsize=1)
def _field_words():
    """The words that say a yes/no field, either way ("钱塘户口", "外地户口", "免费")."""
    words = set(_bool_cue_words())
    words |= {w for r in fact_rules() if r.type == "bool" for alternative in r.against for g in alternative
              for w in g if len(w) > 1}
    return _compiled(tuple(sorted(words, key=len, reverse=True)))[0]


def _field_word(rest: str) -> bool:
    """Does a yes/no field's word (its cue or its `against`) start within the first three characters?"""
    return any(_field_words().match(rest, i) for i in range(min(3, len(rest))))
# a head named by its level alone ("高级技师是钱塘户籍 首席不是")
_LEVEL_NAMES = r"(?:初级工|中级工|高级工|高级技师|特级技师|首席技师|技师|首席|特级)"
# a level and its count, either way round ("高级工6个", "6个高级工"): a class of heads opened
_COUNTED_LEVEL = re.compile(_LEVEL_NAMES + r"\s*[0-9一二两三四五六七八九十]+(?:个|名|位)|[0-9一二两三四五六七八九十]+(?:个|名|位)\s*" + _LEVEL_NAMES)
# "一个不是", "技师那个不是", "首席不是", "另一个也是": a head named and a bare yes or no whose predicate is
# the previous clause's ("两个是钱塘户籍 一个不是"); not a bare "是的" with no head named
_ELLIPSIS = re.compile(r"^(?:另外|另|还有|剩下的?|其余的?|其他的?)?(?:[0-9一二两三四五六七八九十]+(?:个|名|位)人?"
                       r"|(?:剩下|其余|其他|别的)的?人?"
                       r"|[\u4e00-\u9fff]{1,5}?(?:那个|那位|那名|的那个|的那位)|" + _LEVEL_NAMES + r")呢?(?P<same>也|都)?(?:就|却|倒|则)?"
                       r"(?P<word>不清楚|不知道|不确定|不详|待定|说不准|不是|没有|没|不在|不|是|有|在)[的了啊呢吧]*$")
_PARALLEL = re.compile(r"^(?:其中|另外|还有|有(?=[0-9一二两三四五六七八九十]))?(?:[0-9一二两三四五六七八九十]+(?:个|名|位)人?|[\u4e00-\u9fff]{1,5}?(?:那个|那位|那名)"
                       r"|" + _LEVEL_NAMES + r"(?=是|不是|也|都|在|不在|有|没有))")
# "五个是去年毕业的全日制大学生", "学员里有5个是…": a class listed by its count, beside others
_LISTED = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}(?:里|中)有?)?[0-9一二两三四五六七八九十]+(?:个|名|位)人?是")
_GRADUATED_AFTER = re.compile(r"(?:份)?(?:的时候)?(?:才|就|刚)?毕业")      # "2021年毕业的", "去年6月份毕业"
_ANOTHER = re.compile(r"^(?:另外|另|还有)[一1](?:个|名|位)")      # of heads told one at a time
# "一个是…", "现在一个还在…；另一个…": one of the group just counted (after a time word too)
_ONE_OF = re.compile(r"^(?:现在|目前|如今|今年|去年)?(?:另外|还有|另)?[一1](?:个|名|位|(?<=另[一1])人)(?!月|年|天)(?:人)?(?:是|在|于|呢)?")
_YES = re.compile(r"^(?:早就|早已|已经|早)?(?:是的?|对的?|对|有的?|嗯+|恩|没错|确定|属于|在的?|是滴|yes|ok|好的?|备案了|备了|备过|备过了|备好了|报备了|登记了|认定了|交了|有过|拿过|领过|是啊|对啊|有啊|当然|肯定)[啊呀的了呢吧哦嘛,.!。！]*$", re.I)
_NO = re.compile(r"^(?:以前|之前|此前|原来|过去|一直|还|都|也|从来){0,2}(?:没有?(?!问题)[\u4e00-\u9fff]{1,2}(?<![有了的过])|没评过|没评上|没有评过|没申请过|没领|没拿|不是的?|没有的?|没|否|不在|不属于|无|不|没呢|还没|还没有|不对|no|都没有|都不是|也没有|没有过|没拿过|没领过|木有|没得)(?:这个|这项)?(?:补助|补贴|钱)?过?[啊呀的了呢吧哦嘛,.!。！]*$", re.I)
_ONLY_DOUBT = re.compile(r"^(?:他|她|我|对方)?(?:自己)?(?:也|都)?(?:说不准|不太确定|不确定|记不清了?|记不太清|拿不准|不太清楚|好像是|好像|可能是|应该是吧)[了的啊吧呢]*$")
_ASKS = re.compile(r"(?:吗|么|嘛)[?？!！。.]*$|是不是|是否"       # "…就行还是要杭州市区的": one or the other, asked
                   r"|(?:就行|就可以|也行|都行)还是|还是(?:要|得|需要|必须)")
_YES_START = re.compile(r"^(?:是的|对的|没错|是啊|对啊|有的|嗯嗯|是滴|对)(?![不没])")
_DONT_KNOW = re.compile(r"不知道|不清楚|不确定|不记得|记不得|记不清|忘了|说不准|不晓得|搞不清|拿不准|不太清楚"
                        r"|^(?:这个|那个|我|这)*(?:还|也|都)?没(?:有)?(?:查|看|问|注意|留意)过?(?:[这那]个)?$|不了解")    # "没查过": not known


@dataclass
class Span:
    start: int
    end: int
    text: str
    fact: str              # fact path ('person.cert_date', 'organisation.introduced[1].level')
    value: object
    polarity: str = "pos"  # pos | neg | unknown


@dataclass
class Found:
    values: dict = field(default_factory=dict)     # path → value (dates at their precision)
    unknown: list = field(default_factory=list)
    spans: list = field(default_factory=list)
    denied: dict = field(default_factory=dict)     # enum path → the values denied so far
    asked: list = field(default_factory=list)       # [(path, value, span)] named in a question about a programme

    def put(self, path, value, span=None):
        self.values[path] = value
        if path in self.unknown:
            self.unknown.remove(path)
        if span:
            self.spans.append(span)

    def dont_know(self, path, span=None):
        if path not in self.values and path not in self.unknown:
            self.unknown.append(path)
        if span:
            self.spans.append(span)


@functools.lru_cache(maxsize=1)
def _rules_by_root() -> dict:
    out: dict = {"person": [], "organisation": []}
    for rule in fact_rules():
        out[rule.root].append(rule)
    return out


def _find_all(text: str, words) -> list:
    """Leftmost-longest occurrences of `words` in text: [(start, end, word)]. A word written
    "~pattern" (facts.yml) is a regular expression ("省里的烹饪技能大赛"); its hits give that key."""
    if not words:
        return []
    pattern, keys = _compiled(tuple(sorted(words, key=len, reverse=True)))
    return [(m.start(), m.end(), keys[m.lastindex - 1] if m.lastindex else m.group(0)) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=512)
def _compiled(words: tuple):
    keys = [w for w in words if w.startswith("~")]
    plain = [re.escape(w) for w in words if not w.startswith("~")]
    alternatives = [f"({w[1:]})" for w in keys] + plain       # patterns first, each its own group
    return re.compile("|".join(alternatives)), keys


def cue_hits(rule: FactRule, clause) -> list | None:
    """Positions (absolute) of the rule's cue words when every group occurs (in the rule's
    cue, or in one of its `also` ways of saying it), else None."""
    if not rule.cues:
        return []
    hits = _groups_hit(rule.cues, clause)
    for cues, unless in rule.also:
        if hits is not None:
            break
        if not any(w in clause.text for w in unless):
            hits = _groups_hit(cues, clause)
    return hits


def _groups_hit(groups, clause):
    hits = []
    for group in groups:
        found = _find_all(clause.text, group)
        if not found:
            return None
        hits += [(clause.start + s, clause.start + e) for s, e, _ in found]
    return hits


def _polarity(clause, positions) -> str:
    quals = [clause.qualifier(s, e) for s, e in positions]
    negs = [(ts, te) for ts, te, cat in clause.triggers if cat == "negated"]
    if negs and all(any(s <= ts and te <= e for s, e in positions) for ts, te in negs):
        quals = [None if q == "negated" else q for q in quals]  # "毕业不满一年的应届生": the 不 is the cue's own
    quals += ["negated" for s, e in positions           # "还没领": a cue word that carries its negation
              if re.match(r"[没未]|还没|也没|都没|也都没", clause.text[s - clause.start:e - clause.start]) and e - s > 1
              and not _pseudo(clause.text[s - clause.start:e - clause.start])]       # (not "没换过")
    last = max(e for s, e in positions) if positions else 0
    for ts, te, cat in clause.triggers:
        if any(s < te and ts < e for s, e in positions):
            continue            # the trigger is part of the cue word ("不在钱塘" as an against word)
        gap = clause.text[last - clause.start:ts - clause.start] if ts >= last else None
        rest = clause.text[ts - clause.start + 1:]        # "没在编": the 在编 after 没
        if gap is not None and len(gap) <= 2 and re.fullmatch(r"[都也还并就已]*", gap) \
                and not _other_cue(rest):       # "上班没在编": 没 belongs to 在编
            quals.append("uncertain" if cat == "uncertain" else "negated")
    if "uncertain" in quals:
        return "unknown"
    return "neg" if "negated" in quals else "pos"


def _pseudo(word: str) -> bool:
    from .lexicon import context_triggers
    return any(word.startswith(p) for p in context_triggers()["pseudo"] if p[0] in "没未")


@functools.lru_cache(maxsize=1)
def _bool_cue_words() -> tuple:
    from .lexicon import word_classes
    place = set(word_classes()["place"])
    words = {w for r in fact_rules() if r.type == "bool" for g in r.cues + [g for cues, _ in r.also for g in cues]
             for w in g if len(w) > 1 and not any(p in w for p in place)}   # "户口都不在钱塘": 钱塘 is no fact
    return tuple(sorted(words, key=len, reverse=True))


def _other_cue(rest: str) -> bool:
    """Does another yes/no fact's cue word start within the first three characters?"""
    pattern = _compiled(_bool_cue_words())[0]
    return any(pattern.match(rest, i) for i in range(min(3, len(rest))))


def _section_allowed(rule: FactRule, subject: str | None, text: str, pending: str | None,
                     known: dict | None = None) -> bool:
    if known and any(rule.path.startswith(name + "[") and get_path(known, name.split(".", 1)[1])
                     for name in LISTS):
        return True         # heads given earlier: "高级工那个交了14个月" is about them
    for prefix, owner in SECTIONS.items():
        if rule.path.startswith(prefix + "."):
            return subject in owner or bool(pending and pending.startswith(prefix))
    if rule.path.startswith(("organisation.cultivated", "organisation.introduced")):
        return subject == "enterprise" or bool(pending and pending.startswith(rule.path.split("[")[0]))
    if rule.path.startswith("organisation.self_evaluation"):
        return _has_any(text, word_rules()["classes"]["self_eval"]) or bool(re.search(r"评价|自评|自己评", text)) or bool(
            subject == "enterprise" and re.search(r"发证|发了证|[0-9一二两三四五六七八九十百千]+本", text)) or bool(
            # a firm that issues certificates ("中级工80本")
            pending and pending.startswith("organisation.self_evaluation")) or bool(
            known and known.get("self_evaluation"))         # the counts said after "我们是认定企业"
    if rule.path.startswith("organisation.school_cooperation"):
        if subject != "enterprise" and not (pending and pending.startswith("organisation.school_cooperation")):
            return False
        if known and known.get("school_cooperation"):
            return True         # the class was named before: "毕业了5个学生…"
        return bool(re.search(r"校企|合作办班|合作班|订单班|冠名班|联合培养|合作培养|毕业生|学校合作|办班|定向培养|合作院校|合作学校|合作的学校|合作的是|技工学校|技校|定向班|这个班|班里|班上|学生", text)) or bool(
            pending and pending.startswith("organisation.school_cooperation"))
    return True


def _levels_in(text: str, start: int, taken: list) -> list:
    """Level mentions [(abs start, abs end, value)], outside words already taken (金牌技师)."""
    table = _level_table()
    out = []
    for s, e, w in _find_all(text, table):
        if text[e:e + 2] in _SCHOOL_AFTER or text[max(0, s - 2):s] == "金牌":
            continue            # "杭州技师学院": a school's name, "金牌技师": a title, not a level
        s, e = start + s, start + e
        if all(e <= ts or s >= te for ts, te in taken):
            out.append((s, e, table[w]))
    return out


def levels_said(text: str) -> set:
    """The levels a text names (the longest word wins: "高级技师" is not also "技师")."""
    return {level for _, _, level in _levels_in(text, 0, [])}


_SCHOOL_AFTER = ("学院", "学校", "大学")
_WHAT_IS = re.compile(r"(?:是啥|是什么|啥意思|什么意思|指什么|指的是什么|怎么算|怎么查|在哪查)[?？吗呀啊呢]*$"
                      r"|(?:找哪|哪个部门|什么部门|去哪|在哪里|在哪儿|哪里|怎么|如何|咋|多久|多长时间|几天|几个月)[^，,。是]{0,6}[?？]$")
# ("备案要找哪个部门办？", "备案怎么弄？": how to do it, not that it was done)


@functools.lru_cache(maxsize=1)
def _level_table() -> dict:
    from .lexicon import level_aliases
    table = {lvl: lvl for lvl in load_kb().levels}
    table["专项能力"] = "专项能力"
    table.update(level_aliases())
    return table


_KIND_READS = {"date": ("date", "month"), "months": ("months",), "money": ("money",),
               "count": (), "number": ()}


def _accepts(rule: FactRule, kind: str) -> bool:
    return rule.reads in _KIND_READS.get(kind, ())


def _distance(hits, start, end) -> int:
    return min((max(s - end, start - e, 0) for s, e in hits), default=999)


def _pick(rules, clause, start, end, kind_ok):
    """The rule a value at [start, end) belongs to by its cues: nearest cue, then `prefer`."""
    best = None
    for rule in rules:
        if not kind_ok(rule) or not rule.cues:
            continue
        hits = cue_hits(rule, clause)
        if hits is None:
            continue
        score = (_distance(hits, start, end), -rule.prefer)
        if best is None or score < best[0]:
            best = (score, rule)
    return best[1] if best else None


def _pending_rule(pending: str | None, rules):
    if not pending:
        return None
    generic = re.sub(r"\[\d+\]", "[]", pending)
    return next((r for r in rules if r.path == generic), None)


def _value_for(rule: FactRule, v):
    """A Value as the rule's fact value: dates at their precision, numbers as int."""
    if v.kind == "date":
        iso, precision = v.value
        return iso[:7] if rule.reads == "month" and precision == "day" else iso
    if v.kind in ("number",) and rule.reads == "money":
        return v.value
    return v.value


_ASK_OPENING = re.compile(r"^(?:我|我们)?(?:想|就想)?(?:问问|问一下|问下|请问|咨询一下|咨询下)")
_CORRECTION = re.compile(r"^(?:哦|噢|啊|额|呃|不好意思|抱歉)?(?:我)?(?:刚才|刚刚|前面|之前)?(?:(?:后来|后面|然后|接着)?(?:又|就)?(?:改口|改了口|改称|更正|纠正)(?:了|成)?(?:说|为|成)?|不对|说错了|打错了|写错了|搞错了|弄错了|看错了|记错了|听错了|不是不是|更正|纠正一下|哦不|应该是|其实是|实际上是|实际是|准确地?说是)")


def read(text: str, clauses: list, values: list, subject: str | None, pending: str | None,
         known: dict | None = None, today=None, about: tuple = ()) -> Found:
    """known: the facts the conversation already has (a certificate said three turns ago);
    about: the fact sections the conversation is about ("organisation.school_cooperation" once
    the firm asked for 校企合作: "开班前备过案" is that class's)."""
    root = "organisation" if subject in ORG_SUBJECTS else "person"
    clauses = [c for c in clauses if not _other_persons(c, text, root)]
    if pending and not pending.startswith(root + "."):
        pending = None
    rules = [r for r in _rules_by_root()[root] if (any(r.path.startswith(a + ".") for a in about)
                                                   or _section_allowed(r, subject, text, pending, (known or {}).get(root)))
             and _needs_met(r, text, pending, (known or {}).get(root))]
    scalars = [r for r in rules if r.head is None and r.type not in ("list", "object")
               and (not r.voice or (pending and r.path == re.sub(r"\[\d+\]", "[]", pending)))]
    found = Found()
    values = _application_day(text, values, found, today)
    whole_rules = [r for r in scalars if r.scope == "message"]
    scalars = [r for r in scalars if r.scope != "message"]
    taken: list = []
    heads = _Heads(root, rules, subject, pending, (known or {}).get(root), today)
    pend_rule = _pending_rule(pending, rules)
    last_rule: dict = {}            # kind of value → the rule it last went to (for corrections)
    state = {"answered": False}
    for rule in whole_rules:            # cues may sit in different clauses ("在钱塘读书，全日制")
        own = next((c for c in clauses if cue_hits(rule, c) or (rule.against and _against_hits(rule, c))), None)
        _yes_no_facts(own or whole(text), text, [rule], found, pend_rule, state)

    prev_clause = None
    still_now = root == "person" and bool(re.search(word_rules()["still_now"], text))
    continuous: set = set()     # months facts said with 连续 (a total said beside them yields)
    said_in: dict = {}          # fact path → the clause that said it
    lead_rules = [r for r in scalars if r.days_at_least is not None]
    own = bool(re.search(r"我(?!们)|本人|俺", text))
    for index, clause in enumerate(clauses):
        clause.own = own
        if prev_clause is not None and _ONLY_DOUBT.match(clause.text):
            for path, where in list(said_in.items()):
                if where is prev_clause and path in found.values and "[" not in path:
                    del found.values[path]
                    found.dont_know(path)
        before = dict(found.values)
        live = [r for r in scalars if not (r.now and clause.past and not still_now)
                and not (r.unless and _has_any(clause.text, r.unless)) and not _only_moved_from(r, clause)]
        correction = bool(_CORRECTION.match(clause.text)) or bool(
            prev_clause is not None and _CORRECTION.match(prev_clause.text)
            and len(_CORRECTION.sub("", prev_clause.text)) <= 1)
        before_clause, prev_clause = prev_clause, clause
        cvals = [v for v in values if clause.start <= v.start < clause.end]
        cvals += _date_referred(clause, before_clause, values, live)
        clause.values = cvals
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        clause.next_values = [] if following is None or any(cue_hits(r, following) for r in lead_rules) else \
            [v for v in values if following.start <= v.start < following.end]
        _enum_words(clause, text, live, found, taken, pend_rule, correction)
        _yes_no_facts(clause, text, live, found, pend_rule, state)
        levels = [lv for lv in _levels_in(clause.text, clause.start, taken)
                  if not _TO_COME.search(text[max(clause.start, lv[0] - 8):lv[0]])    # "准备考高级工": not got yet
                  and not _TO_COME_AFTER.match(text[lv[1]:clause.end])       # "高级技师还在考"
                  and not (_BARE_VERB.search(text[max(clause.start, lv[0] - 4):lv[0]])
                           and _ASKS_IF.match(text[lv[1]:clause.end]))]     # "我考技师能不能有补助": if I did
        asked = [lv for lv in levels if _question_about(clause, lv[0], lv[1])]
        levels = [lv for lv in levels if lv not in asked]
        if root == "person":
            found.asked += [(None, lv, Span(s, e, text[s:e], None, lv)) for s, e, lv in asked]
        if root == "person" and not levels and found.asked and _confirms(clause, text, taken):
            _asked_is_own(found, live)
        consumed = set()
        if root == "organisation":
            consumed = heads.clause(clause, text, levels, cvals, found, taken, correction)
        else:
            _person_levels(clause, text, live, levels, found, pend_rule, last_rule, correction)
        for rule in live:              # "没有上级奖金" → 0; "奖金还没发" → not known yet
            if rule.reads == "money" and rule.none is not None and not any(v.kind == "money" for v in cvals):
                hits = cue_hits(rule, clause)
                zero = bool(hits) and bool(_NOT_A_CENT.search(clause.text))    # "今年一分还没拿到": none so far
                if hits and _polarity(clause, hits) == "neg" and _not_yet(clause) and not zero \
                        and not rule.path.endswith("received_this_year"):      # (what came so far: none)
                    found.dont_know(rule.path)
                elif hits and (zero or _polarity(clause, hits) == "neg" and _absence(clause)):
                    found.put(rule.path, rule.none, Span(hits[0][0], hits[0][1], text[hits[0][0]:hits[0][1]],
                                                         rule.path, rule.none, "neg"))
        for v in cvals:
            if id(v) in consumed or v.kind not in ("date", "months", "money", "number"):
                continue
            if v.kind == "money" and _PROPOSED.search(text[max(clause.start, v.start - 8):v.start]):
                continue            # "还能再拿两万四不": an amount the question puts up, not one received
            if v.kind == "months" and re.search(r"(?:上班|工作|干了|做了|待了|在职)了?$", text[max(0, v.start - 3):v.start]):
                continue            # "在钱塘上班三年了": how long in the job, not the insurance
            if v.kind == "months" and re.search(word_rules()["months_gap"], text[max(0, v.start - 5):v.start]):
                continue            # "中间断过两个月": a gap, not the months paid
            if v.kind == "months" and re.search(r"(?:差|少|缺)[^，,。]{0,6}?(?:满|到|够|凑够|凑满)$", text[max(0, v.start - 10):v.start]):
                continue            # "还差两个月满一年": the mark to reach, not the months paid
            rule = _rule_for_value(v, clause, live, pend_rule, last_rule, correction,
                                   allow_default=root == "person" and (levels or _bare(clause.text)),
                                   prev_clause=before_clause)
            if rule is None and v.kind in ("money", "number") and root == "person":
                _paid_level(v, clause, text, live, found)      # "去年领了三千": the level that pays 3000
            if rule is not None and v.approx and rule is not pend_rule:
                continue            # "社保交了快两年": not a count unless it answers the question
            if rule is None or (v.kind == "date" and v.value[1] == "year" and rule.reads == "month"):
                continue
            if v.kind == "months" and rule.path in continuous and _has_any(clause.text, word_rules()["months_total"]):
                continue            # "连续交了5个月，一共9个月": the total is not the continuous months
            q = clause.qualifier(v.start, v.end)
            value = _value_for(rule, v)
            previous = found.values.get(rule.path)
            if correction and getattr(v, "yearless", False) and isinstance(previous, str) and len(previous) >= 4:
                value = previous[:4] + value[4:]          # "去年七月…哦不对是八月": still last year
            if q == "uncertain":
                found.dont_know(rule.path, Span(v.start, v.end, v.text, rule.path, None, "unknown"))
            elif q != "negated":
                found.put(rule.path, value, Span(v.start, v.end, v.text, rule.path, value))
                last_rule[v.kind] = rule
                if v.kind in ("months", "money"):
                    last_rule["number"] = rule      # "…其实是8000": a bare number corrects the last count
                if v.kind == "months" and _has_any(clause.text, word_rules()["months_continuous"]):
                    continuous.add(rule.path)
                if rule is pend_rule:
                    state["answered"] = True

        _months_moved(clause, before_clause, said_in, found, live)
        if root == "person":
            _date_of_the_level_paid(before, found)
        for path, value in found.values.items():
            if before.get(path, object()) != value:
                said_in[path] = clause

    if root == "person":
        _since_cert_all_here(text, found)
        _workplace(clauses, text, found)
        _nothing_at_all(found, text)
        _at_cert_in_named_firm(clauses, text, found)
        _months_since_possible(found, today)
    _left_since(clauses, scalars, found, text)
    told_another = "[" in (pending or "") and any(
        h.get("level") or h.get("certificate") for h in heads.lists.get(re.sub(r"\[\d+\].*", "", pending), []))
    every = pending.split("[]", 1)[0] if pending is not None and "[]" in pending else None
    told_of_each = every is not None and _asked_of_every(heads, every, pending)
    if every is not None and not told_of_each:
        pending = pending.replace("[]", "[0]", 1)       # asked of every head: the first, then all (heads.align)
    if pend_rule is not None and pend_rule.path not in found.values and not state["answered"] and not told_another \
            and not told_of_each:
        # (not when a new head was told instead: "C：高级工，4月入职，原单位在绍兴" asked of B)
        _answer_pending(pend_rule, pending, clauses, text, found, rules)
        if every is not None:
            _answered_of_every(heads, every, pending, found)
    heads.finish(found)
    return found


def _asked_of_every(heads, every: str, pending: str) -> bool:
    """Asked of every head ("organisation.introduced[].still_in_qiantang"): what the message said
    with no head to say it of ("是的 还在 不过不是钱塘户籍") opens the one head; has a head the
    asked field now?"""
    if every in heads.lists and not heads.lists[every] and heads.orphans:
        heads.lists[every].append({**heads.orphans, "_at": 0, "_count": 1})
    return any(pending.rsplit(".", 1)[1] in h for h in heads.lists.get(every, []))


def _answered_of_every(heads, every: str, pending: str, found: Found) -> None:
    """A bare answer ("是的", "不清楚") asked of every head is each head's."""
    if heads.lists.get(every) and pending in found.values:
        value = found.values.pop(pending)
        for head in heads.lists[every]:
            head[pending.rsplit(".", 1)[1]] = value
    found.unknown[:] = [u.replace(every + "[0]", every + "[]") for u in found.unknown]


_SINCE_CERT = re.compile(r"(?:拿证|取证|拿到证|考出来|评上)(?:已经|到现在|至今)?有?([0-9一二两三四五六七八九十]+|半)(个多?月|年半?)了?"
                         r"|([0-9一二两三四五六七八九十]+|半)(个月|年半?)前(?:拿|取|考|评)")
_ALL_THAT_TIME = re.compile(r"这(?:期间|段时间|些日子|[0-9一二两三四五六七八九十半]+个?(?:月|年半?))(?:里|以来|内)?[^，,。]{0,4}?社保"
                            r"[^，,。]{0,3}?(?:都|一直|全)[^，,。]{0,2}?在(?:@place)")


def _since_cert_all_here(text: str, found: Found) -> None:
    """"三个月前拿的高级技师证，这三个月社保都在钱塘交的": the months since the certificate,
    all paid in 钱塘 (and the writer works there now)."""
    from .lexicon import word_classes
    from .values import number
    here = re.compile(_ALL_THAT_TIME.pattern.replace("@place", "|".join(map(re.escape, word_classes()["place"]))))
    since = _SINCE_CERT.search(text)
    if not since or not here.search(text[since.end():]) or "person.ss_months_after_cert" in found.values:
        return
    n, unit = (since.group(1), since.group(2)) if since.group(1) else (since.group(3), since.group(4))
    n = 0.5 if n == "半" else number(n)
    if n is None or "多" in unit:
        return
    months = int(n * 12 + (6 if unit.endswith("半") else 0)) if unit.startswith("年") else int(n)
    found.put("person.ss_months_after_cert", months, Span(since.start(), since.end(), since.group(0),
                                                          "person.ss_months_after_cert", months))
    if "person.works_in_qiantang" not in found.values:
        m = here.search(text, since.end())
        found.put("person.works_in_qiantang", True, Span(m.start(), m.end(), m.group(0), "person.works_in_qiantang", True))


def _application_day(text: str, values: list, found: Found, today=None) -> list:
    """"我打算12月10号去申报", "准备下个月申报": a day or month said of applying is the date the case is
    decided at (as_of, a month on its first day);
    the other values go on to be read."""
    applying = [v for v in values if v.kind == "date" and (v.value[1] == "day" or (
                    v.value[1] == "month" and today is not None and v.value[0][:7] >= today.isoformat()[:7]))
                and re.match(word_rules()["applying_after"], text[v.end:])]
    # ("准备下个月申报": that month; a month before this one is no plan, "4月份去申报" read as last April)
    if not applying:
        return values
    day = applying[-1]
    found.put("as_of", day.value[0], Span(day.start, day.end, day.text, "as_of", day.value[0]))
    return [v for v in values if v not in applying]


def _confirms(clause, text: str, taken: list) -> bool:
    """"他是前年评上的", "我今年4月拿的证": a certificate said with no value of its own, after a
    question that named one ("金牌工人津贴还能不能领 他是前年评上的")."""
    cert = word_rules()["classes"]["cert"] + ["得的", "获的", "得过"]     # ("我去年得的": an honour got)
    return bool(re.search(r"我|他|她|本人|来电人", clause.text) or (
        _CERT_TOLD.match(clause.text) and getattr(clause, "values", None))) and any(
        clause.qualifier(clause.start + s, clause.start + e) is None for s, e, _ in _find_all(clause.text, cert)) \
        and not _find_all(clause.text, _level_table()) and not any(
            clause.start <= s < clause.end for s, _ in taken)


# "问技师补贴 证是上上个月的": the certificate's date told bare, no question (the writer's)
_CERT_TOLD = re.compile(r"^(?:证|证书|证书落款|落款)(?:是|在|日期是)[^吗么呢?？]*$")


def _asked_is_own(found: Found, rules) -> None:
    """The values named in the question before are the writer's own."""
    level = next((r for r in rules if r.reads == "level" and r.default), None)
    for path, value, span in found.asked:
        path = path or (level.path if level is not None else None)
        if path and path not in found.values and path not in found.unknown:
            span.fact = path
            found.put(path, value, span)
    found.asked.clear()


_THEN = re.compile(r"那时候?|那个时候|那会儿?|那个月|同一个月|同月|同时")


def _date_referred(clause, prev, values, rules) -> list:
    """"七月份进的钱塘一家公司 社保也是那时候开始交的": 那时候 is the date of the clause before,
    for a fact this clause's cue names (a copy of that date at the word)."""
    m = _THEN.search(clause.text)
    if prev is None or not m or any(v.kind == "date" for v in values if clause.start <= v.start < clause.end):
        return []
    said = [v for v in values if prev.start <= v.start < prev.end and v.kind == "date"]
    if not said:
        return []
    at = clause.start + m.start()
    if _pick(rules, clause, at, at + len(m.group(0)), lambda r: _accepts(r, "date")) is None:
        return []
    return [replace(said[-1], start=at, end=at + len(m.group(0)), text=m.group(0))]


def _open_bracket(before: str) -> bool:
    """Is the text inside a bracket ("专项能力（免费，二产）": the class's own note)?"""
    return len(re.findall(r"[（(]", before)) > len(re.findall(r"[）)]", before))


def _other_persons(clause, text: str, root: str) -> bool:
    """Is the clause about another person's situation ("金牌技师是我师傅", "我老婆评上了…",
    a worker's "听说公司引进了几个技师")?"""
    r = word_rules()
    if re.search(r["other_person_clause"], clause.text):
        return True
    if root == "person" and re.search(r["firm_hires"], clause.text):
        return True
    rest = text[:clause.start] + text[clause.end:]      # "我室友…全日制的 她考了中级工": all of it is hers
    return bool(re.search(r["other_person_opening"], clause.text)) and not re.search(r["on_behalf"], text) \
        and bool(_SINGULAR_I.search(rest)) and about_relation(text) is None


@functools.lru_cache(maxsize=1)
def _workplace_pattern():
    from .lexicon import word_classes
    place = "|".join(sorted(map(re.escape, word_classes()["place"]), key=len, reverse=True))
    return re.compile(word_rules()["workplace"]["said"].replace("@place", place)), \
        re.compile(word_rules()["workplace"]["not_a_firm"])


def _workplace(clauses, text: str, found: Found) -> None:
    """"在钱塘一家酒店后厨做厨师", "在下沙一家宾馆做服务员", "在这家仓库干了十几个月": a place of
    work named by its classifier (一家/这家) is a firm, whatever its trade; in 钱塘 when a
    place word comes before it (not of a past clause, not denied)."""
    said, not_a_firm = _workplace_pattern()
    for c in clauses:
        m = None if c.past else said.search(c.text)
        if not m or not_a_firm.search(m.group("firm")) or any(s <= c.start + m.start("firm") < e for s, e in c.negated):
            continue
        span = Span(c.start + m.start("firm"), c.start + m.end("firm"), m.group("firm"), "person.employer", "enterprise")
        if "person.employer" not in found.values:
            found.put("person.employer", "enterprise", span)
        if m.group("place") and "person.works_in_qiantang" not in found.values:
            found.put("person.works_in_qiantang", True, replace(span, fact="person.works_in_qiantang", value=True))
        return


def _left_since(clauses, rules, found: Found, text: str) -> None:
    """"以前在事业单位有编制 去年辞职来钱塘一家民企了": a fact about now (`now`) that a past
    clause states, then a later clause says the writer left: false now."""
    left = word_rules()["left_since"]
    for index, clause in enumerate(clauses):
        if not clause.past or not any(_has_any(c.text, left) for c in clauses[index + 1:]):
            continue
        for rule in rules:
            if rule.type != "bool" or not rule.now or rule.path in found.values:
                continue
            reading = yes_no(rule, clause)
            if reading and reading[0] is True:
                s, e = reading[1]
                found.put(rule.path, False, Span(s, e, text[s:e], rule.path, False, "neg"))


def _months_moved(clause, prev, said_in, found: Found, rules) -> None:
    """"社保交了14个月，都是拿证以前交的": the clause after a months value says when it was paid."""
    if prev is None or any(v.kind == "months" for v in clause.values):
        return
    to = _months_when(clause.text, rules, only="before_cert")
    paths = word_rules()["months_when"]
    source = paths["after_cert"]
    if to is None or said_in.get(source) is not prev or _months_when(prev.text, rules) is not None:
        return
    found.values[to.path] = found.values.pop(source)
    for span in found.spans:
        if span.fact == source:
            span.fact = to.path


def _enum_field_said(rules, clause) -> bool:
    """A list head's enum field named ("学生毕业后去了别的公司": 毕业去向), level and group aside."""
    return any(r.type == "enum" and r.words and r.reads != "level" and not r.path.endswith("].group")
               and _find_all(clause.text, r.words) for r in rules)


def _has_any(text: str, words) -> bool:
    return any(re.search(w[1:], text) if w.startswith("~") else w in text for w in words)


def _needs_met(rule: FactRule, text: str, pending: str | None, known: dict | None) -> bool:
    """A rule's `needs` hold in the message, or in the check under way: in an eligibility
    check for this kind of asker ("社保交了900个月") the certificate is what it is about."""
    if pending and re.sub(r"\[\d+\]", "[]", pending) == rule.path:
        return True
    if not rule.needs or known is not None:
        return True
    plain = _without_titles(text)          # the 技师 in 金牌技师 is no certificate
    return all(any(w in plain for w in group) for group in rule.needs)


def _without_titles(text: str) -> str:
    for rule in _rules_by_root()["person"]:
        if rule.loose:
            for s, e, w in _find_all(text, rule.words):
                text = text[:s] + "□" * (e - s) + text[e:]
    return text


def _question_about(clause, s: int, e: int) -> bool:
    """"金牌工人津贴一个月多少": a value named in a question about its programme, by
    someone who says nothing about themselves."""
    after = clause.text[e - clause.start:e - clause.start + 4]
    before = clause.text[max(0, s - clause.start - 3):s - clause.start]
    if "问" in before and not re.search(r"问(?:下|一下)?我", before):
        return True             # "来电人问金牌工人津贴怎么发" (not "请问我是金牌工人")
    if _DIFFERENCE.search(clause.text) and not re.search(r"我|他|她|本人", clause.text):
        return True             # "金牌工人和金牌技师有啥区别": two values compared, neither said
    if _ASK_OPENING.match(clause.text) and not re.search(r"我(?!们)|他|她|本人", clause.text) \
            and not getattr(clause, "values", None):
        return True             # "想问问员工评上技师 公司能拿什么": no one's case, no count, no date
    if _HOW_RECKONED.search(clause.text) and not re.search(
            r"我|他|她|本人|来电人|员工|职工|学员|[0-9一二两三四五六七八九十]+(?:个|名|位|人)", clause.text):
        return True             # "紧缺工种那个提高20%怎么算": asks how the rule reckons, tells nothing
    if re.search(r"(?:能不能|可不可以|能否|可否|能|可以)(?:领|申请|申领|拿|享受)到?(?:这个|那个)?$",
                 clause.text[max(0, s - clause.start - 8):s - clause.start]):
        return True             # "还能不能领金牌工人津贴": asks about the programme
    if re.search(r"(?:拿了|拿过|评上|评了|获得|获评|考了|考的|是|拿的|评的|考出的|拿到的|评上的|考取的|取得的)$", before):
        return False            # "拿了全国技术能手能不能申请", "去年拿的技师证还能领吗": a fact, then a question
    if re.match(r"的?(?:补助|补贴|津贴|资助|奖励|补差|那档|这档)", clause.text[e - clause.start:]) \
            and _ASKS_ANY.search(clause.text) and not re.search(r"我|他|她|本人|来电人|员工|职工", clause.text):
        return True             # "技师补助是一次性的还是按月发的": the level names the programme asked about
    after = clause.text[e - clause.start:e - clause.start + 8]
    if not any(after.startswith(w) or w in after for w in rules_question_after()):
        return False
    return not re.search(r"我|他|她|本人|来电人|我们|员工|职工", clause.text)


# "准备考高级工", "打算明年评技师", "正在报考技师": a level to come, neither got nor paid
_TO_COME = re.compile(r"(?:(?:准备|打算|想|想要|要|正在|正准备|计划|报名|报了名|报了|马上|即将|明年|下半年|今年下半年)(?:去|要|再|来)?"
                      r"|(?:准备|打算|计划|安排)?(?:让|叫|派|送)[^，,。]{1,8}?(?:去|再)?)"
                      r"(?:考|评|报考|冲|参加|申报|考个|评个)(?:一个|个)?$")     # ("准备让几个老师傅去考技师")
_TO_COME_AFTER = re.compile(r"(?:证)?(?:还在|正在|在|还要|还得|准备|打算)(?:考|评|报考|申报|学)|(?:证)?还没(?:考出|考下|评上|考过|下来)")
_BARE_VERB = re.compile(r"(?<![已刚])(?:考|评|报考|去考|去评)(?:个|一个)?$")
_PROPOSED = re.compile(r"(?:还能|还可以|能不能|可不可以|能否|还有没有|能|可以)(?:再)?(?:拿|领|申请|补|给|发|有|报|拿到|领到)(?:到|满|够)?$")
_ASKS_IF = re.compile(r"[^，,。]{0,8}?(?:能不能|能否|可不可以|可以|有没有|多少|吗|么)")
# "一个高级技师", "两名技师、一个高级工": heads listed bare after the clause that said how they came
_BARE_LIST = re.compile(r"(?:[0-9一二两三四五六七八九十]+(?:个|名|位)(?:初级工|中级工|高级工|高级技师|特级技师|首席技师|技师)[、和及]?)+")
# "毕业不到两年的全日制大学生": a limit on a time, no denial of what follows it
_LIMIT_BEFORE = re.compile(r"(?:不到|不满|未满|不足|没到|没满)[0-9一二两三四五六七八九十半]+个?(?:年|月)半?的?[^，,。不没非]{0,6}$")
_ASKS_PROGRAMME = re.compile(r"[^，,。？?]{0,3}?(?:能不能|能否|可不可以|能|可以|还能|也能)(?:申请|申报|领|拿|享受|报)")
_IF = re.compile(r"如果|要是|假如|假设|万一|的话")
_NOT_A_CENT = re.compile(r"一分钱?(?:都|也|还)?(?:没|未)|分文(?:未|没|不)")
_ASKS_ANY = re.compile(r"还是|吗|么|呢|多少|几|哪|什么|啥|怎么|咋|如何|是否|是不是|能不能|有没有|可不可以")
_HOW_RECKONED = re.compile(r"(?:怎么算|怎么计算|如何计算|怎么核算|咋算|是多少|多少钱|怎么发|怎么给)[?？吗呢啊呀]*$")
_DIFFERENCE = re.compile(r"(?:和|跟|与|同)[^，,。]{1,10}?(?:有|的)?(?:啥|什么|哪些|哪)?(?:区别|不同|差别|差异|不一样)")


@functools.lru_cache(maxsize=1)
def rules_question_after() -> tuple:
    from .lexicon import rules
    return tuple(rules()["question_after"])


def _enum_words(clause, text, rules, found: Found, taken: list, pend_rule=None, correction=False) -> None:
    """Titles, honours, kinds…: value words, their negation, and 'none' for a negated cue."""
    for rule in rules:
        if rule.type not in ("enum", "enum_list") or rule.reads == "level" or not rule.words:
            continue
        hits = cue_hits(rule, clause)
        words = [(clause.start + s, clause.start + e, w) for s, e, w in _find_all(clause.text, rule.words)]
        words = [w for w in words if all(w[1] <= ts or w[0] >= te for ts, te in taken)]
        asked = [w for w in words if _question_about(clause, w[0], w[1])]
        found.asked += [(rule.path, rule.words[w] if rule.type == "enum" else [rule.words[w]],
                         Span(s, e, text[s:e], rule.path, rule.words[w])) for s, e, w in asked]
        words = [w for w in words if w not in asked]
        if not words and hits is None:
            continue
        if words and hits is None and rule.cues and not rule.loose and rule is not pend_rule \
                and not (correction and rule.path in found.values):
            continue
        pos, neg, unk = [], [], []
        for s, e, w in words:
            q = clause.qualifier(s, e) or ("uncertain" if _alternative(text, s, e, rule.words) else None)
            if q == "negated" and w.startswith(("没", "未", "尚未", "无")) and not re.search(r"不是|并非|不算", text[max(0, s - 3):s]):
                q = None            # "还没找到工作": the word carries its own denial (暂无工作)
            (unk if q == "uncertain" else neg if q == "negated" else pos).append((s, e, w))
            taken.append((s, e))
        if pos and rule.type == "enum" and rule.path in found.values and not correction \
                and _has_any(clause.text, word_rules()["earlier_occasion"]):
            continue                # "优秀 前年那次是良好": the earlier occasion's value
        if rule.type == "enum" and len({rule.words[w] for _, _, w in pos}) > 1:
            pos = pos[:1]           # "我自己开了个饭店": the first value said names it (饭店 is what is run)
        for s, e, w in pos:
            value = rule.words[w]
            if rule.type == "enum_list":
                current = found.values.get(rule.path) or []
                found.put(rule.path, current + [value] if value not in current else current,
                          Span(s, e, text[s:e], rule.path, value))
            else:
                found.put(rule.path, value, Span(s, e, text[s:e], rule.path, value))
        if unk and not pos:
            found.dont_know(rule.path, Span(unk[0][0], unk[0][1], text[unk[0][0]:unk[0][1]], rule.path, None, "unknown"))
        denied = found.denied.setdefault(rule.path, set())
        denied.update(rule.words[w] for _, _, w in neg)     # "金牌技师没评上过 金牌工人也没评过": each in turn
        if not pos and not unk and rule.none is not None and (neg or (hits and _polarity(clause, hits) == "neg")) \
                and _absence(clause) and (not neg or (rule.type == "enum"
                                                      and len(denied) >= len(set(rule.words.values())))):
            # "没有金牌称号", "没拿过什么奖" → none; "不是金牌技师" alone names no other title
            if rule.path not in found.values or found.values[rule.path] in ([], rule.none):
                s, e = (neg[0][:2] if neg else hits[0])
                found.put(rule.path, rule.none, Span(s, e, text[s:e], rule.path, rule.none, "neg"))
        elif not pos and hits and rule.loose and _polarity(clause, hits) == "unknown" and not words and not asked:
            found.dont_know(rule.path)


_OR = re.compile(r"(?:还是|或者|或是|或)$")


def _alternative(text: str, s: int, e: int, words) -> bool:
    """"中级工还是高级工", "优秀或者良好": one of two values, neither known."""
    m = re.match(r"还是|或者|或是|或", text[e:])
    if m and any(text.startswith(w, e + m.end()) for w in words):
        return True
    m = _OR.search(text[:s])
    return bool(m) and any(text[:m.start()].endswith(w) for w in words)


def _absence(clause) -> bool:
    """A negation that says something is absent (没/未/无), not that it is something else (不是)."""
    return any(re.match(r"[没未无]|从没|从未|从来|还没|尚未|也没|都没|也都没", clause.text[ts - clause.start:te - clause.start])
               for ts, te, cat in clause.triggers if cat == "negated")


def _not_yet(clause) -> bool:
    """"还没发/尚未到账": an amount still to come, so not known — not that there is none."""
    return any(re.match(r"还没|尚未|还未|暂未|暂时没", clause.text[ts - clause.start:te - clause.start])
               and re.search(r"[发到拨批下]", clause.text[te - clause.start:])
               for ts, te, cat in clause.triggers if cat == "negated")


def yes_no(rule: FactRule, clause):
    """A bool fact's reading in a clause: (value or None for "not known", span (start, end),
    polarity), or None when the clause does not speak of it. An `against` cue says false
    ("外地户口"), denied only when every word of it is ("不是外地户口"); a cue says true, false
    when denied; a question about it ("…是钱塘户口吗？") or a hedge says "not known"; a lead
    time answers a `days_at_least` fact ("提前了20天" → false)."""
    hits, value_if_pos = (_against_hits(rule, clause) if rule.against else None), False
    if not hits:
        hits, value_if_pos = cue_hits(rule, clause), True
    if not hits:
        return None
    s, e = min(hits)[0], max(hits)[1]
    told = getattr(clause, "own", False) and bool(_ASKS_PROGRAMME.match(clause.text[e - clause.start:])) \
        and not _IF.search(clause.text)     # "我…外地人，在钱塘上班能申请技师补助吗": the writer's own, then the question
    if _question_about(clause, s, e) and not told:
        return None
    if rule.days_at_least is not None and (_ASKS.search(clause.text) or re.search(r"多久|多长时间|几天", clause.text)):
        return None             # "备案要提前多久啊 30天吗": asks the lead time, tells none
    if rule.days_at_least is not None:
        lead = next((v for v in getattr(clause, "values", []) + getattr(clause, "next_values", [])
                     if v.kind == "days"), None)
        if lead is not None:
            return lead.value >= rule.days_at_least, (lead.start, lead.end), "pos"
    if _ASKS.search(clause.text) and not told:
        return None, (s, e), "unknown"
    if not value_if_pos:                # false, unless every word of the against cue is denied
        denied = all(_against_denied(clause, a, b) for a, b in hits)
        return denied, (s, e), "neg" if denied else "pos"
    polarity = _polarity(clause, hits)
    if polarity == "unknown" and told and all(ts >= e for ts, te, cat in clause.triggers if cat == "uncertain"):
        polarity = "neg" if clause.qualifier(s, e) == "negated" else "pos"     # (the 能不能 is the question's)
    if polarity == "unknown":
        return None, (s, e), "unknown"
    return polarity == "pos", (s, e), polarity


def _against_denied(clause, a: int, b: int) -> bool:
    """An against cue denied. One that holds its own negation ("没找到工作") is denied only by
    a trigger just before it ("不是没工作"), not by the 没 it is made of."""
    words = clause.text[a - clause.start:b - clause.start]
    if not re.search(r"[没不未无非]", words):
        return bool(clause.qualifier(a, b))
    return any(cat == "negated" and te <= a and a - te <= 2 for ts, te, cat in clause.triggers
               if not (ts < a < te))


def _yes_no_facts(clause, text, rules, found: Found, pend_rule, state) -> None:
    """Bool facts of the subject (not of list heads), read by yes_no()."""
    if _WHAT_IS.search(clause.text + text[clause.end:clause.end + 1]) or _echo(clause, text, longest=4):
        return                  # "紧缺工种目录是啥": asks what the fact means, states nothing; "备案？" echoes the question
    if re.match(word_rules()["looked_up"], clause.text):
        return                  # "我看了下那个紧缺目录 …": what was looked at; the answer comes after
    for rule in rules:
        if rule.type != "bool":
            continue
        reading = yes_no(rule, clause)
        if reading is None:
            continue
        value, (s, e), polarity = reading
        span = Span(s, e, text[s:e], rule.path, value, polarity)
        if value is None:
            found.dont_know(rule.path, span)
            continue
        found.put(rule.path, value, span)
        if rule is pend_rule:
            state["answered"] = True


def _person_levels(clause, text, rules, levels, found, pend_rule, last_rule, correction) -> None:
    """A person's new level or the level already paid (补差), and "没领过…" → 无."""
    level_rules = [r for r in rules if r.reads == "level"]
    earlier = word_rules()["earlier_level"]
    for s, e, lvl in levels:
        q = clause.qualifier(s, e) or ("uncertain" if _alternative(text, s, e, _level_table()) else None)
        if re.search(earlier["held_before"], text[max(0, s - 8):s]) or (
                re.search(earlier["plain_status"], text[max(0, s - 8):s])
                and not _has_any(clause.text + re.sub(r"[，,].*[没未不].*", "", text[clause.end:clause.end + 6]),
                                 word_rules()["classes"]["cert"])
                and not _cert_told_next(text, clause.end)):
            continue                # "我之前就是个中级工", "就是个普通技师": neither new nor paid
        rule = _pick(level_rules, clause, s, e, lambda r: True)
        if re.search(earlier["before"], text[clause.start:s]) and re.match(earlier["not_received_after"], text[e:]):
            paid = next((r for r in level_rules if r.path.endswith("subsidised_level")), None)
            if paid is not None and paid.none is not None and paid.path not in found.values:
                found.put(paid.path, paid.none, Span(s, e, text[s:e], paid.path, paid.none, "neg"))
            continue                # "之前技师的补贴没领过": nothing received, and no new level
        if re.search(earlier["before"], text[clause.start:s]) and re.match(earlier["received_after"], text[e:]):
            rule = next((r for r in level_rules if r.path.endswith("subsidised_level")), rule)
            # "之前高级技师领过五千": the level paid before, not the new one
        elif re.match(earlier["received_after"], text[e:]) and _another_title(text, clause, lvl):
            rule = next((r for r in level_rules if r.path.endswith("subsidised_level")), rule)
            # "他是去年评的金牌工人 另外他前年还拿了技师证领过3000": the level paid, beside the case told
        elif re.match(earlier["received_then"], text[e:]) and _higher_level_after(text, e, lvl):
            rule = next((r for r in level_rules if r.path.endswith("subsidised_level")), rule)
            # "前年考出技师去年领了三千 今年又考出了高级技师": paid for the first, the second is new
        elif text[e:e + 4].startswith(tuple(earlier["after"])):     # "评高级技师的时候…", "技师那档"
            received = [w for w in earlier["received"] if w in clause.text]
            if received and q != "negated" and not re.search(r"[没未不]去?(?:" + "|".join(received) + ")", clause.text):
                rule = next((r for r in level_rules if r.path.endswith("subsidised_level")), rule)
                # "不清楚以前有没有领过技师那档": uncertain → the 补差 level is unknown
            elif q or re.search(earlier["not_claimed"], clause.text):
                paid = next((r for r in level_rules if r.path.endswith("subsidised_level")), None)
                if paid is not None and paid.none is not None and q != "uncertain" and paid.path not in found.values:
                    found.put(paid.path, paid.none, Span(s, e, text[s:e], paid.path, paid.none, "neg"))
                continue            # "以前考技师的时候也没去申请": nothing received (无), no new level
            elif text[e:e + 4].startswith(tuple(earlier["time_after"])) and not correction \
                    and not re.search(earlier["got"], text[max(clause.start, s - 4):s]):
                continue            # "高级技师那年我在外地厂里": a time of the past, no new level
        if rule is None and correction and "level" in last_rule:
            rule = last_rule["level"]
        if rule is None and pend_rule is not None and pend_rule.reads == "level":
            rule = pend_rule
        if rule is None:
            rule = next((r for r in level_rules if r.default), None)
        if rule is None or lvl not in rule.words:
            continue
        if q == "uncertain":
            found.dont_know(rule.path, Span(s, e, text[s:e], rule.path, None, "unknown"))
        elif q != "negated":
            found.put(rule.path, lvl, Span(s, e, text[s:e], rule.path, lvl))
            last_rule["level"] = rule
    for rule in level_rules:
        hits = cue_hits(rule, clause) if rule.cues else None
        if hits and rule.none is not None and not levels and _polarity(clause, hits) == "neg":
            s, e = min(hits)[0], max(hits)[1]
            found.put(rule.path, rule.none, Span(s, e, text[s:e], rule.path, rule.none, "neg"))


def _another_title(text: str, clause, lvl: str) -> bool:
    """Does the message tell, outside this clause, another level or a gold title (the case asked
    about), so that a level said here with money received is only the level paid?"""
    rest = text[:clause.start] + "，" + text[clause.end:]
    return "金牌" in rest or any(other != lvl and other in rest for other in _level_table())


_AT_CERT_FIRM = re.compile(r"(?:取证|拿证|考证|评上|考上|拿到证)的?(?:时候?|那会儿?)(?:就|也|一直|都)?(?:是)?在([\u4e00-\u9fff]{2,6}?)(?:上班|工作|干)?了?$")


def _at_cert_in_named_firm(clauses, text: str, found: Found) -> None:
    """"我在钱塘的吉利汽车上班 … 取证时候就在吉利": at the certificate in the firm in 钱塘 that the
    message named as where the writer works now."""
    path = "person.qiantang_enterprise_employee_at_cert"
    if path in found.values or found.values.get("person.employer") != "enterprise" \
            or found.values.get("person.works_in_qiantang") is not True:
        return
    for clause in clauses:
        m = _AT_CERT_FIRM.search(clause.text)
        if m and not clause.negated and not clause.uncertain and re.search(
                "在[^，,。]*" + re.escape(m.group(1)) + "[^，,。]*(?:上班|工作|干活|打工)", text[:clause.start]):
            s, e = clause.start + m.start(1), clause.start + m.end(1)
            found.put(path, True, Span(s, e, text[s:e], path, True))
            return


_NONE = object()
# "…大学生 也有去年毕业的": more heads like the last ones, told by how they differ, no count yet
_ALSO_SOME = re.compile(r"^(?:也有|还有些|还有一些|另有一些|另外有些)(?![0-9一二两三四五六七八九十几])")


@dataclass
class _Uncounted:
    start: int
    value: int = 1     # a head opened by how it differs, its count said later ("各10个")


_EACH_COUNT = re.compile(r"^(?:分别|也)?各(?:有|是|招了|培训了)?[0-9一二两三四五六七八九十]+(?:个|名|位|人)人?$")


def _date_of_the_level_paid(before: dict, found: Found) -> None:
    """"他是去年评的金牌工人 另外他前年还拿了技师证领过3000", "今年1月考出了高级技师 前年拿的技师证领过
    3000": the date a clause says with the level paid (and no new level) is that level's, no
    certificate date of the case; the certificate date said before stays."""
    changed = [p for p in ("person.subsidised_level", "person.cert_date", "person.new_level")
               if before.get(p, _NONE) != found.values.get(p, _NONE)]
    if changed != ["person.subsidised_level", "person.cert_date"] or "person.subsidised_level" in before:
        return
    if "person.cert_date" in before:
        found.values["person.cert_date"] = before["person.cert_date"]
    else:
        del found.values["person.cert_date"]
    spans = [sp for sp in found.spans if sp.fact == "person.cert_date"]
    if spans:
        found.spans.remove(spans[-1])


def _months_since_possible(found: Found, today) -> None:
    """"社保交了三年了 我今年考的技师": more months than have passed since the certificate are
    not the months since it (a total said of the job), so they are not taken as such."""
    after, cert = found.values.get("person.ss_months_after_cert"), found.values.get("person.cert_date")
    if today is None or not isinstance(after, int) or not isinstance(cert, str) or not re.match(r"\d{4}", cert):
        return
    month = int(cert[5:7]) if len(cert) >= 7 else 1
    since = (today.year - int(cert[:4])) * 12 + today.month - month
    if after > since + 1:
        del found.values["person.ss_months_after_cert"]
        found.spans = [sp for sp in found.spans if sp.fact != "person.ss_months_after_cert"]


def _nothing_at_all(found: Found, text: str = "") -> None:
    """"我没评上金牌工人 也没拿过什么奖", "没有荣誉称号 也不是金牌技师": a title denied beside no
    honour at all says the writer has no gold title (无); so does a title denied by a writer who
    tells their own level ("金牌技师没评上 但是去年拿了高级技师") or calls it plain ("不是金牌技师 就一
    普通技师"): the whole of their case told. A title denied alone ("我没评上金牌技师，差一点")
    names none."""
    title = next((r for r in _rules_by_root()["person"] if r.path == "person.gold_title"), None)
    if title is None or title.path in found.values or title.path in found.unknown:
        return
    if found.denied.get(title.path) and (found.values.get("person.honours") == []
                                         or "person.new_level" in found.values or _PLAIN.search(text)):
        found.put(title.path, title.none)


_PLAIN = re.compile(r"普通的?(?:初级工|中级工|高级工|技师|高级技师|工人|员工|职工|技术工人)")


def _cert_told_next(text: str, at: int) -> bool:
    """"就是普通的技师，去年5月拿的证": the next clause tells that certificate (a date and a
    certificate word, not denied, no title): the plain level is the new one."""
    m = re.match(r"[，,。；;\s]*([^，,。；;\s]{2,12})", text[at:])
    if not m:
        return False
    nxt = m.group(1)
    return bool(_NEXT_CERT.search(nxt)) and not re.search(r"[没未不]|金牌|称号|奖|之前|以前", nxt)


_NEXT_CERT = re.compile(r"(?:[0-9一二三四五六七八九十]+月|年底?|上个?月|这个?月)[^，,。]{0,3}(?:拿|考|评|取|发)的证?|证是")


def _paid_level(v, clause, text: str, rules, found: Found) -> None:
    """"前年考出技师去年领了三千": an amount received that one level's subsidy pays (the table
    of the programme whose standard names the level already paid) is that level, paid."""
    rule = next((r for r in rules if r.reads == "level" and r.none is not None), None)
    if rule is None or rule.path in found.values or not rule.cues \
            or not _find_all(clause.text, rule.cues[0]) or clause.qualifier(v.start, v.end):
        return
    table = _paid_amounts(rule.path.rsplit(".", 1)[1])
    level = next((lvl for lvl, amount in table.items() if amount == v.value), None)
    if level is not None:
        found.put(rule.path, level, Span(v.start, v.end, v.text, rule.path, level))


@functools.lru_cache(maxsize=4)
def _paid_amounts(fact: str) -> dict:
    """level → amount, from the programme whose standard tops up from `fact` (programme 4)."""
    for prog in load_kb().programmes:
        standard = prog.get("standard") or {}
        if standard.get("already") == fact and isinstance(standard.get("table"), dict):
            return dict(standard["table"])
    return {}


def _higher_level_after(text: str, at: int, level: str) -> bool:
    """Is a higher level than `level` named after `at`?"""
    order = list(load_kb().levels)
    later = [lv for _, _, lv in _levels_in(text[at:], at, []) if lv in order]
    return level in order and any(order.index(lv) > order.index(level) for lv in later)


def _rule_for_value(v, clause, rules, pend_rule, last_rule, correction, allow_default, prev_clause=None):
    """By cue; else the fact a correction corrects; else the pending question; else the default."""
    if v.kind == "date" and re.match(word_rules()["date_of_another_event"], clause.text[v.end - clause.start:]):
        return None         # "今年刚入职", "去年6月毕业": the date of another event
    if v.kind == "number":
        if pend_rule is not None and pend_rule.reads in ("months", "money") and _bare(clause.text):
            return pend_rule
        return last_rule.get("number") if correction and _bare(clause.text[2:]) else None
    rule = _pick(rules, clause, v.start, v.end, lambda r, k=v.kind: _accepts(r, k))
    if rule is None and v.kind == "months" and len(clause.text) - len(v.text) <= 6:
        rule = _months_when(clause.text, rules)     # not "考证后过了一年半才来钱塘工作"
    if rule is None and (correction or v.kind in ("months", "money")):
        rule = last_rule.get(v.kind)        # "…交了9个月……我看了下app，是11个月"
    if rule is None and v.kind in ("months", "money") and prev_clause is not None \
            and _bare(re.sub(word_rules()["months_since"], "", clause.text)):
        rule = _pick(rules, prev_clause, prev_clause.end, prev_clause.end, lambda r, k=v.kind: _accepts(r, k))
        # "证后社保一直在钱塘交，已经12个月了", "今年拿过一次自主评价资助了 三万五": the cue was in the clause before
    if rule is None and pend_rule is not None and _accepts(pend_rule, v.kind):
        rule = pend_rule
    if rule is None and allow_default:
        rule = next((r for r in rules if r.default and _accepts(r, v.kind)), None)
    return rule


def _months_when(clause_text: str, rules, only=None):
    """The months fact named by a clause's word of time alone ("证后5个月"), before or after."""
    classes = word_rules()["classes"]
    for cls, path in word_rules()["months_when"].items():
        if (only is None or cls == only) and any(w in clause_text for w in classes[cls]):
            return next((r for r in rules if r.path == path), None)
    return None


def _bare(clause_text: str) -> bool:
    """A clause that is little more than a value ("8个月", "去年3月的", "交了12")."""
    return len(re.sub(r"[0-9零〇一二两三四五六七八九十百千万年月日号个份.的了啊呀吧大概约差不多交缴有是]", "", clause_text)) <= 1


def _against_hits(rule: FactRule, clause):
    """Positions of the first `against` way of saying "no" that the clause holds, else None."""
    moved = _moved_from(clause.text) if rule.now else None
    for alternative in rule.against:
        hits = _groups_hit(alternative, clause)
        if hits and moved and any(moved[0] <= s - clause.start < moved[1] for s, _ in hits):
            continue            # "从滨江一家公司跳槽到钱塘这家": where one came from, not where one is
        if hits:
            return hits
    return None


def _moved_from(text: str):
    """(start, end) of "从X…" in "从X…跳槽到钱塘…", "从下沙搬到萧山": where one moved from, else None."""
    m = re.search(r"从[^，,。；;]{1,14}?(?=(?:跳槽|调|换|转|跳|搬|迁)(?:过来|过去|走)?(?:到|去|往))", text)
    return m.span() if m else None


def _only_moved_from(rule: FactRule, clause) -> bool:
    """A fact about now whose place words all lie in where one moved from ("从下沙搬到萧山了")."""
    moved = _moved_from(clause.text) if rule.now else None
    if not moved:
        return False
    from .lexicon import word_classes
    place = set(word_classes()["place"])
    groups = [g for g in rule.cues if place <= set(g)]
    if not groups:
        return False
    hits = _find_all(clause.text, place)
    return bool(hits) and all(moved[0] <= s < moved[1] for s, _, _ in hits)


def _answer_pending(rule: FactRule, pending: str, clauses, text, found: Found, rules=()) -> None:
    """A bare answer to the question just asked: yes/no, none, "不知道"."""
    if not clauses or _WHAT_IS.search(text.rstrip()):
        return          # "备案一般要提前多久？": a question back, not an answer
    if _ASKS.search(text.rstrip()) and re.search(r"要|需要|得|必须|多久|多长|几天|多少天", text):
        return          # "备案要提前30天吗": asks what is required, answers nothing
    first = next((c for c in clauses if not _echo(c, text)), clauses[0])    # not "紧缺工种？" said back
    path = pending if "[" in pending else rule.path
    bare = first.text.strip()
    if len(clauses) > 1 and _CORRECTION.match(bare):
        return                  # "不对，说错了，是高级技师证": a correction of something else, not a "no"
    if _DONT_KNOW.search(bare) and len(clauses) == 1 or _only_doubt(clauses, text, rule, rules):
        found.dont_know(path, Span(first.start, first.end, bare, path, None, "unknown"))
        return
    if rule.type == "bool" and rule.cues and not _YES.match(bare) and not _NO.match(bare):
        asked_back = [c for c in clauses if _WHAT_IS.search(c.text)]
        if asked_back and any(_DONT_KNOW.search(c.text) for c in clauses if c not in asked_back):
            found.dont_know(path, Span(first.start, first.end, bare, path, None, "unknown"))
            return              # "紧缺工种目录是啥 不清楚我这个在不在里面"
        for clause in clauses:
            if any(r is not rule and r.cues and cue_hits(r, clause) and _says_value(r, clause) for r in rules) \
                    or clause in asked_back or _echo(clause, text) \
                    or re.match(word_rules()["looked_up"], clause.text):
                continue        # "不是钱塘户籍" speaks of 户籍, not of the question asked; "我看了下目录" of nothing
            hits = _find_all(clause.text, rule.cues[0])
            if hits:
                positions = [(clause.start + s, clause.start + e) for s, e, _ in hits]
                polarity = _polarity(clause, positions)
                if polarity != "unknown":
                    found.put(path, polarity == "pos", Span(positions[0][0], positions[0][1], text[positions[0][0]:positions[0][1]],
                                                            path, polarity == "pos", polarity))
                return
    if rule.type == "bool" and rule.days_at_least is not None:
        lead = next((v for c in clauses for v in getattr(c, "values", []) if v.kind == "days"), None)
        if lead is not None:
            found.put(path, lead.value >= rule.days_at_least, Span(lead.start, lead.end, lead.text, path,
                                                                  lead.value >= rule.days_at_least))
            return
    if rule.type == "bool" and _YES_START.match(bare) and not any(cat == "negated" for *_, cat in first.triggers):
        found.put(path, True, Span(first.start, first.end, bare, path, True))
        return
    if rule.type == "bool":
        if _YES.match(bare):
            found.put(path, True, Span(first.start, first.end, bare, path, True))
        elif _NO.match(bare):
            found.put(path, False, Span(first.start, first.end, bare, path, False, "neg"))
    elif rule.none is not None and (_NO.match(bare) or any(_NO.match(c.text.strip()) for c in clauses[1:])
                                    or (rule.reads == "money" and _NOT_A_CENT.search(bare))):   # "一分钱都没拿"
        # "没有", "第一次申请 以前没拿过": a clause that is a bare no
        found.put(path, rule.none, Span(first.start, first.end, bare, path, rule.none, "neg"))
    elif rule.reads == "money" and _NO.match(bare):
        found.put(path, 0, Span(first.start, first.end, bare, path, 0, "neg"))


def _echo(clause, text: str, longest: int = 6) -> bool:
    """"紧缺目录？": the question's words said back, asking; no answer."""
    return len(clause.text) <= longest and text[clause.end:clause.end + 1] in ("?", "？")


def _only_doubt(clauses, text: str, rule: FactRule, rules) -> bool:
    """"紧缺目录？这个我不清楚 没查过": doubt, said back and filler, and nothing of another fact."""
    doubts = [c for c in clauses if _DONT_KNOW.search(c.text)]
    return bool(doubts) and all(
        (c in doubts or _echo(c, text) or len(c.text) <= 2)
        and not any(r is not rule and r.cues and cue_hits(r, c) for r in rules) for c in clauses)


def _says_value(rule: FactRule, clause) -> bool:
    """Does the clause say a value of `rule`? An enum's cue alone ("在" of 工作单位) says none:
    "还在钱塘" answers "是否在钱塘工作" though 在 also cues the employer."""
    if rule.type not in ("enum", "enum_list") or not rule.words:
        return True
    return bool(_find_all(clause.text, rule.words))


_HEAD_DATES = ("cert_date", "hired_date")


class _Heads:
    """Organisation lists built head by head, and the scalar facts of organisations' counts."""

    LIST_OF_SUBJECT = {"training_org": "organisation.training.trainees"}

    def __init__(self, root, rules, subject, pending, known=None, today=None):
        self.root = root
        self.today = today
        self.rules = rules
        self.subject = subject
        self.pending = pending
        self.lists = {name: [] for name in LISTS}       # list path → [head]
        self.current = None
        self.last_group: list = []
        self.run: list = []         # heads opened one a clause in a row (a list of classes)
        self.gap = False
        if pending:
            generic = re.sub(r"\[\d+\]", "", pending)
            self.current = next((name for name in LISTS if generic.startswith(name)), None)
        self.guessed = self.current is not None     # the list is the question's, not the words'
        if self.current is None:
            self.current = self.LIST_OF_SUBJECT.get(subject)
        if self.current is None and known:      # "高级工那个交了14个月": the one list given so far
            given = [name for name in LISTS if get_path(known, name.split(".", 1)[1])]
            self.current = given[0] if len(given) == 1 else None
        # Asked "有没有新培育的…？", levels of heads already given in another list are about them
        # ("技师社保交了20个月 高级工18个月" after the hires were listed).
        self.known_levels = {} if not (pending and "[" not in pending and known) else {
            name: {h.get("level") or h.get("certificate") for h in get_path(known, name.split(".", 1)[1]) or []
                   if isinstance(h, dict)} for name in LISTS if name != pending}
        self.list_rules = {r.path: r for r in rules if r.path in LISTS}
        self.correction = False
        self.correction_said = False    # some clause of the message corrects ("不对 是前年5月引进的")
        self.orphans: dict = {}     # fields said before any head ("这期是电工，属于紧缺工种，…")
        self.shared: dict = {}      # fields said before a group's first head ("今年新培育了A 1名 B 1名")
        self.shared_bools: dict = {}    # yes/no fields said before them: only for a bare list that follows
        self.everyone: dict = {}    # list → fields said of every head ("学员都是灵活就业人员")
        self.field_rules = {name: [r for r in rules if r.head == name] for name in LISTS}
        self.known_heads = {n for n in LISTS if known and get_path(known, n.split(".", 1)[1])}
        self.known = known
        self.self_evaluating = bool(known and isinstance(known.get("self_evaluation"), dict)
                                    and not any(get_path(known, n.split(".", 1)[1]) for n in LISTS))
        self.certs_rule = next((r for r in rules if r.path == "organisation.self_evaluation.certs"), None)
        self.said_bools: dict = {}      # bool field → value, said by the clause before (for an ellipsis)
        self.parallel = False           # the clause before opened on a part of the heads ("两个是…")

    def _which_list(self, clause):
        """The list whose own words the clause holds (introduced, graduates, trainees, cultivated)."""
        found = []
        for name in LISTS:
            rule = self.list_rules.get(name)
            hits = cue_hits(rule, clause) if rule is not None else None
            if hits:
                found.append((min(s for s, _ in hits), name, hits))
        if not found:
            return None, None
        at, name, hits = found[0]
        if name == "organisation.introduced" and len(found) > 1 and found[1][0] < at:
            _, name, hits = found[1]        # "毕业生6人入职合作企业": graduates, not hires
        return name, hits

    def _list_by_fields(self, text):
        """"两个技师都是外地户口": heads told by a field only one list has (户口: the hires)."""
        if self.subject != "enterprise":
            return None
        clause = whole(text)
        lists = {n for n in ("organisation.introduced", "organisation.cultivated") if n in self.lists
                 and any(r.cues and not r.default and cue_hits(r, clause) for r in self.field_rules[n])}
        return lists.pop() if len(lists) == 1 else None

    def clause(self, clause, text, levels, cvals, found: Found, taken, correction=False) -> set:
        """Read one clause into heads; returns the ids of the values it used."""
        self._text = text
        consumed: set = set()
        self.correction = correction
        self.correction_said = self.correction_said or correction
        self._clause(clause, text, levels, cvals, found, consumed)
        return consumed

    def _known_levels_of(self, name) -> set:
        """The levels of the heads of list `name` given in earlier messages."""
        have = get_path(self.known or {}, name.split(".", 1)[1]) or []
        return {h.get("level") or h.get("certificate") for h in have if isinstance(h, dict)}

    def _move_guessed(self, name) -> None:
        """Asked of one list, "有个高级工 去年从萧山过来的": heads the question's list took, with
        nothing said of them yet but their level, go to the list the next clause names."""
        if name == self.current or name not in self.lists or self.current not in self.lists:
            return
        moved = [h for h in self.last_group if h.get("_guessed") and h in self.lists[self.current]
                 and all(k.startswith("_") or k in ("level", "certificate") for k in h)]
        for head in moved:
            self.lists[self.current].remove(head)
            self.lists[name].append(head)
            del head["_guessed"]
        if moved:
            self.current = name

    def _split_subset(self, clause, heads, new) -> None:
        """"其中1个是钱塘户籍" after "2个高级工": one head of 1 splits off and takes the clause;
        "两个技师，一个是1月来的，一个是3月来的": each "一个" clause takes the next one."""
        m = _SUBSET.match(clause.text) or (None if self.current.endswith("trainees") else _HAS_PART.match(clause.text))
        one = _ONE_OF.match(clause.text) or _bare_part(clause.text, not self.current.endswith("trainees"))
        if new or not (m or one) or _CLASS_OF.match(clause.text):
            return
        from .values import number
        group = self.last_group[0] if len(self.last_group) == 1 else self._named_level(m, self.last_group)
        if group is None:
            return
        if _REST_COUNT.match(clause.text) and group.get("_part_of") is None:
            return          # "还有5个毕业三年了": more heads, unless a part was said before ("其中10个… 另外2个…")
        if one and not m and group.get("_part_of") is None and "_span" in group \
                and _LISTED.match(self._text[group["_span"][0]:group["_span"][1]]):
            n = int(number(one.group(1)) or 0) if one.groups() else 1
            model = {k: v for k, v in group.items() if not k.startswith("_")}
            head = {**model, "_at": clause.start, "_count": n or 1, "_span": (clause.start, clause.end),
                    "_copied": tuple(k for k in model if k in ("level", "certificate"))}   # (its own may follow)
            heads.insert(heads.index(group) + 1, head)      # "五个是去年毕业的… 两个是2022年毕业的": a
            self.last_group = [head]                        # class beside it, not a part of it
            return
        if one and group.get("_part_of") is not None:     # the second "一个…": the rest of the group
            group = group["_part_of"]
        if group not in heads:
            return
        n = int(number(m.group(2)) or 0) if m else int(number(one.group(1)) or 0) if one.groups() else 1
        if one and not m and (n > group["_count"] or group.get("_counted_bare")) and group.get("_part_of") is None \
                and not _REST_COUNT.match(clause.text) and not _ONE_OF.match(clause.text) and not _ALL_HEADS.search(clause.text):
            # "3个去了别的企业，5个来了我们这": more than the group holds, or beside a count that was
            # itself said with what those did ("6个留在我们厂，4个去了萧山"): a class beside it
            head = {k: v for k, v in group.items() if k in ("level", "certificate", "group")}
            head.update({"_at": clause.start, "_count": n, "_span": (clause.start, clause.end), "_counted_bare": True})
            heads.insert(heads.index(group) + 1, head)
            self.last_group = [head]
            return
        if 0 < n < group["_count"]:
            part = {**group, "_count": n, "_at": clause.start, "_part_of": group}
            group["_count"] -= n
            heads.insert(heads.index(group), part)      # said first, listed first
            self.last_group = [part]
        elif one and n == group["_count"] and self.last_group[0] is not group:
            self.last_group = [group]                   # the last of them

    @staticmethod
    def _named_level(m, group: list):
        """The one head of several whose level the part names ("其中1个技师", "中级里有5个")."""
        if m is None:
            return None
        table = _level_table()
        said = [lv for _, lv in sorted(((len(w), lv) for words in (m.group(1) or "", m.group(3))
                                        for w, lv in table.items() if w and w in words), reverse=True)]
        heads = [h for h in group if said and (h.get("level") or h.get("certificate")) == said[0]]
        return heads[0] if len(heads) == 1 else None

    def _clause(self, clause, text, levels, cvals, found: Found, used_counts: set) -> None:
        before_bools, self.said_bools = self.said_bools, {}
        parallel, self.parallel = self.parallel, bool(_PARALLEL.match(clause.text))
        name, hits = self._which_list(clause)
        if hits and not levels:
            self._move_guessed(name)
        self.guessed = self.guessed and not hits
        if name == "organisation.introduced" and self.current == "organisation.school_cooperation.graduates" \
                and self.pending and self.pending.startswith(self.current) \
                and all(clause.text[s - clause.start:e - clause.start] in word_rules()["heads"]["weak_hire"]
                        for s, e in hits):
            name, hits = self.current, None
        certs_cue = self.certs_rule is not None and cue_hits(self.certs_rule, clause)
        if certs_cue and name == "organisation.cultivated" and _has_any(clause.text, word_rules()["classes"]["self_eval"]):
            name, hits = None, None     # "自己给员工评了一批中级工": the firm's own evaluation, not cultivated
        if certs_cue and not name:
            self.current = "organisation.self_evaluation.certs"
        certs = self.certs_rule is not None and (
            certs_cue or (self.pending or "").endswith("self_evaluation.certs")
            or (self.current == "organisation.self_evaluation.certs")
            or (self.self_evaluating and not name and self.current is None))    # "初级工150人，中级工90人"
        if certs and levels and any(v.kind in ("count", "number") for v in cvals):
            self.current = "organisation.self_evaluation.certs"
            self._certs(clause, text, levels, cvals, found, used_counts)
            return
        if name and name != self.current and self.current in LISTS and self.lists[self.current] and not levels \
                and (_ONE_OF.match(clause.text) or _bare_part(clause.text)):
            name, hits = self.current, None     # "培养了3个高级工 …一个是后来调过来的": one of them, no hire
        if name == "organisation.cultivated" and self.current in LISTS[1:3] and \
                not any(w in clause.text for w in word_rules()["heads"]["cultivated_own"]):
            name, hits = self.current, None     # "通过这个班拿证的": the class's graduates, not the firm's own
        if name:
            if name != self.current:
                self.shared, self.orphans, self.shared_bools = {}, {}, {}
            self.current = name
            if hits and _polarity(clause, hits) == "neg" and _absence(clause) and not self.lists[name] \
                    and not re.search(r"补助|补贴|资助|省级|市级|省市|区级|工作室|称号|金牌|奖|一分|钱|[0-9]万|元", clause.text) \
                    and not [lv for lv in levels if clause.qualifier(lv[0], lv[1]) != "negated"]:
                found.put(name, [], Span(hits[0][0], hits[0][1], text[hits[0][0]:hits[0][1]], name, [], "neg"))
                return          # (not once heads are listed: "户籍还没迁过来" denies a field of them)
        if not name and levels and self.known_levels and not any(v.kind == "count" for v in cvals):
            said = {lvl for _, _, lvl in levels}
            other = [n for n, known in self.known_levels.items() if said <= known]
            if len(other) == 1:
                self.current = other[0]
        elif not name and not levels and self.known_levels and self.pending in self.field_rules and not any(
                r.cues and cue_hits(r, clause) for r in self.field_rules[self.pending]):
            other = [n for n in self.known_levels if any(r.cues and cue_hits(r, clause) for r in self.field_rules[n])]
            if len(other) == 1:         # "三个人都还在我们公司": a field only the hires have
                self.current = other[0]
        if self.current is None and levels:       # "另外还有一个特级技师，前年从宁波过来的"
            self.current = self._which_list(whole(text))[0] or self._list_by_fields(text) or (
                "organisation.cultivated" if self.subject == "enterprise" and "organisation.cultivated" in self.lists
                and _has_any(text, word_rules()["classes"]["cert"])
                and re.search(r"员工|职工|工人|师傅|同事|他|她", text) else None)   # "员工的高级技师证书落款是…"
        name = self.current
        if name is None or name not in self.lists:
            return
        heads = self.lists[name]
        new = []
        group_rule = next((r for r in self.field_rules[name] if r.path.endswith("].group")), None)
        ellipsis = _ELLIPSIS.match(clause.text)
        openers = [(s, e, lvl, "level") for s, e, lvl in levels if clause.qualifier(s, e) != "negated"
                   or (ellipsis and (re.match(r"的?那[个位名]", text[e:]) or s == clause.start))]
        # ("技师那个不是", "首席不是": the head named)
        level_key = "certificate" if name.endswith("trainees") else "level"
        if not any(v.kind == "count" for v in cvals):       # "做专项能力培训的": what the body does
            trade = word_rules()["heads"]
            for o in [o for o in openers if o[3] == "level" and re.search(trade["trade_before"], text[clause.start:o[0]])
                      and re.match(trade["trade_after"], text[o[1]:clause.end])]:
                openers.remove(o)
                self.everyone.setdefault(name, {}).setdefault(level_key, o[2])
        if group_rule:
            for s, e, w in _find_all(clause.text, group_rule.words):
                if clause.qualifier(clause.start + s, clause.start + e) != "negated" \
                        or _LIMIT_BEFORE.search(clause.text[:s]):     # "不是失业人员" (not "毕业不到两年的大学生")
                    openers.append((clause.start + s, clause.start + e, group_rule.words[w], "group"))
        openers.sort()
        if _ALL_HEADS.search(clause.text) and not any(v.kind == "count" for v in cvals) and len(openers) == 1:
            key = "group" if openers[0][3] == "group" else level_key     # "学员都是灵活就业人员",
            self.everyone.setdefault(name, {})[key] = openers[0][2]      # "都拿了专项能力证书"
        counts = {v.value for v in cvals if v.kind == "count"}
        named = any(v.kind == "marker" or (v.kind == "count" and re.match(word_rules()["heads"]["names"], v.text))
                    for v in cvals)
        waiting = [h for h in self.last_group if level_key not in h and "group" in h and h in heads]
        if openers and not hits and len(counts) <= 1 and not named \
                and not (waiting and all(o[3] == "level" for o in openers)):
            # ("小赵高级工" is another one; "4.失业人员 中级工": the level of the class just named)
            same = [h for h in heads if any(h.get(level_key) == value or h.get("group") == value
                                            for _, _, value, _ in openers)
                    and (not counts or h["_count"] in counts or _SUBSET.match(clause.text))]
            # "两个技师才交了八个月": the two said; "其中1个技师是…": part of the 技师 said
            if counts and not self.correction and any(v.kind == "date" for v in cvals):
                same = [h for h in same if not any(k in h for k in _HEAD_DATES)]
                # "前年九月一个高级技师 去年三月一个高级技师": one more, of another date
            if same:                # "其中高级工都不是钱塘户籍": the 高级工 already listed
                openers = []
                self.last_group = same
        starts = [s for s, *_ in openers]
        opened_class = False
        for s, e, value, kind in openers:
            count = self._count_near(clause, cvals, s, e, used_counts, wide=len(openers) == 1, starts=starts)
            key = "group" if kind == "group" else level_key
            pool = new or self.last_group
            if not new and getattr(self, "said_of_all", False) and re.fullmatch(
                    r"(?:也|都|均|全)?(?:是|考的|拿的)?" + re.escape(text[s:e]) + r"(?:证|证书)?的?", clause.text):
                pool = list(heads)      # "…都是就业困难人员 中级工": a bare level after a clause said of all
            open_heads = [h for h in pool if (key not in h or key in h.get("_copied", ()))
                          and h in heads + new]
            if open_heads and (new or not self.correction) and not (new and open_heads[0] not in new) \
                    and not (re.match(r"的?那[个位名]", text[e:]) and value in self._known_levels_of(name)) \
                    and (new or name.endswith(("trainees", "graduates")) or (open_heads[0].get("_bare") and open_heads[0]["_count"] == 1 and not counts)) \
                    and not (count and open_heads[0]["_count"] > 1 and count != open_heads[0]["_count"]):
                head = open_heads[0]        # "培训了20个失业人员，拿了中级工证": the same head
                if head.get("_placeholder") is True:    # "免费培训了一批 焊接…五个人 养老护理…三个人":
                    head["_placeholder"] = {k: v for k, v in head.items()    # what was said before the
                                            if not k.startswith("_") and k not in ("level", "certificate", "group")}
                    self.run, self.last_group, self.gap = [head], [head], False
                    opened_class = True
                if head.get("_uncounted") and kind == "level" and "group" in head:
                    self.shared["group"] = head["group"]    # "培训失业人员，考出初级工15人、中级工8人": each
                for other in open_heads[1:] if not new else ():
                    other[key] = value
            else:
                head = {"_at": s, "_count": count or 1, "_uncounted": not count and kind == "group"}
                if self.guessed and not hits:
                    head["_guessed"] = True
                new.append(head)
            if count and head["_count"] == 1:
                head["_count"] = count
            head[key] = value
            head["_said_at"] = {**head.get("_said_at", {}), key: s}
            head.setdefault("_span", (clause.start, clause.end))      # the clause that named it
            head["_named_in"] = head.get("_named_in", ()) + ((clause.start, clause.end),)
            found.spans.append(Span(s, e, text[s:e], f"{name}[].{key}", value))
        others = re.match(word_rules()["heads"]["others"], clause.text)
        if others and not new and name in self.known_heads:
            return          # "另外两个不是钱塘户籍": the rest of the known heads (heads.align gives them the opposite)
        each = _EACH_COUNT.match(clause.text)
        uncounted = [h for h in heads if h["_count"] == 1 and not h.get("_part_of")]
        if each and not new and len(uncounted) >= 2:
            v = next((v for v in cvals if v.kind == "count" and id(v) not in used_counts), None)
            if v is not None:       # "学员有失业人员也有灵活就业人员 各10个": each class its count
                for head in uncounted:
                    head["_count"] = v.value
                used_counts.add(id(v))
                return
        if not new and self.last_group and len(self.last_group) == 1 and self.last_group[0]["_count"] == 1 \
                and not _ALL_HEADS.search(clause.text) and not others and not _ANOTHER.match(clause.text) \
                and not (parallel and _ONE_OF.match(clause.text)) \
                and not (self.last_group[0].get("_part_of") is not None and _bare_part(clause.text)):
            # "两个人都落了钱塘户口": the heads said
            for v in cvals:         # "…技师培训，8个人拿证": the head's count, said after it
                if v.kind == "count" and id(v) not in used_counts and not re.match(word_rules()["heads"]["names"], v.text):
                    self.last_group[0]["_count"] = v.value
                    if _bare_part(text[v.start:clause.end], False):
                        self.last_group[0]["_counted_bare"] = True     # "6个留在我们厂": a part's own count
                    used_counts.add(id(v))
                    break
        if not new and self.correction and self.last_group:
            for v in cvals:         # "学员是12个 不对 是15个": the count corrected
                if v.kind in ("count", "number"):
                    self.last_group[-1]["_count"] = v.value
                    used_counts.add(id(v))
                    return
        if not new and heads and not self.correction:
            self._more_of_a_kind(clause, text, heads, cvals, used_counts, new, self.last_group)
        if not new:
            for v in cvals:         # "有一个，去年5月入职": a head with no level yet
                if v.kind == "count" and id(v) not in used_counts and not re.search(r"年|月", v.text) \
                        and not re.match(r"[^，,]{0,3}?(?:里|中|当中|其中)", clause.text[v.end - clause.start:]) \
                        and (not heads or ((_CLASS_OF.match(clause.text) or _CLASS_COUNT.match(clause.text)
                                            or ((_ANOTHER.match(clause.text)     # "一个是…的 另一个…": heads
                                                 or (parallel and _ONE_OF.match(clause.text)))   # "一个去年5月 一个去年11月"
                                                and all(h["_count"] == 1 and "_part_of" not in h for h in heads)))
                                           and not self.correction)):
                    new.append({"_at": v.start, "_count": v.value, "_bare": True, "_span": (clause.start, clause.end),
                                "_counted_bare": bool(_bare_part(text[v.start:clause.end], False))})
                    # (or "一个养老护理的5个人拿证")
                    used_counts.add(id(v))
        if not new and heads and not self.correction:
            # "小李二十一个月，老王七个月": a clause that opens on a person's name (or "2.") is
            # that person's, one head a name, in the order they are named
            for v in cvals:
                if v.start == clause.start and v.value == 1 and id(v) not in used_counts and (
                        v.kind == "marker" or re.match(word_rules()["heads"]["names"], v.text)):
                    last = self.last_group[0] if len(self.last_group) == 1 else None
                    group = last.get("_named_of", last) if last is not None else None
                    if v.kind != "marker" and group is not None and group in heads and group.get("_part_of") is None \
                            and (group["_count"] > 1 or group is not last):
                        # "去年从外地引进了3个技师 小刘是钱塘户口": one named of a counted group is its part
                        # ("…小李二十一个月 老王七个月 小张五个月": each named in turn, the last is the group's rest)
                        parts = group.setdefault("_named_parts", [])
                        at = heads.index(parts[-1]) + 1 if parts else heads.index(group) + 1
                        if group["_count"] > 1:
                            group["_count"] -= 1
                            part = {k: val for k, val in group.items() if not k.startswith("_")}
                            part.update({"_at": v.start, "_count": 1, "_span": (clause.start, clause.end),
                                         "_named_of": group})
                            heads.insert(at, part)
                            parts.append(part)
                        else:
                            heads.remove(group)
                            heads.insert(at - 1, group)
                            part = group
                        self.last_group = [part]
                        used_counts.add(id(v))
                        break
                    new.append({"_at": v.start, "_count": 1, "_bare": True, "_span": (clause.start, clause.end)})
                    used_counts.add(id(v))
                    break
        if new and self.correction and self.last_group:
            for head in self.last_group:      # "招了3个技师 不对 是2个技师1个高级技师"
                if head in heads:
                    heads.remove(head)
                    for key, value in head.items():
                        if not key.startswith("_") and key not in ("level", "certificate", "group"):
                            for h in new:
                                h.setdefault(key, value)
        if new:
            before_all = {k: v for h in heads if isinstance(h.get("_placeholder"), dict) for k, v in h["_placeholder"].items()}
            bare_list = bool(_BARE_LIST.fullmatch(clause.text))
            for head in new:
                for key, value in {**before_all, **self.orphans, **self.shared,
                                   **(self.shared_bools if bare_list else {})}.items():
                    head.setdefault(key, value)
            if not bare_list:
                self.shared_bools = {}
            # one class a clause ("焊接专项能力五个人 养老护理专项能力三个人"): a list said in a row
            self.run = self.run + new if len(new) == 1 and self.run and not self.gap \
                and self.last_group == self.run[-1:] else list(new)
            self.gap = False
            heads.extend(new)
            self.last_group = new
        elif not opened_class:
            self.gap = True         # a clause of fields between classes: the run of classes ends
        self._split_subset(clause, heads, new)
        targets_default = new or (heads if (_ALL_HEADS.search(clause.text) or len(heads) == 1) else self.last_group)
        if not new and parallel and len(self.last_group) == 1 and self.last_group[0].get("_part_of") is not None \
                and self.last_group[0]["_count"] > 1 and re.match(r"^[^，,。]{0,4}?(?:都|均|全)", clause.text) \
                and not _PARALLEL.match(clause.text) and not _THE_REST.match(clause.text):
            targets_default = self.last_group   # "其中10个进了我们公司 社保都交满6个月了": those ten
        if not new and _THE_REST.match(clause.text) and self.last_group \
                and all(h.get("_part_of") is not None for h in self.last_group):
            targets_default = [h for h in heads if h not in self.last_group]    # "其余都不是": all but the part
        if not new and not levels and len(self.run) > 1 and self.last_group == self.run[-1:] \
                and not _ALL_HEADS.search(clause.text) and not re.match(r"(?:是|属于|也是|不是|不属于)", clause.text) \
                and all(h in heads for h in self.run) and not _open_bracket(text[:clause.start]) \
                and not _SUBSET.match(clause.text) and not _ONE_OF.match(clause.text) \
                and not _COUNTED_LEVEL.search(text, clause.end):
            targets_default = list(self.run)    # "…三个人 证是浙江发的": after a list, said of each class
            # (not between classes: "技师3个… 高级技师1个去年8月入职 钱塘户籍 高级工6个…" is the one before)
        said_of_all, self.said_of_all = getattr(self, "said_of_all", False), \
            bool(not new and _ALL_HEADS.search(clause.text) and not _SUBSET.match(clause.text))
        if not new and not levels and said_of_all and re.match(r"(?:也|都|均|全)?(?:是|为|在)", clause.text) \
                and not _ONE_OF.match(clause.text) and not _PARALLEL.match(clause.text):
            targets_default = list(heads)       # "都考了初级工 是浙江省内发证": still of them all
            self.said_of_all = True
        if not new and len(targets_default) > 1:
            targets_default = self._named_by_trade(clause, text, targets_default)
        asked_head = re.search(r"\[(\d*)\]", self.pending or "")
        if not targets_default and asked_head and not asked_head.group(1) and heads:
            targets_default = list(heads)       # asked of every head ("[]"): said of each
        elif not targets_default and asked_head and asked_head.group(1):
            index = int(asked_head.group(1))
            while len(heads) <= index:
                heads.append({"_at": -1, "_count": 1})
            targets_default = [heads[index]]
        if not targets_default and hits and not heads and not _ASKS.search(clause.text) and not any(
                cat == "uncertain" for *_, cat in clause.triggers) and (any(
                cue_hits(r, clause) or (r.against and _against_hits(r, clause)) for r in self.field_rules[name] if r.type == "bool")
                or _enum_field_said(self.field_rules[name], clause)):
            head = {"_at": clause.start, "_count": 1, "_placeholder": True}  # "校企合作的学生证书不是通过联合培养拿的"
            heads.append(head)
            self.last_group = [head]
            targets_default = [head]
        self._split_each(clause, heads, new, cvals, used_counts)
        orphan = not targets_default
        every_new = len(new) > 1 and not counts and bool(re.search(r"都|均|全都|俩|两个人", clause.text))

        def targets(pos):
            if orphan:
                return [self.orphans]
            if new and every_new:
                return new          # "首席和特级都还在我们公司": each head named, not the last one
            if new:
                before = [h for h in new if h["_at"] <= pos]     # (heads split off one opener by
                return [h for h in before if h["_at"] == before[-1]["_at"]] if before else new   # "各" share it)
            return targets_default

        def share(pos, key, value):
            if new and all(h["_at"] > pos for h in new):
                self.shared[key] = value

        rules = self.field_rules[name]
        # values: dates, months
        for v in cvals:
            if v.kind not in ("date", "months") or id(v) in used_counts or (v.approx and not self.pending):
                continue        # "社保交了一年多": rough, not a count of months (unless it answers)
            within = self._graduated_within(v, text, rules)
            if within is not None:      # "还有三个是2021年毕业的": not within two years of graduating
                used_counts.add(id(v))
                for head in targets(v.start):
                    head[within[0]] = within[1]
                found.spans.append(Span(v.start, v.end, v.text, f"{name}[].{within[0]}", within[1]))
                continue
            rule = _pick(rules, clause, v.start, v.end, lambda r, k=v.kind: _accepts(r, k))
            if rule is None and v.kind == "date" and v.value[1] == "year" and any(
                    r.type == "bool" and r.cues and cue_hits(r, clause) for r in rules):
                continue        # "今年户口也落到钱塘了": the year of another fact, not the head's date
            if rule is None and v.kind == "date" and not any(r.path.endswith("].cert_date") for r in rules) \
                    and re.search(r"(?:考|评|拿|取)的|考出|评上|拿证|取证", clause.text) \
                    and not _has_any(clause.text, word_rules()["classes"]["hire"]):
                continue        # "他是去年8月在原来单位考的高级技师": a hire's certificate date, no field of it
            if rule is None:
                rule = next((r for r in rules if r.default and _accepts(r, v.kind)), None)
            if rule is None:
                continue
            q = clause.qualifier(v.start, v.end)
            if q == "negated":
                continue
            if v.kind == "date" and _BOUND_AFTER.match(text[v.end:]):
                continue        # "均为2024.5后入职": a bound, not the date of any head
            if v.kind == "date" and re.match(word_rules()["date_of_leaving"], text[v.end:]):
                continue        # "上个月辞职了": when a head left, not when it came
            key = rule.path.rsplit(".", 1)[1]
            used_counts.add(id(v))
            owners = [h for h in new if h.get("_own") == id(v)]      # "去年6月和今年3月各有一个": its own
            for head in owners or self._next_if_said(targets(v.start), new, key, v.start):
                if key in head.get("_said", ()) and not self.correction \
                        and len(str(head.get(key))) >= len(str(_value_for(rule, v))):
                    continue        # "前年6月1号过来的 今年9月去滨江了": the first date is the hire
                head["_said"] = head.get("_said", ()) + (key,)
                head["_said_at"] = {**head.get("_said_at", {}), key: v.start}
                if q == "uncertain":
                    head.setdefault("_unknown", set()).add(key)
                else:
                    head[key] = _value_for(rule, v)
            share(v.start, key, _value_for(rule, v))
            found.spans.append(Span(v.start, v.end, v.text, rule.path, _value_for(rule, v)))
        # bool fields and enum words (path, …)
        for rule in rules:
            key = rule.path.rsplit(".", 1)[1]
            if rule.type == "bool":
                reading = None if rule.unless and _has_any(clause.text, rule.unless) else yes_no(rule, clause)
                if reading is None:         # ("户口还在老家" says where the hukou is, not the job)
                    continue
                value, (s, e), polarity = reading
                for head in targets(s):
                    if others and key in head:
                        continue        # "…高级工 是紧缺工种 … 其他几个都不是紧缺工种": the others only
                    if value is None:
                        head.setdefault("_unknown", set()).add(key)
                    else:
                        head[key] = value
                if value is not None:
                    self.said_bools[key] = (e, value, [id(h) for h in targets(s)], polarity)
                    if new and all(h["_at"] > s for h in new):
                        self.shared_bools[key] = value  # "上个月从上城区招了两个技师 一个高级技师": both from outside
                found.spans.append(Span(s, e, text[s:e], rule.path, value, polarity))
            elif rule.type == "enum" and rule.reads != "level" and not rule.path.endswith("].group") and rule.words:
                for s, e, w in _find_all(clause.text, rule.words):
                    s, e = clause.start + s, clause.start + e
                    if clause.qualifier(s, e):
                        continue
                    for head in targets(s):
                        head[key] = rule.words[w]
                    found.spans.append(Span(s, e, text[s:e], rule.path, rule.words[w]))

        if ellipsis and parallel and before_bools and not self.said_bools:
            # "两个是钱塘户籍 一个不是": the predicate of the clause before, said of these heads
            # (the same value after 也/都, else the opposite: "一个是外地户口 一个不是")
            key, (_, said, those, polarity) = max(before_bools.items(), key=lambda kv: kv[1][0])   # the last one said
            denied = ellipsis.group("word") in ("不是", "没有", "没", "不在", "不")
            # "其中一个是钱塘户口，其他都不是": 都 with a denial after a yes is the opposite
            value = said if ellipsis.group("same") and (not denied or polarity == "neg") else not said
            others = [h for h in targets(clause.start) if id(h) not in those]      # not the heads it was said of
            unsure = ellipsis.group("word") in ("不清楚", "不知道", "不确定", "不详", "待定", "说不准")
            for head in others:             # "…2个不是，1个不清楚": unknown for that one
                if unsure:
                    head.setdefault("_unknown", set()).add(key)
                else:
                    head[key] = value
            e, _, _, _ = before_bools[key]      # the predicate goes on to a third part
            self.said_bools[key] = (e, said, list(those) + [id(h) for h in others], polarity)
            if others:
                found.spans.append(Span(clause.start, clause.end, clause.text, f"{name}[].{key}", value))

    def _graduated_within(self, v, text: str, rules):
        """A graduation date ("2021年毕业的", "前年6月毕业") as (field, within two years of today),
        or None (not a graduation, no such field, or too near two years to tell at its precision)."""
        rule = next((r for r in rules if r.path.endswith("].graduated_within_2_years")), None)
        if rule is None or self.today is None or v.kind != "date" or not _GRADUATED_AFTER.match(text[v.end:]):
            return None
        iso, precision = v.value
        if precision == "year":
            years = self.today.year - int(iso[:4])
            return None if years == 2 else (rule.path.rsplit(".", 1)[1], years < 2)
        months = (self.today.year - int(iso[:4])) * 12 + self.today.month - int(iso[5:7])
        return rule.path.rsplit(".", 1)[1], months <= 24

    @staticmethod
    def _next_if_said(chosen: list, new: list, key: str, pos: int) -> list:
        """"今年2月招了一个高级技师 5月招了两个高级工": a value the head before already has
        belongs to the next head of the clause, said after it."""
        if len(chosen) != 1 or key not in chosen[0].get("_said", ()):
            return chosen
        after = [h for h in new if h["_at"] > pos and h.get("_said_at", {}).get(key, -1) < pos]
        for head in after:          # the value shared from before the first head yields
            head["_said"] = tuple(k for k in head.get("_said", ()) if k != key)
        return after or chosen

    @staticmethod
    def _named_by_trade(clause, text, group: list) -> list:
        """"…3个灵活就业人员考了电工高级工，电工是紧缺工种": the head whose own words hold the
        clause's subject ("电工"); all of them when none or several do."""
        m = re.match(r"^([\u4e00-\u9fff]{2,6}?)(?:是|属于|在|算|不是|不属于|不在|不算)", clause.text)
        if not m:
            return group
        ordered = sorted(group, key=lambda h: h["_at"])
        ends = [h["_at"] for h in ordered[1:]] + [clause.start]
        starts = [-1] + [h["_at"] + 1 for h in ordered[:-1]]
        # a head's own words: the clause that named it, cut at the heads named beside it
        own = [h for h, begin, end in zip(ordered, starts, ends) if 0 <= h["_at"] < end and m.group(1) in text[
            max(h.get("_span", (h["_at"],))[0], begin):min(h.get("_span", (0, end))[1], end)]]
        return own if len(own) == 1 else group

    @staticmethod
    def _more_of_a_kind(clause, text, heads, cvals, used, new, last=()) -> None:
        """"…六个焊接专项能力 属于二产 还有三个焊接的收了培训费": more heads of a kind named
        before by its trade; they are like those heads, and the clause says how they differ.
        "…10个高校毕业生…；还有5个毕业三年了": more heads like the last ones (no part said before)."""
        m = re.match(word_rules()["heads"]["more_of_kind"], clause.text)
        plain = None if m else re.match(word_rules()["heads"]["more_like_last"], clause.text)
        also = None if m or plain else _ALSO_SOME.match(clause.text)
        if (plain or also) and last and all(h.get("_part_of") is None and h in heads for h in last):
            m, like = plain, list(last)
        elif not m:
            return
        else:
            like = [h for h in heads if any(m.group(2) in text[s:e] for s, e in h.get("_named_in", ()))]
        if also:        # "学员里有毕业3年的大学生 也有去年毕业的 各10个": more like them, uncounted yet
            count = _Uncounted(clause.start)
        else:
            count = next((v for v in cvals if v.kind == "count" and id(v) not in used
                          and v.start == clause.start + m.start(1)), None)
        if count is None or not like:
            return
        used.add(id(count))
        plain = plain or also
        model = {k: v for k, v in like[-1].items() if not k.startswith("_")}
        if plain:       # "有12个来我们厂 社保交了7个月 中级工 还有3个去了外地": what was said of the
            end = like[-1].get("_span", (0, len(text)))[1]      # last heads after their own clause is theirs
            model = {k: v for k, v in model.items() if like[-1].get("_said_at", {}).get(k, -1) < end}
        new.append({**model, "_at": count.start, "_count": count.value, "_span": (clause.start, clause.end)})

    @staticmethod
    def _split_each(clause, heads, new, cvals, used) -> None:
        """"3个高级工分别交了16个月、16个月、10个月", "一个交了7个月一个9个月": one head per
        value, in the order said."""
        if len(new) != 1:
            return
        group = new[0]
        words = word_rules()["heads"]
        before = clause.text[:group["_at"] - clause.start]
        each_at = max(before.rfind(w) for w in words["each_before"])
        if each_at >= 0:        # "去年6月和今年3月各有一个评上高级技师": a head per date said before "各"
            dates = [v for v in cvals if v.kind == "date" and id(v) not in used and v.end <= clause.start + each_at]
            ends = [v.start for v in dates[1:]] + [clause.start + each_at]
            if len(dates) >= 2 and all(re.fullmatch(words["joined"], clause.text[v.end - clause.start:end - clause.start])
                                       for v, end in zip(dates, ends)):
                parts = [group] + [dict(group) for _ in dates[1:]]
                for part, v in zip(parts, dates):
                    part["_own"] = id(v)
                at = heads.index(group)
                heads[at:at + 1] = parts
                new[:] = parts
                return
        for kind in ("months", "date"):
            said = [v for v in cvals if v.kind == kind and id(v) not in used and v.start > group["_at"]]
            after = clause.text[group["_at"] - clause.start:]
            each = len(said) if any(w in after for w in words["each"]) else \
                sum(after.count(w) for w in words["one_each"])
            if len(said) < 2 or not ((group["_count"] == len(said)) or each >= len(said)):
                continue
            group["_count"] = 1
            parts = [group] + [{**group, "_at": v.start} for v in said[1:]]
            at = heads.index(group)
            heads[at:at + 1] = parts
            new[:] = parts
            return

    @staticmethod
    def _count_near(clause, cvals, s, e, used, wide=False, starts=()):
        """The headcount said with a level: "2个高级技师", "高级技师2名", or (wide) "5个毕业生…拿了高级工".
        A count just before another opener is that one's ("…中级工 3个灵活就业人员")."""
        near = [(min(abs(s - v.end), abs(v.start - e)), v) for v in cvals
                if v.kind in ("count", "number") and id(v) not in used
                and (0 <= s - v.end <= 3 or (0 <= v.start - e <= 3 and not any(
                    0 <= st - v.end <= 3 and (st == v.end or not re.fullmatch(r"[、，,和及与\s]*", clause.text[
                        v.end - clause.start:st - clause.start])) for st in starts if st > s)))]
        if near:                # the closest: "有8个5个高级工" is 5 高级工
            v = min(near, key=lambda dv: dv[0])[1]
            used.add(id(v))
            return v.value
        modified = [v for v in cvals if v.kind == "count" and id(v) not in used and 0 < s - v.end <= 14
                    and re.fullmatch(_MODIFIERS, clause.text[v.end - clause.start:s - clause.start])]
        if modified:            # "五个毕业一年的全日制大学生": the count, its noun's modifiers, the noun
            used.add(id(modified[-1]))
            return modified[-1].value
        if wide:
            before = [v for v in cvals if v.kind == "count" and id(v) not in used and v.end <= s]
            if before:
                used.add(id(before[-1]))
                return before[-1].value
        return None

    def _certs(self, clause, text, levels, cvals, found, used):
        counts = dict(found.values.get("organisation.self_evaluation.certs") or {})
        for s, e, lvl in levels:       # "十二个员工通过自主评价拿了高级工": one level, its count afar
            n = self._count_near(clause, cvals, s, e, used, wide=len(levels) == 1)
            if n is not None and lvl != "专项能力":
                counts[lvl] = n
                found.spans.append(Span(s, e, text[s:e], "organisation.self_evaluation.certs", {lvl: n}))
        if counts:
            found.values["organisation.self_evaluation.certs"] = counts

    @staticmethod
    def _drop_totals(heads: list) -> None:
        """"有8个 5个高级工 3个中级工": the 8 is the total of the heads that follow, not a head."""
        for i, head in enumerate(list(heads)):
            if any(k in head for k in ("level", "certificate", "group")) or head.get("_count", 1) < 2:
                continue
            after = heads[heads.index(head) + 1:]
            listed = sum(h.get("_count", 1) for h in after)
            if after and listed == head["_count"]:
                heads.remove(head)
            elif after and listed < head["_count"] and head.get("_bare") and all(
                    "level" in h and h.get("_count", 1) == 1 for h in after):
                # "有两个是外面挖过来的 一个小王技师…": one of the two told; the other is still to come
                heads.remove(head)
                head["_count"] -= listed
                heads.append(head)
                for key, at in list(head.get("_said_at", {}).items()):
                    if at > after[0]["_at"] and key in head:
                        del head[key]       # said in the told one's clauses ("去年五月从上海…"): theirs
            else:
                continue
            for h in after:
                for key, value in head.items():
                    if not key.startswith("_"):
                        h.setdefault(key, value)

    def finish(self, found: Found) -> None:
        own = self.LIST_OF_SUBJECT.get(self.subject)
        if own and self.current == own and not self.lists[own] and own not in self.known_heads and self.orphans:
            self.lists[own].append({**self.orphans, "_at": 0, "_count": 1})
            # a training body's "证书是安徽发的": its trainees' certificate, with no headcount said
        if self.current in self.lists and not self.lists[self.current] and self.orphans and self.correction_said \
                and len(get_path(self.known or {}, self.current.split(".", 1)[1]) or []) == 1:
            self.lists[self.current].append({**self.orphans, "_at": 0, "_count": 1})
            # "不对 是前年5月引进的" of the one head given before: that head's date corrected
        for name, heads in self.lists.items():
            if not heads:
                continue
            self._drop_totals(heads)
            for head in heads:
                for key, value in self.everyone.get(name, {}).items():
                    head.setdefault(key, value)
            out = []
            for head in heads:
                item = {k: v for k, v in head.items() if not k.startswith("_")}
                if head.get("_count", 1) > 1:
                    item["count"] = head["_count"]
                if item or not head.get("_unknown"):
                    out.append(item)        # (a head of which only a doubt was said is no head: "户口 不清楚")
                for key in head.get("_unknown", ()):
                    path = f"{name}[].{key}"
                    if path not in found.unknown:
                        found.unknown.append(path)
            if out:
                found.values[name] = out
