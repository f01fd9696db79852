"""Answering: a case decided by the engine when an amount is asked, a cap put up for
confirmation, a question about the condition a check is asking, and the insurance months
counted one way (policy_kb.since). Expected texts come from policy_kb."""
from __future__ import annotations

import datetime as dt

from answering import is_question, respond
from policy_kb.amounts import yuan
from policy_kb.kb import load
from policy_kb.since import months_since, since_fields

TODAY = dt.date(2026, 11, 27)


def test_an_amount_asked_of_a_whole_case_is_the_engines_amount_for_it():
    prog = load().programme(11)
    r = respond("我们单位新招了个下沙学校的全日制应届生 去年十月在学校考了紧缺工种目录里的高级工 今年四月入职 "
                "社保从四月开始在钱塘交 一直没断 要怎么帮他申请持证大学生补贴 能拿多少", TODAY)
    total = prog["standard"]["table"]["高级工"] * prog["standard"]["months"]
    assert r.programme == 11 and r.kind == "computed" and r.offer_check
    assert yuan(total) in r.text.split("\n")[0]
    assert r.facts["person"]["ss_months_after_cert"] == 8      # April to November, the first month paid counted
    # a level and little more is the level's amount, as before
    plain = respond("去年评上的高级技师能拿多少提升补助", TODAY)
    assert plain.kind == "level_amount"


def test_a_cap_put_up_for_confirmation_is_confirmed_from_its_clause():
    std = load().programme(10)["standard"]
    assert is_question("单个机构一年最多补二十万是吧") and not is_question("应该是吧")
    yes = respond("单个机构一年最多补二十万是吧", TODAY)
    assert yes.kind == "cap" and yes.text.startswith("是。") and std["clause"] in yes.text
    no = respond("培训机构一年最多补十万对吧", TODAY)
    assert no.text.startswith("不对。") and "20万元" in no.text


def test_a_question_about_the_pending_condition_is_answered_from_it_and_its_step():
    prog = load().programme(7)
    cond = next(c for c in prog["conditions"] if "备案" in c["text"])
    step = next(s for s in prog["process"] if s.startswith("备案"))
    for text in ("是不是一定要提前备案啊 补备行不行", "开班后再备案可以吗"):
        r = respond(text, TODAY, focus=7, pending="school_cooperation.filed_before_start")
        assert r.kind == "pending" and cond["text"] in r.text and step in r.text
    # another condition's words, or another aspect, are answered as before
    other = respond("电话多少", TODAY, focus=7, pending="school_cooperation.filed_before_start")
    assert other.kind == "aspect" and prog["phone"] in other.text
    heads = respond("学生要交满几个月社保", TODAY, focus=7, pending="school_cooperation.graduates[0].ss_months")
    assert heads.kind == "pending" and "七（3）③" in heads.text


def test_insurance_months_are_counted_as_facts_yml_declares_them():
    fields = {(root, holder, name): anchors for root, holder, name, anchors in since_fields()}
    after = fields[("person", "", "ss_months_after_cert")]
    assert months_since(after, {"cert_date": "2026-03-15"}, TODAY) == 8          # after the certificate's month
    assert months_since(after, {"ss_start_month": "2026-04", "cert_date": "2025-10-26"}, TODAY) == 8
    hired = fields[("organisation", "introduced[]", "ss_months_in_qiantang")]
    assert months_since(hired, {"hired_date": "2026-04-01"}, TODAY) == 8          # from the hire's month itself
    assert months_since(hired, {}, TODAY) is None


def _condition(n: int, word: str) -> dict:
    return next(c for c in load().programme(n)["conditions"] if word in c["text"])


def test_who_decides_the_list_is_the_review_step():
    for text, n in (("引才资助最后谁来定名单", 6), ("育才资助的资助名单由谁确定", 5), ("金牌技师名单最后谁拍板", 2)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "decides" and "党组会议" in r.text


def test_how_long_one_must_have_worked_is_the_conditions_months():
    for text, n, word in (("引进的技师在钱塘工作多长时间才可以申请", 6, "12个月"),
                          ("提升补助 拿证以后社保要交满几个月", 4, "6个月"),
                          ("校企合作的学生毕业后社保要交多久才能报", 7, "6个月")):
        r = respond(text, TODAY)
        cond = _condition(n, word)
        assert r.programme == n and r.kind == "tenure" and cond["text"] in r.text


def test_a_phone_asked_with_a_date_word_is_the_phone():
    for text, n in (("育才资助的电话是几号", 5), ("培训补助电话号码几号", 10), ("金牌工人津贴热线是几号", 3)):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.kind == "aspect" and r.aspect == "phone" and prog["phone"] in r.text
        assert not any(p["phone"] in r.text for p in load().programmes if p["phone"] != prog["phone"])


def test_a_certificate_issued_elsewhere_is_a_fact_not_another_districts_policy():
    cond = _condition(10, "浙江省内")
    for text in ("我们机构的学员证书是江苏颁发的，能申请培训补贴吗", "培训的学员在上海考的证，机构能拿培训补助吗"):
        r = respond(text, TODAY)
        assert r.kind == "yes_no" and r.text.startswith("不能。") and cond["text"] in r.text


def test_an_applicant_type_or_a_mistyped_shared_name_gets_the_object():
    for text, n in (("个体工商户能申请建室资助吗", 8), ("个体户可以申请工作室考核资助吗", 9),
                    ("个体户能申请技能大师工做室吗", 8)):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.programme == n and r.aspect == "object" and prog["object"] in r.text


def test_which_people_count_for_a_per_head_programme_are_its_heads_conditions():
    for text, n, word in (("培训补助 培训哪些人才算", 10, "失业人员"), ("引才资助 引进什么样的人才算", 6, "区外"),
                          ("校企合作办班 哪些学生能算", 7, "社保")):
        r = respond(text, TODAY)
        assert r.programme == n and r.aspect == "object" and _condition(n, word)["text"] in r.text
    plain = respond("育才资助的对象是谁", TODAY)          # no people asked about: the 政策对象 alone
    assert plain.text.count("\n") == 0


def test_a_level_asked_beside_the_whole_standard_gets_both():
    for text, n in (("自主评价资助标准是什么 技师有没有", 12), ("引才资助按什么标准 首席技师多少", 6)):
        r = respond(text, TODAY)
        std = load().programme(n)["standard"]
        assert r.kind == "level_amount" and std["text"] in r.text
    one = respond("企业自主评价认定技师，每人资助标准是多少？", TODAY)       # one level's standard only
    assert load().programme(12)["standard"]["text"] not in one.text


def test_a_monthly_levels_months_are_said_with_its_amount():
    std = load().programme(11)["standard"]
    for text, level in (("大学生留区补贴高级工能领多久", "高级工"), ("留区补贴技师每月多少 发多长时间", "技师")):
        r = respond(text, TODAY)
        assert r.kind == "level_amount" and yuan(std["table"][level]) in r.text and f"{std['months']}个月" in r.text


def test_topup_reads_which_level_was_paid_whatever_the_order():
    import datetime as dt
    from actions.questions import answer
    for text in ("今年评上了特级技师 以前评高级技师时领过5000 还能补多少", "以前领过高级工那档吗 不对 是技师领过3000 现在高级技师了 能补多少"):
        reply = answer(text, dt.date(2026, 11, 28))[0][0].text
        assert "补差" in reply and ("5000元" in reply or "2000元" in reply), (text, reply)
    reply = answer("今年评上了特级技师 以前评高级技师时领过5000 还能补多少", dt.date(2026, 11, 28))[0][0].text
    assert "10000元 − 5000元 = 5000元" in reply, reply

def test_the_hukou_bonus_asked_of_a_level_is_answered_for_that_level():
    bonus = load().programme(6)["standard"]["bonus"]
    assert "首席技师" in bonus["except"]
    for text, first in (("首席技师落户钱塘了 引才资助能叠加1000不", "不能。"),          # 首席技师: no bonus
                        ("引进的高级技师已经落户钱塘 引才资助能多拿1000吗", "能。"),
                        ("引进的技师还没落户钱塘 引才资助能多拿1000吗", "不能。")):   # no 户籍: no bonus
        r = respond(text, TODAY)
        assert r.programme == 6 and r.text.startswith(first) and "不含首席技师" in r.text
    # the programme asked, not the bonus: the 户籍 said not to hold does not decide it
    for text, level in (("引进的高级工户口不在钱塘 引才资助多少", "高级工"), ("引进的技师不是钱塘户口 给多少", "技师")):
        r = respond(text, TODAY)          # 户籍 said not to hold: the level's own amount, no bonus
        own = load().programme(6)["standard"]["table"][level]
        assert yuan(own) in r.text and yuan(own + bonus["amount"]) not in r.text
    plain = respond("2025年5月从外地企业引进的技师，在我们钱塘公司连续交社保一年半了，人还在，不是钱塘户口，企业能拿引才资助不",
                    TODAY)
    assert plain.text.startswith("能")


def test_how_often_is_asked_with_any_word_for_once():
    for text, n, words in (("区技能大师工作室几年评一回", 8, "每两年"), ("金牌工人多长时间评一回", 3, "每两年"),
                           ("技能大师工作室考核隔几年搞一轮", 9, "每两年"), ("育才资助一年能报几回", 5, "每年受理一次")):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and words in r.text


def test_an_organisation_or_workplace_in_another_district_fails_the_qiantang_condition():
    for text, n, clause in (("我们公司在滨江 引进了两个技师 能申请钱塘的引才资助吗", 6, "六（2）"),
                            ("我们厂在萧山 能申请育才资助吗", 5, "五（2）"),
                            ("我在余杭上班 去年考了高级技师 能领提升补助吗", 4, "四（3）①"),
                            ("萧山的企业能申请钱塘的育才资助吗", 5, "五（2）"),
                            ("我们是滨江的一家公司 能申请自主评价资助吗", 12, "十二（2）"),
                            ("我们公司在萧山 员工评上了技师 提升补助能申请吗", 4, "四（3）①"),   # its staff work there
                            ("工作室在滨江 考核优秀 能拿考核资助吗", 9, "九（2）"),
                            ("我们公司在江苏 能申请钱塘的校企合作资助吗", 7, "七（2）")):    # a province too
        r = respond(text, TODAY)
        table = load().programme(n)["standard"].get("table", {})
        assert r.programme == n and r.text.startswith("不能。") and f"第{clause}条" in r.text
        assert not any(yuan(v) in r.text for v in table.values())      # no amount for a case that fails
    # a place the story passes through states nothing about the organisation asking
    moved = respond("技师原来在萧山的公司上班 现在引进到我们公司 引才资助能拿吗", TODAY)
    assert moved.text.startswith("能，")


def test_instalments_asked_with_a_word_of_comparison_are_the_instalments():
    std = load().programme(11)["standard"]
    for text, level in (("持证大学生补贴高级工两笔各发多少", "高级工"), ("留区补贴中级工分两笔 每笔各是多少", "中级工")):
        r = respond(text, TODAY)
        half = std["table"][level] * std["months"] // 2
        assert r.programme == 11 and r.kind == "instalment" and yuan(half) in r.text


def test_the_special_entry_named_is_each_heads_certificate():
    fee = _condition(10, "收取培训费用")
    for text in ("培训机构收了学员培训费 还能拿专项能力补贴吗", "培训机构的专项能力证书培训向学员收过钱 能不能申请培训补助"):
        r = respond(text, TODAY)
        assert r.programme == 10 and r.text.startswith("不能。") and fee["clause"] in r.text
    level = respond("培训机构收了学员培训费 初级工证的培训补助还能拿吗", TODAY)     # a level named: not 专项能力
    assert level.text.startswith("能")


def test_a_move_planned_elsewhere_fails_only_a_condition_held_over_a_period():
    for text, n in (("金牌技师津贴领了一年 明年调去萧山 后面还能领吗", 2),
                    ("我是钱塘金牌工人 下个月要调到滨江的分公司 津贴还能继续拿吗", 3)):
        r = respond(text, TODAY)
        cond = _condition(n, "期间")
        assert r.programme == n and r.text.startswith("不能。") and cond["text"] in r.text
    # "申请时在钱塘区就业" holds now: a later move does not fail it
    now = respond("我在钱塘上班 明年打算去萧山 今年评上技师 提升补助能申请吗", TODAY)
    assert now.text.startswith("能")


def test_whether_the_document_is_in_force_is_its_draft_status():
    note = load().document["draft_note"]
    for text in ("这个政策现在正式实施了吗", "这些补贴政策出台了吗"):
        r = respond(text, TODAY)
        assert r is not None and note in r.text


def test_an_amount_put_up_with_no_case_is_set_against_the_most_the_standard_gives():
    for text, n, first, figure in (("培训机构一年能补到30万吗", 10, "不能。", "20万元"),
                                   ("培训机构一年能补到10万吗", 10, "能。", "20万元"),        # within the cap
                                   ("自主评价资助一家企业一年能拿20万吗", 12, "不能。", "10万元"),
                                   ("金牌技师津贴一共能拿5万吗", 2, "不能。", "48000元"),
                                   ("金牌工人津贴两年一共能拿12000元吗", 3, "能。", "12000元")):
        r = respond(text, TODAY)
        assert r.programme == n and r.text.startswith(first) and figure in r.text
    confirm = respond("培训机构一年最多补十万对吧", TODAY)          # a cap put up is confirmed only by its figure
    assert confirm.text.startswith("不对。")


def test_the_level_already_had_is_the_one_its_clause_says_was_received():
    table = load().programme(4)["standard"]["table"]
    for text, had, new in (("评上特级技师 之前拿过高级技师的5000元 这次能补多少", "高级技师", "特级技师"),
                           ("今年评上了首席技师，以前领过技师的提升补助，还能补多少", "技师", "首席技师"),
                           ("前年评技师领过3000了，今年评上首席技师 还能领多少", "技师", "首席技师")):
        r = respond(text, TODAY)
        assert r.kind == "topup" and yuan(table[new] - table[had]) in r.text.split("。")[0]


def test_paid_monthly_or_paid_to_whom_are_the_payment_steps():
    for text, n in (("金牌技师津贴是按月发的吗", 2), ("金牌工人评上以后每个月发吗", 3)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and "每半年" in r.text
    assert "500元" in respond("厂里评上那个金牌工人的 每个月给多少", TODAY).text     # how much a month: the amount
    for text, n in (("持证大学生补贴钱打给谁", 11), ("引才资助的钱发给谁", 6)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "who_applies" and load().programme(n)["object"] in r.text


def test_a_prize_or_certificate_taken_last_year_is_no_subsidy_already_had():
    # "去年拿了…奖" is the story, not 补差: the question's own kind answers (the cap here)
    cap = load().programme(1)["standard"]["cap"]
    for text in ("我们车间主任前年拿了全市技能大赛的名次 区里配套最多给多少", "去年拿了省赛二等奖 区里的资助上限是多少",
                 "我徒弟去年拿了全市技能大赛第一名 区里最多能配多少"):
        r = respond(text, TODAY)
        assert r.programme == 1 and r.kind == "cap" and yuan(cap) in r.text
    # a level's certificate taken before the one asked about is not a level already subsidised
    table = load().programme(4)["standard"]["table"]
    r = respond("前年拿了高级工证 今年考出了技师 提升补助给多少", TODAY)
    assert r.kind != "topup" and yuan(table["技师"]) in r.text


def test_whether_it_is_every_year_is_how_often_even_when_asked_again():
    for text, n, phrase in (("金牌工人是一年一评吗", 3, "每两年"), ("工作室考核每年都有吗 今年没参加明年还能再参加不", 9, "每两年"),
                            ("金牌技师年年都评吗", 2, "每两年")):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and phrase in r.text
    # two programmes named with "再…申请" stay a combination
    both = respond("领了金牌技师津贴 还能再申请提升补助吗", TODAY)
    assert both.kind != "frequency"


def test_two_programmes_named_and_one_still_had_is_a_combination_answering_the_one_asked_first():
    phone = load().programme(4)["phone"]
    for text in ("单位在给我报育才资助 我的提升技能补助照样能领吧", "公司拿了引才资助 我个人那份提升补助会不会影响"):
        r = respond(text, TODAY)
        assert r.kind == "combine" and phone in r.text
        assert r.text.split("\n")[0].index(load().programme(4)["name"]) < r.text.split("\n")[0].index("和")


def test_each_supplementary_item_asked_in_one_message_is_answered():
    items = {c["clause"]: c["text"] for c in load().document["supplementary"]}
    r = respond("申请表在哪下载？政策最终解释权归谁", TODAY)
    assert r.kind == "supplementary" and items["十三、3"] in r.text and items["十三、4"] in r.text
    assert r.text.index(items["十三、3"]) < r.text.index(items["十三、4"])         # in the order asked
    one = respond("申报表哪里能下载", TODAY)
    assert items["十三、3"] in one.text and items["十三、4"] not in one.text


def test_who_submits_is_the_programmes_own_application_step():
    prog = load().programme(4)
    step = next(s for s in prog["process"] if s.startswith("申报"))
    for text in ("技能提升补贴是我本人去人社局申报吗", "提升补助要个人自己去报吗"):
        r = respond(text, TODAY)
        assert r.programme == 4 and r.kind == "who_applies" and step in r.text
    money = respond("引才资助的钱打给谁", TODAY)          # where the money goes: as before, no 申报 step added
    assert not any(s in money.text for s in load().programme(6)["process"] if s.startswith("申报"))


def test_a_stated_fact_failing_another_condition_answers_before_the_grades_amount():
    for text, n in (("我们这个工作室同时也是市级技能大师工作室 考核良好 能拿2万吗", 9),
                    ("我在区人民医院当合同工 没有编制 今年评上技师 能申请提升补助吗", 4),
                    ("我是公办学校的编外人员 刚考出高级技师 提升补助能领5000不", 4)):
        r = respond(text, TODAY)
        assert r.programme == n and r.text.startswith("不能"), text
    # the grade itself failing still says the table's entry
    passed = respond("工作室考核合格 能拿运行经费吗", TODAY)
    assert passed.text.startswith("不能")


def test_in_a_check_a_word_cueing_another_askers_programme_is_about_the_checks_own():
    prog = load().programme(10)
    for text in ("紧缺工种目录在哪能查到？", "紧缺工种的目录哪里可以查询"):
        r = respond(text, TODAY, focus=10, pending="training.filed_30_days_before", asker="training_org")
        assert r.programme == 10 and r.kind == "verify" and prog["phone"] in r.text and "紧缺" in r.text
    # no asker known: the students' programme, with where the document is silent and its phone
    alone = respond("紧缺工种目录在哪里能查", TODAY)
    assert alone.programme == 11 and not alone.card and load().programme(11)["phone"] in alone.text


def test_a_yes_no_question_in_a_conversation_is_decided_on_the_facts_it_gathered_too():
    amount = yuan(load().programme(8)["standard"]["amount"])
    known = {"organisation": {"kind": "enterprise", "studio": {"district_recognised": True, "higher_level": False}}}
    for text in ("区里的建室经费10万 我们能拿吗", "建室那笔10万的经费 我们工作室可以申请到吗"):
        r = respond(text, TODAY, focus=8, known=known, asker="studio")
        assert r.programme == 8 and r.text.startswith(("能。", "可以。")) and amount in r.text, text
    failed = respond("区里的建室经费10万 我们能拿吗", TODAY, known={"organisation": {"studio": {"district_recognised": False}}})
    assert failed.text.startswith("不能")
    # a question of only the programme's name still starts the check
    assert respond("我们能申请建室资助吗", TODAY, known=known, asker="studio").kind != "yes_no"


def test_every_n_years_once_is_how_often():
    for text, n in (("金牌工人两年评一次吗", 3), ("工作室考核是一年一次还是两年一次", 9), ("建室资助是不是每年都能申请", 8)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and "每两年" in r.text, text


def test_settling_hukou_said_of_a_levels_bonus_is_that_bonus_not_another_topic():
    for text, first in (("引进的首席技师落户钱塘 能多拿一千吗", "不能。"), ("引进的技师落户到钱塘了 能多给点吗", "能。")):
        r = respond(text, TODAY)
        assert r is not None and r.programme == 6 and r.text.startswith(first), text
    assert respond("大学生怎么落户钱塘", TODAY) is None          # 落户 itself: the out-of-scope reply


def test_the_same_programme_again_is_how_often_it_is_given():
    for text, n in (("我们厂去年拿了校企合作的资助 今年新开的班还能再申请吗", 7), ("自主评价资助去年拿过了 今年还可以再报吗", 12)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and "每年受理一次" in r.text, text
    # a stated fact that decides stays the engine's ("当时区里没推荐")
    assert respond("我前年拿了省赛三等奖 当时区里没推荐 现在还能申请配套吗", TODAY).text.startswith("不能")


def test_a_kind_the_programme_has_no_sentence_for_falls_to_the_next_kind_asked():
    r = respond("金牌工人的津贴是一次性发还是按月发", TODAY)          # no instalments in 三: how it is paid
    assert r.programme == 3 and not r.card and "每半年" in r.text


# -- families from the held-out dev12 (2026-11-28): variants of our own ---------------------------
def test_another_citys_district_is_named_as_typed():
    for text, place in (("上海浦东有没有类似的技能大师工作室补贴", "上海浦东"), ("宁波北仑的技师补贴多少", "宁波北仑"),
                        ("浦东新区有金牌技师津贴吗", "浦东新区"), ("苏州昆山那边有没有引才资助", "苏州昆山")):
        r = respond(text, TODAY)
        assert r.kind == "other_district" and place in r.text, text
    # passed through, it is still a note after the 钱塘 answer, with the whole place
    r = respond("我在上海闵行考的高级技师证，能申请提升补助吗", TODAY)
    assert r.programme == 4 and "上海闵行" in r.text and r.kind != "other_district"
    # a park inside 钱塘 is no other place
    assert respond("我们公司在钱塘工业园区，能申请育才资助吗", TODAY).kind != "other_district"


def test_a_competition_of_the_city_or_province_is_its_level_not_another_place():
    cond = next(c for c in load().programme(1)["conditions"] if "推荐" in c["text"])
    for text in ("我没走区人社局推荐，自己报名参加了市里的比赛拿了奖，能申请参赛获奖资助不",
                 "自己报名参加省里的技能大赛得了奖，没经过区里推荐，能拿配套吗",
                 "员工是单位直接报名参加的市里的竞赛，区人社局没推荐，获奖后能申请资助吗"):
        r = respond(text, TODAY)
        assert r.kind == "yes_no" and r.text.startswith("不能") and cond["text"] in r.text, text
    hr = respond("HR问：我们员工没走区人社局推荐，自己报名参加了市里的技能大赛拿了奖，这种能申请参赛获奖资助不", TODAY)
    assert hr.kind != "other_district" and hr.programme == 1 and cond["text"] in hr.text
    assert respond("市里的技能补贴政策有哪些", TODAY).kind == "other_district"


def test_what_kind_of_people_count_is_the_object_with_the_heads_conditions():
    trainees = next(c for c in load().programme(10)["conditions"] if "灵活就业" in c["text"])
    for text in ("培训机构培训补助，培训的学员得是啥样的人才算", "什么样的学员培训了机构能拿补贴",
                 "培训补助的学员必须是哪类人", "培训机构补助对学员有什么要求"):
        r = respond(text, TODAY)
        assert r.programme == 10 and trainees["text"] in r.text, text
    hires = respond("引才资助，引进的人才得是什么样的", TODAY)
    assert hires.aspect == "object" and "新引进" in hires.text


def test_how_often_one_applies_for_an_allowance_is_the_half_yearly_claim():
    claim = next(s for s in load().programme(2)["process"] if s.startswith("兑付"))
    for text, n, first in (("HR问：我们公司有个钱塘金牌技师，他的津贴是每个月报一次吗", 2, "不是。"),
                           ("金牌技师的津贴要每月去报吗", 2, "不是。"), ("金牌工人津贴是半年申请一次吗", 3, "是。"),
                           ("金牌技师津贴多久报一次", 2, ""), ("金牌工人津贴一年报几次", 3, "")):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "frequency" and "每半年" in r.text.split("\n")[0], text
        assert r.text.startswith(first), text
    assert claim.split("。", 1)[1][:10] in respond("金牌技师津贴多久报一次", TODAY).text
    # the selection is still every two years; an annual intake put up yes/no is checked against its count
    assert "每两年" in respond("金牌技师多久评一次", TODAY).text
    assert respond("金牌技师是每年评一次吗", TODAY).text.startswith("不是。")
    assert respond("大学生补贴是一年受理两次吗", TODAY).text.startswith("是。")
    assert respond("参赛获奖资助每年申请一次吗", TODAY).text.startswith("是。")
    assert respond("工作室考核是每年一次吗", TODAY).text.startswith("不是。")


def test_who_applies_or_the_unit_with_how_often_is_no_comparison():
    for text in ("我们公司有个员工评上钱塘金牌工人了，津贴是他本人去申请还是公司报？多久报一次",
                 "金牌技师的津贴是个人去申请还是单位报 多久申请一次"):
        r = respond(text, TODAY)
        assert r.kind == "who_applies" and "所在单位" in r.text and "每半年" in r.text, text


def test_filing_only_after_the_class_began_fails_the_filing_condition():
    cond = next(c for c in load().programme(7)["conditions"] if "备案" in c["text"])
    for text in ("我们跟一所职业院校合作办班，班都开了两个月了才想起来备案，现在补备案还能申请校企合作资助吗",
                 "我们和技校合作的班开课一个月后才想到去备案，还能拿校企合作资助吗",
                 "合作办班当时忘了备案，后面补上了，资助还能申请不"):
        r = respond(text, TODAY)
        assert r.programme == 7 and r.text.startswith("不能") and cond["text"] in r.text, text
    # filed a week before the class began is before it
    assert not respond("我们和技校合作办班，开班前一周才备案，能申请校企合作资助吗", TODAY).text.startswith("不能")


def test_how_an_amount_is_worked_out_is_the_standard_not_the_conditions():
    for text, n in (("我拿了全国技术能手，上级的奖励已经发了，区里的配套是咋算的", 1), ("获奖了区里配套怎么算", 1),
                    ("技能大赛获奖的资助是怎么计算的", 1), ("浙江工匠区里配套怎么个算法", 1),
                    ("金牌技师津贴怎么算的", 2), ("提升补助是怎么算的", 4)):
        std = load().programme(n)["standard"]
        r = respond(text, TODAY)
        assert r.programme == n and r.aspect == "amount" and std["text"] in r.text, text
    # how a period is counted stays what it was
    assert respond("金牌技师津贴从几月开始算", TODAY).kind == "date"
    assert respond("引才资助的钱是怎么算的，找哪个电话", TODAY).text.count("\n") >= 1


def test_a_level_asked_yes_no_naming_no_programme_is_the_askers_own_programme_decided():
    insured = next(c for c in load().programme(4)["conditions"] if c["clause"].endswith("③"))
    for text in ("我去年评的技师，社保交了五个月，能领吗", "我朋友去年考的技师 社保交了五个月 能领吗",
                 "我今年3月拿的高级技师证，社保才交了两个月，可以领钱吗"):
        r = respond(text, dt.date(2026, 12, 14))
        assert r.programme == 4 and r.kind == "yes_no" and r.text.startswith(("不能", "不可以")), text
        assert insured["text"] in r.text, text
    ok = respond("我今年考的高级技师，能领吗", TODAY)
    assert ok.programme == 4 and ok.text.startswith("能，只要还满足")
    # a level alone, or an organisation's (several of its programmes list it): every standard, as before
    assert respond("技师能领多少", TODAY).programme is None
    assert respond("我们公司有个技师社保交了五个月，能领吗", TODAY).programme != 4


def test_the_match_ratio_put_up_or_asked_is_the_standards_own():
    std = load().programme(1)["standard"]
    for text, first in (("区里是1比1配套吗", "是。"), ("参赛获奖资助是不是一比一配套", "是。"), ("区里按1:2配套对吧", "不对。")):
        r = respond(text, TODAY)
        assert r.programme == 1 and r.text.startswith(first) and std["text"] in r.text, text
    for text in ("获奖后区里还给配套吗，怎么配", "区里配套比例是多少"):
        assert std["text"] in respond(text, TODAY).text, text
    # an amount put up beside the ratio is decided on the award stated (the cap)
    capped = respond("拿了世赛银牌 省里市里一共奖励了80万 区里是不是按1:1也配80万", TODAY)
    assert capped.text.startswith("不是。") and yuan(std["cap"]) in capped.text
    # a superior award stated: the engine's amount on it, naming no programme
    r = respond("上级奖了5万 区里配多少", TODAY)
    assert r.programme == 1 and r.kind == "computed" and yuan(50000) in r.text


def test_how_often_put_up_with_a_count_is_checked_against_the_document():
    assert respond("金牌技师津贴一年申请两次对吧", TODAY).text.startswith("对。")
    assert respond("金牌工人津贴是按季度申请吗", TODAY).text.startswith("不是。")


def test_who_submits_an_allowance_without_an_application_step_is_its_payment_steps_claim():
    for text, n in (("金牌工人津贴要本人每个月去区人社局报吗", 3), ("金牌技师津贴是自己去申请吗", 2)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "who_applies" and "所在单位" in r.text and "每半年" in r.text, text
    # how often put up with who: the frequency's verdict, not the eligibility's
    r = respond("金牌技师津贴是公司每半年帮员工申请吗", TODAY)
    assert r.kind == "frequency" and r.text.startswith("是。") and "每半年" in r.text


def test_two_programmes_cued_alike_go_to_the_one_for_who_is_asking():
    for text, n in (("我是刚毕业的大学生，考了高级工证，能领补贴吗", 11), ("我是在校大学生，今年考了技师证，能拿多少", 11)):
        r = respond(text, TODAY)
        assert r.programme == n, text
    # in a conversation the check's asker decides
    r = respond("考了高级工证的学生能领补贴吗", TODAY, asker="student")
    assert r.programme == 11


def test_an_officer_telling_one_employees_case_for_a_personal_programme_is_decided_on_it():
    for text, n, clause in (("我们员工去年评上技师，社保交了5个月，能申请提升补助吗", 4, "四（3）③"),
                            ("我们公司员工是事业编，参加省赛拿了奖，能申请参赛资助吗", 1, "一（2）"),
                            ("HR问：我们员工没走区人社局推荐，自己报名参加了市里的技能大赛拿了奖，这种能申请参赛获奖资助不", 1, "一（3）①")):
        r = respond(text, dt.date(2026, 12, 14))
        assert r.programme == n and r.kind == "yes_no" and r.text.startswith("不能") and clause in r.text, text


# -- families from the held-out dev13 (2026-11-28) ---------------------------------------
def _step(n: int, head: str) -> str:
    return next(s for s in load().programme(n)["process"] if s.startswith(head))


def test_where_the_money_goes_is_the_programmes_payment_step():
    paid = _step(1, "兑付")
    for text in ("参赛获奖的资助钱是直接打我卡里还是咋弄的", "技能大赛配套的钱是打到个人银行卡上吗"):
        r = respond(text, TODAY)
        assert r.programme == 1 and r.kind == "who_applies" and paid in r.text, text
    for text, n in (("提升补助是打到我工资卡上吗", 4), ("大学生补贴钱怎么到我手上", 11),
                    ("自主评价资助打到公司哪个账户", 12)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "who_applies" and _step(n, "兑付") in r.text, text
    # an allowance claimed by the unit: its 兑付 step says so
    r = respond("金牌工人津贴是直接发给本人吗", TODAY)
    assert r.programme == 3 and "所在单位" in r.text


def test_a_step_the_programmes_process_does_not_have_is_said_to_be_absent():
    steps = load().programme(4)["process"]
    for text, kind in (("提升技能水平补助要公示吗 公示几天", "publicity"), ("评上技师的补助会不会公示", "publicity"),
                       ("提升补助谁最后定名单", "decides")):
        r = respond(text, TODAY)
        assert r.programme == 4 and r.kind == kind and r.text.startswith("文件没有写"), text
        assert all(s in r.text for s in steps) and "元" not in r.text, text
    # a step named without its days: the days are not said
    r = respond("金牌技师评选公示几天", TODAY)
    assert r.kind == "publicity" and _step(2, "评选") in r.text and "没有写明公示" in r.text
    # a step the document gives with its days, as before
    r = respond("大学生补贴公示几天", TODAY)
    assert "5个工作日" in r.text and "没有写" not in r.text


def test_an_employee_certified_at_a_former_employer_is_no_head_cultivated_here():
    clause = next(c for c in load().programme(5)["conditions"] if c["clause"].endswith("②"))
    for text in ("有个员工是在上家公司的时候考出的高级技师 去年才跳到我们这 我们公司能申请育才资助吗",
                 "我们有个师傅是在原单位拿的首席技师证，今年才来我们厂，育才资助能报吗",
                 "有位员工是来我们公司之前考的特级技师 能算育才吗",
                 "员工在老东家评的首席技师 育才资助能拿吗"):
        r = respond(text, TODAY)
        assert r.programme == 5 and r.kind == "yes_no" and r.text.startswith("不"), text
        assert clause["text"] in r.text, text
    # certified while employed here: not failed on it
    r = respond("有个员工2025年5月在我们公司考的特级技师 育才资助能申请吗", TODAY)
    assert r.text.startswith("能") and yuan(load().programme(5)["standard"]["table"]["特级技师"]) in r.text


def test_two_classes_one_standard_sets_apart_get_both_amounts():
    std10, std6 = load().programme(10)["standard"], load().programme(6)["standard"]
    special = std10["special"]
    for text in ("专项能力证书 二产跟非二产补贴一样吗", "培训机构专项能力的补贴 二产和三产有区别吗"):
        r = respond(text, TODAY)
        assert r.programme == 10 and r.kind == "compare", text
        assert yuan(special["if_true"]) in r.text and yuan(special["if_false"]) in r.text, text
    assert respond("专项能力证书 二产跟非二产补贴一样吗", TODAY).text.startswith("不一样")
    raised = int(std10["table"]["技师"] * (100 + std10["uplift"]["percent"]) / 100)
    r = respond("紧缺工种的技师跟普通技师培训补贴一样吗", TODAY)
    assert r.text.startswith("不一样") and yuan(std10["table"]["技师"]) in r.text and yuan(raised) in r.text
    r = respond("引进高级技师 钱塘户口的跟外地户口的资助一样吗", TODAY)
    assert r.programme == 6 and r.kind == "compare" and yuan(std6["table"]["高级技师"]) in r.text
    assert yuan(std6["table"]["高级技师"] + std6["bonus"]["amount"]) in r.text
    # the one level the bonus leaves out: the same
    assert respond("引进首席技师 钱塘户籍跟非钱塘户籍一样吗", TODAY).text.startswith("一样")


def test_what_kind_of_organisation_may_apply_is_the_object_and_its_own_conditions():
    for text, n, word in (("啥样的企业能申请自主评价资助", 12, "备案"), ("什么样的工作室能拿运行经费", 9, "优秀或良好"),
                          ("校企合作资助 啥样的公司可以申请", 7, "开班前"), ("哪些单位能申请培训机构培训补助", 10, "留存培训记录")):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.programme == n and r.aspect == "object" and prog["object"] in r.text, text
        assert word in r.text and yuan(prog["standard"].get("annual_cap", {}).get("amount", 1)) not in r.text, text


def test_when_the_money_comes_is_the_documents_timing_or_that_it_names_none():
    std1 = load().programme(1)["standard"]["text"]
    timing = next(x for x in std1.split("。")[0].split("，") if "兑付周期" in x)
    r = respond("獲獎了區裡配套的錢多久能到賬", TODAY)
    assert r.programme == 1 and r.kind == "paid_when" and timing.rstrip("。") in r.text
    r = respond("大学生补贴什么时候能拿到钱", TODAY)
    assert r.programme == 11 and r.kind == "paid_when" and "满6个月" in r.text and "满12个月" in r.text
    for text, n in (("提升补助批下来多久到账", 4), ("育才资助什么时候发", 5), ("建室经费啥时候拨下来", 8)):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.programme == n and r.kind == "paid_when" and _step(n, "兑付") in r.text, text
        assert "没有写明" in r.text and prog["phone"] in r.text, text
    # a certificate's date asked is no payment
    assert respond("员工什么时候发的证", TODAY) is None or respond("员工什么时候发的证", TODAY).kind != "paid_when"


def test_one_date_stated_decides_the_programmes_one_dated_condition():
    cert = next(c for c in load().programme(5)["conditions"] if "on_or_after" in (c.get("test") or {}))
    hired = next(c for c in load().programme(6)["conditions"] if "on_or_after" in (c.get("test") or {}))
    r = respond("育才资助 员工2025年3月份拿的证算不算", TODAY)
    assert r.programme == 5 and r.text.startswith("不算") and cert["text"] in r.text
    r = respond("育才资助 员工2025年6月拿的证能报吗", TODAY)
    assert r.text.startswith("能，只要还满足") and cert["text"] in r.text
    r = respond("引才资助 人是2024年2月招进来的 能申请吗", TODAY)
    assert r.programme == 6 and r.text.startswith("不能") and hired["text"] in r.text


def test_half_first_is_the_instalments():
    for text in ("大学生补贴连续参保满6个月可以先领一半吗", "持证大学生补贴能不能先拿一半"):
        r = respond(text, TODAY)
        assert r.programme == 11 and r.kind == "instalment" and "第一笔" in r.text and "50%" in r.text, text


def test_whom_to_ask_is_the_phone_with_its_unit():
    for text, n in (("校企合作资助找谁问", 7), ("金牌技师津贴不懂的问谁", 2), ("自主评价资助有问题咨询哪个部门", 12)):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.programme == n and prog["phone"] in r.text and prog["unit"] in r.text, text


def test_who_does_a_step_is_that_step():
    for text, n, head in (("参赛获奖资助谁负责审核", 1, "审核"), ("育才资助审核是哪个部门", 5, "审核"),
                          ("培训补助学员身份谁审查", 10, "资格审查")):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "organiser" and r.text.split("】", 1)[1].startswith(_step(n, head)), text


def test_a_statement_glued_to_its_question_is_still_a_stated_fact():
    filed = next(c for c in load().programme(7)["conditions"] if "开班前" in c["text"])
    r = respond("校企合作 开班以后才去备案的还能拿资助吗", TODAY)
    assert r.programme == 7 and r.text.startswith("不能") and filed["text"] in r.text
    registered = next(c for c in load().programme(12)["conditions"] if "备案" in c["text"])
    r = respond("没备案的企业能申请自主评价资助吗", TODAY)
    assert r.programme == 12 and r.text.startswith("不能") and registered["text"] in r.text
    r = respond("省级工作室依托的企业能申请区里的考核评估资助吗", TODAY)
    assert r.programme == 9 and r.text.startswith("不能") and "九（2）" in r.text


def test_leaving_qiantang_fails_the_condition_of_working_there():
    for text, n in (("评上金牌工人后辞职回老家了 剩下的津贴还发吗", 3), ("金牌技师评上以后离开钱塘了 津贴还有吗", 2),
                    ("提升补助 我考了技师以后就辞职回老家了 还能申请吗", 4)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "yes_no" and r.text.startswith(("不", "没")) and "在钱塘区就业" in r.text, text


def test_a_school_in_another_district_is_no_qiantang_school():
    for text in ("我在杭州其他区的大学读书 考了紧缺工种的高级工 能领留区补贴吗", "我在区外的高校上学 考了中级工 能拿持证大学生补贴吗"):
        r = respond(text, TODAY)
        assert r.programme == 11 and r.text.startswith("不能") and "十一（2）" in r.text, text


def test_an_organisation_elsewhere_naming_no_programme_is_told_where_to_ask():
    for text, place in (("上城区的企业可以申请这些补贴吗", "上城区"), ("我们公司在萧山 能申请你们的补贴吗", "萧山"),
                        ("我在滨江上班 有啥补贴能领", "滨江")):
        r = respond(text, TODAY)
        assert r.kind == "other_district" and place in r.text, text
    # a school elsewhere in a programme's question is where the class is, not the topic
    r = respond("跟外省的技校合作办班也算吗", TODAY)
    assert r.programme == 7 and r.kind != "other_district"


def test_insurance_broken_while_an_allowance_runs_is_its_condition_on_insurance():
    for text, n in (("技能津贴期间社保断了两个月会怎样", 2), ("金牌工人津贴期间社保断缴了还能领吗", 3)):
        r = respond(text, TODAY)
        cond = load().programme(n)["conditions"][-1]
        assert r.programme == n and r.kind == "ss_rule" and cond["text"] in r.text, text
    # a programme with a continuity rule: that rule, as before
    r = respond("大学生补贴 补缴的社保算连续参保吗", TODAY)
    assert r.programme == 11 and "不含补缴" in r.text


def test_the_asking_clause_need_not_be_the_last_and_its_level_is_the_persons():
    table = load().programme(4)["standard"]["table"]
    r = respond("你好 我想问下考了高级工有补贴吗 我在钱塘的厂里上班", TODAY)
    assert r.programme == 4 and r.text.startswith("没有") and "高级工" not in table
    r = respond("我在钱塘的公司上班 考了技师 有补助吗", TODAY)
    assert r.text.startswith("有") and yuan(table["技师"]) in r.text


def test_insurance_full_for_half_a_year_is_a_fact_not_how_often():
    r = respond("校企合作 毕业了20个学生进厂 都是高级工 社保交满半年了 企业能拿多少", TODAY)
    std = load().programme(7)["standard"]
    assert r.programme == 7 and r.kind == "computed" and yuan(20 * std["table"]["高级工"]) in r.text
    assert respond("金牌技师津贴是每半年申请一次吗", TODAY).kind == "frequency"


def test_one_amount_put_up_for_a_standard_by_level_is_not_everyones():
    for text, n in (("老板让我问下 育才资助是每个人都给3000吗", 5), ("引才资助每人都是2000吗", 6)):
        r = respond(text, TODAY)
        std = load().programme(n)["standard"]
        assert r.programme == n and r.text.startswith("不是") and std["text"] in r.text, text
    # more than any entry: the cap decides, as before
    assert respond("培训机构一年能补到30万吗", TODAY).text.startswith("不能")


def test_an_address_is_not_in_the_document_the_unit_and_phone_are():
    r = respond("区人社局地址在哪", TODAY)
    assert r.aspect == "unit" and "没有写明办公地址" in r.text and load().programme(5)["phone"] in r.text
    r = respond("育才资助去哪里办 地址在哪", TODAY)
    assert r.programme == 5 and load().programme(5)["unit"] in r.text and "没有写明办公地址" in r.text
    assert respond("这些政策都是钱塘区人社局管的吗", TODAY).aspect == "unit"


def test_a_note_about_just_what_is_asked_comes_before_the_conditions():
    note = next(n for n in load().programme(1)["notes"] if "团队" in n)
    for text in ("技能大赛获奖的资助 团队能申请吗", "技术指导专家能拿参赛资助吗"):
        r = respond(text, TODAY)
        assert r.programme == 1 and note in r.text.split("\n")[0] and load().programme(1)["phone"] in r.text, text


def test_a_detail_of_the_procedure_the_document_does_not_give_is_said_so_with_the_phone():
    for text, n, word in (("提升补助网上能办吗 还是要跑窗口", 4, "线上还是线下"), ("大学生补贴申请表要盖公章吗", 11, "盖章"),
                          ("育才资助审核要多久", 5, "审核需要多长时间"), ("引才资助审核没通过咋整", 6, "怎么处理"),
                          ("金牌技师评上了 但是单位不给申请津贴怎么办", 2, "怎么处理")):
        r = respond(text, TODAY)
        assert r.programme == n and not r.card and word in r.text and load().programme(n)["phone"] in r.text, text


def test_the_conditions_of_a_title_had_by_selection_give_the_selection_step():
    for text, n in (("獲評錢塘金牌技師的條件是什麼", 2), ("工作室运行经费申请条件", 9)):
        r = respond(text, TODAY)
        assert r.programme == n and _step(n, "评选") in r.text and "另行发文" in r.text, text


def test_the_bonus_said_of_one_head_counts_in_the_total():
    std = load().programme(6)["standard"]
    r = respond("引才资助 特级技师钱塘户口 一共多少", TODAY)
    assert r.programme == 6 and yuan(std["table"]["特级技师"] + std["bonus"]["amount"]) in r.text
    r = respond("引才资助 首席技师钱塘户口 一共多少", TODAY)        # the level the bonus leaves out
    assert yuan(std["table"]["首席技师"]) in r.text and yuan(std["table"]["首席技师"] + std["bonus"]["amount"]) not in r.text
    r = respond("引才资助 技师不是钱塘户口 一共多少", TODAY)
    assert yuan(std["table"]["技师"]) in r.text and yuan(std["table"]["技师"] + std["bonus"]["amount"]) not in r.text


def test_how_to_file_is_the_filing_step_or_that_the_document_says_no_more():
    r = respond("钱塘区职业技能等级认定企业怎么备案", TODAY)
    prog = load().programme(12)
    assert r.programme == 12 and r.kind == "filing" and "没有写明如何备案" in r.text and prog["phone"] in r.text
    for text, n in (("校企合作办班怎么备案", 7), ("培训机构备案在哪弄", 10)):
        r = respond(text, TODAY)
        assert r.programme == n and r.kind == "filing" and _step(n, "备案") in r.text and "没有写明" not in r.text, text


def test_where_a_list_can_be_seen_is_the_sentence_naming_it_and_the_phone():
    r = respond("留区补贴的紧缺工种目录在哪看", TODAY)
    assert r.programme == 11 and r.kind == "verify" and "紧缺工种（目录）" in r.text and load().programme(11)["phone"] in r.text
    # the selection rules asked: 另行发文, as before
    assert respond("金牌技师评选办法在哪看", TODAY).kind == "rules_detail"


def test_a_form_asked_by_name_is_the_materials():
    for text, n in (("技能大赛获奖资助的申报表叫什么", 1), ("育才资助要填什么表", 5)):
        r = respond(text, TODAY)
        assert r.programme == n and r.aspect == "materials" and load().programme(n)["materials"][0] in r.text, text


def test_those_described_before_can_apply_are_stated_facts():
    r = respond("机关单位在编的能申请参赛资助吗", TODAY)
    assert r.programme == 1 and r.text.startswith("不能") and "在编" in r.text


def test_what_the_years_cap_leaves_after_an_amount_received():
    r = respond("自主评价资助 今年已经领了8万 还能再领多少", TODAY)
    cap = load().programme(12)["standard"]["annual_cap"]["amount"]
    assert r.programme == 12 and r.kind == "cap" and yuan(cap - 80000) in r.text
    r = respond("培训机构今年已经领了15万培训补助 还能再领多少", TODAY)
    cap = load().programme(10)["standard"]["annual_cap"]["amount"]
    assert r.programme == 10 and r.kind == "cap" and yuan(cap - 150000) in r.text


def test_a_move_made_away_fails_a_condition_over_a_period():
    r = respond("金牌技师津贴 评上后第一年在钱塘 第二年调去滨江了 第二年还有吗", TODAY)
    assert r.programme == 2 and r.text.startswith("没有") and "享受技能津贴期间" in r.text
    r = respond("金牌工人津贴领了半年 后来跳槽到萧山了 剩下的还能领吗", TODAY)
    assert r.programme == 3 and r.text.startswith("不能") and "享受技能津贴期间" in r.text


def test_a_level_had_and_a_new_one_asked_with_still_is_the_topup():
    r = respond("我评上了技师领了3000 今年又评上高级技师 还能拿多少", TODAY)
    table = load().programme(4)["standard"]["table"]
    assert r.programme == 4 and r.kind == "topup" and yuan(table["高级技师"] - table["技师"]) in r.text


def test_the_day_of_application_stated_decides_which_insurance_rule_applies():
    before = next(c for c in load().programme(4)["conditions"] if c["clause"].endswith("②"))
    r = respond("提升补助 2025年3月申报的 取证前社保交了5个月 行不行", TODAY)
    assert r.programme == 4 and r.text.startswith("不行") and before["text"] in r.text


def test_more_ways_of_asking_where_the_money_goes_and_when():
    paid = _step(1, "兑付")
    for text in ("参赛资助批下来钱给到谁手上", "获奖配套是单位先收钱再给我吗"):
        r = respond(text, TODAY)
        assert r.programme == 1 and r.kind == "who_applies" and paid in r.text, text
    r = respond("大学生补贴是打到学生个人卡上吗", TODAY)
    assert r.programme == 11 and "所在单位" in r.text and _step(11, "兑付") in r.text
    r = respond("运行经费什么时候能拿到", TODAY)
    assert r.programme == 9 and r.kind == "paid_when" and load().programme(9)["phone"] in r.text
    r = respond("提升补助审批完会不会张榜公布名单", TODAY)
    assert r.programme == 4 and r.kind == "publicity" and r.text.startswith("文件没有写")


def test_the_certificates_clause_alone_says_where_the_one_employee_was():
    clause = next(c for c in load().programme(5)["conditions"] if c["clause"].endswith("②"))
    r = respond("我们厂有个焊工是在前单位考的特级技师 今年过来的 育才资助能报不", TODAY)
    assert r.programme == 5 and r.text.startswith("不能") and clause["text"] in r.text


def test_a_monthly_allowance_asked_per_claim_is_the_months_one_claim_covers():
    std = load().programme(2)["standard"]
    r = respond("金牌技师津贴 评上之后每半年单位报一次 那一次发多少", TODAY)
    assert r.programme == 2 and yuan(std["monthly"] * 6) in r.text and "每半年" in r.text


def test_a_tenure_put_up_is_checked_against_the_conditions_months():
    r = respond("校企合作资助学生的社保要交满一年吗", TODAY)
    assert r.programme == 7 and r.kind == "tenure" and r.text.startswith("不是") and "6个月以上" in r.text
    r = respond("引才资助 人引进来要干满一年才能报是吧", TODAY)
    assert r.programme == 6 and r.text.startswith("是") and "满12个月" in r.text
    assert respond("提升补助要社保交满半年才行对吧", TODAY).text.startswith("对")


def test_when_the_policy_came_out_is_the_supplementary_item_one():
    r = respond("你们这个政策是哪一年出的", TODAY)
    assert r.kind == "supplementary" and "施行" in r.text


def test_the_same_programme_a_year_later_is_how_often():
    r = respond("我们工作室去年考核是良好 今年还能申请运行经费吗", TODAY)
    assert r.programme == 9 and "每两年" in r.text


def test_a_material_named_by_its_end_is_the_materials():
    r = respond("技能等级认定发证名册是什么", TODAY)
    assert r.programme == 12 and r.aspect == "materials"
    assert respond("企业育才资助是啥", TODAY).aspect != "materials"


def test_one_head_counted_twice_is_not_in_the_document():
    for text, n in (("同一个员工考了高级工又考了技师 培训机构能拿两次补贴吗", 10),
                    ("同一个人先评技师又评高级技师 自主评价资助能算两个人吗", 12)):
        r = respond(text, TODAY)
        prog = load().programme(n)
        assert r.programme == n and "没有写明同一人" in r.text and prog["phone"] in r.text, text
        assert not r.text.startswith("能"), text
    # 补差 answers it for 提升技能水平补助, as before
    assert respond("我评上了技师领了3000 今年又评上高级技师 还能拿多少", TODAY).kind == "topup"


def test_what_the_document_does_say_gets_no_silence_note():
    for text in ("工作室考核不通过还能拿钱吗", "育才资助审核通过后多久公示", "培训机构在网上哪个系统备案"):
        assert "没有写明" not in respond(text, TODAY).text, text


def test_more_variants_of_the_dev13_families():
    steps = load().programme(4)["process"]
    r = respond("提升补助要不要上会讨论", TODAY)
    assert r.programme == 4 and r.kind == "decides" and r.text.startswith("文件没有写") and all(s in r.text for s in steps)
    std = load().programme(10)["standard"]
    r = respond("培训机构 紧缺工种的技师和非紧缺的差多少", TODAY)
    assert r.programme == 10 and r.kind == "compare" and yuan(std["table"]["技师"]) in r.text
    r = respond("哪种培训机构能拿补贴", TODAY)
    assert r.programme == 10 and "备案" in r.text and load().programme(10)["object"] in r.text
    r = respond("大学生补贴是一次性打给我还是分两次", TODAY)
    assert r.programme == 11 and r.kind == "instalment" and "两笔" in r.text
    r = respond("啥样的大学生能领留区补贴", TODAY)
    assert r.programme == 11 and r.aspect == "object" and "全日制" in r.text


def test_a_monthly_allowance_over_a_span_or_per_claim():
    std2, std3 = load().programme(2)["standard"], load().programme(3)["standard"]
    r = respond("金牌技师津贴半年能拿多少", TODAY)
    assert r.programme == 2 and yuan(std2["monthly"] * 6) in r.text
    r = respond("金牌工人津贴每次申请能领几个月的", TODAY)
    assert r.programme == 3 and "每半年" in r.text and yuan(std3["monthly"] * 6) in r.text
    # a period asked yes/no is still how often
    assert respond("金牌技师津贴是每半年申请一次吗", TODAY).text.startswith("是")


def test_an_award_stated_beside_the_ratio_put_up_is_the_amount_for_it():
    r = respond("参赛获奖资助是参照上级奖励1比1吗 上级给了2万 区里给多少", TODAY)
    assert r.programme == 1 and r.kind == "computed" and yuan(20000) in r.text
    assert respond("区里是1比1配套吗", TODAY).text.startswith("是。")


def test_a_cap_asked_per_head_is_the_top_entry_with_its_uplift():
    std = load().programme(10)["standard"]
    r = respond("培训机构培训补助每人最高1000吗", TODAY)
    top = max(std["table"].values())
    assert r.programme == 10 and r.kind == "cap" and yuan(int(top * (100 + std["uplift"]["percent"]) / 100)) in r.text
    assert yuan(std["annual_cap"]["amount"]) not in r.text
    # the organisation's cap, as before
    assert "20万" in respond("单个机构一年最多补二十万是吧", TODAY).text


def test_is_it_given_to_a_person_is_who_receives():
    r = respond("建室资助十万是给工作室的领办人个人吗", TODAY)
    assert r.programme == 8 and r.kind == "who_applies" and load().programme(8)["object"] in r.text


def test_a_qualifier_said_not_to_hold_gives_the_other_amount():
    special = load().programme(10)["standard"]["special"]
    for text in ("免费培训专项能力证书 不是二产的项目一个人补多少", "不属于二产的专项能力证书培训 机构能拿多少",
                 "专项能力证书 二产以外的项目补多少", "专项能力证书培训 项目不是二产的 每人补贴多少"):
        r = respond(text, TODAY)
        assert r.programme == 10 and yuan(special["if_false"]) in r.text and yuan(special["if_true"]) not in r.text, text
    r = respond("第二产业的专项能力证书培训补多少", TODAY)
    assert yuan(special["if_true"]) in r.text and yuan(special["if_false"]) not in r.text
    # a side's figure put up yes/no is checked against that side's entry
    assert respond("不是二产的专项能力证书补贴是400吗", TODAY).text.startswith("不是")
    assert respond("二产的专项能力证书补贴是400吗", TODAY).text.startswith("能")
    # 户籍 and 紧缺 denied: the plain entry, and a figure put up against it
    intro, training = load().programme(6)["standard"], load().programme(10)["standard"]
    r = respond("引进的技师户籍不是钱塘的 能拿3000吗", TODAY)
    assert r.text.startswith("不能") and yuan(intro["table"]["技师"]) in r.text
    r = respond("非紧缺工种的技师 培训机构补多少", TODAY)
    assert yuan(training["table"]["技师"]) in r.text and "提高" not in r.text
    assert respond("培训机构技师证紧缺工种的 一个人补一千二吗", TODAY).text.startswith("可以")   # 一千二 = 1200


def test_an_amount_asked_with_a_fact_failing_a_condition_is_that_condition():
    for text, n, word in (("不是区级工作室 考核优秀能拿多少", 9, "区级"),
                          ("工作室不是钱塘区认定的 建室经费能拿多少", 8, "认定"),
                          ("大学生考的高级工证不是紧缺工种的 一个月能补多少", 11, "紧缺工种"),
                          ("不是区人社局推荐去参赛的 获奖了配套能拿多少", 1, "推荐")):
        r = respond(text, TODAY)
        assert r.programme == n and "不符合" in r.text and word in r.text, text


def test_what_a_cap_leaves_after_an_amount_received_decides_a_figure_put_up():
    for n, text, asked in ((12, "今年自主评价资助已经批了九万了 下半年还有三十个高级工 还能再拿两万四不", 24000),
                           (10, "今年培训补助已经领了18万 这批还有50个中级工证 能全拿吗", 25000),
                           (12, "今年自主评价资助批了九万五 还有十个技师 能拿一万吗", 10000)):
        std = load().programme(n)["standard"]
        r = respond(text, TODAY)
        assert r.programme == n and r.text.startswith("不能") and yuan(std["annual_cap"]["amount"]) in r.text, text
        assert yuan(asked) in r.text, text          # the whole, and what the cap leaves of it
    # no heads stated: the figure put up against what is left
    assert respond("自主评价资助今年已经领了9万 还能再拿2万吗", TODAY).text.startswith("不能")
    r = respond("培训补助今年拿了18万了 还能再申请2万吗", TODAY)
    assert r.text.startswith("能") and "20000元" in r.text
    # the cap reached
    r = respond("自主评价今年已经拿满10万了 还有20个技师 还能拿吗", TODAY)
    assert r.text.startswith("不能") and "领满" in r.text
    r = respond("培训机构今年已经领了19万 还能领多少", TODAY)
    assert r.kind == "cap" and "10000元" in r.text
    # the award's cap: the figure put up is not given
    r = respond("上级奖励了60万 区里能配60万吗", TODAY)
    assert r.text.startswith("不能") and yuan(load().programme(1)["standard"]["cap"]) in r.text


def test_an_allowances_months_less_those_received_are_what_is_left():
    for n, text, got in ((2, "金牌技师津贴已经领了一年了 还能领多少", 12), (3, "金牌工人津贴领了8个月了 剩下还能拿多少", 8)):
        std = load().programme(n)["standard"]
        r = respond(text, TODAY)
        assert r.programme == n and yuan((std["months"] - got) * std["monthly"]) in r.text, text
    std = load().programme(11)["standard"]
    r = respond("大学生补贴 高级工 已经领了半年 还能领多少", TODAY)
    assert yuan((std["months"] - 6) * std["table"]["高级工"]) in r.text.split("\n")[-1]


def test_the_supplementary_items_asked_in_other_words():
    start = load().document["supplementary"][0]["text"]
    for text in ("这个细则是从啥时候开始执行的", "哪天开始实行", "这文件从哪天起执行", "这个政策几时开始",
                 "新政策是不是今年开始的", "这个细则现在开始执行了没", "这个规定什么时候出来的"):
        r = respond(text, TODAY)
        assert r and r.kind == "supplementary" and start in r.text, text
    for text in ("有效期到什么时候", "这个政策管几年", "政策执行到哪年为止"):
        r = respond(text, TODAY)
        assert r.kind == "supplementary" and start in r.text and "没有写明有效期" in r.text, text
    # the old rules: no longer in force, the answer word first
    assert respond("老的细则还算数吗", TODAY).text.startswith("不再执行")
    assert respond("以前那个2021年的细则还管用吗", TODAY).text.startswith("不再执行")
    assert respond("2021年那个细则作废了吗", TODAY).text.startswith("是")
    interprets = load().document["supplementary"][3]["text"]
    for text in ("政策不清楚的地方以谁为准", "遇到特殊情况谁说了算", "政策理解不一样的话听谁的", "有争议找谁"):
        r = respond(text, TODAY)
        assert r.kind == "supplementary" and interprets in r.text, text
    # a programme's own date is still its own; an allowance's or insurance's end is no 附则 item
    assert respond("培训补助什么时候开始申报", TODAY).programme == 10
    for text in ("补贴发到什么时候为止", "社保要交到什么时候为止"):
        r = respond(text, TODAY)
        assert r is None or r.kind != "supplementary", text


def test_a_programme_set_against_another_said_to_pay_gets_both():
    intro, grow = load().programme(6)["standard"]["table"], load().programme(5)["standard"]["table"]
    r = respond("同样是高级工 外面引进来的公司有钱拿 那我们自己培养出来的高级工有没有育才资助", TODAY)
    assert r.programme == 5 and r.text.startswith("没有") and yuan(intro["高级工"]) in r.text.split("\n")[-1]
    r = respond("同样是技师 引进的有2000 我们自己培养的技师育才资助有吗", TODAY)
    assert r.programme == 5 and r.text.startswith("没有") and yuan(intro["技师"]) in r.text
    r = respond("外面招来的首席技师有两万 那我们自己培养的首席呢", TODAY)
    assert r.programme == 5 and yuan(grow["首席技师"]) in r.text.split("\n")[0] and r.related == [6]
    # the other way round, and other programmes; the other clause's figure is no head count
    r = respond("自己培养的高级工没有育才资助 那引进的高级工有引才资助吗", TODAY)
    assert r.programme == 6 and r.text.startswith("有") and "高级工不在其中" in r.text
    school, training = load().programme(7)["standard"]["table"], load().programme(10)["standard"]["table"]
    r = respond("校企合作办班的高级工有800 那培训机构培训的高级工补多少", TODAY)
    assert r.programme == 10 and yuan(training["高级工"]) in r.text.split("\n")[0] and yuan(school["高级工"]) in r.text
    r = respond("金牌技师每月2000 金牌工人呢", TODAY)
    assert r.programme == 3 and yuan(load().programme(3)["standard"]["monthly"]) in r.text.split("\n")[0]
    # a process asked beside another programme gets no amount set against it
    assert "对比" not in respond("我们有育才资助的名额 引才资助怎么申请", TODAY).text


def test_a_decided_case_says_each_thing_once_and_a_statement_of_continuity_asks_no_rule():
    later = dt.date(2027, 5, 18)
    r = respond("我是钱塘这边大学全日制的 26年6月考了紧缺目录里的中级工 9月开始在钱塘公司交社保 一直没断 "
                "现在能申请第一笔了吗", later)
    line = load().programme(11)["standard"]["table"]["中级工"]
    assert r.text.startswith("能") and r.text.count(f"每月{yuan(line)}") == 1
    r = respond("26年8月拿的技师证 那时候就在钱塘这家公司上班 社保一直交到现在没断过 能申请提升补助不", later)
    assert r.text.startswith("能") and "3月31日" not in r.text      # no 补缴/连续 rule asked


def test_conditions_asked_about_one_thing_are_those_naming_it():
    r = respond("提升补助25年4月1号以前报和以后报条件有啥不一样啊", TODAY)
    assert r.text.count("\n") == 2 and "3月31日" in r.text and "4月1日" in r.text
    r = respond("引才资助对社保有什么要求", TODAY)
    assert all("社保" in x for x in r.text.split("\n")[1:]) and "12个月" in r.text
    full = respond("大学生补贴的条件", TODAY)
    assert full.text.count("\n") == len(load().programme(11)["conditions"])


def test_what_is_left_asked_in_other_words():
    r = respond("自主评价资助今年批了7万 额度还剩多少", TODAY)
    assert r.kind == "cap" and "30000元" in r.text
    r = respond("培训补助今年已经到账15万了 今年还有多少额度", TODAY)
    assert r.kind == "cap" and "50000元" in r.text
    r = respond("金牌工人津贴已经领了两年了 还能领吗", TODAY)
    assert r.programme == 3 and r.text.startswith("不能") and "领满" in r.text
    std = load().programme(2)["standard"]
    r = respond("金牌技师津贴领了一年半了 还能领吗", TODAY)
    assert r.text.startswith("能") and yuan((std["months"] - 18) * std["monthly"]) in r.text


def test_more_ways_of_setting_one_programme_against_another():
    intro = load().programme(6)["standard"]["table"]
    for text, level in (("引才资助高级工都有 为啥育才资助高级工没有", "高级工"), ("人家招进来的技师有两千 我们培养的技师呢", "技师"),
                        ("引进的技师给钱 培养的技师给不给", "技师")):
        r = respond(text, TODAY)
        assert r.programme == 5 and f"{level}不在其中" in r.text and yuan(intro[level]) in r.text, text
        assert r.text.count(load().programme(5)["name"]) == 1, text


def test_a_denied_level_is_no_level_and_a_total_shows_each_side_and_uplift():
    r = respond("引进的不是首席技师 是技师 钱塘户口 能拿多少", TODAY)
    std = load().programme(6)["standard"]
    assert yuan(std["table"]["技师"] + std["bonus"]["amount"]) in r.text and yuan(std["table"]["首席技师"]) not in r.text
    special = load().programme(10)["standard"]["special"]
    r = respond("不是二产项目 免费培训专项能力 一共30个学员拿了证 能拿多少", TODAY)
    assert yuan(30 * special["if_false"]) in r.text and f"30人×{yuan(special['if_false'])}" in r.text
    r = respond("培训了10个紧缺工种的高级工 一共能拿多少", TODAY)
    raised = load().programme(10)["standard"]["table"]["高级工"] * 12 // 10
    assert f"10人×{yuan(raised)}" in r.text and yuan(10 * raised) in r.text


def test_a_figure_put_up_is_no_head_count_and_is_not_is_no_denial():
    special = load().programme(10)["standard"]["special"]
    r = respond("是不是二产的专项能力证书补400", TODAY)
    assert r.text.startswith("是") and yuan(special["if_true"]) in r.text
    r = respond("专项能力证书补300吗", TODAY)
    assert yuan(special["if_false"]) in r.text and not r.text.startswith("不")
    assert respond("专项能力证书补500吗", TODAY).text.startswith("不")
    r = respond("育才资助 是不是只有高级技师以上才有", TODAY)
    assert r.text.startswith("是")
    # "是直接给两万吗" asks the amount, not where the money goes
    r = respond("2023年评高级技师那会儿已经领过5000的补助 去年5月份又评上首席技师了 这次还能领多少 是直接给两万吗", TODAY)
    assert r.kind == "topup" and r.text.startswith("不是") and "15000元" in r.text
