"""The command line's edge, where what went wrong becomes one line on standard error and an exit status
(`dateline.errors` keeps the codes, their meanings and their statuses), and each command's help page (`Page`).

Every command runs inside `Edge`, the Typer group of `dateline`, so the console script, ``python -m dateline`` and a
test's `CliRunner` behave alike:

- a `DatelineError` is said as ``error: WHERE: [Dnnn] what, and what to do`` and ends the command with its code's
  status; a usage error (a bad option or argument) is said so too, with the option as WHERE (`Code.USAGE`, 2);
- a pipe closed early (``dateline extract … | head -1``) stops the run at once, says nothing, and exits
  `CLOSED_PIPE` (141), as a Unix tool stopped by SIGPIPE does;
- any other exception is a bug: one line (`Code.INTERNAL`), exit 3, with the traceback under ``--debug``, which may
  stand anywhere on the command line (or ``DATELINE_DEBUG=1``).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from dateline.errors import BUG, CLOSED_PIPE, USAGE, Code, DatelineError, Message, Notice, UsageError
from dateline.serve.inert import say

DEBUG = "--debug"


def report(console: Console, error: DatelineError) -> None:
    """Say one error (or note) in the one shape: ``error: WHERE: [Dnnn] what``."""
    say(console, f"{'note' if isinstance(error, Notice) else 'error'}: {error}")


def usage(error: typer.TyperException) -> UsageError:
    """A usage error of Typer's (click's) as Dateline's: the option or argument it is about as WHERE, then what is
    wrong and where to read how to give it."""
    param = getattr(error, "param", None)
    where = getattr(error, "option_name", None)
    if param is not None:
        names = [name for name in getattr(param, "opts", ()) if name.startswith("--")]
        where = names[0] if names and param.param_type_name == "option" else param.metavar or param.name
    plain = isinstance(error, typer.BadParameter) and error.message
    what = error.message if plain else error.format_message()
    what = " ".join(what.split()).rstrip(".")
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "dateline"
    return UsageError(Message.USAGE.format(what=what[:1].lower() + what[1:], command=command), where=where)


def internal(error: BaseException, *, debug: bool) -> None:
    """A bug, said in one line (the traceback first, under --debug)."""
    if debug:
        traceback.print_exception(error)
    detail = " ".join(str(error).split())[:300]
    report(Console(stderr=True), DatelineError(Message.INTERNAL.format(kind=type(error).__name__, detail=detail),
                                               code=Code.INTERNAL))


def _quiet_stdout() -> None:
    """After a closed pipe: standard output goes nowhere, so the flush at exit cannot fail again and say so."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer): nothing to quiet
        pass


class Edge(TyperGroup):
    """The `dateline` group: its commands run inside `invoke`, which turns what they raise into a line and a status;
    `main` does the same for a usage error and ends the process (unless a caller asks it not to)."""

    debug = False
    """Whether ``--debug`` was given (anywhere before ``--``) or DATELINE_DEBUG is set."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        ends = given.index("--") if "--" in given else len(given)
        options = [a for a in given[:ends] if a != DEBUG]
        self.debug = bool(os.environ.get("DATELINE_DEBUG")) or len(options) < ends
        try:
            status = super().main(options + given[ends:], prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as error:  # a usage error, before or after the command's name
            wrong = usage(error)
            report(Console(stderr=True), wrong)
            status = wrong.status
        except typer.Abort:
            status = USAGE
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            done = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not in the flush at exit
            return done
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(CLOSED_PIPE) from None
        except DatelineError as error:
            report(Console(stderr=True), error)
            raise typer.Exit(error.status) from None
        except Exception as error:  # noqa: BLE001  (the point: a bug is one line and status 3, never a traceback)
            internal(error, debug=getattr(ctx.find_root().command, "debug", False))
            raise typer.Exit(BUG) from None

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """No arguments at all: the help, as a usage error (status 2), printed as help is, not as an error line."""
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(USAGE)
        return super().parse_args(ctx, args)


class Page(TyperCommand):
    """A command whose help page is click's plain one, which wraps to the terminal, with each argument shown by its
    name (``PATH...``), never by its Python type (``PATH <list[str]>``, ``{PATH}...``)."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        return [self.options_metavar or "[OPTIONS]", *(_argument(p) for p in self.get_params(ctx)
                                                       if p.param_type_name == "argument")]

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:
        params = self.get_params(ctx)
        arguments = [(_argument(p), getattr(p, "help", None) or "") for p in params if p.param_type_name == "argument"]
        options = [record for p in params if p.param_type_name == "option" and (record := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument(param: Any) -> str:
    """An argument as a usage line and a help page name it: ``PATH...``, ``[NAME]`` when it may be left out."""
    name = (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
    return name if param.required else f"[{name}]"
