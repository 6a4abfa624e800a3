"""Provides routine lookup: a path, a file name, a slug or the display name, with "did you mean".

A ROUTINE argument is tried as a path first (only a regular file is one: a
folder, a device or a named pipe is named for what it is, and never opened,
since opening a pipe waits for a writer). Then among the routines in the
user's folder and the bundled ones, case-insensitively: the file name with or
without `.yaml`, its slug ("Desk break" finds desk-break.yaml), and last the
`name:` inside each file. A near miss is answered with the closest names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evenside import locations
from evenside.routine.file_kinds import file_kind
from evenside.routine.program_kind import is_program_file
from evenside.routine.slugs import slugify

SUFFIXES = (".yaml", ".yml")
MAX_SUGGESTIONS = 3


class RoutineNotFound(LookupError):
    """No routine file by that name or path; the message says why and what is close."""


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
    return "/" in text or "\\" in text


def _name_key(text: str) -> str:
    """How a typed name is compared: without `.yaml`, as a slug (case and spaces ignored)."""
    stem = text.strip()
    for suffix in SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return slugify(stem) or stem.casefold()


def find_routine(name_or_path: str) -> Path:
    """The file for `name_or_path`: a path to a regular file, else a routine by name.

    Each routine's `name:` is read only when no file name matches. Raises
    RoutineNotFound saying why.
    """
    given = Path(name_or_path).expanduser()
    kind = file_kind(given)
    if kind == "":
        return given
    if kind is not None and _looks_like_path(name_or_path):
        raise RoutineNotFound(f"{name_or_path} is {kind}, not a routine file")
    if _looks_like_path(name_or_path):
        raise RoutineNotFound(f"no such file: {name_or_path}")
    # Program files in the user's folder are found by name too (`find_program` asks here).
    entries = list_routines() + _entries(locations.user_routines_dir(), False, programs=True)
    key = _name_key(name_or_path)
    for entry in entries:
        if _name_key(entry.name) == key:
            return entry.path
    names = _display_names(entries)
    for entry, name in names:
        if slugify(name) == key or name.casefold() == name_or_path.strip().casefold():
            return entry.path
    if kind is not None:
        raise RoutineNotFound(f"{name_or_path} is {kind}, not a routine file")
    raise RoutineNotFound(_not_found(name_or_path, key, entries, names))


def _not_found(
    typed: str, key: str, entries: list[RoutineEntry], names: list[tuple[RoutineEntry, str]]
) -> str:
    folders = (locations.user_routines_dir(), locations.bundled_routines_dir())
    message = f"no routine named {typed!r}"
    close = suggestions(key, [e.name for e in entries] + [n for _, n in names])
    if close:
        return f"{message}; did you mean {' or '.join(repr(c) for c in close)}? " + (
            "('evenside list' shows them all)"
        )
    return f"{message} (looked in {folders[0]} and {folders[1]}; 'evenside list' shows them all)"


def suggestions(key: str, names: list[str]) -> list[str]:
    """The names closest to `key` (a slug): those it starts a word of, then near spellings."""
    by_slug: dict[str, str] = {}
    for name in names:
        by_slug.setdefault(slugify(name) or name.casefold(), name)
    starts = [
        name
        for slug, name in by_slug.items()
        if any(word.startswith(key) for word in slug.split("-")) or slug.startswith(key)
    ]
    import difflib  # only for a name not found: every other lookup goes without it

    near = [by_slug[s] for s in difflib.get_close_matches(key, list(by_slug), MAX_SUGGESTIONS)]
    chosen: list[str] = []
    for name in starts + near:
        if name not in chosen:
            chosen.append(name)
    return chosen[:MAX_SUGGESTIONS]


def _read_name(path: Path) -> str | None:
    from evenside.routine.diagnostics import RoutineError
    from evenside.routine.loader import load_routine

    try:
        return load_routine(path).name
    except RoutineError:
        return None


def _display_names(entries: list[RoutineEntry]) -> list[tuple[RoutineEntry, str]]:
    named = ((entry, _read_name(entry.path)) for entry in entries)
    return [(entry, name) for entry, name in named if name]


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
