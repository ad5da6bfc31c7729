"""A real `wvp serve` in a subprocess on a free port, and a small HTTP client over
http.client (so that a test can send any Host, Origin or Referer header it likes)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_cases"
AS_OF = "2026-11-24"


@dataclass
class Server:
    root: Path
    url: str
    process: subprocess.Popen[str]
    err_file: Path

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> str:
        """Stop the server (Ctrl-C, as a user would) and return what it wrote to stderr."""
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.err_file.read_text(encoding="utf-8")


def scratch_repo(tmp: Path) -> Path:
    """A copy of the sample cases to write in."""
    repo = tmp / "dossiers"
    shutil.copytree(SAMPLES, repo)
    return repo


def start(root: Path, *args: str, as_of: str | None = AS_OF) -> Server:
    """`wvp serve ROOT --port 0` with its working folder in ROOT; waits for its address."""
    err_file = root.parent / f"serve-{time.monotonic_ns()}.err"
    command = [sys.executable, "-m", "wvp_cli", "serve", str(root), "--port", "0", *args]
    if as_of:
        command += ["--as-of", as_of]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(  # our own command line
        command,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=err_file.open("w", encoding="utf-8"),
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not found:
        process.kill()
        raise AssertionError(f"wvp serve did not start: {line!r} {err_file.read_text()}")
    return Server(root, found.group(), process, err_file)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Client:
    """Requests to one server, keeping its cookies like a browser of that origin."""

    server: Server
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        sent = {"Host": self.server.host}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in sent.items():
            conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        headers_out = {k.lower(): v for k, v in response.getheaders()}
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return Reply(response.status, headers_out, data)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(
        self,
        path: str,
        fields: dict[str, str] | list[tuple[str, str]],
        headers: dict[str, str] | None = None,
        *,
        origin: str | None = "",
    ) -> Reply:
        sent = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin == "":
            sent["Origin"] = f"http://{self.server.host}"
        elif origin is not None:
            sent["Origin"] = origin
        sent.update(headers or {})
        return self.request("POST", path, urlencode(fields).encode(), sent)

    def token(self, path: str = "/") -> str:
        """The CSRF token of a page's forms (fetching the page sets the cookie)."""
        page = self.get(path)
        found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert found, page.text[:500]
        return found.group(1)
