"""The knowledge base against the policy text it was written from."""
import re
import shutil
from pathlib import Path

import pytest

from policy_kb.kb import DOCUMENT_FILE, FACTS_FILE, KB, KBError, PROGRAMMES_DIR, load

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "policy-source.txt"
KB_ = load()
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
NUMERALS = "一二三四五六七八九"


def sections():
    """The policy text split by its top-level headings 一、… 十三、"""
    text = SOURCE.read_text(encoding="utf-8")
    parts = re.split(r"\n(?=[一二三四五六七八九十]+、)", text)
    return {p.split("、", 1)[0].strip(): re.sub(r"\s+", "", p) for p in parts[1:]}


needs_source = pytest.mark.skipif(not SOURCE.exists(), reason="shared/policy-source.txt not beside the repo")


@needs_source
@pytest.mark.parametrize("prog", KB_.programmes, ids=lambda p: p["name"])
def test_programme_text_is_the_documents(prog):
    body = sections()[prog["section"]]
    flat = lambda s: re.sub(r"\s+", "", s)
    assert prog["name"].replace("“", "").replace("”", "") in body.replace("“", "").replace("”", "")
    assert f"联系电话：{prog['phone']}" in body
    assert flat(prog["content"]) in body
    assert flat(prog["standard"]["text"]) in body
    for material in prog["materials"]:
        assert flat(material) in body, material
    for step in prog["process"]:
        assert flat(step) in body, step


@pytest.mark.parametrize("prog", KB_.programmes, ids=lambda p: p["name"])
def test_conditions_are_in_document_order(prog):
    def position(clause):
        m = re.match(r"^[一二三四五六七八九十]+（(\d)）([①-⑨]?)$", clause)
        assert m, clause
        return int(m.group(1)), CIRCLED.index(m.group(2)) + 1 if m.group(2) else 0
    order = [position(c["clause"]) for c in prog["conditions"]]
    # The 政策对象 clause (2) comes first; after it the document's own order.
    assert order == sorted(order, key=lambda p: (p[0] != 2, p)), order


def test_amount_tables_only_name_document_levels():
    for prog in KB_.programmes:
        for key in prog["standard"].get("table", {}):
            assert key in KB_.levels or key in ("优秀", "良好", "合格"), (prog["number"], key)


def _copy_kb(tmp_path):
    target = tmp_path / "programmes"
    shutil.copytree(PROGRAMMES_DIR, target)
    return target


def test_rules_version_changes_with_any_programme_file(tmp_path):
    target = _copy_kb(tmp_path)
    before = KB(target, FACTS_FILE, DOCUMENT_FILE).rules_version
    assert before == KB_.rules_version
    path = next(target.glob("04-*.yml"))
    path.write_text(path.read_text(encoding="utf-8").replace("5000", "5001"), encoding="utf-8")
    assert KB(target, FACTS_FILE, DOCUMENT_FILE).rules_version != before


@pytest.mark.parametrize("edit, key", [
    (lambda s: s.replace('phone: "89537336"', "phone: 8953-7336"), "phone"),
    (lambda s: s.replace("materials: []", "materials: none"), "materials"),
    (lambda s: s.replace("formula: level_topup", "formula: magic"), "standard.formula"),
    (lambda s: s.replace("  - clause: 四（3）①", "  - clause: 五（3）①"), "conditions[1].clause"),
    (lambda s: s + "\nextra_key: 1\n", "extra_key"),
    (lambda s: s.replace("name: 提升技能水平补助", "name: [unclosed"), "YAML"),
])
def test_malformed_programme_file_fails_naming_file_and_key(tmp_path, edit, key):
    target = _copy_kb(tmp_path)
    path = next(target.glob("04-*.yml"))
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(KBError) as err:
        KB(target, FACTS_FILE, DOCUMENT_FILE)
    assert path.name in str(err.value) and key in str(err.value)
