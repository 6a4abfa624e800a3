"""Tests that every malformed value in an import is named, and that no time the store could not
write back in order gets in: one canonical UTC form, from 1970 to a day from now.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from evenside.history.importer import (
    HistoryImportError,
    import_history,
    parse_history,
    read_history_file,
)
from evenside.history.store import HistoryStore

NOW = datetime(2024, 5, 22, 18, 0, tzinfo=UTC)
SESSION_ID = "6f1c0e52-4a8e-4c1e-9a59-1f4f8a0b7c11"
WHERE = f"session 1 (id {SESSION_ID})"


def interval(n: int) -> dict[str, Any]:
    return {
        "exercise_id": "lunge",
        "exercise": "Lunge",
        "side": ("left", "right")[n % 2],
        "set": 1,
        "kind": "hold",
        "planned_seconds": 30,
        "actual_seconds": 30,
        "planned_reps": None,
        "done_reps": None,
        "status": "done",
        "started_at": f"2024-05-01T07:3{n}:00.000Z",
        "ended_at": f"2024-05-01T07:3{n}:30.000Z",
    }


def document() -> dict[str, Any]:
    return {
        "format": "evenside-history",
        "version": 1,
        "sessions": [
            {
                "id": SESSION_ID,
                "routine": "Psoas release",
                "started_at": "2024-05-01T07:30:00.000Z",
                "ended_at": "2024-05-01T07:35:00.000Z",
                "status": "completed",
                "ratings": [{"when": "before", "side": "left", "pain": 3}],
                "intervals": [interval(0), interval(1), interval(2)],
            }
        ],
    }


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "history.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HistoryImportError) as caught:
        read_history_file(path, now=NOW)
    return caught.value.problems


# Values JSON can spell but Python cannot hold, or SQLite cannot store --------------------


def test_a_5001_digit_number_is_named_not_converted(tmp_path: Path) -> None:
    doc = document()
    doc["sessions"][0]["intervals"][1]["planned_seconds"] = "BIG"
    text = json.dumps(doc).replace('"BIG"', "9" * 5001)
    assert problems_of(text, tmp_path) == [
        f"{WHERE}, interval 2: 'planned_seconds' must be a number of seconds (0 or more), "
        "not a 5001-digit number"
    ]


@pytest.mark.parametrize("digits", ["-" + "1" * 5001, "1" * 4301])
def test_long_numbers_anywhere_are_named(tmp_path: Path, digits: str) -> None:
    doc = document()
    doc["sessions"][0]["ratings"][0]["pain"] = "BIG"
    doc["sessions"][0]["intervals"][0]["set"] = "BIG"
    text = json.dumps(doc).replace('"BIG"', digits)
    count = len(digits.lstrip("-"))
    assert problems_of(text, tmp_path) == [
        f"{WHERE}, rating 1: 'pain' must be a whole number from 0 to 10, "
        f"not a {count}-digit number",
        f"{WHERE}, interval 1: 'set' must be a whole number from 1 to 10000, "
        f"not a {count}-digit number",
    ]


def test_a_long_version_number_is_named(tmp_path: Path) -> None:
    text = json.dumps(document()).replace('"version": 1', '"version": ' + "1" * 5001)
    assert problems_of(text, tmp_path) == [
        "the file: 'version' a 5001-digit number is not supported (only 1)"
    ]


@pytest.mark.parametrize(
    ("where", "key"),
    [("interval 3", "exercise"), ("interval 3", "exercise_id"), ("", "routine")],
)
def test_a_lone_surrogate_is_named_before_sqlite_meets_it(
    tmp_path: Path, where: str, key: str
) -> None:
    doc = document()
    session = doc["sessions"][0]
    (session["intervals"][2] if where else session)[key] = "SURROGATE"
    text = json.dumps(doc).replace("SURROGATE", "Lunge \\udc80")
    at = f"{WHERE}, {where}" if where else WHERE
    assert problems_of(text, tmp_path) == [
        f"{at}: '{key}' must be text without lone surrogates, not 'Lunge \\udc80'"
    ]


def test_a_lone_surrogate_changes_nothing_in_the_store(store: HistoryStore, tmp_path: Path) -> None:
    held = store.begin_session("Held", started_at=NOW - timedelta(days=1))
    doc = document()
    doc["sessions"][0]["intervals"][2]["exercise"] = "SURROGATE"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc).replace("SURROGATE", "\\ud800"))
    with pytest.raises(HistoryImportError, match="interval 3: 'exercise' must be text"):
        import_history(store, path)
    assert store.session_ids() == {held}
    assert store.interval_count() == 0


# Times ----------------------------------------------------------------------------------

BEFORE_1970 = "must be from 1970 on"
FUTURE = "must not be more than a day in the future"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0001-01-01T00:00:00+14:00", BEFORE_1970),  # UTC would be year 0
        ("9999-12-31T23:59:59-14:00", FUTURE),  # UTC would be year 10000
        ("0001-01-01T00:00:00.000Z", BEFORE_1970),
        ("0999-05-01T07:30:00.000Z", BEFORE_1970),  # the stored form, 4-digit year
        ("0999-05-01T09:30:00+02:00", BEFORE_1970),
        ("1969-12-31T23:59:59.999Z", BEFORE_1970),
        ("1970-01-01T00:59:59+01:00", BEFORE_1970),
        ("2024-05-23T18:00:00.001Z", FUTURE),
        ("2024-05-23T20:00:00.001+02:00", FUTURE),
        ("9999-12-31T23:59:59.999Z", FUTURE),
    ],
)
@pytest.mark.parametrize("key", ["started_at", "ended_at"])
def test_a_time_out_of_range_is_named(tmp_path: Path, value: str, problem: str, key: str) -> None:
    doc = document()
    doc["sessions"][0]["intervals"][1][key] = value
    assert problems_of(json.dumps(doc), tmp_path) == [
        f"{WHERE}, interval 2: '{key}' {problem}, not {value!r}"
    ]


@pytest.mark.parametrize("value", ["0999-05-01T07:30:00Z", "2099-05-01T07:30:00Z"])
def test_a_session_time_out_of_range_is_named(tmp_path: Path, value: str) -> None:
    doc = document()
    doc["sessions"][0]["ended_at"] = value
    (problem,) = problems_of(json.dumps(doc), tmp_path)
    assert problem.startswith(f"{WHERE}: 'ended_at' must ")
    assert problem.endswith(f", not {value!r}")


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z"),
        ("1970-01-01T01:00:00+01:00", "1970-01-01T00:00:00.000Z"),
        ("1969-12-31T23:00:00-01:00", "1970-01-01T00:00:00.000Z"),
        ("2024-05-23T18:00:00.000Z", "2024-05-23T18:00:00.000Z"),  # a day ahead of NOW
        ("2024-05-23T20:00:00+02:00", "2024-05-23T18:00:00.000Z"),
        ("2024-05-01T09:30:00.123456+02:00", "2024-05-01T07:30:00.123Z"),
    ],
)
def test_times_in_range_are_stored_in_the_one_utc_form(value: str, stored: str) -> None:
    doc = document()
    doc["sessions"][0]["intervals"][1]["started_at"] = value
    (session,) = parse_history(doc, now=NOW)
    assert session.intervals[1].started_at == stored


def test_the_future_is_judged_by_the_stores_clock(store: HistoryStore, tmp_path: Path) -> None:
    """The fixture's store believes it is 2024-05-22 18:00 UTC, whatever today is."""
    doc = document()
    doc["sessions"][0]["ended_at"] = "2024-05-23T18:00:00.001Z"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(HistoryImportError, match=FUTURE):
        import_history(store, path)
    doc["sessions"][0]["ended_at"] = "2024-05-23T18:00:00.000Z"
    path.write_text(json.dumps(doc))
    assert import_history(store, path).added_sessions == 1


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_numbers_that_are_not_finite_are_named(tmp_path: Path, constant: str) -> None:
    doc = document()
    doc["sessions"][0]["intervals"][0]["actual_seconds"] = "NUMBER"
    text = json.dumps(doc).replace('"NUMBER"', constant)
    (problem,) = problems_of(text, tmp_path)
    assert problem.startswith(f"{WHERE}, interval 1: 'actual_seconds' must be a number of seconds")
