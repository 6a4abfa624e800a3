"""Provides the sync folder's files: each machine's append-only file per month, read and written.

A file is `evenside-<device id>-<YYYY-MM>.jsonl`: a header line naming the
machine, then one line per record version, never changed once written. A
machine writes only its own files, whole, to a temporary name that is then
renamed, so another machine (or the sync tool) never sees half of one from
us. What the sync tool may leave is handled as it comes:

- a temporary file (`.syncthing.*.tmp`, `~*.tmp`, ours `.evenside-*.tmp`) is
  not a `evenside-*.jsonl` file and is never read;
- a file cut short (still arriving) ends in a line without its newline: that
  line is left for the next sync, which sees it whole;
- a conflict copy (`*.sync-conflict-*`, `* (conflicted copy ...)`) holds
  lines one machine really wrote, so it is read like any file: merging is by
  key and rank, so a line read twice changes nothing;
- a line that is not a record (a damaged file) is named and skipped.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evenside.locations import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, ensure_private_dir
from evenside.sync.device import DEVICE_ID, Device

SYNC_FORMAT = "evenside-sync"
SYNC_VERSION = 1
PREFIX = "evenside-"
SUFFIX = ".jsonl"


class SyncFolderError(OSError):
    """The folder cannot be used (the message says why and what to check)."""


@dataclass(frozen=True)
class Line:
    """One record version as a machine wrote it."""

    kind: str
    """The record kind's name."""
    at: str
    """When it was written (UTC, stored form): between equal ranks, the later wins."""
    text: str
    """The record as compact JSON text (`record_text`), not yet parsed or checked."""
    device: str
    """The writing machine's id."""
    name: str
    """The writing machine's name."""
    where: str
    """The file and line it came from, to name it."""


@dataclass
class FolderRead:
    """Everything read from the folder in one pass."""

    lines: list[Line] = field(default_factory=list)
    """Every complete record line, from every machine's files."""
    problems: list[str] = field(default_factory=list)
    """Lines or files that could not be read (a damaged file): named, skipped."""
    unfinished: list[Path] = field(default_factory=list)
    """Files that ended in part of a line (still arriving): the rest comes next time."""
    own: dict[Path, list[bytes]] = field(default_factory=dict)
    """This machine's own files (not conflict copies): their record lines, as written."""


def file_name(device: Device, month: str) -> str:
    """The name of `device`'s file for `month` (YYYY-MM)."""
    return f"{PREFIX}{device.id}-{month}{SUFFIX}"


def is_sync_file(name: str) -> bool:
    """Whether the folder entry `name` is a machine's file (or a conflict copy of one)."""
    return name.startswith(PREFIX) and name.endswith(SUFFIX)


def _own_file(name: str, device: Device) -> bool:
    """Whether `name` is exactly one of `device`'s month files (a conflict copy is not)."""
    stem = name[len(PREFIX) : -len(SUFFIX)]
    device_part, _, month = stem.partition("-")
    return device_part == device.id and len(month) == 7 and month[4] == "-"


def prepare_folder(folder: Path) -> Path:
    """The folder, made 0700 when it does not exist yet (its parent must).

    A missing parent is a drive not mounted or a typo: nothing is created then.
    """
    folder = folder.expanduser()
    if folder.is_dir():
        return folder
    if folder.exists():
        raise SyncFolderError(f"{folder} is not a folder")
    if not folder.parent.is_dir():
        raise SyncFolderError(
            f"{folder} does not exist, nor does {folder.parent} (is the drive mounted?)"
        )
    try:
        folder.mkdir(mode=PRIVATE_DIR_MODE)
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode passes through the umask
    except FileExistsError:
        pass
    except OSError as error:
        raise SyncFolderError(f"cannot create {folder}: {error.strerror or error}") from None
    return folder


def _header(raw: bytes) -> dict[str, Any] | None:
    try:
        header = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if (
        not isinstance(header, dict)
        or header.get("format") != SYNC_FORMAT
        or not isinstance(header.get("device"), str)
        or not DEVICE_ID.fullmatch(header["device"])
    ):
        return None
    if header.get("version") != SYNC_VERSION:
        return None
    return header


# A line exactly as `record_line` writes it: the record's text is taken without parsing, so
# a sync compares 20 years of unchanged records with the history's as plain strings.
_WRITTEN = re.compile(rb'\{"kind":"([a-z_]{1,40})","at":"([0-9T:.Z-]{1,40})","data":(.*)\}')


def _record(raw: bytes) -> tuple[str, str, str] | None:
    """(kind, at, record text) from one record line, or None when it is not one."""
    written = _WRITTEN.fullmatch(raw)
    if written is not None:
        try:
            return (
                written[1].decode("ascii"),
                written[2].decode("ascii"),
                written[3].decode("utf-8"),
            )
        except UnicodeDecodeError:
            return None
    try:
        item = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if (
        not isinstance(item, dict)
        or set(item) != {"kind", "at", "data"}
        or not isinstance(item["kind"], str)
        or not isinstance(item["at"], str)
    ):
        return None
    return item["kind"], item["at"], record_text(item["data"])


def read_folder(folder: Path, device: Device) -> FolderRead:
    """Every record line in the folder's files; what could not be read is named."""
    result = FolderRead()
    try:
        # Regular files only: a pipe or device under a sync file's name would block the read.
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if is_sync_file(entry.name) and entry.is_file()
        )
    except OSError as error:
        raise SyncFolderError(f"cannot read {folder}: {error.strerror or error}") from None
    for name in names:
        path = folder / name
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            continue  # renamed away between the listing and now: read next time
        except OSError as error:
            result.problems.append(f"{path}: cannot read: {error.strerror or error}")
            continue
        _read_file(path, content, device, result)
    return result


def _read_file(path: Path, content: bytes, device: Device, result: FolderRead) -> None:
    pieces = content.split(b"\n")
    if pieces[-1]:
        result.unfinished.append(path)  # the last line has no newline yet: still arriving
    complete = pieces[:-1]
    if not complete:
        return
    header = _header(complete[0])
    if header is None:
        result.problems.append(f"{path}:1: not an evenside sync file (no header); skipped")
        return
    writer, name = header["device"], str(header.get("name") or header["device"])
    own = header["device"] == device.id and _own_file(path.name, device)
    kept: list[bytes] = []
    for number, raw in enumerate(complete[1:], start=2):
        if not raw.strip():
            continue
        record = _record(raw)
        if record is None:
            result.problems.append(f"{path}:{number}: not a sync record; skipped")
            continue
        kept.append(raw)
        kind, at, text = record
        result.lines.append(Line(kind, at, text, writer, name, f"{path}:{number}"))
    if own:
        result.own[path] = kept


def record_text(data: object) -> str:
    """A record as compact JSON: its content, compared as a string between machines (the
    kinds give every record's keys in one fixed order)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record_line(kind: str, at: str, text: str) -> bytes:
    """One record (its `record_text`) as a line of a machine's file (without its newline)."""
    head = json.dumps({"kind": kind, "at": at}, separators=(",", ":"))
    return f'{head[:-1]},"data":{text}}}'.encode()


def header_line(device: Device) -> bytes:
    """The first line of every file a machine writes."""
    header = {
        "format": SYNC_FORMAT,
        "version": SYNC_VERSION,
        "device": device.id,
        "name": device.name,
    }
    return json.dumps(header, ensure_ascii=False).encode("utf-8")


def append_lines(
    folder: Path, device: Device, month: str, kept: list[bytes], new: list[bytes]
) -> Path:
    """Write `device`'s file for `month`: its header, the lines it held, then `new`.

    Written to a temporary name (0600) and renamed over the old file, so the
    file is always whole. Raises SyncFolderError when the folder refuses it.
    """
    target = folder / file_name(device, month)
    temporary = folder / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    body = b"\n".join([header_line(device), *kept, *new]) + b"\n"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken away more
            with open(fd, "wb", closefd=False) as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temporary)
        raise SyncFolderError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def remove_stale_temporaries(folder: Path, device: Device) -> None:
    """Delete this machine's temporary files left by a sync that was killed half way."""
    mark = f".{PREFIX}{device.id}-"
    with suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(mark) and entry.name.endswith(".tmp"):
                with suppress(OSError):
                    os.unlink(entry.path)


@contextmanager
def machine_lock(data_folder: Path) -> Iterator[None]:
    """Hold this machine's sync lock: two syncs here (the automatic one and a command) take
    turns, so neither rewrites the machine's file from an old copy of it."""
    ensure_private_dir(data_folder)  # health data lives here: made 0700 if sync is first
    fd = os.open(data_folder / "sync.lock", os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
