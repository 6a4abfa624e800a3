"""Provides the `evenside` command line: a click group that imports each command on demand.

Commands that need no screen (check, show, list, history --format, balance)
must never import Textual, and should start fast: so a command's module is
imported only when that command runs. `--help` lists every command without
importing any: each one's summary is read from its docstring in the source.
"""

from __future__ import annotations

import importlib
import re

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
    "sync": "evenside.commands.sync_cmd:sync",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own version imports every command for its summary: with play and history
        # that is sqlite3, the audio backends and more, most of the time `--help` took.
        shown = [(name, _help_stub(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in shown if not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        with formatter.section("Commands"):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in shown])


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


_OWN_HELP = re.compile(r"\b(short_help|help|hidden|deprecated)\s*=")


def _help_stub(ctx: click.Context, name: str) -> click.Command:
    """A command carrying `name`'s help, read from its module's source without importing it;
    the real command when the source does not give it plainly (click's summary is the same)."""
    module_name, attribute = COMMAND_MODULES[name].split(":")
    docstring = _docstring_in_source(module_name, attribute)
    if docstring is None:
        command = LazyGroup.get_command(cli, ctx, name)
        assert command is not None
        return command
    return click.Command(name, help=docstring)


def _docstring_in_source(module_name: str, function: str) -> str | None:
    """The docstring of `function` in `module_name`'s source when its decorator sets no help of
    its own and the literal holds no escape (so its text is its value); else None."""
    from importlib.util import find_spec

    try:
        spec = find_spec(module_name)
    except ImportError:
        return None
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    try:
        with open(spec.origin, encoding="utf-8") as handle:
            source = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    return _docstring_after(source, f"\ndef {function}(")


def _docstring_after(source: str, header: str) -> str | None:
    """The docstring of the function whose line starts `header` (say "\ndef play("), when the
    decorator just above sets no help of its own and the literal holds no escape."""
    at = source.find(header)
    if at < 0:
        return None
    # The decorators stacked above the def (back to the blank line before them); of those, the
    # one making the command (`@click.command(...)`, `@history.group(...)`) up to the next.
    stack = source[source.rfind("\n\n", 0, at) : at]
    maker = re.search(r"\.(command|group)\(", stack)
    body = source.find(":\n", at)
    if maker is None or body < 0:
        return None
    arguments = stack[maker.end() :].split("\n@", 1)[0]
    if _OWN_HELP.search(arguments):
        return None
    opening = source[body + 2 :].lstrip(" ")
    quotes = opening[:3]
    if quotes not in ('"""', "'''"):
        return None
    closing = opening.find(quotes, 3)
    text = opening[3:closing]
    if closing < 0 or "\\" in text:
        return None
    return text
