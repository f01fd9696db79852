"""Text as the pipeline reads it: NFKC, Simplified characters, common typos fixed, and a
space between two Chinese words read as a clause break (WeChat users separate phrases with
spaces: "我是技师 去年考的")."""
from __future__ import annotations

import re
import unicodedata

from .lexicon import level_words, rules, typos
from .textnorm import normalise as _simplified

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# "招了5个高级工 2个是钱塘户籍 3个不是": a space before a part of the heads and its yes or no is a
# break (not after a class named by its trade, "焊接的 8个人拿了证"); "技师 2个 高级工 3个": a space between a level and
# its headcount said alone joins them (not "高级工 两个拿了中级工").
_SPACE_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人))")
_COUNT_PREDICATE = re.compile(r"[0-9一二两三四五六七八九十]+\s*(?:个|名|位)人?(?:是|不是|不|没|也|都|还)")
_COUNT_ALONE = re.compile(r"[0-9一二两三四五六七八九十]+\s*(?:个|名|位|人)人?(?:[\s,，。;；]|$)")


def spaces_as_breaks(text: str) -> str:
    """"我是技师 去年考的" → "我是技师，去年考的": a space between Chinese words is a clause break."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    levels = tuple(level_words())
    text = _SPACE_COUNT.sub(lambda m: "，" if _COUNT_PREDICATE.match(text, m.end()) and text[m.start() - 1] != "的"
                            else "" if text[:m.start()].endswith(levels) and _COUNT_ALONE.match(text, m.end())
                            else m.group(0), text)
    return _CJK_SPACE.sub("，", text)


def prepare(text: str) -> str:
    text = _fix_typos(spaces_as_breaks(text))       # before 繁→简 too: it turns "户藉" into "户借"
    return re.sub(rules()["form_field"], "", _fix_typos(_simplified(text)))


def _fix_typos(text: str) -> str:
    for wrong, right in typos().items():
        if wrong in text:
            text = text.replace(wrong, right)
    return text
