"""Load the knowledge base: the programme files, the facts schema and the document notes.

Everything about a programme lives in `programmes/NN-name.yml`; this module reads and
checks those files (a malformed file fails loudly, naming the file and the key) and
computes `rules_version`, the hash the decisions carry.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROGRAMMES_DIR = HERE / "programmes"
FACTS_FILE = HERE / "facts.yml"
DOCUMENT_FILE = HERE / "document.yml"
ASKERS_FILE = HERE / "askers.yml"

SECTIONS = "一二三四五六七八九十"
REQUIRED_KEYS = {
    "number": int, "key": str, "name": str, "section": str, "subject": str,
    "aliases": list, "content": str, "object": str, "conditions": list,
    "standard": dict, "process": list, "materials": list, "unit": str,
    "phone": str, "notes": list,
}
FORMULAS = {"match", "monthly", "level_topup", "per_item", "fixed", "lookup",
            "monthly_by_level", "per_count"}


class KBError(Exception):
    """A programme file is malformed: the message names the file and the key."""


# libyaml's loader when PyYAML was built with it: the same documents, read five times faster
# (every process that loads the knowledge base — a roster run, the web server — pays this once).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise KBError(f"{path.name}: YAML 格式错误：{exc}") from exc


def _check_programme(path: Path, prog) -> None:
    def fail(key, why):
        raise KBError(f"{path.name}: 键 '{key}' {why}")

    if not isinstance(prog, dict):
        raise KBError(f"{path.name}: 顶层应为映射（key: value）")
    for key, typ in REQUIRED_KEYS.items():
        if key not in prog:
            fail(key, "缺失")
        if not isinstance(prog[key], typ):
            fail(key, f"类型应为 {typ.__name__}，实际为 {type(prog[key]).__name__}")
    unknown = set(prog) - set(REQUIRED_KEYS) - {"items", "headings"}
    if unknown:
        fail(sorted(unknown)[0], "不是已知的键")
    if not path.name.startswith(f"{prog['number']:02d}-"):
        fail("number", f"与文件名不符（{prog['number']}）")
    if prog["subject"] not in ("person", "organisation"):
        fail("subject", "应为 person 或 organisation")
    if not prog["phone"].isdigit():
        fail("phone", "应只含数字")
    std = prog["standard"]
    if std.get("formula") not in FORMULAS:
        fail("standard.formula", f"应为 {sorted(FORMULAS)} 之一")
    for i, cond in enumerate(prog["conditions"]):
        where = f"conditions[{i}]"
        if not isinstance(cond, dict):
            fail(where, "应为映射")
        for key in ("clause", "text"):
            if not isinstance(cond.get(key), str) or not cond[key]:
                fail(f"{where}.{key}", "缺失或为空")
        if not cond["clause"].startswith(prog["section"]):
            fail(f"{where}.clause", f"应以本节编号“{prog['section']}”开头")
        if "test" not in cond and not cond.get("verified_by_office"):
            fail(f"{where}.test", "缺失（无需申请人提供的条件请写 verified_by_office: true）")
        if cond.get("scope", "programme") not in ("programme", "item"):
            fail(f"{where}.scope", "应为 programme 或 item")
        if cond.get("scope") == "item" and "items" not in prog:
            fail(f"{where}.scope", "为 item，但本项目未声明 items")


@functools.lru_cache(maxsize=None)
def load() -> "KB":
    return KB(PROGRAMMES_DIR, FACTS_FILE, DOCUMENT_FILE)


class KB:
    """The loaded knowledge base. Read-only after construction."""

    def __init__(self, programmes_dir: Path, facts_file: Path, document_file: Path):
        files = sorted(programmes_dir.glob("*.yml"))
        if not files:
            raise KBError(f"{programmes_dir}: 没有任何项目文件")
        digest = hashlib.sha256()
        self.programmes = []
        for path in files:
            raw = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + raw + b"\0")
            prog = _read_yaml(path)
            _check_programme(path, prog)
            self.programmes.append(prog)
        askers_file = facts_file.parent / ASKERS_FILE.name
        for path in (facts_file, document_file, askers_file):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        numbers = [p["number"] for p in self.programmes]
        if numbers != list(range(1, len(numbers) + 1)):
            raise KBError(f"{programmes_dir}: 项目编号应从1连续编号，实际为 {numbers}")
        self.by_number = {p["number"]: p for p in self.programmes}
        self.facts = _read_yaml(facts_file)
        self.document = _read_yaml(document_file)
        self.levels = self.facts["levels"]
        self.askers = _read_yaml(askers_file)
        covered = sorted({n for a in self.askers.values() for n in a["programmes"]})
        if covered != numbers:
            raise KBError(f"{askers_file.name}: 应恰好覆盖项目 {numbers}，实际为 {covered}")
        self.rules_version = digest.hexdigest()[:16]

    def programme(self, number: int) -> dict:
        return self.by_number[number]

    def fact_spec(self, path: str) -> dict | None:
        """The schema entry of a fact path such as 'training.trainees[].group'."""
        for subject in ("person", "organisation"):
            spec = _walk(self.facts[subject], path)
            if spec is not None:
                return spec
        return None


def _walk(fields: dict, path: str):
    head, _, rest = path.partition(".")
    name = head[:-2] if head.endswith("[]") else head
    spec = fields.get(name)
    if spec is None or not rest:
        return spec
    sub = spec.get("item") if head.endswith("[]") else spec.get("fields")
    return _walk(sub, rest) if sub else None
