"""Provides `sync_folder`: one sync, writing this machine's new records and merging the others'.

Every version of a record ever written to the folder is a candidate, and so
is the local one; the winner is the highest by (the kind's rank, when it was
written, the writer's id, its content). That is a maximum over a set that only
grows, so the order files arrive in, how often sync runs and who syncs first
never matter: once every machine has read every line, all hold the same.

One sync: read every file; write, in this machine's file for the month, each
local record whose exact content no line holds yet (new sessions, a later
check-in; after the folder was lost, everything); then make the local history
hold each winner that differs from it. A local version is always a candidate,
so a folder holding less (old, cut short, deleted) never takes anything away.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evenside.history.db import HistoryUnavailable, open_history
from evenside.history.store import HistoryStore
from evenside.history.timestamps import WallClock, to_iso, utc_now
from evenside.locations import history_path as default_history_path
from evenside.sync.device import Device
from evenside.sync.folder import (
    Line,
    SyncFolderError,
    append_lines,
    machine_lock,
    prepare_folder,
    read_folder,
    record_line,
    record_text,
    remove_stale_temporaries,
)
from evenside.sync.kinds import RECORD_KINDS, BadRecord, Data, Key, RecordKind


class SyncError(Exception):
    """The sync could not be done (the message says why; nothing local was changed)."""


@dataclass
class SyncReport:
    """What one sync did."""

    received: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(machine name, kind label) -> records that came in (new, or a newer version)."""
    written: int = 0
    """Record versions this machine wrote to the folder."""
    problems: list[str] = field(default_factory=list)
    """What could not be read or applied: each line names the file or the record."""
    unfinished: list[Path] = field(default_factory=list)
    """Files still arriving: their last line is read next time."""

    def summary(self) -> list[str]:
        """One line per machine: "3 sessions, 1 check-in from desk-pc"."""
        by_machine: dict[str, list[str]] = {}
        for (machine, label), count in sorted(self.received.items()):
            by_machine.setdefault(machine, []).append(f"{count} {_label(label, count)}")
        return [f"{', '.join(parts)} from {machine}" for machine, parts in by_machine.items()]


def _label(label: str, count: int) -> str:
    """'sessions' for many, 'session' for one."""
    return label[:-1] if count == 1 and label.endswith("s") else label


@dataclass(frozen=True)
class _Candidate:
    order: tuple[Any, ...]
    """(the kind's rank, when written, the writer's id, the text): the highest wins."""
    data: Data
    name: str


class _KindMerge:
    """One kind's versions in the folder that differ from the local history's.

    A line whose text is exactly a local record's is only noted (when, and by
    whom): most lines are, and they need no parsing or checking at all.
    """

    def __init__(self, kind: RecordKind, local: dict[Key, str]) -> None:
        self.kind = kind
        self.local = local
        """Key -> the local version's text."""
        self.local_keys = {text: key for key, text in local.items()}
        self.written: dict[Key, tuple[str, str]] = {}
        """Key -> the latest (when, writer's id) of a line holding the local version."""
        self.best: dict[Key, _Candidate] = {}
        """Key -> the best version that is not the local one."""

    def note(
        self,
        line: Line,
        checked: dict[str, tuple[Key, Data] | None],
        now: WallClock,
        report: SyncReport,
    ) -> None:
        key = self.local_keys.get(line.text)
        if key is not None:
            stamp = (line.at, line.device)
            if stamp > self.written.get(key, ("", "")):
                self.written[key] = stamp
            return
        if line.text not in checked:
            checked[line.text] = self._check(line, now, report)
        result = checked[line.text]
        if result is None:
            return
        key, data = result
        text = record_text(data)
        if self.local.get(key) == text:  # written differently, the same record
            self.written[key] = max(self.written.get(key, ("", "")), (line.at, line.device))
            return
        candidate = _Candidate((self.kind.rank(data), line.at, line.device, text), data, line.name)
        held = self.best.get(key)
        if held is None or candidate.order > held.order:
            self.best[key] = candidate

    def _check(self, line: Line, now: WallClock, report: SyncReport) -> tuple[Key, Data] | None:
        try:
            data = json.loads(line.text)
        except (ValueError, RecursionError):
            report.problems.append(f"{line.where}: not a sync record; skipped")
            return None
        try:
            return self.kind.check(data, now)
        except BadRecord as error:
            report.problems.append(
                f"{line.where}: a {line.kind} from {line.name}: {error}; skipped"
            )
            return None

    def winners(self, at: str, device: str) -> list[_Candidate]:
        """The versions that beat the local ones (or are new here)."""
        out = []
        for key, candidate in self.best.items():
            text = self.local.get(key)
            if text is not None:
                when, writer = self.written.get(key, (at, device))
                mine = (self.kind.rank(json.loads(text)), when, writer, text)
                if mine >= candidate.order:
                    continue
            out.append(candidate)
        return out


def sync_folder(
    folder: Path,
    device: Device,
    *,
    history: Path | None = None,
    now: WallClock = utc_now,
    data_folder: Path | None = None,
    kinds: Sequence[RecordKind] = RECORD_KINDS,
) -> SyncReport:
    """Sync the history at `history` (the user's by default) through `folder` as `device`,
    for the record `kinds` (every kind that travels, by default).

    Raises SyncError when the history cannot be opened or written, or the folder
    cannot be read; a folder that cannot be written still lets the others'
    records in, then raises SyncError saying so.
    """
    where = history or default_history_path()
    if where.resolve().is_relative_to(folder.expanduser().resolve()):
        # A sync tool would copy the live database mid-write: the one thing never to sync.
        raise SyncError(
            f"{folder} holds your live history ({where}); choose a folder of its own, "
            "outside evenside's data folder"
        )
    with machine_lock(data_folder or where.parent):
        try:
            folder = prepare_folder(folder)
        except SyncFolderError as error:
            raise SyncError(str(error)) from None
        try:
            conn = open_history(where)
        except HistoryUnavailable as error:
            raise SyncError(str(error)) from None
        try:
            # This machine's sessions whose player died are closed first, so they travel.
            HistoryStore(conn).mark_interrupted()
            return _sync(conn, folder, device, now, kinds)
        except sqlite3.Error as error:
            raise SyncError(
                f"cannot write the history at {where}: {error}; "
                "what was merged before this stays, the rest comes with the next sync"
            ) from None
        finally:
            conn.close()


def _sync(
    conn: sqlite3.Connection,
    folder: Path,
    device: Device,
    now: WallClock,
    kinds: Sequence[RecordKind],
) -> SyncReport:
    report = SyncReport()
    try:
        read = read_folder(folder, device)
    except SyncFolderError as error:
        raise SyncError(str(error)) from None
    report.problems.extend(read.problems)
    report.unfinished.extend(read.unfinished)
    merges = {
        kind.name: _KindMerge(kind, {key: record_text(data) for key, data in kind.local(conn)})
        for kind in kinds
    }
    checked: dict[str, dict[str, tuple[Key, Data] | None]] = {name: {} for name in merges}
    for line in read.lines:
        merge = merges.get(line.kind)
        # A kind this evenside does not know (a newer one wrote it) is left for that one.
        if merge is not None:
            merge.note(line, checked[line.kind], now, report)
    at = to_iso(now())
    new_lines = [
        record_line(name, at, text)
        for name, merge in merges.items()
        for key, text in merge.local.items()
        if key not in merge.written
    ]
    write_problem = _write_own(folder, device, at, read.own, new_lines, report)
    for kind in kinds:
        winners = merges[kind.name].winners(at, device.id)
        if not winners:
            continue
        report.problems.extend(kind.apply(conn, [c.data for c in winners]))
        for candidate in winners:
            report.received[(candidate.name, kind.label)] += 1
    if write_problem is not None:
        raise WriteFailed(write_problem, report)
    return report


class WriteFailed(SyncError):
    """The others' records came in, but this machine's could not be written to the folder."""

    def __init__(self, message: str, report: SyncReport) -> None:
        super().__init__(message)
        self.report = report
        """What the sync did all the same."""


def _write_own(
    folder: Path,
    device: Device,
    at: str,
    own: dict[Path, list[bytes]],
    new_lines: list[bytes],
    report: SyncReport,
) -> str | None:
    """Append `new_lines` to this machine's file for this month; the failure, if any."""
    remove_stale_temporaries(folder, device)
    if not new_lines:
        return None
    month = at[:7]  # YYYY-MM
    kept = next((lines for path, lines in own.items() if path.name.endswith(f"-{month}.jsonl")), [])
    try:
        append_lines(folder, device, month, kept, new_lines)
    except SyncFolderError as error:
        return f"{error}; your records stay in your history and go with the next sync"
    report.written = len(new_lines)
    return None
