"""Turn the bot's Rasa messages into what a WeChat text message can carry.

WeChat shows plain text only: buttons become numbered choices the user answers with a
digit, custom/JSON payloads and images are never shown raw, and a text over WeChat's
2048-byte limit is cut on paragraph, then line, then sentence boundaries.
"""
import re
import unicodedata
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

WECHAT_TEXT_LIMIT = 2048  # bytes of UTF-8 in one text message (passive or customer service)
CHOICE_HEADER = "回复数字选择："

# Coarse to fine: blank line, line break, then Chinese/Western sentence ends (kept).
_PARAGRAPH, _LINE = "\n\n", "\n"
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_NUMBERS = re.compile(r"\d+(?:\s*[,，、;；\s]\s*\d+)*[.。、]?")


class Choice(NamedTuple):
    title: str
    payload: str


def render_messages(messages: Iterable[Dict[str, Any]]) -> Tuple[str, List[Choice]]:
    """Join one turn's bot messages into one text; return it with its numbered choices.

    Choices are numbered across the whole turn so "2" always means one button.
    """
    blocks: List[str] = []
    payloads: List[Choice] = []
    for message in messages:
        text = (message.get("text") or "").strip()
        for element in message.get("elements") or []:
            line = "：".join(p for p in (element.get("title"), element.get("subtitle")) if p)
            text = "\n".join(p for p in (text, line) if p)
        buttons = [b for b in message.get("buttons") or [] if b.get("title")]
        if buttons:
            lines = []
            for button in buttons:
                payloads.append(Choice(button["title"], str(button.get("payload") or button["title"])))
                lines.append(f"{len(payloads)}. {button['title']}")
            text = "\n".join(p for p in (text, CHOICE_HEADER, *lines) if p)
        if text:
            blocks.append(text)
    return _PARAGRAPH.join(blocks), payloads


def chosen_payload(text: str, choices: Sequence[Choice]) -> Optional[str]:
    """What to tell the bot when the user answers numbered choices, else None.

    One number ("2", full-width "２", "2.") is that button's payload; several ("1 3", "1、3")
    are the titles joined with "、", as the user would type them for a multi-choice question.
    """
    typed = unicodedata.normalize("NFKC", text or "").strip()
    if not choices or not _NUMBERS.fullmatch(typed):
        return None
    numbers = [int(n) for n in re.findall(r"\d+", typed)]
    if not all(1 <= n <= len(choices) for n in numbers):
        return None
    if len(numbers) == 1:
        return choices[numbers[0] - 1].payload
    return "、".join(dict.fromkeys(choices[n - 1].title for n in numbers))


def split_utf8(text: str, limit: int = WECHAT_TEXT_LIMIT) -> List[str]:
    """Cut text into parts of at most `limit` UTF-8 bytes, on the coarsest boundary that fits."""
    parts = [p.strip() for p in _split(text.strip(), limit, 0)]
    return [p for p in parts if p]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _pieces(text: str, level: int) -> Tuple[List[str], str]:
    if level == 0:
        return text.split(_PARAGRAPH), _PARAGRAPH
    if level == 1:
        return text.split(_LINE), _LINE
    if level == 2:
        return [p for p in _SENTENCE_END.split(text) if p], ""
    return list(text), ""  # last resort: characters never cut inside a UTF-8 sequence


def _split(text: str, limit: int, level: int) -> List[str]:
    if _size(text) <= limit:
        return [text]
    pieces, joiner = _pieces(text, level)
    units: List[str] = []
    for piece in pieces:
        units.extend([piece] if _size(piece) <= limit else _split(piece, limit, level + 1))
    parts: List[str] = []
    current = ""
    for unit in units:
        candidate = current + joiner + unit if current else unit
        if _size(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = unit
    parts.append(current)
    return parts
