"""Provides backends that record what a cue player asks them to play, for the audio tests.

They stand in for the device only (a list instead of a speaker); the capture tests
cover the same path into a real ALSA device. `GatedBackend` holds the device check
until the test opens it, as an ALSA check that takes its time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from evenside.audio.backends import BackendError
from evenside.audio.wav import Sound


class RecordingBackend:
    """Remembers every sound it is asked to play; can be told to fail like a lost device."""

    name = "simpleaudio"

    def __init__(self, clock: Callable[[], int] | None = None) -> None:
        self.played: list[str] = []
        self.heard: list[tuple[int, Sound]] = []
        """(the `clock` reading when it started, the sound), with a clock."""
        self.stops = 0
        self.fail = False
        self._clock = clock

    def usable(self) -> bool:
        return True

    def prepare(self, sounds: list[Sound]) -> None:
        return None

    def play(self, sound: Sound) -> None:
        if self.fail:
            raise BackendError("Error opening PCM device. -- CODE: -19")
        self.played.append(sound.name)
        if self._clock is not None:
            self.heard.append((self._clock(), sound))

    def stop_all(self) -> None:
        self.stops += 1

    def wait(self, timeout_s: float) -> None:
        return None


class GatedBackend(RecordingBackend):
    """A backend whose device check waits until the test opens the gate, and counts how
    often it was asked."""

    def __init__(self, clock: Callable[[], int] | None = None) -> None:
        super().__init__(clock)
        self.gate = threading.Event()
        self.checked = 0

    def usable(self) -> bool:
        self.checked += 1
        if not self.gate.wait(10):
            raise OSError("the test never opened the gate")
        return True


def until(condition: Callable[[], bool], what: str) -> None:
    """Wait (10 s at most, real time) for a building thread's work to show."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"waited 10 s for {what}"
        time.sleep(0.01)


def sound_threads() -> list[threading.Thread]:
    """The cue players' building threads still alive."""
    return [t for t in threading.enumerate() if t.name == "evenside-sound"]


def join_sound_threads() -> None:
    """Wait (10 s at most each) for every building thread to finish."""
    for thread in sound_threads():
        thread.join(10)
        assert not thread.is_alive(), "a cue player's building thread is still running"
