"""Provides the routine model: small frozen dataclasses that a loaded routine file becomes.

Every duration is held in integer milliseconds so that sums are exact
(650 x 0.1 s in floats is less than 65 s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_PREP_MS = 5_000
DEFAULT_SWITCH_MS = 5_000
DEFAULT_TRANSITION_MS = 5_000
DEFAULT_REST_MS = 0
DEFAULT_SETS = 1
MAX_DURATION_MS = 4 * 60 * 60 * 1000


class Side(StrEnum):
    """One side of the body."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        """The opposite side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Sides(StrEnum):
    """Which sides an exercise works."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "none"

    @property
    def worked(self) -> tuple[Side, ...]:
        """The sides that are worked, in left-right order (empty for `none`)."""
        return {
            Sides.LEFT: (Side.LEFT,),
            Sides.RIGHT: (Side.RIGHT,),
            Sides.BOTH: (Side.LEFT, Side.RIGHT),
            Sides.NONE: (),
        }[self]


class Order(StrEnum):
    """Which side goes first when an exercise works both."""

    BALANCE = "balance"
    LEFT_FIRST = "left-first"
    RIGHT_FIRST = "right-first"


@dataclass(frozen=True)
class PerSide(Generic[T]):
    """A value that may differ between left and right (equal when written once)."""

    left: T
    """The value for the left side (and for exercises without a side)."""
    right: T
    """The value for the right side."""

    @classmethod
    def same(cls, value: T) -> PerSide[T]:
        """The same value on both sides."""
        return cls(value, value)

    def for_side(self, side: Side | None) -> T:
        """The value for `side`; `None` (no side) reads the left value."""
        return self.right if side is Side.RIGHT else self.left

    @property
    def uniform(self) -> bool:
        """True when both sides have the same value."""
        return self.left == self.right


@dataclass(frozen=True)
class ExerciseStep:
    """An exercise: a hold or a number of reps, on one side, both, or none."""

    exercise: str
    """The name shown and spoken."""
    id: str
    """A stable key for history and balance (a slug of the name unless given)."""
    hold_ms: PerSide[int] | None = None
    """How long each side is held; None for a reps exercise."""
    reps: PerSide[int] | None = None
    """Repetitions per side; None for a hold."""
    tempo_ms: int | None = None
    """Milliseconds per rep; makes reps timed. None means the person says when the set is done."""
    sides: Sides = Sides.NONE
    """Which sides are worked."""
    order: Order = Order.BALANCE
    """For two sides: which goes first."""
    sets: PerSide[int] = field(default_factory=lambda: PerSide.same(DEFAULT_SETS))
    """Sets per side; each set does every side once."""
    rest_ms: int = DEFAULT_REST_MS
    """Rest between the sets of this step."""
    switch_ms: int = DEFAULT_SWITCH_MS
    """Pause to change sides inside a set."""
    transition_ms: int = DEFAULT_TRANSITION_MS
    """Time to get into position for this step when it follows another exercise directly."""
    cue: str | None = None
    """A short instruction, shown and spoken."""
    sound: Path | None = None
    """A WAV file played when the step starts (absolute path, checked to exist)."""

    @property
    def is_hold(self) -> bool:
        """True for a timed hold, False for reps."""
        return self.hold_ms is not None

    def work_ms(self, side: Side | None) -> int | None:
        """How long one set lasts on `side`; None when the reps are untimed."""
        if self.hold_ms is not None:
            return self.hold_ms.for_side(side)
        if self.reps is not None and self.tempo_ms is not None:
            return self.reps.for_side(side) * self.tempo_ms
        return None


@dataclass(frozen=True)
class RestStep:
    """A rest written as its own step."""

    rest_ms: int
    """How long to rest."""
    cue: str | None = None
    """Optional words shown during the rest."""


@dataclass(frozen=True)
class Block:
    """A group of steps repeated a number of rounds."""

    repeat: int
    """How many rounds."""
    steps: tuple[Step, ...]
    """The steps of one round."""
    name: str | None = None
    """An optional name, e.g. "Activation circuit"."""
    rest_ms: int = 0
    """Rest between rounds (not after the last)."""


Step = ExerciseStep | RestStep | Block


@dataclass(frozen=True)
class Routine:
    """A whole routine, as loaded from one YAML file."""

    name: str
    """Shown in the library and in history."""
    steps: tuple[Step, ...]
    """The steps, in order."""
    summary: str | None = None
    """One line for the library list."""
    description: str | None = None
    """Longer text shown before starting (safety notes)."""
    tags: tuple[str, ...] = ()
    """Words for filtering."""
    prep_ms: int = DEFAULT_PREP_MS
    """The get-ready countdown before the first work interval."""
    source: Path | None = None
    """The file it was loaded from."""
    content_hash: str = ""
    """SHA-256 of the file's bytes, recorded with each session."""

    def exercises(self) -> list[ExerciseStep]:
        """Every distinct exercise step (by id), in first-appearance order."""
        seen: dict[str, ExerciseStep] = {}

        def walk(steps: tuple[Step, ...]) -> None:
            for step in steps:
                if isinstance(step, ExerciseStep):
                    seen.setdefault(step.id, step)
                elif isinstance(step, Block):
                    walk(step.steps)

        walk(self.steps)
        return list(seen.values())
