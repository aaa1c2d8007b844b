"""The JSON Schema of an output event accepts what marsad.model emits and rejects contract breaks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

pytest.importorskip("jsonschema")

from marsad.model import Actor, Event, make_event_id  # noqa: E402
from marsad.schema import event_schema, validate_event  # noqa: E402


def _event(**overrides: Any) -> dict[str, Any]:
    ev = Event(
        doc_id="dev-00",
        event_id=make_event_id("dev-00", "ISR", "AZE", "042"),
        source=Actor(text="إسحاق هرتسوج", code="ISRGOV", country="ISR", name="Isaac Herzog"),
        target=Actor(text="أذربيجان", code="AZE", country="AZE"),
        cameo="042",
        quad_class=1,
        goldstein=1.9,
        plover="CONSULT",
        status="occurred",
        date="2023-05-30",
        date_basis="published",
        sentence="يُجري إسحاق هرتسوج زيارته الأولى إلى دولة أذربيجان",
        sentence_span=(10, 60),
        trigger="زيارته",
        attribution="يسرائيل هيوم",
        trigger_span=(30, 36),
        pattern_id="visit.1",
    )
    d = ev.to_dict()
    d.update(overrides)
    return d


def test_schema_is_draft_2020_12() -> None:
    schema = event_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    schema["title"] = "changed"
    assert event_schema()["title"] != "changed"  # callers get a copy


def test_model_event_is_valid() -> None:
    assert validate_event(_event()) == []


def test_igo_actor_and_extra_fields_are_valid() -> None:
    d = _event(target=Actor(text="مجلس الأمن", code="UNO", igo="UN").to_dict(), anything_else=[1, 2])
    assert validate_event(d) == []


@pytest.mark.parametrize("date", [None, "2023", "2023-05", "2023-05-30", "2018/2020"])
def test_date_forms(date: str | None) -> None:
    assert validate_event(_event(date=date)) == []


@pytest.mark.parametrize("date", ["2023-13", "30-05-2023", "2023/05/30", "2023-5-1", ""])
def test_bad_dates(date: str) -> None:
    assert validate_event(_event(date=date))


REQUIRED = [
    "doc_id", "event_id", "source", "target", "cameo", "quad_class", "goldstein", "plover",
    "status", "date", "date_basis", "sentence", "sentence_span", "trigger", "attribution",
]


@pytest.mark.parametrize("field", REQUIRED)
def test_missing_field_fails(field: str) -> None:
    d = _event()
    del d[field]
    errors = validate_event(d)
    assert any(field in e for e in errors), errors


def test_renamed_field_fails() -> None:
    d = _event()
    d["cameo_code"] = d.pop("cameo")
    assert validate_event(d)


@pytest.mark.parametrize("field", ["text", "code", "country", "igo", "name"])
def test_actor_fields_required(field: str) -> None:
    d = _event()
    actor = copy.deepcopy(d["source"])
    del actor[field]
    errors = validate_event(_event(source=actor))
    assert any(e.startswith("source") for e in errors), errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cameo", "4"),
        ("cameo", "04a"),
        ("cameo", 42),
        ("quad_class", 5),
        ("quad_class", "1"),
        ("goldstein", 11.0),
        ("status", "happened"),
        ("date_basis", "guess"),
        ("plover", "FIGHT"),
        ("sentence_span", [1]),
        ("attribution", 3),
    ],
)
def test_bad_values_fail(field: str, value: Any) -> None:
    assert validate_event(_event(**{field: value}))


def test_bad_igo_fails() -> None:
    assert validate_event(_event(target=Actor(text="x", code="X", igo="FIFA").to_dict()))
