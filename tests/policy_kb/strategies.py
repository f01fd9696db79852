"""Hypothesis strategies that draw valid facts from the schema in facts.yml."""
import datetime as dt

from hypothesis import strategies as st

from policy_kb.kb import load
from policy_kb.schema import enum_values

KB = load()
DATES = st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31))


def _value(spec):
    typ = spec["type"]
    if typ == "bool":
        return st.booleans()
    if typ == "int":
        hi = spec.get("max")
        hi = KB.facts[hi] if isinstance(hi, str) else (hi if hi is not None else 1_000_000)
        return st.integers(spec.get("min", 0), hi)
    if typ == "date":
        return DATES.map(dt.date.isoformat)
    if typ == "month":
        return DATES.map(lambda d: d.isoformat()[:7])
    if typ == "enum":
        return st.sampled_from(enum_values(spec, KB.levels))
    if typ == "enum_list":
        return st.lists(st.sampled_from(enum_values(spec, KB.levels)), max_size=3, unique=True)
    if typ == "list":
        return st.lists(_object(spec["item"]), max_size=4)
    if typ == "object":
        return _object(spec["fields"])
    if typ == "counts":
        return st.dictionaries(st.sampled_from(KB.levels), st.integers(0, 300), max_size=7)
    raise AssertionError(typ)


def _object(fields):
    """Any subset of the fields: a missing key means 'not known yet'."""
    return st.fixed_dictionaries({}, optional={name: _value(spec) for name, spec in fields.items()})


person = _object(KB.facts["person"])
organisation = _object(KB.facts["organisation"])
facts = st.fixed_dictionaries(
    {"as_of": DATES.map(dt.date.isoformat)},
    optional={"person": person, "organisation": organisation})
