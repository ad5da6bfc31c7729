"""Starting the web application: bind the socket (so that `--port 0` can say which port it
got), then run uvicorn on it without an access log (a request line names case files and
filters: the server never logs case content)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

#: The default port: the wachttijd has 104 weeks.
DEFAULT_PORT = 7104


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host:port` (OSError when it cannot be had)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(
    sock: socket.socket,
    root: Path,
    *,
    host: str,
    as_of: dt.date | None,
    incognito: bool,
    config_file: Path | None,
    allow_hosts: tuple[str, ...],
    started: Callable[[str], None],
) -> None:
    """Run the server on `sock` until Ctrl-C; `started` gets the address to open."""
    import logging

    import uvicorn

    from wvp_cli.web.app import create_app

    port = sock.getsockname()[1]
    app = create_app(
        root,
        port=port,
        host=host,
        as_of=as_of,
        incognito=incognito,
        config_file=config_file,
        allow_hosts=allow_hosts,
    )
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    started(f"http://{shown}:{port}/")
    logging.getLogger("wvp.serve").setLevel(logging.WARNING)
    server.run(sockets=[sock])
