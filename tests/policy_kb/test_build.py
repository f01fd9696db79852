"""`python -m policy_kb build`: the SQLite knowledge base, reproducible and loud on bad input."""
import shutil
import sqlite3

import pytest

from policy_kb import build, cli, kb


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build.build(tmp_path_factory.mktemp("kb") / "kb.sqlite")


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_same_inputs_give_the_same_bytes(tmp_path, built):
    again = build.build(tmp_path / "again.sqlite")
    assert again.read_bytes() == built.read_bytes()


def test_every_programme_condition_and_amount_row_is_in_the_database(built):
    source = kb.load()
    assert rows(built, "SELECT number, name, phone FROM programmes ORDER BY number") == [
        (p["number"], p["name"], p["phone"]) for p in source.programmes]
    for prog in source.programmes:
        n = prog["number"]
        assert rows(built, "SELECT clause, text FROM conditions WHERE programme = ? ORDER BY seq", n) == [
            (c["clause"], c["text"]) for c in prog["conditions"]]
        table = prog["standard"].get("table", {})
        stored = dict(rows(built, "SELECT item, amount FROM standards WHERE programme = ?"
                                  " AND kind IN ('table', 'monthly')", n))
        for level, amount in table.items():
            assert stored[level] == amount, (n, level)
        assert rows(built, "SELECT text FROM materials WHERE programme = ? ORDER BY seq", n) == [
            (m,) for m in prog["materials"]]
        assert set(prog["aliases"]) <= {a for (a,) in rows(built, "SELECT alias FROM aliases WHERE programme = ?", n)}


def test_annual_caps_come_from_the_programme_files(built):
    caps = dict(rows(built, "SELECT programme, amount FROM standards WHERE kind = 'annual_cap'"))
    expected = {p["number"]: p["standard"]["annual_cap"]["amount"]
                for p in kb.load().programmes if "annual_cap" in p["standard"]}
    assert caps == expected and len(caps) == 2


def test_each_condition_is_a_searchable_section_with_its_clause(built):
    prog4 = kb.load().programme(4)
    sections = rows(built, "SELECT clause, text FROM sections WHERE programme = 4 AND section = '申请条件'")
    assert sections == [(c["clause"], c["text"]) for c in prog4["conditions"]]
    hit = rows(built, "SELECT s.clause FROM sections_fts JOIN sections s ON s.id = sections_fts.rowid"
                      " WHERE sections_fts MATCH '\"补差\"' AND s.programme = 4")
    assert ("四（4）",) in hit


def test_meta_records_the_rules_version(built):
    assert build.built_version(built) == kb.load().rules_version


def _broken_copy(tmp_path, mutate):
    programmes = tmp_path / "programmes"
    shutil.copytree(kb.PROGRAMMES_DIR, programmes)
    target = next(programmes.glob("07-*.yml"))
    target.write_text(mutate(target.read_text(encoding="utf-8")), encoding="utf-8")
    return programmes, target.name


def test_malformed_programme_file_names_file_and_key(tmp_path):
    programmes, name = _broken_copy(tmp_path, lambda t: t.replace('phone: "89537334"', "phone: 电话待定"))
    with pytest.raises(kb.KBError) as err:
        build.build(tmp_path / "kb.sqlite", programmes_dir=programmes)
    assert name in str(err.value) and "phone" in str(err.value)
    assert not (tmp_path / "kb.sqlite").exists()


def test_cli_build_exits_2_naming_file_and_key(tmp_path, monkeypatch, capsys):
    programmes, name = _broken_copy(tmp_path, lambda t: t.replace("  formula: per_item\n", ""))
    monkeypatch.setattr(kb, "PROGRAMMES_DIR", programmes)
    out = tmp_path / "kb.sqlite"
    assert cli.main(["build", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert name in err and "standard.formula" in err and "Traceback" not in err
    assert not out.exists()


def test_yaml_syntax_error_is_reported_with_the_file(tmp_path, monkeypatch, capsys):
    programmes, name = _broken_copy(tmp_path, lambda t: t.replace("aliases: [", "aliases: [[", 1))
    monkeypatch.setattr(kb, "PROGRAMMES_DIR", programmes)
    assert cli.main(["build", "--out", str(tmp_path / "kb.sqlite")]) == 2
    assert name in capsys.readouterr().err
