"""HR officers asking how to check many people at once are sent to the roster page (issue 11),
and a question about the 花名册 as a material still gets the materials."""
from __future__ import annotations

import datetime as dt

from answering import respond
from answering.links import roster_url
from policy_kb.kb import load

TODAY = dt.date(2026, 11, 27)


def test_many_people_are_sent_to_the_roster_page():
    for text in ("我们公司人很多，能不能用表格批量核对", "有没有花名册模板可以下载", "几十个员工怎么一次核对"):
        reply = respond(text, TODAY)
        assert reply is not None and reply.kind == "roster", text
        assert roster_url() in reply.text and "python" not in reply.text


def test_the_roster_as_a_material_is_still_a_materials_answer():
    reply = respond("引才资助要交花名册吗", TODAY)
    assert reply.kind != "roster"
    assert load().programme(6)["materials"][1] in reply.text
