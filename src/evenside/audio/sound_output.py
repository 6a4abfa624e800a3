"""Provides `SoundOutput`: the backends in order of preference, chosen once at start.

Sound goes to the first backend that can play. When that one fails
mid-routine (a device unplugged, a player exiting with an error), the next
takes over for the same sound and the person is told once, by a notice.
"""

from __future__ import annotations

import contextlib

from evenside.audio import alsa_quiet
from evenside.audio.backends import SOUND_DEVICE_BACKENDS, Backend, Notice, SilentBackend
from evenside.audio.wav import Sound


class SoundOutput:
    """The backends in order of preference: plays on the first that works, falls back on failure."""

    def __init__(
        self, backends: list[Backend], notice: Notice | None = None, *, quiet_start: bool = False
    ) -> None:
        """`quiet_start` keeps the start-up notices to itself (a muted session has no use
        for "No sound device"); later fallbacks are still told."""
        self._notice = notice or (lambda message: None)
        self._told: set[str] = set()
        self._quiet = quiet_start
        alsa_quiet.install()
        self._backends = [b for b in backends if b.name == "silent" or b.usable()]
        if not self._backends or self._backends[-1].name != "silent":
            self._backends.append(SilentBackend())
        if not any(b.name in SOUND_DEVICE_BACKENDS for b in backends):
            self._tell(f"No sound player found: continuing {self._continuing()}")
        elif self.backend.name not in SOUND_DEVICE_BACKENDS:
            self._tell(f"No sound device: continuing {self._continuing()}")
        self._quiet = False

    @property
    def backend(self) -> Backend:
        """The backend in use."""
        return self._backends[0]

    @property
    def has_device(self) -> bool:
        """True while sound goes to a real device (not the bell or silence)."""
        return self.backend.name in SOUND_DEVICE_BACKENDS

    def _continuing(self) -> str:
        name = self.backend.name
        if name == "silent":
            return "silently"
        if name == "bell":
            return "with the terminal bell"
        return f"with {name}"

    def _tell(self, message: str) -> None:
        if self._quiet:
            return
        if message not in self._told:
            self._told.add(message)
            self._notice(message)

    def _fall_back(self, reason: str) -> None:
        failed = self._backends.pop(0)
        # Backends chosen at start may have lost their device too: check again.
        while self._backends[0].name != "silent" and not self._backends[0].usable():
            self._backends.pop(0)
        self._tell(
            f"Sound device failed ({failed.name}: {reason}): continuing {self._continuing()}"
        )

    def prepare(self, sounds: list[Sound]) -> None:
        """Let every backend that may be used get ready for these sounds (from any thread:
        a muted start prepares its words while the loop plays, and may fall back)."""
        for backend in list(self._backends):
            try:
                backend.prepare(sounds)
            except OSError as error:
                self._tell(f"Cannot prepare sounds for {backend.name}: {error}")

    def play(self, sound: Sound) -> None:
        """Play on the current backend, falling back until one takes it; never raises."""
        while True:
            try:
                self.backend.play(sound)
                return
            except Exception as error:  # a device failure must never stop a routine
                if self.backend.name == "silent":
                    return
                self._fall_back(str(error) or type(error).__name__)

    def stop_all(self) -> None:
        """Silence whatever is playing."""
        with contextlib.suppress(Exception):
            self.backend.stop_all()

    def wait(self, timeout_s: float = 10.0) -> None:
        """Block until the sounds playing now have finished (for the CLI, never the UI)."""
        with contextlib.suppress(Exception):
            self.backend.wait(timeout_s)

    def close(self) -> None:
        """Silence everything and release what the backends hold (the terminal for the bell)."""
        self.stop_all()
        for backend in self._backends:
            close = getattr(backend, "close", None)
            if callable(close):
                with contextlib.suppress(Exception):
                    close()
