"""Golden cases (tests as data, in cases/*.yml): every programme and every amount-table row."""
from pathlib import Path

import pytest
import yaml

from policy_kb import decide

CASES = [case for path in sorted((Path(__file__).parent / "cases").glob("*.yml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def _by_programme(decision):
    return {r["programme"]: r for r in decision["results"]}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case):
    results = _by_programme(decide(case["facts"]))
    for number, expect in case["expect"].items():
        result = results[number]
        assert result["status"] == expect["status"], result["conditions"]
        if "amount" in expect:
            assert result["amount"] == expect["amount"]
        if "failed" in expect:
            failed = sorted({c["clause"] for c in result["conditions"] if c["result"] == "fail"})
            assert failed == sorted(expect["failed"])
        if "missing_first" in expect:
            assert result["missing"][0] == expect["missing_first"], result["missing"]
        if "notes_contain" in expect:
            assert any(expect["notes_contain"] in note for note in result["notes"]), result["notes"]


def test_every_programme_has_a_golden_case():
    covered = {int(n) for case in CASES for n in case["expect"]}
    assert covered == set(range(1, 13))
