"""Provides routine lookup: a path, or a name in the user's folder first, then the bundled one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evenside import locations
from evenside.routine.program_kind import is_program_file

SUFFIXES = (".yaml", ".yml")


class RoutineNotFound(LookupError):
    """No routine file by that name or path; the message says where it looked."""


@dataclass(frozen=True)
class RoutineEntry:
    """A routine file found in one of the routine folders."""

    name: str
    """What to type to use it: the file name without `.yaml`."""
    path: Path
    """The file."""
    bundled: bool
    """True for a routine shipped with evenside, False for the user's own."""


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith(SUFFIXES)


def find_routine(name_or_path: str) -> Path:
    """The file for `name_or_path`: an existing path, else a name in the user or bundled folder."""
    given = Path(name_or_path).expanduser()
    if given.is_file():
        return given
    if _looks_like_path(name_or_path):
        raise RoutineNotFound(f"no such file: {name_or_path}")
    folders = (locations.user_routines_dir(), locations.bundled_routines_dir())
    for folder in folders:
        for suffix in SUFFIXES:
            candidate = folder / f"{name_or_path}{suffix}"
            if candidate.is_file():
                return candidate
    raise RoutineNotFound(
        f"no routine named {name_or_path!r} (looked in {folders[0]} and {folders[1]}); "
        "'evenside list' shows them"
    )


def _entries(folder: Path, bundled: bool, programs: bool = False) -> list[RoutineEntry]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    # Programs live beside routines but are not routines (`list_programs` lists them).
    return [RoutineEntry(p.stem, p, bundled) for p in files if is_program_file(p) is programs]


def list_routines() -> list[RoutineEntry]:
    """The user's routines, then the bundled ones, each group sorted by name.

    A bundled routine whose name a user routine also has is left out: the
    user's copy is what `find_routine` returns for that name.
    """
    own = _entries(locations.user_routines_dir(), bundled=False)
    taken = {entry.name for entry in own}
    shipped = [
        e for e in _entries(locations.bundled_routines_dir(), bundled=True) if e.name not in taken
    ]
    return own + shipped


def list_programs() -> list[RoutineEntry]:
    """The program files, found like routines: the user's, then the bundled ones not shadowed."""
    own = _entries(locations.user_routines_dir(), bundled=False, programs=True)
    taken = {entry.name for entry in own}
    shipped = _entries(bundled_programs_dir(), bundled=True, programs=True)
    return own + [e for e in shipped if e.name not in taken]


def bundled_programs_dir() -> Path:
    """The programs that ship with evenside, beside the bundled routines."""
    return locations.bundled_routines_dir() / "programs"
