"""What a typed question asks: programmes, kind, aspect and the specifics named.

Names and aliases come from the knowledge base; cue words, question forms and kinds from
answering/rules.yml. The facts a question states are read by the understanding pipeline.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from policy_kb.kb import load as load_kb
from policy_kb.terms import programme_names, terms
from understanding.lexicon import level_aliases

RULES_FILE = Path(__file__).with_name("rules.yml")
OUT_OF_SCOPE_FILE = Path(__file__).with_name("out_of_scope.yml")

NAME_WEIGHT, CUE_WEIGHT = 10, 3
ASKING_WEIGHT = 1          # a cue in the asking clause breaks a tie between cues
GRADES = ("优秀", "良好", "合格")
SAME_ENDINGS = ("补助", "补贴", "资助")
_LEVEL_OF = {**{lv: lv for lv in load_kb().levels}, **level_aliases()}


@functools.lru_cache(maxsize=None)
def rules() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def out_of_scope() -> dict:
    """Topics outside the twelve programmes and where to ask instead (out_of_scope.yml)."""
    return yaml.safe_load(OUT_OF_SCOPE_FILE.read_text(encoding="utf-8"))


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(sorted(map(str, words), key=len, reverse=True)))


@functools.lru_cache(maxsize=None)
def _patterns() -> dict:
    r = rules()
    return {
        "question": _alternation(r["question_words"]),
        "kinds": [(k, _alternation(ws)) for k, ws in r["kinds"].items() if ws],
        "aspects": [("amount", re.compile(r["amount_first"]))] + [(a, _alternation(ws)) for a, ws in r["aspects"].items()],
        "supplementary": [(int(n), _alternation(ws)) for n, ws in r["supplementary"].items()],
        "supplementary_loose": [(int(n), _alternation(ws)) for n, ws in r["supplementary_loose"].items()],
        "draft": _alternation(r["draft"]),
        "districts": _alternation(r["districts"]),
        "cues": [(int(n), str(w)) for n, ws in r["programme_cues"].items() for w in ws],
        "levels": _alternation(list(load_kb().levels) + list(level_aliases())),
        "honours": _alternation(terms()["honour"]),
    }


@dataclass
class Question:
    text: str
    topic: str = ""                                    # the text without programme names (what is asked of it)
    programmes: list = field(default_factory=list)     # best first
    scores: dict = field(default_factory=dict)         # programme → score
    named: list = field(default_factory=list)          # programmes named by name or alias, in text order
    kind: str | None = None
    aspect: str | None = None
    levels: list = field(default_factory=list)         # levels named, in text order
    grade: str | None = None
    supplementary: int | None = None                   # 附则 item asked about
    supplements: list = field(default_factory=list)    # every 附则 item asked, in text order ("表去哪下载 谁说了算")
    draft: bool = False
    district: str | None = None                        # another place asked about ("萧山有…吗")
    passed_place: str | None = None                    # another place the story passes ("在宁波考的")
    asks: bool = False                                 # it is a question at all
    other_topic: bool = False                          # a topic of out_of_scope.yml (医保, 落户…)
    yes_no: dict | None = None                         # the yes/no form used ({"yes": 算, "no": 不算})
    also: list = field(default_factory=list)           # aspects asked in other clauses, answered after (电话…)
    known: dict = field(default_factory=dict)          # facts the conversation gathered (answer() sets them)

    @property
    def programme(self):
        return self.programmes[0] if self.programmes else None


A_NOT_A = re.compile(r"(?<![不没])((?![不没])[\u4e00-\u9fff])[不没]\1")     # "还给不给了", "发没发": asks
_ENDS_ASKING = re.compile(r"(吗|呢|不|没|没有|否|伐|不啦)[？?。！!~～]*$|[？?]")
# "单个机构一年最多补二十万是吧": a statement put up for confirmation (not "应该是吧", a hedged answer)
_CONFIRMING = re.compile(r"(?<!应该)(?<!可能)(?<!大概)(?<!好像)(?<!估计)(?<!也许)(是吧|对吧|没错吧|对不对|是不是|可以吧|行吧|能领吧|能拿吧|能申请吧)[？?。！!~～]*$")


def is_question(text: str) -> bool:
    """"…还执行不", "能领伐", "…吗", a question word ("多少", "还是"…)."""
    # "招了几个人", "干了十几年", "几十个学员": some, not how many
    t = re.sub(r"(?:[了有过这那前近]|好)几(?=个|位|名|年|次|期|批|天)|[十百千万]几", "", text.strip())
    return bool(t) and bool(_ENDS_ASKING.search(t) or _patterns()["question"].search(t) or A_NOT_A.search(t)
                            or (len(t) >= 6 and _CONFIRMING.search(t)))


@functools.lru_cache(maxsize=None)
def _names() -> tuple:
    """(own, shared): names that point to one programme, and those inside another
    programme's official name too ("技能大师工作室" is in 区级技能大师工作室考核评估资助), which count
    as a cue for each programme whose names contain them."""
    from policy_kb.terms import plain_name
    names = dict(programme_names())
    for surface, number in list(names.items()):       # people say 补助, 补贴 and 资助 alike
        for a in SAME_ENDINGS:
            if surface.endswith(a):
                for b in SAME_ENDINGS:
                    names.setdefault(surface[:-len(a)] + b, number)
    full = {p["number"]: [p["name"], plain_name(p)] for p in load_kb().programmes}
    own, shared = {}, {}
    for surface, number in names.items():
        others = [m for m, ss in full.items() if m != number and any(surface in s for s in ss)]
        if others:
            shared[surface] = [number, *others]
        else:
            own[surface] = number
    return own, shared


def _occurrences(text: str, surface: str) -> list:
    """(start, end) of `surface` in `text`, as re.finditer(re.escape(surface), text) finds them
    (left to right, not overlapping), with str.find: most surfaces are not in the text at all."""
    if not surface:
        return [m.span() for m in re.finditer("", text)]
    n, found, at = len(surface), [], text.find(surface)
    while at >= 0:
        found.append((at, at + n))
        at = text.find(surface, at + n)
    return found


def _spans(text: str, surfaces) -> list:
    spans = [(start, end, s) for s in surfaces for start, end in _occurrences(text, s)]
    return [sp for sp in spans if not any(o[0] <= sp[0] and sp[1] <= o[1] and (o[1] - o[0]) > (sp[1] - sp[0])
                                          for o in spans)]


def _near(text: str, surface: str) -> int | None:
    """Where `surface` (5+ characters) is typed with one character wrong ("自主平价"), if anywhere."""
    n = len(surface)
    if not n:
        return None
    last, i = len(text) - n, text.find(surface[0])       # a window must start with surface[0]
    while 0 <= i <= last:
        if sum(a != b for a, b in zip(text[i:i + n], surface)) == 1:
            return i
        i = text.find(surface[0], i + 1)
    return None


def _named(text: str) -> tuple:
    """([(start, programme)] named by a name or alias of its own, [programmes] of shared
    names found). A name inside a longer one does not count ("金牌技师" inside
    "钱塘金牌技师技能津贴"); overlapping ones both do. Without any, one typo is allowed."""
    own, shared = _names()
    spans = _spans(text, list(own) + list(shared))
    named = sorted({(start, own[s]) for start, _, s in spans if s in own})
    cued = [n for _, _, s in spans if s in shared for n in shared[s]]
    if not named and not cued:
        for surface, number in sorted(own.items(), key=lambda kv: -len(kv[0])):
            if len(surface) >= 5:        # "考核补贴" is not a typo of "考证补贴"
                at = _near(text, surface)
                if at is not None:
                    named.append((at, number))
                    break
        if not named:                    # "技能大师工做室": a shared name mistyped cues each of its programmes
            cued = next((shared[s] for s in sorted(shared, key=len, reverse=True)
                         if len(s) >= 5 and _near(text, s) is not None), [])
    return named, cued


def _without_names(text: str) -> str:
    """The question without programme names, in the document's words (rules.yml synonyms)."""
    for surface in sorted(programme_names(), key=len, reverse=True):
        text = text.replace(surface, "，")
    for said, document in rules()["synonyms"].items():
        text = text.replace(said, document)
    return text


def _cued(text: str) -> list:
    """Programmes pointed to by cue words, once per place in the text: a cue inside a longer
    one of the same programme adds nothing ("大学生" holds 大学 and 学生: one cue, not three)."""
    found = []
    for number, words in _cue_words():
        found += [number] * len({w for _, _, w in _spans(text, words)})     # a word said twice is one cue
    return found


@functools.lru_cache(maxsize=None)
def _cue_words() -> tuple:
    """(programme, [its cue words]) in rules.yml order."""
    cues = _patterns()["cues"]
    return tuple((number, [w for n, w in cues if n == number]) for number in dict.fromkeys(n for n, _ in cues))


@functools.lru_cache(maxsize=None)
def _titles() -> tuple:
    """Names of programmes whose standard lists no levels ("金牌技师"): a level inside one is
    part of a title, not a level asked about."""
    levelled = {p["number"] for p in load_kb().programmes if p["standard"].get("table")}
    return tuple(sorted((s for s, n in programme_names().items() if n not in levelled), key=len, reverse=True))


def _levels(text: str) -> list:
    """Levels named, in text order, as the KB names them ("三级证" → 高级工, "首席" → 首席技师)."""
    titles = [span for t in _titles() for span in _occurrences(text, t)]
    denied = re.compile(rules()["denied"]["before"])
    found = [(m.start(), m.group()) for m in _patterns()["levels"].finditer(text)
             if not text.startswith("技能", m.end())          # "高级技能人才" names no level
             and not any(a <= m.start() and m.end() <= b for a, b in titles)
             and not denied.search(text, max(0, m.start() - 4), m.start())]     # "不是首席技师的话"
    return [_LEVEL_OF.get(word, word) for _, word in found]


@functools.lru_cache(maxsize=None)
def _place_run() -> re.Pattern:
    """Another place as typed: a run of place names is one place ("上海浦东", "宁波市北仑区")."""
    one = f"(?:{_patterns()['districts'].pattern})(?:新区|[区市县])?"
    return re.compile(f"{one}(?:{one})*")


def _places(text: str) -> tuple:
    """(another district or city the question asks about, one it merely passes through)."""
    text = text.replace("杭州市钱塘区", "钱塘区")
    asked = passed = None
    for m in re.finditer(_place_run(), text):
        if re.search(rules()["place_moves"], text[max(0, m.start() - 6):m.start()]) \
                or re.match(rules()["place_of_thing"], text[m.end():]):
            passed = passed or m.group()
        else:
            asked = asked or m.group()
    return asked, passed


def _located(text: str) -> list:
    """"我们公司在滨江", "我在萧山上班": the facts (rules.yml `located`) that another place
    named as where the asker's organisation is, or where the asker works, says are false;
    each as (path, `during`: what the text of a condition on it must say, or "")."""
    text = text.replace("杭州市钱塘区", "钱塘区")
    found = []
    for m in re.finditer(_place_run(), text):
        if m.group() in rules()["generic_places"]:
            continue
        for rule in rules()["located"]:
            if re.search(rule.get("before", ""), text[max(0, m.start() - 8):m.start()]) \
                    and re.search(rule.get("after", ""), text[m.end():]):
                found += [(path, rule.get("during", "")) for path in rule["facts"]]
    return list(dict.fromkeys(found))


def qualifier(text: str, pattern: str) -> tuple:
    """(held, denied): whether a qualifier ("二产", "紧缺", "户籍") is said to hold somewhere in
    `text`, and whether it is said not to ("不是二产的项目", "非紧缺工种", "二产以外的"; rules.yml `denied`)."""
    words = rules()["denied"]
    before = re.compile(words["before"])
    held = denied = False
    for m in re.finditer(pattern, text):
        # (searched within the text, not a slice of it: "是不是二产" is asked, not denied)
        if before.search(text, max(0, m.start() - 6), m.start()) or re.match(words["after"], text[m.end():]):
            denied = True
        else:
            held = True
    return held, denied


def _clauses(text: str) -> list:
    return [c for c in re.split(r"(?<=[，,。；;！!？?])|\s+", text) if c and c.strip("，,。；;！!？? ")]


def last_clause(text: str) -> str:
    """The asking part of a message: its last clause ("…社保交了一年，能申请吗" → "能申请吗")."""
    parts = [p for p in re.split(r"[，,。；;！!？?\s]+", text) if p]
    return parts[-1] if parts else text


def _yes_no(text: str):
    """The yes/no form of a question ({"pos": 能, "neg": 不能}), or None."""
    r = rules()
    for form in r["yes_no"]:
        if form["ask"] in text:
            return form
    # ("考了高级工有补贴吗，我在钱塘的厂里上班": the asking clause need not be the last one)
    asking = next((c for c in reversed(_clauses(text)) if re.search(r["final_particles"], c.rstrip("，,；; "))), None)
    if asking:
        found = [(asking.find(m["word"]), m) for m in r["modals"] if m["word"] in asking]
        return min(found, key=lambda pair: pair[0])[1] if found else {"pos": "可以", "neg": "不可以"}
    return None


def _aspects_by_clause(q: Question, text: str) -> None:
    """Two aspects asked in two clauses ("育才资助多少，找哪个电话"): the first one that is
    not only added (rules.yml `added_aspects`) is answered, the added ones follow it."""
    found = []
    for clause in _clauses(text):
        aspect = next((a for a, pattern in _patterns()["aspects"] if pattern.search(clause)), None)
        if aspect and aspect not in found:
            found.append(aspect)
    added = rules()["added_aspects"]
    if len(found) < 2 or not any(a in added for a in found):
        return
    main = next((a for a in found if a not in added), found[0])
    q.aspect, q.also = main, [a for a in found if a in added and a != main]


def _kind_pattern(kind: str) -> re.Pattern:
    return dict(_patterns()["kinds"])[kind]


def _has_bonus(number: int) -> bool:
    std = load_kb().programme(number)["standard"]
    return "bonus" in std or "uplift" in std


def _capped(number: int) -> bool:
    """A programme whose whole is capped by the year (annual_cap) or by its months (an allowance)."""
    std = load_kb().programme(number)["standard"]
    return "annual_cap" in std or "months" in std


def read(text: str) -> Question:
    """The question in `text` (already normalised: simplified, typos fixed)."""
    p = _patterns()
    q = Question(text=text, asks=is_question(text))
    named, cued = _named(text)
    q.topic = _without_names(text)
    q.named = list(dict.fromkeys(n for _, n in named))
    scores: dict = {}
    for _, number in named:
        scores[number] = scores.get(number, 0) + NAME_WEIGHT
    for number in cued:
        scores[number] = scores.get(number, 0) + CUE_WEIGHT
    for number in _cued(text):
        scores[number] = scores.get(number, 0) + CUE_WEIGHT
    if len(scores) >= 2:      # "…毕业三年了来参加培训，机构能拿补贴吗": the asking clause says who asks
        for number in set(_cued(last_clause(text))):
            scores[number] += ASKING_WEIGHT
    if p["honours"].search(text):
        scores[1] = scores.get(1, 0) + CUE_WEIGHT
    q.levels = _levels(text)
    q.grade = next((g for g in GRADES if g in text), None)
    items = p["supplementary"]
    if not scores or re.search(rules()["document_words"], text):      # "哪天开始实行", "老的细则还算数吗"
        items = items + p["supplementary_loose"]
    for number, pattern in items:
        if pattern.search(text):
            q.supplementary = number
            break
    found = sorted((m.start(), number) for number, pattern in items for m in [pattern.search(text)] if m)
    q.supplements = list(dict.fromkeys(number for _, number in found))
    q.draft = bool(p["draft"].search(text))
    q.other_topic = any(w in text for t in out_of_scope()["topics"] for w in t["words"])
    q.district, q.passed_place = _places(text)
    also_is = re.search(rules()["also_is"], text) and len(q.named) < 2
    for kind, pattern in p["kinds"]:
        if pattern.search(re.sub(rules()["also_is"], "，", text) if also_is and kind == "combine" else text):
            q.kind = kind
            break
    if q.kind == "who_applies" and re.search(rules()["instalment_over_who"], text):
        q.kind = "instalment"         # "大学生补贴是一次性打给我还是分两次": how it is paid out, not to whom
    if q.kind == "combine" and len(q.levels) >= 2 and re.search("|".join(rules()["kinds"]["topup"]), text):
        q.kind = "topup"              # "高级技师那5k领过了，升首席能再拿多少": 补差, not two programmes
    if q.kind == "combine" and len(q.named) < 2 and (_kind_pattern("frequency").search(text) or
                                                      (len(scores) < 2 and re.search(rules()["again"], text))):
        q.kind = "frequency"          # "每年都评的吗 今年没评上明年还能再报不", "去年拿过 今年还能再申请吗": how often
        if re.search(rules()["amount_left"], last_clause(text)):
            q.kind = "cap"            # "今年已经领了8万 还能再领多少": what the year's cap leaves
    if len(q.named) < 2 and scores and _capped(max(scores, key=scores.get)) and (
            re.search(rules()["left_asked"], text) or q.kind == "combine" and (
                re.search(rules()["amount_left"], last_clause(text)) or re.search(rules()["months_received"], text))):
        # "培训机构今年已经领了19万 还能领多少", "津贴已经领了一年了 还能领多少", "额度还剩多少": what is left
        q.kind = "cap"
    if q.kind is None and len(q.named) >= 2 and re.search(rules()["combine_named"], last_clause(text)):
        q.kind = "combine"            # "公司要去报育才资助 那我自己那份提升补助还能拿吗"
    if q.kind == "bonus" and "叠加" in text and len(scores) >= 2 and not _has_bonus(max(scores, key=scores.get)):
        q.kind = "combine"            # "建室资助和考核资助可以叠加吗": two programmes, not the 户籍 bonus
    for aspect, pattern in p["aspects"]:
        if pattern.search(text):
            q.aspect = aspect
            break
    _aspects_by_clause(q, text)
    if any(w in text for w in rules()["aspect_over_kind"].get(q.aspect, ())):
        q.kind = None
    q.yes_no = _yes_no(text) if q.asks else None
    q.scores = scores
    q.programmes = sorted(scores, key=lambda n: (-scores[n], n))
    return q
