"""Issue 10: typed eligibility conversations played against the real Rasa and action servers
over REST by a simulated person (tests/conversations/play.py, FORMAT.md).

The frozen split (tests/conversations/frozen/test.yml, commit 0c62448) was written from the
policy text and FACTS.md alone before any tuning and is never tuned on. Floors hold the
figures reached; the issue's three targets are expected failures until they are met.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.servers import MODEL, Stack
from tests.conversations.play import load_corpus, score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FROZEN = HERE / "frozen/test.yml"
DEV = HERE / "dev.yml"
# (right final decision at least, conversations with a fact asked again at most, mean extra turns at most)
# Measured 2026-11-27 17:25: frozen 63.3% / 8 / 2.47, dev 90.0% / 4 / 2.17 (repeats then counted
# as any fact asked twice; now only after it was given). More turns than before because the facts
# that change an amount are asked (docs/assistant.md).
# Measured 2026-11-27 20:48 (make test): frozen 66.7% / 5 / 2.30, dev 90.0% / 3 / 2.25.
# Measured 2026-11-28 00:10 (in process): frozen 66.7% / 3 / 1.13, dev 92.5% / 2 / 1.05,
# dev5 77.5% / 0 / 0.47 — fewer turns since the check follows the case told (docs/assistant.md).
# Measured 2026-11-28 03:05 (in process): frozen 66.7% / 3 / 1.13, dev 95.0% / 1 / 1.00; dev5 (tuned since)
# 40/40, dev6 39/40, dev7 36/40 (each first run before tuning: 77.5%, 77.5%, 80.0%); dev8, held out:
# 72.5% / 4 / 1.20.
# Measured 2026-11-28 06:55 (in process): dev8, tuned on since 05:30, 39/40 / 1 / 0.90; dev9 (round 6), held out:
# first run 80.0% / 1 / 0.82 (written 2026-11-28 05:25 from the policy text alone; never tuned on).
FLOORS = {"frozen/test.yml": (0.63, 4, 1.4), "dev.yml": (0.85, 4, 1.4),
          # dev9: tuned on since 2026-11-28 08:30: 38/40 / 1 / 0.90 over REST (make test at 114c02f)
          "dev9.yml": (0.85, 4, 1.5),
          # dev10: round 7, written 2026-11-28 08:25 from the policy text alone, held out: first run
          # (483b794, in process) 87.5% / 2 / 0.82; tuned on since 2026-11-28 12:00: 39/40 / 1 / 0.50 in process
          "dev10.yml": (0.88, 3, 1.3),
          # dev11: round 8, written 2026-11-28 11:50 from the policy text alone (reference date 2027-05-18),
          # held out: first run (e4094f4, before any change that session, in process) 80.0% / 4 / 0.97.
          # (dev8, tuned on long ago, left the REST run to keep make test's time: in process 39/40.)
          "dev11.yml": (0.75, 5, 1.5)}   # margin for a retrained classifier
TARGET_RIGHT, TARGET_EXTRA = 0.95, 1.0

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    today, _ = load_corpus(FROZEN)
    mp = pytest.MonkeyPatch()
    mp.setenv("ASSISTANT_TODAY", today.isoformat())       # the corpora's reference date
    stack = Stack(tmp_path_factory.mktemp("conversations")).start()
    try:
        out = {}
        for path in [HERE / name for name in FLOORS]:      # frozen, dev, the last tuned on, the held-out one
            day, convs = load_corpus(path)
            stack.at(day)                                   # each corpus at its own reference date
            out[str(path.relative_to(HERE))] = score(convs, stack.say, day, workers=3)
        figures = ROOT / "var/conversation-figures.json"
        figures.parent.mkdir(exist_ok=True)
        figures.write_text(json.dumps({k: {key: v[key] for key in ("n", "right", "rate", "with_repeats", "extra_mean")}
                                       for k, v in out.items()}, ensure_ascii=False, indent=1), encoding="utf-8")
        yield out
    finally:
        stack.stop()
        mp.undo()


def test_corpus_is_large_enough_and_its_facts_are_valid():
    import datetime as dt
    from policy_kb.engine import decide
    _, frozen = load_corpus(FROZEN)
    _, dev = load_corpus(DEV)
    assert len(frozen) >= 25 and len(frozen) + len(dev) >= 60
    for conv in frozen + dev:
        assert conv["opening"] and conv["min_turns"] >= 1, conv["id"]
        decide(conv["facts"], today=dt.date(2026, 11, 27))      # FACTS.md shape, or it raises


@pytest.mark.parametrize("name", list(FLOORS))
def test_conversations_hold_their_floors(results, name):
    res = results[name]
    right, repeats, extra = FLOORS[name]
    misses = "\n".join(f"{r['id']}: wrong={r['wrong']} repeats={r['repeats']}" for r in res["runs"] if not r["right"])
    assert res["rate"] >= right, f"{res['right']}/{res['n']} right\n{misses}"
    assert res["with_repeats"] <= repeats
    assert res["extra_mean"] <= extra


@pytest.mark.xfail(strict=True, reason="issue 10 targets (95% right, no fact asked again, <= 1 extra turn) not reached yet")
def test_issue_targets_on_the_frozen_split(results):
    res = results["frozen/test.yml"]
    assert res["rate"] >= TARGET_RIGHT and res["with_repeats"] == 0 and res["extra_mean"] <= TARGET_EXTRA


def test_a_group_question_is_counted_as_asked_of_its_own_first_head():
    # "第4–5位…" after heads 1–3 were told is no repeat of heads[0]'s question
    from .play import _first_asked
    conv = {"facts": {"organisation": {"introduced": [{}, {}, {}, {}, {}]}}}
    path = "introduced[0].ss_months_in_qiantang"
    assert _first_asked(conv, path, "4–5") == "introduced[3].ss_months_in_qiantang"
    assert _first_asked(conv, path, "2、5") == "introduced[1].ss_months_in_qiantang"
    assert _first_asked(conv, path, "2") == "introduced[3].ss_months_in_qiantang"      # "这2位": the last two
    assert _first_asked(conv, path, "") == path
