"""Provides a listener for the audio tests: every ALSA stream recorded at real-time pace with
the clock reading of its first sample, then its tones identified and its words recognised.

ALSA's file plugin pipes each stream into a small recorder (C, built with gcc
on first use, since a Python recorder starts too late to matter): it notes
CLOCK_MONOTONIC when the stream opens, shrinks the pipe to one page and reads
no faster than the audio would play, so a player that closes its device early
is cut as a speaker would cut it. `Stream` reads what it wrote back.
"""

from __future__ import annotations

import hashlib
import math
import re
import subprocess
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.support.tools import require_tool

RECORDER_SOURCE = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  int64_t opened = now_ns();
  fcntl(0, F_SETPIPE_SZ, 4096);
  char path[4096];
  snprintf(path, sizeof path, "%s/stream-%lld-%d.wav", argv[1], (long long)opened, getpid());
  FILE *out = fopen(path, "wb");
  if (!out) return 1;
  unsigned char header[44];
  size_t got = 0;
  while (got < sizeof header) {
    ssize_t n = read(0, header + got, sizeof header - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  fwrite(header, 1, got, out);
  uint32_t rate = 0, byte_rate = 0;
  if (got == sizeof header) { memcpy(&rate, header + 24, 4); memcpy(&byte_rate, header + 28, 4); }
  unsigned char buffer[512];
  int64_t data = 0;
  for (;;) {
    /* Read no faster than the audio plays. */
    if (byte_rate) {
      int64_t due = opened + data * 1000000000LL / byte_rate;
      int64_t wait = due - now_ns();
      if (wait > 0) {
        struct timespec t = { wait / 1000000000LL, wait % 1000000000LL };
        nanosleep(&t, NULL);
      }
    }
    ssize_t n = read(0, buffer, sizeof buffer);
    if (n <= 0) break;
    fwrite(buffer, 1, (size_t)n, out);
    data += n;
  }
  fclose(out);
  char meta[4096];
  snprintf(meta, sizeof meta, "%s.end", path);
  FILE *end = fopen(meta, "w");
  if (end) { fprintf(end, "%lld\n", (long long)now_ns()); fclose(end); }
  return 0;
}
"""


@cache
def recorder() -> Path:
    """The recorder program, built once per source (needs gcc)."""
    require_tool("gcc")
    digest = hashlib.sha256(RECORDER_SOURCE.encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"evenside-listener-{digest}"
    program = folder / "recorder"
    if not program.exists():
        folder.mkdir(exist_ok=True)
        source = folder / "recorder.c"
        source.write_text(RECORDER_SOURCE)
        built = folder / f"recorder.{id(source)}"
        subprocess.run(["gcc", "-O2", "-o", str(built), str(source)], check=True, timeout=60)
        built.replace(program)
    return program


def listener_config(folder: Path, captures: Path) -> Path:
    """ALSA's default device records each stream, with its start, into `captures`."""
    captures.mkdir(exist_ok=True)
    config = folder / "listener.conf"
    config.write_text(
        "pcm.!default { type file; slave.pcm { type null }; "
        f'file "|exec {recorder()} {captures}"; format "wav" }}\n'
    )
    return config


@dataclass
class Stream:
    """One captured stream."""

    start_ns: int
    """CLOCK_MONOTONIC when the stream opened (its first sample)."""
    rate: int
    channels: int
    left: array[int]
    """The samples of the first (or only) channel."""
    right: array[int]
    """The second channel's samples (the first channel's again for mono)."""

    @property
    def duration_ms(self) -> int:
        return len(self.left) * 1000 // self.rate

    def mono(self) -> array[int]:
        """Both channels mixed (the louder of the two, per sample)."""
        if self.channels == 1:
            return self.left
        return array(
            "h", (a if abs(a) >= abs(b) else b for a, b in zip(self.left, self.right, strict=True))
        )


def read_streams(captures: Path) -> list[Stream]:
    """Every stream recorded into `captures`, in the order they started."""
    streams = []
    for path in sorted(captures.glob("stream-*.wav")):
        data = path.read_bytes()
        if len(data) < 44:
            continue
        channels = int.from_bytes(data[22:24], "little")
        rate = int.from_bytes(data[24:28], "little")
        samples = array("h")
        raw = data[44:]
        samples.frombytes(raw[: len(raw) - len(raw) % (2 * channels)])
        start = int(path.name.split("-")[1])
        left = samples[0::channels] if channels > 1 else samples
        right = samples[1::channels] if channels > 1 else samples
        streams.append(Stream(start, rate, channels, left, right))
    return sorted(streams, key=lambda s: s.start_ns)


FLOOR = 200
"""Samples below this are silence (about -44 dBFS)."""


def segments(samples: array[int], rate: int, gap_ms: int = 60) -> list[tuple[int, int]]:
    """The sounding stretches of `samples`, as (start, end) in ms, split at silences of at
    least `gap_ms`."""
    step = rate // 200  # 5 ms
    loud = [
        max((abs(s) for s in samples[i : i + step]), default=0) > FLOOR
        for i in range(0, len(samples), step)
    ]
    found: list[tuple[int, int]] = []
    start = None
    quiet = 0
    for index, on in enumerate(loud):
        if on:
            if start is None:
                start = index
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet * 5 >= gap_ms:
                found.append((start * 5, (index - quiet + 1) * 5))
                start, quiet = None, 0
    if start is not None:
        found.append((start * 5, (len(loud) - quiet) * 5))
    return found


def loudness_db(samples: Iterable[int], rate: int) -> float:
    """RMS of the 10 ms frames above -45 dBFS, in dBFS (full scale = 0)."""
    values = list(samples)
    frame = max(1, rate // 100)
    gate = (10 ** (-45 / 20) * 32768) ** 2
    total, count = 0.0, 0
    for i in range(0, len(values), frame):
        chunk = values[i : i + frame]
        energy = sum(v * v for v in chunk)
        if energy >= gate * len(chunk):
            total += energy
            count += len(chunk)
    return 10 * math.log10(total / count / 32768**2) if count else -120.0


def pitch_hz(samples: array[int], rate: int) -> float:
    """The strongest of a set of candidate pitches over these samples (Goertzel)."""
    best, best_power = 0.0, -1.0
    for hz in TONE_PITCHES.values():
        power = _goertzel(samples, rate, hz)
        if power > best_power:
            best, best_power = hz, power
    return best


def _goertzel(samples: array[int], rate: int, frequency: float) -> float:
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before


TONE_PITCHES = {
    "go": 784.0,
    "switch": 660.0,
    "rest": 587.33,
    "done": 523.25,
    "countdown": 1000.0,
    "halfway": 1318.5,
    "tick": 1760.0,
    "mark/left": 392.0,
    "mark/right": 1174.7,
    "tick-before": 2000.0,
    "go-before": 880.0,
}
"""The first note of each built-in cue (today's and, as "-before", the ones they replace)."""


def ends_quietly(stream: Stream, ms: int = 30) -> bool:
    """True when the stream's last `ms` are silence: it played out, it was not cut off."""
    tail = stream.mono()[-(stream.rate * ms // 1000) :]
    return max((abs(s) for s in tail), default=0) <= FLOOR


def tonal(samples: array[int], rate: int) -> bool:
    """True for a cue's tone, False for words: most of a tone's energy is at one pitch."""
    head = samples[: rate * 40 // 1000]
    energy = sum(s * s for s in head)
    if not energy:
        return False
    strongest = max(_goertzel(head, rate, hz) for hz in TONE_PITCHES.values())
    return strongest / (energy * len(head) / 2) > 0.5


def tone_name(samples: array[int], rate: int) -> str:
    """Which cue a sound opens with, from the pitch of its first 40 ms."""
    head = samples[: rate * 40 // 1000]
    hz = pitch_hz(head, rate)
    return next(name for name, pitch in TONE_PITCHES.items() if pitch == hz).split("-")[0]


@dataclass(frozen=True)
class Heard:
    """A sound as the listener heard it: when, how long, what."""

    start_ms: float
    """From the session's start."""
    end_ms: float
    kind: str
    """A cue name ("go", "countdown"...) or "speech"."""
    level_db: float
    channel: str
    """ "left", "right" or "both"."""
    words: tuple[tuple[str, float], ...] = ()
    """Words recognised, with their start (ms from the session's start)."""


def channel_of(stream: Stream) -> str:
    if stream.channels == 1:
        return "both"
    left = max((abs(s) for s in stream.left), default=0)
    right = max((abs(s) for s in stream.right), default=0)
    if left > FLOOR and right <= FLOOR:
        return "left"
    if right > FLOOR and left <= FLOOR:
        return "right"
    return "both"


class Recogniser:
    """pocketsphinx, held to a grammar of the routine's words."""

    def __init__(self, words: Iterable[str]) -> None:
        vocabulary = sorted({w.lower() for w in words if re.fullmatch(r"[a-z]+", w.lower())})
        self._grammar = (
            "#JSGF V1.0;\ngrammar routine;\npublic <said> = ( " + " | ".join(vocabulary) + " )* ;\n"
        )

    def _decoder(self) -> Any:
        # A fresh decoder for each sound: one kept across sounds carries its adaptation
        # from one to the next and stops hearing short words after a run of numbers.
        from pocketsphinx import Decoder

        decoder = Decoder(loglevel="FATAL", lm=None)
        decoder.add_jsgf_string("routine", self._grammar)
        decoder.activate_search("routine")
        return decoder

    def words(self, samples: array[int], rate: int) -> list[tuple[str, float]]:
        """The words heard in `samples`, each with its start in ms from the first sample."""
        count = len(samples) * 16_000 // rate
        resampled = array("h", bytes(2 * count))
        last = len(samples) - 1
        for i in range(count):
            position = i * rate / 16_000
            a = int(position)
            b = min(a + 1, last)
            resampled[i] = int(samples[a] + (samples[b] - samples[a]) * (position - a))
        decoder = self._decoder()
        decoder.start_utt()
        decoder.process_raw(resampled.tobytes(), full_utt=True)
        decoder.end_utt()
        return [
            (re.sub(r"\(\d+\)$", "", seg.word), seg.start_frame * 10.0)
            for seg in (decoder.seg() or [])
            if not seg.word.startswith(("<", "["))
        ]


def routine_words(texts: Iterable[str]) -> set[str]:
    """The words of these phrases, lower case."""
    return {w for text in texts for w in re.findall(r"[a-z]+", text.lower())}


def listen(streams: list[Stream], t0_ns: int, recogniser: Recogniser | None = None) -> list[Heard]:
    """What was heard, each sound split into its tone and its words, from the session start."""
    heard: list[Heard] = []
    for stream in streams:
        base = (stream.start_ns - t0_ns) / 1e6
        samples = stream.mono()
        parts = segments(samples, stream.rate)
        if not parts:
            continue
        channel = channel_of(stream)
        first_start, first_end = parts[0]
        lo = stream.rate * first_start // 1000
        first = samples[lo : stream.rate * first_end // 1000]
        if not tonal(first, stream.rate):
            # Words with no tone before them (a prep): one speech part.
            speech_parts = parts
        else:
            heard.append(
                Heard(
                    base + first_start,
                    base + first_end,
                    tone_name(first, stream.rate),
                    loudness_db(first, stream.rate),
                    channel,
                )
            )
            tail = first[-(stream.rate * 60 // 1000) :]
            sided = heard[-1].kind in ("go", "switch")
            if (
                sided
                and tone_name(tail, stream.rate).startswith("mark/")
                and tonal(tail, stream.rate)
            ):
                # A side mark just after go or switch, heard as part of the same sound.
                heard.append(
                    Heard(
                        base + first_end - 60,
                        base + first_end,
                        tone_name(tail, stream.rate),
                        loudness_db(tail, stream.rate),
                        channel,
                    )
                )
            speech_parts = parts[1:]
            if speech_parts and speech_parts[0][0] - first_end < 100:
                # A side mark right after go or switch (its words come later).
                mark_start, mark_end = speech_parts.pop(0)
                mark = samples[stream.rate * mark_start // 1000 : stream.rate * mark_end // 1000]
                heard.append(
                    Heard(
                        base + mark_start,
                        base + mark_end,
                        tone_name(mark, stream.rate),
                        loudness_db(mark, stream.rate),
                        channel,
                    )
                )
        if not speech_parts:
            continue
        start, end = speech_parts[0][0], speech_parts[-1][1]
        words = samples[stream.rate * start // 1000 : stream.rate * end // 1000]
        recognised: tuple[tuple[str, float], ...] = ()
        if recogniser is not None:
            # From the first sounding sample: silence before the words puts the recogniser off.
            found = {(word, base + start + at) for word, at in recogniser.words(words, stream.rate)}
            # Once more from a little earlier: a soft first sound may sit under the floor.
            early = max(0, start - 25)
            wider = samples[stream.rate * early // 1000 : stream.rate * end // 1000]
            found |= {
                (word, base + early + at) for word, at in recogniser.words(wider, stream.rate)
            }
            recognised = tuple(sorted(found, key=lambda item: item[1]))
        heard.append(
            Heard(
                base + start,
                base + end,
                "speech",
                loudness_db(words, stream.rate),
                channel,
                recognised,
            )
        )
    return sorted(heard, key=lambda h: h.start_ms)
