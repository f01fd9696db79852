"""Write-back (bot/review/writeback.py): a reviewed message lands in the reviewed corpus files and the
NLU data in each file's own format, read back by the corpus scorers and by Rasa's NLU reader; wrong
or incomplete marks are refused in Chinese and write nothing; the frozen splits are never touched."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.review import store, writeback
from tests.questions.score import load_corpus as load_questions
from tests.understanding.score import load_corpus as load_messages, score

from .conversations import ROOT, days_ago, session, write

FROZEN = [ROOT / "tests/understanding/frozen/test.yml", ROOT / "tests/questions/frozen/test.yml"]


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A copy of the three reviewed files (as committed: empty) and of data/nlu, and one conversation."""
    for name in writeback.FILES.values():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "data/nlu/nlu.yml", tmp_path / "data/nlu/nlu.yml")
    monkeypatch.setenv("REVIEW_WRITE_ROOT", str(tmp_path))
    monkeypatch.setenv("WEB_FEEDBACK_DB", str(tmp_path / "feedback.sqlite"))
    db = tmp_path / "tracker.db"
    write(db, "wx-1", session(days_ago(2), [
        ("我去年10月评上的高级技师，在钱塘的厂里上班，电话13812345678", "inform", "好的，记下了"),
        ("杭州市区的公租房怎么申请", "ask_programme", "您问的可能是下面这几项政策"),
        ("高级技师提升补助多少钱", "ask_programme", "【提升技能水平补助】…"),
        ('/inform{"choice":"person"}', "inform", "…")]))
    conv = store.conversations(f"sqlite:///{db}")[0]
    return tmp_path, conv


def test_committed_reviewed_files_are_valid_when_empty():
    assert load_messages(ROOT / writeback.FILES["understanding"])[1] == []
    assert load_questions(ROOT / writeback.FILES["questions"])[1] == []
    assert RasaYAMLReader().reads((ROOT / writeback.FILES["nlu"]).read_text(encoding="utf-8")).intent_examples == []


def test_facts_question_and_out_of_scope_are_written_in_each_format(project):
    root, conv = project
    frozen = [hashlib.sha256(p.read_bytes()).hexdigest() for p in FROZEN]
    facts_turn, oos_turn, question_turn, _ = conv.turns
    assert "[手机号已隐藏]" in facts_turn.text and "13812345678" not in facts_turn.text   # masked as stored

    written = writeback.write(conv, facts_turn, {
        "states_facts": True, "speaker": "person", "subject": "person", "intent": "inform",
        "facts": {"person": {"new_level": "高级技师", "cert_date": f"{conv.day.year - 1}-10",
                             "works_in_qiantang": True, "employer": "enterprise"}}})
    assert written == [("理解语料", "r001"), ("NLU 训练数据", "inform")]
    assert writeback.write(conv, oos_turn, {"out_of_scope": True}) == [("问题语料", "r001"), ("NLU 训练数据", "out_of_scope")]
    written = writeback.write(conv, question_turn, {"asks": True, "question": {
        "kind": "level_amount", "programmes": ["4"], "must": ["5000元"], "must_not": ["20000元"]}})
    assert written[0] == ("问题语料", "r002")

    today, messages = load_messages(root / writeback.FILES["understanding"])
    (m,) = messages
    assert m["text"] == facts_turn.text and m["reference_date"] == conv.day.isoformat()
    assert m["facts"]["person"]["cert_date"] == f"{conv.day.year - 1}-10" and "reviewed" in m["tags"]
    # The scorer reads it at the conversation's day: 去年 is the year before the conversation.
    result = score(root / writeback.FILES["understanding"])
    assert result["messages"] == 1 and result["recall"] > 0
    _, questions = load_questions(root / writeback.FILES["questions"])
    assert [(q["id"], q["kind"], q["programmes"], q["must"]) for q in questions] == [
        ("r001", "out_of_scope", [], []), ("r002", "level_amount", [4], ["5000元"])]
    nlu = RasaYAMLReader().reads((root / writeback.FILES["nlu"]).read_text(encoding="utf-8"))
    assert {(m.get("text"), m.get("intent")) for m in nlu.intent_examples} == {
        (facts_turn.text, "inform"), (oos_turn.text, "out_of_scope"), (question_turn.text, "ask_programme")}
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in FROZEN] == frozen


@pytest.mark.parametrize("mark,message", [
    ({}, "请勾选这条消息的意思"),
    ({"states_facts": True, "facts": {"person": {"gold_title": "金牌工人"}}}, "不认识的取值"),
    ({"states_facts": True, "facts": {"person": {"height": 180}}}, "不是已知的键"),
    ({"asks": True, "question": {"kind": "amount", "programmes": [4]}}, "正确回答必须包含"),
    ({"asks": True, "question": {"kind": "yes_no", "programmes": [4], "must": ["5000元"]}}, "是非题请选择正确答案"),
    ({"asks": True, "question": {"kind": "amount", "programmes": [13], "must": ["5000元"]}}, "1~12"),
    ({"asks": True, "intent": "hello", "question": {"kind": "amount", "must": ["5000元"]}}, "意图只能是"),
])
def test_a_wrong_mark_is_refused_and_writes_nothing(project, mark, message):
    root, conv = project
    before = {name: (root / path).read_text(encoding="utf-8") for name, path in writeback.FILES.items()}
    with pytest.raises(writeback.Refused, match=message):
        writeback.write(conv, conv.turns[2], mark)
    assert {name: (root / path).read_text(encoding="utf-8") for name, path in writeback.FILES.items()} == before


def test_buttons_and_repeats_are_not_written(project):
    root, conv = project
    with pytest.raises(writeback.Refused, match="点选按钮"):
        writeback.write(conv, conv.turns[3], {"out_of_scope": True})
    writeback.write(conv, conv.turns[1], {"out_of_scope": True})
    with pytest.raises(writeback.Refused, match="已经写入过问题语料"):
        writeback.write(conv, conv.turns[1], {"out_of_scope": True})
    # An example the NLU data already has (in any file) is not added again; the corpus entry still is.
    conv.turns[2].text = "有哪些政策"
    written = writeback.write(conv, conv.turns[2], {"asks": True, "question": {"kind": "content", "must": ["十二"]}})
    assert written[0] == ("问题语料", "r002") and written[1][1].startswith("未写入：NLU 训练数据里已有这句话")
