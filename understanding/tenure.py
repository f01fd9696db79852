"""Employed at the certificate, from years in the present job.

"他去年4月评上了高级技师 … 在我们这干了十年了": the job at a 钱塘 firm began before the
certificate, so the person was its employee when certified (programme 4's condition). Like
insurance.py, a dialogue inference on top of a reading, not what the words state (the corpora
score `understand()` without it); the chat's check and the hotline page both apply it.
"""
from __future__ import annotations

import copy
import datetime as dt
import re

from .values import number

FACT = "qiantang_enterprise_employee_at_cert"
# "在我们这干了十年了", "在这个厂做了五六年了", "上班有好几年了"
_TENURE = re.compile(r"(?:干|做|上班|工作|待|呆)了?(?:快|将近|差不多|有)?([0-9一二两三四五六七八九十几]+|好几|十几)多?年")
_EARLIER_JOB = re.compile(r"以前|之前|原来|上家|那家|别的|另一家")
_DENIED = re.compile(r"没|不是|不在")


def _years(word: str):
    if re.fullmatch(r"[一二两三四五六七八九]{2}", word):
        word = word[0]          # "五六年": at least five
    return {"几": 2, "好几": 3, "十几": 10}.get(word) or number(word)


def employed_at_cert(update: dict, known: dict | None, text: str, today: dt.date | None) -> dict:
    """`update` with the person employed at the certificate, when the message tells years in the
    present job (at a 钱塘 firm, said now or before) that began before the certificate's year."""
    person = {**((known or {}).get("person") or {}), **((update or {}).get("person") or {})}
    if not today or person.get(FACT) is not None or not person.get("cert_date") \
            or person.get("employer") != "enterprise" or person.get("works_in_qiantang") is not True:
        return update
    for clause in re.split(r"[，,。;；!！?？\s]", text):
        m = _TENURE.search(clause)
        if not m or _EARLIER_JOB.search(clause) or _DENIED.search(clause[:m.start()]):
            continue
        years = _years(m.group(1))
        if years and today.year - years < int(str(person["cert_date"])[:4]):
            out = copy.deepcopy(update or {})
            out.setdefault("person", {})[FACT] = True
            return out
    return update
