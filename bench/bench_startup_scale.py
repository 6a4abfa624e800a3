"""Provides the start-up and scale benchmark (issue 16): one command, the issue's whole table.

Run:  python bench/bench_startup_scale.py [--runs 7] [--years 20] [--instructions]

Every wall-clock figure is paired with its peer in the same run, the programs
taking turns (a busy moment hits both), and given as a median and a ratio:

- first useful frame in tmux 100x30: `evenside play ROUTINE --mute` (until the
  exercise shows) and `evenside` (the library, until a routine's name shows),
  against termdown and a bare Textual app with one label (bench/bare_textual.py);
- `--help`, `check FILE`, `show NAME`, `list` beyond `python -c pass`, with
  `python -c "import click"` for scale (and with `--instructions`, each one's
  instruction count under valgrind, which the machine's load does not move);
- peak RSS of a whole 25 s session against the bare Textual app;
- `history import` of YEARS of history (3 sessions a day, 5 two-sided exercises
  of 3 sets: 657,000 intervals for 20 years) first and again, against
  `json.load` of the same file, with peak RSS; `history --format json` against
  `sqlite3 -json` of the same rows; `balance --days 3650` on that history.

termdown is taken from this Python's folder or PATH, else installed into a
private venv in bench/.work (never a dependency of evenside). evenside's
bytecode is compiled first, as pip does on install. Everything runs against a
private XDG home in a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import evenside as evenside_package

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from _terminal import Terminal, _tree  # noqa: E402

BIN = Path(sys.executable).parent
WORK = BENCH / ".work"
ROUTINES = BENCH.parent / "routines"

LONG_HOLD = """\
name: Long hold
defaults: {prep: 0}
steps:
  - exercise: Supine release
    hold: 10m
    sides: both
"""

SHORT_SESSION = """\
name: Bench session
defaults: {prep: 2s, switch: 2s}
steps:
  - exercise: Runner's lunge
    hold: 4s
    sides: both
  - rest: 2s
  - exercise: Glute bridge
    reps: 3
    tempo: 1s
  - exercise: Clamshell
    hold: 3s
    sides: both
"""

Row = tuple[str, str, str, str, str]


def termdown() -> list[str]:
    """The termdown command: beside this Python, on PATH, or installed privately now."""
    for candidate in (BIN / "termdown", shutil.which("termdown")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    venv = WORK / "termdown-venv"
    if not (venv / "bin" / "termdown").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "termdown"], check=True)
    return [str(venv / "bin" / "termdown")]


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def paired(commands: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """Median seconds of each measurement, the measurements taking turns `runs` times."""
    seen: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, measure in commands.items():
            seen[name].append(measure())
    return {name: statistics.median(values) for name, values in seen.items()}


def wall(argv: list[str], env: dict[str, str]) -> Callable[[], float]:
    def run() -> float:
        began = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - began

    return run


def timed_rss(argv: list[str], env: dict[str, str], out: Path | None = None) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of `argv`, by GNU time; stdout to `out` or nowhere."""
    report = Path(tempfile.mktemp(prefix="evenside-rss-"))
    began = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", str(report), *argv],
            env=env,
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
        )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    rss = int(report.read_text().split()[-1])
    report.unlink()
    return elapsed, rss


def seconds_of(argv: list[str], env: dict[str, str], out: Path | None = None) -> float:
    """Seconds `argv` takes (`timed_rss` without the memory), for `paired`."""
    return timed_rss(argv, env, out)[0]


def instructions(argv: list[str], env: dict[str, str]) -> float | None:
    """Millions of instructions `argv` executes (valgrind's cachegrind), or None without it."""
    if not shutil.which("valgrind"):
        return None
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(
        [*tool, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    for line in done.stderr.splitlines():
        if "I refs:" in line or "I   refs:" in line:
            return int(line.split(":")[1].strip().replace(",", "")) / 1e6
    return None


# -- first frame and memory ---------------------------------------------------------------


def first_frame(term: Terminal, argv: list[str], marker: str | None, env: dict[str, str]) -> float:
    """Seconds from launch until `marker` (None: any text) shows in the pane."""
    started = term.start(argv, env)
    try:
        if marker is not None:
            seen = term.wait_for(marker, timeout=30)
        else:
            deadline = time.perf_counter() + 30
            while not term.screen().strip() and time.perf_counter() < deadline:
                time.sleep(0.002)
            seen = time.perf_counter()
    finally:
        stop(term)
    return seen - started


def stop(term: Terminal) -> None:
    """End the pane's programs and the private tmux server. A Textual app can outlive the
    hang-up tmux sends, so the processes the pane held are killed by their own ids."""
    try:
        pids = _tree(term.pane_pid())
    except (ValueError, OSError):
        pids = []  # the pane has already ended
    term.kill()
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)


def peak_rss_in_tmux(
    term: Terminal, argv: list[str], env: dict[str, str], finish: Callable[[Terminal], None]
) -> int:
    out = Path(tempfile.mktemp(prefix="evenside-rss-"))
    term.start(["/usr/bin/time", "-f", "%M", "-o", str(out), *argv], env)
    finish(term)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and not (out.exists() and out.read_text().strip()):
        time.sleep(0.1)
    stop(term)
    rss = int(out.read_text().split()[-1])
    out.unlink()
    return rss


def tui_rows(runs: int, env: dict[str, str], work: Path) -> tuple[list[Row], list[Row]]:
    """The first-frame rows, and the peak RSS row."""
    long_hold = work / "long.yaml"
    long_hold.write_text(LONG_HOLD)
    session = work / "session.yaml"
    session.write_text(SHORT_SESSION)
    evenside = [str(BIN / "evenside")]
    bare = [sys.executable, str(BENCH / "bare_textual.py")]
    term = Terminal(f"evenside-bench16-{os.getpid()}")
    # One play first: it fills the cache of checked routines, as any earlier run would.
    first_frame(term, [*evenside, "play", str(long_hold), "--mute"], "Supine release", env)
    frames = paired(
        {
            "play": lambda: first_frame(
                term, [*evenside, "play", str(long_hold), "--mute"], "Supine release", env
            ),
            "library": lambda: first_frame(term, evenside, "Desk break", env),
            "termdown": lambda: first_frame(term, [*termdown(), "60"], None, env),
            "bare": lambda: first_frame(term, bare, "bare textual", env),
        },
        runs,
    )

    def finish_session(t: Terminal) -> None:
        t.wait_for("Time taken", timeout=60)
        t.send("q")

    def finish_bare(t: Terminal) -> None:
        t.wait_for("bare textual")
        time.sleep(1.0)
        t.send("q")

    rss_ev = peak_rss_in_tmux(
        term, [*evenside, "play", str(session), "--mute"], env, finish_session
    )
    rss_bare = peak_rss_in_tmux(term, bare, env, finish_bare)
    td, bare_ms = frames["termdown"], frames["bare"]
    rows: list[Row] = []
    for label, name in (
        ("first useful frame, `play ROUTINE --mute`, tmux 100x30", "play"),
        ("first frame, `evenside` (library)", "library"),
    ):
        rows.append(
            (
                label,
                f"{frames[name] * 1000:.0f} ms",
                f"termdown 60: {td * 1000:.0f} ms; bare Textual Label: {bare_ms * 1000:.0f} ms",
                f"{frames[name] / td:.2f}x termdown, {frames[name] / bare_ms:.2f}x bare",
                "<= 2.0x termdown, <= 1.3x bare",
            )
        )
    memory: Row = (
        "peak RSS of a session",
        f"{rss_ev / 1024:.1f} MiB",
        f"bare Textual {rss_bare / 1024:.1f} MiB",
        f"{rss_ev / rss_bare:.2f}x",
        "<= 1.3x bare",
    )
    return rows, [memory]


# -- commands -----------------------------------------------------------------------------


def command_rows(
    runs: int, env: dict[str, str], counting: bool, cache: Path
) -> tuple[list[Row], list[str]]:
    evenside = [str(BIN / "evenside")]
    routine = str(ROUTINES / "desk-break.yaml")
    commands = {
        "`python -c pass`": [sys.executable, "-c", "pass"],
        "`import click` alone": [sys.executable, "-c", "import click"],
        "`--help`": [*evenside, "--help"],
        "`check FILE`": [*evenside, "check", routine],
        "`show NAME`": [*evenside, "show", "desk-break"],
        "`list`": [*evenside, "list"],
    }
    for argv in commands.values():
        wall(argv, env)()  # warm: the routine cache filled, the files in the page cache

    def show_cold() -> float:
        shutil.rmtree(cache / "evenside" / "routines", ignore_errors=True)
        taken = wall(commands["`show NAME`"], env)()
        wall(commands["`list`"], env)()  # fills the cache again for the others (not timed)
        return taken

    measures = {name: wall(argv, env) for name, argv in commands.items()}
    measures["`show NAME`, routine cache empty"] = show_cold
    medians = paired(measures, runs)
    base = medians["`python -c pass`"]
    beyond = {name: (value - base) * 1000 for name, value in medians.items() if "pass" not in name}
    cells = ", ".join(f"{name} +{ms:.0f} ms" for name, ms in beyond.items())
    rows: list[Row] = [
        (
            "`--help`, `check FILE`, `show`, `list` beyond `python -c pass`",
            ", ".join(
                f"+{beyond[n]:.0f}" for n in ("`--help`", "`check FILE`", "`show NAME`", "`list`")
            )
            + " ms",
            f"`python -c pass` {base * 1000:.0f} ms; `import click` alone "
            f"+{beyond['`import click` alone']:.0f} ms",
            "",
            "<= +100 ms each",
        )
    ]
    notes = [f"commands, medians beyond `python -c pass`: {cells}"]
    if counting:
        for argv in commands.values():
            wall(argv, env)()  # warm again: the cold `show` runs emptied the routine cache
        counts = {name: instructions(argv, env) for name, argv in commands.items()}
        if all(v is not None for v in counts.values()):
            base_i = counts["`python -c pass`"] or 0.0
            notes.append(
                "instructions (M), valgrind: "
                + ", ".join(f"{name} {value:.0f}" for name, value in counts.items())
                + "; beyond `python -c pass`: "
                + ", ".join(
                    f"{name} +{(value or 0) - base_i:.0f}"
                    for name, value in counts.items()
                    if "pass" not in name
                )
            )
    return rows, notes


# -- history ------------------------------------------------------------------------------


def write_history(path: Path, years: int) -> int:
    """A JSON export of `years` of history, written a session at a time; its interval count."""
    import bench_history

    exercises = [(e, name, kind, amount, 3) for e, name, kind, amount, _ in bench_history.EXERCISES]
    saved = bench_history.EXERCISES
    bench_history.EXERCISES = exercises
    try:
        document = bench_history.make_history(years)
    finally:
        bench_history.EXERCISES = saved
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "evenside-history", "version": 1, "sessions": [')
        for n, session in enumerate(document["sessions"]):
            out.write(",\n" if n else "\n")
            out.write(json.dumps(session, ensure_ascii=False))
            count += len(session["intervals"])
        out.write("\n]}\n")
    return count


def history_rows(years: int, scaling: bool, runs: int, work: Path) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    load = [sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1], 'rb'))"]
    firsts: dict[int, tuple[int, float, float]] = {}
    rounds = max(1, min(runs, 3))
    for span in ([1, 5] if scaling and years > 5 else []) + [years]:
        export = work / f"history-{span}y.json"
        intervals = write_history(export, span)
        # The first import and json.load take turns, each import into a history of its own.
        loads, imports = [], []
        for n in range(rounds):
            data = work / f"data-{span}-{n}"
            env = dict(os.environ, XDG_DATA_HOME=str(data), HOME=str(work))
            import_argv = [str(BIN / "evenside"), "history", "import", str(export)]
            loads.append(timed_rss([*load, str(export)], env))
            imports.append(timed_rss(import_argv, env))
        second, second_rss = timed_rss(import_argv, env)
        json_load = statistics.median(t for t, _ in loads)
        load_rss = max(rss for _, rss in loads)
        first = statistics.median(t for t, _ in imports)
        first_rss = max(rss for _, rss in imports)
        firsts[span] = (intervals, first, json_load)
        if span != years:
            continue
        rows.append(
            (
                f"`history import` {years} years ({intervals:,} intervals), first",
                f"{first:.1f} s, {first_rss / 1024:.0f} MiB peak",
                f"`json.load` of the same file: {json_load:.2f} s, {load_rss / 1024:.0f} MiB",
                f"{first / json_load:.1f}x",
                "linear, <= 3x json.load, memory bounded",
            )
        )
        rows.append(
            (
                "second import of the same file (adds nothing)",
                f"{second:.1f} s, {second_rss / 1024:.0f} MiB peak",
                "",
                f"{second / json_load:.1f}x json.load",
                "<= 1.5x json.load",
            )
        )
        notes.append(import_floor(export, json_load, first, rounds))
        database = data / "evenside" / "history.sqlite3"
        exported = work / "again.json"
        query = (
            "SELECT s.*, i.* FROM sessions s JOIN intervals i ON i.session_id = s.id "
            "ORDER BY s.started_at, s.id, i.seq"
        )
        export_argv = [str(BIN / "evenside"), "history", "--format", "json", "-o", str(exported)]
        measures: dict[str, Callable[[], float]] = {
            "export": functools.partial(seconds_of, export_argv, env),
        }
        if shutil.which("sqlite3"):
            sqlite_argv = ["sqlite3", "-json", str(database), query]
            measures["sqlite3"] = functools.partial(
                seconds_of, sqlite_argv, env, work / "sqlite3.json"
            )
        exports = paired(measures, max(1, min(runs, 3)))
        peer = exports.get("sqlite3")
        rows.append(
            (
                f"`history --format json`, {years} years",
                f"{exports['export']:.2f} s",
                f"`sqlite3 -json` same query: {peer:.2f} s" if peer else "(no sqlite3)",
                f"{exports['export'] / peer:.2f}x" if peer else "",
                "<= 1.5x",
            )
        )
        balance = [str(BIN / "evenside"), "balance", "--days", "3650", "--format", "json"]
        pass_ = [sys.executable, "-c", "pass"]
        times = paired({"balance": wall(balance, env), "pass": wall(pass_, env)}, runs)
        notes.append(
            f"`balance --days 3650` on this history: {times['balance'] * 1000:.0f} ms, "
            f"{(times['balance'] - times['pass']) * 1000:.0f} ms beyond `python -c pass`; "
            f"the report itself in process: {balance_query_ms(database):.1f} ms (median of 5)"
        )
    if len(firsts) > 1:
        notes.append(
            "first import, seconds per 100,000 intervals (and against json.load): "
            + ", ".join(
                f"{span} y {t / n * 1e5:.2f} ({t / load:.1f}x)"
                for span, (n, t, load) in sorted(firsts.items())
            )
        )
    return rows, notes


# What the import costs without the import: SQLite's own insert of the same rows (the same
# schema and pragmas, the insert triggers dropped as the import drops them, the same
# statements, one transaction, the commit and its checkpoint), and reading and checking the
# file alone (every session decoded and checked, nothing written). Each in a process of its
# own; the rows for SQLite are built before its clock starts.
_FLOOR = """
import json, sys, time
from pathlib import Path
from evenside.history.bulk_insert import insert_rows
from evenside.history.db import open_database
from evenside.history.export import INTERVAL_KEYS
from evenside.history.import_writer import IMPORT_CACHE_KIB, INSERT_SESSIONS
from evenside.history.store import INSERT_INTERVAL
from evenside.history.totals import INSERT_TRIGGERS
sessions, intervals = [], []
for s in json.load(open(sys.argv[1], "rb"))["sessions"]:
    paused = s.get("paused_seconds")
    paused = None if paused is None else round(paused * 1000)
    head = (s["id"], s["routine"], "", s["started_at"], s["ended_at"], s["status"])
    sessions.append((*head, paused))
    for n, i in enumerate(s["intervals"], 1):
        row = [s["id"], n, *(i[k] for k in INTERVAL_KEYS)]
        row[7], row[8] = round(row[7] * 1000), round(row[8] * 1000)
        intervals += row
conn = open_database(Path(sys.argv[2]))
conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
conn.execute("PRAGMA foreign_keys = OFF")
began = time.perf_counter()
conn.execute("BEGIN IMMEDIATE")
for name in INSERT_TRIGGERS:
    conn.execute(f"DROP TRIGGER {name}")
insert_rows(conn, INSERT_SESSIONS, 7, [v for s in sessions for v in s])
insert_rows(conn, INSERT_INTERVAL.split(" VALUES ")[0], 14, intervals)
inserted = time.perf_counter()
conn.execute("COMMIT")
conn.close()
print(time.perf_counter() - began, inserted - began)
"""
_READ_AND_CHECK = """
import sys, time
from evenside.history.import_checks import ImportChecker, latest_time
from evenside.history.importer import _session
from evenside.history.json_stream import ExportStream
from evenside.history.timestamps import utc_now
began = time.perf_counter()
check = ImportChecker(latest_time(utc_now()))
with open(sys.argv[1], "rb") as handle:
    stream = ExportStream(handle, int)
    stream.header(("format", "version"))
    for number, raw in enumerate(stream.sessions(), 1):
        assert _session(check, number, raw) is not None
    stream.finish()
print(time.perf_counter() - began)
"""


def import_floor(export: Path, json_load: float, first: float, rounds: int) -> str:
    """A note: what the first import costs beyond SQLite's own insert of its rows."""
    sqlite, inserted, read = [], [], []
    for n in range(rounds):
        database = export.with_name(f"floor-{n}.sqlite3")
        done = subprocess.run(
            [sys.executable, "-c", _FLOOR, str(export), str(database)],
            capture_output=True,
            text=True,
            check=True,
        )
        total, insert = map(float, done.stdout.split())
        sqlite.append(total)
        inserted.append(insert)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-c", _READ_AND_CHECK, str(export)],
            capture_output=True,
            text=True,
            check=True,
        )
        read.append(float(done.stdout))
    floor = statistics.median(sqlite)
    reading = statistics.median(read)
    both = floor + reading
    return (
        f"where the first import goes: SQLite's own insert of the same rows (same schema, "
        f"triggers dropped, same statements, one transaction) {floor:.2f} s = "
        f"{floor / json_load:.2f}x json.load (of which the commit "
        f"{floor - statistics.median(inserted):.2f} s); reading and checking the file alone "
        f"{reading:.2f} s = {reading / json_load:.2f}x; the two one after the other "
        f"{both:.2f} s = {both / json_load:.2f}x; the import ({first:.2f} s) also sums the "
        "totals and starts the command, and writes a batch while it reads the next"
    )


def balance_query_ms(database: Path) -> float:
    code = (
        "import sys, time\n"
        "from evenside.history.db import open_database\n"
        "from evenside.balance.tracker import balance_report\n"
        "c = open_database(sys.argv[1]); runs = []\n"
        "for _ in range(5):\n"
        "    t = time.perf_counter(); balance_report(c, 3650)\n"
        "    runs.append(time.perf_counter() - t)\n"
        "print(sorted(runs)[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(database)], capture_output=True, text=True, check=True
    )
    return float(done.stdout) * 1000


# -- the table ----------------------------------------------------------------------------


def table(rows: list[Row]) -> Iterator[str]:
    yield "| measure | evenside | peer | ratio | goal |"
    yield "|---|---|---|---|---|"
    for row in rows:
        yield "| " + " | ".join(row) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="paired runs of each timing")
    parser.add_argument("--years", type=int, default=20, help="years of history to import")
    parser.add_argument("--instructions", action="store_true", help="count under valgrind")
    parser.add_argument("--scaling", action="store_true", help="also import 1 and 5 years")
    parser.add_argument("--skip", action="append", default=[], choices=["tui", "history"])
    args = parser.parse_args()
    for package_dir in evenside_package.__path__:
        compileall.compile_dir(package_dir, quiet=1)
    WORK.mkdir(exist_ok=True)
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="evenside-bench16-") as folder:
        work = Path(folder)
        env = dict(
            os.environ,
            XDG_DATA_HOME=str(work / "data"),
            XDG_CONFIG_HOME=str(work / "config"),
            XDG_CACHE_HOME=str(work / "cache"),
            XDG_STATE_HOME=str(work / "state"),
        )
        frames, memory = tui_rows(args.runs, env, work) if "tui" not in args.skip else ([], [])
        command_table, command_notes = command_rows(
            args.runs, env, args.instructions, work / "cache"
        )
        rows += frames + command_table + memory
        notes += command_notes
        if "history" not in args.skip:
            history_table, history_notes = history_rows(args.years, args.scaling, args.runs, work)
            rows += history_table
            notes += history_notes
    print("\n".join(table(rows)))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"- medians of {args.runs} paired runs; load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
