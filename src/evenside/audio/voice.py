"""Provides spoken steps: finding a speech program and rendering phrases to WAV in the cache.

Phrases are rendered when a routine starts (espeak-ng takes about 10 ms each),
so speaking costs nothing at the interval boundary. A rendered phrase is kept
in the cache and reused. Speech programs' exit codes are not trusted
(espeak-ng exits 0 after failing to write): the file itself is checked.

A caller that always treats a clip the same way (the cue bank brings it to the
tones' rate and loudness) gives that as a `Preparation`: the cache then keeps the
prepared clip under the preparation's tag, so a later start reads it ready to play
instead of working through every sample again (200-300 ms of pure Python a routine).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evenside import locations
from evenside.audio.wav import Sound, WavError, read_wav, write_wav

try:
    # CPython's built-in SHA-256; hashlib would load OpenSSL first (half a MiB of every
    # session's memory, for a file name). The digest is the same; hashlib where it is missing.
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256 as _sha256

RENDER_TIMEOUT_S = 20.0
"""Give up on a phrase that takes longer than this to render."""

STALE_PART_S = 2 * RENDER_TIMEOUT_S
"""A half-written clip this old was left by a process that ended while it rendered."""

_PARALLEL = 4
"""Renders at once: enough to hide process start-up, few enough for a 2-core laptop."""


@dataclass(frozen=True)
class Preparation:
    """What is done to every clip before it is used, kept in the cache as done."""

    tag: str
    """Names the preparation in the cache's file names: change it when `prepare` changes."""
    prepare: Callable[[Sound], Sound]
    """The clip as the speech program wrote it -> the clip as it is used."""


@dataclass(frozen=True)
class Voice:
    """A speech program that can write WAV files."""

    name: str
    """"espeak-ng" or "say"."""
    program: str
    """Its full path."""

    def command(self, out: Path) -> list[str]:
        """The command that reads text on stdin and writes speech to `out`.

        The text goes through stdin so that a phrase starting with "-" is never
        taken for an option.
        """
        if self.name == "say":
            return [
                self.program,
                "-o",
                str(out),
                "--file-format=WAVE",
                "--data-format=LEI16@22050",
                "-f",
                "-",
            ]
        return [self.program, "-w", str(out)]

    def describe(self) -> str:
        """For `evenside sounds`: "espeak-ng (/usr/bin/espeak-ng)"."""
        return f"{self.name} ({self.program})"


def find_voice(which: Callable[[str], str | None] = shutil.which) -> Voice | None:
    """The speech program available here, if any: espeak-ng on Linux, say on macOS."""
    names = ("say", "espeak-ng") if sys.platform == "darwin" else ("espeak-ng",)
    for name in names:
        program = which(name)
        if program:
            return Voice(name, program)
    return None


def voice_cache_dir() -> Path:
    """Where rendered phrases are kept."""
    return locations.cache_dir() / "voice"


def clip_path(voice: Voice, text: str, folder: Path, tag: str = "") -> Path:
    """The cache file for `text` in `voice` (a digest, so any text makes a safe file name),
    as the speech program wrote it, or prepared as `tag` names."""
    digest = _sha256(f"{voice.name}\0{text}".encode()).hexdigest()[:24]
    return folder / (f"{digest}-{tag}.wav" if tag else f"{digest}.wav")


def _usable_clip(path: Path, text: str) -> Sound | None:
    try:
        return read_wav(path, name=f"voice: {text}")
    except WavError:
        return None


@dataclass
class _Render:
    text: str
    final: Path
    partial: Path
    process: subprocess.Popen[bytes] | None = None
    preparation: Preparation | None = None


def _start(voice: Voice, job: _Render) -> None:
    try:
        job.process = subprocess.Popen(
            voice.command(job.partial),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        job.process = None
        return
    assert job.process.stdin is not None
    with contextlib.suppress(OSError):
        job.process.stdin.write(job.text.encode("utf-8"))
        job.process.stdin.close()


def _finish(job: _Render) -> Sound | None:
    if job.process is None:
        return None
    try:
        job.process.wait(RENDER_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        job.process.kill()
        job.process.wait()
    clip = _usable_clip(job.partial, job.text)
    if clip is None:
        job.partial.unlink(missing_ok=True)
        return None
    if job.preparation is not None:
        clip = job.preparation.prepare(clip)
        write_wav(job.partial, clip)
    os.chmod(job.partial, locations.PRIVATE_FILE_MODE)
    # Renamed only once complete, so the cache never holds half a clip.
    os.replace(job.partial, job.final)
    return clip


def _prepared_from_raw(voice: Voice, text: str, folder: Path, job: _Render) -> Sound | None:
    """The clip a cache made before preparations were kept (as the program wrote it),
    prepared and kept as `job` names it; None when there is none to read."""
    raw = clip_path(voice, text, folder)
    clip = _usable_clip(raw, text) if job.preparation is not None and raw.exists() else None
    if clip is None or job.preparation is None:
        return None
    clip = job.preparation.prepare(clip)
    try:
        write_wav(job.partial, clip)
        os.replace(job.partial, job.final)
    except OSError:
        # A cache that cannot be written costs the preparation again next time, no more.
        job.partial.unlink(missing_ok=True)
    return clip


def render_phrases(
    voice: Voice,
    phrases: list[str],
    folder: Path | None = None,
    *,
    preparation: Preparation | None = None,
) -> tuple[dict[str, Sound], list[str]]:
    """Render every phrase (reusing cached clips), each prepared by `preparation` when
    given; return the clips and the phrases that failed."""
    folder = folder or voice_cache_dir()
    try:
        locations.ensure_private_dir(folder)
    except OSError:
        return {}, list(phrases)
    clips: dict[str, Sound] = {}
    jobs: list[_Render] = []
    tag = preparation.tag if preparation is not None else ""
    for text in dict.fromkeys(phrases):
        final = clip_path(voice, text, folder, tag)
        cached = _usable_clip(final, text) if final.exists() else None
        if cached is not None:
            clips[text] = cached
            continue
        partial = final.with_name(f"{final.stem}.{os.getpid()}.part.wav")
        job = _Render(text, final, partial, preparation=preparation)
        from_raw = _prepared_from_raw(voice, text, folder, job)
        if from_raw is not None:
            clips[text] = from_raw
        else:
            jobs.append(job)
    if jobs:
        _clear_stale_parts(folder)
    failed: list[str] = []
    for first in range(0, len(jobs), _PARALLEL):
        batch = jobs[first : first + _PARALLEL]
        for job in batch:
            _start(voice, job)
        for job in batch:
            clip = _finish(job)
            if clip is None:
                failed.append(job.text)
            else:
                clips[job.text] = clip
    return clips, failed


def _clear_stale_parts(folder: Path) -> None:
    """Remove half-written clips that no render will finish: a session closed while its
    words were rendered (a muted start's, after m) leaves the one under way behind."""
    cutoff = time.time() - STALE_PART_S
    for part in folder.glob("*.part.wav"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
