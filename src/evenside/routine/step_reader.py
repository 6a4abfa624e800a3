"""Provides StepReader: turns the `steps` list (exercises, rests, nested blocks) into model steps.

Every problem is reported through the FieldReader and reading goes on, so a
file with five mistakes gets five messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evenside.routine.field_reader import FieldReader
from evenside.routine.file_kinds import file_kind
from evenside.routine.model import (
    DEFAULT_REST_MS,
    DEFAULT_SWITCH_MS,
    DEFAULT_TRANSITION_MS,
    Block,
    ExerciseStep,
    Order,
    PerSide,
    RestStep,
    Sides,
    Step,
)
from evenside.routine.slugs import slugify
from evenside.routine.yaml_nodes import Mapping, Node, Scalar, Sequence

EXERCISE_KEYS = (
    "exercise", "hold", "reps", "tempo", "sides", "order",
    "sets", "rest", "switch", "transition", "cue", "sound", "id",
)  # fmt: skip
REST_KEYS = ("rest", "cue")
BLOCK_KEYS = ("repeat", "steps", "name", "rest")
ALL_STEP_KEYS = tuple(dict.fromkeys(EXERCISE_KEYS + REST_KEYS + BLOCK_KEYS))
MAX_SETS = 100
MAX_REPS = 1000
MAX_REPEAT = 100
MAX_SOUND_BYTES = 5_000_000
"""A step sound is a cue of a few seconds; every one is read into memory when a routine starts,
so a bigger file (100 MB took 24 s) holds the start back."""


@dataclass
class StepDefaults:
    """The `defaults:` section: values for every exercise step that does not set its own."""

    rest_ms: int = DEFAULT_REST_MS
    """Rest between sets."""
    switch_ms: int = DEFAULT_SWITCH_MS
    """Pause to change sides."""
    transition_ms: int = DEFAULT_TRANSITION_MS
    """Time to get into position between two different exercises."""
    tempo_ms: int | None = None
    """Seconds per rep for reps steps."""
    sides: Sides | None = None
    """Sides worked (None: `none`)."""
    sets: PerSide[int] | None = None
    """Sets per side (None: 1)."""


class StepReader:
    """Reads steps for one routine file."""

    def __init__(self, fields: FieldReader, folder: Path) -> None:
        self.fields = fields
        """Where problems are reported."""
        self.folder = folder
        """The routine file's folder, against which `sound:` paths are resolved."""

    def steps(
        self, node: Node, defaults: StepDefaults, prefix: str, key: str
    ) -> tuple[Step, ...] | None:
        """A non-empty list of steps; `prefix` numbers nested steps as `5.2`."""
        if not isinstance(node, Sequence) or not node.items:
            what = "empty" if isinstance(node, Sequence) else _kind(node)
            self.fields.error(
                node.line, node.col, f"'{key}' must be a non-empty list of steps, not {what}"
            )
            return None
        steps: list[Step] = []
        ok = True
        for number, item in enumerate(node.items, start=1):
            step = self.step(item, defaults, f"{prefix}{number}")
            if step is None:
                ok = False
            else:
                steps.append(step)
        return tuple(steps) if ok else None

    def step(self, node: Node, defaults: StepDefaults, label: str) -> Step | None:
        """One step of any kind."""
        where = f"step {label}"
        if isinstance(node, Scalar) and node.is_null:
            self.fields.error(node.line, node.col, f"{where} is empty")
            return None
        if not isinstance(node, Mapping):
            self.fields.error(
                node.line,
                node.col,
                f"{where} must be a mapping such as 'exercise: NAME' with 'hold' or 'reps', "
                f"not {_kind(node)}",
            )
            return None
        kinds = [k for k in ("exercise", "repeat") if node.get(k) is not None]
        if len(kinds) > 1:
            self.fields.error(
                node.line,
                node.col,
                f"{where} has both 'exercise' and 'repeat'; a step is an exercise, "
                "a rest or a block, not two at once",
            )
            return None
        if kinds == ["exercise"]:
            return self.exercise(node, defaults, where)
        if kinds == ["repeat"] or node.get("steps") is not None:
            return self.block(node, defaults, label)
        if node.get("rest") is not None:
            return self.rest(node, where)
        self.fields.unknown_keys(node, ALL_STEP_KEYS, f"in {where}")
        named = [k for k in ("hold", "reps") if node.get(k) is not None]
        need = (
            f"has '{named[0]}' but no 'exercise: NAME'"
            if named
            else "needs 'exercise: NAME', 'rest: D' or 'repeat: N' with 'steps'"
        )
        self.fields.error(node.line, node.col, f"{where} {need}")
        return None

    def rest(self, node: Mapping, where: str) -> RestStep | None:
        """A rest step: `rest: D`, optionally with `cue`."""
        self.fields.unknown_keys(node, REST_KEYS, f"in {where}")
        rest_node = node.get("rest")
        assert rest_node is not None
        rest_ms = self.fields.duration(rest_node, "rest", allow_zero=True)
        cue = self.fields.optional_text(node, "cue")
        return None if rest_ms is None else RestStep(rest_ms=rest_ms, cue=cue)

    def block(self, node: Mapping, defaults: StepDefaults, label: str) -> Block | None:
        """A block: `repeat: N` rounds of `steps`, optional `name`, `rest` between rounds."""
        where = f"step {label}"
        self.fields.unknown_keys(node, BLOCK_KEYS, f"in {where}")
        repeat_node = node.get("repeat")
        repeat = None
        if repeat_node is None:
            self.fields.error(node.line, node.col, f"{where} has 'steps' but no 'repeat: N'")
        else:
            repeat = self.fields.count(repeat_node, "repeat", maximum=MAX_REPEAT)
        name = self.fields.optional_text(node, "name")
        rest_node = node.get("rest")
        rest_ms = (
            0 if rest_node is None else self.fields.duration(rest_node, "rest", allow_zero=True)
        )
        steps_node = node.get("steps")
        steps = None
        if steps_node is None:
            self.fields.error(node.line, node.col, f"{where} has 'repeat' but no 'steps'")
        else:
            steps = self.steps(steps_node, defaults, f"{label}.", "steps")
        if repeat is None or steps is None or rest_ms is None:
            return None
        return Block(repeat=repeat, steps=steps, name=name, rest_ms=rest_ms)

    def exercise(self, node: Mapping, defaults: StepDefaults, where: str) -> ExerciseStep | None:
        """An exercise step: a name and exactly one of hold or reps."""
        f = self.fields
        f.unknown_keys(node, EXERCISE_KEYS, f"in {where}")
        name = f.required_text(node, "exercise", where)
        hold_node, reps_node = node.get("hold"), node.get("reps")
        hold = reps = None
        if hold_node is not None and reps_node is not None:
            f.error(node.line, node.col, f"{where} has both 'hold' and 'reps'; keep one")
        elif hold_node is None and reps_node is None:
            f.error(node.line, node.col, f"{where} needs 'hold: D' or 'reps: N'")
        elif hold_node is not None:
            hold = f.per_side(hold_node, "hold", lambda n, k: f.duration(n, k, allow_zero=False))
        elif reps_node is not None:
            reps = f.per_side(reps_node, "reps", lambda n, k: f.count(n, k, maximum=MAX_REPS))
        tempo = defaults.tempo_ms if reps_node is not None else None
        if (tempo_node := node.get("tempo")) is not None:
            tempo = f.duration(tempo_node, "tempo", allow_zero=False)
            if hold_node is not None:
                f.warn(tempo_node.line, tempo_node.col, "'tempo' has no effect on a hold")
        sides = defaults.sides or Sides.NONE
        if (sides_node := node.get("sides")) is not None:
            sides = f.sides(sides_node) or Sides.NONE
        order = Order.BALANCE
        if (order_node := node.get("order")) is not None:
            order = f.order(order_node) or Order.BALANCE
            if sides is not Sides.BOTH:
                f.warn(order_node.line, order_node.col, "'order' only matters with 'sides: both'")
        sets = defaults.sets or PerSide.same(1)
        if (sets_node := node.get("sets")) is not None:
            sets = f.per_side_count(sets_node, "sets", maximum=MAX_SETS) or sets
        rest = self._duration_or(node, "rest", defaults.rest_ms)
        switch = self._duration_or(node, "switch", defaults.switch_ms)
        transition = self._duration_or(node, "transition", defaults.transition_ms)
        cue = f.optional_text(node, "cue")
        sound = self._sound(node.get("sound"))
        step_id = f.optional_text(node, "id")
        if step_id is None and name is not None:
            step_id = slugify(name) or name.strip()
        self._warn_unused_sides(node, sides)
        if name is None or step_id is None or (hold is None and reps is None):
            return None
        return ExerciseStep(
            exercise=name, id=step_id, hold_ms=hold, reps=reps, tempo_ms=tempo, sides=sides,
            order=order, sets=sets, rest_ms=rest, switch_ms=switch, transition_ms=transition,
            cue=cue, sound=sound,
        )  # fmt: skip

    def _duration_or(self, node: Mapping, key: str, default: int) -> int:
        value = node.get(key)
        if value is None:
            return default
        parsed = self.fields.duration(value, key, allow_zero=True)
        return default if parsed is None else parsed

    def _sound(self, node: Node | None) -> Path | None:
        if node is None:
            return None
        text = self.fields.text(node, "sound")
        if text is None:
            return None
        path = (self.folder / text.strip()).resolve()
        kind = file_kind(path)
        problem = None
        if kind is None:
            problem = f"not found next to the routine (looked for {path})"
        elif kind:
            problem = f"is {kind}, not a sound file"
        else:
            size = path.stat().st_size
            if size > MAX_SOUND_BYTES:
                # Every cue is loaded into memory when a routine starts: a big file stalls it.
                problem = (
                    f"is {size / 1_000_000:.1f} MB; a step sound is at most "
                    f"{MAX_SOUND_BYTES // 1_000_000} MB (a short WAV cue is a few hundred KB)"
                )
        if problem is not None:
            self.fields.error(node.line, node.col, f"sound file {text.strip()!r} {problem}")
            return None
        return path

    def _warn_unused_sides(self, node: Mapping, sides: Sides) -> None:
        if sides is Sides.BOTH:
            return
        for key in ("hold", "reps", "sets"):
            value = node.get(key)
            if isinstance(value, Mapping):
                self.fields.warn(
                    value.line,
                    value.col,
                    f"'{key}' gives left and right values but 'sides' is {sides.value}; "
                    "write 'sides: both' to use both",
                )


def _kind(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "empty" if node.is_null else f"the text {node.text!r}"


_Edge = tuple[str, int] | None
"""How a run of intervals starts or ends: (exercise id, its transition) for work, None for
anything else."""


@dataclass(frozen=True)
class _Run:
    """A stretch of the timeline, summed without expanding it."""

    count: int
    head: _Edge = None
    tail: _Edge = None

    def then(self, after: _Run) -> _Run:
        """This run followed by `after`, with the transition the timeline puts between them."""
        if self.count == 0:
            return after
        if after.count == 0:
            return self
        joined = (
            self.tail is not None
            and after.head is not None
            and after.head[1] > 0
            and self.tail[0] != after.head[0]
        )
        return _Run(self.count + after.count + joined, self.head, after.tail)


def _run(steps: tuple[Step, ...]) -> _Run:
    run = _Run(0)
    for step in steps:
        if isinstance(step, ExerciseStep):
            counts = [step.sets.for_side(side) for side in step.sides.worked] or [step.sets.left]
            total = sum(counts)  # one work interval per set per side
            if len(counts) == 2 and step.switch_ms > 0:
                total += min(counts)  # a switch in each set that has both sides
            if step.rest_ms > 0:
                total += max(counts) - 1
            edge = (step.id, step.transition_ms)  # a step starts and ends with its own work
            run = run.then(_Run(total, edge, edge))
        elif isinstance(step, RestStep):
            run = run.then(_Run(1) if step.rest_ms > 0 else _Run(0))
        else:
            inner = _run(step.steps)
            between = _Run(1) if step.rest_ms > 0 else _Run(0)
            for round_number in range(step.repeat):
                run = run.then(inner if round_number == 0 else between.then(inner))
    return run


def count_intervals(steps: tuple[Step, ...]) -> int:
    """How many intervals `steps` expand to (before the prep is added), without expanding them.

    Exact, transitions included, so a routine is refused before it is expanded. Rounds
    are walked one by one (at most 100 a block), never the intervals inside them.
    """
    return _run(steps).count
