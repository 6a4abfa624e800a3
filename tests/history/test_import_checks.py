"""Tests the import checks: a NUL in any text is refused on the command line, nothing imported;
the fast path for intervals as exported takes nothing the checks that name problems refuse."""

from __future__ import annotations

import json
import math
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evenside.history import importer
from evenside.history.import_checks import ImportChecker, fast_intervals, latest_time
from evenside.history.records import IntervalRecord
from evenside.history.timestamps import normalise_iso, to_iso
from tests.history.test_importer_hardening import SESSION_ID, document, interval
from tests.support.evenside_process import run_evenside

WHERE = f"session 1 (id {SESSION_ID})"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "key"),
    [("interval 2", "exercise"), ("interval 2", "exercise_id"), ("", "routine")],
)
def test_a_nul_in_imported_text_is_refused(tmp_path: Path, where: str, key: str) -> None:
    doc = document()
    session = doc["sessions"][0]
    (session["intervals"][1] if where else session)[key] = "Lunge\x00hidden"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = run_evenside("history", "import", path)
    assert done.returncode == 1
    at = f"{WHERE}, {where}" if where else WHERE
    assert done.stderr.splitlines() == [
        f"error: {at}: '{key}' must not hold a NUL character, not 'Lunge\\x00hidden'",
        f"{path}: nothing imported",
    ]
    exported = json.loads(run_evenside("history", "--format", "json", check=True).stdout)
    assert exported["sessions"] == []


# -- the fast path takes only what the named checks take, and the same -------------------

NOW = datetime(2024, 5, 22, 18, 0, tzinfo=UTC)
LATEST = latest_time(NOW)
VALID = interval(0)
TIMES = [
    "2024-05-01T07:30:00.000Z",
    "2024-02-29T07:30:00.000Z",  # a leap day
    "2023-02-29T07:30:00.000Z",
    "2024-04-31T07:30:00.000Z",
    "2024-04-30T23:59:59.999Z",
    "2024-12-31T00:00:00.000Z",
    "2024-05-01T24:00:00.000Z",
    "2024-05-01T07:60:00.000Z",
    "2024-13-01T07:30:00.000Z",
    "1969-12-31T23:59:59.999Z",
    "1970-01-01T00:00:00.000Z",
    LATEST,
    to_iso(NOW + timedelta(days=1, milliseconds=1)),
    "2024-05-01T07:30:00Z",
    "2024-05-01T09:30:00.000+02:00",
    "2024-05-01T07:30:00.000Z\n2024-05-01T07:31:00.000Z",
    "2024-05-01T07:30:00.000Z\n",
    "２024-05-01T07:30:00.000Z",  # a full-width digit
    "",
    5,
    None,
]
SECONDS: list[Any] = [None, 0, -0.0, 0.0005, 0.0015, 12.5, 30, -1, 9_999_999, 10_000_000]
SECONDS += [math.nextafter(1e7, 0), 1e7, math.nan, math.inf, -math.inf, True, "30"]
WHOLE = [None, 0, 1, 12, 10_000, 10_001, 100_000, 100_001, -1, True, False, 1.0, "1"]
TEXTS = ["lunge", "Lunge", "", " ", "é", "a\x00b", "\ud800", 5, None, ["lunge"]]
VALUES: dict[str, list[Any]] = {
    "exercise_id": TEXTS,
    "exercise": TEXTS,
    "side": ["left", "right", None, "middle", 1, True, ["left"]],
    "set": WHOLE,
    "kind": ["hold", "reps", "Hold", None],
    "planned_seconds": SECONDS,
    "actual_seconds": SECONDS,
    "planned_reps": WHOLE,
    "done_reps": WHOLE,
    "status": ["done", "skipped", "partial", "finished", None],
    "started_at": TIMES,
    "ended_at": TIMES,
}


@st.composite
def intervals(draw: st.DrawFn) -> object:
    """An interval as exported, a few of its values (or keys) changed, or something else."""
    if draw(st.integers(0, 30)) == 0:
        return draw(st.sampled_from([None, [], "interval", 3]))
    raw = dict(VALID)
    for key in draw(st.lists(st.sampled_from(list(VALUES)), max_size=3)):
        raw[key] = draw(st.sampled_from(VALUES[key]))
    if draw(st.integers(0, 20)) == 0:
        del raw[draw(st.sampled_from(list(VALUES)))]
    if draw(st.integers(0, 20)) == 0:
        raw["note"] = "kept aside"
    return raw


def checked_one_by_one(raws: list[object]) -> list[IntervalRecord] | None:
    """What the checks that name each problem make of `raws` (None: refused)."""
    document = {"format": "evenside-history", "version": 1, "sessions": [document_session(raws)]}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importer, "fast_intervals", lambda *_: None)
        try:
            (session,) = importer.parse_history(document, NOW)
        except importer.HistoryImportError:
            return None
    return list(session.intervals)


def document_session(raws: list[object]) -> dict[str, Any]:
    return {**document()["sessions"][0], "intervals": raws}


@settings(max_examples=400, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=4))
def test_the_fast_path_takes_only_what_the_checks_take_and_the_same(raws: list[object]) -> None:
    columns = fast_intervals(raws, LATEST)
    if columns is None:
        return  # the named checks judge it, as before
    expected = checked_one_by_one(raws)
    assert expected is not None, "the fast path took what the checks refuse"
    rows = list(zip(*columns, strict=True))
    assert [IntervalRecord(*row) for row in rows] == expected
    # Same types too (SQLite stores 30 and 30.0 differently).
    assert [tuple(map(type, row)) for row in rows] == [
        tuple(type(getattr(r, f.name)) for f in fields(IntervalRecord)) for r in expected
    ]


@pytest.mark.parametrize(
    "change",
    [{}, {"side": None, "set": None}, {"kind": "reps", "planned_reps": 12, "done_reps": 0}]
    + [{"planned_seconds": 0.0015, "actual_seconds": None, "status": "partial"}]
    + [{"started_at": time} for time in ("1970-01-01T00:00:00.000Z", LATEST)],
)
def test_the_fast_path_takes_intervals_as_exported(change: dict[str, Any]) -> None:
    raws: list[object] = [{**VALID, **change}, interval(1)]
    columns = fast_intervals(raws, LATEST)
    assert columns is not None
    assert [IntervalRecord(*row) for row in zip(*columns, strict=True)] == checked_one_by_one(raws)


def test_each_odd_value_beside_good_ones_is_judged_as_the_checks_judge_it() -> None:
    for key, values in VALUES.items():
        for value in values:
            raws: list[object] = [interval(1), {**VALID, key: value}, interval(2)]
            columns = fast_intervals(raws, LATEST)
            if columns is not None:
                taken = [IntervalRecord(*row) for row in zip(*columns, strict=True)]
                assert taken == checked_one_by_one(raws), (key, value)


@pytest.mark.parametrize("key", ["planned_seconds", "actual_seconds"])
def test_a_nan_among_other_seconds_is_left_to_the_checks(key: str) -> None:
    # NaN compares false to everything, so min and max alone would pass over it.
    raws: list[object] = [{**VALID, key: seconds} for seconds in range(12)]
    raws.insert(5, {**VALID, key: math.nan})
    assert fast_intervals(raws, LATEST) is None
    assert checked_one_by_one(raws) is None


@pytest.mark.parametrize("value", TIMES)
def test_a_time_already_stored_is_taken_as_normalising_would_take_it(value: Any) -> None:
    check = ImportChecker(LATEST)
    taken = check.time("here", {"at": value}, "at")
    try:
        stored: str | None = normalise_iso(value)
    except (TypeError, ValueError):
        stored = None
    if stored is not None and not "1970-01-01T00:00:00.000Z" <= stored <= LATEST:
        stored = None
    assert taken == stored
    assert bool(check.problems) == (stored is None)
