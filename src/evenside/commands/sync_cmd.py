"""Provides `evenside sync [FOLDER]`: this machine's history into a synced folder, the others' out.

FOLDER defaults to the settings file's `[sync] folder`. What came in is one
line per machine ("3 sessions from desk-pc"). A folder or history that cannot
be used, or a damaged file in the folder, is named on stderr with exit 1;
whatever could be merged is merged, and nothing in the history is taken away.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evenside.sync.merge import SyncReport


def _report(report: SyncReport, folder: Path) -> int:
    """Print what a sync did; the exit status (1 when something could not be read)."""
    from evenside.terminal_text import safe_text

    lines = report.summary()
    for line in lines:
        click.echo(safe_text(line))
    if not lines:
        click.echo("nothing new from other machines")
    if report.written:
        noun = "record" if report.written == 1 else "records"
        click.echo(f"sent {report.written} {noun} to {safe_text(str(folder))}")
    for path in report.unfinished:
        click.echo(
            f"note: {safe_text(str(path))} is still arriving; the rest comes with the next sync",
            err=True,
        )
    for problem in report.problems:
        click.echo(f"error: {safe_text(problem)}", err=True)
    return 1 if report.problems else 0


@click.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--background",
    is_flag=True,
    hidden=True,
    help="The automatic sync: at a lower priority, so a session playing is never slowed.",
)
def sync(folder: Path | None, background: bool) -> None:
    """Sync your history with your other machines through FOLDER.

    FOLDER is one you already sync (Syncthing, Nextcloud, Dropbox); by default
    the settings file's [sync] folder. Each machine writes only its own files
    there and reads the others'; syncing again, or in any order, changes nothing.
    The folder holds health data: keep it private.
    """
    from evenside.settings import SettingsError, load_settings
    from evenside.sync.device import this_device
    from evenside.sync.merge import SyncError, WriteFailed, sync_folder
    from evenside.terminal_text import safe_text

    if background:
        with suppress(OSError):
            os.nice(10)
    try:
        settings = load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    if folder is None:
        if not settings.sync_folder:
            raise click.UsageError(
                "give a FOLDER, or set [sync] folder in the settings file "
                "(`evenside locate settings`)"
            )
        folder = Path(settings.sync_folder)
    folder = folder.expanduser()
    try:
        device = this_device(settings.sync_device)
    except OSError as error:
        raise click.ClickException(f"cannot keep this machine's sync id: {error}") from None
    try:
        report = sync_folder(folder, device)
    except WriteFailed as failed:
        _report(failed.report, folder)
        click.echo(f"error: {safe_text(str(failed))}", err=True)
        sys.exit(1)
    except SyncError as error:
        raise click.ClickException(safe_text(str(error))) from None
    code = _report(report, folder)
    from evenside.commands.history_cmds import daily_copy

    daily_copy()  # what the sync brought in is in today's copy
    sys.exit(code)
