"""Full-text search over the built knowledge base (`kb.sqlite`, table `sections`).

SQLite's FTS5 cannot split Chinese into words, so every piece of text is indexed as a
jieba-segmented copy and queries are segmented the same way. The KB's own words
(programme names, aliases, levels, honours…) are added to jieba and also emitted
whenever they occur inside a text, so "大师工作室" matches "区级技能大师工作室…" and
an alias such as "订单班" stays one token; character pairs are indexed beside the words
at a low weight as a fallback. A second index, `programme_names` (one row per programme:
its name and aliases), scores how strongly the query names each programme; that score
boosts all of the programme's sections (the "alias boost"), so "订单班" finds 校企合作办班资助
although the word is in none of its texts.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import sqlite3
import warnings
from pathlib import Path

DEFAULT_DB = Path(__file__).resolve().parent / "kb.sqlite"

# How much a query naming a programme (name or alias) outweighs words found in a text.
NAME_BOOST = 2.0
# bm25() weights of the indexed columns: words, then character pairs (a fallback only).
WEIGHTS = "1.0, 0.2"
# Query words too common to say anything about a programme.
STOPWORDS = frozenset(
    "我 你 他 她 我们 您 的 了 吗 呢 吧 啊 呀 是 有 在 和 与 及 或 能 可以 可 要 想 会 都 也 就 还 "
    "怎么 怎样 如何 什么 哪些 哪个 多少 几 请问 一下 一个 这个 那个 给 拿 领 办 问 个 么 嘛 啥".split())
_STOP_CHARS = frozenset("我你他她您的了吗呢吧啊呀是有在和与及或能可要想会都也就还么啥个几给拿领办问")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?[万千]")
_WORD = re.compile(r"\w")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@functools.lru_cache(maxsize=None)
def _segmenter():
    """A private jieba tokenizer knowing the KB's words (the global one stays untouched)."""
    with warnings.catch_warnings():      # jieba 0.42 trips DeprecationWarnings on import
        warnings.simplefilter("ignore")
        import jieba

    from .terms import terms

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    words = sorted({w for kind in terms().values() for w in kind if len(w) > 1})
    for word in words:
        tokenizer.add_word(word, freq=100000)
    # Longest first so a text's KB words are found in a fixed order.
    return tokenizer, tuple(sorted(words, key=lambda w: (-len(w), w)))


def tokens(text: str) -> list:
    """The search tokens of `text`: jieba's words and sub-words plus every KB word it contains."""
    tokenizer, words = _segmenter()
    out = [t for t in tokenizer.cut_for_search(text) if _WORD.search(t)]
    compact = re.sub(r"\s+", "", text)
    out.extend(w for w in words if w in compact)
    out.extend(_AMOUNT.findall(compact))        # "10万" whether followed by 元 or not
    return list(dict.fromkeys(t.strip() for t in out if t.strip()))


def segment(text: str) -> str:
    """The space-joined tokens stored in the FTS5 index for `text`."""
    return " ".join(tokens(text))


def bigrams(text: str) -> str:
    """Character pairs of each Chinese run, indexed at a low weight: a word that jieba
    splits differently in the query and in the text (e.g. "留区") still matches."""
    pairs = (run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1))
    return " ".join(dict.fromkeys(pairs))


def _match_expression(query: str) -> str | None:
    words = [t for t in tokens(query) if t not in STOPWORDS]
    pairs = [p for p in bigrams(query).split() if p not in words and not (set(p) & _STOP_CHARS)]
    if not words and not pairs:
        return None
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words + pairs)


def _connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _fresh_db(db: Path | None) -> Path:
    """The database to search; the default one is (re)built when missing or out of date."""
    if db is not None:
        return Path(db)
    from .build import build, built_version
    from .kb import load

    if built_version(DEFAULT_DB) != load().rules_version:
        build(DEFAULT_DB)
    return DEFAULT_DB


def search(query: str, limit: int = 5, db: Path | None = None) -> list:
    """The sections best matching `query`, best first.

    score = BM25 of the section's text + NAME_BOOST × BM25 of its programme's names and
    aliases against the query (both as positive relevance; higher is better). Sections of a
    programme the query names are candidates even when their own text does not match.
    Each hit: programme (number; None for the document's 附则), name, section, clause, text, score.
    """
    expression = _match_expression(query)
    if expression is None or limit <= 0:
        return []
    conn = _connect(_fresh_db(db))
    try:
        boost = {row[0]: -row[1] * NAME_BOOST for row in conn.execute(
            f"SELECT n.programme, bm25(programme_names_fts, {WEIGHTS}) FROM programme_names_fts"
            " JOIN programme_names n ON n.rowid = programme_names_fts.rowid WHERE programme_names_fts MATCH ?",
            (expression,))}
        relevance = {row[0]: -row[1] for row in conn.execute(
            f"SELECT rowid, bm25(sections_fts, {WEIGHTS}) FROM sections_fts WHERE sections_fts MATCH ?", (expression,))}
        named = ",".join(str(int(n)) for n in boost)
        rows = conn.execute(
            "SELECT id, programme, name, section, clause, text FROM sections"
            f" WHERE id IN (SELECT value FROM json_each(?)) OR programme IN ({named})",
            (json.dumps(list(relevance)),)).fetchall()
    finally:
        conn.close()
    scored = [(relevance.get(r["id"], 0.0) + boost.get(r["programme"], 0.0), r) for r in rows]
    scored.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
    return [{"programme": r["programme"], "name": r["name"], "section": r["section"], "clause": r["clause"],
             "text": r["text"], "score": round(score, 4)} for score, r in scored[:limit]]
