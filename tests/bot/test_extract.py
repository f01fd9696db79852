"""actions/extract.py: Chinese dates, durations, numbers and choices → facts."""
from __future__ import annotations

import datetime as dt

import pytest

from actions.extract import extract_facts, detect_subject, merge
from understanding.textnorm import normalise

TODAY = dt.date(2025, 11, 27)


def person(text, expected=None):
    facts, problems = extract_facts(text, TODAY, expected, "person")
    return facts.get("person", {}), problems


@pytest.mark.parametrize("text,expected,value", [
    ("2025年5月", "cert_date", "2025-05-01"),
    ("25年4月1号", "cert_date", "2025-04-01"),
    ("去年10月", "cert_date", "2024-10-01"),
    ("今年三月", "cert_date", "2025-03-01"),
    ("二零二五年五月十日", "cert_date", "2025-05-10"),
    ("2025.6.1", "cert_date", "2025-06-01"),
    ("上个月", "cert_date", "2025-10-01"),
    ("今年9月", "ss_start_month", "2025-09"),
])
def test_dates(text, expected, value):
    facts, problems = person(text, expected)
    assert problems == [] and facts[expected] == value


@pytest.mark.parametrize("text,months", [
    ("八个月", 8), ("一年半", 18), ("两年", 24), ("社保交了1年3个月", 15), ("12个月", 12), ("交了十个月", 10),
])
def test_durations(text, months):
    facts, _ = person(text, "ss_months_after_cert")
    assert facts["ss_months_after_cert"] == months


def test_money_in_chinese_numerals():
    facts, _ = person("两万", "superior_award")
    assert facts["superior_award"] == 20000
    facts, _ = person("上级奖了1.5万元")
    assert facts["superior_award"] == 15000


def test_several_facts_in_one_message():
    facts, problems = person("我是高级技师，去年10月取证，社保交了8个月")
    assert problems == []
    assert facts == {"new_level": "高级技师", "cert_date": "2024-10-01", "ss_months_after_cert": 8}


def test_a_cued_date_goes_where_its_cue_says_not_to_the_question():
    assert person("2025年6月取得证书", "ss_start_month")[0] == {"cert_date": "2025-06-01"}
    assert person("2025年9月开始交社保", "cert_date")[0] == {"ss_start_month": "2025-09"}
    assert person("2025年9月", "ss_start_month")[0] == {"ss_start_month": "2025-09"}


def test_months_before_certificate_go_to_their_own_fact():
    facts, _ = person("取证前交了6个月社保")
    assert facts == {"ss_months_before_cert": 6}


@pytest.mark.parametrize("text,expected,fact,accepted", [
    ("2025年13月", "cert_date", "cert_date", "2025年5月10日"),
    ("社保交了-3个月", None, "ss_months_after_cert", "0~600"),
    ("交了900个月", None, "ss_months_after_cert", "0~600"),
    ("2025年2月30日", "cert_date", "cert_date", "2025年5月10日"),
])
def test_impossible_values_are_not_stored_and_say_what_is_accepted(text, expected, fact, accepted):
    facts, problems = person(text, expected)
    assert facts == {}
    assert problems[0]["fact"] == fact and accepted in problems[0]["message"]


def test_correction_replaces_the_level_and_titles_are_not_levels():
    facts, _ = person("不对，是技师")
    assert facts == {"new_level": "技师"}
    facts, _ = person("我是钱塘金牌技师")
    assert facts == {"gold_title": "钱塘金牌技师"}
    old = {"person": {"new_level": "高级技师", "cert_date": "2024-10-01"}}
    assert merge(old, {"person": {"new_level": "技师"}}) == {"person": {"new_level": "技师", "cert_date": "2024-10-01"}}


def test_answers_to_the_question_asked():
    assert person("是的", "works_in_qiantang")[0] == {"works_in_qiantang": True}
    assert person("不是", "works_in_qiantang")[0] == {"works_in_qiantang": False}
    assert person("在企业上班", "employer")[0]["employer"] == "enterprise"
    assert person("没有", "honours")[0] == {"honours": []}
    assert person("拿过全国技术能手，省赛也获奖了")[0] == {"honours": ["全国技术能手", "全省技能大赛获奖"]}
    assert person("不知道", "works_in_qiantang")[0] == {}


def test_organisation_items_and_counts():
    facts, _ = extract_facts("高级技师", TODAY, "cultivated[0].level", "enterprise")
    assert facts == {"organisation": {"cultivated": [{"level": "高级技师"}]}}
    facts, _ = extract_facts("初级工10人，中级工五人", TODAY, "self_evaluation.certs", "enterprise")
    assert facts == {"organisation": {"self_evaluation": {"certs": {"初级工": 10, "中级工": 5}}}}


def test_organisation_in_qiantang_is_taken_from_a_description():
    facts, _ = extract_facts("我们是钱塘区的企业", TODAY, None, "enterprise")
    assert facts == {"organisation": {"in_qiantang": True}}


def test_traditional_characters_and_spaces():
    assert normalise("技能提升 補貼 要帶什麼資料") == "技能提升补贴要带什么资料"
    facts, _ = person("高級技師，證書是2025年5月")
    assert facts == {"new_level": "高级技师", "cert_date": "2025-05-01"}


def test_subject():
    assert detect_subject("我是企业HR") == "enterprise"
    assert detect_subject("我们是培训学校") == "training_org"
    assert detect_subject("我是在校大学生") == "student"
    assert detect_subject("个人") == "person"
    assert detect_subject("我是企业职工，在钱塘上班") == "person"
    assert detect_subject("我们公司员工能申请吗") == "enterprise"
    assert detect_subject("今天天气") is None
