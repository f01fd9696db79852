"""Text as the pipeline reads it: NFKC, Simplified characters, common typos fixed (rules.yml's
table, then the KB's key words typed with a homophone: homophones.py), and a
space between two Chinese words read as a clause break (WeChat users separate phrases with
spaces: "我是技师 去年考的")."""
from __future__ import annotations

import functools
import re
import unicodedata

from . import homophones
from .lexicon import level_words, rules, typos
from .textnorm import normalise as _simplified

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
                        r"|(?<=[0-9])\s+(?=[\u4e00-\u9fff])(?![个月年块元万千百名位人号日天岁次期批级周])"
                        r"|(?<=[\u4e00-\u9fff])\s+(?=[0-9]+\s*个多?月)"     # "没断 10个月"
                        r"|(?<=[\u4e00-\u9fff])(?<![师工人名个])\s+(?=[0-9.]+\s*(?:元|块|万元?)?\s*$)")   # "今年还没申请过 0" (not "技师 0")
# "今年2月考出来两个高级工 5月又来了一个技师": a space before a date, after a statement that had a
# date of its own, opens the next statement (not "张某 高级技师 2025年3月20日取证": the head's date)
_SPACE_DATE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![是在于从到至和及与跟为])\s+(?=(?:19|20)?[0-9]{1,2}\s*[年月](?!份?[内里]))")
_DATE_SAID = re.compile(r"(?:19|20)?[0-9]{1,2}\s*[年月]|今年|去年|前年|上个?月|(?:十[一二]?|[一二三四五六七八九])月")
_ELLIPSIS = re.compile(r"\.{2,}|。{2,}")      # NFKC makes "…" three dots
# a new line, and the number a list puts before it ("\n2. 育婴员…", "\n3、…", "\n(1)…")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*(?:(?:[0-9]{1,2}|[一二三四五六七八九十])[.、)）](?![0-9])|[(（][0-9]{1,2}[)）])?[ \t]*")


# "技师 2个 高级工 3个": a space between a level and its headcount said alone joins them (not
# "高级工 两个拿了中级工").
_SPACE_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人))")
_COUNT_ALONE = re.compile(r"[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人)人?(?:[\s,，。;；]|$)")
# "招了5个高级工 2个是钱塘户籍 3个不是", "新招了4个技师 1个钱塘户口 3个外地户口": a space before a
# count in digits that says something of part of a group counted just before (fewer than it, and
# no level in what it says: "有8个 5个高级工", "学员25个 20个拿了初级工证" stay as they are) is a
# clause break, as it is before "两个是…" (Chinese numerals are Chinese words). Not "招了 3个技师".
_SPACE_PART = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=([0-9]+)\s*(?:个(?!多?月)|名|位)人?([^\s,，。;；]*))")
# (Not in a training body's message: there a count after the class is mostly the number who
# passed, and reading it as a part cost the frozen split 0.4 points on trainees' counts.)
_TRAINING = re.compile(r"(?<!通过)(?<!经过)培训(?!拿|取得|考出)|学员|参训")     # ("通过培训拿的证": a class's graduates)
_COUNTED = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)\s*(?:个(?!多?月)|名|位|人)")


# "3个技师里有一个已经走了": a part of the group just counted, said in the same breath, is a
# clause of its own ("3个技师，其中有一个…"), as it is after a comma
_GROUP_PART = re.compile(r"([0-9一二两三四五六七八九十][个名位][\u4e00-\u9fff]{1,6}?)(?:里面|里头|里|当中|中间)"
                         r"(?=有?[0-9一二两三四五六七八九十]+[个名位])")


def spaces_as_breaks(text: str) -> str:
    """"我是技师 去年考的" → "我是技师，去年考的": a space between Chinese words is a clause break,
    and so is one after a number ("其实是8000 不是5000"), unless its unit follows ("8 个月")."""
    text = _ELLIPSIS.sub("…", unicodedata.normalize("NFKC", text or "").strip())
    text = _LINE_BREAK.sub("；", text)      # a line of its own ("1. 电工 失业人员 18人") is a clause
    runs = [r for r in re.split(r"[\s，,。；;！!？?]+", text) if r]
    if text.count(" ") >= 5 and sum(len(r) for r in runs) <= 2.5 * len(runs):
        # "我 在 钱塘 区 上班 ， 高级 技师 证 是…": a text cut into words, no phrases: the spaces say nothing
        text = re.sub(r"[ \t]+", "", text)
    levels = tuple(level_words())
    text = _SPACE_COUNT.sub(lambda m: "" if text[:m.start()].endswith(levels) and _COUNT_ALONE.match(text, m.end())
                            else m.group(0), text)
    # "3个高级工 2个中级工", "来了5个 3个高级工": after a level or a count, a count with a level of
    # its own is the next class
    text = _SPACE_COUNT.sub(lambda m: "，" if (text[:m.start()].endswith(levels) or re.search(r"[0-9一二两三四五六七八九十][个名位]$", text[:m.start()]))
                            and _level_next().match(text, m.end()) else m.group(0), text)
    # "…大学生 2个是2022年毕业的": a count that says what its heads are starts a clause
    text = _SPACE_PART.sub(lambda m: "，" if m.group(2).startswith("是") or _part_of_group(text, m)
                           or _beside_a_part(text, m) else m.group(0), text)
    text = _SPACE_DATE.sub(lambda m: "，" if _DATE_SAID.search(re.split(r"[，,。；;！!？?\s]", text[:m.start()])[-1])
                           else m.group(0), text)
    text = _GROUP_PART.sub(r"\1，其中", text)
    return _CJK_SPACE.sub("，", text)


def _part_of_group(text: str, m) -> bool:
    """Is the count after the space `m` part of a group counted right before it?"""
    from .values import number
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    groups = [number(g.group(1)) or 0 for g in _COUNTED.finditer(text, start, m.start())]
    from .reader import _ONE_OF, _bare_part
    if _TRAINING.search(text) and not _parts_add_up(text, start, groups):
        return False        # a training class's "20个失业人员 18个通过": those certified, left as before
    return any(n > int(m.group(1)) for n in groups) and not any(level in m.group(2) for level in level_words()) \
        and bool(_bare_part(text[m.end():]) or _ONE_OF.match(text[m.end():]))


@functools.lru_cache(maxsize=1)
def _level_next() -> re.Pattern:
    """A count in digits with a level of its own just after it ("2个中级工", "3个在班里考了高级工")."""
    return re.compile(r"[0-9]+\s*(?:个|名|位|人)[^\s，,。；;]{0,6}?(?:" + "|".join(map(re.escape, level_words())) + ")")


def _beside_a_part(text: str, m) -> bool:
    """"毕业后3个去了别的企业 5个来了我们这": a count said of part of a group, then another
    after the space (each a count and what it did): the second part's own clause."""
    from .reader import _bare_part
    run = re.split(r"[\s,，。；;！!？?]", text[:m.start()])[-1]
    last = list(_COUNTED.finditer(run))
    return bool(last) and bool(_bare_part(run[last[-1].start():], False)) and bool(_bare_part(text[m.end():], False))


def _parts_add_up(text: str, start: int, groups: list) -> bool:
    """"培训了7个大学生 5个是去年毕业的 2个是2022年毕业的": the parts after spaces add up to the
    group, so each is a class of its own (not the certified part of a training class)."""
    from .values import number
    parts = [number(p.group(1)) or 0 for p in _SPACE_PART.finditer(text, start)]
    return len(parts) >= 2 and sum(parts) in groups


# "户口的话都不是钱塘的", "户籍嘛都不在钱塘": a topic particle after what is spoken of says nothing
# (left in, it cuts the fact's word from the negation after it)
_TOPIC = re.compile(r"(户口|户籍|社保|证书|编制|工种|等级|级别|学历|单位|公司|学校)(?:的话|嘛|呢|呀|啊|吧)[，,]?(?=[都也就是不没在还])")


def prepare(text: str) -> str:
    text = fix_typos(spaces_as_breaks(text))       # before 繁→简 too: it turns "户藉" into "户借"
    return _TOPIC.sub(r"\1", re.sub(rules()["form_field"], "", homophones.fix(fix_typos(_simplified(text)))))


def fix_typos(text: str) -> str:
    for wrong, right in typos().items():
        if wrong in text:
            text = text.replace(wrong, right)
    return text
