"""`python -m policy_kb check` as the outside acceptance tests call it."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The venv's Python and, where present, the machine's default python3 (the engine needs only PyYAML).
PYTHONS = [sys.executable] + [p for p in [shutil.which("python3")] if p and Path(p).resolve() != Path(sys.executable).resolve()]


def run(args, stdin=None, python=sys.executable):
    return subprocess.run([python, "-m", "policy_kb", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize("python", PYTHONS)
def test_check_file_and_stdin_give_the_same_decision(tmp_path, python):
    facts = {"as_of": "2025-06-30", "person": {"works_in_qiantang": True, "gold_title": "钱塘金牌技师"}}
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    from_file, from_stdin = run(["check", str(path)], python=python), run(["check", "-"], json.dumps(facts), python)
    assert from_file.returncode == from_stdin.returncode == 0, from_file.stderr
    decision = json.loads(from_file.stdout)
    assert decision == json.loads(from_stdin.stdout)
    gold = {r["programme"]: r for r in decision["results"]}[2]
    assert (gold["status"], gold["amount"], gold["contact"]["phone"]) == ("eligible", 48000, "89537337")
    assert {r["programme"] for r in decision["results"]} == {1, 2, 3, 4, 11}


def test_empty_facts_cover_all_twelve_programmes():
    out = run(["check", "-"], "{}")
    assert out.returncode == 0
    decision = json.loads(out.stdout)
    assert [r["programme"] for r in decision["results"]] == list(range(1, 13))
    assert all(r["status"] == "needs_info" for r in decision["results"])


@pytest.mark.parametrize("facts, key, hint", [
    ('{"person": {"new_level": "大师"}}', "person.new_level", "高级技师"),
    ('{"as_of": "2025-13-01"}', "as_of", "YYYY-MM-DD"),
    ('{"as_of": "2025/06/30"}', "as_of", "YYYY-MM-DD"),
    ('{"person": {"ss_months_after_cert": -3}}', "person.ss_months_after_cert", "整数"),
    ('{"person": {"ss_months_after_cert": 900}}', "person.ss_months_after_cert", "600"),
    ('{"person": {"ss_months_after_cert": "八"}}', "person.ss_months_after_cert", "整数"),
    ('{"person": {"works_in_qiantang": "是"}}', "person.works_in_qiantang", "true"),
    ('{"person": {"employer": "company"}}', "person.employer", "enterprise"),
    ('{"person": {"honours": "浙江工匠"}}', "person.honours", "列表"),
    ('{"person": {"ss_start_month": "2025-9"}}', "person.ss_start_month", "YYYY-MM"),
    ('{"persn": {}}', "persn", "person"),
    ('{"person": {"salary": 1}}', "person.salary", "works_in_qiantang"),
    ('{"organisation": {"introduced": [{"level": "技师", "hired_date": "2024-02-30"}]}}',
     "organisation.introduced[0].hired_date", "有效日期"),
    ('{"organisation": {"self_evaluation": {"certs": {"技师": -1}}}}', "organisation.self_evaluation.certs.技师", "非负整数"),
    ('[1, 2]', "顶层", "对象"),
    ('{"person": ', "JSON", "第1行"),
])
def test_malformed_facts_exit_2_with_a_clear_message(facts, key, hint):
    out = run(["check", "-"], facts)
    assert out.returncode == 2
    assert out.stdout == ""
    assert key in out.stderr and hint in out.stderr
    assert "Traceback" not in out.stderr


def test_missing_file_is_named():
    out = run(["check", "/no/such/facts.json"])
    assert out.returncode == 2 and "/no/such/facts.json" in out.stderr and "Traceback" not in out.stderr


def test_null_means_unknown():
    out = run(["check", "-"], '{"person": {"works_in_qiantang": null, "gold_title": "钱塘金牌工人"}}')
    gold = {r["programme"]: r for r in json.loads(out.stdout)["results"]}[3]
    assert gold["status"] == "needs_info" and gold["missing"] == ["works_in_qiantang"]
