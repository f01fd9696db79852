"""Checks held in typed sentences, family by family (each with wordings of our own, not the
corpora's): who the facts are about, which head a reference points at, what is asked next."""
from __future__ import annotations

import datetime as dt

import pytest

import answering
import understanding
from actions.check import State, start_subject, step
from policy_kb.kb import load

DAY = dt.date(2027, 1, 11)


def _person_check(*texts):
    state = State()
    start_subject(state, "person")
    state.checking = True
    for text in texts:
        _, state = step(state, text, "inform", [], DAY)
    return state


@pytest.mark.parametrize("text,level,date", [
    ("他去年4月22号评上了高级技师 我们公司在钱塘", "高级技师", "2026-04-22"),
    ("她上个月刚考出技师，社保一直在我们公司交", "技师", "2026-12-01"),
    ("这个师傅他前年十月拿的特级技师 在我们厂干了好多年了", "特级技师", "2025-10-01"),
])
def test_an_officer_telling_one_employees_case_gives_that_persons_facts(text, level, date):
    reading = understanding.understand(text, DAY, subject="person")
    assert reading.subject == "person"
    assert reading.facts["person"]["new_level"] == level and reading.facts["person"]["cert_date"] == date
    assert not reading.facts.get("organisation")


@pytest.mark.parametrize("text,months", [("取证后社保一直在我们这交 8个月了", 8), ("拿证后在我们单位交了十个月", 10)])
def test_in_an_employees_check_the_officers_we_is_the_employer(text, months):
    reading = understanding.understand(text, DAY, subject="person", pending="ss_months_after_cert")
    assert reading.subject == "person" and reading.facts["person"]["ss_months_after_cert"] == months


def test_the_firms_own_hires_still_switch_away_from_the_employee():
    reading = understanding.understand("我们公司去年还引进了一个高级技师", DAY, subject="person")
    assert reading.subject == "enterprise"


@pytest.mark.parametrize("text,programme", [
    ("前年我们从外地引进了3个高级工2个技师 想申请引才资助", 6),
    ("想问问引才资助 我们去年挖了两个技师过来", 6),
])
def test_a_firm_naming_a_programme_is_asked_that_programmes_facts_first(text, programme):
    state = State()
    _, state = step(state, "您好 我是钱塘一家储能设备公司的HR", "inform", [], DAY, start=True)
    _, state = step(state, text, "inform", [{"entity": "programme", "value": str(programme)}], DAY)
    assert state.asking.startswith("introduced")


def _firm_with_hires(dates_levels, asking):
    heads = [{"level": lv, "hired_date": d, "from_outside_qiantang": True} for d, lv in dates_levels]
    return State(facts={"organisation": {"kind": "enterprise", "in_qiantang": True, "introduced": heads}},
                 subject="enterprise", checking=True, asking=asking, focus="6", asked=["6"])


HIRES = [("2025-03-10", "高级工"), ("2025-03-10", "高级工"), ("2025-05-06", "高级工"), ("2025-07-01", "技师"),
         ("2025-09-15", "技师")]


@pytest.mark.parametrize("text", ["入职以后社保一直在我们这交 没断过", "进公司之后社保一直是我们交的 没停过"])
def test_since_hire_said_of_one_head_counts_for_every_head_not_yet_told(text):
    state = _firm_with_hires(HIRES, "introduced[0].ss_months_in_qiantang")
    _, state = step(state, text, "inform", [], DAY)
    months = [h.get("ss_months_in_qiantang") for h in state.facts["organisation"]["introduced"]]
    assert all(isinstance(m, int) for m in months) and months[0] > months[-1]


@pytest.mark.parametrize("text,level", [("高级工那个社保交到上个月 正好12个月 中间没断", "高级工"),
                                        ("技师那两个都是12个月", "技师")])
def test_a_count_said_of_heads_named_by_level_is_theirs_only(text, level):
    state = _firm_with_hires(HIRES, "introduced[0].ss_months_in_qiantang")
    _, state = step(state, text, "inform", [], DAY)
    heads = state.facts["organisation"]["introduced"]
    assert [h.get("ss_months_in_qiantang") == 12 for h in heads] == [lv == level for _, lv in HIRES]


@pytest.mark.parametrize("text,which", [
    ("只有5月份来的那个高级工把户口迁到钱塘了 其他都不是", 2),
    ("7月入职的那个技师是钱塘户口 别的都不是", 3),
    ("9月份招的技师户口在钱塘 其余的不是", 4),
])
def test_a_head_named_by_its_month_is_that_head_and_keeps_its_date(text, which):
    state = _firm_with_hires(HIRES, "introduced[0].qiantang_hukou")
    _, state = step(state, text, "inform", [], DAY)
    heads = state.facts["organisation"]["introduced"]
    assert [h.get("qiantang_hukou") for h in heads] == [i == which for i in range(5)]
    assert [h["hired_date"] for h in heads] == [d for d, _ in HIRES]


@pytest.mark.parametrize("text", ["对了 这种公司自己培养出来的高级技师 企业是不是也有一笔",
                                  "那我们单位能不能也领一笔培养的钱"])
def test_in_a_persons_check_a_question_about_what_the_firm_gets_is_answered_for_the_firm(text):
    reply = answering.respond(text, today=DAY, focus=4, asker="person")
    assert load().programme(5)["name"] in reply.text


@pytest.mark.parametrize("text,subject", [
    ("不好意思 那8个毕业生里有2个其实是2022年毕业的 现在都在公司上班", "training_org"),
    ("学员结业以后大部分都去了企业上班", "training_org"),
])
def test_where_the_people_told_of_work_is_not_who_speaks(text, subject):
    reading = understanding.understand(text, DAY, subject=subject)
    assert reading.subject == subject and "kind" not in (reading.facts.get("organisation") or {})


@pytest.mark.parametrize("text", [
    "你好我想问一下就是我去年九月份刚拿到技师证书然后我们公司在钱塘社保也一直是在这边交的那我现在可以申请吗",
    "我今年3月份考出来高级技师 我们厂在下沙 能拿多少",
])
def test_a_worker_with_a_date_before_the_verb_who_names_the_employer_is_a_person(text):
    reading = understanding.understand(text, DAY)
    assert reading.subject == "person" and reading.facts["person"]["new_level"] in ("技师", "高级技师")


@pytest.mark.parametrize("text", ["我去年10月份考的技师 现在能申请补助吗 在钱塘一家家具厂",
                                  "我前年评的高级技师 在钱塘上班 现在可以申请吗"])
def test_can_i_apply_now_with_ones_case_is_about_the_case_not_the_draft(text):
    reply = answering.respond(text, today=DAY)
    assert load().programme(4)["name"] in reply.text
    assert reply.text != load().document["draft_note"]


def test_a_question_about_the_draft_still_gets_the_draft_note():
    assert answering.respond("现在能申请了吗", today=DAY).text == load().document["draft_note"]


def test_months_an_answer_reckoned_are_not_kept_as_said():
    from understanding.insurance import without_reckoned as _without_reckoned
    reckoned = {"person": {"new_level": "技师", "cert_date": "2026-10-01", "ss_months_after_cert": 3}}
    assert "ss_months_after_cert" not in _without_reckoned(reckoned, {"person": {"cert_date": "2026-10"}})["person"]
    said = {"person": {"ss_months_after_cert": 3}}
    assert _without_reckoned(reckoned, said)["person"]["ss_months_after_cert"] == 3


@pytest.mark.parametrize("text,at_cert", [
    ("他去年4月22号评上了高级技师 我们公司在钱塘 他在我们这干了十年了", True),
    ("我在钱塘这家厂干了五六年了，前年10月评上技师", True),
    ("前年10月评上技师，我在钱塘这个厂才干了一年", None),
    ("前年10月评上技师，之前在萧山的厂干了十年，现在在钱塘上班", None),
])
def test_years_in_the_present_job_before_the_certificate_mean_employed_there_when_certified(text, at_cert):
    from understanding.tenure import employed_at_cert
    reading = understanding.understand(text, DAY, subject="person")
    facts = employed_at_cert(reading.facts, None, reading.text, DAY)["person"]
    assert facts.get("qiantang_enterprise_employee_at_cert") is at_cert
    state = _person_check(text)         # the chat's check records it as said
    assert state.facts["person"].get("qiantang_enterprise_employee_at_cert") is at_cert


@pytest.mark.parametrize("text", ["还在钱塘", "人还是在钱塘 社保自己交", "上个月自己出来开了个小加工厂 还是在钱塘"])
def test_still_in_qiantang_answers_whether_one_works_there(text):
    reading = understanding.understand(text, DAY, subject="person", pending="works_in_qiantang")
    assert reading.facts["person"]["works_in_qiantang"] is True


@pytest.mark.parametrize("text", ["上个月自己出来开了个小加工厂", "去年出来单干了 社保自己交"])
def test_going_out_on_ones_own_is_self_employed(text):
    assert understanding.understand(text, DAY, subject="person").facts["person"]["employer"] == "self"


@pytest.mark.parametrize("text", ["这样那个津贴还给不给了", "那补贴还发不发", "这个还算不算"])
def test_an_a_not_a_question_answers_no_pending_yes_no(text):
    state = _person_check()
    state.asking = "works_in_qiantang"
    _, state = step(state, text, "inform", [], DAY)
    assert "works_in_qiantang" not in (state.facts.get("person") or {})


@pytest.mark.parametrize("text,months", [("拿证以后就交了三个月 十月十一月十二月", 3),
                                         ("交了4个月 9月 10月 11月 12月", 4)])
def test_months_listed_after_their_count_are_no_certificate_date(text, months):
    reading = understanding.understand(text, DAY, subject="person", pending="ss_months_after_cert")
    assert reading.facts["person"] == {"ss_months_after_cert": months}


@pytest.mark.parametrize("text", ["张师傅在我们这干了七八年了", "我在这个厂做了五六年"])
def test_neighbouring_digits_before_a_year_are_some_years_not_a_year(text):
    from understanding.values import read
    assert not [v for v in read(text, DAY) if v.kind == "date"]


def test_a_two_digit_year_of_birth_is_still_a_year():
    from understanding.values import read
    assert [v.value for v in read("八九年出生的", DAY) if v.kind == "date"] == [("1989", "year")]


@pytest.mark.parametrize("text", ["數控車工有在緊缺目錄裡 公司人事查過", "电工在紧缺目录里 厂里人事帮我查了"])
def test_a_student_telling_what_the_firms_hr_looked_up_is_still_the_student(text):
    reading = understanding.understand(text, DAY, subject="student", pending="cert_in_shortage_catalogue")
    assert reading.subject == "student" and reading.facts["person"]["cert_in_shortage_catalogue"] is True


@pytest.mark.parametrize("text", ["张师傅在我们这干了七八年了 考证的时候当然在", "拿证那会他肯定在啊"])
def test_of_course_there_when_certified_answers_the_head_asked(text):
    known = {"organisation": {"kind": "enterprise", "cultivated": [{"level": "高级技师", "cert_date": "2026-06-12"}]}}
    reading = understanding.understand(text, DAY, subject="enterprise", known=known,
                                       pending="cultivated[0].employed_here_at_cert")
    assert reading.facts["organisation"]["cultivated"][0]["employed_here_at_cert"] is True


@pytest.mark.parametrize("text,path", [
    ("开班前一个多月就在区人社局备过案的 计划名单都报了", ("school_cooperation", "filed_before_start")),
    ("开班前备过案", ("school_cooperation", "filed_before_start")),
])
def test_in_a_check_for_a_programme_its_section_reads_without_its_name(text, path):
    state = State()
    _, state = step(state, "我们和杭州技师学院合作办了个订单班", "inform", [{"entity": "programme", "value": "7"}],
                    DAY, start=True)       # (the programme entity as the NLU gives it for 订单班)
    _, state = step(state, text, "inform", [], DAY)
    assert state.facts["organisation"][path[0]][path[1]] is True


def test_heads_told_are_no_yes_to_the_firms_own_question():
    state = State()
    _, state = step(state, "我们和杭州技师学院合作办了个订单班", "inform", [{"entity": "programme", "value": "7"}],
                    DAY, start=True)
    assert state.asking == "in_qiantang"
    _, state = step(state, "四个留在我们公司 有一个跑到萧山一家厂去了", "inform", [], DAY)
    assert "in_qiantang" not in state.facts.get("organisation", {})


@pytest.mark.parametrize("text", ["我们这几年自己培养出来的 小陈高级技师 去年五月二十号的证", "前几天刚考的技师证 在钱塘上班"])
def test_some_years_or_days_ago_is_no_question(text):
    assert not answering.is_question(text)


def test_wrong_wrong_is_a_correction_not_a_question():
    assert not answering.is_question("不对不对 我看错了 是金牌工人 不是技师")
def test_heads_of_another_class_told_with_more_words_are_added():
    known = {"organisation": {"kind": "training_org", "training": {"trainees": [
        {"group": "就业困难人员", "fee_charged": False} for _ in range(5)]}}}
    for text in ("另外有三个灵活就业的学了家政收纳 这个收了学费", "还有3个失业人员 也考了专项能力"):
        trainees = understanding.understand(text, DAY, subject="training_org", known=known).facts[
            "organisation"]["training"]["trainees"]
        assert trainees[:5] == [{}] * 5 and len(trainees) == 8


@pytest.mark.parametrize("known,text,path,value", [
    ({"organisation": {"kind": "training_org", "training": {"received_this_year": 150000}}},
     "说错了说错了 是十九万五 不是十五万 会计刚跟我说", ("organisation", "training", "received_this_year"), 195000),
    ({"person": {"ss_months_after_cert": 8, "new_level": "技师"}}, "不是8个月 是10个月",
     ("person", "ss_months_after_cert"), 10),
])
def test_a_number_corrected_by_naming_the_wrong_one_corrects_the_fact_that_held_it(known, text, path, value):
    subject = "training_org" if "organisation" in known else "person"
    facts = understanding.understand(text, DAY, subject=subject, known=known, pending="in_qiantang").facts
    node = facts
    for key in path:
        node = node[key]
    assert node == value


@pytest.mark.parametrize("text", ["老周也是高级技师 去年三月十号", "小李也评上了高级技师 去年4月的证"])
def test_another_person_also_of_a_level_told_is_another_head(text):
    known = {"organisation": {"kind": "enterprise", "cultivated": [{"level": "高级技师", "cert_date": "2025-05-20"}]}}
    heads = understanding.understand(text, DAY, subject="enterprise", known=known).facts["organisation"]["cultivated"]
    assert heads[0] == {} and heads[1]["level"] == "高级技师" and heads[1]["cert_date"].startswith("2026-0")


@pytest.mark.parametrize("text", ["我们单位不是企业，是事业单位", "我们不是公司 是公立医院"])
def test_in_a_persons_check_the_employer_of_another_kind_keeps_the_person(text):
    assert understanding.understand(text, DAY, subject="person").subject == "person"


def test_an_organisation_saying_it_is_no_firm_is_still_an_organisation():
    assert understanding.understand("我们不是企业，是钱塘区的一家培训学校", DAY).subject == "training_org"


@pytest.mark.parametrize("text", ["学员都考核合格了 记录都在系统里", "考核都合格了"])
def test_in_a_training_bodys_check_an_assessment_passed_is_its_trainees(text):
    assert understanding.understand(text, DAY, subject="training_org").subject == "training_org"


def test_asked_of_one_head_after_not_all_alike_the_answer_is_that_heads_only():
    state = _firm_with_hires(HIRES[2:], "introduced[0].ss_months_in_qiantang")     # no two alike
    _, state = step(state, "不一样", "inform", [], DAY)
    asked = state.asking
    _, state = step(state, "12个月", "inform", [], DAY)
    months = [h.get("ss_months_in_qiantang") for h in state.facts["organisation"]["introduced"]]
    assert months.count(12) == 1 and months[int(asked.split("[")[1].split("]")[0])] == 12


def test_one_of_a_group_said_in_the_same_breath_is_one_head():
    state = _firm_with_hires(HIRES[:3], "introduced[0].still_in_qiantang")
    _, state = step(state, "哦对了 3个高级工里有一个去年年底已经走了", "inform", [], DAY)
    assert [h.get("still_in_qiantang") for h in state.facts["organisation"]["introduced"]].count(False) == 1


def test_a_corrected_hire_month_counts_the_continuing_months_again():
    state = _firm_with_hires([("2026-05-01", "高级技师")], "introduced[0].ss_months_in_qiantang")
    _, state = step(state, "社保一直在我们公司交", "inform", [], DAY)
    assert state.facts["organisation"]["introduced"][0]["ss_months_in_qiantang"] == 9      # 2026-05..2027-01
    _, state = step(state, "不好意思 刚才说错了 是前年5月引进的 不是去年", "inform", [], DAY)
    head = state.facts["organisation"]["introduced"][0]
    assert head["hired_date"] == "2025-05-01" and head["ss_months_in_qiantang"] == 21
