"""A property: any history evenside exports re-imports into an empty history to the same
export, byte for byte, so a backup can always be restored.

Histories are written through the store's own API, as the recorder and the
pain prompt write them, with every session closed: a session still being
played when the export was taken is the one deliberate difference (it comes
back "interrupted", tests/history/test_importer.py shows it).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evenside.history.db import open_database
from evenside.history.export import private_output, write_json
from evenside.history.importer import import_history
from evenside.history.records import PAIN_MAX, RATING_MOMENTS, RATING_SIDES, IntervalRecord
from evenside.history.store import SESSION_STATUSES, HistoryStore
from evenside.history.timestamps import to_iso

EARLIEST = datetime(1970, 1, 1)
LATEST = datetime(2024, 12, 31, 23, 59, 59, 999_999)  # always in the past from now on

# The first moment accepted, drawn often: a range that is off by one shows at once.
moments = st.just(EARLIEST.replace(tzinfo=UTC)) | st.datetimes(
    min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC)
)
# Any text evenside can hold: every code point but the lone surrogates and NUL, which
# routine files and imports refuse (issue 17), so no history holds one.
texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
ids = texts.filter(str.strip)  # a routine's exercise ids are never blank
millis = st.none() | st.integers(0, 10**10 - 1)  # under the importer's 10,000,000 s
reps = st.none() | st.integers(0, 100_000)

intervals = st.builds(
    IntervalRecord,
    exercise_id=ids,
    exercise=texts,
    side=st.sampled_from(RATING_SIDES),
    set_number=st.none() | st.integers(1, 10_000),
    kind=st.sampled_from(("hold", "reps")),
    planned_ms=millis,
    actual_ms=millis,
    planned_reps=reps,
    done_reps=reps,
    status=st.sampled_from(("done", "skipped", "partial")),
    started_at=moments.map(to_iso),
    ended_at=moments.map(to_iso),
)
ratings = st.tuples(
    st.sampled_from(RATING_MOMENTS), st.sampled_from(RATING_SIDES), st.integers(0, PAIN_MAX)
)


@dataclass(frozen=True)
class PlayedSession:
    """One session as the store is told about it."""

    routine: str
    content_hash: str
    started: datetime
    ended: datetime
    status: str
    intervals: list[IntervalRecord]
    ratings: list[tuple[str, str | None, int]]
    paused_ms: int | None = None
    """Its time paused; None as an evenside before paused times recorded it."""


sessions = st.builds(
    PlayedSession,
    routine=texts,
    content_hash=st.text("0123456789abcdef", max_size=8),
    started=moments,
    ended=moments,
    status=st.sampled_from(SESSION_STATUSES),
    intervals=st.lists(intervals, max_size=4),
    ratings=st.lists(ratings, max_size=4),
    paused_ms=millis,
)


def write(store: HistoryStore, history: list[PlayedSession]) -> None:
    for played in history:
        session_id = store.begin_session(played.routine, played.content_hash, played.started)
        for record in played.intervals:
            store.record_interval(session_id, record)
        for moment, side, pain in played.ratings:
            store.add_rating(session_id, moment, side, pain)
        store.end_session(session_id, played.status, played.ended, played.paused_ms)


def export_to(store: HistoryStore, path: Path) -> bytes:
    with private_output(path) as out:
        write_json(store, out)
    return path.read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(sessions, max_size=5))
def test_an_export_reimports_to_the_same_export(history: list[PlayedSession]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = HistoryStore(open_database(root / "source.sqlite3"))
        restored = HistoryStore(open_database(root / "restored.sqlite3"))
        try:
            write(source, history)
            exported = export_to(source, root / "backup.json")
            result = import_history(restored, root / "backup.json")
            assert result.added_sessions == len(history)
            assert export_to(restored, root / "again.json") == exported
        finally:
            source.conn.close()
            restored.conn.close()
