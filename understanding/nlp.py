"""The project's own spaCy pipeline: blank `zh`, jieba with the KB dictionary, an EntityRuler.

Built from policy_kb by `python -m understanding build` into bot/generated/spacy_zh (a normal
spaCy model folder: Rasa's SpacyNLP, the actions and the hotline page all load it from there;
nothing comes from a hub).

Tokenizer: jieba, except that every term the KB and understanding/rules.yml know is kept whole
(leftmost-longest), so the EntityRuler's phrase patterns always align with tokens ("没领过" is
没 + 领过 however jieba would cut it). The user dictionary travels inside the model folder and
is loaded into jieba when the pipeline loads (spaCy does not store jieba's dictionary).
"""
from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import jieba

# thinc (under spaCy) imports TensorFlow when it can: 10 s and a gigabyte for a pipeline that
# never uses it. Where TensorFlow is not loaded yet (the action server, the web pages), hide it
# while spaCy loads; a process that imports it later (Rasa) still gets it.
_hide_tf = "tensorflow" not in sys.modules
if _hide_tf:
    sys.modules["tensorflow"] = None        # type: ignore[assignment]
try:
    import spacy
    from spacy.tokens import Doc
    from spacy.util import registry
finally:
    if _hide_tf:
        del sys.modules["tensorflow"]

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "bot/generated/spacy_zh"
USERDICT = ROOT / "bot/generated/jieba/userdict.txt"

jieba.setLogLevel(60)


class KBJiebaTokenizer:
    """Callable spaCy tokenizer: KB terms whole, jieba for the rest."""

    def __init__(self, vocab, terms=(), userdict: str = ""):
        self.vocab = vocab
        self._set(list(terms), userdict)

    def _set(self, terms: list, userdict: str) -> None:
        self.terms = sorted(set(terms), key=lambda t: (-len(t), t))
        self.userdict = userdict
        self._re = re.compile("|".join(map(re.escape, self.terms))) if self.terms else None
        for line in userdict.splitlines():
            parts = line.split()
            if parts:
                jieba.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None)

    def _cut(self, chunk: str):
        pos = 0
        if self._re is not None:
            for m in self._re.finditer(chunk):
                if m.start() > pos:
                    yield from jieba.cut(chunk[pos:m.start()], HMM=True)
                yield m.group(0)
                pos = m.end()
        if pos < len(chunk):
            yield from jieba.cut(chunk[pos:], HMM=True)

    def __call__(self, text: str) -> Doc:
        words, spaces = [], []
        for chunk in re.split(r"(\s+)", text):
            if not chunk:
                continue
            if chunk.isspace():
                if chunk == " " and words and not spaces[-1]:
                    spaces[-1] = True
                else:
                    words.append(chunk)
                    spaces.append(False)
                continue
            for word in self._cut(chunk):
                words.append(word)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # serialisation: the terms and the jieba user dictionary live in the model folder
    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"terms": self.terms, "userdict": self.userdict}, ensure_ascii=False).encode()

    def from_bytes(self, data: bytes, **kwargs):
        blob = json.loads(data.decode())
        self._set(blob["terms"], blob["userdict"])
        return self

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "terms.json").write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs):
        return self.from_bytes((Path(path) / "terms.json").read_bytes())


@registry.tokenizers("qiantang.kb_jieba.v1")
def create_tokenizer():
    def make(nlp):
        return KBJiebaTokenizer(nlp.vocab)
    return make


def build(out: Path = MODEL_DIR) -> Path:
    """Make the pipeline from the KB and save it (a spaCy model folder)."""
    from .lexicon import all_terms
    terms = all_terms()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "qiantang.kb_jieba.v1"}}})
    userdict = USERDICT.read_text(encoding="utf-8") if USERDICT.exists() else ""
    nlp.tokenizer = KBJiebaTokenizer(nlp.vocab, terms, userdict)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns([{"label": label, "pattern": term} for term, label in sorted(terms.items())])
    nlp.meta["name"] = "qiantang_kb"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "钱塘技能人才政策助手: blank zh + jieba with the KB dictionary + KB EntityRuler"
    out = Path(out)
    nlp.to_disk(out)
    return out


@functools.lru_cache(maxsize=1)
def load(path: Path = MODEL_DIR):
    """The saved pipeline (built first when missing, e.g. in a fresh checkout)."""
    path = Path(path)
    if not (path / "meta.json").exists():
        build(path)
    return spacy.load(path)
