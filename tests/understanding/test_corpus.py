"""The understanding pipeline measured on the corpora (tests/understanding/FORMAT.md).

frozen/test.yml was written before any tuning and is never tuned on; dev.yml … dev5.yml (five
other writers; dev4 and dev5 by helpers who read only the policy text) are where rules are fitted;
dev6.yml and dev7.yml (more such helpers) were held out from tuning in the session each was
written, and tuned on in the next. The floors below are the figures reached so
far: a change that makes them worse fails. The issue's targets (precision 98%, recall 95%,
speaker and subject 98% on the frozen split) are not all met yet: that test is a strict
xfail, so reaching them fails it too, and the xfail is then removed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.understanding.score import load_corpus, score, table

HERE = Path(__file__).resolve().parent
FLOORS = {   # corpus: (precision, recall, speaker, subject)
    "frozen/test.yml": (0.98, 0.955, 0.975, 0.985),    # 2026-11-28 03:15: 98.6 / 96.8 / 97.9 / 98.9
    "dev.yml": (0.985, 0.975, 0.99, 0.99),
    "dev2.yml": (0.97, 0.96, 0.98, 0.98),
    "dev3.yml": (0.92, 0.92, 0.96, 0.95),
    "dev4.yml": (0.95, 0.93, 0.94, 0.95),
    "dev5.yml": (0.965, 0.975, 0.985, 0.985),
    # dev6: written 2026-11-27 23:50 from the policy text alone; first unseen score 94.3 / 85.8 /
    # 95.0 / 95.0, tuned on since (issue 8, rules by kind of saying): 100 / 98.7 / 100 / 100
    "dev6.yml": (0.99, 0.98, 0.99, 0.99),
    # dev7: written 2026-11-28 morning from the policy text alone; first unseen score 90.8 / 82.0 /
    # 94.0 / 94.0, tuned on since (issue 8, rules by family of phrasings): 98.4 / 96.0 / 100 / 100
    "dev7.yml": (0.98, 0.94, 0.99, 0.99),
    # dev8: written 2026-11-28 02:30 from the policy text alone, held out from tuning that session:
    # 91.1 / 84.9 / 97.0 / 97.0 (the best estimate of messages nobody has seen)
    # tuned on since 2026-11-28 05:45 (wt-und): 99.7 / 100 / 100 / 100
    "dev8.yml": (0.98, 0.98, 0.99, 0.99),
    # dev9: round 6, written 2026-11-28 05:25 from the policy text alone, held out: 93.0 / 85.6 / 93.1 / 92.3;
    # tuned on since 2026-11-28 08:30 (wt-und): 99.8 / 99.4 / 99.2 / 99.2
    "dev9.yml": (0.98, 0.98, 0.98, 0.98),
    # dev10: round 7, written 2026-11-28 08:25 from the policy text alone, held out: 94.5 / 92.7 / 93.8 / 93.8;
    # tuned on since 2026-11-28 11:50 (wt-und): 99.5 / 100 / 99.2 / 99.2
    "dev10.yml": (0.98, 0.98, 0.98, 0.98),
    # dev11: round 8, written 2026-11-28 11:50 from the policy text alone (reference date 2027-05-18),
    # held out: first score (e4094f4, before any change that session) 92.5 / 92.7 / 96.9 / 95.4;
    # tuned on since 2026-11-28 14:40 (wt-und2): 96.6 / 99.5 / 99.2 / 99.2
    "dev11.yml": (0.95, 0.97, 0.98, 0.98),
    # dev12: round 10, written 2026-11-28 14:30 (reference date 2026-09-14), held out: 95.7 / 92.6 / 97.7 / 96.9
    # at d4189c9; 95.7 / 92.8 / 97.7 / 96.9 at the end of that session (never tuned on)
    "dev12.yml": (0.94, 0.91, 0.96, 0.95),
    # dev13: round 11, written 2026-11-28 15:00 (reference date 2027-03-03): 92.9 / 87.2 / 93.8 / 94.6 at
    # 39cd30f; tuned on (wt-und3): 97.8 / 96.5 / 96.9 / 99.2
    "dev13.yml": (0.96, 0.95, 0.95, 0.98),
}
TARGETS = (0.98, 0.95, 0.98, 0.98)


@pytest.fixture(scope="module")
def figures():
    return {name: score(HERE / name) for name in FLOORS}


@pytest.mark.parametrize("name", list(FLOORS))
def test_no_worse_than_reached(figures, name):
    r = figures[name]
    print(table(r))
    p, rc, spk, sub = FLOORS[name]
    assert r["precision"] >= p and r["recall"] >= rc, table(r)
    assert r["speaker"] >= spk and r["subject"] >= sub, table(r)


@pytest.mark.parametrize("name", list(FLOORS))
def test_no_value_of_the_wrong_kind(figures, name):
    """A year is never a month count, a date never a number (and so on)."""
    assert figures[name]["wrong_kind"] == 0


def test_unknown_facts_are_not_filled_in(figures):
    assert sum(figures[name]["unknown_filled"] for name in FLOORS) <= 5     # measured 5 (2 in dev6)


@pytest.mark.xfail(strict=True, reason="issue 8's targets on the frozen split are not all reached yet")
def test_issue_targets_on_the_frozen_split(figures):
    r = figures["frozen/test.yml"]
    p, rc, spk, sub = TARGETS
    assert r["precision"] >= p and r["recall"] >= rc and r["speaker"] >= spk and r["subject"] >= sub


def test_reviewed_messages_are_well_formed_and_scored():
    """reviewed.yml: messages the bureau annotated on the review page (bot/review/writeback.py).
    Scored and printed with the others; no floor (they are the assistant's misses when written)."""
    from bot.review.writeback import check_facts

    _, messages = load_corpus(HERE / "reviewed.yml")
    assert isinstance(messages, list)
    assert len({m["id"] for m in messages}) == len(messages)
    for m in messages:
        assert m["text"].strip() and m.get("reference_date"), m["id"]
        check_facts(m["facts"])
    if messages:
        print(table(score(HERE / "reviewed.yml")))
