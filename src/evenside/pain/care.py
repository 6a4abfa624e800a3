"""Provides care notes: a gentle word when a session left a side hurting more than before.

A session whose pain after is `WORSE_BY` points or more above its pain before,
on a side (or overall), gets a short note to ease off. When that happened in
`MARK_AFTER` of the last `LOOK_BACK` rated sessions of a routine, the routine
is marked and the note suggests talking it over with a professional. The
words are kind and short, and never say what is wrong or what will happen:
evenside is not medical advice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from evenside.history.aggregates import routine_names
from evenside.history.records import RatingRecord
from evenside.history.store import HistoryStore

WORSE_BY = 2
"""Points of pain after above before that bring a note."""
MARK_AFTER = 3
"""Worse-after sessions, among the last `LOOK_BACK` rated ones, that mark a routine."""
LOOK_BACK = 5

# A routine's latest sessions rated before and after on the same side, newest first, with
# each one's largest rise in pain: read backwards along the index on (routine, started_at),
# so it stops after the last few rated sessions instead of reading twenty years.
_RECENT_SQL = """
SELECT rise FROM (
    SELECT s.started_at, (
        SELECT max(a.pain - b.pain) FROM ratings b
        JOIN ratings a ON a.session_id = b.session_id AND a.moment = 'after' AND a.side = b.side
        WHERE b.session_id = s.id AND b.moment = 'before'
    ) AS rise
    FROM sessions s WHERE s.routine = :routine
    ORDER BY s.started_at DESC
)
WHERE rise IS NOT NULL LIMIT :look_back
"""

SIDE_WORDS = {"left": "Your left side", "right": "Your right side", None: "Your pain"}


@dataclass(frozen=True)
class CareNote:
    """A short, kind note after a session that left a side hurting more."""

    sides: tuple[str | None, ...]
    """The sides that got worse: 'left', 'right', or None for an overall rating."""
    text: str
    """What to show."""


@dataclass(frozen=True)
class RoutineCare:
    """How a routine has been leaving you lately."""

    routine: str
    """The routine's name."""
    worse: int
    """Of its last rated sessions, how many left a side 2 or more points worse."""
    rated: int
    """How many rated sessions that looks at (at most `LOOK_BACK`)."""

    @property
    def marked(self) -> bool:
        """True when it keeps leaving you sorer: the library marks it."""
        return self.worse >= MARK_AFTER

    @property
    def text(self) -> str:
        """The note for a marked routine ('' when it is not marked)."""
        if not self.marked:
            return ""
        return (
            f"{self.routine} left you sorer after {self.worse} of your last {self.rated} "
            "sessions. It may be worth talking it over with a physiotherapist or doctor "
            "before carrying on."
        )


def worse_sides(ratings: Iterable[RatingRecord]) -> tuple[str | None, ...]:
    """The sides rated `WORSE_BY` or more points higher after than before (left first)."""
    before: dict[str | None, int] = {}
    after: dict[str | None, int] = {}
    for rating in ratings:
        (before if rating.moment == "before" else after)[rating.side] = rating.pain
    order = {"left": 0, "right": 1, None: 2}
    worse = [s for s in before if s in after and after[s] - before[s] >= WORSE_BY]
    return tuple(sorted(worse, key=lambda s: order.get(s, 3)))


def _ease_off(sides: tuple[str | None, ...], ratings: Iterable[RatingRecord]) -> str:
    values = {(r.moment, r.side): r.pain for r in ratings}
    who = "Both sides" if sides == ("left", "right") else SIDE_WORDS.get(sides[0], "Your pain")
    rises = ", ".join(
        f"{values[('before', s)]} → {values[('after', s)]}"
        + (f" {s}" if len(sides) > 1 and s else "")
        for s in sides
    )
    verb = "feel" if who == "Both sides" else "feels"
    return (
        f"{who} {verb} sorer than before ({rises}). Go gently: ease off next time, "
        "with less depth or shorter holds."
    )


def session_care_note(
    ratings: Iterable[RatingRecord], routine_care: RoutineCare | None = None
) -> CareNote | None:
    """The note for a session with these ratings, or None when no side got 2 points worse.

    With `routine_care` marked, the note adds the routine's suggestion to see someone.
    """
    ratings = tuple(ratings)
    sides = worse_sides(ratings)
    if not sides:
        return None
    text = _ease_off(sides, ratings)
    if routine_care is not None and routine_care.marked:
        text += " " + routine_care.text
    return CareNote(sides=sides, text=text)


def routine_care(conn: sqlite3.Connection, routine: str) -> RoutineCare:
    """How `routine`'s last rated sessions went (none rated: nothing to say)."""
    found = _query(conn, routine)
    return found.get(routine, RoutineCare(routine, worse=0, rated=0))


def marked_routines(conn: sqlite3.Connection) -> dict[str, RoutineCare]:
    """Every routine that keeps leaving you sorer, by name (for the library's mark)."""
    return {name: care for name, care in _query(conn, None).items() if care.marked}


def care_after_session(conn: sqlite3.Connection, session_id: str) -> CareNote | None:
    """The note for one stored session (its ratings, and its routine's recent sessions)."""
    row = conn.execute("SELECT routine FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    ratings = HistoryStore(conn).ratings(session_id)
    return session_care_note(ratings, routine_care(conn, row[0]))


def _query(conn: sqlite3.Connection, routine: str | None) -> dict[str, RoutineCare]:
    names = [routine] if routine is not None else routine_names(conn)
    found: dict[str, RoutineCare] = {}
    for name in names:
        params = {"routine": name, "look_back": LOOK_BACK}
        rises = [row[0] for row in conn.execute(_RECENT_SQL, params)]
        if rises:
            worse = sum(1 for rise in rises if rise >= WORSE_BY)
            found[name] = RoutineCare(name, worse=worse, rated=len(rises))
    return found
