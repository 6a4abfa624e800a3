"""Tests the one rounding rule, the words for numbers and lengths, and that every front end
(the player screen's lines, `--plain`, `evenside show`, speech) words an interval alike."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from evenside.audio.phrases import interval_phrase
from evenside.commands.routines_cmds import show
from evenside.engine.clock import FakeClock
from evenside.engine.events import IntervalStarted
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, Timeline, expand
from evenside.plain.player import PlainPrinter
from evenside.routine.loader import load_routine
from evenside.ui.screens.player_screen import interval_text
from evenside.wording import (
    KIND_WORDS,
    clock_done,
    clock_to_go,
    duration_words,
    length_done,
    length_to_go,
    number_words,
    reps_words,
    round_words,
    seconds_done,
    seconds_to_go,
    set_words,
    switch_words,
)


@pytest.mark.parametrize(
    ("ms", "to_go", "done"),
    [
        (0, "0:00", "0:00"),
        (1, "0:01", "0:00"),  # 0:00 left only once it is over
        (999, "0:01", "0:00"),
        (1_000, "0:01", "0:01"),
        (1_001, "0:02", "0:01"),
        (44_001, "0:45", "0:44"),
        (45_000, "0:45", "0:45"),
        (59_500, "1:00", "0:59"),
        (750_000, "12:30", "12:30"),
        (55 * 60_000, "55:00", "55:00"),
        (3_599_500, "1:00:00", "59:59"),
        (3_600_000, "1:00:00", "1:00:00"),
        (3_723_900, "1:02:04", "1:02:03"),
        (-5, "0:00", "0:00"),  # a clock read just past a deadline
    ],
)
def test_time_to_go_rounds_up_and_time_done_rounds_down(ms: int, to_go: str, done: str) -> None:
    assert clock_to_go(ms) == to_go
    assert clock_done(ms) == done


@given(
    length_s=st.integers(min_value=1, max_value=3 * 3600),
    fraction=st.floats(min_value=0, max_value=1),
)
def test_done_and_to_go_always_add_up_to_the_length(length_s: int, fraction: float) -> None:
    length_ms = length_s * 1000
    done_ms = round(length_ms * fraction)
    # What the countdown shows and what the summary says was done never disagree.
    assert seconds_done(done_ms) + seconds_to_go(length_ms - done_ms) == length_s


@pytest.mark.parametrize(
    ("ms", "to_go", "done"),
    [
        (0, "0 s", "0 s"),
        (999, "1 s", "0 s"),
        (1_000, "1 s", "1 s"),
        (6_500, "7 s", "6 s"),  # never half to even: round() would say 6 s to go
        (7_500, "8 s", "7 s"),
        (59_500, "1 min", "59 s"),
        (90_000, "1 min 30 s", "1 min 30 s"),
        (3_600_000, "60 min", "60 min"),
    ],
)
def test_lengths_round_like_the_clocks(ms: int, to_go: str, done: str) -> None:
    assert length_to_go(ms) == to_go
    assert length_done(ms) == done


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (1, "one"),
        (12, "twelve"),
        (20, "twenty"),
        (21, "twenty-one"),
        (90, "ninety"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (250, "two hundred and fifty"),
        (1000, "one thousand"),
        (1200, "one thousand two hundred"),
        (2005, "two thousand and five"),
        (-3, "minus three"),
    ],
)
def test_numbers_in_words(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("ms", "words"),
    [
        (0, "zero seconds"),
        (999, "one second"),
        (1_000, "one second"),
        (5_000, "five seconds"),
        (29_600, "thirty seconds"),
        (45_000, "forty-five seconds"),
        (59_500, "one minute"),
        (60_000, "one minute"),
        (75_000, "seventy-five seconds"),
        (90_000, "ninety seconds"),
        (100_000, "one minute forty seconds"),
        (150_000, "two minutes thirty seconds"),
        (3_600_000, "one hour"),
        (4_500_000, "one hour fifteen minutes"),
    ],
)
def test_spoken_lengths_round_up_like_the_countdown(ms: int, words: str) -> None:
    assert duration_words(ms) == words


def test_every_kind_of_interval_has_its_words() -> None:
    assert {kind: KIND_WORDS[kind] for kind in IntervalKind} == {
        IntervalKind.PREP: "get ready",
        IntervalKind.WORK: "work",
        IntervalKind.SWITCH: "switch sides",
        IntervalKind.REST: "rest",
        IntervalKind.TRANSITION: "get into position",
    }


ROUTINE = """\
name: Wording test
defaults:
  prep: 5s
  switch: 5s
steps:
  - exercise: Lunge
    hold: 7.5s
    sides: both
    sets: 2
    cue: Tuck the tail.
  - rest: 29.6s
  - repeat: 2
    name: Hips
    steps:
      - exercise: Clamshell
        reps: 1
        sides: left
      - exercise: Bridge
        reps: 5
        tempo: 1.5s
"""


@dataclass(frozen=True)
class FrontEnds:
    """One timeline as each front end words it."""

    timeline: Timeline
    show_lines: list[str]
    """`evenside show`'s rows, one per interval."""

    def player(self, interval: Interval) -> str:
        """The player screen's lines for `interval`, as its widgets show them."""
        lines = (
            interval_text.heading(interval),
            interval_text.exercise_line(interval),
            interval_text.set_line(interval),
            interval_text.cue_line(interval),
        )
        return " / ".join(lines)

    def plain(self, interval: Interval) -> str:
        """The line `--plain` prints when `interval` starts."""
        printer = PlainPrinter(Session(self.timeline, FakeClock()), io.StringIO())
        line = printer.describe(IntervalStarted(interval, interval.start_ms, interval.start_ms))
        assert line is not None
        return line

    def show(self, interval: Interval) -> str:
        """`show`'s row for `interval`: start, length, kind, what."""
        return self.show_lines[interval.index]

    def spoken(self, interval: Interval) -> str:
        """The words spoken when `interval` starts."""
        return interval_phrase(self.timeline, interval)


@pytest.fixture(scope="module")
def front_ends(tmp_path_factory: pytest.TempPathFactory) -> FrontEnds:
    path = tmp_path_factory.mktemp("wording") / "wording-test.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    result = CliRunner().invoke(show, [str(path)])
    assert result.exit_code == 0, result.output
    timeline = expand(load_routine(path))
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["start", "length"])
    rows = lines[header + 1 : -1]  # past the notes and the header, before the total
    assert len(rows) == len(timeline.intervals)
    return FrontEnds(timeline, rows)


@pytest.mark.parametrize(
    ("index", "player", "plain", "show_row", "spoken"),
    [
        (
            0,
            "Get ready / Lunge / set 1 of 2 / Tuck the tail.",
            "get ready (5 s): first Lunge, LEFT side",
            "0:00       5s  prep        get ready: Lunge",
            "Left side. Lunge. Eight seconds. Set one of two. Tuck the tail",
        ),
        (
            1,
            "Work / Lunge / set 1 of 2 / Tuck the tail.",
            "Lunge, LEFT side, set 1 of 2: hold 8 s. Tuck the tail.",
            "0:05     7.5s  work        Lunge  left  set 1 of 2",
            "",  # said in the prep, before it starts
        ),
        (
            2,
            "Switch sides / Lunge / set 1 of 2 / Switch to the right side.",
            "switch to the RIGHT side (5 s)",
            "0:12       5s  switch      switch to the right side",
            "Right side. Eight seconds. Set one of two. Tuck the tail",
        ),
        (
            7,
            "Rest / Rest /  / ",
            "rest 30 s, next: Clamshell",
            "0:45    29.6s  rest",
            "Rest thirty seconds. Next: Left side. Clamshell. One rep",
        ),
        (
            9,
            "Hips, round 1 / Get into position: Bridge /  / ",
            "Get into position: Bridge (5 s)",
            "1:14       5s  transition  get into position: Bridge  [Hips, round 1]",
            "Bridge. Five reps",
        ),
    ],
    ids=["prep", "work", "switch", "rest", "transition"],
)
def test_one_description_per_kind_on_every_front_end(
    front_ends: FrontEnds, index: int, player: str, plain: str, show_row: str, spoken: str
) -> None:
    interval = front_ends.timeline.intervals[index]
    assert front_ends.player(interval) == player
    assert front_ends.plain(interval) == plain
    assert front_ends.show(interval).strip() == show_row
    assert front_ends.spoken(interval) == spoken
    kind_words = KIND_WORDS[interval.kind]
    if interval.kind is not IntervalKind.WORK:  # a work line names the exercise instead
        assert kind_words.casefold() in front_ends.player(interval).casefold()
    if interval.kind in (IntervalKind.PREP, IntervalKind.REST):
        # The prep's words are the first step's (the sound layer speaks what comes next).
        for text in (
            (plain, show_row, spoken) if interval.kind is IntervalKind.REST else (plain, show_row)
        ):
            assert kind_words in text.casefold()


def test_the_player_plain_and_show_use_the_same_words_for_each_interval(
    front_ends: FrontEnds,
) -> None:
    checked = 0
    for interval in front_ends.timeline.intervals:
        # The player also shows the coming set during prep and switch; the others only on work.
        shared = []
        if interval.kind is IntervalKind.WORK:
            shared.append(set_words(interval))
            shared.append(reps_words(interval.reps) if interval.reps is not None else "")
        if interval.kind is IntervalKind.SWITCH:
            shared.append(switch_words(interval.side))
        texts = {
            "player": front_ends.player(interval),
            "plain": front_ends.plain(interval),
            "show": front_ends.show(interval),
        }
        for words in filter(None, shared):
            for front_end, text in texts.items():
                # Capitals are each front end's typography (LEFT stands in for colour).
                assert words.casefold() in text.casefold(), (front_end, words, text)
                checked += 1
        if interval.round_number:
            assert round_words(interval) in front_ends.player(interval)
            assert f"[{round_words(interval)}]" in front_ends.show(interval)
    assert checked > 20  # the loop saw sets, reps and switches, not nothing


def test_a_planned_length_reads_as_its_countdown_will_start(front_ends: FrontEnds) -> None:
    intervals = front_ends.timeline.intervals
    hold, rest = intervals[1], intervals[7]
    assert hold.duration_ms == 7_500 and rest.duration_ms == 29_600
    # The player's big digits before the hold starts, and the line before the rest.
    assert clock_to_go(hold.duration_ms) == "0:08"
    assert interval_text.next_line(rest) == "Next: rest 0:30"
    assert "hold 8 s" in front_ends.plain(hold)
    assert "Eight seconds" in front_ends.spoken(intervals[0])  # said in the prep
    assert "rest 30 s" in front_ends.plain(rest)
    assert "thirty seconds" in front_ends.spoken(rest)


def test_plain_says_the_time_done_that_the_countdown_implied(tmp_path: Path) -> None:
    path = tmp_path / "lunge.yaml"
    path.write_text(
        "name: Lunge\nsteps:\n  - exercise: Lunge\n    hold: 45s\n    sides: both\n",
        encoding="utf-8",
    )
    timeline = expand(load_routine(path))
    clock = FakeClock()
    session = Session(timeline, clock)
    out = io.StringIO()
    printer = PlainPrinter(session, out)
    session.subscribe(printer)
    session.start()
    clock.advance(5 + 5.8)  # past the prep, 5.8 s into the 45 s hold
    session.update()
    assert clock_to_go(session.remaining_ms() or 0) == "0:40"
    session.stop()
    lines = out.getvalue().splitlines()
    # 45 - 40: the countdown said 0:40, so 5 s were done; 10.8 s in all reads 0:10.
    assert lines[-2].endswith("cut short: Lunge, LEFT side after 5 s")
    assert lines[-1] == "   0:10  stopped after 0:10"
