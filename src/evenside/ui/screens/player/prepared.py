"""Provides `Prepared`: what the player needs once a session's listeners are attached."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Types only: these pull in the sound and history layers, which load after the first frame.
    from evenside.audio.cue_player import CuePlayer
    from evenside.ui.adapters.pain_journal import PainJournal


@dataclass
class Prepared:
    """What `PlayerScreen`'s `prepare` gives once the session's listeners are attached."""

    sound: CuePlayer | None = None
    """The session's cue player (m and v act on it)."""
    journal: PainJournal | None = None
    """Stores the pain before."""
    reasons: Mapping[str, str] = field(default_factory=dict)
    """Why each exercise (by id) starts on the side it does, where worth saying."""


Prepare = Callable[[], Prepared]
"""Attaches the session's listeners (sound, history, trace) and says what the player needs."""
