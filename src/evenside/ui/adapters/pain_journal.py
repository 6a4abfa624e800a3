"""Provides `PainJournal`: stores a session's pain ratings with its history and reads its care note.

It writes through the session's own `HistoryRecorder` (its writer and its
session id), so ratings land on the session being played, kept and retried
like every other write when the history cannot take them.
"""

from __future__ import annotations

from evenside.history.recorder import HistoryRecorder
from evenside.history.records import RatingRecord
from evenside.pain.care import CareNote, care_after_session
from evenside.pain.rating import Rating, save_rating


class PainJournal:
    """The pain ratings of one recorded session."""

    def __init__(self, recorder: HistoryRecorder) -> None:
        self.recorder = recorder

    @property
    def session_id(self) -> str | None:
        """The history session's id (None until the session has started)."""
        return self.recorder.session_id

    def add(self, when: str, rating: Rating) -> bool:
        """Store `rating` as the pain `when` ("before" or "after"); False if it was not stored."""
        session_id = self.session_id
        if session_id is None:
            return False
        return save_rating(self.recorder, when, rating)

    def care_note(self) -> CareNote | None:
        """The gentle note when a side was rated 2 or more points worse after than before."""
        session_id = self.session_id
        if session_id is None:
            return None
        # Read on the history's writer once the ratings just given are written; None
        # when the history cannot be read now (the writer has already said why).
        return self.recorder.read(lambda store: care_after_session(store.conn, session_id))

    def ratings(self) -> list[RatingRecord]:
        """The session's ratings as stored, before and after (none when unreadable now)."""
        session_id = self.session_id
        if session_id is None:
            return []
        found = self.recorder.read(lambda store: store.ratings(session_id))
        return list(found or [])
