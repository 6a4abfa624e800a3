"""Provides the routine loader: a YAML file in, a Routine or every problem with its line out.

`load_routine` raises RoutineError listing all problems; `check_file` returns
them (warnings too) without raising. Neither ever lets an exception other
than RoutineError escape for bad input.
"""

from __future__ import annotations

import os
from pathlib import Path

from evenside.routine import cache as routine_cache
from evenside.routine.diagnostics import Diagnostic, RoutineError, Severity
from evenside.routine.field_reader import MAX_DIAGNOSTICS, FieldReader, TooManyProblems
from evenside.routine.file_kinds import file_kind
from evenside.routine.model import DEFAULT_PREP_MS, Routine, Step
from evenside.routine.step_reader import StepDefaults, StepReader, count_intervals
from evenside.routine.yaml_nodes import (
    MAX_FILE_BYTES,
    Document,
    Mapping,
    Scalar,
    Sequence,
    YamlReadError,
    decode,
    read_yaml,
)

try:
    # CPython's built-in SHA-256 loads in about 0.3 ms; hashlib loads OpenSSL first (about
    # 4 ms of every command's start). The digest is the same; hashlib where it is missing.
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256 as _sha256

TOP_KEYS = ("name", "summary", "description", "tags", "defaults", "steps")
DEFAULT_KEYS = ("prep", "rest", "switch", "transition", "sides", "sets", "tempo")
MAX_INTERVALS = 10_000
"""A routine that expands past this is a mistake (e.g. `repeat: 100` inside `repeat: 100`)."""


def load_routine(path: Path | str) -> Routine:
    """Load the routine at `path`; raise RoutineError listing every problem if it has errors."""
    routine, diagnostics = _load_cached(Path(path))
    if routine is None:
        ordered = sorted(diagnostics, key=lambda d: d.severity is not Severity.ERROR)
        raise RoutineError(ordered)
    return routine


def load_with_warnings(path: Path | str) -> tuple[Routine, list[Diagnostic]]:
    """Like load_routine, but also return the warnings of a routine that loads."""
    routine, diagnostics = _load_cached(Path(path))
    if routine is None:
        raise RoutineError(sorted(diagnostics, key=lambda d: d.severity is not Severity.ERROR))
    return routine, diagnostics


def check_file(path: Path | str) -> list[Diagnostic]:
    """Every problem in the file at `path`, errors and warnings, in file order."""
    return _load_cached(Path(path))[1]


def _load_cached(path: Path) -> tuple[Routine | None, list[Diagnostic]]:
    """`_load` through the cache of checked routines (cache.py): a file that loaded before,
    unchanged since, is not parsed again."""
    if file_kind(path) != "":
        return _load(path)  # a folder, pipe or device: said so, and never opened
    cached = routine_cache.lookup(path)
    if cached is not None:
        return cached
    routine, diagnostics = _load(path)
    if routine is not None:
        routine_cache.store(path, routine, diagnostics)
    return routine, diagnostics


def _read_bytes(path: Path, report: FieldReader) -> bytes | None:
    # The file's type first: opening a named pipe would wait for a writer for ever.
    kind = file_kind(path)
    if kind == "a folder":
        report.error(1, 1, "is a folder holding no routine files (.yaml)")
        return None
    if kind:
        report.error(1, 1, f"is {kind}, not a routine file")
        return None
    try:
        # Non-blocking, in case it became a pipe since: a regular file reads as usual.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        report.error(1, 1, f"cannot read the file: {error.strerror or error}")
        return None
    if len(data) > MAX_FILE_BYTES:
        try:
            size = f"{path.stat().st_size / 1_000_000:.1f} MB"
        except OSError:
            size = f"over {MAX_FILE_BYTES // 1000} KB"
        report.error(
            1,
            1,
            f"file is too large ({size}); a routine file is at most {MAX_FILE_BYTES // 1000} KB",
        )
        return None
    return data


def _load(path: Path) -> tuple[Routine | None, list[Diagnostic]]:
    report = FieldReader(path)
    data = _read_bytes(path, report)
    if data is None:
        return None, report.diagnostics
    try:
        document = read_yaml(decode(data))
    except YamlReadError as error:
        report.error(error.line, error.col, error.message)
        return None, report.diagnostics
    try:
        routine = _document(document, path, report, _sha256(data).hexdigest())
    except TooManyProblems:
        routine = None
    report.diagnostics.sort(key=lambda d: (d.line, d.col))
    if len(report.diagnostics) >= MAX_DIAGNOSTICS:
        last = report.diagnostics[-1]
        message = f"too many problems; stopped after {MAX_DIAGNOSTICS}"
        report.diagnostics.append(Diagnostic(path, last.line, last.col, Severity.ERROR, message))
    return (None if report.has_errors else routine), report.diagnostics


def _document(document: Document, path: Path, report: FieldReader, digest: str) -> Routine | None:
    for key, first in document.duplicates:
        report.error(
            key.line,
            key.col,
            f"duplicate key {key.text!r} (first given on line {first.line}); keep only one",
        )
    root = document.root
    if root is None or (isinstance(root, Scalar) and root.is_null):
        report.error(1, 1, "the file is empty; a routine needs at least 'name' and 'steps'")
        return None
    if not isinstance(root, Mapping):
        kind = "a list" if isinstance(root, Sequence) else "plain text"
        report.error(
            root.line, root.col, f"a routine must be a mapping with 'name' and 'steps', not {kind}"
        )
        return None
    return _routine(root, path, report, digest)


def _routine(root: Mapping, path: Path, report: FieldReader, digest: str) -> Routine | None:
    report.unknown_keys(root, TOP_KEYS, "at the top level")
    name = report.required_text(root, "name", "the routine")
    summary = report.optional_text(root, "summary")
    description = report.optional_text(root, "description")
    tags = _tags(root, report)
    defaults, prep_ms = _defaults(root.get("defaults"), report)
    reader = StepReader(report, path.parent)
    steps_node = root.get("steps")
    steps: tuple[Step, ...] | None = None
    if steps_node is None:
        report.error(root.line, root.col, "missing 'steps': a routine needs a list of steps")
    else:
        steps = reader.steps(steps_node, defaults, "", "steps")
    if steps is not None and not report.has_errors and steps_node is not None:
        intervals = count_intervals(steps)
        if intervals > MAX_INTERVALS:
            report.error(
                steps_node.line,
                steps_node.col,
                f"the routine expands to {intervals:,} intervals; at most {MAX_INTERVALS:,} are "
                "allowed (check 'repeat', 'sets' and nested blocks)",
            )
    if name is None or steps is None or report.has_errors:
        return None
    return Routine(
        name=name,
        steps=steps,
        summary=summary,
        description=description,
        tags=tags,
        prep_ms=prep_ms,
        source=path.resolve(),
        content_hash=digest,
    )


def _tags(root: Mapping, report: FieldReader) -> tuple[str, ...]:
    node = root.get("tags")
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return ()
    if not isinstance(node, Sequence):
        report.error(node.line, node.col, "'tags' must be a list of words, e.g. [psoas, hips]")
        return ()
    tags: list[str] = []
    for item in node.items:
        if isinstance(item, Scalar) and not item.is_null and item.text.strip():
            tags.append(item.text.strip())
        else:
            report.error(item.line, item.col, "each tag must be a word")
    return tuple(tags)


def _defaults(node: object, report: FieldReader) -> tuple[StepDefaults, int]:
    defaults = StepDefaults()
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return defaults, DEFAULT_PREP_MS
    if not isinstance(node, Mapping):
        assert isinstance(node, Scalar | Sequence)
        report.error(node.line, node.col, "'defaults' must be a mapping, e.g. {rest: 15s}")
        return defaults, DEFAULT_PREP_MS
    report.unknown_keys(node, DEFAULT_KEYS, "in defaults")
    prep_ms = DEFAULT_PREP_MS
    prep = node.get("prep")
    if prep is not None:
        prep_ms = report.duration(prep, "prep", allow_zero=True) or 0
    for key in ("rest", "switch", "transition", "tempo"):
        value = node.get(key)
        if value is not None:
            parsed = report.duration(value, key, allow_zero=key != "tempo")
            if parsed is not None:
                setattr(defaults, f"{key}_ms", parsed)
    sides = node.get("sides")
    if sides is not None:
        defaults.sides = report.sides(sides)
    sets = node.get("sets")
    if sets is not None:
        defaults.sets = report.per_side_count(sets, "sets", maximum=100)
    return defaults, prep_ms
