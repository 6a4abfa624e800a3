"""Provides care notes: a gentle word when a session left a side hurting more than before.

A session whose pain after is `WORSE_BY` points or more above its pain before,
on a side (or overall), gets a short note, and the note scales with the rise
(`CareLevel`): ease off next time for a rise of 2 or 3; rest it today and do
less for a rise of `MUCH_WORSE_BY` or more; stop for today and see someone if
it stays that sore when the rise is `SHARPLY_WORSE_BY` or more or the pain
after reaches `SEVERE_PAIN`. When a rise of 2 or more happened in
`MARK_AFTER` of the last `LOOK_BACK` rated sessions of a routine, the routine
is marked and the note suggests talking it over with a professional. The
words are kind and short, and never say what is wrong or what will happen:
evenside is not medical advice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from evenside.history.aggregates import routine_names
from evenside.history.records import RatingRecord
from evenside.history.store import HistoryStore

WORSE_BY = 2
"""Points of pain after above before that bring a note."""
MUCH_WORSE_BY = 4
"""A rise of this many points or more: rest it today, do less next time."""
SHARPLY_WORSE_BY = 6
"""A rise of this many points or more: stop for today, see someone if it stays."""
SEVERE_PAIN = 8
"""Pain after at this or above, after any rise that brings a note, counts as a sharp rise."""
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


class CareLevel(IntEnum):
    """How firm a care note is, from the largest rise in pain of the session."""

    GENTLE = 1
    """A rise of 2 or 3: ease off next time."""
    REST = 2
    """A rise of `MUCH_WORSE_BY` or more: rest it today, do less next time."""
    STOP = 3
    """A rise of `SHARPLY_WORSE_BY` or more, or pain after of `SEVERE_PAIN` or more."""


def care_level(before: int, after: int) -> CareLevel | None:
    """How firm a note a side rated `before` then `after` calls for (None: no note)."""
    rise = after - before
    if rise < WORSE_BY:
        return None
    if rise >= SHARPLY_WORSE_BY or after >= SEVERE_PAIN:
        return CareLevel.STOP
    if rise >= MUCH_WORSE_BY:
        return CareLevel.REST
    return CareLevel.GENTLE


# Each level's advice, after "<who> feel(s) <how> than before (3 → 5)."
_LEVEL_WORDS = {
    CareLevel.GENTLE: ("sorer", "Go gently: ease off next time, with less depth or shorter holds."),
    CareLevel.REST: (
        "a lot sorer",
        "Rest it for today, and next time do less: fewer sets, less depth, shorter holds.",
    ),
    CareLevel.STOP: (
        "much sorer",
        "Stop for today and let it settle. If it stays this sore, talk it over with a "
        "physiotherapist or doctor before doing this routine again.",
    ),
}


@dataclass(frozen=True)
class CareNote:
    """A short, kind note after a session that left a side hurting more."""

    sides: tuple[str | None, ...]
    """The sides that got worse: 'left', 'right', or None for an overall rating."""
    text: str
    """What to show."""
    level: CareLevel = CareLevel.GENTLE
    """How firm it is: the level of the side that got most worse."""


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
    def record(self) -> str:
        """How often it left you sorer, in one sentence ('' when it is not marked)."""
        if not self.marked:
            return ""
        return (
            f"{self.routine} left you sorer after {self.worse} of your last {self.rated} sessions."
        )

    @property
    def text(self) -> str:
        """The note for a marked routine ('' when it is not marked)."""
        if not self.marked:
            return ""
        return (
            f"{self.record} It may be worth talking it over with a physiotherapist or doctor "
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


def _ease_off(
    sides: tuple[str | None, ...], ratings: Iterable[RatingRecord]
) -> tuple[CareLevel, str]:
    values = {(r.moment, r.side): r.pain for r in ratings}
    who = "Both sides" if sides == ("left", "right") else SIDE_WORDS.get(sides[0], "Your pain")
    rises = ", ".join(
        f"{values[('before', s)]} → {values[('after', s)]}"
        + (f" {s}" if len(sides) > 1 and s else "")
        for s in sides
    )
    levels = [care_level(values[("before", s)], values[("after", s)]) for s in sides]
    level = max((lv for lv in levels if lv is not None), default=CareLevel.GENTLE)
    how, advice = _LEVEL_WORDS[level]
    verb = "feel" if who == "Both sides" else "feels"
    return level, f"{who} {verb} {how} than before ({rises}). {advice}"


def session_care_note(
    ratings: Iterable[RatingRecord], routine_care: RoutineCare | None = None
) -> CareNote | None:
    """The note for a session with these ratings, or None when no side got 2 points worse.

    The note is as firm as the largest rise calls for (`CareLevel`). With
    `routine_care` marked, it adds how often the routine left you sorer, and the
    suggestion to see someone unless the note already makes it.
    """
    ratings = tuple(ratings)
    sides = worse_sides(ratings)
    if not sides:
        return None
    level, text = _ease_off(sides, ratings)
    if routine_care is not None and routine_care.marked:
        text += " " + (routine_care.record if level is CareLevel.STOP else routine_care.text)
    return CareNote(sides=sides, text=text, level=level)


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
