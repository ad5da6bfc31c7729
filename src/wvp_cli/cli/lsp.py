"""`wvp lsp`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import AsOf, ConfigFile, app, fail, parse_date


@app.command()
def lsp(
    as_of: AsOf = None,
    config_file: ConfigFile = None,
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Over stdin/stdout (de standaard; voor editors).")
    ] = False,
) -> None:
    """Start de taalserver (Language Server Protocol) voor editors, over stdin/stdout."""
    del stdio  # stdio is the only transport; editors that pass the flag are welcome
    try:
        from wvp_cli.lsp.server import serve
    except ImportError as exc:
        fail(f"wvp lsp heeft pygls nodig ({exc}); installeer het met: pip install 'wvp[lsp]'")
    from wvp_cli.repo import config

    day = parse_date(as_of) if as_of is not None else None
    if config_file is not None:
        config_file = config_file.resolve()  # the server moves to the editor's workspace

    def load() -> config.Config:
        return config.load(Path("."), config_file)

    try:
        load()
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    serve(Path("."), day, dt.date.today, load)
