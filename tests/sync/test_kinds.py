"""Tests the registry of what travels: a new table travels with one `RowKind`, its newer
version wins, the table's own checks have the last word, and an unknown kind is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from evenside.sync.kinds import RECORD_KINDS, RowKind, SessionKind
from tests.support.sync_machines import Machine

# What another branch's table looks like: natural keys, a time that says which answer is newer.
ENROLMENTS_SQL = """
CREATE TABLE program_enrolments (
    program TEXT NOT NULL,
    started_on TEXT NOT NULL,
    dose INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 5),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (program, started_on)
)
"""
ENROLMENTS = RowKind(
    name="enrolment",
    label="program enrolments",
    table="program_enrolments",
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
            "INSERT INTO program_enrolments VALUES (?, '2024-05-01', ?, ?) "
            "ON CONFLICT DO UPDATE SET dose = excluded.dose, updated_at = excluded.updated_at",
            (program, dose, at),
        )


def _enrolments(machine: Machine) -> list[tuple[object, ...]]:
    with machine.store() as store:
        rows = store.conn.execute("SELECT * FROM program_enrolments ORDER BY 1")
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
    assert report.summary() == ["2 program enrolments from desk-pc"]
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
        store.conn.execute("DROP TABLE program_enrolments")
        store.conn.execute(ENROLMENTS_SQL.replace("BETWEEN 1 AND 5", "BETWEEN 1 AND 9"))
    _enrol(desk, 8, "2024-05-02T08:00:00.000Z")  # a dose this machine's table does not allow
    desk.sync(folder, kinds=WITH_ENROLMENTS)
    report = laptop.sync(folder, kinds=WITH_ENROLMENTS)
    assert _enrolments(laptop) == []
    assert any("enrolment (low-back, 2024-05-01)" in p for p in report.problems)


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
