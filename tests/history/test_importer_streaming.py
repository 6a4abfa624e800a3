"""Tests of the streaming import: a session at a time and in batches, yet all or nothing, with
the same result and the same messages as reading the file whole."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from evenside.history import importer, json_stream
from evenside.history.export import write_json
from evenside.history.importer import HistoryImportError, import_history
from evenside.history.store import HistoryStore


def session(n: int) -> dict[str, Any]:
    day = f"2024-05-{1 + n % 20:02d}"
    return {
        "id": str(uuid.UUID(int=n + 1, version=4)),
        "routine": f"Routine {n}",
        "started_at": f"{day}T07:{n % 60:02d}:00.000Z",
        "ended_at": f"{day}T07:{n % 60:02d}:40.000Z",
        "status": "completed",
        "ratings": [{"when": "before", "side": "left", "pain": n % 11}],
        "intervals": [
            {
                "exercise_id": "lunge",
                "exercise": "Lunge",
                "side": side,
                "set": 1,
                "kind": "hold",
                "planned_seconds": 12.5,
                "actual_seconds": 10 + n % 3,
                "planned_reps": None,
                "done_reps": None,
                "status": "done",
                "started_at": f"{day}T07:{n % 60:02d}:{s:02d}.000Z",
                "ended_at": f"{day}T07:{n % 60:02d}:{s + 10:02d}.000Z",
            }
            for s, side in ((0, "left"), (20, "right"))
        ],
    }


def export_text(sessions: list[dict[str, Any]], indent: int | None = None) -> str:
    return json.dumps(
        {"format": "evenside-history", "version": 1, "sessions": sessions}, indent=indent
    )


def exported(store: HistoryStore) -> list[Any]:
    from io import StringIO

    out = StringIO()
    write_json(store, out)
    return json.loads(out.getvalue())["sessions"]  # type: ignore[no-any-return]


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 7 bytes and batches of 2 sessions: every boundary is crossed somewhere."""
    monkeypatch.setattr(json_stream, "CHUNK", 7)
    monkeypatch.setattr(importer, "BATCH_SESSIONS", 2)


@pytest.mark.parametrize("indent", [None, 1])
def test_streamed_in_small_steps_imports_every_session(
    store: HistoryStore, tmp_path: Path, small_steps: None, indent: int | None
) -> None:
    sessions = [session(n) for n in range(7)]
    path = tmp_path / "backup.json"
    path.write_text(export_text(sessions, indent), encoding="utf-8")
    result = import_history(store, path)
    assert (result.added_sessions, result.added_intervals, result.skipped_sessions) == (7, 14, 0)
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # put back after
    assert sorted(exported(store), key=lambda s: s["id"]) == sorted(sessions, key=lambda s: s["id"])


def test_the_streamed_import_reads_no_whole_file(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(export_text([session(n) for n in range(3)]), encoding="utf-8")

    def whole(*_: object, **__: object) -> object:
        raise AssertionError("read whole")

    monkeypatch.setattr(importer, "read_history_file", whole)
    assert import_history(store, path).added_sessions == 3


def test_a_held_session_is_skipped_without_reading_its_intervals(
    store: HistoryStore, tmp_path: Path
) -> None:
    sessions = [session(n) for n in range(3)]
    path = tmp_path / "backup.json"
    path.write_text(export_text(sessions), encoding="utf-8")
    import_history(store, path)
    sessions[1]["intervals"][0]["side"] = "middle"  # a held session's intervals are not read
    sessions.append(session(3))
    path.write_text(export_text(sessions), encoding="utf-8")
    result = import_history(store, path)
    assert (result.added_sessions, result.skipped_sessions) == (1, 3)
    assert len(exported(store)) == 4


def test_a_problem_after_a_written_batch_imports_nothing(
    store: HistoryStore, tmp_path: Path, small_steps: None
) -> None:
    sessions = [session(n) for n in range(7)]
    sessions[5]["intervals"][1]["status"] = "finished"
    path = tmp_path / "backup.json"
    path.write_text(export_text(sessions), encoding="utf-8")
    with pytest.raises(HistoryImportError) as raised:
        import_history(store, path)
    assert raised.value.problems == [
        f"session 6 (id {sessions[5]['id']}), interval 2: 'status' must be one of 'done', "
        "'skipped', 'partial', not 'finished'"
    ]
    assert store.session_ids() == set()
    assert store.interval_count() == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) * 2 // 3],  # cut short
        lambda text: text.replace("}, {", "} {", 4),  # a comma missing late in the list
        lambda text: text + "x",  # something after the end
        lambda text: text.replace('"version": 1', '"version": 1, "version": 1'),  # a repeat
    ],
    ids=["cut short", "comma missing", "trailing text", "repeated key"],
)
def test_text_that_is_not_json_is_named_as_json_names_it(
    store: HistoryStore, tmp_path: Path, small_steps: None, damage: Any
) -> None:
    text = damage(export_text([session(n) for n in range(7)]))
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        expected: list[str] | None = [f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}"]
    else:
        expected = None  # valid JSON of another layout: read whole, imported as before
    if expected is None:
        assert import_history(store, path).added_sessions == 7
        return
    with pytest.raises(HistoryImportError) as raised:
        import_history(store, path)
    assert raised.value.problems == expected
    assert store.session_ids() == set()


def test_another_layout_is_read_whole_with_the_same_result(
    store: HistoryStore, tmp_path: Path
) -> None:
    sessions = [session(n) for n in range(3)]
    path = tmp_path / "backup.json"
    path.write_text(
        json.dumps({"sessions": sessions, "version": 1, "format": "evenside-history"}),
        encoding="utf-8",
    )
    assert import_history(store, path).added_sessions == 3


def test_a_number_cut_at_a_chunk_end_is_read_whole(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = export_text([session(0)])
    # Cut each chunk just inside "actual_seconds": 10, so its value is read as "1" then "0".
    at = text.index('"actual_seconds": 10') + len('"actual_seconds": 1')
    monkeypatch.setattr(json_stream, "CHUNK", at)
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="ascii")
    import_history(store, path)
    assert exported(store)[0]["intervals"][0]["actual_seconds"] == 10


@pytest.mark.parametrize(
    "spell",
    [str.upper, lambda i: "{" + i + "}", lambda i: "urn:uuid:" + i, lambda i: i.replace("-", "")],
    ids=["upper case", "braces", "urn", "no hyphens"],
)
def test_an_id_spelled_another_way_is_the_session_held(
    store: HistoryStore, tmp_path: Path, spell: Any
) -> None:
    # Ids with letters in them, so that upper case spells them another way.
    sessions = [{**session(n), "id": str(uuid.uuid5(uuid.NAMESPACE_URL, str(n)))} for n in range(4)]
    assert all(any(c in "abcdef" for c in s["id"]) for s in sessions)
    path = tmp_path / "backup.json"
    path.write_text(export_text(sessions[:3]), encoding="utf-8")
    assert import_history(store, path).added_sessions == 3
    respelled = [{**s, "id": spell(s["id"])} for s in sessions]
    path.write_text(export_text(respelled), encoding="utf-8")
    result = import_history(store, path)
    assert (result.added_sessions, result.skipped_sessions) == (1, 3)
    assert store.session_ids() == {s["id"] for s in sessions}  # kept in the one form
