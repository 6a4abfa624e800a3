"""Provides the program loader: a YAML file in, a Program or every problem with its line out.

It reads with the routine package's YAML node reader and FieldReader, so a
program's problems read exactly like a routine's (FILE:LINE:COL: error: ...).
Each routine the schedule names is found and loaded; one that does not load is
an error at the line that names it.
"""

from __future__ import annotations

import re
from pathlib import Path

from evenside import locations
from evenside.program.model import (
    WEEKDAYS,
    DayKind,
    Days,
    Program,
    Progress,
    ScheduleLine,
    StepRule,
)
from evenside.routine.diagnostics import Diagnostic, RoutineError, Severity
from evenside.routine.durations import DurationError, parse_duration
from evenside.routine.field_reader import MAX_DIAGNOSTICS, FieldReader, TooManyProblems
from evenside.routine.finder import SUFFIXES, RoutineNotFound, bundled_programs_dir, find_routine
from evenside.routine.loader import check_file, load_routine
from evenside.routine.program_kind import is_program_file
from evenside.routine.program_schema import MAX_REPS_LIMIT, MAX_TIMES, MAX_WEEKS
from evenside.routine.yaml_nodes import (
    MAX_FILE_BYTES,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlReadError,
    decode,
    read_yaml,
)

TOP_KEYS = ("name", "summary", "description", "tags", "weeks", "schedule", "progress")
LINE_KEYS = ("routine", "days", "times")
PROGRESS_KEYS = ("every", "hold", "reps", "pain")
PAIN_KEYS = ("during", "morning")
_STEP = re.compile(r"^\s*\+\s*(?P<step>.+?)\s+up\s+to\s+(?P<limit>.+?)\s*$")
_EVERY = re.compile(r"^\s*(?P<n>[0-9]+)\s*(?P<unit>days?|weeks?)\s*$")
_PER_WEEK = re.compile(r"^\s*(?P<n>[0-9]+)\s*(?:per|a|x)\s*week\s*$")
_MORNING_RISE = re.compile(r"^\s*(?:\+\s*)?(?P<n>[0-9]+)\s*(?:worse)?\s*$")


def load_program(path: Path | str) -> Program:
    """Load the program at `path`; raise RoutineError listing every problem if it has errors."""
    program, diagnostics = _load(Path(path))
    if program is None:
        raise RoutineError(sorted(diagnostics, key=lambda d: d.severity is not Severity.ERROR))
    return program


def check_program_file(path: Path | str) -> list[Diagnostic]:
    """Every problem in the program at `path`, errors and warnings, in file order."""
    return _load(Path(path))[1]


def check_routine_or_program(path: Path | str) -> list[Diagnostic]:
    """`evenside check`: the problems of a program file, or of a routine file."""
    if is_program_file(Path(path)):
        return check_program_file(path)
    return check_file(path)


def find_program(name_or_path: str) -> Path:
    """The program file for a name or path (where routines are looked for); RoutineNotFound
    when there is none, or when the file found is a routine."""
    try:
        path = find_routine(name_or_path)
    except RoutineNotFound as error:
        bundled = _bundled_program(name_or_path)
        if bundled is None:
            if "no such file" in str(error):
                raise
            raise RoutineNotFound(
                f"no program named {name_or_path!r} (looked in "
                f"{locations.user_routines_dir()} and {bundled_programs_dir()})"
            ) from None
        path = bundled
    if not is_program_file(path):
        raise RoutineNotFound(
            f"{path} is a routine, not a program (a program has 'schedule:'); "
            "'evenside play' plays a routine"
        )
    return path


def _bundled_program(name: str) -> Path | None:
    for suffix in SUFFIXES:
        candidate = bundled_programs_dir() / f"{name}{suffix}"
        if "/" not in name and candidate.is_file():
            return candidate
    return None


def _load(path: Path) -> tuple[Program | None, list[Diagnostic]]:
    report = FieldReader(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        report.error(1, 1, f"cannot read the file: {error.strerror or error}")
        return None, report.diagnostics
    if len(data) > MAX_FILE_BYTES:
        report.error(1, 1, f"file is too large; a program is at most {MAX_FILE_BYTES // 1000} KB")
        return None, report.diagnostics
    try:
        document = read_yaml(decode(data))
    except YamlReadError as error:
        report.error(error.line, error.col, error.message)
        return None, report.diagnostics
    program: Program | None = None
    try:
        for key, first in document.duplicates:
            report.error(
                key.line,
                key.col,
                f"duplicate key {key.text!r} (first given on line {first.line}); keep only one",
            )
        root = document.root
        if not isinstance(root, Mapping):
            report.error(1, 1, "a program must be a mapping with 'name' and 'schedule'")
        else:
            program = _program(root, path, report)
    except TooManyProblems:
        program = None
    report.diagnostics.sort(key=lambda d: (d.line, d.col))
    if len(report.diagnostics) >= MAX_DIAGNOSTICS:
        last = report.diagnostics[-1]
        message = f"too many problems; stopped after {MAX_DIAGNOSTICS}"
        report.diagnostics.append(Diagnostic(path, last.line, last.col, Severity.ERROR, message))
    return (None if report.has_errors else program), report.diagnostics


def _program(root: Mapping, path: Path, report: FieldReader) -> Program | None:
    report.unknown_keys(root, TOP_KEYS, "at the top level of a program")
    name = report.required_text(root, "name", "the program")
    summary = report.optional_text(root, "summary")
    description = report.optional_text(root, "description")
    weeks_node = root.get("weeks")
    weeks = None
    if weeks_node is not None and not (isinstance(weeks_node, Scalar) and weeks_node.is_null):
        weeks = report.count(weeks_node, "weeks", maximum=MAX_WEEKS)
    schedule_node = root.get("schedule")
    lines: list[ScheduleLine] = []
    if schedule_node is None:
        report.error(root.line, root.col, "missing 'schedule': a program needs a list of routines")
    elif not isinstance(schedule_node, Sequence) or not schedule_node.items:
        report.error(
            schedule_node.line,
            schedule_node.col,
            "'schedule' must be a list, e.g. - routine: psoas-stretches",
        )
    else:
        seen: dict[str, int] = {}
        for item in schedule_node.items:
            line = _schedule_line(item, path, report)
            if line is None:
                continue
            if line.key in seen:
                report.error(
                    item.line,
                    item.col,
                    f"routine {line.key!r} is already scheduled on line {seen[line.key]}; "
                    "give it one line (with 'times' for more than once a day)",
                )
                continue
            seen[line.key] = item.line
            lines.append(line)
    progress_node = root.get("progress")
    progress = None
    if progress_node is not None and not (
        isinstance(progress_node, Scalar) and progress_node.is_null
    ):
        progress = _progress(progress_node, report)
    if name is None or report.has_errors:
        return None
    return Program(
        name=name,
        key=path.stem,
        schedule=tuple(lines),
        weeks=weeks,
        summary=summary,
        description=description,
        progress=progress,
        source=path.resolve(),
    )


def _routine_path(ref: str, program_path: Path) -> Path:
    looks_like_path = "/" in ref or "\\" in ref or ref.endswith(SUFFIXES)
    if looks_like_path:
        beside = (program_path.parent / ref).expanduser()
        if beside.is_file():
            return beside
        raise RoutineNotFound(f"no such file: {ref} (paths are relative to the program file)")
    try:
        return find_routine(ref)
    except RoutineNotFound:
        for suffix in SUFFIXES:
            beside = program_path.parent / f"{ref}{suffix}"
            if beside.is_file():
                return beside
        raise


def _schedule_line(node: Node, path: Path, report: FieldReader) -> ScheduleLine | None:
    if not isinstance(node, Mapping):
        report.error(node.line, node.col, "each schedule line must be a mapping with 'routine'")
        return None
    report.unknown_keys(node, LINE_KEYS, "in a schedule line")
    ref = report.required_text(node, "routine", "a schedule line")
    days_node = node.get("days")
    days = _days(days_node, report) if days_node is not None else Days(DayKind.DAILY)
    times_node = node.get("times")
    times = 1 if times_node is None else report.count(times_node, "times", maximum=MAX_TIMES)
    if ref is None:
        return None
    ref_node = node.get("routine")
    assert ref_node is not None
    try:
        routine_path = _routine_path(ref.strip(), path)
    except RoutineNotFound as error:
        report.error(ref_node.line, ref_node.col, f"unknown routine {ref!r}: {error}")
        return None
    if is_program_file(routine_path):
        report.error(ref_node.line, ref_node.col, f"{ref!r} is a program; schedule routines only")
        return None
    try:
        routine = load_routine(routine_path)
    except RoutineError as error:
        report.error(
            ref_node.line,
            ref_node.col,
            f"routine {ref!r} does not load ({len(error.errors)} error(s)): "
            f"evenside check {routine_path}",
        )
        return None
    if days is None or times is None:
        return None
    return ScheduleLine(routine_ref=ref.strip(), routine=routine, days=days, times=times)


def _days(node: Node, report: FieldReader) -> Days | None:
    hint = "write daily, weekdays, a list such as [mon, wed, fri], or '3 per week'"
    if isinstance(node, Sequence):
        found: set[int] = set()
        for item in node.items:
            day = _weekday(item.text) if isinstance(item, Scalar) else None
            if day is None:
                shown = item.text if isinstance(item, Scalar) else "a nested value"
                report.error(item.line, item.col, f"unknown day {shown!r}; days are mon to sun")
                continue
            found.add(day)
        if not node.items:
            report.error(node.line, node.col, f"'days' is an empty list; {hint}")
            return None
        return Days(DayKind.LISTED, weekdays=frozenset(found)) if found else None
    text = node.text.strip().lower() if isinstance(node, Scalar) else ""
    if text in ("daily", "every day"):
        return Days(DayKind.DAILY)
    if text == "weekdays":
        return Days(DayKind.WEEKDAYS)
    match = _PER_WEEK.fullmatch(text)
    if match:
        n = int(match.group("n"), 10)
        if 1 <= n <= 7:
            return Days(DayKind.PER_WEEK, per_week=n)
        report.error(node.line, node.col, f"'days': {n} per week must be 1 to 7")
        return None
    day = _weekday(text)
    if day is not None:
        return Days(DayKind.LISTED, weekdays=frozenset({day}))
    report.error(node.line, node.col, f"unknown days {text or 'value'!r}; {hint}")
    return None


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(text: str) -> int | None:
    """Monday 0 for "mon" or "Monday"; None for anything else."""
    word = text.strip().lower()
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    return _DAY_NAMES.index(word) if word in _DAY_NAMES else None


def _progress(node: Node, report: FieldReader) -> Progress | None:
    if not isinstance(node, Mapping):
        report.error(node.line, node.col, "'progress' must be a mapping with 'every' and 'pain'")
        return None
    report.unknown_keys(node, PROGRESS_KEYS, "in progress")
    every_days = _every(node, report)
    hold = _step(node.get("hold"), "hold", report)
    reps = _step(node.get("reps"), "reps", report)
    if node.get("hold") is None and node.get("reps") is None:
        report.error(node.line, node.col, "'progress' needs 'hold' or 'reps' (how a step goes)")
    pain = node.get("pain")
    during, rise = None, 0
    if pain is None:
        report.error(node.line, node.col, "'progress' needs 'pain' (e.g. during: 5)")
    elif not isinstance(pain, Mapping):
        report.error(pain.line, pain.col, "'pain' must be a mapping with 'during' and 'morning'")
    else:
        report.unknown_keys(pain, PAIN_KEYS, "in pain")
        during_node = pain.get("during")
        if during_node is None:
            report.error(pain.line, pain.col, "'pain' needs 'during' (the highest acceptable)")
        else:
            during = report.count(during_node, "during", minimum=0, maximum=10)
        morning = pain.get("morning")
        if morning is not None:
            rise_or_none = _morning(morning, report)
            rise = rise_or_none if rise_or_none is not None else 0
    if every_days is None or during is None or report.has_errors:
        return None
    return Progress(
        every_days=every_days, hold=hold, reps=reps, pain_during=during, morning_rise=rise
    )


def _every(node: Mapping, report: FieldReader) -> int | None:
    every = node.get("every")
    if every is None:
        report.error(node.line, node.col, "'progress' needs 'every' (e.g. every: 1 week)")
        return None
    match = _EVERY.fullmatch(every.text) if isinstance(every, Scalar) else None
    if match is None or int(match.group("n"), 10) == 0:
        report.error(every.line, every.col, "'every' must be a number of days or weeks: 1 week")
        return None
    n = int(match.group("n"), 10)
    return n * 7 if match.group("unit").startswith("week") else n


def _morning(node: Node, report: FieldReader) -> int | None:
    text = node.text.strip().lower() if isinstance(node, Scalar) else ""
    if text == "no worse":
        return 0
    match = _MORNING_RISE.fullmatch(text)
    if match and int(match.group("n"), 10) <= 10:
        return int(match.group("n"), 10)
    report.error(node.line, node.col, "'morning' must be 'no worse' or the points it may rise")
    return None


def _step(node: Node | None, key: str, report: FieldReader) -> StepRule | None:
    if node is None:
        return None
    example = "+5s up to 2m" if key == "hold" else "+2 up to 15"
    match = _STEP.fullmatch(node.text) if isinstance(node, Scalar) else None
    if match is None:
        report.error(node.line, node.col, f"'{key}' must be a step and a limit, e.g. {example}")
        return None
    try:
        if key == "hold":
            step = parse_duration(match.group("step"), allow_zero=False)
            limit = parse_duration(match.group("limit"), allow_zero=False)
        else:
            step, limit = int(match.group("step"), 10), int(match.group("limit"), 10)
    except (DurationError, ValueError):
        report.error(node.line, node.col, f"'{key}': bad step size or limit; e.g. {example}")
        return None
    if step <= 0 or limit <= 0 or (key == "reps" and limit > MAX_REPS_LIMIT):
        report.error(node.line, node.col, f"'{key}': the step and limit must be above 0")
        return None
    if step > limit:
        report.error(node.line, node.col, f"'{key}': the step is larger than the limit")
        return None
    return StepRule(step=step, limit=limit)
