"""Driving an eligibility check over REST the way a person answers it: the answer to each
question is looked up by words of the question (the questions come from facts.yml)."""
from __future__ import annotations

import datetime as dt

from tests.bot.servers import customs, texts

# One worker: 高级技师, certificate last October, 8 months of social insurance since.
OPENING = ["我能申请哪些补贴", "个人", "我是高级技师，去年10月取证，社保交了8个月"]
ANSWERS = {"是否在钱塘区工作": "是的", "哪类单位": "在企业上班", "金牌": "没有", "荣誉": "都没有",
           "在岗职工": "是", "较低等级": "以前没领过"}     # 补差: asked once programme 4 is settled


def worker_facts() -> dict:
    return {"person": {"new_level": "高级技师", "cert_date": f"{dt.date.today().year - 1}-10-01",
                       "ss_months_after_cert": 8, "works_in_qiantang": True, "employer": "enterprise",
                       "gold_title": "无", "honours": [], "qiantang_enterprise_employee_at_cert": True,
                       "subsidised_level": "无"}}


def pending_question(replies: list) -> str:
    body = texts(replies)
    return body.splitlines()[-1] if body else ""


def finish(stack, sender: str, replies: list, answers: dict = ANSWERS, turns: int = 10) -> tuple:
    """Answer questions until the eligibility result arrives → (result payload, asked questions)."""
    asked = []
    for _ in range(turns):
        result = [c for c in customs(replies) if c.get("type") == "eligibility_result"]
        if result:
            return result[0], asked
        question = pending_question(replies)
        asked.append(question)
        reply = next((a for k, a in answers.items() if k in question), None)
        assert reply is not None, f"unexpected question: {question!r}\n{texts(replies)}"
        replies = stack.say(sender, reply)
    raise AssertionError(f"the check did not end; asked: {asked}")
