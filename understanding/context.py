"""Clauses and the scope of negation and uncertainty within them (ConText, as data rules).

A clause ends at punctuation and before a clause word (但/不过/而且…). In a clause, a trigger
opens a scope: forward to the clause end, a terminator or `max_scope` characters; backward
(a trigger that closes the clause: "金牌称号没有") to the clause start. Pseudo-triggers
("不过", "没多久", "不少") are words that look like triggers and are not.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import context_triggers, rules

_PARTICLES = re.compile(r"^[了的啊呀呢吧哦嘛啦哈么过]*$")
_PARTICLES_ANY = re.compile(r"[了的啊呀呢吧哦嘛啦哈么过]")
# "国赛没拿到", "技师还没考出来", "补助没领": a verb of getting, and at most its complement
_SHORT_VERB = re.compile(r"[拿领评考获得过到上][得过到上出来下]{0,2}|[得过到上]{1,2}")


@dataclass
class Clause:
    start: int
    end: int
    text: str
    negated: list = field(default_factory=list)     # [(start, end)] absolute offsets
    uncertain: list = field(default_factory=list)
    triggers: list = field(default_factory=list)    # [(start, end, category)]

    def qualifier(self, start: int, end: int) -> str | None:
        """'uncertain' or 'negated' when the span lies in such a scope, or when a trigger
        runs into it ("没在编": 没在 + 在编)."""
        for cat in ("uncertain", "negated"):
            for s, e in (self.uncertain if cat == "uncertain" else self.negated):
                if s <= start and end <= e:
                    return cat
            for ts, te, tcat in self.triggers:
                if tcat == cat and ts < start < te:
                    return cat
        return None

    @property
    def past(self) -> bool:
        # "拿证时就在现在这家公司": then, and the same employer now
        return any(w in self.text for w in rules()["past"]) and not re.search(
            rules()["clause_word_attributive"], self.text) and not re.search(rules()["then_and_now"], self.text)


@functools.lru_cache(maxsize=1)
def _patterns():
    t = context_triggers()
    r = rules()
    entries = []    # (word, category, directions)
    for category in ("negated", "uncertain"):
        fwd, bwd = t[(category, "forward")], t[(category, "backward")]
        for w in fwd | bwd:
            entries.append((w, category, ("f" if w in fwd else "") + ("b" if w in bwd else "")))
    for w in t["pseudo"]:
        entries.append((w, "pseudo", ""))
    for w in t["terminate"]:
        entries.append((w, "terminate", ""))
    by_word = {}
    for w, cat, d in entries:
        by_word.setdefault(w, (cat, d))       # first category wins (negated before pseudo)
    trig = re.compile("|".join(sorted(map(re.escape, by_word), key=len, reverse=True)))
    breaks = re.compile("[" + re.escape(r["clause_breaks"]) + "]")
    clause_words = re.compile("|".join(map(re.escape, sorted(r["clause_words"], key=len, reverse=True))))
    return trig, by_word, breaks, clause_words, r["context"]["max_scope"]


@functools.lru_cache(maxsize=1)
def _run_on():
    from .lexicon import word_classes
    pattern = rules()["clause_run_on"]
    for name, words in sorted(word_classes().items(), key=lambda kv: -len(kv[0])):
        pattern = pattern.replace("@" + name, "|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    return re.compile(pattern)


def clauses(text: str) -> list:
    """The clauses of a prepared text, each with its scopes."""
    trig, by_word, breaks, clause_words, max_scope = _patterns()
    cuts = {0, len(text)}
    for m in breaks.finditer(text):
        cuts.update((m.start(), m.end()))
    attributive = re.compile(rules()["clause_word_attributive"])
    after_time = re.compile(rules()["clause_word_after_time"])
    for m in clause_words.finditer(text):
        if m.start() > 0 and not attributive.match(text, m.start()) \
                and text[m.start() - 1] not in rules()["clause_word_joined_after"] \
                and not after_time.search(text, 0, m.start()):
            cuts.add(m.start())
    for m in _run_on().finditer(text):      # a run-on's next statement
        if 0 < m.start() < len(text):
            cuts.add(m.start())
    for m in re.finditer(rules()["clause_part"], text):     # "4个技师里1个是…": the part's own clause
        cuts.add(m.end())
    for m in re.finditer(rules()["clause_part_after_group"], text):     # "三个高级技师有一个已经离职了"
        cuts.add(m.end())
    one_each = re.compile(rules()["clause_one_each"])
    for s, e in zip(sorted(cuts), sorted(cuts)[1:]):      # "一个钱塘户口一个不是": one head a clause
        ones = list(one_each.finditer(text, s, e))
        if len(ones) >= 2:       # also the first, after the group they share ("两个技师一个…")
            group = re.search(r"[0-9两三四五六七八九十]+(?:个|位|名)", text[s:ones[0].start()])
            for m in ones if group else ones[1:]:
                cuts.add(m.start())
    points = sorted(cuts)
    out = []
    for s, e in zip(points, points[1:]):
        piece = text[s:e]
        if not piece or breaks.fullmatch(piece):
            continue
        out.append(_scoped(Clause(s, e, piece), trig, by_word, max_scope))
    for before, clause in zip(out, out[1:]):     # "户口这个 不清楚": a doubt alone is of the clause before
        if _bare_doubt().match(clause.text.strip()) and not before.uncertain:
            before.uncertain.append((before.start, before.end))
    return out


@functools.lru_cache(maxsize=1)
def _bare_doubt():
    words = sorted(context_triggers()[("uncertain", "backward")], key=len, reverse=True)
    return re.compile(rules()["context"]["bare_doubt"].replace("@uncertain_backward", "|".join(map(re.escape, words))))


def whole(text: str) -> Clause:
    """The whole message as one clause (for facts whose cues may sit in different clauses)."""
    trig, by_word, _, _, max_scope = _patterns()
    return _scoped(Clause(0, len(text), text), trig, by_word, max_scope)


def _scoped(clause: Clause, trig, by_word, max_scope) -> Clause:
    text, base = clause.text, clause.start
    hits = [(m.start(), m.end(), *by_word[m.group(0)]) for m in trig.finditer(text)]
    stops = [s for s, e, cat, _ in hits if cat == "terminate"]
    stops += [m.start() for m in _patterns()[2].finditer(text)]      # punctuation inside whole()
    # "…不是X，是Y" / "不是X是Y": a bare 是 after a negation ends its scope.
    stops += [m.start() for m in re.finditer(r"(?<![不是还也就都])是(?![否不])", text)]
    for s, e, cat, directions in hits:
        if cat not in ("negated", "uncertain"):
            continue
        clause.triggers.append((base + s, base + e, cat))
        scopes = clause.negated if cat == "negated" else clause.uncertain
        # at the clause end, or before a short verb only ("国赛没拿到", "补助还没领")
        at_end = bool(_PARTICLES.match(text[e:])) or (cat == "negated" and bool(_SHORT_VERB.fullmatch(_PARTICLES_ANY.sub("", text[e:]))))
        in_list = cat == "negated" and re.search(rules()["context"]["container"], text[:s])
        if "b" in directions and (at_end or "f" not in directions or in_list):
            start = max([x for x in stops if x < s] + [0])
            scopes.append((base + start, base + s))
        if "f" in directions and (not at_end or e < len(text)):
            end = min([x for x in stops if x > e or (x == e and cat == "negated" and text[e:e + 1] != "是")]
                      + [len(text), e + max_scope])     # "好像是去年…": 是 right after the trigger is inside
            scopes.append((base + e, base + end))
    return clause
