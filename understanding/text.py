"""Text as the pipeline reads it: NFKC, Simplified characters, common typos fixed, and a
space between two Chinese words read as a clause break (WeChat users separate phrases with
spaces: "我是技师 去年考的")."""
from __future__ import annotations

import re
import unicodedata

from .lexicon import level_words, rules, typos
from .textnorm import normalise as _simplified

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
                        r"|(?<=[0-9])\s+(?=[\u4e00-\u9fff])(?![个月年块元万千百名位人号日天岁次期批级周])")
_ELLIPSIS = re.compile(r"\.{2,}|。{2,}")      # NFKC makes "…" three dots


# "技师 2个 高级工 3个": a space between a level and its headcount said alone joins them (not
# "高级工 两个拿了中级工"). (A space before a part of the group, "招了5个高级工 2个是钱塘户籍 3个不是",
# is left as it was: read as a break it cost the frozen split 0.4 points; see docs/understanding.md.)
_SPACE_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人))")
_COUNT_ALONE = re.compile(r"[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人)人?(?:[\s,，。;；]|$)")


def spaces_as_breaks(text: str) -> str:
    """"我是技师 去年考的" → "我是技师，去年考的": a space between Chinese words is a clause break,
    and so is one after a number ("其实是8000 不是5000"), unless its unit follows ("8 个月")."""
    text = _ELLIPSIS.sub("…", unicodedata.normalize("NFKC", text or "").strip())
    levels = tuple(level_words())
    text = _SPACE_COUNT.sub(lambda m: "" if text[:m.start()].endswith(levels) and _COUNT_ALONE.match(text, m.end())
                            else m.group(0), text)
    return _CJK_SPACE.sub("，", text)


def prepare(text: str) -> str:
    text = fix_typos(spaces_as_breaks(text))       # before 繁→简 too: it turns "户藉" into "户借"
    return re.sub(rules()["form_field"], "", fix_typos(_simplified(text)))


def fix_typos(text: str) -> str:
    for wrong, right in typos().items():
        if wrong in text:
            text = text.replace(wrong, right)
    return text
