"""Provides the owed-side ledger: the debts one-sided sessions leave, the sessions that pay them,
and the make-up work a payment brings (docs/balance.md, "Owed sides").

A session that did one side of an exercise (a set done) and not the other owes
the other side, until a later session does it: that session pays, and owes
nothing back. A session doing the same side again leaves the debt standing from
when it began. The paying session's work on the owed side beyond its work on
the other side is make-up work: it fills the shortfall (skipped or cut-short
intervals of the owed side) of the sessions that made the debt, up to that
shortfall, instead of counting as a prescription of its own. So paying adds no
new debt, and doing both sides just as prescribed pays without making up.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evenside.history.side_work import interval_work
from evenside.routine.model import Side

OWED_DAYS = 30
"""How far back debts are looked for (or the balance window, when longer): older ones lapse."""

_NEXT_EXERCISE_SQL = "SELECT min(exercise_id) FROM session_sides WHERE exercise_id > ?"
_OPEN = "SELECT id FROM sessions WHERE status IS NULL"
# The sessions since `:since` that did one side only of the exercise (a seek on the partial
# index), each with the first later session that did both sides, which settles what was
# owed before it. Sessions still being played are left out: they have not ended yet.
_ONE_SIDED_SQL = f"""
SELECT o.session_id, o.exercise, o.started_at, o.did_left, (
    SELECT b.session_id FROM session_sides b INDEXED BY session_sides_settled
    WHERE b.exercise_id = o.exercise_id AND b.did_left AND b.did_right
      AND b.started_at > o.started_at AND b.session_id NOT IN ({_OPEN})
    ORDER BY b.started_at, b.session_id LIMIT 1
) AS settled_by
FROM session_sides o INDEXED BY session_sides_one_sided
WHERE o.exercise_id = :exercise AND o.started_at >= :since
  AND NOT (o.did_left AND o.did_right) AND o.session_id NOT IN ({_OPEN})
ORDER BY o.started_at, o.session_id
"""
# Each listed session's credited work and prescription per side of one exercise, from
# `:cutoff` on (the balance window). The unary + keeps SQLite off the exercise and time
# indexes, so each listed session's rows are sought by the session's own index instead
# of reading every row of the exercise (or of the window).
_SESSION_WORK_SQL = f"""
SELECT session_id, side, sum(hold_planned_ms), sum(hold_credit_ms),
    sum(reps_planned), sum(reps_credit)
FROM (
    SELECT i.session_id, i.side, {interval_work("i")} FROM intervals i
    WHERE i.session_id IN (SELECT value FROM json_each(:sessions))
      AND +i.exercise_id = :exercise AND +i.side IS NOT NULL AND +i.started_at >= :cutoff
)
GROUP BY session_id, side
"""


@dataclass(frozen=True)
class OwedSide:
    """A side of an exercise that is owed."""

    exercise_id: str
    """The exercise's stable id."""
    exercise: str
    """Its name, as last recorded."""
    side: Side
    """The side that is owed."""
    since: str
    """UTC ISO-8601 start of the first session that left it owed."""

    def to_json(self) -> dict[str, str]:
        """The `owed` entry of `evenside balance --format json`."""
        return {"exercise_id": self.exercise_id, "side": str(self.side), "since": self.since}


@dataclass(frozen=True)
class Payment:
    """A debt paid: the sessions that left `side` owed, and the later session that did it."""

    side: Side
    """The side that was owed."""
    debt_sessions: tuple[str, ...]
    """The sessions that left it owed (the first, and any that did the other side again)."""
    paid_by: str
    """The session that did the owed side."""


@dataclass(frozen=True)
class ExerciseLedger:
    """One exercise's debts: the one still owed, if any, and the ones paid."""

    exercise_id: str
    """The exercise's stable id."""
    owed: OwedSide | None
    """The side owed now."""
    payments: tuple[Payment, ...]
    """Every debt paid since the ledger's start, oldest first."""


@dataclass(frozen=True)
class OneSided:
    """A session that did one side only of an exercise (a row of `_ONE_SIDED_SQL`)."""

    session_id: str
    exercise: str
    started_at: str
    side: Side
    """The side it did."""
    settled_by: str | None
    """The first later session that did both sides, if any."""


def walk(exercise_id: str, sessions: Iterable[OneSided]) -> ExerciseLedger:
    """The debts of one exercise from its one-sided sessions, oldest first (pure)."""
    owed: OwedSide | None = None
    debt_sessions: list[str] = []
    settles: str | None = None
    payments: list[Payment] = []

    def pay(by: str) -> None:
        nonlocal owed
        assert owed is not None
        payments.append(Payment(owed.side, tuple(debt_sessions), by))
        owed = None
        debt_sessions.clear()

    for one in sessions:
        if owed is not None and settles is not None and settles != one.settled_by:
            pay(settles)  # a session that did both sides came in between
        if owed is None:
            owed = OwedSide(exercise_id, one.exercise, one.side.other, one.started_at)
            debt_sessions.append(one.session_id)
            settles = one.settled_by
        elif owed.side is one.side:
            pay(one.session_id)  # this session did the owed side: paid, nothing owed back
        else:
            debt_sessions.append(one.session_id)  # the same side again: the debt stands
    if owed is not None and settles is not None:
        pay(settles)
    return ExerciseLedger(exercise_id, owed, tuple(payments))


def exercise_ids(conn: sqlite3.Connection) -> list[str]:
    """Every exercise id with a side done, by skipping along the index (no full scan)."""
    ids: list[str] = []
    last = ""
    while True:
        (found,) = conn.execute(_NEXT_EXERCISE_SQL, (last,)).fetchone()
        if found is None:
            return ids
        ids.append(found)
        last = found


def exercise_ledger(conn: sqlite3.Connection, exercise_id: str, since: str) -> ExerciseLedger:
    """The debts of one exercise from the sessions started at or after `since`."""
    rows = conn.execute(_ONE_SIDED_SQL, {"exercise": exercise_id, "since": since})
    return walk(
        exercise_id,
        (
            OneSided(session_id, exercise, started_at, Side.LEFT if did_left else Side.RIGHT, by)
            for session_id, exercise, started_at, did_left, by in rows
        ),
    )


@dataclass(frozen=True)
class MadeUp:
    """Make-up work on one side: prescription it no longer counts (docs/balance.md)."""

    hold_ms: int = 0
    """Milliseconds of holds made up."""
    reps: int = 0
    """Reps made up."""


def made_up(conn: sqlite3.Connection, ledger: ExerciseLedger, cutoff: str) -> dict[Side, MadeUp]:
    """Per side, what `ledger`'s payments made up of debts left from `cutoff` on."""
    if not ledger.payments:
        return {}
    # The paying sessions first: a payment makes up nothing unless its session did more on
    # the owed side than on the other, and most (a later session doing both sides as
    # prescribed) did not. Only the debts of the others are read (about half the sessions
    # a ten-year window would otherwise read, one seek and ten rows each).
    paid_work = _work(conn, ledger.exercise_id, {p.paid_by for p in ledger.payments}, cutoff)
    extras: list[tuple[Payment, int, int]] = []
    for payment in ledger.payments:
        side, other = str(payment.side), str(payment.side.other)
        paid = paid_work.get((payment.paid_by, side), _NO_WORK)
        against = paid_work.get((payment.paid_by, other), _NO_WORK)
        extra_ms, extra_reps = max(0, paid[1] - against[1]), max(0, paid[3] - against[3])
        if extra_ms or extra_reps:
            extras.append((payment, extra_ms, extra_reps))
    if not extras:
        return {}
    debts = {s for payment, _, _ in extras for s in payment.debt_sessions}
    debt_work = _work(conn, ledger.exercise_id, debts, cutoff)
    found: dict[Side, MadeUp] = {}
    for payment, extra_ms, extra_reps in extras:
        side = str(payment.side)
        owed_by = [debt_work.get((s, side), _NO_WORK) for s in payment.debt_sessions]
        short_ms = sum(w[0] - w[1] for w in owed_by)
        short_reps = sum(w[2] - w[3] for w in owed_by)
        before = found.get(payment.side, MadeUp())
        found[payment.side] = MadeUp(
            before.hold_ms + min(short_ms, extra_ms), before.reps + min(short_reps, extra_reps)
        )
    return found


_NO_WORK = (0, 0, 0, 0)


def _work(
    conn: sqlite3.Connection, exercise_id: str, sessions: set[str], cutoff: str
) -> dict[tuple[str, str], Sequence[int]]:
    """(session, side) -> (hold planned, hold credit, reps planned, reps credit) of one
    exercise in each of `sessions`, from `cutoff` on."""
    params = {"sessions": json.dumps(sorted(sessions)), "exercise": exercise_id, "cutoff": cutoff}
    return {(row[0], row[1]): row[2:] for row in conn.execute(_SESSION_WORK_SQL, params)}
