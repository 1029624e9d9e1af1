"""`klantreis demo` really serves: health answers 200 and /docs lists the API."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from klantreis.devtools.postgres import free_port


@pytest.mark.slow
def test_the_demo_seeds_and_serves_the_api(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KLANTREIS_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klantreis",
            "demo",
            "--households",
            "60",
            "--technicians",
            "20",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = None
        for _ in range(300):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.1)
        assert health is not None and health.status_code == 200
        docs = httpx.get(f"http://127.0.0.1:{port}/docs")
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        spec = httpx.get(f"http://127.0.0.1:{port}/openapi.json").json()
        assert "/api/v1/cases" in spec["paths"]
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "X-API-Key: kr_admin_" in output and f"127.0.0.1:{port}/docs" in output
