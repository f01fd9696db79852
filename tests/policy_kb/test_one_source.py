"""One source of truth: the programmes' phone numbers and amounts live in policy_kb; responses,
answer texts and pages read them from there (a number typed into them would go stale)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from policy_kb.kb import load

ROOT = Path(__file__).resolve().parents[2]
# where a number may be written: the KB itself, tests and their corpora, docs, generated files
EXEMPT = ("policy_kb/", "tests/", "docs/", "README.md", "data/nlu/generated/", "bot/generated/")


def _tracked() -> list:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / p for p in out.splitlines() if not p.startswith(EXEMPT) and (ROOT / p).is_file()
            and (ROOT / p).suffix in (".py", ".yml", ".yaml", ".js", ".html", ".json", ".md", ".txt")]


def test_no_programme_phone_is_typed_outside_the_knowledge_base():
    kb = load()
    phones = {kb.programme(n)["phone"] for n in range(1, 13)}
    found = [(p.relative_to(ROOT), phone) for p in _tracked() for phone in phones
             if phone in p.read_text(encoding="utf-8", errors="ignore")]
    assert not found, found


def test_response_and_answer_texts_type_no_amount():
    files = [*ROOT.glob("bot/domain/*.yml"), *ROOT.glob("answering/*.yml"), *ROOT.glob("actions/*.yml")]
    assert files
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.split("#", 1)[0]        # comments may give an example
            assert not re.search(r"[0-9]+(?:\.[0-9]+)?\s*(?:元|万元|万)", text), f"{path.relative_to(ROOT)}:{n}: {line}"
