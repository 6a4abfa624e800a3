"""Provides the `evenside` command line: a click group that imports each command on demand.

Commands that need no screen (check, show, list, history --format, balance)
must never import Textual, and should start fast: so a command's module is
imported only when that command runs (or when --help lists them all).
"""

from __future__ import annotations

import importlib

import click

from evenside import __version__

# Command name -> the module that defines it (its attribute of the same name,
# or the name given after the colon).
COMMAND_MODULES: dict[str, str] = {
    "play": "evenside.commands.play_cmd:play",
    "show": "evenside.commands.routines_cmds:show",
    "check": "evenside.commands.routines_cmds:check",
    "list": "evenside.commands.routines_cmds:list_",
    "new": "evenside.commands.routines_cmds:new",
    "history": "evenside.commands.history_cmds:history",
    "balance": "evenside.commands.history_cmds:balance",
    "report": "evenside.commands.report_cmd:report",
    "remind": "evenside.commands.remind_cmd:remind",
    "sounds": "evenside.commands.sounds_cmd:sounds",
    "schema": "evenside.commands.routines_cmds:schema",
    "locate": "evenside.commands.routines_cmds:locate",
    "program": "evenside.commands.program_cmd:program",
    "today": "evenside.commands.today_cmd:today",
    "checkin": "evenside.commands.checkin_cmd:checkin",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMAND_MODULES.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="evenside")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """evenside: play stretch and rehab routines hands-free, and keep both sides even.

    Run without a command to open the routine library.
    """
    if ctx.invoked_subcommand is None:
        from evenside.commands.tui_launch import open_library

        open_library()


def main() -> None:
    """The console-script entry point."""
    cli(prog_name="evenside")
