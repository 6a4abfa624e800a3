"""Tests the property sync is built on: whatever two machines do, in whatever order they write and
sync (even if the folder is lost on the way), both end with the same history and lose nothing."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evenside.desk.records import BreakOutcome
from tests.support.history_fixtures import DESK, PSOAS, TODAY, on
from tests.support.sync_machines import Machine

machine = st.sampled_from(["a", "b"])
side = st.sampled_from(["left", "right"])
pain = st.integers(0, 10)
sync = st.tuples(st.just("sync"), machine)
operation = st.one_of(
    sync,  # listed first and most: the shrinker and the search both lean on syncs
    st.tuples(st.just("play"), machine, st.integers(1, 20), st.booleans()),
    st.tuples(st.just("rate"), machine, st.integers(0, 5), side, pain),
    st.tuples(st.just("check in"), machine, st.integers(1, 3), side, pain, st.integers(0, 59)),
    st.tuples(st.just("break"), machine, st.integers(0, 59), st.booleans()),
    sync,
    st.tuples(st.just("lose the folder")),
)


def _run(ops: list[tuple[object, ...]], root: Path) -> None:
    machines = {"a": Machine.make(root, "laptop"), "b": Machine.make(root, "desk-pc")}
    folder = root / "Sync"
    played: dict[str, list[str]] = {"a": [], "b": []}
    clock = iter(TODAY + timedelta(seconds=n) for n in range(10_000))
    for op in ops:
        kind, *args = op
        if kind == "play":
            name, day, desk = args
            routine = DESK if desk else PSOAS
            played[name].append(
                machines[name].play(day=day, routine=routine, hour=len(played[name]))
            )
        elif kind == "rate":
            name, index, which, value = args
            known = played["a"] + played["b"]
            held = {s["id"] for s in machines[name].snapshot()["sessions"]}  # type: ignore[attr-defined]
            candidates = [s for s in known if s in held]
            if candidates:
                machines[name].rate(candidates[index % len(candidates)], "after", which, value)
        elif kind == "check in":
            name, day, which, value, minute = args
            at = f"2024-05-0{day}T07:{minute:02d}:00.000Z"
            machines[name].check_in(date(2024, 5, day), which, value, at)
        elif kind == "break":
            name, minute, taken = args
            outcome = BreakOutcome.TAKEN if taken else BreakOutcome.SKIPPED
            machines[name].desk_break(on(10, 12).replace(minute=minute), outcome, None)
        elif kind == "sync":
            (name,) = args
            machines[name].sync(folder, now=next(clock))
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for name in ("a", "b", "a"):
        machines[name].sync(folder, now=next(clock))
    a, b = machines["a"].snapshot(), machines["b"].snapshot()
    assert a == b
    ids = {s["id"] for s in a["sessions"]}  # type: ignore[attr-defined]
    assert ids == set(played["a"] + played["b"])  # nothing lost, nothing invented
    for name in ("b", "a"):
        report = machines[name].sync(folder, now=next(clock))
        assert (report.written, report.summary(), report.problems) == (0, [], [])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=12))
def test_any_interleaving_of_writes_and_syncs_ends_with_both_histories_equal(
    ops: list[tuple[object, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as root:
        _run(ops, Path(root))
