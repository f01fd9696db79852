"""A typed question answered from the knowledge base, as chat messages (pure, no Rasa).

answering.respond() finds the answer; this module shapes it for the chat: the answer
text (or the programme's card), buttons for close runners-up, and an offer
of the full check after a yes/no answer — the check is offered, not started.
"""
from __future__ import annotations

import datetime as dt

from answering import Reply, respond

from . import answers
from .check import Message

ASPECT_AGAIN = {"conditions", "materials", "process", "phone", "amount"}


def _ask(number: int, aspect: str | None) -> dict:
    extra = f',"aspect":"{aspect}"' if aspect else ""
    return {"title": answers.display_name(number), "payload": f'/ask_programme{{"programme":"{number}"{extra}}}'}


def messages(reply: Reply, checking: bool = False) -> list:
    """The chat messages of a reply (one message: the buttons go under the answer)."""
    buttons = []
    if reply.programme and (reply.offer_check or not checking):
        buttons.append({"title": "帮我完整核对一遍" if reply.offer_check else "帮我看看能不能申请",
                        "payload": f'/check_eligibility{{"programme":"{reply.programme}"}}'})
    aspect = reply.aspect if reply.aspect in ASPECT_AGAIN else None
    buttons += [_ask(n, aspect) for n in reply.related]
    if reply.card:
        text, payload = answers.card(reply.programme)
        return [Message(text, buttons, payload)]
    return [Message(reply.text, buttons)]


def answer(text: str, today: dt.date, focus: int | None = None, checking: bool = False,
           pending: str | None = None, known: dict | None = None, asker: str | None = None):
    """(messages, reply) for a typed question, or None when it points at nothing. Outside a
    check, a programme's answer offers the check (it does not start it). pending: the fact
    the check is asking about for `focus` (a question about its condition is answered from it);
    known, asker: the facts the conversation gathered and who asks (answering.respond)."""
    reply = respond(text, today, focus, pending, known, asker)
    if reply is None:
        return None
    return messages(reply, checking), reply
