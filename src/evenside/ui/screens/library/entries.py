"""Provides the library's entries: each routine found, loaded once, with its total time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evenside.engine.timeline import expand
from evenside.routine.diagnostics import RoutineError
from evenside.routine.finder import list_routines
from evenside.routine.loader import load_routine
from evenside.routine.model import Routine
from evenside.wording import clock_to_go


@dataclass(frozen=True)
class LibraryEntry:
    """One routine file, as the library lists it."""

    path: Path
    """The file."""
    name: str
    """The routine's name (the file's stem when it does not load)."""
    routine: Routine | None
    """The loaded routine; None when the file has errors."""
    total_ms: int = 0
    """Timed length of the whole routine."""
    untimed_sets: int = 0
    """Sets of reps that wait for the person."""
    tags: tuple[str, ...] = ()
    """The routine's tags."""
    note: str = ""
    """The summary, or the first error when the file does not load."""
    bundled: bool = False
    """True for a routine shipped with evenside, False for the user's own."""

    @property
    def time_text(self) -> str:
        """Total time, with the untimed sets that add to it."""
        if self.routine is None:
            return "!"
        text = clock_to_go(self.total_ms)
        if self.untimed_sets:
            plural = "s" if self.untimed_sets > 1 else ""
            text += f" + {self.untimed_sets} set{plural}"
        return text

    def matches(self, query: str) -> bool:
        """True when every word of `query` is in the name, tags or summary (any case)."""
        haystack = " ".join((self.name, *self.tags, self.note)).casefold()
        return all(word in haystack for word in query.casefold().split())


def entry_for(path: Path, *, bundled: bool = False) -> LibraryEntry:
    """Load `path` into an entry; a file with errors becomes an entry that says so."""
    try:
        routine = load_routine(path)
    except RoutineError as error:
        # One bad file must not hide the others: list it with its first error.
        first = (error.errors or error.diagnostics)[0] if error.diagnostics else None
        note = f"line {first.line}: {first.message}" if first else "cannot be loaded"
        return LibraryEntry(path=path, name=path.stem, routine=None, note=note, bundled=bundled)
    timeline = expand(routine)
    return LibraryEntry(
        path=path,
        name=routine.name,
        routine=routine,
        total_ms=timeline.total_ms,
        untimed_sets=timeline.untimed_sets,
        tags=routine.tags,
        note=routine.summary or "",
        bundled=bundled,
    )


def find_entries() -> list[LibraryEntry]:
    """Every routine the finder knows, the user's first, then the bundled ones."""
    return [entry_for(found.path, bundled=found.bundled) for found in list_routines()]
