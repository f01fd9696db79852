"""understanding/: what one message says, as a person would type it (behaviour, not corpus)."""
from __future__ import annotations

import datetime as dt

import pytest

from understanding import merge, understand
from understanding.textnorm import normalise

TODAY = dt.date(2025, 11, 27)


def person(text, pending=None):
    r = understand(text, TODAY, pending=pending, subject="person")
    return r.facts.get("person", {}), r.problems


@pytest.mark.parametrize("text,pending,value", [
    ("2025年5月", "cert_date", "2025-05-01"),
    ("25年4月1号", "cert_date", "2025-04-01"),
    ("去年10月", "cert_date", "2024-10-01"),
    ("今年三月", "cert_date", "2025-03-01"),
    ("二零二五年五月十日", "cert_date", "2025-05-10"),
    ("2025.6.1", "cert_date", "2025-06-01"),
    ("上个月", "cert_date", "2025-10-01"),
    ("今年9月", "ss_start_month", "2025-09"),
])
def test_dates_answer_the_date_asked(text, pending, value):
    facts, problems = person(text, pending)
    assert problems == [] and facts[pending] == value


@pytest.mark.parametrize("text,months", [
    ("八个月", 8), ("一年半", 18), ("两年", 24), ("社保交了1年3个月", 15), ("12个月", 12), ("交了十个月", 10),
])
def test_durations(text, months):
    facts, _ = person(text, "ss_months_after_cert")
    assert facts["ss_months_after_cert"] == months


def test_years_and_ages_are_not_month_counts():
    assert person("2024年评上的技师")[0] == {"new_level": "技师"}          # a year, not 24288 months
    assert "ss_months_after_cert" not in person("这两年没考新证")[0]
    assert "ss_months_after_cert" not in person("毕业三年了，今年28岁")[0]
    r = understand("2024年评上的技师", TODAY)
    assert r.stated["person"]["cert_date"] == "2024" and "具体月份" in r.problems[0]["message"]


def test_money_in_chinese_numerals():
    assert person("两万", "superior_award")[0]["superior_award"] == 20000
    assert person("上级奖了1.5万元")[0]["superior_award"] == 15000


def test_several_facts_in_one_message():
    facts, problems = person("我是高级技师，去年10月取证，社保交了8个月")
    assert problems == []
    assert facts == {"new_level": "高级技师", "cert_date": "2024-10-01", "ss_months_after_cert": 8}


def test_a_cued_date_goes_where_its_cue_says_not_to_the_question():
    assert person("2025年6月取得技师证书", "ss_start_month")[0] == {"cert_date": "2025-06-01", "new_level": "技师"}
    assert person("2025年9月开始交社保", "cert_date")[0] == {"ss_start_month": "2025-09"}
    assert person("2025年9月", "ss_start_month")[0] == {"ss_start_month": "2025-09"}


def test_months_before_certificate_go_to_their_own_fact():
    assert person("取证前交了6个月社保")[0] == {"ss_months_before_cert": 6}


@pytest.mark.parametrize("text,pending,fact,accepted", [
    ("2025年13月", "cert_date", "cert_date", "2025年5月10日"),
    ("取证后社保交了900个月", None, "ss_months_after_cert", "0~600"),
    ("2025年2月30日", "cert_date", "cert_date", "2025年5月10日"),
])
def test_impossible_values_are_not_stored_and_say_what_is_accepted(text, pending, fact, accepted):
    facts, problems = person(text, pending)
    assert fact not in facts
    assert problems and problems[0]["fact"] == fact and accepted in problems[0]["message"]


def test_corrections_and_titles():
    assert person("去年七月拿的技师证 哦不对是八月")[0]["cert_date"] == "2024-08-01"
    assert person("我是钱塘金牌技师")[0] == {"gold_title": "钱塘金牌技师"}
    old = {"person": {"new_level": "高级技师", "cert_date": "2024-10-01"}}
    assert merge(old, {"person": {"new_level": "技师"}}) == {"person": {"new_level": "技师", "cert_date": "2024-10-01"}}


def test_negation_and_uncertainty_stay_in_their_clause():
    assert person("没有获得金牌技师或金牌工人")[0] == {"gold_title": "无"}
    assert person("以前没领过技能提升补助")[0] == {"subsidised_level": "无"}
    r = understand("我是高级技师，不知道工种在不在紧缺目录里", TODAY)
    assert r.facts == {"person": {"new_level": "高级技师"}}
    assert r.unknown == ["person.cert_in_shortage_catalogue"]
    facts, _ = person("在钱塘上班，没在编")
    assert facts == {"works_in_qiantang": True, "on_public_establishment": False}


def test_answers_to_the_question_asked():
    assert person("是的", "works_in_qiantang")[0] == {"works_in_qiantang": True}
    assert person("不是", "works_in_qiantang")[0] == {"works_in_qiantang": False}
    assert person("在企业上班", "employer")[0]["employer"] == "enterprise"
    assert person("没有", "honours")[0] == {"honours": []}
    assert person("拿过全国技术能手，省赛也获奖了")[0] == {"honours": ["全国技术能手", "全省技能大赛获奖"]}
    assert person("不知道", "works_in_qiantang")[0] == {}


def test_a_no_about_something_else_does_not_answer_the_question():
    r = understand("本人还在钱塘工作，不是钱塘户籍", TODAY, pending="in_qiantang", subject="enterprise")
    assert "in_qiantang" not in r.facts.get("organisation", {})


def test_a_worker_naming_the_employer_is_a_person():
    r = understand("我在钱塘一家企业上班，社保一直在钱塘交，今年5月评上高级技师", TODAY)
    assert (r.speaker, r.subject) == ("person", "person")
    assert r.facts["person"]["new_level"] == "高级技师" and r.facts["person"]["employer"] == "enterprise"
    r = understand("来电人在钱塘一家企业上班，今年5月评上高级技师", TODAY)
    assert (r.speaker, r.subject) == ("agent", "person")


def test_organisation_heads_and_counts():
    r = understand("去年招了2个高级技师和1个特级技师，都是外地户口", TODAY, subject="enterprise")
    heads = r.facts["organisation"]["introduced"]
    assert [h["level"] for h in heads] == ["高级技师", "高级技师", "特级技师"]
    assert all(h["qiantang_hukou"] is False for h in heads)
    r = understand("我们2024年2月从萧山引进了一个高级技师", TODAY)
    assert r.subject == "enterprise"
    assert r.facts["organisation"]["introduced"] == [
        {"level": "高级技师", "hired_date": "2024-02-01", "from_outside_qiantang": True}]
    assert "person" not in r.facts
    facts = understand("高级技师", TODAY, pending="cultivated[0].level", subject="enterprise").facts
    assert facts == {"organisation": {"cultivated": [{"level": "高级技师"}]}}
    facts = understand("初级工10人，中级工五人", TODAY, pending="self_evaluation.certs", subject="enterprise").facts
    assert facts == {"organisation": {"self_evaluation": {"certs": {"初级工": 10, "中级工": 5}}}}


def test_organisation_in_qiantang_is_taken_from_a_description():
    facts = understand("我们是钱塘区的企业", TODAY, subject="enterprise").facts
    assert facts["organisation"]["in_qiantang"] is True


def test_traditional_characters_typos_and_spaces():
    assert normalise("技能提升 補貼 要帶什麼資料") == "技能提升补贴要带什么资料"
    assert person("高級技師，證書是2025年5月")[0] == {"new_level": "高级技师", "cert_date": "2025-05-01"}
    assert person("我是技帅 去年十月拿的证")[0] == {"new_level": "技师", "cert_date": "2024-10-01"}


@pytest.mark.parametrize("text", ["一直交着 十个月了", "交着，十个月了", "七月到现在没断过 十个月", "没断 10个月"])
def test_a_count_after_a_space_is_read_in_its_own_clause(text):
    # a space typed before the count once made the count start in the clause before, and it was lost
    assert person(text, "ss_months_after_cert")[0] == {"ss_months_after_cert": 10}


def test_a_gap_after_a_space_is_still_a_gap():
    assert person("拿证后社保交了10个月 中间断了 2个月")[0] == {"ss_months_after_cert": 10}
    assert person("断了 两个月", "ss_months_after_cert")[0] == {}


@pytest.mark.parametrize("text,subject", [
    ("我是企业HR", "enterprise"), ("我们是培训学校", "training_org"), ("我是在校大学生", "student"),
    ("我是企业职工，在钱塘上班", "person"), ("我们公司员工能申请吗", "enterprise"), ("今天天气", None),
    ("我不是单位，我是个人", "person"),
])
def test_subject(text, subject):
    assert understand(text, TODAY).subject == subject


def test_spans_point_into_the_text_read():
    r = understand("我是高级技师，没有金牌称号，不知道是不是紧缺工种", TODAY)
    for span in r.spans:
        assert r.text[span.start:span.end] == span.text
    assert {(s.fact, s.polarity) for s in r.spans} >= {("person.new_level", "pos"), ("person.gold_title", "neg"),
                                                        ("person.cert_in_shortage_catalogue", "unknown")}


def test_the_spacy_pipeline_is_built_from_the_kb_and_loads_from_disk():
    from understanding.nlp import MODEL_DIR, load
    nlp = load()
    assert (MODEL_DIR / "meta.json").exists() and nlp.path is not None
    tokens = [t.text for t in nlp("以前没领过技能提升补助，也没拿过金牌技师")]
    assert "技能提升补助" in tokens and "金牌技师" in tokens     # KB terms kept whole, whatever jieba would cut
    assert any(e.label_ == "LEVEL" for e in nlp("去年评上高级技师").ents)


def test_command_line_reads_a_message_and_refuses_a_bad_date_politely():
    import json
    import subprocess
    import sys
    ok = subprocess.run([sys.executable, "-m", "understanding", "read", "我是技师，去年10月取证", "--today", "2025-06-30"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0
    out = json.loads(ok.stdout)
    assert out["facts"] == {"person": {"new_level": "技师", "cert_date": "2024-10-01"}}
    bad = subprocess.run([sys.executable, "-m", "understanding", "read", "我是技师", "--today", "2025-13-01"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "日期" in bad.stderr and "Traceback" not in bad.stderr


def test_each_of_a_group_in_its_own_clause():
    # "两个…，一个是1月…，一个是2月…": one head per "一个" clause, in the order said
    heads = understand("我们从区外挖了两个高级技师过来，一个是今年1月入职的，一个是2月入职的",
                       TODAY, subject="enterprise").facts["organisation"]["introduced"]
    assert [(h["level"], h["hired_date"]) for h in heads] == [("高级技师", "2025-01-01"), ("高级技师", "2025-02-01")]


def test_heads_given_earlier_are_found_by_level_and_added_to():
    known = {"organisation": {"introduced": [{"level": "技师"}, {"level": "高级工"}]}}
    said = understand("高级工社保交了18个月 技师20个月", TODAY, subject="enterprise", known=known).facts
    merged = merge(known, said)["organisation"]["introduced"]
    assert [h["ss_months_in_qiantang"] for h in merged] == [20, 18]
    more = understand("另外还有1个高级技师", TODAY, subject="enterprise", known=known).facts
    assert [h.get("level") for h in merge(known, more)["organisation"]["introduced"]] == ["技师", "高级工", "高级技师"]


def test_a_fact_then_a_question_about_applying_is_the_writers_fact():
    for text in ("我是外地户口 在钱塘上班能不能申请", "我想问下 社保在钱塘交的能不能领补贴"):
        facts, _ = understand(text, TODAY).facts.get("person", {}), None
        assert facts.get("works_in_qiantang") is True, text
    # no one's own case, or only a supposition: nothing said
    for text in ("社保在钱塘交可以申请吗", "如果在钱塘上班能申请吗"):
        assert understand(text, TODAY).facts == {}, text


def test_the_months_since_the_certificate_all_paid_here():
    for text, months in (("拿证已经一年半了，这期间社保都在钱塘", 18), ("技师证5个月前考的 这段时间社保一直在钱塘交", 5)):
        facts = understand(text, TODAY).facts["person"]
        assert (facts["ss_months_after_cert"], facts["works_in_qiantang"]) == (months, True), text
    assert "ss_months_after_cert" not in understand("拿证两个多月了 这两个月社保都在钱塘", TODAY).facts.get("person", {})


def test_the_end_of_a_year_said_with_what_began_then_is_december():
    today = dt.date(2027, 1, 11)
    assert understand("社保是2024年底开始交的", today).facts["person"]["ss_start_month"] == "2024-12"
    assert understand("我去年年底开始在钱塘交社保", today).facts["person"]["ss_start_month"] == "2026-12"


def test_new_years_day_is_january():
    today = dt.date(2027, 1, 11)
    assert understand("证是今年元旦后拿的 技师", today).facts["person"]["cert_date"] == "2027-01-01"


def test_insurance_not_paid_yet_is_no_work_in_qiantang_with_insurance():
    for text in ("社保还没交", "证拿了 社保暂时没有交"):
        assert understand(text, TODAY, subject="student").facts["person"]["works_in_qiantang"] is False, text


@pytest.mark.parametrize("text,facts,unknown", [
    ("紧缺目录？这个我不清楚 没查过", {}, ["person.cert_in_shortage_catalogue"]),
    ("紧缺工种？不晓得", {}, ["person.cert_in_shortage_catalogue"]),
    ("没查过", {}, ["person.cert_in_shortage_catalogue"]),
    ("这个还没看过", {}, ["person.cert_in_shortage_catalogue"]),
    ("紧缺工种？在的", {"cert_in_shortage_catalogue": True}, []),
    ("紧缺目录？不在", {"cert_in_shortage_catalogue": False}, []),
])
def test_the_question_said_back_is_no_answer_and_not_looked_up_is_unknown(text, facts, unknown):
    r = understand(text, TODAY, pending="person.cert_in_shortage_catalogue", subject="person")
    assert r.facts.get("person", {}) == facts and r.unknown == unknown


@pytest.mark.parametrize("text", ["七月入职就开始交社保了", "7月进的公司 当月就开始交社保", "七月份入职后就开始缴社保的"])
def test_insurance_that_began_with_the_hire_has_the_hire_month(text):
    assert person(text, "ss_start_month")[0]["ss_start_month"] == "2025-07"
    assert person("去年7月入职的 证是今年3月拿的")[0] == {"cert_date": "2025-03-01"}      # a hire alone: not the insurance


def test_a_level_named_as_a_time_of_the_past_is_no_new_level():
    assert person("之前领的是技师那档三千 高级技师那年我在外地厂里 没申请过")[0].get("new_level") is None
    assert person("评上高级技师的时候我在钱塘上班")[0]["new_level"] == "高级技师"


@pytest.mark.parametrize("text", ["国家那边奖的是两万 不是一万", "上面奖的是两万块"])
def test_the_superior_award_said_with_de(text):
    assert person(text)[0] == {"superior_award": 20000}


def test_a_bare_amount_after_a_space_answers_the_amount_asked():
    r = understand("今年还没申请过 0", TODAY, pending="organisation.self_evaluation.received_this_year",
                   subject="enterprise", known={"organisation": {"self_evaluation": {"registered": True}}})
    assert r.facts["organisation"]["self_evaluation"]["received_this_year"] == 0


@pytest.mark.parametrize("text", ["他说之前技师的补贴没领过", "以前技师那档没去申请"])
def test_an_earlier_level_never_paid_is_nothing_received(text):
    assert person(text, "subsidised_level")[0] == {"subsidised_level": "无"}
