"""understanding/: families of phrasings read wrongly in understanding dev11 (round 8), each
tested on variant sentences of our own (not the corpus's), in the general form a new writer
would type them."""
from __future__ import annotations

import datetime as dt

from .families import org, person, reader

TODAY = dt.date(2027, 5, 18)
read = reader(TODAY)


# 1. an HR officer asking on behalf of one employee: the person's facts, no cultivated head
def test_an_officer_asking_for_one_employee_gives_that_persons_facts():
    for text, level in (("我是厂里HR，替职工咨询一下，她今年3月考出了技师，社保一直在钱塘交", "技师"),
                        ("公司人事这边 帮员工问问 他上个月刚评上特级技师 以前领过高级技师的补贴", "特级技师")):
        r = read(text)
        assert (r.speaker, r.subject) == ("enterprise", "person"), text
        assert person(r)["new_level"] == level and not org(r).get("cultivated"), text


def test_our_staff_with_only_a_level_and_its_date_is_the_firms_cultivated_head():
    r = read("我司职工今年3月考出了高级技师，取证时就在我们这上班")
    assert r.subject == "enterprise"
    assert org(r)["cultivated"] == [{"level": "高级技师", "cert_date": "2027-03", "employed_here_at_cert": True}]
    # with a personal programme's words it stays the one employee's case
    r = read("我们员工去年评上技师，社保交了5个月，能申请提升补助吗")
    assert r.subject == "person" and person(r)["new_level"] == "技师"


# 2. a worker mentioning what the firm's HR did stays a worker
def test_a_worker_telling_what_the_firms_hr_did_stays_a_person():
    for text in ("补贴都是单位人事帮我报的 我去年评的高级工", "公司人事在办 我上个月拿的技师证"):
        r = read(text)
        assert (r.speaker, r.subject) == ("person", "person"), text
        assert "kind" not in org(r), text
    r = read("我是公司HR 去年引进了2个技师")
    assert r.speaker == "enterprise" and org(r)["introduced"][0]["count"] == 2


# 5. a headcount or a rate's period is never a count of months
def test_a_rates_period_is_no_months_count():
    r = read("我们公司去年引进了8个技师 十个高级工 一年最多能报多少")
    assert [(h["level"], h["count"]) for h in org(r)["introduced"]] == [("技师", 8), ("高级工", 10)]
    assert not any("ss_months_in_qiantang" in h for h in org(r)["introduced"])
    r = read("拿证后社保交了七个月 每个月能补几百")
    assert person(r).get("ss_months_after_cert") == 7
    for text in ("我们公司一年引进了十二个技师", "这两年陆续招了5个高级工"):       # the period the hiring took
        assert not any("ss_months_in_qiantang" in h for h in org(read(text))["introduced"]), text
    assert org(read("这两年陆续招了5个高级工 社保都交了半年"))["introduced"][0]["ss_months_in_qiantang"] == 6


# 6. a title denied by a writer who tells their own level (or calls it plain) is no title
def test_a_denied_title_beside_ones_own_level_is_no_title():
    for text in ("金牌工人没评上，前年考出了高级工", "我不是金牌技师 只是个普通的高级技师", "金牌技师没有评上 不过今年拿了技师证"):
        assert person(read(text))["gold_title"] == "无", text
    assert "gold_title" not in person(read("我没评上金牌工人，挺可惜的"))     # one title alone: the other may be held
    assert person(read("金牌技师没评上，是金牌工人，去年考了技师"))["gold_title"] == "钱塘金牌工人"


# 7. the KB's key words typed with a homophone
def test_key_words_typed_with_a_homophone_are_read():
    r = read("我在钱堂一家厂里上班 社保也在钱堂交 今年考了高级公")
    assert person(r)["works_in_qiantang"] is True and person(r)["new_level"] == "高级工"
    r = read("我们是区级技能大师工作事 依托单位是个体公商户", "studio")
    assert org(r)["kind"] == "individual_business" and org(r)["studio"]["district_recognised"] is True
    assert "中华技能大奖" in person(read("我前年得了中华技能大将"))["honours"]


def test_homophone_fixes_make_no_false_matches():
    from understanding.text import prepare
    for text in ("工作事情太多了", "带学生参加比赛", "在钱塘的企业上班", "一个人能拿多少", "取证是今年1月",
                 "上半年评的技师", "会计师证书", "进了她们公司", "毕业以后回老家了", "户籍不清楚"):
        assert prepare(text).replace("，", " ") == text.replace("，", " "), text


# 8. the present state, said in ways the cues missed
def test_present_state_said_otherwise():
    assert person(read("我社保上个月转到滨江去了"))["works_in_qiantang"] is False
    assert person(read("社保从萧山转到钱塘了 我在这边上班"))["works_in_qiantang"] is True
    p = person(read("我是下沙高教园区的全日制本科生 去年考了高级工 工作还没找到"))
    assert p["employer"] == "none" and p["works_in_qiantang"] is False
    heads = org(read("前年从外地引进技师两名，现在都在职", "enterprise"))["introduced"]
    assert heads[0]["still_in_qiantang"] is True
    assert person(read("我在万向精工上班 去年考的技师"))["employer"] == "enterprise"
    assert person(read("拿证时社保就是在下沙的单位交的 今年3月拿的高级工"))["qiantang_enterprise_employee_at_cert"] is True
    assert "qiantang_enterprise_employee_at_cert" not in person(read("之前考技师的时候单位帮我报过补助"))


# 9. a kind of organisation named as the topic of a question is nobody's kind
def test_a_kind_named_as_a_questions_topic_sets_no_kind():
    for text in ("培训学校培训失业人员有补贴吗", "培训机构的补贴标准是多少"):
        r = read(text)
        assert "kind" not in org(r) and r.speaker is None, text
    assert org(read("我们培训机构一年最多能拿多少"))["kind"] == "training_org"
    r = read("我们是区级技能大师工作室 依托单位是个体户", "studio")
    assert org(r)["kind"] == "individual_business"


# 10. a retold correction: the corrected value wins
def test_a_retold_correction_keeps_the_corrected_value():
    assert person(read("来电人先说证是今年2月的 后来又改口说是去年10月 技师"))["cert_date"] == "2026-10"
    assert person(read("他先说取证后社保交了8个月，后来改口说是10个月"))["ss_months_after_cert"] == 10
    assert person(read("证书是2024年的，后来更正为2025年3月"))["cert_date"] == "2025-03"


# 4. an answer to a question asked of every head ("[]"): the heads, never a path without an index
def test_an_answer_asked_of_every_head_fills_the_heads():
    asked = "organisation.training.trainees[].issued_in_zhejiang"
    r = read("对 都是浙江发的 不过不是紧缺工种", "training_org", asked)
    assert r.stated["organisation"]["training"]["trainees"] == [{"issued_in_zhejiang": True, "shortage": False}]
    known = {"organisation": {"introduced": [{"level": "技师"}, {"level": "高级工", "count": 2}]}}
    r = read("嗯 还在的", "enterprise", "organisation.introduced[].still_in_qiantang",
             {"organisation": {"introduced": [{"level": "技师"}, {"level": "高级工"}, {"level": "高级工"}]}})
    assert [h["still_in_qiantang"] for h in r.facts["organisation"]["introduced"]] == [True, True, True]
    r = read("这个不太清楚", "enterprise", "organisation.introduced[].qiantang_hukou", known)
    assert r.unknown == ["organisation.introduced[].qiantang_hukou"] and not r.facts.get("organisation")


# 3. heads split by what is said of part of them
def test_part_of_a_counted_group_said_with_you_splits_it():
    hires = org(read("前年招的5个高级工有2个走了 其他都还在"))["introduced"]
    assert [(h.get("count", 1), h["still_in_qiantang"]) for h in hires] == [(2, False), (3, True)]
    hires = org(read("去年引进了四个技师，有一个是钱塘户口，另外三个不是"))["introduced"]
    assert [(h.get("count", 1), h["qiantang_hukou"]) for h in hires] == [(1, True), (3, False)]
    hires = org(read("今年招的两个特级技师里面有一个已经辞职了 另一个还在"))["introduced"]
    assert [(h.get("count", 1), h["still_in_qiantang"]) for h in hires] == [(1, False), (1, True)]


def test_a_head_named_by_its_level_then_a_bare_denial_and_fields_after_a_head_are_its_own():
    hires = org(read("去年招了一个技师一个高级工，技师是钱塘户口，高级工不是"))["introduced"]
    assert [(h["level"], h["qiantang_hukou"]) for h in hires] == [("技师", True), ("高级工", False)]
    hires = org(read("引进的人：高级工2个去年3月来的 外地户口 技师1个今年1月来的 钱塘户口", "enterprise"))["introduced"]
    assert [(h["level"], h["qiantang_hukou"]) for h in hires] == [("高级工", False), ("技师", True)]
    hires = org(read("我们引进了 技师2个去年6月入职 高级工1个今年2月入职 都是钱塘户口", "enterprise"))["introduced"]
    assert all(h["qiantang_hukou"] for h in hires)      # said after the last class: of each


def test_counts_beside_each_other_each_with_its_own_path():
    for text in ("校企合作班的学生毕业后 4个留在我们厂 6个去了萧山 都拿了高级工",
                 "校企合作班的学生毕业后，4个留在我们厂，6个去了萧山，都拿了高级工"):
        grads = org(read(text))["school_cooperation"]["graduates"]
        assert [(h["count"], h["path"], h["level"]) for h in grads] == [(4, "joined_partner", "高级工"),
                                                                        (6, "other", "高级工")], text
    for text in ("校企合作班的学生毕业后 6个留在我们厂 4个去了萧山 都拿了高级工",
                 "校企合作班的学生毕业后，6个留在我们厂，4个去了萧山，都拿了高级工"):
        grads = org(read(text))["school_cooperation"]["graduates"]     # the second fewer: still beside it
        assert [(h["count"], h["path"]) for h in grads] == [(6, "joined_partner"), (4, "other")], text
    hires = org(read("去年引进了5个技师，2个还在，3个已经走了"))["introduced"]   # parts of a counted group
    assert [(h["count"], h["still_in_qiantang"]) for h in hires] == [(2, True), (3, False)]


def test_an_honour_named_in_a_question_then_got_is_the_writers():
    assert person(read("浙江工匠有配套资助吗 我前年得的"))["honours"] == ["浙江工匠"]
    assert person(read("请问全国技术能手区里配套多少 我去年获得的"))["honours"] == ["全国技术能手"]
    assert "honours" not in person(read("全国技术能手能拿多少配套"))
