"""Text as the pipeline reads it: NFKC, Simplified characters, common typos fixed, and a
space between two Chinese words read as a clause break (WeChat users separate phrases with
spaces: "我是技师 去年考的")."""
from __future__ import annotations

import re
import unicodedata

from .lexicon import typos
from .textnorm import normalise as _simplified

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
                        r"|(?<=[0-9])\s+(?=[\u4e00-\u9fff])(?![个月年块元万千百名位人号日天岁次期批级周])")
_ELLIPSIS = re.compile(r"\.{2,}|。{2,}")      # NFKC makes "…" three dots


def spaces_as_breaks(text: str) -> str:
    """"我是技师 去年考的" → "我是技师，去年考的": a space between Chinese words is a clause break,
    and so is one after a number ("其实是8000 不是5000"), unless its unit follows ("8 个月")."""
    text = _ELLIPSIS.sub("…", unicodedata.normalize("NFKC", text or "").strip())
    return _CJK_SPACE.sub("，", text)


def prepare(text: str) -> str:
    text = fix_typos(spaces_as_breaks(text))       # before 繁→简 too: it turns "户藉" into "户借"
    return fix_typos(_simplified(text))


def fix_typos(text: str) -> str:
    for wrong, right in typos().items():
        if wrong in text:
            text = text.replace(wrong, right)
    return text
