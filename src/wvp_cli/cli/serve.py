"""`wvp serve`: the dossier repository in a browser on the user's own machine.

Exit codes (docs/serve.md): 0 the server stopped (Ctrl-C); 2 it could not start (a path that
is not a folder, a port that is taken, an address that needs --host, the `serve` extra missing).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import AsOf, ConfigFile, app, fail, parse_date


@app.command()
def serve(
    path: Annotated[
        Path, typer.Argument(metavar="PAD", help="De map van de dossier-repository. Standaard: .")
    ] = Path("."),
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            metavar="POORT",
            min=0,
            max=65535,
            help="Poort (standaard 7104; 0 kiest een vrije poort).",
        ),
    ] = 7104,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="ADRES",
            help="Luister op dit adres in plaats van 127.0.0.1. Alleen met een proxy met "
            "authenticatie ervoor: wvp heeft geen eigen login.",
        ),
    ] = "127.0.0.1",
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="NAAM",
            help="Neem ook verzoeken aan met deze naam in de Host-header (achter een proxy).",
        ),
    ] = None,
    incognito: Annotated[
        bool,
        typer.Option("--incognito", help="Begin met namen en BSN's verborgen (voor schermdelen)."),
    ] = False,
    as_of: AsOf = None,
    config_file: ConfigFile = None,
) -> None:
    """Toon de repository in de browser: werkvoorraad, cases, tijdlijn, documenten, stappen."""
    try:
        import starlette  # noqa: F401  # the extra's presence, asked before anything starts
        import uvicorn  # noqa: F401
    except ImportError:
        fail(
            "wvp serve heeft de extra 'serve' nodig (Starlette en uvicorn); installeer die met: "
            "pip install 'wvp-poortwachter[serve]'"
        )
    from wvp_cli.web import server

    day = parse_date(as_of) if as_of is not None else None
    if not path.is_dir():
        fail(f"{path} is geen map; geef de map van de dossier-repository")
    from wvp_cli.app import load_config

    load_config([path], config_file)  # a broken configuration stops here, in Dutch
    if not server.is_loopback(host):
        print(
            f"wvp: let op: de server luistert op {host} en is dan ook voor anderen op het "
            "netwerk bereikbaar. wvp heeft geen eigen login: zet er een proxy met "
            "authenticatie voor.",
            file=sys.stderr,
        )
    try:
        sock = server.bind(host, port)
    except OSError as exc:
        if port and exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            fail(f"poort {port} is al in gebruik; kies een andere met --port (0: een vrije)")
        fail(f"kan niet luisteren op {host}:{port}: {exc.strerror or exc}")

    def started(address: str) -> None:
        print(f"wvp serve: open {address} in je browser (Ctrl-C stopt)", flush=True)

    with sock:
        server.serve(
            sock,
            path,
            host=host,
            as_of=day,
            incognito=incognito,
            config_file=config_file,
            allow_hosts=tuple(allow_host or ()),
            started=started,
        )
