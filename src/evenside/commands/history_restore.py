"""Provides `evenside history restore [COPY]`: a daily copy put back in the history's place,
then everything the damaged file and the sync folder still hold merged back into it.

What is merged back goes through the sync's record kinds (`sync.kinds`): each
record is checked by the importer's rules and the newer of two versions wins,
so nothing is invented, nothing doubled, and a second restore changes nothing.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from evenside.history.backups import Backup
    from evenside.history.records import SessionRecord
    from evenside.history.restore import Salvage


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def list_copies() -> None:
    """Print each copy: its day, size, session count (or that it is damaged)."""
    from evenside.history.backups import backups_folder, file_problem, list_backups, session_count
    from evenside.locations import history_path

    history = history_path()
    copies = list_backups(history)
    if not copies:
        click.echo(f"no backup copies yet in {backups_folder(history)}")
        return
    for copy in copies:
        problem = file_problem(copy.path, full=False)
        count = session_count(copy.path) if problem is None else None
        what = f"{count} sessions" if count is not None else f"damaged ({problem})"
        click.echo(f"{copy.day}  {_size(copy.size):>9}  {what}")


def _closed(session: SessionRecord) -> SessionRecord:
    """An open session of a damaged file, whose player is gone: closed as interrupted at the
    end of its last interval, as `mark_interrupted` would."""
    if session.status is not None:
        return session
    ends = [i.ended_at for i in session.intervals]
    return dataclasses.replace(
        session, status="interrupted", ended_at=max(ends, default=session.started_at)
    )


def merge_salvage(conn: sqlite3.Connection, found: Salvage) -> tuple[int, list[str]]:
    """Merge what was read from the damaged file into the restored history: each record
    new to it, or newer than its version of it. Return the sessions put back and the
    records refused (one line each)."""
    from evenside.history.export import session_json
    from evenside.history.timestamps import utc_now
    from evenside.sync.kinds import RECORD_KINDS, BadRecord, RowKind, SessionKind

    sessions = 0
    refused: list[str] = []
    for kind in RECORD_KINDS:
        raw: list[Any]
        if isinstance(kind, SessionKind):
            raw = [session_json(_closed(s)) for s in found.sessions]
        elif isinstance(kind, RowKind):
            raw = found.rows.get(kind.table, [])
        else:
            continue
        held = dict(kind.local(conn))
        winners = []
        for data in raw:
            try:
                key, checked = kind.check(data, utc_now)
            except BadRecord as error:
                refused.append(f"a {kind.name} from the damaged file: {error}")
                continue
            mine = held.get(key)
            if mine is None or kind.rank(checked) > kind.rank(mine):
                winners.append(checked)
                held[key] = checked
        refused.extend(kind.apply(conn, winners))
        if isinstance(kind, SessionKind):
            sessions = len(winners)
    return sessions, refused


def salvage_tables() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The tables read row by row from a damaged file, with their columns and key: every
    one that travels."""
    from evenside.sync.kinds import RECORD_KINDS, RowKind

    return {k.table: (k.columns, k.key) for k in RECORD_KINDS if isinstance(k, RowKind)}


@contextmanager
def _held(history: Path) -> Iterator[None]:
    """This machine's sync lock and the backups' lock: no sync and no daily copy runs while
    the file is swapped."""
    from evenside.history.backups import copying_lock
    from evenside.sync.folder import machine_lock

    with machine_lock(history.parent), copying_lock(history, wait=True):
        yield


@dataclasses.dataclass
class Restored:
    """What a restore did."""

    copy: Backup
    in_copy: int = 0
    aside: Path | None = None
    from_damaged: int = 0
    read_damaged: bool = False
    """Whether the file just moved aside could be read at all."""
    damaged_read: int = 0
    """How many damaged files (this one and those kept from earlier restores) were read."""
    lost_sessions: int = 0
    """Sessions found in the damaged file that could not be read and are not in the copy."""
    broken_tables: list[str] = dataclasses.field(default_factory=list)
    refused: list[str] = dataclasses.field(default_factory=list)


class MergeStopped(Exception):
    """The copy is in place, but merging back stopped (a full disk): what was done so far."""

    def __init__(self, message: str, done: Restored) -> None:
        super().__init__(message)
        self.done = done


def _swap_and_merge(history: Path, copy: Backup, now: datetime) -> Restored:
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.history.restore import (
        RestoreError,
        damaged_files,
        move_aside,
        put_in_place,
        staged_copy,
    )
    from evenside.history.store import HistoryStore

    done = Restored(copy)
    with _held(history):
        # The copy is written and checked beside the history first: moving the damaged
        # file aside and renaming the copy in are then two renames, not a copy of years.
        staged = staged_copy(copy.path, history)
        done.aside = move_aside(history, now)
        try:
            put_in_place(staged, history)
        except RestoreError:
            _move_back(done.aside, history)
            raise
        try:
            conn = open_history(history)
        except HistoryUnavailable as error:
            raise MergeStopped(str(error), done) from None
        try:
            done.in_copy = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
            unread: set[str] = set()
            # Every damaged file kept beside the history, not only this one: a restore that
            # stopped half way, or one from the wrong copy, loses nothing the next one can
            # read. Merging is by key and rank, so reading one again changes nothing.
            for path in damaged_files(history):
                unread |= _merge_from(conn, path, done, latest=path == done.aside)
            held = {row[0] for row in conn.execute("SELECT id FROM sessions")}
            done.lost_sessions = len(unread - held)
            HistoryStore(conn).mark_interrupted()
        except (sqlite3.Error, OSError) as error:
            raise MergeStopped(f"merging back stopped: {error}", done) from None
        finally:
            conn.close()
    return done


def _merge_from(conn: sqlite3.Connection, path: Path, done: Restored, *, latest: bool) -> set[str]:
    """Merge what the damaged file at `path` still holds into `done`'s count; return the ids
    of the sessions found there that could not be read."""
    from evenside.history.restore import open_damaged, salvage

    damaged = open_damaged(path)
    if damaged is None:
        return set()
    try:
        found = salvage(damaged, salvage_tables())
    finally:
        damaged.close()
    done.damaged_read += 1
    if latest:
        done.read_damaged = True
        done.broken_tables = found.broken_tables
    added, refused = merge_salvage(conn, found)
    done.from_damaged += added
    done.refused.extend(refused)
    return set(found.unread_sessions)


def _move_back(aside: Path | None, history: Path) -> None:
    """Undo `move_aside` when the copy could not be put in place: the history as it was."""
    import os

    from evenside.locations import HISTORY_COMPANIONS

    if aside is None:
        return
    for suffix in HISTORY_COMPANIONS:
        with suppress(FileNotFoundError):
            os.rename(f"{aside}{suffix}", f"{history}{suffix}")


def _sync_back() -> tuple[int, str | None] | None:
    """Run the normal sync when `[sync] folder` is set: the sessions it brought, and a line
    when it failed; None without a sync folder."""
    from evenside.settings import SettingsError, load_settings
    from evenside.sync.device import this_device
    from evenside.sync.merge import SyncError, WriteFailed, sync_folder

    try:
        settings = load_settings()
    except SettingsError as error:
        return 0, f"the sync folder was not read: {error}"
    if not settings.sync_folder:
        return None
    folder = Path(settings.sync_folder).expanduser()
    try:
        report = sync_folder(folder, this_device(settings.sync_device))
    except WriteFailed as failed:
        report = failed.report
        problem: str | None = str(failed)
    except (SyncError, OSError) as error:
        return 0, f"the sync folder was not read: {error}"
    else:
        problem = None
    sessions = sum(n for (_, label), n in report.received.items() if label == "sessions")
    return sessions, problem


def restore(copy: str | None, force: bool) -> None:
    """The `history restore` command's body."""
    from evenside.history.restore import RestoreError, live_problem, pick_copy, players_using
    from evenside.history.timestamps import utc_now
    from evenside.locations import history_path
    from evenside.terminal_text import safe_text

    history = history_path()
    now = utc_now()
    try:
        chosen, passed_over = pick_copy(history, copy)
    except RestoreError as error:
        raise click.ClickException(safe_text(str(error))) from None
    for line in passed_over:
        click.echo(f"note: {line}", err=True)
    problem = live_problem(history)
    if problem is None and not force:
        question = (
            f"The history at {history} is sound. Replace it with the copy of {chosen.day} "
            "(what it holds is merged back)?"
        )
        if not sys.stdin.isatty():
            raise click.ClickException(
                f"the history at {history} is sound; `evenside history restore --force` "
                f"replaces it with the copy of {chosen.day} (and merges it back)"
            )
        if not click.confirm(question, default=False):
            click.echo("Nothing changed.")
            return
    players = players_using(history, now)
    if players:
        pids = ", ".join(map(str, players))
        raise click.ClickException(
            f"evenside (process {pids}) is playing or has just played a session; "
            "restore once it has closed (nothing changed)"
        )
    try:
        done = _swap_and_merge(history, chosen, now)
    except RestoreError as error:
        raise click.ClickException(f"{safe_text(str(error))} (nothing changed)") from None
    except OSError as error:
        raise click.ClickException(
            f"cannot restore: {error.strerror or error} (nothing changed)"
        ) from None
    except MergeStopped as stopped:
        _say(stopped.done, None, finished=False)
        raise click.ClickException(
            f"the copy of {chosen.day} is in place, but {safe_text(str(stopped))}; the damaged "
            "file is kept, and `evenside history restore --force` merges it back again"
        ) from None
    synced = _sync_back()
    _say(done, synced)


def _say(done: Restored, synced: tuple[int, str | None] | None, *, finished: bool = True) -> None:
    from evenside.terminal_text import safe_text

    day = done.copy.day
    click.echo(f"Put back the copy of {day}: {done.in_copy} sessions.")
    if done.aside is not None:
        click.echo(f"The damaged file is kept as {safe_text(str(done.aside))}.")
    if done.damaged_read > 1:
        click.echo(
            f"From the {done.damaged_read} damaged files kept beside it: "
            f"{done.from_damaged} sessions put back."
        )
    elif done.damaged_read:
        click.echo(f"From the damaged file: {done.from_damaged} sessions put back.")
    if not finished:
        return
    if synced is not None:
        click.echo(f"From the sync folder: {synced[0]} sessions put back.")
        if synced[1] is not None:
            click.echo(f"note: {safe_text(synced[1])}", err=True)
    for line in done.refused:
        click.echo(f"note: not put back: {safe_text(line)}", err=True)
    unless = "." if synced is None else " unless the sync folder brought them back."
    lost: list[str] = []
    if done.aside is None:
        lost.append(f"there was no history file to read: what it held after {day}")
    elif not done.read_damaged:
        lost.append(f"nothing could be read from the damaged file: what it held after {day}")
    if done.lost_sessions:
        lost.append(f"{done.lost_sessions} sessions found in the damaged file but unreadable")
    if "sessions" in done.broken_tables:
        lost.append(f"sessions after {day} on the damaged file's unreadable part")
    others = [t.replace("_", " ") for t in done.broken_tables if t != "sessions"]
    if others:
        lost.append(f"records after {day} on the unreadable part of: {', '.join(others)}")
    if lost:
        click.echo(f"May be lost: {'; '.join(lost)}{unless}")
    else:
        click.echo("Nothing was lost.")
