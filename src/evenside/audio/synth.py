"""Provides the built-in cue tones, synthesized from sine waves (no recorded audio).

`python -m evenside.audio.synth OUTDIR` writes them as mono 16-bit WAVs; the
output is the same byte for byte on every run, so `sounds/` can be checked.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

from evenside.audio.wav import SAMPLE_RATE, Sound, clamp16, normalised, write_wav
from evenside.engine.events import CueKind
from evenside.routine.model import Side

CUE_LOUDNESS_DBFS = -20.0
"""How loud every cue plays (`wav.loudness_dbfs`): the level espeak-ng speaks at, so a
tone never jumps out over the words and a tick is as easy to hear as a beep."""

_FULL_SCALE = 32_767
_EDGE_MS = 5
"""Fade in and out over this long so no tone starts or stops with a click."""


@dataclass(frozen=True)
class Note:
    """One note of a cue: a sine with optional overtones and an envelope."""

    start_ms: int
    """When it starts within the cue."""
    length_ms: int
    """How long it sounds."""
    frequency: float
    """The fundamental, in hertz."""
    level: float
    """Peak amplitude as a fraction of full scale."""
    decay: float = 0.0
    """Exponential decay rate per second (0 holds the level; a chime decays)."""
    overtones: tuple[tuple[float, float], ...] = ()
    """(multiple of the fundamental, relative level) pairs that colour the tone."""


GO_HZ = 1568.0
"""The go tone's main pitch (G6, after a short G5): an octave leap, unlike any beep."""
COUNTDOWN_HZ = 1000.0
"""The countdown beep: one flat pip, nearly an octave below go's main note."""
TICK_HZ = 1760.0
"""A rep tick: a short woodblock knock, above everything else so it cuts through."""

TONES: dict[CueKind, tuple[Note, ...]] = {
    # A leap up an octave: "go" is never mistaken for a countdown pip.
    CueKind.GO: (
        Note(0, 80, 784.0, 0.45, 0.0, ((2.0, 0.1),)),
        Note(95, 260, GO_HZ, 0.45, 3.0, ((2.0, 0.1),)),
    ),
    # Two notes up a fifth: "switch" sounds like a question being answered.
    CueKind.SWITCH: (
        Note(0, 160, 660.0, 0.45, 0.0, ((2.0, 0.1),)),
        Note(190, 220, 990.0, 0.45, 3.0, ((2.0, 0.1),)),
    ),
    # Falling and soft: time to relax.
    CueKind.REST: (
        Note(0, 220, 587.33, 0.35, 1.5),
        Note(240, 380, 392.0, 0.35, 3.0),
    ),
    # A rising major arpeggio: done.
    CueKind.DONE: (
        Note(0, 160, 523.25, 0.4, 1.0),
        Note(170, 160, 659.26, 0.4, 1.0),
        Note(340, 160, 783.99, 0.4, 1.0),
        Note(510, 520, 1046.5, 0.4, 3.0, ((2.0, 0.1),)),
    ),
    CueKind.COUNTDOWN: (Note(0, 90, COUNTDOWN_HZ, 0.35),),
    CueKind.HALFWAY: (Note(0, 700, 1318.5, 0.35, 5.0, ((2.76, 0.3), (5.4, 0.1))),),
    # Longer and lower than a click (45 ms at 1760 Hz), at the same loudness as the rest.
    CueKind.TICK: (Note(0, 45, TICK_HZ, 0.4, 25.0, ((2.4, 0.25),)),),
}
"""Every built-in cue (all but the routine's own step sounds)."""


SIDE_MARKS: dict[Side, tuple[Note, ...]] = {
    # One low note for left, two high ones for right: told apart without words.
    Side.LEFT: (Note(0, 170, 392.0, 0.45, 2.0, ((2.0, 0.15),)),),
    Side.RIGHT: (
        Note(0, 70, 1174.7, 0.4, 0.0, ((2.0, 0.1),)),
        Note(110, 70, 1174.7, 0.4, 0.0, ((2.0, 0.1),)),
    ),
}
"""What follows go and switch for a side, so left and right differ with the voice off."""

SIDE_MARK_GAP_MS = 60
"""Silence between a cue's tone and its side mark."""


def _note_value(note: Note, t: float) -> float:
    length = note.length_ms / 1000
    edge = _EDGE_MS / 1000
    envelope = min(1.0, t / edge, (length - t) / edge) * math.exp(-note.decay * t)
    value = math.sin(2 * math.pi * note.frequency * t)
    for multiple, level in note.overtones:
        value += level * math.sin(2 * math.pi * note.frequency * multiple * t)
    return note.level * _FULL_SCALE * envelope * value


def render(kind: CueKind, rate: int = SAMPLE_RATE) -> Sound:
    """Synthesize the built-in cue `kind`, at the cue loudness."""
    return _rendered(kind.value, TONES[kind], rate)


def render_side_mark(side: Side, rate: int = SAMPLE_RATE) -> Sound:
    """Synthesize the mark that follows go and switch for `side`, at the cue loudness."""
    return _rendered(f"{side.value} side", SIDE_MARKS[side], rate)


def _rendered(name: str, notes: tuple[Note, ...], rate: int) -> Sound:
    total_ms = max(n.start_ms + n.length_ms for n in notes)
    mix = [0.0] * (rate * total_ms // 1000)
    for note in notes:
        first = rate * note.start_ms // 1000
        for i in range(rate * note.length_ms // 1000):
            if first + i < len(mix):
                mix[first + i] += _note_value(note, i / rate)
    return normalised(Sound(name, array("h", (clamp16(v) for v in mix)), rate), CUE_LOUDNESS_DBFS)


def file_name(kind: CueKind) -> str:
    """The file a built-in cue is kept in, inside `sounds/`."""
    return f"{kind.value}.wav"


def write_all(outdir: Path) -> list[Path]:
    """Write every built-in cue into `outdir` (created if needed); return the files."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in TONES:
        path = outdir / file_name(kind)
        # These ship with the program and are not private, so world-readable.
        write_wav(path, render(kind), mode=0o644)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """The script entry point: write the cues into the folder named on the command line."""
    if len(argv) != 1:
        print("usage: python -m evenside.audio.synth OUTDIR", file=sys.stderr)
        return 2
    for path in write_all(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
