"""Provides the `evenside` command line: a click group that gathers the commands.

Commands that need no screen (check, show, list, history --format, balance)
must never import Textual: the TUI is imported inside the commands that draw.
"""

from __future__ import annotations

import click

from evenside import __version__


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evenside")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """evenside: play stretch and rehab routines hands-free, and keep both sides even.

    Run without a command to open the routine library.
    """
    if ctx.invoked_subcommand is None:
        from evenside.commands.tui_launch import open_library

        open_library()


def _register() -> None:
    from evenside.commands import routines_cmds

    for command in routines_cmds.COMMANDS:
        cli.add_command(command)
    for module_name in ("play_cmd", "history_cmds", "sounds_cmd", "remind_cmd"):
        try:
            module = __import__(f"evenside.commands.{module_name}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as error:
            # Only tolerate the module itself being absent (built up issue by issue).
            if error.name != f"evenside.commands.{module_name}":
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """The console-script entry point."""
    cli(prog_name="evenside")
