"""Typos a pinyin keyboard makes in the knowledge base's key words, fixed before reading.

A phone keyboard offers every character of a syllable: "钱堂" for 钱塘, "社宝" for 社保,
"中华技能大将" for 中华技能大奖, "工作事" for 工作室, "个体公商户" for 个体工商户. Rather than one
entry a typo (rules.yml `typos` keeps the ones that are no homophone: 技帅), the table is
generated from the KB's vocabulary: every key word (levels, long value words, programme names,
the domain nouns of rules.yml's word classes) with one character replaced by a common character
of the same syllable (tones ignored: the keyboard ignores them).

What keeps it from false matches:
- a variant that is itself a word (jieba's dictionary, or any KB term: "上半" of 上班, "技士") is
  never a typo;
- a variant is fixed only where the fixed text reads clearly likelier than the typed one (jieba's
  best segmentation, the KB's terms in its dictionary): "工作事情" stays (事情 is a word), and so does
  "带学生" (大学生 would take 学生 from it);
- key words starting with a numeral (五级, 一级) and one-character words have no variants.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_CLASSES = ("place", "ss", "studio", "hukou", "shortage", "establishment", "self_eval", "subsidy", "district_org",
            "secondary")
_GAIN = 4.0                 # how much likelier (jieba's log probability) the fixed text must read


def _toneless(syllable: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


@functools.lru_cache(maxsize=1)
def _syllables() -> tuple:
    """(char → its toneless syllables, syllable → the common characters read so), from jionlp's
    character dictionary and character frequencies (common: the 3500 most used characters)."""
    import json
    import jionlp
    folder = Path(jionlp.__file__).parent / "dictionary"
    counts = [json.loads(line) for line in (folder / "char_distribution.json").read_text(encoding="utf-8").split("\n")
              if line.strip()]
    common = {c for c, _ in sorted((pair for pair in counts if _CJK.fullmatch(pair[0])), key=lambda p: -p[1])[:_COMMON_CHARS]}
    of_char: dict = {}
    chars_of: dict = {}
    for line in (folder / "chinese_char_dictionary.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 8 or len(parts[0]) != 1:
            continue
        readings = {_toneless(s) for s in _READING.findall(parts[7])}
        of_char[parts[0]] = readings
        if parts[0] in common:
            for s in readings:
                chars_of.setdefault(s, set()).add(parts[0])
    return of_char, chars_of


_READING = re.compile(r"\[([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+)\]")
_COMMON_CHARS = 3500


def _key_words() -> set:
    """The KB's key words: levels, long value words (中华技能大奖, 个体工商户), programme names and
    the domain nouns of rules.yml's word classes (places, 社保, 工作室, 户籍, 补助, 人社局…). Short
    value words (工地, 德企) and cue words (拿证时, 今年初) are left out: their variants are
    everyday text ("工的", "的企", "拿证是")."""
    from .lexicon import all_terms, level_words, rules
    terms = all_terms()
    words = {w for w, label in terms.items() if (label == "VALUE" and len(w) >= 4) or label == "PROGRAMME"}
    words.update(level_words())
    for name in _CLASSES:
        words.update(str(w) for w in rules()["classes"].get(name, ()))
    return {w for w in words if _CJK.fullmatch(w) and len(w) >= 2 and w[0] not in "一二两三四五六七八九十"}


def _word_freq() -> dict:
    import jieba
    jieba.initialize()
    return jieba.dt.FREQ


@functools.lru_cache(maxsize=1)
def table() -> dict:
    """variant → (key word, index of the replaced character)."""
    from .lexicon import all_terms
    of_char, chars_of = _syllables()
    freq = _word_freq()
    terms = set(all_terms())
    out: dict = {}
    for word in sorted(_key_words()):
        for i, ch in enumerate(word):
            for s in of_char.get(ch, ()):
                for other in chars_of.get(s, ()):
                    if other == ch:
                        continue
                    variant = word[:i] + other + word[i + 1:]
                    if variant in terms or freq.get(variant, 0) > 0:
                        continue        # a word of its own ("上半"), or a KB term
                    if variant in out and out[variant][0] != word:
                        out[variant] = (None, i)    # two key words share it: not fixed
                    else:
                        out[variant] = (word, i)
    return {v: wi for v, wi in out.items() if wi[0] is not None}


def fix(text: str) -> str:
    """The text with key words' homophone typos replaced (longest variant first, left to right),
    where the fixed words read clearly likelier than the typed ones (jieba's best segmentation
    with the KB's terms in its dictionary: "钱堂上班" → "钱塘上班", not "带学生" → "大学生")."""
    if not text or not _CJK.search(text):
        return text
    found = table()
    lengths, starts = _shape()
    out, i = [], 0
    while i < len(text):
        for n in (lengths if text[i:i + 2] in starts else ()):
            variant = text[i:i + n]
            hit = found.get(variant) if len(variant) == n else None
            if hit and _likelier(text, i, i + n, hit[0]):
                out.append(hit[0])
                i += n
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _shape() -> tuple:
    """The variants' lengths, longest first, and their first two characters (a quick test)."""
    found = table()
    return sorted({len(v) for v in found}, reverse=True), frozenset(v[:2] for v in found)


def _likelier(text: str, start: int, end: int, word: str) -> bool:
    a, b = max(0, start - 4), min(len(text), end + 4)
    typed = text[a:b]
    fixed = text[a:start] + word + text[end:b]
    return _log_probability(fixed) - _log_probability(typed) >= _GAIN


def _log_probability(text: str) -> float:
    import jieba
    from .nlp import load
    load()          # the KB's terms in jieba's dictionary
    best: dict = {}
    jieba.dt.calc(text, jieba.dt.get_DAG(text), best)
    return best[0][0]
