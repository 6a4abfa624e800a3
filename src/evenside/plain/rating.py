"""Provides the pain ratings of `evenside play --plain --rate`: asked at the prompt, never required.

Lines are read straight from the file descriptor, a byte at a time, so
nothing is read ahead: the plain player reads the same stdin afterwards for
the end of untimed sets.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from evenside.engine.events import SessionEvent
from evenside.history.recorder import HistoryRecorder
from evenside.pain.care import care_after_session
from evenside.pain.rating import PainSide, Rating, Ratings, rated_sides, save_rating
from evenside.playback.assembly import PlayedSession


def read_line(fd: int) -> str | None:
    """One line from `fd` without reading past it; None at end of input."""
    data = bytearray()
    while True:
        byte = os.read(fd, 1)
        if not byte:
            return data.decode(errors="replace") if data else None
        if byte == b"\n":
            return data.decode(errors="replace")
        data += byte


def ask_ratings(
    when: str, sides: list[PainSide], out: TextIO, read: Callable[[], str | None]
) -> Ratings:
    """Ask for pain `when` ("before"/"after") on each side; Enter skips a side."""
    ratings: Ratings = {}
    for side in sides:
        where = f"{side} side" if side is not None else "overall"
        while True:
            out.write(f"Pain {when}, {where} (0-10, Enter to skip): ")
            out.flush()
            answer = read()
            if answer is None:
                out.write("\n")
                return ratings
            answer = answer.strip()
            if not answer:
                break
            if answer.isdigit() and 0 <= int(answer) <= 10:
                ratings[side] = int(answer)
                break
            out.write(f"  '{answer}' is not a number from 0 to 10\n")
    return ratings


def store_ratings(recorder: HistoryRecorder, when: str, ratings: Ratings) -> None:
    """Write `ratings` to the recorder's session (a failing history loses the rating only)."""
    if recorder.session_id is None:
        return
    for side, pain in ratings.items():
        if not save_rating(recorder, when, Rating(side, pain)):
            return


def attach_before_ratings(played: PlayedSession, ratings: Ratings) -> None:
    """Store the before-ratings as soon as the session has its history id (its first event)."""
    recorder = played.recorder
    if recorder is None or not ratings:
        return
    pending = dict(ratings)

    def on_event(event: SessionEvent) -> None:
        if pending:
            store_ratings(recorder, "before", pending)
            pending.clear()

    played.attach(on_event)


def after_session(played: PlayedSession, out: TextIO, read: Callable[[], str | None]) -> None:
    """Ask for the after-ratings, store them, and pass on a gentle care note if one is due."""
    recorder = played.recorder
    ratings = ask_ratings("after", rated_sides(played.session.timeline), out, read)
    if recorder is None or recorder.session_id is None:
        return
    store_ratings(recorder, "after", ratings)
    session_id = recorder.session_id
    note = recorder.read(lambda store: care_after_session(store.conn, session_id))
    if note is not None:
        out.write(f"{note.text}\n")
        out.flush()
