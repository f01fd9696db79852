"""Each date and count boundary of the document, one step either side."""
import pytest

from policy_kb import decide


def result(facts, number):
    return {r["programme"]: r for r in decide(facts)["results"]}[number]


WORKER = {"works_in_qiantang": True, "employer": "enterprise", "new_level": "技师",
          "qiantang_enterprise_employee_at_cert": True}


@pytest.mark.parametrize("as_of, before, after, status", [
    ("2025-03-31", 6, 0, "eligible"),     # 3月31日（含）前申报：看取证前社保
    ("2025-03-31", 5, 12, "ineligible"),
    ("2025-04-01", 6, 0, "ineligible"),   # 4月1日（含）后申报：看取证后连续社保
    ("2025-04-01", 0, 6, "eligible"),
    ("2025-04-02", 0, 5, "ineligible"),
])
def test_programme_4_switches_rule_on_application_date(as_of, before, after, status):
    facts = {"as_of": as_of, "person": {**WORKER, "ss_months_before_cert": before, "ss_months_after_cert": after}}
    assert result(facts, 4)["status"] == status


def test_programme_4_only_asks_for_the_months_of_the_rule_in_force():
    early = result({"as_of": "2025-03-31", "person": dict(WORKER)}, 4)
    late = result({"as_of": "2025-04-01", "person": dict(WORKER)}, 4)
    assert early["missing"] == ["ss_months_before_cert"]
    assert late["missing"] == ["ss_months_after_cert"]


@pytest.mark.parametrize("cert_date, status", [("2025-03-31", "ineligible"), ("2025-04-01", "eligible")])
def test_programme_5_counts_certificates_from_2025_04_01(cert_date, status):
    facts = {"organisation": {"kind": "enterprise", "in_qiantang": True, "cultivated": [
        {"level": "高级技师", "cert_date": cert_date, "employed_here_at_cert": True}]}}
    assert result(facts, 5)["status"] == status


@pytest.mark.parametrize("hired, months, status", [
    ("2024-03-31", 12, "ineligible"), ("2024-04-01", 12, "eligible"), ("2024-04-01", 11, "ineligible")])
def test_programme_6_hires_from_2024_04_01_and_twelve_months(hired, months, status):
    facts = {"organisation": {"kind": "enterprise", "in_qiantang": True, "introduced": [
        {"level": "技师", "hired_date": hired, "from_outside_qiantang": True,
         "ss_months_in_qiantang": months, "still_in_qiantang": True, "qiantang_hukou": False}]}}
    assert result(facts, 6)["status"] == status


@pytest.mark.parametrize("months, status", [(5, "ineligible"), (6, "eligible")])
def test_programme_7_six_months_or_more(months, status):
    facts = {"organisation": {"kind": "enterprise", "in_qiantang": True, "school_cooperation": {
        "filed_before_start": True, "graduates": [
            {"level": "中级工", "cert_via_programme": True, "ss_months": months, "path": "joined_partner"}]}}}
    assert result(facts, 7)["status"] == status


@pytest.mark.parametrize("cert_date, start, status", [
    ("2025-05-10", "2025-04", "ineligible"),   # before the certificate
    ("2025-05-10", "2025-05", "eligible"),     # the certificate's own month
    ("2025-05-10", "2026-05", "eligible"),     # within one year (first anniversary 2026-05-10)
    ("2025-05-10", "2026-06", "ineligible"),
    ("2024-02-29", "2025-02", "eligible"),     # leap-day certificate
    ("2024-02-29", "2025-03", "ineligible"),
])
def test_programme_11_one_year_window(cert_date, start, status):
    facts = {"person": {"full_time_student_in_qiantang": True, "new_level": "高级工", "cert_date": cert_date,
                        "ss_start_month": start, "cert_in_shortage_catalogue": True}}
    assert result(facts, 11)["status"] == status


@pytest.mark.parametrize("months, first, second", [(5, False, False), (6, True, False), (11, True, False), (12, True, True)])
def test_programme_11_paid_in_two_halves(months, first, second):
    facts = {"person": {"full_time_student_in_qiantang": True, "new_level": "高级工", "cert_date": "2025-05-10",
                        "ss_start_month": "2025-07", "cert_in_shortage_catalogue": True, "ss_months_after_cert": months}}
    r = result(facts, 11)
    assert [p["amount"] for p in r["payments"]] == [1800, 1800]
    assert [p["available"] for p in r["payments"]] == [first, second]


@pytest.mark.parametrize("award, amount", [(499_999, 499_999), (500_000, 500_000), (500_001, 500_000)])
def test_programme_1_cap(award, amount):
    facts = {"person": {"works_in_qiantang": True, "employer": "enterprise", "on_public_establishment": False,
                        "recommended_by_district": True, "honours": ["全国技术能手"], "superior_award": award}}
    assert result(facts, 1)["amount"] == amount


@pytest.mark.parametrize("received, amount, status", [
    (0, 2000, "eligible"), (198_000, 2000, "eligible"), (198_001, 1999, "eligible"),
    (199_999, 1, "eligible"), (200_000, 0, "ineligible")])
def test_programme_10_annual_cap(received, amount, status):
    facts = {"organisation": {"kind": "training_org", "in_qiantang": True, "training": {
        "filed_30_days_before": True, "records_in_system": True, "received_this_year": received,
        "trainees": [{"group": "灵活就业人员", "certificate": "技师", "issued_in_zhejiang": True, "shortage": False}] * 2}}}
    r = result(facts, 10)
    assert (r["status"], r["amount"]) == (status, amount)


@pytest.mark.parametrize("received, amount, status", [(98_999, 1000, "eligible"), (99_999, 1, "eligible"), (100_000, 0, "ineligible")])
def test_programme_12_annual_cap(received, amount, status):
    facts = {"organisation": {"kind": "enterprise", "in_qiantang": True, "self_evaluation": {
        "registered": True, "received_this_year": received, "certs": {"技师": 1}}}}
    r = result(facts, 12)
    assert (r["status"], r["amount"]) == (status, amount)


def test_selected_programmes_match_the_full_decision():
    facts = {"as_of": "2025-06-30", "organisation": {"kind": "enterprise", "in_qiantang": True, "introduced": [
        {"level": "技师", "hired_date": "2024-05-01", "from_outside_qiantang": True,
         "ss_months_in_qiantang": 13, "still_in_qiantang": True}]}}
    full = {r["programme"]: r for r in decide(facts)["results"]}
    only = decide(facts, programmes=[6])["results"]
    assert [r["programme"] for r in only] == [6] and only[0] == full[6]
