"""understanding/: families of phrasings read wrongly in understanding dev13 (round 11), each
tested on variant sentences of our own (not the corpus's), in the general form a new writer
would type them."""
from __future__ import annotations

import datetime as dt

from understanding import understand

TODAY = dt.date(2027, 3, 3)


def read(text, subject=None, pending=None, known=None):
    return understand(text, TODAY, pending=pending, subject=subject, known=known)


def person(r):
    return r.stated.get("person", {})


def org(r):
    return r.stated.get("organisation", {})


# 1. doubt about a pending list field is never a value
def test_doubt_about_a_pending_head_field_is_unknown_not_a_value():
    for text in ("户籍这块我们没统计过", "户口的话还没问过", "户口这个 不太清楚", "钱塘户口 要问一下他们才知道",
                 "户籍情况得问一下", "户口没统计 得问问"):
        r = read(text, subject="enterprise", pending="organisation.introduced[].qiantang_hukou")
        assert not any("qiantang_hukou" in h for h in org(r).get("introduced", [])), text
        assert "organisation.introduced[].qiantang_hukou" in r.unknown, text


def test_a_doubt_alone_after_a_statement_leaves_a_said_value():
    r = read("都是钱塘户口", subject="enterprise", pending="organisation.introduced[].qiantang_hukou")
    assert org(r)["introduced"][0]["qiantang_hukou"] is True


# 2. heads listed by nickname with how they came: the firm's introduced heads
def test_heads_named_by_nickname_with_hire_words_are_the_firms_introduced_heads():
    r = read("小陈是去年7月从余杭调过来的技师 老张今年1月从绍兴过来的高级工 都不是钱塘户口")
    assert (r.speaker, r.subject) == ("enterprise", "enterprise")
    assert not person(r)
    assert org(r)["introduced"] == [
        {"level": "技师", "hired_date": "2026-07", "from_outside_qiantang": True, "qiantang_hukou": False},
        {"level": "高级工", "hired_date": "2027-01", "from_outside_qiantang": True, "qiantang_hukou": False}]
    r = read("小刘是去年5月入职的高级技师 社保交了九个月了 上个月辞职了")
    assert r.subject == "enterprise" and not person(r)
    assert org(r)["introduced"] == [{"level": "高级技师", "hired_date": "2026-05", "ss_months_in_qiantang": 9,
                                     "still_in_qiantang": False}]


def test_a_workmate_or_oneself_coming_from_elsewhere_stays_a_person():
    for text in ("我是去年从萧山过来的技师", "我同事小王是去年从萧山过来的技师 他能申请吗"):
        assert read(text).subject == "person", text
