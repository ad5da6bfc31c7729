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

# Each command module registers itself on `app` when imported; the order is that of `wvp --help`.
from wvp_cli.cli import add as add
from wvp_cli.cli import cases as cases
from wvp_cli.cli import check as check
from wvp_cli.cli import deadlines as deadlines
from wvp_cli.cli import import_ as import_
from wvp_cli.cli import info as info
from wvp_cli.cli import lsp as lsp
from wvp_cli.cli import notify as notify
from wvp_cli.cli import render as render
from wvp_cli.cli import repo as repo
from wvp_cli.cli import serve as serve
from wvp_cli.cli import stats as stats
from wvp_cli.cli import timeline as timeline
from wvp_cli.cli.common import EXIT_ERROR, EXIT_OK, app, is_utf8, show_invalid


def _version(value: bool) -> None:
    if value:
        print(f"wvp {__version__}")
        raise typer.Exit()


@app.callback()
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
    command = typer.main.get_command(app)
    make_dutch(command)
    try:
        # Without click's standalone handling: its errors come here, to be said in Dutch.
        returned = command.main(
            args=list(argv) if argv is not None else None, prog_name="wvp", standalone_mode=False
        )
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
    sys.exit(main())
