"""Text as the pipeline reads it: NFKC, Simplified characters, common typos fixed, and a
space between two Chinese words read as a clause break (WeChat users separate phrases with
spaces: "我是技师 去年考的")."""
from __future__ import annotations

import re
import unicodedata

from .lexicon import rules, typos
from .textnorm import normalise as _simplified

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def spaces_as_breaks(text: str) -> str:
    """"我是技师 去年考的" → "我是技师，去年考的": a space between Chinese words is a clause break."""
    return _CJK_SPACE.sub("，", unicodedata.normalize("NFKC", text or "").strip())


def prepare(text: str) -> str:
    text = _fix_typos(spaces_as_breaks(text))       # before 繁→简 too: it turns "户藉" into "户借"
    return re.sub(rules()["form_field"], "", _fix_typos(_simplified(text)))


def _fix_typos(text: str) -> str:
    for wrong, right in typos().items():
        if wrong in text:
            text = text.replace(wrong, right)
    return text
