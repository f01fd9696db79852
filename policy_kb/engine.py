"""The eligibility engine: facts in, decision out (the contract in shared/FACTS.md).

Pure and deterministic: the only clock read is today's date when `as_of` is absent.
Programme rules come from the knowledge base; this module only walks them.
"""
from __future__ import annotations

import datetime as dt
import functools

from . import amounts
from .conditions import FAIL, PASS, UNKNOWN, compile_test, when_applies
from .kb import load
from .schema import validate

_EMPTY: dict = {}


@functools.lru_cache(maxsize=None)
def _split(path: str) -> tuple:
    return tuple(path.split("."))


def _getter(root: dict):
    """get('a.b') for nested dicts; None when any part is missing."""
    def get(path):
        if "." not in path:
            return root.get(path)
        node = root
        for part in _split(path):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
            if node is None:
                return None
        return node
    return get


class _Programme:
    """A programme file with its tests compiled, ready to evaluate."""

    def __init__(self, prog: dict, kb):
        self.prog = prog
        self.number = prog["number"]
        self.subject = prog["subject"]
        self.items_path = prog.get("items")
        self.standard = prog["standard"]
        self.formula = amounts.FORMULAS[self.standard["formula"]]
        self.contact = {"unit": prog["unit"], "phone": prog["phone"]}
        self.conditions = []
        for cond in prog["conditions"]:
            scope = cond.get("scope", "programme")
            test = None if cond.get("verified_by_office") else compile_test(cond["test"], self.standard, kb.levels)
            if test is None:
                names = []
            elif scope == "item":
                names = [f"{self.items_path}[].{f}" for f in test.facts]
            else:
                names = list(test.facts)
            static = {"clause": cond["clause"], "text": cond["text"], "facts": names}
            self.conditions.append((cond, scope, test, static))
        self.item_tests = [(c["clause"], t) for c, s, t, _ in self.conditions if s == "item"]
        self.item_positions = {id(c): i for i, c in enumerate(c for c, s, _, _ in self.conditions if s == "item")}
        self.base_notes = list(prog["notes"]) + [kb.document["draft_note"]]
        self.name, self.materials = prog["name"], prog["materials"]
        self.amount_clause = self.standard["clause"]
        self.formula_ctx = {"items_path": self.items_path}

    # -- evaluation ---------------------------------------------------------
    def evaluate(self, subject: dict, as_of: str, priority) -> dict:
        get = _getter(subject)
        items = get(self.items_path) if self.items_path else None
        item_results = self._evaluate_items(items) if self.items_path else None

        conditions, missing = [], []
        failed = unknown_seen = False
        for cond, scope, test, static in self.conditions:
            entry = dict(static)
            if test is None:
                entry["result"] = PASS
                entry["verified_by_office"] = True
            elif "when" in cond and not when_applies(cond["when"], as_of):
                entry["result"] = PASS
                entry["applicable"] = False
            else:
                if scope == "item":
                    result, unknown = self._aggregate(cond, items, item_results)
                else:
                    result, unknown = test(get)
                entry["result"] = result
                if result == FAIL:
                    failed = True
                elif result == UNKNOWN:
                    unknown_seen = True
                    missing.extend(unknown)
            conditions.append(entry)

        result = {
            "programme": self.number,
            "name": self.name,
            "status": "ineligible" if failed else "needs_info" if unknown_seen else "eligible",
            "amount": 0,
            "conditions": conditions,
            "missing": missing,
            "materials": self.materials,
            "contact": self.contact,
            "notes": list(self.base_notes),     # callers may add to it; the engine's copy stays intact
            "amount_clause": self.amount_clause,
        }
        if not failed:                # an ineligible programme pays 0: no formula to run
            self._add_amount(result, get, items, item_results)
        result["missing"] = _order(result["missing"], priority)
        if item_results is not None:
            result["items"] = item_results
        return result

    def _add_amount(self, result, get, items, item_results):
        eligible = result["status"] == "eligible"
        counted = []
        if item_results is not None:
            wanted = ("eligible",) if eligible else ("eligible", "needs_info")
            counted = [(i, it) for (i, it), r in zip(enumerate(items), item_results) if r["status"] in wanted]
        amount = self.formula(self.standard, get, counted, self.formula_ctx)
        result["amount"] = amount.yuan
        result["missing"] = result["missing"] + amount.unknown
        if eligible and item_results:
            for r in item_results:        # other heads that may still add to the sum
                if r["status"] == "needs_info":
                    result["missing"] += r["missing"]
        if amount.notes:
            result["notes"] = amount.notes + self.base_notes
        result.update(amount.extra)

    def _evaluate_items(self, items):
        if not isinstance(items, list):
            return None
        out = []
        prefix = self.items_path
        for index, item in enumerate(items):
            get = item.get
            failed, missing, results = [], [], []
            for clause, test in self.item_tests:
                result, unknown = test(get)
                results.append((result, unknown))
                if result == FAIL:
                    failed.append(clause)
                elif unknown:
                    missing.extend(f"{prefix}[{index}].{f}" for f in unknown)
            status = "ineligible" if failed else "needs_info" if missing else "eligible"
            amount = 0 if failed else amounts.item_amount(self.standard, item)[0]
            out.append({"index": index, "status": status, "amount": amount, "failed": failed,
                        "missing": missing, "_results": results})
        return out

    def _aggregate(self, cond, items, item_results):
        """One item condition summed up over all heads (see README: per-head programmes)."""
        if item_results is None:
            return UNKNOWN, [self.items_path]
        if not item_results:
            return FAIL, []
        pos = self.item_positions[id(cond)]
        first_open = None
        for r in item_results:
            if r["status"] == "eligible":
                return PASS, []
            if first_open is None and r["status"] == "needs_info":
                first_open = r
        if first_open is not None:
            result, unknown = first_open["_results"][pos]
            return result, [f"{self.items_path}[{first_open['index']}].{f}" for f in unknown]
        per_item = [r["_results"][pos][0] for r in item_results]
        return (FAIL if FAIL in per_item else UNKNOWN if UNKNOWN in per_item else PASS), []


def _order(missing: list, priority) -> list:
    if not missing:
        return missing
    unique = list(dict.fromkeys(missing))
    return sorted(unique, key=priority)   # stable: ties keep condition order


@functools.lru_cache(maxsize=None)
def _compiled():
    kb = load()
    programmes = [_Programme(p, kb) for p in kb.programmes]

    @functools.lru_cache(maxsize=4096)
    def priority(name: str):
        parts = name.replace("]", "").split(".")
        specs, ranks, fields = [], [], kb.facts
        scope = {**kb.facts["person"], **kb.facts["organisation"]}
        for part in parts:
            key = part.split("[")[0]
            spec = scope.get(key) if scope else None
            if spec is None:
                break
            ranks.append(spec.get("priority", 50))
            scope = spec.get("item") or spec.get("fields")
        return tuple(ranks) or (99,)

    return kb, programmes, priority


def fact_priority(path: str) -> tuple:
    """How early a missing fact is asked (facts.yml priorities along the path; lower first)."""
    return _compiled()[2](path)


def programmes_for(facts: dict) -> list:
    """The programmes relevant to the subject(s) in the facts: all when neither is given."""
    _, programmes, _ = _compiled()
    subjects = [s for s in ("person", "organisation") if facts.get(s) is not None]
    return [p for p in programmes if not subjects or p.subject in subjects]


def decide(facts: dict, validate_facts: bool = True, today: dt.date | None = None,
           programmes=None) -> dict:
    """The decision for `facts` (see shared/FACTS.md). Raises FactsError on malformed facts.

    `programmes` (numbers) limits the results to those programmes, e.g. one roster row's.
    """
    if validate_facts:
        validate(facts)
    kb, _, priority = _compiled()
    as_of = facts.get("as_of") or (today or dt.date.today()).isoformat()
    if programmes is None:
        selected = programmes_for(facts)
    else:
        wanted = set(programmes)
        selected = [p for p in _compiled()[1] if p.number in wanted]
    results = []
    for prog in selected:
        result = prog.evaluate(facts.get(prog.subject) or _EMPTY, as_of, priority)
        for item in result.get("items") or ():
            item.pop("_results", None)
        results.append(result)
    return {"as_of": as_of, "rules_version": kb.rules_version, "results": results}
