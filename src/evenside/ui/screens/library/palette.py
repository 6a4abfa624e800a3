"""Provides the command palette's routines: "Play <name>" for every routine in the library."""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from evenside.routine.model import Routine
from evenside.ui.screens.library.entries import LibraryEntry


@runtime_checkable
class RoutinePlayer(Protocol):
    """What the palette needs of its app (the evenside app): the routines, and a way to play one.

    A protocol rather than the app's class, so this screen's helper does not import the app.
    """

    @property
    def library_entries(self) -> list[LibraryEntry]: ...

    def start_session(self, routine: Routine) -> None: ...


class RoutineCommands(Provider):
    """Offers to play any routine by name."""

    @property
    def _evenside(self) -> RoutinePlayer:
        app = self.app
        assert isinstance(app, RoutinePlayer)
        return app

    def _commands(self) -> list[tuple[str, partial[None], str]]:
        app = self._evenside
        return [
            (f"Play {entry.name}", partial(app.start_session, entry.routine), entry.note)
            for entry in app.library_entries
            if entry.routine is not None
        ]

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
