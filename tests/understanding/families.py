"""What the family tests (test_families_round*.py) share: reading at a corpus's reference date,
and the facts a reading states for the person and for the organisation."""
from __future__ import annotations

from understanding import understand


def reader(today):
    def read(text, subject=None, pending=None, known=None):
        return understand(text, today, pending=pending, subject=subject, known=known)
    return read


def person(r):
    return r.stated.get("person", {})


def org(r):
    return r.stated.get("organisation", {})
