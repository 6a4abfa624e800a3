"""Provides the cue bank: every sound a routine may play, loaded into memory when it starts.

Built-in tones come from `sounds/` (synthesized again if a file is missing),
the routine's own `sound:` files are read once, and spoken phrases are
rendered and joined to their tone, so at a boundary a cue is one `play()` call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evenside import locations
from evenside.audio import synth
from evenside.audio.phrases import ROUTINE_COMPLETE, interval_phrase, routine_phrases
from evenside.audio.voice import Voice, render_phrases
from evenside.audio.wav import SAMPLE_RATE, Sound, WavError, joined, read_wav, resampled, scaled
from evenside.engine.cue_plan import OPENING_CUE
from evenside.engine.events import CueKind
from evenside.engine.timeline import Timeline

VOICE_GAP_MS = 120
"""Silence between a boundary tone and the words that follow it."""


def load_tone(kind: CueKind, folder: Path | None = None) -> Sound:
    """A built-in cue from `sounds/`, or synthesized afresh when the file is missing or broken."""
    path = (folder or locations.sounds_dir()) / synth.file_name(kind)
    try:
        return resampled(read_wav(path, name=kind.value), SAMPLE_RATE)
    except WavError:
        return synth.render(kind)


@dataclass
class CueBank:
    """Every sound of one routine, in memory and at the chosen volume."""

    tones: dict[CueKind, Sound]
    """The built-in cues."""
    step_sounds: dict[Path, Sound] = field(default_factory=dict)
    """The routine's own `sound:` files, by path."""
    clips: dict[str, Sound] = field(default_factory=dict)
    """Spoken phrases, by their text."""
    announcements: dict[tuple[CueKind | None, str], Sound] = field(default_factory=dict)
    """A boundary tone followed by its spoken phrase, as one sound."""
    problems: list[str] = field(default_factory=list)
    """One line per sound that could not be loaded (told to the person once)."""

    @classmethod
    def load(
        cls,
        timeline: Timeline | None,
        *,
        volume: int = 100,
        voice: Voice | None = None,
        sounds_folder: Path | None = None,
        voice_folder: Path | None = None,
    ) -> CueBank:
        """Load the built-in cues and, for `timeline`, its step sounds and spoken phrases."""
        tones = {kind: scaled(load_tone(kind, sounds_folder), volume) for kind in synth.TONES}
        bank = cls(tones)
        if timeline is None:
            return bank
        for interval in timeline.intervals:
            if interval.sound is not None and interval.sound not in bank.step_sounds:
                try:
                    bank.step_sounds[interval.sound] = scaled(read_wav(interval.sound), volume)
                except WavError as error:
                    bank.problems.append(f"Cannot play the step sound {error}")
        if voice is not None:
            clips, failed = render_phrases(voice, routine_phrases(timeline), voice_folder)
            bank.clips = {text: scaled(clip, volume) for text, clip in clips.items()}
            if failed:
                bank.problems.append(
                    f"{voice.name} could not speak {len(failed)} phrase(s): tones only for those"
                )
            for interval in timeline.intervals:
                text = interval_phrase(timeline, interval)
                bank.announcement(OPENING_CUE[interval.kind], text)
            bank.announcement(CueKind.DONE, ROUTINE_COMPLETE)
        return bank

    def clip(self, text: str) -> Sound | None:
        """The spoken phrase, if it was rendered."""
        return self.clips.get(text)

    def announcement(self, tone: CueKind | None, text: str) -> Sound | None:
        """The tone (if any) then the spoken phrase, as one sound; None without the phrase."""
        key = (tone, text)
        known = self.announcements.get(key)
        if known is not None:
            return known
        clip = self.clips.get(text)
        if clip is None:
            return None
        parts = [clip] if tone is None else [self.tones[tone], clip]
        sound = joined(f"{tone.value if tone else 'voice'}: {text}", parts, VOICE_GAP_MS)
        self.announcements[key] = sound
        return sound

    def all_sounds(self) -> list[Sound]:
        """Every sound held, for backends that prepare files in advance."""
        return [
            *self.tones.values(),
            *self.step_sounds.values(),
            *self.clips.values(),
            *self.announcements.values(),
        ]
