"""`python -m policy_kb search`: the queries people actually type find the right programme."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from policy_kb import build, kb
from policy_kb.search import search

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build.build(tmp_path_factory.mktemp("kb") / "kb.sqlite")


# What people type (short names, aliases, questions), and the programme they mean.
QUERIES = [
    ("参加技能大赛获奖有什么奖励", 1),
    ("全国技术能手配套资助", 1),
    ("浙江工匠 奖励多少", 1),
    ("金牌 津贴", 2),
    ("金牌技师每个月多少钱", 2),
    ("金牌工人津贴", 3),
    ("金牌工人每月多少钱", 3),
    ("评上技师能补多少", 4),
    ("技能提升补贴", 4),
    ("高级技师补贴 补差", 4),
    ("育才资助申请材料", 5),
    ("企业育才 高级技师", 5),
    ("引进技师 户籍", 6),
    ("引才资助需要什么材料", 6),
    ("订单班", 7),
    ("校企合作 毕业生", 7),
    ("大师工作室建室", 8),
    ("技能大师工作室 10万", 8),
    ("大师工作室 运行经费", 9),
    ("工作室考核优秀", 9),
    ("培训机构 专项能力", 10),
    ("培训补贴每年上限", 10),
    ("留区补贴", 11),
    ("留区", 11),                        # not a jieba word: found through character pairs
    ("大学生考证 留在钱塘", 11),
    ("企业自主评价 认定发证", 12),
    ("自主评价资助 每年最多", 12),
]


@pytest.mark.parametrize("query,programme", QUERIES)
def test_query_finds_the_programme_people_mean(db, query, programme):
    hits = search(query, limit=3, db=db)
    assert hits, query
    assert hits[0]["programme"] == programme, [(h["programme"], h["section"]) for h in hits]


def test_every_programme_is_reachable_by_a_realistic_query():
    assert {p for _, p in QUERIES} == {p["number"] for p in kb.load().programmes}


def test_alias_alone_finds_its_programme_even_without_the_word_in_the_text(db):
    hits = search("订单班", limit=5, db=db)
    assert {h["programme"] for h in hits} == {7}
    assert hits[0]["name"] == kb.load().programme(7)["name"]


def test_asking_for_materials_ranks_the_materials_section_first(db):
    hit = search("育才资助申请材料", limit=1, db=db)[0]
    assert hit["section"] == "申报材料"
    assert kb.load().programme(5)["materials"][0] in hit["text"]


def test_asking_for_the_phone_gives_the_programmes_own_number(db):
    hit = search("技能提升补贴 电话", limit=1, db=db)[0]
    assert hit["programme"] == 4 and kb.load().programme(4)["phone"] in hit["text"]


def test_condition_hits_carry_their_clause(db):
    hits = search("取证后 连续缴纳社保满6个月", limit=5, db=db)
    assert any(h["programme"] == 4 and h["clause"] == "四（3）③" for h in hits)


def test_draft_status_question_finds_the_supplementary_provisions(db):
    hits = search("施行日期", limit=3, db=db)
    assert hits[0]["programme"] is None and "征求意见稿" in hits[0]["text"]


def test_scores_are_ranked_best_first_and_limit_is_respected(db):
    hits = search("补贴", limit=4, db=db)
    assert len(hits) == 4
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


@pytest.mark.parametrize("query", ["zzzz", "的 了 吗", "？？", ""])
def test_nothing_to_match_gives_no_hits(db, query):
    assert search(query, limit=5, db=db) == []


def test_fts_syntax_in_a_query_is_just_text(db):
    assert search('留区补贴 " OR NEAR( *', limit=2, db=db)[0]["programme"] == 11


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "policy_kb", "search", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_prints_the_best_sections():
    run = _cli("留区补贴")
    assert run.returncode == 0, run.stderr
    assert kb.load().programme(11)["name"] in run.stdout.splitlines()[0]


def test_cli_json_output_and_no_hit_exit_code():
    run = _cli("大师工作室", "运行经费", "--json", "--limit", "2")
    hits = json.loads(run.stdout)
    assert run.returncode == 0 and len(hits) == 2 and hits[0]["programme"] == 9
    run = _cli("zzzz")
    assert run.returncode == 1 and "没有找到" in run.stderr
