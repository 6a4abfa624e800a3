"""Provides the commands that need no screen: check, show, list, schema, new and locate.

They must stay fast and never import Textual; the routine modules are
imported inside each command so `evenside --help` pays for none of them.
Bad input ends in `NAME: error: message` on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from evenside.engine.timeline import Timeline
    from evenside.routine.model import Routine


def _fail(name: object, message: str) -> None:
    click.echo(f"{name}: error: {message}", err=True)


def _exit(code: int) -> NoReturn:
    raise click.exceptions.Exit(code)


def _resolve_or_exit(routine: str) -> Routine:
    """Find and load `routine` (name or path), or print why not and exit 1."""
    from evenside.routine.diagnostics import RoutineError
    from evenside.routine.finder import RoutineNotFound, find_routine
    from evenside.routine.loader import load_routine

    try:
        path = find_routine(routine)
    except RoutineNotFound as error:
        _fail(routine, str(error))
        _exit(1)
    try:
        return load_routine(path)
    except RoutineError as error:
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        _exit(1)


def _expand_files(items: tuple[str, ...]) -> list[Path | str]:
    """Each item as the files to check, or (a string) why it names no routine."""
    from evenside.routine.finder import SUFFIXES, RoutineNotFound, find_routine

    files: list[Path | str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES)
            files.extend(found or [path])  # an empty folder is reported as not a routine file
            continue
        if os.path.lexists(path) or os.sep in item or "/" in item:
            # A path: whatever it is (or is not), the loader says so, never opening a pipe.
            files.append(path)
            continue
        try:
            files.append(find_routine(item))
        except RoutineNotFound as error:
            files.append(f"{item}: error: {error}")
    return files


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, not 'ok' lines.")
def check(files: tuple[str, ...], quiet: bool) -> None:
    """Check routine FILES (paths, folders or routine names) and report every problem.

    Messages are compiler style, FILE:LINE:COL: error|warning: message.
    Exit status 0 when no file has an error, 1 otherwise.
    """
    from evenside.program.loader import check_routine_or_program as check_file
    from evenside.routine.diagnostics import Severity

    failed = False
    for path in _expand_files(files):
        if isinstance(path, str):
            click.echo(path)
            failed = True
            continue
        try:
            diagnostics = check_file(path)
        except Exception as error:  # a loader bug must still give a message, not a traceback
            click.echo(
                f"{path}:1:1: error: internal error while checking "
                f"({type(error).__name__}: {error}); please report it"
            )
            failed = True
            continue
        for diagnostic in diagnostics:
            click.echo(str(diagnostic))
        if any(d.severity is Severity.ERROR for d in diagnostics):
            failed = True
        elif not quiet:
            click.echo(f"{path}: ok")
    if failed:
        _exit(1)


def _seconds(ms: int | None) -> float | int | None:
    if ms is None:
        return None
    return ms // 1000 if ms % 1000 == 0 else ms / 1000


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    """The `show --format json` document for `timeline`."""
    routine = timeline.routine
    return {
        "name": routine.name,
        "summary": routine.summary,
        "description": routine.description,
        "tags": list(routine.tags),
        "total_seconds": _seconds(timeline.total_ms),
        "untimed_sets": timeline.untimed_sets,
        "intervals": [
            {
                "kind": i.kind.value,
                "exercise": i.exercise,
                "exercise_id": i.exercise_id,
                "side": i.side.value if i.side is not None else None,
                "set": i.set_number,
                "start": _seconds(i.start_ms),
                "seconds": _seconds(i.duration_ms),
                "reps": i.reps,
            }
            for i in timeline.intervals
        ],
    }


@click.command()
@click.argument("routine")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
def show(routine: str, output: str) -> None:
    """Print ROUTINE's description (its safety notes), its expanded timeline and total time.

    ROUTINE is a name from `evenside list`, the routine's own name, or a path.
    """
    from evenside.commands.program_cmd import show_program_if_one
    from evenside.engine.timeline import expand

    if show_program_if_one(routine, output):  # a program: its week plan and doses
        return
    timeline = expand(_resolve_or_exit(routine))
    if output == "json":
        import json  # only here: the text form and the other commands never need it

        click.echo(json.dumps(timeline_json(timeline), indent=2, ensure_ascii=False))
        return
    from evenside.commands.routine_text import show_lines

    for line in show_lines(timeline):
        click.echo(line)


@click.command("list")
def list_() -> None:
    """List the routines (yours first, then the bundled ones) with total time and tags."""
    from evenside.commands.routine_text import total_text
    from evenside.engine.timeline import expand
    from evenside.routine.diagnostics import RoutineError
    from evenside.routine.finder import list_routines
    from evenside.routine.loader import load_routine
    from evenside.terminal_text import safe_text

    rows: list[tuple[str, str, str, str]] = []
    for entry in list_routines():
        source = "bundled" if entry.bundled else "yours"
        try:
            routine = load_routine(entry.path)
        except RoutineError as error:
            rows.append(
                (
                    safe_text(entry.name),
                    "invalid",
                    source,
                    safe_text(f"{len(error.errors)} error(s): evenside check {entry.path}"),
                )
            )
            continue
        tags = safe_text(", ".join(routine.tags))
        rows.append((safe_text(entry.name), total_text(expand(routine)), source, tags))
    header = ("NAME", "TIME", "SOURCE", "TAGS")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        click.echo(
            "  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True)) + "  " + row[3]
        )
    if not rows:
        click.echo("(no routines found; 'evenside new NAME' writes one)")


@click.command()
def schema() -> None:
    """Print the JSON Schema of the routine format (for editors such as yaml-language-server)."""
    from evenside.routine.schema import schema_text

    click.echo(schema_text(), nl=False)


@click.command()
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite a routine of the same name.")
def new(name: str, force: bool) -> None:
    """Write a commented starter routine called NAME into your routine folder; print its path."""
    from evenside import locations
    from evenside.routine.schema import schema_text
    from evenside.routine.slugs import slugify
    from evenside.routine.starter import starter_routine

    stem = slugify(name)
    if not stem:
        _fail(name, "a routine name needs at least one letter or digit")
        _exit(1)
    folder = locations.user_routines_dir()
    path = folder / f"{stem}.yaml"
    try:
        locations.ensure_private_dir(locations.data_dir())
        locations.ensure_private_dir(folder)
        if path.exists() and not force:
            _fail(path, "already exists; choose another name or pass --force")
            _exit(1)
        _write_private(path, starter_routine(name, path.name))
        # The starter's modeline points at ./routine.schema.json: keep a current copy beside it.
        _write_private(folder / "routine.schema.json", schema_text())
    except OSError as error:
        _fail(path, f"cannot write: {error.strerror or error}")
        _exit(1)
    click.echo(str(path))


def _write_private(path: Path, text: str) -> None:
    from evenside.locations import PRIVATE_FILE_MODE

    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, PRIVATE_FILE_MODE)


@click.command()
@click.argument("what", required=False)
def locate(what: str | None) -> None:
    """Print where routines, history, settings and the cache live.

    With WHAT (e.g. `history`, `user routines`), print just that path.
    """
    from evenside.locations import all_locations
    from evenside.sync.device import sync_location

    places = {**all_locations(), "sync": sync_location()}
    if what is not None:
        key = what.replace("-", " ").replace("_", " ").lower()
        if key not in places:
            _fail(what, f"unknown location; choose from: {', '.join(places)}")
            _exit(1)
        click.echo(str(places[key]))
        return
    width = max(len(k) for k in places)
    for key, path in places.items():
        click.echo(f"{key + ':':<{width + 1}}  {path}")
