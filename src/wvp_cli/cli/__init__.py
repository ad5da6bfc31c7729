"""The command line: parse options, call the core, hand the result to a reporter, set the exit code.

Exit codes (docs/cli.md): 0 nothing at error level, 1 findings at error level (or
warnings with --strict), 2 the tool could not do its job. Never a traceback for anything a user
can type or put in a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from wvp_cli import __version__
from wvp_cli.app import InvalidCase
from wvp_cli.app import Problem as UsageProblem
from wvp_cli.cli import common as _common
from wvp_cli.cli.common import EXIT_ERROR, EXIT_OK, is_utf8, show_invalid

#: The module of every command, in the order of `wvp --help`; each registers its commands on
#: `app` when imported.
COMMAND_MODULES = (
    *("add", "cases", "check", "deadlines", "import_", "info", "lsp", "notify", "render"),
    *("repo", "serve", "stats", "timeline"),
)
#: Commands whose own module is all a run of them needs: `wvp check FILE` (a pre-commit hook,
#: an editor) starts without building the other commands (a fifth of its time).
_ALONE = {"check": "check", "deadlines": "deadlines", "timeline": "timeline"}


def load_commands(argv: Sequence[str] | None = None) -> typer.Typer:
    """Register the commands on the app: only the one `argv` names when that is enough, every
    command otherwise (`wvp --help`, a typo), in the order of COMMAND_MODULES."""
    import importlib

    first = argv[0] if argv else None
    if first in _ALONE:
        importlib.import_module(f"wvp_cli.cli.{_ALONE[first]}")
        return _common.app
    for name in COMMAND_MODULES:
        importlib.import_module(f"wvp_cli.cli.{name}")
    order = {f"wvp_cli.cli.{name}": n for n, name in enumerate(COMMAND_MODULES)}
    _common.app.registered_commands.sort(
        key=lambda c: order.get(getattr(c.callback, "__module__", ""), len(order))
    )
    return _common.app


def __getattr__(name: str) -> Any:
    """`wvp_cli.cli.app`: the app with every command registered."""
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        print(f"wvp {__version__}")
        raise typer.Exit()


@_common.app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    """wvp: Poortwachter-dossiers als YAML-bestanden in git."""


def _escaped(error: UnicodeError) -> tuple[str, int]:
    """A character the output's encoding cannot hold, written as its `\\uXXXX` escape (a
    surrogate pair above U+FFFF): valid in a JSON string, readable in text."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _tolerant_output() -> list[tuple[Any, str | None]]:
    """A stdout or stderr that is not UTF-8 (a Windows code page, `PYTHONIOENCODING=ascii`)
    cannot hold every name in a dossier (Łukasz, Şule): escape what it cannot hold instead of
    stopping halfway. A strict UTF-8 one cannot hold a file name that is not UTF-8 (`caf\xe9`
    as Python reads it): write its own bytes, as `ls` does. Returns what to restore."""
    import codecs

    try:
        codecs.lookup_error("wvp-escape")
    except LookupError:
        codecs.register_error("wvp-escape", _escaped)
    changed = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if not is_utf8(stream):
            changed.append((stream, stream.errors))
            reconfigure(errors="wvp-escape")
        elif stream.errors == "strict":
            changed.append((stream, stream.errors))
            reconfigure(errors="surrogateescape")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising, so tests and scripts can call it."""
    if "_WVP_COMPLETE" in os.environ:  # shell completion (docs/cli.md): Click's, via typer
        from typer._completion_classes import completion_init

        completion_init()
    restore = _tolerant_output()
    try:
        return _main(argv)
    finally:
        for stream, errors in restore:
            with contextlib.suppress(OSError, ValueError):  # closed, or a pipe gone
                stream.reconfigure(errors=errors)


def _main(argv: Sequence[str] | None) -> int:
    import typer.main

    from wvp_cli.cli.dutch import make_dutch, translate, usage_error_text

    click = _click_module()
    args = list(argv) if argv is not None else sys.argv[1:]
    command = typer.main.get_command(load_commands(args))
    make_dutch(command)
    try:
        # Without click's standalone handling: its errors come here, to be said in Dutch.
        returned = command.main(args=args, prog_name="wvp", standalone_mode=False)
        return returned if isinstance(returned, int) else EXIT_OK
    except click.exceptions.UsageError as exc:
        print(usage_error_text(exc), end="", file=sys.stderr)
        return EXIT_ERROR
    except typer.Abort:
        print(translate("Aborted!"), file=sys.stderr)
        return 130
    except click.exceptions.ClickException as exc:
        print(f"wvp: {translate(exc.format_message())}", file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:  # sys.exit() somewhere below
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        print(exc.code, file=sys.stderr)
        return EXIT_ERROR
    except UsageProblem as exc:
        print(f"wvp: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except InvalidCase as exc:
        return show_invalid(exc.loaded)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `wvp deadlines | head`: the reader went away; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the promise: never a traceback for the user
        if os.environ.get("WVP_DEBUG"):
            raise
        print(
            f"wvp: interne fout ({type(exc).__name__}: {exc}). Dit is een fout in wvp; "
            "draai opnieuw met WVP_DEBUG=1 voor details en meld het.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return EXIT_OK


def _click_module() -> Any:
    """The click that Typer runs on: its own copy (typer >= 0.25) or the click package."""
    import importlib

    import typer.core

    return getattr(typer.core, "_click", None) or importlib.import_module("click")


def run() -> None:
    """The `wvp` command: one run of one command in a process of its own."""
    _few_collections()
    sys.exit(main())


def _few_collections() -> None:
    """The cyclic garbage collector after every 20,000 new objects instead of every 700. A run
    holds the results of every file (some 300,000 objects for 10,000 files, hardly ever in a
    cycle) and makes as many again for its output; at 700 the collector walks them a hundred
    times, a tenth of a warm `wvp check`. What a run leaves in cycles meanwhile is small and
    is collected all the same, later. Not in `main`, which tests call in their own process."""
    import gc

    gc.set_threshold(20_000, *gc.get_threshold()[1:])
