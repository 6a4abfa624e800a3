"""Tests the registry of what travels: a new table travels with one `RowKind`, its newer
version wins, the table's own checks have the last word, and an unknown kind is left alone."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from evenside.history.migrations import migrate
from evenside.history.program_records import (
    TRAVELLING_TABLES,
    DoseRecord,
    Enrolment,
    doses,
    enrolments,
    new_enrolment_id,
    program_sessions,
    put_dose,
    put_enrolment,
    put_program_session,
)
from evenside.sync.kinds import RECORD_KINDS, BadRecord, RowKind, SessionKind
from tests.support.history_fixtures import TODAY
from tests.support.sync_machines import Machine

# A table a later branch might add: natural keys, a time that says which answer is newer.
ENROLMENTS_SQL = """
CREATE TABLE plan_choices (
    program TEXT NOT NULL,
    started_on TEXT NOT NULL,
    dose INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 5),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (program, started_on)
)
"""
ENROLMENTS = RowKind(
    name="plan_choice",
    label="plan choices",
    table="plan_choices",
    key=("program", "started_on"),
    columns=("program", "started_on", "dose", "updated_at"),
    newer=("updated_at",),
    times=("updated_at",),
    days=("started_on",),
)
WITH_ENROLMENTS = (*RECORD_KINDS, ENROLMENTS)


def _enrol(machine: Machine, dose: int, at: str, program: str = "low-back") -> None:
    with machine.store() as store:
        store.conn.execute(
            "INSERT INTO plan_choices VALUES (?, '2024-05-01', ?, ?) "
            "ON CONFLICT DO UPDATE SET dose = excluded.dose, updated_at = excluded.updated_at",
            (program, dose, at),
        )


def _enrolments(machine: Machine) -> list[tuple[object, ...]]:
    with machine.store() as store:
        rows = store.conn.execute("SELECT * FROM plan_choices ORDER BY 1")
        return [tuple(r) for r in rows]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Machine, Machine]:
    machines = Machine.make(tmp_path, "laptop"), Machine.make(tmp_path, "desk-pc")
    for machine in machines:
        with machine.store() as store:
            store.conn.execute(ENROLMENTS_SQL)
    return machines


def test_a_table_travels_with_one_row_kind_and_the_newer_answer_wins(
    pair: tuple[Machine, Machine], tmp_path: Path
) -> None:
    laptop, desk = pair
    folder = tmp_path / "Sync"
    _enrol(laptop, 2, "2024-05-01T08:00:00.000Z")
    _enrol(desk, 3, "2024-05-02T08:00:00.000Z")  # raised the dose the next day, at the desk
    _enrol(desk, 1, "2024-05-02T08:00:00.000Z", program="neck")
    laptop.sync(folder, kinds=WITH_ENROLMENTS)
    report = desk.sync(folder, kinds=WITH_ENROLMENTS)
    assert report.summary() == []  # the desk's answers are the newer ones
    report = laptop.sync(folder, kinds=WITH_ENROLMENTS)
    assert report.summary() == ["2 plan choices from desk-pc"]
    assert (
        _enrolments(laptop)
        == _enrolments(desk)
        == [
            ("low-back", "2024-05-01", 3, "2024-05-02T08:00:00.000Z"),
            ("neck", "2024-05-01", 1, "2024-05-02T08:00:00.000Z"),
        ]
    )


def test_the_tables_own_checks_refuse_a_value_and_name_it(
    pair: tuple[Machine, Machine], tmp_path: Path
) -> None:
    laptop, desk = pair
    folder = tmp_path / "Sync"
    with desk.store() as store:
        store.conn.execute("DROP TABLE plan_choices")
        store.conn.execute(ENROLMENTS_SQL.replace("BETWEEN 1 AND 5", "BETWEEN 1 AND 9"))
    _enrol(desk, 8, "2024-05-02T08:00:00.000Z")  # a dose this machine's table does not allow
    desk.sync(folder, kinds=WITH_ENROLMENTS)
    report = laptop.sync(folder, kinds=WITH_ENROLMENTS)
    assert _enrolments(laptop) == []
    assert any("plan_choice (low-back, 2024-05-01)" in p for p in report.problems)


def test_a_kind_this_machine_does_not_know_is_left_alone(
    pair: tuple[Machine, Machine], tmp_path: Path
) -> None:
    laptop, desk = pair
    folder = tmp_path / "Sync"
    _enrol(desk, 2, "2024-05-02T08:00:00.000Z")
    desk.play(day=2)
    desk.sync(folder, kinds=WITH_ENROLMENTS)
    older = (SessionKind(),)  # an evenside from before enrolments travelled
    report = laptop.sync(folder, kinds=older)
    assert report.problems == []
    assert report.summary() == ["1 session from desk-pc"]
    assert _enrolments(laptop) == []


def test_every_table_the_history_marks_as_travelling_travels_whole() -> None:
    with sqlite3.connect(":memory:") as conn:
        migrate(conn)
        kinds = {k.table: k for k in RECORD_KINDS if isinstance(k, RowKind)}
        for table, key in TRAVELLING_TABLES.items():
            assert kinds[table].key == key
        for table, kind in kinds.items():
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            # Every column travels but a local row number (a desk break's id).
            assert columns - set(kind.columns) <= {"id"} - set(kind.key), table
            assert set(kind.columns) <= columns, table


def test_a_program_travels_and_its_stop_wins(tmp_path: Path) -> None:
    laptop, desk = Machine.make(tmp_path, "laptop"), Machine.make(tmp_path, "desk-pc")
    folder = tmp_path / "Sync"
    enrolment = Enrolment(
        id=new_enrolment_id(),
        program="low-back",
        name="Low back, six weeks",
        source="bundled:low-back",
        start_day=date(2024, 5, 1),
        stop_day=None,
        created_at="2024-05-01T07:00:00.000Z",
    )
    session = laptop.play(day=2)
    with laptop.store() as store:
        put_enrolment(store.conn, enrolment)
        put_program_session(store.conn, session, enrolment.id, "psoas", 1)
        put_dose(
            store.conn,
            DoseRecord(
                "low-back", "psoas", "lunge", "left", "2024-05-08T07:00:00.000Z", 50_000, None
            ),
        )
    laptop.sync(folder)
    report = desk.sync(folder)
    assert report.problems == []
    assert report.summary() == [
        "1 dose change, 1 program enrolment, 1 program session, 1 session from laptop"
    ]
    with desk.store() as store:
        put_enrolment(store.conn, replace(enrolment, stop_day=date(2024, 5, 20)))  # at the desk
    desk.sync(folder)
    laptop.sync(folder)
    desk.sync(folder)
    assert laptop.snapshot() == desk.snapshot()
    with laptop.store() as store:
        (held,) = enrolments(store.conn)
        assert held.stop_day == date(2024, 5, 20)
        assert program_sessions(store.conn, enrolment.id) == {session: ("psoas", 1)}
        assert [d.hold_ms for d in doses(store.conn, "low-back")] == [50_000]


def test_a_session_that_knows_its_pause_outranks_the_same_one_that_does_not(
    tmp_path: Path,
) -> None:
    machine = Machine.make(tmp_path, "laptop")
    session_id = machine.play(day=3)
    kind = SessionKind()
    with machine.store() as store:
        store.conn.execute("UPDATE sessions SET paused_ms = 60000 WHERE id = ?", (session_id,))
        store.conn.commit()
        ((_, known),) = list(kind.local(store.conn))
    assert known["paused_seconds"] == 60
    unknown = {k: v for k, v in known.items() if k != "paused_seconds"}
    # What a machine before paused times sends checks, and reads back without the pause.
    key, checked = kind.check(unknown, lambda: TODAY)
    assert key == (session_id,) and "paused_seconds" not in checked
    assert kind.rank(known) > kind.rank(unknown)
    # A rating added after still makes the newer version, pause or not.
    rated = {**unknown, "ratings": [{"when": "after", "side": None, "pain": 1}]}
    assert kind.rank(rated) > kind.rank(known)


def test_a_session_with_a_bad_pause_from_another_machine_is_refused_by_name(
    tmp_path: Path,
) -> None:
    machine = Machine.make(tmp_path, "laptop")
    machine.play(day=3)
    kind = SessionKind()
    with machine.store() as store:
        ((_, data),) = list(kind.local(store.conn))
    for bad in (-1, "60", True):
        with pytest.raises(BadRecord, match="'paused_seconds' must be a number of seconds"):
            kind.check({**data, "paused_seconds": bad}, lambda: TODAY)
