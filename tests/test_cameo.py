"""The packaged CAMEO table: complete, consistent with the reference facts, and validated on load."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.knowledge.cameo import (
    PLOVER_TYPES,
    CameoCode,
    load_cameo,
    lookup,
    parse_cameo,
    quad_of_root,
    root_of,
)
from marsad.knowledge.errors import KnowledgeError

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "cameo.tsv"
HEADER = "code\tname_en\tname_ar\tgoldstein\tquad_class\tplover"


def _reference() -> dict[str, dict[str, str]]:
    if not REFERENCE.exists():
        pytest.skip("shared/reference/cameo.tsv is not present")
    with REFERENCE.open(encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f, delimiter="\t")}


def test_table_loads_with_all_codes() -> None:
    table = load_cameo()
    assert len(table) == 311
    assert all(isinstance(v, CameoCode) for v in table.values())
    roots = sorted(c for c in table if len(c) == 2)
    assert roots == [f"{i:02d}" for i in range(1, 21)]


def test_every_reference_code_present_with_same_facts() -> None:
    ref = _reference()
    table = load_cameo()
    assert set(table) == set(ref)
    for code, row in ref.items():
        assert table[code].goldstein == pytest.approx(float(row["goldstein"])), code
        assert table[code].quad_class == int(row["quad_class"]), code


def test_names_are_our_own_words() -> None:
    ref = _reference()
    table = load_cameo()
    same = [c for c, row in ref.items() if table[c].name_en.strip().lower() == row["name"].strip().lower()]
    assert len(same) <= 5, same


def test_every_entry_has_arabic_name_and_known_plover() -> None:
    for entry in load_cameo().values():
        assert any("\u0600" <= ch <= "\u06ff" for ch in entry.name_ar), entry.code
        assert entry.plover in PLOVER_TYPES or entry.plover == ""


def test_contract_roots_agree() -> None:
    # The root table in shared/spec/events.md.
    expected = {
        "01": (1, 0.0), "02": (1, 3.0), "03": (1, 4.0), "04": (1, 1.0), "05": (1, 3.5),
        "06": (2, 6.0), "07": (2, 7.0), "08": (2, 5.0), "09": (2, -2.0), "10": (3, -5.0),
        "11": (3, -2.0), "12": (3, -4.0), "13": (3, -6.0), "14": (3, -6.5), "15": (4, -7.2),
        "16": (4, -4.0), "17": (4, -7.0), "18": (4, -9.0), "19": (4, -10.0), "20": (4, -10.0),
    }
    for root, (quad, goldstein) in expected.items():
        assert (lookup(root).quad_class, lookup(root).goldstein) == (quad, goldstein)
        assert quad_of_root(root) == quad


def test_plover_choices() -> None:
    assert lookup("057").plover == "AGREE"
    assert lookup("042").plover == "CONSULT"
    assert lookup("0871").plover == "RETREAT"
    assert lookup("084").plover == "CONCEDE"
    assert lookup("173").plover == "COERCE"
    assert lookup("195").plover == "ASSAULT"
    assert lookup("010").plover == ""


def test_lookup_falls_back_to_parent() -> None:
    assert lookup("0431").code == "043"
    assert lookup("1959").code == "195"
    assert lookup("099").code == "09"
    with pytest.raises(KeyError):
        lookup("99")
    with pytest.raises(KeyError):
        lookup("abc")


def test_root_of() -> None:
    assert root_of("0431") == "04"
    assert root_of("19") == "19"


def test_children_share_parent_quad() -> None:
    table = load_cameo()
    for code, entry in table.items():
        assert entry.quad_class == table[root_of(code)].quad_class, code


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("0x1\tbad\tسيئ\t0.0\t1\t", "not 2 to 4 digits"),
        ("01111\tbad\tسيئ\t0.0\t1\t", "not 2 to 4 digits"),
        ("011\tbad\tسيئ\t11.0\t1\t", "outside [-10, 10]"),
        ("011\tbad\tسيئ\tabc\t1\t", "not a number"),
        ("011\tbad\tسيئ\t0.0\t5\t", "quad_class"),
        ("011\tbad\tسيئ\t0.0\t1\tFIGHT", "PLOVER"),
        ("0211\tbad\tسيئ\t0.0\t1\t", "parent 021"),
        ("010\tagain\tمكرر\t0.0\t1\t", "duplicate code 010 (first on line 4)"),
        ("011\tbad\tسيئ\t0.0", "columns"),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path: Path, row: str, fragment: str) -> None:
    bad = tmp_path / "cameo.tsv"
    bad.write_text(
        "# comment\n" + HEADER + "\n01\tstatements\tتصريح\t0.0\t1\t\n010\tplain\tعادي\t0.0\t1\t\n" + row + "\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        parse_cameo(bad.read_text(encoding="utf-8").splitlines(), path=str(bad))
    message = str(err.value)
    assert message.startswith(f"{bad}:5: "), message
    assert fragment in message
    assert err.value.line == 5


def test_missing_header_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"t\.tsv:2: expected the header"):
        parse_cameo(["# c", "01\tx\tس\t0.0\t1\t"], path="t.tsv")


def test_knowledge_error_format() -> None:
    assert str(KnowledgeError("a/b.tsv", 7, "boom")) == "a/b.tsv:7: boom"
    assert str(KnowledgeError("a/b.tsv", None, "boom")) == "a/b.tsv: boom"
    assert isinstance(KnowledgeError("x", 1, "y"), ValueError)
