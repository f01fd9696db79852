"""Normalise what people type before anything reads it: full-width → half-width, spaces
removed (Rasa issue 7910: jieba makes them tokens), Traditional → Simplified (jionlp's
character table: users on Taiwanese/HK keyboards write 補貼/證書/引進).

Pure module: imported by the NLU pipeline (bot/nlu_components.py), by actions and by the
hotline agent page.
"""
from __future__ import annotations

import contextlib
import io
import unicodedata

with contextlib.redirect_stdout(io.StringIO()):     # jionlp prints a banner on import
    import jionlp


def simplified(text: str) -> str:
    return jionlp.tra2sim(text, mode="char") if text else ""


def normalise(text: str | None) -> str:
    """NFKC (full-width digits/letters → ASCII), no whitespace, Simplified characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")
    return simplified(text)
