"""Property tests: random routine-shaped YAML gives a Routine or diagnostics, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evenside.engine.timeline import expand
from evenside.routine.diagnostics import Diagnostic, RoutineError, Severity
from evenside.routine.loader import check_file, load_routine

KEYS = [
    "name", "summary", "description", "tags", "defaults", "steps", "exercise", "hold", "reps",
    "tempo", "sides", "order", "sets", "rest", "switch", "cue", "sound", "id", "repeat",
    "prep", "left", "right", "hodl", "",
]  # fmt: skip
WORDS = [
    "45s", "2m", "1m30s", "1:30", "1:02:03", "0", "-5", "010", "0x1f", "no", "yes", "on", "both",
    "left", "right", "none", "balance", "left-first", "~", "null", "5h", "abc", "1e9", ".inf",
    "99999999999999999999", "", " ", "é", "\t", "a: b", "- x", "&a", "*a", "!!str", "{", "[",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(WORDS),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    ),
    max_leaves=25,
)
step = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)
routine_shaped = st.fixed_dictionaries(
    {},
    optional={
        "name": values,
        "tags": values,
        "defaults": st.dictionaries(st.sampled_from(KEYS), values, max_size=4),
        "steps": st.one_of(st.lists(step, max_size=4), values),
        "summary": values,
    },
)


def outcome(text: str | bytes) -> list[Diagnostic]:
    """Load and check `text` through a real file; fail on anything but the promised outcomes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.yaml"
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
        diagnostics = check_file(path)
        assert all(isinstance(d, Diagnostic) and d.line >= 1 and d.col >= 1 for d in diagnostics)
        assert all(d.path == path and d.message and "\n" not in d.message for d in diagnostics)
        try:
            routine = load_routine(path)
        except RoutineError as error:
            assert any(d.severity is Severity.ERROR for d in error.diagnostics)
            assert any(d.severity is Severity.ERROR for d in diagnostics)
        else:
            assert not any(d.severity is Severity.ERROR for d in diagnostics)
            timeline = expand(routine)
            assert timeline.total_ms >= 0
        return diagnostics


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routine_shaped)
def test_random_routine_shaped_yaml_never_raises(document: dict[str, Any]) -> None:
    outcome(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(st.lists(step, min_size=1, max_size=5), st.sampled_from(["", "  ", "\n"]))
def test_random_steps_under_a_valid_header_never_raise(steps: list[Any], tail: str) -> None:
    text = "name: Random\n" + yaml.safe_dump({"steps": steps}, allow_unicode=True) + tail
    outcome(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["name: x\n", "steps:\n", "  - exercise: a\n", "    hold: 1:30\n", "    reps: 010\n",
             "    sides: no\n", "  - rest: 5\n", "  - repeat: 2\n", "    steps:\n",
             "      - rest: 1\n",
             "&a ", "*a\n", "- ", "[", "]", "{", "}", ": ", "'", '"', "#", "\t", "---\n", "\x00",
             "? ", "!!int ", "|\n", "  ", "\ufeff"]
        ),
        max_size=25,
    ).map("".join)
)  # fmt: skip
def test_random_fragments_of_yaml_never_raise(text: str) -> None:
    outcome(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    outcome(data)
