"""The custom actions with real rasa_sdk Trackers and CollectingDispatchers.
Expected texts come from policy_kb; nothing about a programme is typed here."""
from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as A
from actions import answers
from actions.answers import roster_url
from policy_kb.amounts import yuan
from policy_kb.engine import decide
from policy_kb.kb import load

DOMAIN: dict = {}


def tracker(text, intent, entities=(), slots=None, sender="t"):
    return Tracker(sender, slots or {}, {"text": text, "intent": {"name": intent, "confidence": 1.0},
                                        "entities": list(entities)},
                   [], False, None, None, "action_listen")


def run(action, trk):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, trk, DOMAIN)
    return dispatcher.messages, events


def slots_after(events, slots=None):
    slots = dict(slots or {})
    for e in events:
        if e.get("event") == "slot":
            slots[e["name"]] = e["value"]
    return slots


def all_text(messages):
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(A, "today", lambda: dt.date(2025, 11, 27))


class Conversation:
    """Feeds user turns to the action the rules choose, carrying the slots along."""
    def __init__(self):
        self.slots = {}

    def say(self, action, text, intent, entities=()):
        messages, events = run(action, tracker(text, intent, entities, self.slots))
        self.slots = slots_after(events, self.slots)
        return messages


@pytest.mark.parametrize("aspect_text,key", [("要什么材料", "materials"), ("电话多少", "phone"),
                                             ("找哪个部门", "unit"), ("补多少钱", "amount")])
def test_answer_names_programme_and_reads_kb(aspect_text, key):
    prog = load().programme(6)
    messages, events = run(A.ActionAnswerProgramme(),
                           tracker(f"引才资助{aspect_text}", "ask_programme", [{"entity": "programme", "value": "6"}]))
    text = all_text(messages)
    assert prog["name"] in text
    if key == "materials":
        assert all(m in text for m in prog["materials"])
    elif key == "phone":
        assert prog["phone"] in text
    elif key == "unit":
        assert prog["unit"] in text
    else:
        assert prog["standard"]["clause"] in text
    assert slots_after(events)["programme"] == "6"


def test_card_is_sent_with_custom_payload_and_conditions_cite_clauses():
    messages, _ = run(A.ActionAnswerProgramme(), tracker('/ask_programme{"programme":"11"}', "ask_programme",
                                                         [{"entity": "programme", "value": "11"}]))
    card = next(m["custom"] for m in messages if m.get("custom"))
    prog = load().programme(11)
    assert card["type"] == "programme_card" and card["phone"] == prog["phone"] and card["name"] == prog["name"]
    messages, _ = run(A.ActionAnswerProgramme(), tracker("留区补贴的条件", "ask_programme",
                                                         [{"entity": "programme", "value": "11"}]))
    assert all(c["clause"] in all_text(messages) for c in prog["conditions"])


def test_question_without_programme_asks_which_with_buttons():
    messages, _ = run(A.ActionAnswerProgramme(), tracker("这个多少钱", "ask_programme"))
    assert len(messages[0]["buttons"]) == len(load().programmes)
    # words that point to one programme clearly: it is answered, no menu to click first
    messages, _ = run(A.ActionAnswerProgramme(), tracker("企业引进人才有什么资助", "ask_programme"))
    assert load().programme(6)["name"] in messages[0]["text"]
    assert "请点选" not in messages[0]["text"]


def test_list_has_twelve_buttons():
    messages, _ = run(A.ActionListProgrammes(), tracker("有哪些政策", "list_programmes"))
    assert [b["title"] for b in messages[0]["buttons"]] == [p["name"] for p in load().programmes]
    assert messages[0]["custom"]["type"] == "programme_list"


def test_eligibility_check_asks_only_what_is_missing_and_ends_with_the_decision():
    c = Conversation()
    step = A.ActionCheckStep()
    first = c.say(step, "我能申请哪些补贴", "check_eligibility")
    assert c.slots["asking"] == "subject" and len(first[-1]["buttons"]) == 5
    c.say(step, '/inform{"choice":"person"}', "inform", [{"entity": "choice", "value": "person"}])
    c.say(step, "我是高级技师，去年10月取证，社保交了8个月", "inform")
    assert c.slots["facts"]["person"] == {"new_level": "高级技师", "cert_date": "2024-10-01", "ss_months_after_cert": 8}
    asked = []
    replies = {"works_in_qiantang": ("是", "affirm"), "employer": ("企业", "inform"),
               "gold_title": ("没有", "deny"), "honours": ("没有", "deny"),
               "qiantang_enterprise_employee_at_cert": ("是", "affirm"),
               "subsidised_level": ("以前没领过", "deny")}
    messages = []
    while c.slots.get("checking"):
        fact = c.slots["asking"]
        assert fact not in asked, "a fact was asked twice"
        asked.append(fact)
        # only facts the engine reported missing for the person's programmes are asked
        results = decide(c.slots["facts"], today=A.today())["results"]
        missing = {m for r in results if r["programme"] in (1, 2, 3, 4) for m in r["missing"]}
        four_paid = next(r for r in results if r["programme"] == 4)["status"] == "eligible"
        # …or, once programme 4 is decided, the level already subsidised (补差 changes its amount)
        assert fact in missing or (fact == "subsidised_level" and four_paid)
        messages = c.say(step, *replies[fact])
    result = next(m["custom"] for m in messages if m.get("custom"))
    four = next(r for r in result["results"] if r["programme"] == 4)
    assert four["status"] == "eligible" and yuan(four['amount']) in all_text(messages)
    assert load().document["draft_note"] in all_text(messages)


def test_dont_know_moves_on_and_ends_as_possibly_eligible():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请金牌技师津贴吗", "check_eligibility", [{"entity": "programme", "value": "2"}])
    assert c.slots["asking"] == "works_in_qiantang"      # the title was already said
    messages = c.say(step, "不知道", "dont_know")
    asked = [c.slots["asking"]]
    assert asked[0] != "works_in_qiantang"      # the other facts may still settle it: asked next
    while c.slots["checking"] and len(asked) < 8:
        messages = c.say(step, "不知道", "dont_know")
        asked.append(c.slots["asking"])
    assert not c.slots["checking"] and "works_in_qiantang" not in asked
    text = all_text(messages)
    assert "还需确认" in text and load().fact_spec("works_in_qiantang")["label"] in text


def test_ineligible_programme_asked_about_gets_failing_condition_and_clause():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请技能提升补贴吗", "check_eligibility", [{"entity": "programme", "value": "4"}])
    c.say(step, "是", "affirm")                          # works in Qiantang
    messages = c.say(step, "我在事业单位", "inform")
    cond = load().programme(4)["conditions"][0]
    assert cond["clause"] in all_text(messages) and cond["text"] in all_text(messages)


def test_impossible_date_is_refused_and_asked_again():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "学生", "inform")
    c.slots["asking"] = "cert_date"
    messages = c.say(step, "2025年13月", "inform")
    assert "2025年5月10日" in all_text(messages)
    assert "cert_date" not in c.slots["facts"]["person"]
    assert messages[-1]["text"] == load().fact_spec("cert_date")["question"]


def test_interruptions_resume_the_pending_question():
    c = Conversation()
    c.say(A.ActionCheckStep(), "个人", "inform")
    pending = load().fact_spec(c.slots["asking"])["question"]
    for action, text, intent in ((A.ActionOutOfScope(), "人才公寓怎么申请", "out_of_scope"),
                                 (A.ActionHandoff(), "转人工", "human_handoff"),
                                 (A.ActionListProgrammes(), "有哪些政策", "list_programmes")):
        messages = c.say(action, text, intent)
        assert pending in messages[-1]["text"]


def test_handoff_gives_the_phone_of_the_programme_in_context_or_all_by_topic():
    messages, _ = run(A.ActionHandoff(), tracker("转人工", "human_handoff", slots={"programme": "10"}))
    assert load().programme(10)["phone"] in all_text(messages)
    messages, _ = run(A.ActionHandoff(), tracker("转人工", "human_handoff"))
    assert all(p["phone"] in all_text(messages) for p in load().programmes)


def test_out_of_scope_says_where_to_ask():
    messages, _ = run(A.ActionOutOfScope(), tracker("落户怎么办", "out_of_scope"))
    assert "不在" in messages[0]["text"] and "户籍" in messages[0]["text"]


def test_clarify_reads_a_fact_during_the_check_and_asks_back_otherwise():
    c = Conversation()
    c.say(A.ActionCheckStep(), "个人", "inform")
    c.slots["asking"] = "ss_months_after_cert"
    c.say(A.ActionClarify(), "大概十个月吧", "nlu_fallback")
    assert c.slots["facts"]["person"]["ss_months_after_cert"] == 10
    messages, _ = run(A.ActionClarify(), tracker("qwerty", "nlu_fallback"))
    assert len(messages[0]["buttons"]) == 3


def test_facts_the_classifier_did_not_place_still_start_the_check():
    c = Conversation()
    c.say(A.ActionClarify(), "我们公司在钱塘注册经营", "nlu_fallback")
    assert c.slots["facts"]["organisation"]["in_qiantang"] is True and c.slots["asking"]


@pytest.mark.parametrize("action,text,intent", [
    (A.ActionCheckStep(), "金牌工人电话", "inform"),           # a programme and what of it is wanted
    (A.ActionOutOfScope(), "金排工人 津贴 给几年", "out_of_scope"),   # its card, not "不在本助手的范围内"
])
def test_a_question_the_classifier_misplaced_is_still_answered(action, text, intent):
    from policy_kb.kb import load
    messages, _ = run(action, tracker(text, intent))
    assert load().programme(3)["phone"] in messages[0]["text"] and "范围" not in messages[0]["text"]


def test_emoji_classified_as_yes_does_not_answer_the_question():
    c = Conversation()
    c.say(A.ActionCheckStep(), "个人", "inform")
    asking = c.slots["asking"]
    messages = c.say(A.ActionCheckStep(), "😀😀", "affirm")
    assert c.slots["asking"] == asking and asking not in c.slots["facts"]["person"]
    assert "没听明白" in all_text(messages)


def test_aspect_is_kept_when_the_programme_is_chosen_from_buttons():
    messages, _ = run(A.ActionAnswerProgramme(), tracker("要准备哪些材料", "ask_programme"))
    payloads = [b["payload"] for b in messages[0]["buttons"] if b["payload"].startswith("/ask_programme")]
    assert payloads and all('"aspect":"materials"' in p for p in payloads)
    messages, _ = run(A.ActionAnswerProgramme(), tracker('/ask_programme{"programme":"5","aspect":"materials"}',
                                                         "ask_programme",
                                                         [{"entity": "programme", "value": "5"},
                                                          {"entity": "aspect", "value": "materials"}]))
    assert all(m in all_text(messages) for m in load().programme(5)["materials"])


def test_organisation_gives_one_head_and_is_pointed_to_the_roster():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我们是培训机构", "inform")
    assert c.slots["subject"] == "training_org"
    answers = {"in_qiantang": ("是", "affirm"), "training.filed_30_days_before": ("是", "affirm"),
               "training.records_in_system": ("是", "affirm"), "training.trainees": ("有", "affirm"),
               "training.trainees[0].group": ("失业人员", "inform"),
               "training.trainees[0].certificate": ("中级工", "inform"),
               "training.trainees[0].issued_in_zhejiang": ("是", "affirm"),
               "training.trainees[0].shortage": ("不是", "deny")}   # asked: 紧缺 adds 20%
    messages = []
    for _ in range(12):
        if not c.slots.get("checking"):
            break
        messages = c.say(step, *answers[c.slots["asking"]])
    facts = c.slots["facts"]
    expected = next(r for r in decide(facts, today=dt.date(2025, 11, 27))["results"] if r["programme"] == 10)
    assert expected["status"] == "eligible"
    assert yuan(expected['amount']) in all_text(messages)
    assert roster_url() in all_text(messages) and "python -m" not in all_text(messages)


def test_worker_naming_the_employer_is_a_person_and_no_new_level_moves_on():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我是企业职工，在钱塘上班", "inform")
    assert c.slots["subject"] == "person"
    c.slots["asking"] = "new_level"
    c.say(step, "没有", "deny")
    assert "new_level" in c.slots["skipped"]
    # programme 4 needs the level: none of its other facts is asked any more
    assert c.slots["asking"] not in ("qiantang_enterprise_employee_at_cert", "ss_months_after_cert")


def test_list_question_answered_with_the_head_itself():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我们公司能申请什么", "check_eligibility")
    c.say(step, "是的", "affirm")                        # registered in Qiantang
    assert c.slots["asking"] == "cultivated"
    messages = c.say(step, "一个高级技师，2025年6月取证", "inform")
    assert c.slots["facts"]["organisation"]["cultivated"] == [{"level": "高级技师", "cert_date": "2025-06-01"}]
    assert c.slots["asking"] == "cultivated[0].employed_here_at_cert"   # yes/no fields are asked, not assumed
    assert "记下了" in all_text(messages)


def test_asking_about_another_programme_mid_check_restarts_it_for_that_programme():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我们公司能申请什么", "check_eligibility")
    c.say(step, "我可以申请留区补贴吗", "check_eligibility", [{"entity": "programme", "value": "11"}])
    assert c.slots["subject"] == "student" and c.slots["focus"] == "11"
    assert "organisation" not in c.slots["facts"]


def test_a_bare_programme_name_read_as_inform_still_shows_the_card():
    prog = load().programme(10)
    name = prog["name"]
    trk = tracker(name, "inform", [{"entity": "programme", "value": "10", "start": 0, "end": len(name)}])
    messages, _ = run(A.ActionCheckStep(), trk)
    card = next(m["custom"] for m in messages if m.get("custom"))
    assert card["type"] == "programme_card" and card["programme"] == 10


def test_every_failing_programme_gets_its_reason_and_clause():
    """Several programmes fail at once: each is named with the clause it fails, not just listed."""
    today = dt.date(2026, 11, 27)
    facts = {"person": {"works_in_qiantang": False, "employer": "enterprise", "gold_title": "无", "honours": []}}
    decision = decide(facts, today=today)
    failed = [r for r in decision["results"] if r["programme"] in (1, 2, 3, 4) and r["status"] == "ineligible"]
    assert len(failed) >= 2
    text = answers.final_answer(decision, [1, 2, 3, 4], [], [])[0][0]
    for r in failed:
        cond = next(c for c in r["conditions"] if c["result"] == "fail")
        assert f"{r['name']}：不满足第{cond['clause']}条" in text


def test_yes_button_answers_the_pending_question():
    # The widget's 是 button sends "/affirm" (7 characters): it answers, like a typed "是".
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请金牌技师津贴吗", "check_eligibility", [{"entity": "programme", "value": "2"}])
    asked = c.slots["asking"]
    assert asked == "works_in_qiantang"
    messages = c.say(step, "/affirm", "affirm")
    assert c.slots["facts"]["person"][asked] is True
    assert "没听明白" not in all_text(messages)


def test_an_answer_not_understood_twice_is_skipped_not_asked_a_third_time():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请金牌技师津贴吗", "check_eligibility", [{"entity": "programme", "value": "2"}])
    asked = c.slots["asking"]
    first = c.say(step, "哈哈哈哈哈哈哈哈", "inform")
    assert "没听明白" in all_text(first) and c.slots["asking"] == asked      # asked once more
    second = c.say(step, "哈哈哈哈哈哈哈哈", "inform")
    assert "先跳过" in all_text(second)
    assert c.slots["asking"] != asked or not c.slots["checking"]            # moved on


def five_graduates_asked_how_they_got_their_certificates(today):
    """A firm's 5 school-cooperation graduates (3 高级工, 2 中级工), the check asking of them all."""
    from actions.check import State, step
    _, state = step(State(), "我们公司在钱塘 订单班开班前备过案", "check_eligibility", [], today, start=True)
    _, state = step(state, "订单班去年毕业来我们公司的有5个 3个高级工 2个中级工", "inform", [], today)
    while state.asking and not state.asking.endswith("].cert_via_programme"):
        _, state = step(state, "没有", "deny", [], today)
    return state


def test_several_heads_are_asked_one_question_and_not_all_falls_back_to_each():
    from actions.check import step
    today = dt.date(2026, 11, 27)
    state = five_graduates_asked_how_they_got_their_certificates(today)
    heads = state.facts["organisation"]["school_cooperation"]["graduates"]
    assert len(heads) == 5
    messages, after_yes = step(state, "都是", "affirm", [], today)       # one answer for all five
    assert all(h["cert_via_programme"] is True for h in after_yes.facts["organisation"]["school_cooperation"]["graduates"])
    assert "第1–5位" in " ".join(m.text for m in messages)
    _, mixed = step(state, "不全是", "deny", [], today)                   # then one by one
    assert all("cert_via_programme" not in h for h in mixed.facts["organisation"]["school_cooperation"]["graduates"])
    asked_each = " ".join(m.text for m in step(mixed, "第一个是", "affirm", [], today)[0])
    assert "都是“通过校企联合培养取证”" not in asked_each       # that field is asked head by head now


def test_not_all_goes_head_by_head_at_once_without_a_miss():
    from actions.check import step
    today = dt.date(2026, 11, 27)
    state = five_graduates_asked_how_they_got_their_certificates(today)
    messages, after = step(state, "不一样", "deny", [], today)
    said = " ".join(m.text for m in messages)
    assert "逐一" in said and "没听明白" not in said and "第1位" in said


def test_wanting_one_programme_checks_only_it(monkeypatch):
    from actions.check import State, relevant, step
    today = dt.date(2026, 11, 27)
    messages, state = step(State(), "我们是钱塘的一家物流企业，跟技工学校合作开了个叉车定向班，想申请校企合作资助",
                           "inform", [], today)
    assert relevant(state) == [7]
    assert "开班前" in messages[-1].text        # the class's own question first, not the firm's hires


def test_a_question_in_the_middle_is_answered_for_the_pending_questions_programme(monkeypatch):
    from actions.check import State, step
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-27")
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们是钱塘的一家企业，和技师学院合作办了定向班，想申请校企合作资助", "inform", [], today)
    slots = {"facts": state.facts, "subject": state.subject, "asking": state.asking, "checking": True,
             "skipped": state.skipped, "focus": state.focus, "asked_programmes": state.asked}
    messages, events = run(A.ActionCheckStep(), tracker("顺便问下 备案一般要提前多久？", "inform", slots=slots))
    text = " ".join(m.get("text") or "" for m in messages)
    assert "30日" in text and "没听明白" not in text
    assert slots_after(events, slots)["asking"] == state.asking      # the check resumes where it was


def test_facts_told_after_a_card_start_the_check(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-27")
    text = "我们公司这两年从外面招了几个人：一个技师，2025年3月10号从上海一家公司过来的；还有个高级工，2025年11月3号从萧山跳槽过来"
    messages, events = run(A.ActionAnswerProgramme(), tracker(text, "ask_programme", slots={"programme": "6"}))
    assert slots_after(events)["checking"] is True           # the check goes on from them
    heads = slots_after(events)["facts"]["organisation"]["introduced"]
    assert [h["level"] for h in heads] == ["技师", "高级工"] and heads[0]["hired_date"] == "2025-03-10"


def test_a_question_about_some_heads_names_them_and_its_answer_leaves_the_others():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们是钱塘区的职业培训学校", "inform", [], today)
    _, state = step(state, "办了一期 三个失业人员拿了中级工 两个灵活就业人员拿了高级工 高级工那个工种是区里紧缺的",
                    "inform", [], today)
    trainees = state.facts["organisation"]["training"]["trainees"]
    assert [t.get("shortage") for t in trainees] == [None, None, None, True, True]
    while state.asking and not state.asking.endswith("].shortage"):
        _, state = step(state, "是", "affirm", [], today)
    from actions.check import ask_heads
    assert ask_heads(state, state.asking).text.startswith("第1–3位培训学员")     # which three, said
    _, after = step(state, "都不是", "deny", [], today)
    assert [t["shortage"] for t in after.facts["organisation"]["training"]["trainees"]] == [False, False, False, True, True]


def test_a_digit_typed_to_a_question_with_choices_picks_that_choice():
    # WeChat users answer numbered choices with a digit; typed in the widget it means the same.
    from actions.check import State, question, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们是钱塘的区级技能大师工作室，不是省级市级的", "inform", [], today)
    asked = state.asking
    choice = question(asked).buttons[1]             # e.g. "贵单位属于哪一类？" 2. …
    _, after = step(state, "2", "inform", [], today)
    value = after.facts["organisation"][asked]
    assert choice["payload"].endswith(f'"{value}"}}') and after.asking != asked


def test_continuing_insurance_is_counted_from_the_month_already_known():
    # "拿证后一直在钱塘交 没断过": the months from the certificate's month to this one.
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我在钱塘一家电子厂上班 去年八月评上高级技师 评的时候就在这个厂 以前没领过", "check_eligibility",
                    [], today, start=True)
    while state.asking and state.asking != "ss_months_after_cert":
        _, state = step(state, "是" if state.asking.startswith("qiantang") else "不知道", "inform", [], today)
    _, after = step(state, "拿证后社保一直在钱塘交 没断过", "inform", [], today)
    assert after.facts["person"]["ss_months_after_cert"] == 15       # September 2025 – November 2026


def test_facts_after_a_programme_was_discussed_check_that_programme_only():
    # After a question about 引才资助, the firm's hires are checked for it, not for every programme.
    from actions.check import State, relevant, step
    today = dt.date(2026, 11, 27)
    state = State(programme="6", asked=["6"])
    _, state = step(state, "我们是钱塘的企业 前年五月从外省引进了一个首席技师 户口落在钱塘了", "inform", [], today)
    assert relevant(state) == [6]


def test_a_question_in_a_check_is_not_an_answer_and_a_fact_after_the_answer_is_kept():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们钱塘的公司和技师学院合作了一个定向班 去年毕业了6个来我们这 都是中级工 在班里考的证",
                    "inform", [], today)
    asked = state.asking
    assert asked == "school_cooperation.filed_before_start"
    _, state = step(state, "是不是一定要提前备案啊 补备行不行", "dont_know", [], today)
    assert state.asking == asked and asked not in state.skipped      # asked, not answered "不知道"/"否"
    assert state.facts["organisation"]["school_cooperation"].get("filed_before_start") is None


def test_a_check_follows_the_case_told_and_asks_for_all_only_when_asked():
    from actions.check import State, relevant, step
    today = dt.date(2026, 11, 27)
    _, told = step(State(), "我们是钱塘的企业 去年3月从上海引进了一个技师", "inform", [], today)
    assert relevant(told) == [6]                          # the hire's programme, not 育才/校企/自主评价
    _, more = step(told, "另外我们自己培养的一个高级技师今年5月拿的证", "inform", [], today)
    assert relevant(more) == [5, 6]                       # more told, more checked
    _, every = step(State(), "我们是钱塘的企业 能申请哪些补贴", "check_eligibility", [], today, start=True)
    assert relevant(every) == [5, 6, 7, 12]


def test_a_question_about_the_pending_condition_is_answered_and_the_check_resumes(monkeypatch):
    monkeypatch.setattr(A, "today", lambda: dt.date(2026, 11, 27))
    c = Conversation()
    c.say(A.ActionCheckStep(), "我们钱塘的公司和杭州技师学院合作了一个定向班 去年毕业了6个来我们这 都是中级工 在班里考的证",
          "check_eligibility")
    asked = c.slots["asking"]
    assert asked == "school_cooperation.filed_before_start"
    cond = next(x for x in load().programme(7)["conditions"] if "备案" in x["text"])
    for action, intent in ((A.ActionCheckStep(), "inform"), (A.ActionClarify(), "nlu_fallback")):
        messages = c.say(action, "是不是一定要提前备案啊 补备行不行", intent)
        assert cond["text"] in all_text(messages) and "没听明白" not in all_text(messages)
        assert c.slots["asking"] == asked                      # asked again, the check goes on


def test_not_all_to_many_heads_asks_the_heads_told_alike_together():
    # "不全是" to 5 graduates: the 3 高级工 are asked together, then the 2 中级工, not one by one.
    from actions.check import ask_heads, step
    today = dt.date(2026, 11, 27)
    state = five_graduates_asked_how_they_got_their_certificates(today)
    _, state = step(state, "不全是", "deny", [], today)
    assert ask_heads(state, state.asking).text.startswith("第1–3位合作培养毕业生")
    _, state = step(state, "都是", "affirm", [], today)
    assert [h.get("cert_via_programme") for h in state.facts["organisation"]["school_cooperation"]["graduates"]] \
        == [True, True, True, None, None]


def test_a_yes_no_reply_is_read_by_its_first_clause_that_says_yes_or_no():
    from actions.check import loose_yes_no
    assert loose_yes_no("qiantang_enterprise_employee_at_cert", "考高级技师那会就在这家公司 后来也没换过") is True
    assert loose_yes_no("qiantang_enterprise_employee_at_cert", "那时候还不在钱塘 在老家干") is False


def test_months_going_on_are_counted_for_each_head_from_its_own_hire():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们是钱塘一家公司 想问引才资助", "check_eligibility", [], today, start=True)
    _, state = step(state, "前年5月从上海招了一个技师 今年3月又从萧山来了个高级工", "inform", [], today)
    while state.asking and not state.asking.endswith("ss_months_in_qiantang"):
        _, state = step(state, "是", "affirm", [], today)
    _, state = step(state, "两个人都是入职当月开始在我们这交社保 一直没断", "inform", [], today)
    heads = state.facts["organisation"]["introduced"]
    assert [h["ss_months_in_qiantang"] for h in heads] == [31, 9]


def test_the_final_answer_names_a_head_still_open_and_what_it_would_add():
    d = decide({"organisation": {"kind": "enterprise", "in_qiantang": True, "cultivated": [
        {"level": "高级技师", "cert_date": "2026-04-01", "employed_here_at_cert": True},
        {"level": "首席技师", "cert_date": "2026-02-01"}]}}, today=dt.date(2026, 11, 27))
    text = answers.final_answer(d, [5], [5], [])[0][0]
    assert "第2位新培育高技能人才：还需确认取证时在本单位就业" in text and "另加" + yuan(20000) in text


def test_saying_again_who_asks_is_no_answer_to_the_question():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "提升技能水平补助", "check_eligibility", [{"entity": "programme", "value": "4"}], today, start=True)
    asked = state.asking
    messages, after = step(state, "我不是单位的 我是个人 问我自己", "inform", [], today)
    assert after.asking == asked and not after.facts.get("person", {}).get(asked)
    assert "身份" in messages[0].text


def test_facts_told_with_a_subsidys_name_are_checked_for_that_subsidy():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    messages, state = step(State(), "引才资助问一下 我们公司在钱塘 前年从萧山引进的技师 是2024年1月入职的", "inform", [], today)
    assert state.focus == "6"
    assert "不满足第六（4）条" in " ".join(m.text for m in messages)


def test_the_check_offered_after_an_answer_keeps_every_fact_the_question_told():
    from actions.actions import keep_stated
    from actions.check import State
    from answering.compose import Reply
    state = State()
    keep_stated(state, Reply("…", programme=4, kind="topup", facts={"person": {"new_level": "技师"}}),
                "我在钱塘一家厂里上班，今年评上技师，以前没领过，能拿多少")
    assert state.facts["person"]["works_in_qiantang"] is True and state.facts["person"]["new_level"] == "技师"


def test_a_fact_said_right_after_a_programmes_card_answers_its_condition():
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    messages, state = step(State(programme="12"), "认定企业备案？我们没去备案", "deny", [], today)
    assert state.facts["organisation"]["self_evaluation"]["registered"] is False
    assert "不满足第十二（3）条" in " ".join(m.text for m in messages)
    messages, state = step(State(programme="12"), "没有", "deny", [], today)
    assert not state.facts                      # a bare no names no condition


def test_an_amount_asked_naming_nothing_after_the_result_restates_the_result():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请哪些补贴", "check_eligibility")
    c.say(step, '/inform{"choice":"person"}', "inform", [{"entity": "choice", "value": "person"}])
    c.say(step, "我是高级技师，去年10月取证，社保交了8个月", "inform")
    replies = {"works_in_qiantang": ("是", "affirm"), "employer": ("企业", "inform"), "gold_title": ("没有", "deny"),
               "honours": ("没有", "deny"), "qiantang_enterprise_employee_at_cert": ("是", "affirm"),
               "subsidised_level": ("以前没领过", "deny")}
    while c.slots.get("checking"):
        c.say(step, *replies[c.slots["asking"]])
    amount = yuan(load().programme(4)["standard"]["table"]["高级技师"])
    for action, intent in ((A.ActionAnswerProgramme(), "ask_programme"), (A.ActionCheckStep(), "check_eligibility")):
        for text in ("听说有补帖？能拿多少", "那我一共能领到多少钱"):
            messages, _ = run(action, tracker(text, intent, slots=dict(c.slots)))
            assert amount in all_text(messages) and "请点选" not in all_text(messages), text
            assert messages[0]["custom"]["type"] == "eligibility_result"


def test_a_yes_no_question_mid_check_is_decided_on_the_checks_facts_and_the_check_resumes(monkeypatch):
    monkeypatch.setattr(A, "today", lambda: dt.date(2026, 11, 27))
    c = Conversation()
    c.say(A.ActionCheckStep(), "我们是钱塘的区级技能大师工作室，不是省级市级的", "inform")
    asked = c.slots["asking"]
    amount = yuan(load().programme(8)["standard"]["amount"])
    messages = c.say(A.ActionAnswerProgramme(), "区里的建室经费10万 我们能拿吗", "ask_programme")
    assert messages[0]["text"].startswith("能") and amount in messages[0]["text"]
    assert c.slots["asking"] == asked and c.slots["checking"]


def test_start_over_clears_only_when_asked_and_a_misread_question_is_answered():
    from actions.actions import _START_OVER
    assert _START_OVER.search("重新开始") and _START_OVER.search("全部重来吧") and _START_OVER.search("清空重填")
    assert not _START_OVER.search("这个细则从哪天开始施行")      # answered, nothing cleared


def _trainees_asked_whether_secondary(told: str):
    """A training body's check with the heads of `told`, asked "这N位…都是二产吗？"."""
    from actions.check import State, step
    today = dt.date(2026, 11, 27)
    _, state = step(State(), "我们是钱塘的培训机构 学员都是灵活就业人员", "inform", [], today)
    _, state = step(state, told, "inform", [], today)
    while state.asking and not state.asking.endswith("].secondary_industry"):
        _, state = step(state, "是", "affirm", [], today)
    return state


def _secondary(state):
    return [h.get("secondary_industry") for h in state.facts["organisation"]["training"]["trainees"]]


def test_counts_told_to_a_question_of_many_heads_settle_them_without_asking_one_by_one():
    from actions.check import step
    today = dt.date(2026, 11, 27)
    state = _trainees_asked_whether_secondary("焊接专项能力的8个人 养老护理专项能力的5个人 都拿了证 都是免费培训")
    _, after = step(state, "不全是 养老护理那5个不是 焊接的8个是", "inform", [], today)
    assert _secondary(after) == [True] * 8 + [False] * 5
    assert not (after.asking or "").endswith("secondary_industry")          # nothing asked one by one
    state = _trainees_asked_whether_secondary("10个人拿了专项能力证书 都是免费培训")
    _, after = step(state, "其中3个不是二产", "inform", [], today)
    assert sorted(_secondary(after)) == [False] * 3 + [True] * 7


def test_not_all_then_a_count_settles_the_heads_left():
    from actions.check import step
    today = dt.date(2026, 11, 27)
    state = _trainees_asked_whether_secondary("10个人拿了专项能力证书 都是免费培训")
    messages, state = step(state, "不全是", "deny", [], today)
    assert "有几位不是" in messages[0].text
    _, state = step(state, "有4个不是", "inform", [], today)
    assert sorted(_secondary(state)) == [False] * 4 + [True] * 6


def test_new_heads_told_while_a_question_of_many_is_pending_are_no_count_answer():
    from actions.check import step
    state = _trainees_asked_whether_secondary("10个人拿了专项能力证书 都是免费培训")
    _, after = step(state, "还有3个失业人员考了中级工", "inform", [], dt.date(2026, 11, 27))
    assert _secondary(after)[:10] == [None] * 10 and len(_secondary(after)) == 13


def test_a_role_correction_or_a_question_about_the_firm_answers_no_pending_question():
    c = Conversation()
    step = A.ActionCheckStep()
    c.say(step, "我能申请技能提升补贴吗", "check_eligibility", [{"entity": "programme", "value": "4"}])
    assert c.slots["asking"] == "works_in_qiantang"
    c.say(step, "哦搞错了 我不是单位的，是我自己要问", "inform")
    assert "works_in_qiantang" not in (c.slots["facts"].get("person") or {})
    assert c.slots["asking"] == "works_in_qiantang" and c.slots["checking"]
    messages = c.say(step, "听公司人事讲 单位招了我能拿引才的钱？能拿多少", "ask_programme")
    assert load().programme(6)["name"] in all_text(messages)          # answered, not "没听明白"
    assert "没听明白" not in all_text(messages)


def test_an_hr_officer_who_asked_for_the_hiring_grant_is_asked_about_hires_not_own_staff():
    c = Conversation()
    c.slots = {"facts": {"organisation": {"in_qiantang": True, "kind": "enterprise"}}, "subject": "enterprise",
               "programme": "6", "asked_programmes": ["6"]}
    c.say(A.ActionCheckStep(), "这一年多前前后后引进了3个人", "inform")
    assert c.slots["asking"].startswith("introduced") and c.slots["focus"] == "6"


def test_hires_told_by_name_are_found_again_by_name():
    from actions.check import State, step
    state = State(facts={"organisation": {"in_qiantang": True, "kind": "enterprise"}}, subject="enterprise",
                  programme="6", asked=["6"])
    day = dt.date(2026, 12, 14)
    for text in ("今年陆续引进了3个人", "小周 技师 今年2月从宁波过来的", "老吴 高级技师 去年8月来的 从苏州挖过来的",
                 "还有个小郑 高级工 今年6月从萧山来的", "不对 老吴是去年9月来的 不是8月"):
        _, state = step(state, text, "inform", [], day)
    hires = state.facts["organisation"]["introduced"]
    assert state.names["introduced"] == ["小周", "老吴", "小郑"]
    assert [h.get("hired_date") for h in hires] == ["2026-02-01", "2025-09-01", "2026-06-01"]
    _, state = step(state, "社保：小周10个月，老吴15个月，小郑6个月", "inform", [], day)
    assert [h.get("ss_months_in_qiantang") for h in state.facts["organisation"]["introduced"]] == [10, 15, 6]


def test_a_firm_telling_an_employees_gold_title_is_checked_for_that_employee():
    from actions.check import State, step
    state = State(facts={"organisation": {"kind": "enterprise"}}, subject="enterprise", checking=True,
                  asking="in_qiantang")
    messages, state = step(state, "我们厂有个师傅前不久评上了钱塘金牌技师", "inform", [], dt.date(2026, 12, 14))
    assert state.subject == "person" and state.facts["person"]["gold_title"] == "钱塘金牌技师"
    assert not any("没听明白" in m.text for m in messages)
    # a new level is also the firm's own cultivated head: the firm's check goes on
    state = State(facts={"organisation": {"kind": "enterprise"}}, subject="enterprise", checking=True,
                  asking="in_qiantang")
    _, state = step(state, "我们公司有个员工今年评上了高级技师", "inform", [], dt.date(2026, 12, 14))
    assert state.subject == "enterprise"
