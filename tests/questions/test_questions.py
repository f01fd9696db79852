"""Issue 9: typed questions answered right and direct in the first reply, measured over REST
against the real Rasa and action servers (tests/questions/score.py, FORMAT.md).

The frozen split (tests/questions/frozen/test.yml, commit eb24598) was written from the
policy text alone before any tuning and is never tuned on. Floors hold the figures
reached, so a change that loses answers fails; the issue's target is an expected failure
until it is met (strict: it turns into a failure the day it passes, to be promoted).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.servers import MODEL, Stack
from tests.questions.score import judge, load_corpus, rest_replier, score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FROZEN = HERE / "frozen/test.yml"
DEV = [HERE / "dev.yml", HERE / "dev2.yml", HERE / "dev3.yml", HERE / "dev4.yml", HERE / "dev5.yml", HERE / "dev6.yml",
       HERE / "dev7.yml", HERE / "dev8.yml", HERE / "dev9.yml", HERE / "dev10.yml",
       HERE / "dev11.yml", HERE / "dev12.yml", HERE / "dev13.yml", HERE / "dev14.yml", HERE / "reviewed.yml"]    # reviewed.yml: written by the review page (docs/review.md); scored, no floor
TARGET = 0.95
# Right-and-direct rates reached (make test asserts they hold).
# 2026-11-28 00:10 (in process): frozen 127/140; over REST (make test, 00:33) dev7 gave 77/80 where
# in process gave 79/80 (the classifier routes a few differently). dev8 (written 23:50 from the policy text alone,
# not tuned on that session) 71/80; 2026-11-28 02:10, tuned on by family: 78/80 over REST.
# A fresh clone retrains the classifier, which routes one or two questions differently over REST
# (the fresh-clone run of 2026-11-28 04:14 fell below dev4's 0.97 where main gave 128/130): the
# dev floors keep two or three questions of margin.
FLOORS = {"frozen/test.yml": 0.9, "dev.yml": 0.97, "dev2.yml": 0.96, "dev3.yml": 0.95, "dev4.yml": 0.95,
          "dev5.yml": 0.95, "dev6.yml": 0.95, "dev7.yml": 0.93, "dev8.yml": 0.93,
          # dev9 (written 2026-11-28 01:45 from the policy text alone): 76/80 in process before any
          # tuning, 79/80 after; dev10 (02:30, held out until the wt-ans session of 2026-11-28): 73/80 in
          # process, then tuned on by family: 80/80 in process, 79/80 over REST; dev11: 20 of
          # a helper's own questions for the families it judged weakest
          "dev9.yml": 0.93, "dev10.yml": 0.95, "dev11.yml": 0.9,
          # dev12: round 6, written 2026-11-28 05:25 from the policy text alone, held out: 71/80 in process;
          # tuned on since 2026-11-28 08:30 (wt-ans): 80/80 in process and over REST
          "dev12.yml": 0.95,
          # dev13: round 7, written 2026-11-28 08:25 from the policy text alone, held out: 75/80 in process
          # at the session's start (483b794)
          # dev13 tuned on since 2026-11-28 11:50 (wt-ans): 80/80 in process
          "dev13.yml": 0.95,
          # dev14: round 8, written 2026-11-28 11:50 from the policy text alone (reference date 2027-05-18),
          # held out: 76/80 in process at e4094f4 (before any change that session)
          "dev14.yml": 0.9}

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train` (make test does)")


@pytest.fixture(scope="module")
def results(tmp_path_factory, monkeypatch_module):
    today, _ = load_corpus(FROZEN)
    monkeypatch_module.setenv("ASSISTANT_TODAY", today.isoformat())   # the corpora's reference date
    stack = Stack(tmp_path_factory.mktemp("questions")).start()
    try:
        out = {}
        for path in [FROZEN, *DEV]:
            if path.exists():
                day, items = load_corpus(path)
                stack.at(day)                               # each corpus at its own reference date
                out[str(path.relative_to(HERE))] = score(items, rest_replier(stack), workers=3)
        figures = ROOT / "var/question-figures.json"
        figures.parent.mkdir(exist_ok=True)
        figures.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        yield out
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_corpus_is_large_enough_and_well_formed():
    _, frozen = load_corpus(FROZEN)
    dev = [q for path in DEV if path.exists() for q in load_corpus(path)[1]]
    assert len(frozen) >= 120 and len(frozen) + len(dev) >= 300
    for item in frozen + dev:
        assert item["q"].strip() and item["kind"]
        assert item.get("must") or item["kind"] in ("out_of_scope",), item["id"]


@pytest.mark.parametrize("name", list(FLOORS))
def test_right_and_direct_holds_its_floor(results, name):
    if name not in results:
        pytest.skip(f"{name} not written")
    res = results[name]
    misses = "\n".join(f"{m['id']} {m['q']}: {'; '.join(m['wrong'])}" for m in res["misses"][:15])
    assert res["rate"] >= FLOORS[name], f"{res['right']}/{res['n']} right and direct\n{misses}"


def test_reviewed_questions_are_scored(results):
    """The questions the bureau marked on the review page are asked like the others (an empty file too)."""
    _, items = load_corpus(HERE / "reviewed.yml")
    assert results["reviewed.yml"]["n"] == len(items)
    print(f"reviewed.yml: {results['reviewed.yml']['right']}/{len(items)} right and direct")


def test_issue_target_on_the_frozen_split(results):
    # reached 2026-11-28 15:35 over REST: 133/140 (the round-8 answering families, wt-ans2)
    assert results["frozen/test.yml"]["rate"] >= TARGET


def test_the_judge_reads_amounts_and_verdicts_as_written():
    """The scorer itself: 2万 is 20000元, a yes/no verdict is read from the first words."""
    item = {"kind": "yes_no", "verdict": "no", "must": ["20000元"], "must_not": ["5000元"]}
    assert judge(item, "不能。按标准为2万元。") == []
    assert judge(item, "可以。按标准为20,000元。")
    assert judge(item, "不能。标准为5000元和2万元")
    assert judge({"kind": "out_of_scope", "must": []}, "【提升技能水平补助】…")
    assert judge({"kind": "amount", "must": ["500元"], "must_not": ["2000元"]}, "每月500元，合计12000元") == []
