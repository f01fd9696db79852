"""A case that fails only on months of insurance still growing is told the month they are
enough ("到2027年3月满6个月"), and "过几个月再申请就行吗" is a yes. Texts from answering/rules.yml."""
from __future__ import annotations

import datetime as dt

import pytest

import answering

DAY = dt.date(2027, 1, 11)


@pytest.mark.parametrize("text,when", [
    ("我去年九月份刚拿到技师证书 公司在钱塘 社保一直在这边交 现在可以申请提升补助吗", "2027年3月"),
    ("我去年10月份考的技师 现在能申请补助吗 在钱塘一家家具厂", "2027年4月"),
    ("上个月刚评上高级技师 在钱塘的厂里上班 取证时就在这 能拿提升补助不", "2027年6月"),
])
def test_months_not_yet_enough_are_told_with_the_month_they_will_be(text, when):
    reply = answering.respond(text, today=DAY)
    assert "现在还不符合" in reply.text and when in reply.text


def test_a_count_too_small_that_was_said_for_a_job_left_gets_no_month():
    reply = answering.respond("前年评的技师 取证后在钱塘交了3个月社保就去萧山了 能申请提升补助吗", today=DAY)
    assert "满6个月（现在" not in reply.text


@pytest.mark.parametrize("text", ["那要是现在还不够的话 是不是过几个月再申请就行了", "那我等社保满了再申请可以吗", "等过几个月再来申请行不行", "那我等社保满了再申请可以吧"])
def test_waiting_until_the_months_are_enough_is_a_yes(text):
    known = {"person": {"new_level": "技师", "cert_date": "2026-09-05", "employer": "enterprise",
                        "works_in_qiantang": True, "ss_months_after_cert": 4,
                        "qiantang_enterprise_employee_at_cert": True}}
    reply = answering.respond(text, today=DAY, focus=4, known=known, asker="person", pending="subsidised_level")
    assert reply.text.startswith(("是", "可以", "行")) and "2027年3月" in reply.text


@pytest.mark.parametrize("text", ["听说有两万补贴？", "不是说能拿两万吗"])
def test_an_amount_put_up_in_a_check_is_set_against_this_cases_amount(text):
    known = {"person": {"new_level": "高级技师", "cert_date": "2026-08-01", "employer": "enterprise",
                        "works_in_qiantang": True}}
    reply = answering.respond(text, today=DAY, focus=4, known=known, asker="person",
                              pending="qiantang_enterprise_employee_at_cert")
    assert reply.text.startswith("不是") and "5000元" in reply.text
