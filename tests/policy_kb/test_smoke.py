from policy_kb import decide


def test_example_from_facts_md_programme_4():
    facts = {"as_of": "2025-06-30", "person": {
        "works_in_qiantang": True, "employer": "enterprise", "new_level": "高级技师",
        "cert_date": "2025-05-10", "qiantang_enterprise_employee_at_cert": True,
        "ss_months_after_cert": 7, "subsidised_level": "技师"}}
    result = {r["programme"]: r for r in decide(facts)["results"]}[4]
    assert result["status"] == "eligible"
    assert result["amount"] == 2000
