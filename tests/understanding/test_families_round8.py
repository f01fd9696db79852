"""understanding/: families of phrasings read wrongly in understanding dev11 (round 8), each
tested on variant sentences of our own (not the corpus's), in the general form a new writer
would type them."""
from __future__ import annotations

import datetime as dt

from understanding import understand

TODAY = dt.date(2027, 5, 18)


def read(text, subject=None, pending=None, known=None):
    return understand(text, TODAY, pending=pending, subject=subject, known=known)


def person(r):
    return r.stated.get("person", {})


def org(r):
    return r.stated.get("organisation", {})


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
