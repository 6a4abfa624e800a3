"""Provides the history's writes as data: each one applies itself to a store, idempotently.

A session's recorder does not call the store directly: it hands these to a
writer (`history.writer`), which applies them in order off the event loop,
keeps and retries them when the database cannot take them, and saves what it
could not write to a pending file that the next start merges. So every write
must be safe to apply twice (a crash between applying a kept write and
forgetting it), and must round-trip through JSON. A session's paused time
travels as the whole so far (on the heartbeat at each resume, and on its end),
never an increment; a write kept by an earlier evenside, without it, still applies.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore
from evenside.history.timestamps import from_iso, to_iso


@dataclass(frozen=True)
class BeginSession:
    """A session opened (held already: nothing changes)."""

    session_id: str
    routine: str
    content_hash: str
    started_at: datetime
    pid: int

    def apply(self, store: HistoryStore) -> None:
        """Write it."""
        store.begin_session(
            self.routine, self.content_hash, self.started_at, self.pid, self.session_id
        )

    def describe(self) -> str:
        """What a person would call it."""
        return f"the start of {self.routine}"


@dataclass(frozen=True)
class PutInterval:
    """Interval `seq` of a session, as it ended (written over what was there)."""

    session_id: str
    seq: int
    record: IntervalRecord

    def apply(self, store: HistoryStore) -> None:
        """Write it."""
        store.replace_interval(self.session_id, self.seq, self.record)

    def describe(self) -> str:
        """What a person would call it: "Lunge, left, set 1 (done)"."""
        r = self.record
        parts = [r.exercise, r.side or "", f"set {r.set_number}" if r.set_number else ""]
        return ", ".join(p for p in parts if p) + f" ({r.status})"


@dataclass(frozen=True)
class Heartbeat:
    """The session's process is alive (a long pause is not an abandoned session)."""

    session_id: str
    paused_ms: int | None = None
    """The session's time paused so far, in all (None: a write kept by an earlier evenside)."""

    def apply(self, store: HistoryStore) -> None:
        """Write it."""
        store.heartbeat(self.session_id, self.paused_ms)

    def describe(self) -> str:
        """What a person would call it."""
        return "a sign of life"


@dataclass(frozen=True)
class EndSession:
    """The session ended: completed, stopped or interrupted."""

    session_id: str
    status: str
    ended_at: datetime
    paused_ms: int | None = None
    """The session's time paused, in all (None: a write kept by an earlier evenside)."""

    def apply(self, store: HistoryStore) -> None:
        """Write it."""
        store.end_session(self.session_id, self.status, self.ended_at, self.paused_ms)

    def describe(self) -> str:
        """What a person would call it."""
        return f"the session's end ({self.status})"


@dataclass(frozen=True)
class AddRating:
    """A pain rating, 0-10, for a side (None: no side) before or after the session."""

    session_id: str
    when: str
    side: str | None
    pain: int

    def apply(self, store: HistoryStore) -> None:
        """Write it."""
        store.add_rating(self.session_id, self.when, self.side, self.pain)

    def describe(self) -> str:
        """What a person would call it."""
        where = f"{self.side} side" if self.side else "overall"
        return f"pain {self.when}, {where}: {self.pain}"


Write = BeginSession | PutInterval | Heartbeat | EndSession | AddRating
"""One write to the history."""

_KINDS: dict[str, type[Write]] = {
    "begin": BeginSession,
    "interval": PutInterval,
    "heartbeat": Heartbeat,
    "end": EndSession,
    "rating": AddRating,
}
_NAMES = {kind: name for name, kind in _KINDS.items()}


def to_json(write: Write) -> str:
    """`write` as one line of JSON."""
    fields: dict[str, Any] = asdict(write)
    for key, value in fields.items():
        if isinstance(value, datetime):
            fields[key] = to_iso(value)
    return json.dumps({"write": _NAMES[type(write)], **fields}, sort_keys=True)


def from_json(line: str) -> Write:
    """The write `to_json` wrote; ValueError (or KeyError, TypeError) for anything else."""
    fields = json.loads(line)
    if not isinstance(fields, dict):
        raise ValueError("a kept write must be a JSON object")
    kind = _KINDS[fields.pop("write")]
    if kind is PutInterval:
        fields["record"] = IntervalRecord(**fields["record"])
    for key in ("started_at", "ended_at"):
        if key in fields and kind in (BeginSession, EndSession):
            fields[key] = from_iso(fields[key])
    return kind(**fields)
