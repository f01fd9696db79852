"""Properties that hold for every valid set of facts (hypothesis draws them from facts.yml)."""
import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_kb import decide
from policy_kb.kb import load

from .strategies import facts, organisation

KB = load()
settings.register_profile("project", max_examples=300, deadline=None)
settings.load_profile("project")


def by_number(decision):
    return {r["programme"]: r for r in decision["results"]}


@given(facts)
def test_status_follows_the_conditions(f):
    for r in decide(f)["results"]:
        results = {c["result"] for c in r["conditions"]}
        if "fail" in results:
            assert r["status"] == "ineligible" and r["amount"] == 0
        elif "unknown" in results:
            assert r["status"] == "needs_info" and r["missing"]
        else:
            assert r["status"] == "eligible"
        assert r["amount"] is None or r["amount"] >= 0
        assert r["contact"]["phone"].isdigit() and r["materials"] is KB.programme(r["programme"])["materials"]


@given(facts)
def test_same_facts_same_decision(f):
    original = copy.deepcopy(f)
    first = json.dumps(decide(f), ensure_ascii=False, sort_keys=True)
    assert f == original                    # the engine never changes its input
    assert json.dumps(decide(copy.deepcopy(f)), ensure_ascii=False, sort_keys=True) == first


@given(organisation, st.integers(0, 250_000), st.integers(0, 120_000))
def test_annual_caps_are_never_exceeded(org, received_training, received_eval):
    org = copy.deepcopy(org)
    if isinstance(org.get("training"), dict):
        org["training"]["received_this_year"] = received_training
    if isinstance(org.get("self_evaluation"), dict):
        org["self_evaluation"]["received_this_year"] = received_eval
    results = by_number(decide({"as_of": "2025-06-30", "organisation": org}))
    if "training" in org and results[10]["amount"] is not None:
        assert results[10]["amount"] <= max(0, 200_000 - received_training)
    if "self_evaluation" in org and results[12]["amount"] is not None:
        assert results[12]["amount"] <= max(0, 100_000 - received_eval)


@given(st.integers(0, 10_000_000))
def test_programme_1_match_is_capped(award):
    f = {"person": {"works_in_qiantang": True, "employer": "enterprise", "on_public_establishment": False,
                    "recommended_by_district": True, "honours": ["浙江工匠"], "superior_award": award}}
    assert by_number(decide(f))[1]["amount"] == min(award, 500_000)


TABLE_4 = KB.programme(4)["standard"]["table"]


@given(st.sampled_from(list(TABLE_4)), st.sampled_from(list(TABLE_4)))
def test_top_up_equals_the_difference(new, paid):
    f = {"as_of": "2025-06-30", "person": {"works_in_qiantang": True, "employer": "enterprise", "new_level": new,
         "subsidised_level": paid, "qiantang_enterprise_employee_at_cert": True, "ss_months_after_cert": 6}}
    r = by_number(decide(f))[4]
    if KB.levels.index(paid) < KB.levels.index(new):
        assert r["status"] == "eligible" and r["amount"] == TABLE_4[new] - TABLE_4[paid]
    else:
        assert r["status"] == "ineligible" and r["amount"] == 0


def _person_amount(level):
    f = {"as_of": "2025-06-30", "person": {"works_in_qiantang": True, "employer": "enterprise", "new_level": level,
         "qiantang_enterprise_employee_at_cert": True, "ss_months_after_cert": 6, "full_time_student_in_qiantang": True,
         "cert_date": "2025-01-05", "ss_start_month": "2025-03", "cert_in_shortage_catalogue": True}}
    r = by_number(decide(f))
    return r[4]["amount"], r[11]["amount"]


def _org_amount(level, hukou, shortage):
    item = {"level": level, "cert_date": "2025-05-01", "employed_here_at_cert": True, "hired_date": "2024-05-01",
            "from_outside_qiantang": True, "ss_months_in_qiantang": 13, "still_in_qiantang": True,
            "qiantang_hukou": hukou}
    org = {"kind": "enterprise", "in_qiantang": True, "studio": {"district_recognised": True},
           "cultivated": [{k: item[k] for k in ("level", "cert_date", "employed_here_at_cert")}],
           "introduced": [{k: v for k, v in item.items() if k not in ("cert_date", "employed_here_at_cert")}],
           "school_cooperation": {"filed_before_start": True, "graduates": [
               {"level": level, "cert_via_programme": True, "ss_months": 6, "path": "joined_partner"}]},
           "training": {"filed_30_days_before": True, "records_in_system": True, "received_this_year": 0,
                        "trainees": [{"group": "失业人员", "certificate": level, "issued_in_zhejiang": True,
                                      "shortage": shortage}]},
           "self_evaluation": {"registered": True, "received_this_year": 0, "certs": {level: 1}}}
    r = by_number(decide({"as_of": "2025-06-30", "organisation": org}))
    return tuple(r[n]["amount"] for n in (5, 6, 7, 10, 12))


@given(st.booleans(), st.booleans())
def test_amount_never_decreases_with_level(hukou, shortage):
    """Within each programme's own table: a level the table does not list pays nothing."""
    person = dict(zip((4, 11), zip(*[_person_amount(level) for level in KB.levels])))
    org = dict(zip((5, 6, 7, 10, 12), zip(*[_org_amount(level, hukou, shortage) for level in KB.levels])))
    for number, series in {**person, **org}.items():
        table = KB.programme(number)["standard"]["table"]
        listed = [amount for level, amount in zip(KB.levels, series) if level in table]
        assert listed == sorted(listed) and all(listed), (number, series)
        assert all(amount == 0 for level, amount in zip(KB.levels, series) if level not in table)
