"""Tests that the JSON export built by SQLite is, line for line and byte for byte, what
json.dumps writes of `session_json`: values, types (12 stays 12, 12.5 stays 12.5), key order,
escapes and spacing."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evenside.history.db import open_database
from evenside.history.export import session_json, write_json
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore
from tests.history.test_export_roundtrip import PlayedSession, sessions, write


def exported_sessions(store: HistoryStore) -> tuple[int, list[str]]:
    out = StringIO()
    count = write_json(store, out)
    document = json.loads(out.getvalue())
    assert list(document) == ["format", "version", "sessions"]
    assert document["format"] == "evenside-history"
    assert document["version"] == 1
    # "\n" only: str.splitlines also splits at U+0085 and U+2028, which text may hold as is.
    lines = out.getvalue().split("\n")[1:-2]
    assert len(lines) == len(document["sessions"])
    return count, [line.removesuffix(",") for line in lines]


def reference(store: HistoryStore) -> list[str]:
    return [json.dumps(session_json(s), ensure_ascii=False) for s in store.iter_sessions()]


@settings(max_examples=60, deadline=None)
@given(st.lists(sessions, max_size=5))
def test_the_export_is_the_reference_shape(history: list[PlayedSession]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(open_database(Path(folder) / "h.sqlite3"))
        try:
            write(store, history)
            count, exported = exported_sessions(store)
            assert count == len(history)
            assert exported == reference(store)
        finally:
            store.conn.close()


def test_seconds_keep_their_type_and_digits(store: HistoryStore) -> None:
    session_id = store.begin_session("Odd lengths")
    for n, ms in enumerate((0, 1, 12, 100, 999, 1000, 12_345, 12_500, 9_999_999_999, None)):
        store.record_interval(
            session_id,
            IntervalRecord(
                "x", "Ex \"quoted\" \\ tab\t é 😀", ("left", "right", None)[n % 3], n or None,
                "hold", ms, ms, None, n, "done",
                "2024-05-01T07:00:00.000Z", "2024-05-01T07:00:01.000Z",
            ),
        )  # fmt: skip
    store.add_rating(session_id, "after", None, 3)
    store.add_rating(session_id, "before", "right", 4)
    store.add_rating(session_id, "before", "left", 5)
    count, exported = exported_sessions(store)
    assert count == 1
    assert exported == reference(store)
    intervals = json.loads(exported[0])["intervals"]
    assert [i["planned_seconds"] for i in intervals] == [
        0, 0.001, 0.012, 0.1, 0.999, 1, 12.345, 12.5, 9_999_999.999, None,
    ]  # fmt: skip
    assert [type(i["planned_seconds"]) for i in intervals[4:6]] == [float, int]


def test_an_empty_history_is_an_empty_list(store: HistoryStore) -> None:
    assert exported_sessions(store) == (0, [])
