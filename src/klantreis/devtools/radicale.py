"""A throwaway Radicale CalDAV server with one user, in a temp dir on a free port."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from klantreis.devtools.postgres import free_port


@dataclass(frozen=True)
class CalDavServer:
    url: str
    username: str
    password: str


@contextmanager
def temporary_radicale(username: str = "anna", password: str = "geheim") -> Iterator[CalDavServer]:
    root = Path(tempfile.mkdtemp(prefix="klantreis-radicale-"))
    port = free_port()
    (root / "users").write_text(f"{username}:{password}\n")
    (root / "config").write_text(
        "[server]\n"
        f"hosts = 127.0.0.1:{port}\n"
        "[auth]\n"
        "type = htpasswd\n"
        f"htpasswd_filename = {root / 'users'}\n"
        "htpasswd_encryption = plain\n"
        "[rights]\n"
        "type = owner_only\n"
        "[storage]\n"
        f"filesystem_folder = {root / 'collections'}\n"
        "[logging]\n"
        "level = warning\n"
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(root / "config")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                httpx.get(url, timeout=0.5)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError(f"Radicale stopped: {server.stderr.read()!r}") from None  # type: ignore[union-attr]
                time.sleep(0.1)
        yield CalDavServer(url, username, password)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
