"""Tests the program records of migration 8: natural keys, and writing twice is one row."""

from __future__ import annotations

from datetime import date

from evenside.history.program_records import (
    TRAVELLING_TABLES,
    DoseRecord,
    Enrolment,
    doses,
    enrolments,
    put_dose,
    put_enrolment,
    running_enrolment,
)
from evenside.history.store import HistoryStore


def test_the_tables_have_the_keys_named_for_travelling(store: HistoryStore) -> None:
    for table, key in TRAVELLING_TABLES.items():
        columns = store.conn.execute(f"PRAGMA table_info({table})").fetchall()
        primary = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
        assert tuple(primary) == key, table


def test_writing_the_same_records_twice_keeps_one_of_each(store: HistoryStore) -> None:
    first = Enrolment("e1", "rehab", "Rehab", "/x/rehab.yaml", date(2024, 4, 1), None, "t")
    step = DoseRecord(
        "rehab", "stretch", "supine", "left", "2024-04-08T08:00:00.000Z", 65_000, None
    )
    for _ in range(2):
        put_enrolment(store.conn, first)
        put_dose(store.conn, step)
    assert enrolments(store.conn) == [first]
    assert doses(store.conn, "rehab") == [step]
    ended = Enrolment(
        "e1", "rehab", "Rehab", "/x/rehab.yaml", date(2024, 4, 1), date(2024, 4, 9), "t"
    )
    put_enrolment(store.conn, ended)
    assert running_enrolment(store.conn, date(2024, 4, 9)) == ended
    assert running_enrolment(store.conn, date(2024, 4, 10)) is None


def test_ending_an_enrolment_keeps_the_sessions_that_belonged_to_it(
    store: HistoryStore,
) -> None:
    from evenside.history.program_records import program_sessions, put_program_session

    start = Enrolment("e1", "rehab", "Rehab", "/x/rehab.yaml", date(2024, 4, 1), None, "t")
    put_enrolment(store.conn, start)
    store.conn.execute(
        "INSERT INTO sessions (id, routine, started_at, status) "
        "VALUES ('s1', 'Stretch', '2024-04-02T09:00:00.000Z', 'completed')"
    )
    put_program_session(store.conn, "s1", "e1", "stretch", 1)
    # `program stop` writes the same enrolment again with its last day: an update, never
    # a delete and insert (which would cascade to the program's sessions).
    put_enrolment(
        store.conn,
        Enrolment("e1", "rehab", "Rehab", "/x/rehab.yaml", date(2024, 4, 1), date(2024, 4, 9), "t"),
    )
    assert program_sessions(store.conn, "e1") == {"s1": ("stretch", 1)}
