"""Rasa custom actions: thin adapters between the tracker and actions/check.py,
actions/answers.py (which read policy_kb). No policy text lives here."""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import answers, questions
from .check import (MENU, UNSURE, Message, State, about, asking_programme, counts_on, fact_paths, headcount, loose_yes_no,
                    recorded_facts, relevant, resume, root_of, step, subject_for_programme)
from answering import is_question
from answering import read as read_question
from understanding.text import prepare
from policy_kb.engine import decide
from policy_kb.schema import FactsError
from .answers import final_answer
from answering.reading import out_of_scope
from understanding import merge, understand, warm_up
from understanding.speakers import ORG_SUBJECTS
from understanding.insurance import goes_on, without_reckoned
from understanding.textnorm import normalise

OUT_OF_SCOPE = out_of_scope()
SLOTS = ("facts", "subject", "asking", "checking", "skipped", "programme", "asked_programmes", "focus", "head_names")


def today() -> dt.date:
    """The date decisions are made for; ASSISTANT_TODAY (YYYY-MM-DD) replays a corpus at its
    reference date in the tests."""
    fixed = os.environ.get("ASSISTANT_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def state_of(tracker: Tracker) -> State:
    return state_from(tracker.get_slot)


def state_from(get) -> State:
    """The check's state from slot values (`get(name)`: the tracker's, or those kept in `earlier`)."""
    return State(facts=get("facts") or {}, subject=get("subject"), asking=get("asking"),
                 checking=bool(get("checking")), skipped=list(get("skipped") or []),
                 programme=get("programme"), asked=list(get("asked_programmes") or []),
                 focus=get("focus"), names=dict(get("head_names") or {}))


def slot_events(state: State) -> List[Dict[Text, Any]]:
    values = {"facts": state.facts, "subject": state.subject, "asking": state.asking,
              "checking": state.checking, "skipped": state.skipped, "programme": state.programme,
              "asked_programmes": state.asked, "focus": state.focus, "head_names": state.names}
    return [SlotSet(name, values[name]) for name in SLOTS]


def send(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    for m in messages:
        if m.custom:
            dispatcher.utter_message(text=m.text, buttons=m.buttons or None, json_message=m.custom)
        else:
            dispatcher.utter_message(text=m.text, buttons=m.buttons or None)


def entity_values(tracker: Tracker) -> Dict[Text, Any]:
    return {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities", [])}


def intent_of(tracker: Tracker) -> Text | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def user_text(tracker: Tracker) -> Text:
    return normalise(tracker.latest_message.get("text") or "")


def programme_in(tracker: Tracker, text: Text):
    ents = entity_values(tracker)
    if ents.get("programme"):
        return int(ents["programme"])
    if ents.get("gold_title"):
        return answers.find_programme(str(ents["gold_title"]))
    return answers.find_programme(text)


def likely_programmes(text: Text, most: int = 3) -> list:
    """Programmes whose text best matches a question that names none (the KB's own search)."""
    if not text or text.startswith("/"):
        return []
    try:
        from policy_kb.search import search
        hits = search(text, limit=8)
    except Exception:      # the search index is a convenience: without it, offer every programme
        return []
    return list(dict.fromkeys(h["programme"] for h in hits if h.get("programme")))[:most]


def names_only_a_programme(tracker: Tracker, text: Text) -> bool:
    """The message is (almost) just a programme's name: the user wants its card."""
    spans = [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "programme"
             and isinstance(e.get("start"), int)]
    rest = len(text) - sum(e["end"] - e["start"] for e in spans)
    return bool(spans) and rest <= 2


class ActionAnswerProgramme(Action):
    def name(self) -> Text:
        return "action_answer_programme"

    def run(self, dispatcher, tracker, domain):
        return answer_programme(dispatcher, tracker)


def answer_question(dispatcher, tracker, specific_only: bool = False):
    """A typed question answered from the KB (answering/): the events, or None when it
    points at nothing (or, `specific_only`, at no more than a programme's card)."""
    text = tracker.latest_message.get("text") or ""
    if not text or text.startswith("/"):
        return None
    state = state_of(tracker)
    if states_a_case(tracker, state):       # "帮我儿子问下 他是浙大的全日制学生…考了个中级工证": the
        return check_turn(dispatcher, tracker, state)       # case told, whichever intent it was given
    asked_for = asking_programme(state, today())
    focus = asked_for or (int(state.programme) if state.programme else None)
    found = questions.answer(text, today(), focus, state.checking, state.asking if asked_for else None,
                             state.facts, state.subject)
    if found is None:
        restated = own_result(state, text)
        if restated:                    # "听说有补贴？能拿多少" after the check's result: that result
            send(dispatcher, restated)
            return []
    if found is None or (specific_only and found[1].card):
        return None
    if intent_of(tracker) == "check_eligibility" and found[1].programme is None and found[1].kind == "level_amount" \
            and understand(user_text(tracker), today(), subject=state.subject).facts:
        return None         # "我们公司新来了一个技师 可以申请什么": their own case, so the check
    messages, reply = found
    send(dispatcher, messages)
    if reply.programme and not state.checking:
        keep_stated(state, reply, text)
    if reply.programme:
        state.programme = str(reply.programme)
        if state.programme not in state.asked:
            state.asked.append(state.programme)
    send(dispatcher, resume(state))
    return slot_events(state)


def own_result(state: State, text: Text) -> List[Message]:
    """An amount asked naming no programme after a check has decided the asker's case
    ("听说有补贴？能拿多少"): the check's result on the facts it gathered, said again."""
    if state.checking or not state.facts or not state.subject:
        return []
    q = read_question(prepare(normalise(text)))
    if q.programmes or q.levels or q.aspect != "amount" and q.kind != "cap":
        return []
    try:
        decision = decide(state.facts, today=today())
    except FactsError:
        return []
    wanted = relevant(state)
    if not any(r["status"] == "eligible" for r in decision["results"] if r["programme"] in wanted):
        return []                   # nothing decided yet: the question is asked as any other
    text_, payload = final_answer(decision, wanted, [int(n) for n in state.asked], state.skipped)[0]
    return [Message(text_, [], payload)]


def keep_stated(state: State, reply, text: Text) -> None:
    """"2025年3月发的证，育才算不算": the facts the question stated are kept, so the check
    offered after the answer does not ask them again. An answer that used none of them
    ("…拿证时候就在这了…社保有没有断过我不清楚") keeps them too when they are the asker's
    own case (two facts or more, or one said of oneself)."""
    subject = subject_for_programme(reply.programme)
    if state.subject and state.subject != subject:
        return                       # facts of another kind of asker: the check starts from what it has
    root = "organisation" if subject in ORG_SUBJECTS else "person"
    reading = understand(normalise(text), today(), subject=subject)
    own = {root: reading.facts[root]} if root in reading.facts else {}
    said = len([p for p in fact_paths(own) if not p.endswith(".kind")])
    if not reply.facts and said < 2 and not (said and reading.speaker):
        return                      # one fact counts when said of oneself ("我们是钱塘的…")
    state.subject = subject
    # everything the question told of the case, not only what its answer used ("我在钱塘一家药企…");
    # not the months the answer reckoned ("今年9月刚评上": no more than 3 can have been paid), which
    # a corrected date would leave behind — the check asks them
    used = reply.facts or {}
    if not goes_on(normalise(text)):
        used = without_reckoned(used, own)
    state.facts = merge(merge(state.facts, own), used)


def states_a_case(tracker, state: State) -> bool:
    """Outside a check, a message that asks nothing and states two facts or more is the
    asker's own case: the check starts from it (a name alone still gets the card)."""
    text = user_text(tracker)
    if state.checking or not text or text.startswith("/") or is_question(text):
        return False
    facts = understand(text, today(), subject=state.subject).facts
    told = [p for p in fact_paths(facts) if not p.endswith(".kind")]
    # "不对 是前年10月 我记错了" after a question that told the case: the case, corrected
    corrected = bool(told) and bool(state.facts) and bool(re.search(r"不对|记错|说错|搞错|弄错|更正|错了", text))
    return len(told) >= 2 or corrected


def answers_pending(tracker, state: State) -> bool:
    """Inside a check, the message reads as an answer to the pending question."""
    if not (state.checking and state.asking):
        return False
    text = user_text(tracker)
    reading = understand(text, today(), pending=state.asking if state.asking != "subject" else None,
                         subject=state.subject, known=state.facts, about=about(state))
    # "是不是一定要提前备案啊 补备行不行" asks; only "不知道是不是…" says the fact is unknown (as check.py reads it)
    unknown = [] if is_question(text) and not UNSURE.search(text) else reading.unknown
    # "社保一直厂里交的 没断过" to a months question: counted from the month the check knows
    # "在钱塘的中通网点 社保网点给交的" to "是否在钱塘工作": a yes the pipeline has no fact for
    # facts of another kind of asker ("听我们人事说公司招我能拿引才的钱？" asked by a worker) answer nothing
    own = {k: v for k, v in reading.facts.items() if not state.subject or k == root_of(state.subject)}
    return bool(own or unknown or reading.problems or UNSURE.search(text) or counts_on(state.asking, text)
                or (not is_question(text) and (loose_yes_no(state.asking, text) is not None
                                               or headcount(state.asking, normalise(text)))))


def answer_programme(dispatcher, tracker) -> List[Dict[Text, Any]]:
    """A programme's card, or the one aspect asked about; which one, when none is named."""
    state = state_of(tracker)
    if states_a_case(tracker, state):       # after the card: "我们公司招了一个技师，去年3月从上海过来的；…"
        return check_turn(dispatcher, tracker, state)
    if not answers_pending(tracker, state):
        events = answer_question(dispatcher, tracker)
        if events is not None:
            return events
    if state.checking and state.asking and not tracker.latest_message.get("text", "").startswith("/"):
        # in a check, words that point at no programme are the answer to the question asked
        return check_turn(dispatcher, tracker, state)
    text = user_text(tracker)
    number = programme_in(tracker, text)
    aspect = entity_values(tracker).get("aspect") if text.startswith("/") else answers.detect_aspect(text)
    if aspect not in answers.ASPECT_TITLES:
        aspect = None
    if number is None and aspect and state.programme:
        number = int(state.programme)      # follow-up: "要什么材料" about the last one
    if number is None:
        likely = likely_programmes(text)
        if aspect and len(likely) == 2:
            # "金牌的那个津贴咋申请": the aspect asked, of both, rather than a menu to tap first
            for each in likely:
                dispatcher.utter_message(text=answers.aspect_answer(each, aspect))
            if not state.checking:
                dispatcher.utter_message(text="想知道自己能不能申请、能领多少，我可以帮您逐项核对。",
                                         buttons=[{"title": "帮我看看能不能申请", "payload": "/check_eligibility"}])
            send(dispatcher, resume(state))
            return []
        if likely:
            dispatcher.utter_message(text="您问的可能是下面这几项政策，请点选：",
                                     buttons=answers.programme_buttons(likely, aspect) +
                                     [{"title": "看全部政策", "payload": "/list_programmes"}])
        else:
            dispatcher.utter_message(text="您问的是哪一项政策？请点选：",
                                     buttons=answers.programme_buttons(aspect=aspect))
        send(dispatcher, resume(state))
        return []
    state.programme = str(number)
    if state.programme not in state.asked:
        state.asked.append(state.programme)
    if aspect:
        dispatcher.utter_message(text=answers.aspect_answer(number, aspect))
    else:
        text_, payload = answers.card(number)
        dispatcher.utter_message(text=text_, json_message=payload)
    if not state.checking:
        dispatcher.utter_message(text="想知道自己能不能申请，我可以帮您逐项核对。",
                                 buttons=[{"title": "帮我看看能不能申请",
                                           "payload": f'/check_eligibility{{"programme":"{number}"}}'}])
    send(dispatcher, resume(state))
    return slot_events(state)


class ActionListProgrammes(Action):
    def name(self) -> Text:
        return "action_list_programmes"

    def run(self, dispatcher, tracker, domain):
        events = answer_question(dispatcher, tracker, specific_only=True)
        if events is not None:          # "…从哪天开始施行" taken for "有哪些政策": the answer first
            return events
        text, buttons, payload = answers.programme_list()
        dispatcher.utter_message(text=text, buttons=buttons, json_message=payload)
        send(dispatcher, resume(state_of(tracker)))
        return []


# The words that really ask to start over; a message classified start_over without them
# ("这个政策从哪天开始施行") is answered, and nothing the person told is cleared.
_START_OVER = re.compile(r"重新|重来|从头|清空|重置|再来一[次遍]|restart|全部删|不算了|换个人")


class ActionStartOver(Action):
    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher, tracker, domain):
        text = user_text(tracker)
        if text and not text.startswith("/") and not _START_OVER.search(text):
            events = answer_question(dispatcher, tracker)
            if events is not None:
                return events
            return ActionClarify().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_restarted")
        return [Restarted()]


class ActionSessionStart(Action):
    """A new session (first contact, or back after the idle time) starts clean; a check left
    unfinished is kept aside and offered ("要接着上次的继续吗？"), never silently reused."""

    def name(self) -> Text:
        return "action_session_start"

    def run(self, dispatcher, tracker, domain):
        events: List[Dict[Text, Any]] = [SessionStarted()]
        old = state_of(tracker)          # the slots of the session that ended
        if old.checking and old.facts:
            events.append(SlotSet("earlier", {e["name"]: e["value"] for e in slot_events(old)}))
            dispatcher.utter_message(
                text=f"欢迎回来！您上次的核对还没有完成（已记下：{recorded_facts(old.facts)}）。要接着上次的继续吗？",
                buttons=[{"title": "继续上次的核对", "payload": '/check_eligibility{"choice":"resume"}'},
                         {"title": "重新开始", "payload": "/start_over"}])
        events.append(ActionExecuted("action_listen"))
        return events


def resumed(tracker: Tracker):
    """The state kept by ActionSessionStart, when the user taps 继续上次的核对."""
    earlier = tracker.get_slot("earlier")
    if entity_values(tracker).get("choice") != "resume" or not earlier:
        return None
    state = state_from(earlier.get)
    state.checking = True
    return state


def _asks_an_aspect(text: Text) -> bool:
    """"金牌工人电话", "育才资助材料": a programme and what of it is wanted, with no question mark."""
    return bool(read_question(prepare(normalise(text))).aspect)


class ActionCheckStep(Action):
    def name(self) -> Text:
        return "action_check_step"

    def run(self, dispatcher, tracker, domain):
        intent = intent_of(tracker)
        entities = tracker.latest_message.get("entities", [])
        earlier = resumed(tracker)
        if earlier is not None:
            messages = resume(earlier)
            if not messages:            # nothing was pending: the check goes on from its facts
                messages, earlier = step(earlier, "", None, [], today())
            send(dispatcher, messages)
            return slot_events(earlier) + [SlotSet("earlier", None)]
        if not tracker.get_slot("checking") and intent == "inform" and \
                names_only_a_programme(tracker, user_text(tracker)):
            return answer_programme(dispatcher, tracker)
        state = state_of(tracker)
        if (is_question(user_text(tracker)) or _asks_an_aspect(user_text(tracker))) and not answers_pending(tracker, state) and \
                not (state.asking == "subject" and entity_values(tracker).get("choice")):
            # "2025年3月发的证，育才资助算不算？" is answered (the check is offered, not
            # started); a bare "我能申请什么" finds nothing specific and starts the check.
            events = answer_question(dispatcher, tracker, specific_only=True)
            if events is not None:
                return events
        messages, state = step(state_of(tracker), user_text(tracker), intent, entities, today(),
                               start=intent == "check_eligibility")
        send(dispatcher, messages)
        return slot_events(state)


class ActionHandoff(Action):
    def name(self) -> Text:
        return "action_handoff"

    def run(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        events = pending_answer(dispatcher, tracker) or answer_question(dispatcher, tracker, specific_only=True)
        if events is not None:
            return events
        number = programme_in(tracker, user_text(tracker)) or (int(state.programme) if state.programme else None)
        dispatcher.utter_message(text=answers.handoff(number))
        send(dispatcher, resume(state))
        return []


def pending_answer(dispatcher, tracker):
    """In a check, a message that reads as the answer to the pending question is that answer,
    whatever intent the classifier gave it ("记录都留在系统里" is no greeting): the events, or None."""
    state = state_of(tracker)
    return check_turn(dispatcher, tracker, state) if answers_pending(tracker, state) else None


def check_turn(dispatcher, tracker, state: State) -> List[Dict[Text, Any]]:
    """The message taken by the check as what the person tells it (an answer, or facts)."""
    messages, state = step(state, user_text(tracker), "inform", [], today())
    send(dispatcher, messages)
    return slot_events(state)


class ActionSmallTalk(Action):
    """Greetings, thanks, goodbyes: the domain's reply — unless it is the pending answer."""

    def name(self) -> Text:
        return "action_small_talk"

    def run(self, dispatcher, tracker, domain):
        events = pending_answer(dispatcher, tracker)
        if events is not None:
            return events
        intent = intent_of(tracker)
        dispatcher.utter_message(response=f"utter_{intent if intent in ('goodbye', 'thanks') else 'greet'}")
        return []


class ActionOutOfScope(Action):
    def name(self) -> Text:
        return "action_out_of_scope"

    def run(self, dispatcher, tracker, domain):
        events = pending_answer(dispatcher, tracker)
        if events is not None:
            return events
        events = answer_question(dispatcher, tracker, specific_only=True)
        if events is not None:
            return events
        text = user_text(tracker)
        state = state_of(tracker)
        if not (state.checking and state.asking) and read_question(prepare(normalise(text))).programmes:
            events = answer_question(dispatcher, tracker)   # "金排工人 津贴 给几年": its programme's card,
            if events is not None:                          # not "不在本助手的范围内"
                return events
        if state.checking and state.asking and not is_question(text):
            # "私人开的养老院，不是公家的" to "哪类单位？": an answer not understood, asked again
            # (then skipped), not "不在本助手的范围内" round after round
            return check_turn(dispatcher, tracker, state)
        where = next((t["where"] for t in OUT_OF_SCOPE["topics"] if any(w in text for w in t["words"])),
                     OUT_OF_SCOPE["default"])
        dispatcher.utter_message(text=f"{OUT_OF_SCOPE['intro']}\n{where}",
                                 buttons=[{"title": "有哪些政策", "payload": "/list_programmes"}])
        send(dispatcher, resume(state_of(tracker)))
        return []


class ActionClarify(Action):
    """Unclear input: inside a check, try to read it as an answer; otherwise ask back."""

    def name(self) -> Text:
        return "action_clarify"

    def run(self, dispatcher, tracker, domain):
        state = state_of(tracker)
        text = user_text(tracker)
        # in a check, a statement is an answer ("查了下目录 茶艺师不在里面"); a question about the
        # pending one is answered below
        if answers_pending(tracker, state) or (state.checking and state.asking and not is_question(text)):
            return check_turn(dispatcher, tracker, state)
        events = answer_question(dispatcher, tracker) if len(text) <= 500 else None
        if events is not None:
            return events
        if state.checking and state.asking and len(text) <= 500:
            # the check reads it ("查了下目录 茶艺师不在里面" is 否) or asks again, then skips
            return check_turn(dispatcher, tracker, state)
        if len(text) <= 500 and not is_question(text) and understand(text, today()).facts:
            # "我们公司在钱塘注册经营": facts told, whatever intent the classifier gave them
            return check_turn(dispatcher, tracker, state)
        if len(text) > 500:
            dispatcher.utter_message(text="您的消息太长了，请简短地说说想问的问题（500字以内）。")
        else:
            dispatcher.utter_message(text="抱歉，我没太明白您的意思。您是想：", buttons=MENU)
        send(dispatcher, resume(state))
        return []


warm_up()      # the action server loads spaCy, jieba and jionlp at start-up, not on the first message
