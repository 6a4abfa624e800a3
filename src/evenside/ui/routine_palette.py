"""Provides the command palette's routines: "Play <name>" for every routine in the library."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from evenside.ui.app import EvensideApp


class RoutineCommands(Provider):
    """Offers to play any routine by name."""

    @property
    def _evenside(self) -> EvensideApp:
        from evenside.ui.app import EvensideApp

        app = self.app
        assert isinstance(app, EvensideApp)
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
