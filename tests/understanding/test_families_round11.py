"""understanding/: families of phrasings read wrongly in understanding dev13 (round 11), each
tested on variant sentences of our own (not the corpus's), in the general form a new writer
would type them."""
from __future__ import annotations

import datetime as dt

from .families import org, person, reader

TODAY = dt.date(2027, 3, 3)
read = reader(TODAY)


# 1. doubt about a pending list field is never a value
def test_doubt_about_a_pending_head_field_is_unknown_not_a_value():
    for text in ("户籍这块我们没统计过", "户口的话还没问过", "户口这个 不太清楚", "钱塘户口 要问一下他们才知道",
                 "户籍情况得问一下", "户口没统计 得问问"):
        r = read(text, subject="enterprise", pending="organisation.introduced[].qiantang_hukou")
        assert not any("qiantang_hukou" in h for h in org(r).get("introduced", [])), text
        assert not org(r).get("introduced"), text      # no head of which only a doubt was said
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


def test_a_head_told_by_where_it_came_from_with_its_level_is_a_hire():
    r = read("老陈去年年初来的 从安徽过来的技师")
    assert r.subject == "enterprise" and not person(r)
    assert org(r)["introduced"][0]["level"] == "技师" and org(r)["introduced"][0]["from_outside_qiantang"] is True


def test_a_workmate_or_oneself_coming_from_elsewhere_stays_a_person():
    for text in ("我是去年从萧山过来的技师", "我同事小王是去年从萧山过来的技师 他能申请吗"):
        assert read(text).subject == "person", text


# 3. one employee's certificate, asked about a programme of the firm's: the firm's head
def test_one_employee_asked_about_an_organisation_programme_is_the_firms_head():
    r = read("公司有个职工今年1月考出了高级技师 拿证时就在公司 我们能申请培育补贴吗")
    assert r.subject == "enterprise" and not person(r)
    assert org(r)["cultivated"] == [{"level": "高级技师", "cert_date": "2027-01", "employed_here_at_cert": True}]
    r = read("我们去年有个师傅从萧山过来 高级技师 能申请引才资助吗")
    assert r.subject == "enterprise" and org(r)["introduced"][0]["level"] == "高级技师"
    # a person's own programme keeps the one employee's case
    r = read("我们公司有个员工去年评上了技师 他能领提升补助吗")
    assert r.subject == "person" and person(r)["new_level"] == "技师"
    r = read("我们公司有个员工是校企合作班毕业的 考了高级工 他能领留区补贴吗")
    assert r.subject == "student" and person(r)["new_level"] == "高级工"


# 8. a studio not yet recognised, told by its host enterprise
def test_a_studio_not_yet_recognised_told_by_its_host():
    for text in ("我们是下沙的一家企业 大师工作室还在申请区级 没认定下来",
                 "工作室目前还没被认定 在准备申报区级 我们是钱塘的公司"):
        r = read(text)
        assert r.subject == "studio", text
        assert org(r)["studio"]["district_recognised"] is False, text
    r = read("我们是企业 工作室去年被认定为区级 考核良好")
    assert r.subject == "studio" and org(r)["studio"] == {"district_recognised": True, "assessment": "良好"}


# 10. a worker whose firm is outside 钱塘 and whose own 户口 is in 钱塘
def test_a_worker_naming_the_firm_and_their_own_hukou_is_a_person():
    r = read("我们公司在萧山 但我的户籍在钱塘 今年1月评上了技师")
    assert (r.speaker, r.subject) == ("person", "person")
    assert person(r)["new_level"] == "技师" and person(r)["employer"] == "enterprise"
    assert not org(r)


# 7. working in 钱塘 said without the word 上班
def test_working_in_qiantang_said_by_the_shop_the_job_or_a_confirmed_internship():
    for text, employer in (("我是自己开理发店的在下沙 今年考了高级工", "self"),
                           ("我在下沙开了个小吃铺 个体户 今年考了中式面点师高级工", "self"),
                           ("我在钱塘一所大学当老师 有编制 去年考了个技师", "public_institution"),
                           ("我是应届生 在钱塘一家企业实习后转正了 考了高级工", "enterprise")):
        r = read(text)
        assert person(r)["works_in_qiantang"] is True, text
        assert person(r)["employer"] == employer, text
    # studying at a 钱塘 college, or an internship not yet confirmed, is not working there
    assert "works_in_qiantang" not in person(read("我在钱塘一所大学读书 考了个中级工"))
    assert "works_in_qiantang" not in person(read("我在钱塘一家公司实习 考了个中级工"))


# 6. a level in a question clause that also states the writer's own certificate
def test_a_level_in_a_question_that_also_tells_ones_own_certificate_is_the_new_level():
    for text, level in (("技师补助怎么申请我上个月刚拿的证", "技师"),
                        ("前年考的高级工证现在还能申请吗", "高级工"),
                        ("我已经离职了 上个月评的高级技师证还能领补助吗", "高级技师")):
        assert person(read(text))["new_level"] == level, text
    # a level named only in the question states nothing
    assert not person(read("技师证能领多少"))


# 5. a level said with money already received, beside the case told, is the level paid (补差)
def test_a_level_said_with_money_received_beside_another_title_is_the_level_paid():
    r = read("我去年评上了金牌技师 前年还考了高级工领过补贴")
    assert person(r) == {"gold_title": "钱塘金牌技师", "subsidised_level": "高级工"}
    r = read("今年1月考出了高级技师 前年拿的技师证领过3000")
    assert person(r) == {"new_level": "高级技师", "cert_date": "2027-01", "subsidised_level": "技师"}
    # said alone it is both got and paid
    assert person(read("今年考了技师领了3000"))["new_level"] == "技师"


# 9. a hotline agent retelling an HR caller asking about one employee: that employee's case
def test_an_agent_retelling_an_hr_caller_about_one_employee_gives_the_persons_facts():
    r = read("对方是企业人事 说他们单位一个职工去年评上金牌工人 现在离职回老家了 津贴还能领吗")
    assert (r.speaker, r.subject) == ("agent", "person")
    assert person(r) == {"gold_title": "钱塘金牌工人", "works_in_qiantang": False}
    # the caller's hires stay the firm's heads
    r = read("来电人是企业HR 问他们公司引进了3个技师 能拿多少")
    assert r.subject == "enterprise" and org(r)["introduced"][0]["count"] == 3


# 4. fields of one part do not go to another part; what is said of all reaches every part
def test_fields_said_after_a_part_are_that_parts_only():
    r = read("合作班的学生有8个进了我们公司 社保交了9个月 高级工 还有2个回老家了")
    assert org(r)["school_cooperation"]["graduates"] == [
        {"path": "joined_partner", "ss_months": 9, "level": "高级工", "count": 8}, {"path": "other", "count": 2}]
    # said before the parts, it is the class's: both get it
    r = read("中级工的订单班学生 有12个来我们厂 还有3个去了外地")
    assert [g.get("level") for g in org(r)["school_cooperation"]["graduates"]] == ["中级工", "中级工"]


def test_the_rest_of_a_group_and_what_is_said_of_all_after_it():
    r = read("学员里有6个证书是在江苏考的 其余14个是浙江的 都是失业人员 初级工")
    assert org(r)["training"]["trainees"] == [
        {"issued_in_zhejiang": False, "certificate": "初级工", "group": "失业人员", "count": 6},
        {"issued_in_zhejiang": True, "group": "失业人员", "certificate": "初级工", "count": 14}]


def test_classes_told_by_how_they_differ_then_each_counted():
    r = read("学员里有毕业四年的大学生 也有今年刚毕业的 各5个")
    assert org(r)["training"]["trainees"] == [
        {"group": "高校毕业生", "graduated_within_2_years": False, "count": 5},
        {"group": "高校毕业生", "graduated_within_2_years": True, "count": 5}]
    r = read("学员有失业人员也有灵活就业人员 各10个 考的都是中级工")
    assert [(t["group"], t["count"], t["certificate"]) for t in org(r)["training"]["trainees"]] == [
        ("失业人员", 10, "中级工"), ("灵活就业人员", 10, "中级工")]


# 2 (cont.). one named of a counted group is its part; names in turn are its heads in order
def test_one_named_of_a_counted_group_is_its_part():
    r = read("去年4月从外地引进了3个技师 小刘是钱塘户口")
    assert org(r)["introduced"] == [
        {"level": "技师", "hired_date": "2026-04", "from_outside_qiantang": True, "count": 2},
        {"level": "技师", "hired_date": "2026-04", "from_outside_qiantang": True, "qiantang_hukou": True}]
    r = read("去年招了3个技师 小李社保交了二十一个月 老王七个月 小张五个月")
    assert [h.get("ss_months_in_qiantang") for h in org(r)["introduced"]] == [21, 7, 5]
    assert all(h["level"] == "技师" and "count" not in h for h in org(r)["introduced"])


def test_a_month_said_of_applying_is_the_application_date():
    assert read("能补差价吗 打算下个月去申报").stated["as_of"] == "2027-04"
    # a month already past, read as last year's, is no plan
    assert "as_of" not in read("打算4月份去申报").stated
