"""Serve an app in a background thread on a free port (for browser tests and benchmarks)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

from klantreis.devtools.postgres import free_port


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/api/v1/health", timeout=0.5)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serving_process(database_url: str, workers: int = 1) -> Iterator[str]:
    """``klantreis serve`` in its own process(es), so that load generators do not share its GIL."""
    import os
    import subprocess
    import sys

    port = free_port()
    env = {**os.environ, "KLANTREIS_DATABASE_URL": database_url}
    env.setdefault("KLANTREIS_ENVIRONMENT", "development")  # a benchmark's throwaway server
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "klantreis.app.api:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/v1/health", timeout=0.5)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode()[-2000:]) from None  # type: ignore[union-attr]
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # workers still draining keep-alive connections
            server.kill()
            server.wait(timeout=10)
