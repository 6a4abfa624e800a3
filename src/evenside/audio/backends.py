"""Provides the ways a sound reaches the speaker: simpleaudio, a system player, winsound,
the terminal bell and silence, in that order of preference (see `sound_output`).

simpleaudio is the `audio` extra; the system players are pw-play, paplay,
aplay and afplay, found on PATH; winsound is Windows' own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from evenside import locations
from evenside.audio import alsa_quiet
from evenside.audio.wav import Sound, write_wav

try:
    # CPython's built-in SHA-256; hashlib would load OpenSSL first (half a MiB of every
    # session's memory, for a file name). The digest is the same; hashlib where it is missing.
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256 as _sha256

Notice = Callable[[str], None]
"""Receives one-line messages for the person (shown by the UI, printed by --plain)."""


class BackendError(Exception):
    """A backend could not play: its device or program failed."""


class Backend(Protocol):
    """One way of making sound."""

    name: str
    """Short name for messages: "simpleaudio", "aplay", "bell", "silent"."""

    def usable(self) -> bool:
        """Whether it can play right now (checked when chosen, without playing anything)."""
        ...

    def prepare(self, sounds: list[Sound]) -> None:
        """Get ready to play these sounds quickly (called once when a routine starts)."""
        ...

    def play(self, sound: Sound) -> None:
        """Start playing and return at once; raise BackendError if the device failed."""
        ...

    def stop_all(self) -> None:
        """Silence everything still playing."""
        ...

    def wait(self, timeout_s: float) -> None:
        """Block until what is playing has finished (never on the event loop)."""
        ...


def _alsa_usable() -> bool:
    # None means there is no alsa-lib to ask (macOS, Windows): let playing decide.
    return alsa_quiet.default_device_opens() is not False


class SimpleaudioBackend:
    """Plays buffers from memory through simpleaudio: about 0.06 ms per call."""

    name = "simpleaudio"

    def __init__(self, module: Any) -> None:
        self._module = module
        self._error: type[BaseException] = _simpleaudio_error(module)
        self._playing: list[Any] = []

    def usable(self) -> bool:
        return _alsa_usable()

    def prepare(self, sounds: list[Sound]) -> None:
        alsa_quiet.install()

    def _start(self, sound: Sound) -> Any:
        return self._module.play_buffer(sound.pcm_bytes(), sound.channels, 2, sound.rate)

    def play(self, sound: Sound) -> None:
        self._playing = [p for p in self._playing if p.is_playing()]
        try:
            play_object = self._start(sound)
        except self._error as error:
            if "busy" not in str(error).lower():
                raise BackendError(str(error)) from None
            # A device without mixing takes one stream: the newest cue wins.
            self.stop_all()
            try:
                play_object = self._start(sound)
            except self._error as retry_error:
                raise BackendError(str(retry_error)) from None
        self._playing.append(play_object)

    def stop_all(self) -> None:
        for play_object in self._playing:
            play_object.stop()
        self._playing.clear()

    def wait(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while any(p.is_playing() for p in self._playing) and time.monotonic() < deadline:
            time.sleep(0.01)


def _simpleaudio_error(module: Any) -> type[BaseException]:
    """SimpleaudioError lives in the C extension, not at the package top."""
    try:
        from simpleaudio._simpleaudio import SimpleaudioError

        return SimpleaudioError  # type: ignore[no-any-return]
    except ImportError:
        return getattr(module, "SimpleaudioError", Exception)


class _CueFiles:
    """WAV copies of in-memory sounds, for players that only take a file name."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._paths: dict[int, tuple[Sound, Path]] = {}

    def path(self, sound: Sound) -> Path:
        known = self._paths.get(id(sound))
        if known is not None:
            return known[1]
        data = sound.pcm_bytes()
        layout = sound.rate.to_bytes(4, "little") + bytes([sound.channels])
        digest = _sha256(data + layout).hexdigest()[:20]
        path = self._folder / f"{digest}.wav"
        if not path.exists():
            locations.ensure_private_dir(self._folder)
            write_wav(path, sound)
        # Holding the sound keeps its id from being reused by another object.
        self._paths[id(sound)] = (sound, path)
        return path


class SystemPlayerBackend:
    """Runs a player program per cue without waiting for it (a few ms to start)."""

    def __init__(self, program: str, command: list[str], folder: Path, needs_alsa: bool) -> None:
        self.name = program
        self._command = command
        self._files = _CueFiles(folder)
        self._needs_alsa = needs_alsa
        self._running: list[subprocess.Popen[bytes]] = []
        self._stopped: set[int] = set()

    def usable(self) -> bool:
        return shutil.which(self._command[0]) is not None and (
            not self._needs_alsa or _alsa_usable()
        )

    def prepare(self, sounds: list[Sound]) -> None:
        for sound in sounds:
            self._files.path(sound)

    def _reap(self) -> None:
        """Forget finished players; a failed one means the device is gone."""
        still: list[subprocess.Popen[bytes]] = []
        failure = None
        for process in self._running:
            code = process.poll()
            if code is None:
                still.append(process)
            elif code > 0 and process.pid not in self._stopped:
                failure = f"{self.name} exited with status {code}"
        self._running = still
        if failure:
            raise BackendError(failure)

    def play(self, sound: Sound) -> None:
        self._reap()
        try:
            path = self._files.path(sound)
            process = subprocess.Popen(
                [*self._command, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise BackendError(f"{self.name}: {error}") from None
        self._running.append(process)

    def stop_all(self) -> None:
        for process in self._running:
            if process.poll() is None:
                self._stopped.add(process.pid)
                with contextlib.suppress(OSError):
                    process.terminate()

    def wait(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        for process in self._running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(0.0, deadline - time.monotonic()))


class WinsoundBackend:
    """Windows' built-in player (one sound at a time, from a file)."""

    name = "winsound"

    def __init__(self, folder: Path) -> None:
        self._files = _CueFiles(folder)

    def usable(self) -> bool:
        return sys.platform == "win32"

    def prepare(self, sounds: list[Sound]) -> None:
        for sound in sounds:
            self._files.path(sound)

    def play(self, sound: Sound) -> None:
        if sys.platform == "win32":
            import winsound

            try:
                flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
                winsound.PlaySound(str(self._files.path(sound)), flags)
            except RuntimeError as error:
                raise BackendError(str(error)) from None

    def stop_all(self) -> None:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(None, winsound.SND_PURGE)

    def wait(self, timeout_s: float) -> None:
        time.sleep(min(timeout_s, 1.0))


class BellBackend:
    """The terminal bell: one ring per cue, written to the controlling terminal."""

    name = "bell"
    _MIN_GAP_S = 0.3
    """Rings closer together than this merge into one (a tone followed by a voice clip)."""

    def __init__(self) -> None:
        self._fd: int | None = None
        self._owned = False
        self._last = -1.0
        try:
            # The controlling terminal, not stdout: a TUI may capture stdout.
            self._fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
            self._owned = True
        except OSError:
            stream = sys.__stdout__
            if stream is not None and stream.isatty():
                self._fd = stream.fileno()

    def usable(self) -> bool:
        return self._fd is not None

    def prepare(self, sounds: list[Sound]) -> None:
        return None

    def play(self, sound: Sound) -> None:
        now = time.monotonic()
        if self._fd is None or now - self._last < self._MIN_GAP_S:
            return
        self._last = now
        try:
            os.write(self._fd, b"\a")
        except OSError as error:
            raise BackendError(f"terminal bell: {error}") from None

    def stop_all(self) -> None:
        return None

    def wait(self, timeout_s: float) -> None:
        time.sleep(min(timeout_s, 0.3))

    def close(self) -> None:
        """Let go of the terminal."""
        fd, self._fd = self._fd, None
        if fd is not None and self._owned:
            with contextlib.suppress(OSError):
                os.close(fd)


class SilentBackend:
    """No sound: the routine goes on, followed on screen."""

    name = "silent"

    def usable(self) -> bool:
        return True

    def prepare(self, sounds: list[Sound]) -> None:
        return None

    def play(self, sound: Sound) -> None:
        return None

    def stop_all(self) -> None:
        return None

    def wait(self, timeout_s: float) -> None:
        return None


_PLAYERS: tuple[tuple[str, list[str], bool], ...] = (
    ("pw-play", ["pw-play"], False),
    ("paplay", ["paplay"], False),
    ("aplay", ["aplay", "-q"], True),
    ("afplay", ["afplay"], False),
)
"""System players: program, command before the file name, whether it goes through ALSA."""

SOUND_DEVICE_BACKENDS = frozenset({"simpleaudio", "winsound", *(p[0] for p in _PLAYERS)})


def all_backends(
    folder: Path | None = None, players: tuple[str, ...] | None = None
) -> list[Backend]:
    """Every backend this platform could have, in order of preference, usable or not.

    `players` limits the system players tried (by program name).
    """
    folder = folder or locations.cache_dir() / "cues"
    backends: list[Backend] = []
    try:
        import simpleaudio

        backends.append(SimpleaudioBackend(simpleaudio))
    except ImportError:
        pass
    for program, command, needs_alsa in _PLAYERS:
        if players is None or program in players:
            backends.append(SystemPlayerBackend(program, command, folder, needs_alsa))
    if sys.platform == "win32":
        backends.append(WinsoundBackend(folder))
    backends.append(BellBackend())
    backends.append(SilentBackend())
    return backends
