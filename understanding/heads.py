"""Heads said over several messages: an organisation lists its hires, graduates or trainees
in pieces ("去年招了2个技师" … "另外还有1个高级工" … "高级工那个交了14个月"). The reader
numbers heads within one message; here they are lined up with the heads the conversation
already has (`known`), so that a new head is added, a head named by its level gets its own
fields, and "都是浙江发的证" reaches every head. Rules (the words) are in rules.yml `heads`."""
from __future__ import annotations

import re

from .lexicon import rules

LEVEL_KEYS = ("level", "certificate")


def _words(key: str) -> re.Pattern:
    return re.compile("|".join(map(re.escape, rules()["heads"][key])))


def _level(head: dict):
    return next((head[k] for k in LEVEL_KEYS if head.get(k)), None)


def align(facts: dict, known: dict | None, text: str, pending: str | None, lists: tuple) -> dict:
    """`facts` (engine-ready, this message) with each list rewritten so that merging it by
    index into `known` puts every head where it belongs. Empty dicts keep a known head as it is."""
    if not known:
        return facts
    for root, body in facts.items():
        for name in lists:
            if not name.startswith(root + "."):
                continue
            path = name[len(root) + 1:].split(".")
            said = _get(body, path)
            have = _get(known.get(root) or {}, path)
            if not (isinstance(said, list) and said and isinstance(have, list) and have):
                continue
            numbered = pending and re.search(rf"(^|\.){re.escape(name)}\[(\d+)\]", pending)
            if pending and re.search(rf"(^|\.){re.escape(name)}\[\]", pending) and len(said) == 1 \
                    and not _level(said[0]) and said[0]:
                _set(body, path, [dict(said[0]) for _ in have])     # asked of every head ("[]"): each
                continue
            told = [h for h in said if h]
            if len(said) > len(have) and not said[0] and len(told) == len(have) and not any(_level(h) for h in told):
                said = told         # a place kept for the head asked about, then every head by name
                _set(body, path, said)
            groups = {h.get("group") for h in told}
            if len(told) > 1 and len(groups) == 1 and None not in groups and not any(_level(h) for h in told) \
                    and len([h for h in have if h.get("group") in groups]) not in (0, len(told)):
                _set(body, path, _line_up(told, have, text))    # "不对 失业人员是5个 我少算了一个",
                continue                                        # whatever was asked
            if len(have) == 1 and (not have[0].get("group") or not any(h.get("group") for h in said)) \
                    and len(said) > 1 and not numbered \
                    and any(_level(h) for h in said) and _level(have[0]) in {None} | {_level(h) for h in said} \
                    and not any(isinstance(v, str) and _DATE.match(v) for v in have[0].values()) \
                    and not _ALSO_A_LEVEL.search(text):      # (a head with its own date is one person)
                # "专项能力…都是免费培训的" (or "学员都是灵活就业人员") made one head; the classes told
                # now are the heads, and what was said of that one is said of them all
                _set(body, path, [{**have[0], **h} for h in said])
                continue
            if numbered and _words("every").search(text) and not any(_level(h) for h in said) \
                    and not any(h for h in said[1:]):        # "证书都是浙江省内发的" (not heads told each)
                one = said[int(numbered.group(2))] if int(numbered.group(2)) < len(said) else {}
                _set(body, path, [dict(one) for _ in have])
                continue
            index = int(numbered.group(2)) if numbered else None
            if numbered and len(said) == 1 and 0 < index < len(have) and (
                    not _words("every").search(text) or (_level(said[0]) and not _level(have[index]))) \
                    and _level(said[0]) in (None, _level(have[index]) or _level(said[0])):   # (another level: another head)
                _set(body, path, [{} for _ in range(index)] + [said[0]])
                continue            # "灵活就业人员" to "第3位培训学员：人员类别？": the 3rd head's
                # ("都是高级工" to "这4位的证书各是什么？" asked from the 2nd: the check gives it to all 4)
            if numbered and (not any(_level(h) for h in said) or index >= len(have) or not _level(have[index])):
                continue            # an answer about one numbered head: already in its place
            _set(body, path, _line_up(said, have, text))
    return facts


def prune(facts: dict) -> dict:
    """Lists whose heads say nothing ("都是" read before the question's own answer) are left out."""
    def clean(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                value = clean(value)
                if isinstance(value, list) and value and all(isinstance(h, dict) and not h for h in value):
                    continue
                if isinstance(value, dict) and not value:
                    continue
                out[key] = value
            return out
        return node
    return clean(facts)


def _line_up(said: list, have: list, text: str) -> list:
    out = [{} for _ in have]
    free = [i for i, h in enumerate(have) if not _level(h)]  # "有" said to "有没有…", or a head with no level yet
    # (a free head with another group is not this one: "失业人员的班" is not "灵活就业的")
    more = bool(_words("more").search(text) or _ALSO_A_LEVEL.search(text))
    # what every head has (said of them all: "证都是在班上考的") does not make a head a told one
    shared = set.intersection(*[{(k, str(v)) for k, v in h.items()} for h in have]) if len(have) > 1 else set()
    if not any(_level(h) for h in said):
        groups = {h.get("group") for h in said}
        mine = [i for i, h in enumerate(have) if h.get("group") in groups]
        if len(groups) == 1 and None not in groups and mine:
            # "失业人员是七个，我少算了一个", "失业人员那几个都不是紧缺": that class, told again;
            # heads added are like its others
            fields = [{k: v for k, v in h.items() if k != "group"} for h in said]
            for j, i in enumerate(mine):    # each head told keeps its own fields ("5个…去年毕业 2个2023年毕业")
                out[i] = dict(fields[j] if j < len(fields) else fields[0])
            extra = fields[len(mine):] if len(said) > 1 else []
            return out + [{**have[mine[-1]], **f} for f in extra]
        if len(groups) == 1 and None not in groups and not mine and (more or all(h.get("group") for h in have)):
            return out + [dict(h) for h in said]           # "另外有三个灵活就业的…": heads of another class, added
        if _words("every").search(text) and len(said) == 1:
            return [dict(said[0]) for _ in have]          # "证书都是浙江省内发的"
        while len(said) > len(have) and not said[0]:
            said = said[1:]     # a place kept for the head asked about, then every head by name
        return said                                       # fields of the first head, as read
    others = re.search(rules()["heads"]["others"], text)
    if others:          # the heads said are the ones named before "另外两个不是"
        said = [h for i, h in enumerate(said) if _level(h) not in {_level(x) for x in said[:i]}]
    taken: set = set()
    # heads named by their level find theirs first; then heads told without one ("一个去年5月 一个
    # 去年11月 特级技师那个是今年1月的") take, in order, the known heads not yet told those fields
    order = sorted(range(len(said)), key=lambda j: not _level(said[j]))
    for j in order:
        head = said[j]
        if not head:
            continue        # a place kept for the head asked about, told nothing ("C：高级工…" asked of B)
        level = _level(head)
        if not level and not head.get("group") and others:
            continue        # "三个人都还在…": said of all of them (given to the rest below)
        if not level and not head.get("group") and not more and any(_level(x) for x in said):
            untold = [i for i in range(len(have)) if i not in taken and not any(k in have[i] for k in head)]
            if untold:
                taken.add(untold[0])
                out[untold[0]] = dict(head)
                continue
        same = [i for i, h in enumerate(have) if level and _level(h) == level and i not in taken] or \
            [i for i, h in enumerate(have) if head.get("group") and h.get("group") == head["group"]
             and not _level(h) and i not in taken]      # "办了失业人员的班" … "失业人员6个拿了中级工"
        fits = [i for i in free if i not in taken and (not head.get("group") or have[i].get("group")
                                                       in (None, head["group"]))
                and not (more and {k for k, v in have[i].items() if (k, str(v)) not in shared} - {"count", "group"})]
        # ("另外还有个特级技师": not the one told)
        dated = [i for i in same if _same_month(head, have[i])]
        if dated and len(same) > 1:
            same = dated            # "5月份来的那个高级工": the 高级工 hired in May
        if same and not more:
            i = same[0]
        elif fits:
            i = fits[0]
        else:
            out.append(dict(head))
            continue
        taken.add(i)
        out[i] = {k: v for k, v in head.items() if (k not in LEVEL_KEYS or not _level(have[i]))
                  and not (k in _month_keys(head, have[i]) and not _YEAR_SAID.search(text))}
        # the month that named it is no new date; with its year said ("是前年5月引进的 不是去年") it is
    if others:
        told = [h for h in said if h]
        everyone = {k for k in set().union(*told) if len(told) > 1 and all(h.get(k) == told[0].get(k) for h in told)
                    and not all(_level(h) for h in told)}   # "三个人都还在…": said of all, not "另外两个不是"
        flags = {k: v for h in said for k, v in h.items() if isinstance(v, bool) and k not in everyone}
        for i, h in enumerate(have):
            if i not in taken:
                out[i] = {**{k: v for k, v in (told[0] if told else {}).items() if k in everyone},
                          **{k: not v for k, v in flags.items()}}
        return out
    if not more:
        for level in {_level(h) for h in said}:       # "高级工14个月": every known 高级工 when said once
            mine = [h for h in said if _level(h) == level]
            rest = [i for i, h in enumerate(have) if _level(h) == level and i not in taken]
            if len(mine) == 1 and rest:
                for i in rest:
                    out[i] = dict(out[next(j for j in taken if _level(have[j]) == level)])
    return out


# "老周也是高级技师": another head of a level already told (not "技师那个也是钱塘户籍")
_ALSO_A_LEVEL = re.compile(r"也(?:是|评上?了?|考出?了?|拿了?)(?:个|一个)?(?:高级技师|特级技师|首席技师|高级工|中级工|初级工|技师)")
_DATE = re.compile(r"^\d{4}-(\d{2})")


_YEAR_SAID = re.compile(r"今年|去年|前年|[0-9]{2,4}年(?!前)")


def _month_keys(head: dict, had: dict) -> list:
    """Date fields of a head told that name a known head's month ("5月份来的那个" of one hired
    2025-05-06): a way of pointing at it, not a date of its own (its year may be a guess)."""
    out = []
    for k, v in head.items():
        old = had.get(k)
        if isinstance(v, str) and isinstance(old, str) and _DATE.match(v) and _DATE.match(old) \
                and _DATE.match(v).group(1) == _DATE.match(old).group(1) and (len(v) <= 7 or v[8:] == "01") and v != old:
            out.append(k)
    return out


def _same_month(head: dict, had: dict) -> bool:
    return bool(_month_keys(head, had)) or any(
        isinstance(v, str) and _DATE.match(v) and had.get(k) == v for k, v in head.items())


def _get(body: dict, path: list):
    for key in path:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _set(body: dict, path: list, value) -> None:
    for key in path[:-1]:
        body = body.setdefault(key, {})
    body[path[-1]] = value
