"""Provides the cue bank: every sound a routine may play, loaded into memory when it starts.

Built-in tones come from `sounds/` (synthesized again if a file is missing),
the routine's own `sound:` files are read once, and spoken phrases are
rendered, brought to the tones' loudness and joined to their tone, so at a
boundary a cue is one `play()` call.

Words are fitted to time here, once: each interval that opens with words has
spoken forms, longest first (`phrases`); they are rendered a round at a time
until one fits the room the cue plan gives it (`engine.cue_plan`), and the
length of every rendered opening is kept in `speech_lengths`, from which the
session plans its beeps and ticks and the cue player picks the same form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from evenside import locations
from evenside.audio import synth
from evenside.audio.phrases import ROUTINE_COMPLETE, announces, gap_forms, work_forms
from evenside.audio.voice import Preparation, Voice, render_phrases
from evenside.audio.wav import (
    SAMPLE_RATE,
    Sound,
    WavError,
    joined,
    lead_trimmed,
    normalised,
    read_wav,
    resampled,
    scaled,
)
from evenside.engine.cue_plan import OPENING_CUE, Speech, choose_form, speech_room_ms
from evenside.engine.events import CueKind
from evenside.engine.timeline import Interval, IntervalKind, Timeline
from evenside.routine.model import Side
from evenside.wording import number_words

Renderer = Callable[[list[str]], tuple[dict[str, Sound], list[str]]]
"""Renders phrases, leveled (`LEVELED`): the clips by text, and the texts that failed
(`voice.render_phrases`)."""


def _leveled(clip: Sound) -> Sound:
    return normalised(lead_trimmed(resampled(clip, SAMPLE_RATE)), synth.CUE_LOUDNESS_DBFS)


LEVELED = Preparation(f"leveled{SAMPLE_RATE}at{synth.CUE_LOUDNESS_DBFS:g}dB", _leveled)
"""A clip at the tones' rate and loudness, its leading silence trimmed: the words start
when they are played and sound as loud as the tones. Kept so in the voice cache."""

VOICE_GAP_MS = 120
"""Silence between a boundary tone and the words that follow it."""
SIDED_CUES = frozenset({CueKind.GO, CueKind.SWITCH})
"""Cues followed by the side's mark (one low note for left, two high for right)."""


def load_tone(kind: CueKind, folder: Path | None = None) -> Sound:
    """A built-in cue from `sounds/`, or synthesized afresh when the file is missing or broken."""
    path = (folder or locations.sounds_dir()) / synth.file_name(kind)
    try:
        return resampled(read_wav(path, name=kind.value), SAMPLE_RATE)
    except WavError:
        return synth.render(kind)


@dataclass
class _Opening:
    """The rendered spoken forms of one interval's opening, in the order they are preferred."""

    texts: list[str] = field(default_factory=list)
    sounds: list[Sound] = field(default_factory=list)


@dataclass
class CueBank:
    """Every sound of one routine, in memory and at the chosen volume."""

    tones: dict[CueKind, Sound]
    """The built-in cues."""
    side_marks: dict[Side, Sound] = field(default_factory=dict)
    """What follows go and switch for each side."""
    step_sounds: dict[Path, Sound] = field(default_factory=dict)
    """The routine's own `sound:` files, by path."""
    clips: dict[str, Sound] = field(default_factory=dict)
    """Spoken phrases, by their text, at the cue loudness."""
    openings: dict[int, _Opening] = field(default_factory=dict)
    """Interval index -> its opening sounds (tone, gap, words), one per rendered form."""
    done: Sound | None = None
    """The done tone followed by "Routine complete" (None without a voice)."""
    counts: dict[int, Sound] = field(default_factory=dict)
    """Rep numbers spoken ("five"), for tempo sets with room for the word."""
    problems: list[str] = field(default_factory=list)
    """One line per sound that could not be loaded (told to the person once)."""
    _sided: dict[tuple[CueKind, Side | None], Sound] = field(default_factory=dict, repr=False)

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
        """Load the built-in cues and, for `timeline`, its step sounds and spoken phrases
        (only when `voice` is given: without one nothing is rendered)."""
        tones = {kind: scaled(load_tone(kind, sounds_folder), volume) for kind in synth.TONES}
        marks = {side: scaled(synth.render_side_mark(side), volume) for side in synth.SIDE_MARKS}
        bank = cls(tones, marks)
        if timeline is None:
            return bank
        for interval in timeline.intervals:
            if interval.sound is not None and interval.sound not in bank.step_sounds:
                try:
                    bank.step_sounds[interval.sound] = scaled(read_wav(interval.sound), volume)
                except WavError as error:
                    bank.problems.append(f"Cannot play the step sound {error}")
        if voice is not None:

            def render(texts: list[str]) -> tuple[dict[str, Sound], list[str]]:
                return render_phrases(voice, texts, voice_folder, preparation=LEVELED)

            bank.speak(timeline, render, voice.name, volume=volume)
        return bank

    def speak(
        self, timeline: Timeline, render: Renderer, voice_name: str, *, volume: int = 100
    ) -> None:
        """Render the words `timeline` needs with `render`, fitted to its intervals."""
        _Speaker(self, render, voice_name, volume).speak_for(timeline)

    def with_speech(
        self, timeline: Timeline, render: Renderer, voice_name: str, *, volume: int = 100
    ) -> CueBank:
        """A new bank with this one's tones and step sounds and the words `timeline` needs,
        rendered with `render`; this one is left as it is (a session may be playing it)."""
        spoken = CueBank(self.tones, self.side_marks, self.step_sounds)
        spoken.speak(timeline, render, voice_name, volume=volume)
        return spoken

    @property
    def speech(self) -> Speech:
        """How long each interval's opening sounds (preferred first) and each rep number
        play: the session's `speech`, from which the cue plan fits beeps around words."""
        openings = {
            index: tuple(sound.duration_ms for sound in opening.sounds)
            for index, opening in self.openings.items()
            if opening.sounds
        }
        return Speech(openings, {n: sound.duration_ms for n, sound in self.counts.items()})

    def clip(self, text: str) -> Sound | None:
        """The spoken phrase, if it was rendered."""
        return self.clips.get(text)

    def tone(self, kind: CueKind, side: Side | None = None) -> Sound | None:
        """The built-in cue, followed by the side's mark for go and switch."""
        key = (kind, side if kind in SIDED_CUES else None)
        known = self._sided.get(key)
        if known is not None:
            return known
        base = self.tones.get(kind)
        mark = self.side_marks.get(side) if side is not None and kind in SIDED_CUES else None
        if base is None or mark is None:
            return base
        sound = joined(f"{kind.value} {side}", [base, mark], synth.SIDE_MARK_GAP_MS)
        self._sided[key] = sound
        return sound

    def opening(self, interval: Interval) -> Sound | None:
        """The opening sound with words that the cue plan picks for `interval`, if any."""
        rendered = self.openings.get(interval.index)
        if rendered is None or not rendered.sounds:
            return None
        form = choose_form(interval, tuple(s.duration_ms for s in rendered.sounds))
        return None if form is None else rendered.sounds[form]

    def opening_text(self, interval: Interval) -> str | None:
        """The words of `opening(interval)` (for tests and `--trace` readers)."""
        rendered = self.openings.get(interval.index)
        if rendered is None or not rendered.sounds:
            return None
        form = choose_form(interval, tuple(s.duration_ms for s in rendered.sounds))
        return None if form is None else rendered.texts[form]

    def all_sounds(self) -> list[Sound]:
        """Every sound held, for backends that prepare files in advance."""
        openings = [sound for opening in self.openings.values() for sound in opening.sounds]
        return [
            *self.tones.values(),
            *self.step_sounds.values(),
            *self.clips.values(),
            *openings,
            *self.counts.values(),
            *([self.done] if self.done is not None else []),
        ]


class _Speaker:
    """Renders the words a timeline needs, a round of forms at a time, into a bank."""

    def __init__(self, bank: CueBank, render: Renderer, voice_name: str, volume: int) -> None:
        self.bank = bank
        self.render = render
        self.voice_name = voice_name
        self.volume = volume
        self.failed: set[str] = set()

    def _render(self, texts: list[str]) -> None:
        wanted = [t for t in dict.fromkeys(texts) if t not in self.bank.clips]
        if not wanted:
            return
        clips, failed = self.render(wanted)
        for text, clip in clips.items():
            self.bank.clips[text] = scaled(clip, self.volume)  # leveled as rendered
        self.failed.update(failed)

    def _opening_sound(self, interval: Interval, text: str) -> Sound | None:
        clip = self.bank.clips.get(text)
        if clip is None:
            return None
        opening = OPENING_CUE[interval.kind]
        tone = self.bank.tone(opening, interval.side) if opening is not None else None
        parts = [clip] if tone is None else [tone, clip]
        return joined(f"{opening.value if opening else 'voice'}: {text}", parts, VOICE_GAP_MS)

    def fit(self, wanted: dict[int, tuple[Interval, tuple[str, ...]]]) -> None:
        """Render forms round by round until each interval has one that keeps every other
        cue (or has run out of forms)."""
        round_number = 0
        open_ = dict(wanted)
        while open_:
            self._render(
                [forms[round_number] for _, forms in open_.values() if round_number < len(forms)]
            )
            for index, (interval, forms) in list(open_.items()):
                rendered = self.bank.openings.setdefault(index, _Opening())
                if round_number < len(forms):
                    sound = self._opening_sound(interval, forms[round_number])
                    if sound is not None:
                        rendered.texts.append(forms[round_number])
                        rendered.sounds.append(sound)
                keep_room, _ = speech_room_ms(interval)
                fits = bool(rendered.sounds) and (
                    keep_room is None or rendered.sounds[-1].duration_ms <= keep_room
                )
                if fits or round_number + 1 >= len(forms):
                    del open_[index]
            round_number += 1

    def speak_for(self, timeline: Timeline) -> None:
        intervals = timeline.intervals
        # The prep, switches and rests first: what they manage to say decides what work says.
        self.fit(
            {
                i.index: (i, gap_forms(timeline, i))
                for i in intervals
                if i.kind is not IntervalKind.WORK and gap_forms(timeline, i)
            }
        )
        unannounced: dict[int, tuple[Interval, tuple[str, ...]]] = {}
        for work in timeline.work():
            before = intervals[work.index - 1] if work.index > 0 else None
            announced = before is not None and announces(timeline, before) is work
            if announced and before is not None and self.bank.opening(before) is not None:
                continue
            unannounced[work.index] = (work, work_forms(work))
        self.fit(unannounced)
        most = max((w.reps or 0 for w in timeline.work() if w.tempo_ms), default=0)
        numbers = {n: number_words(n) for n in range(2, most + 1)}
        self._render([*numbers.values(), ROUTINE_COMPLETE])
        for n, text in numbers.items():
            clip = self.bank.clips.get(text)
            if clip is not None:
                self.bank.counts[n] = clip
        clip = self.bank.clips.get(ROUTINE_COMPLETE)
        if clip is not None:
            self.bank.done = joined(
                f"done: {ROUTINE_COMPLETE}", [self.bank.tones[CueKind.DONE], clip], VOICE_GAP_MS
            )
        if self.failed:
            self.bank.problems.append(
                f"{self.voice_name} could not speak {len(self.failed)} phrase(s): "
                "tones only for those"
            )
