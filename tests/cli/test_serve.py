"""`klantreis demo` runs the twin, writes its report, and serves the application on the
twin's data: health answers 200, /docs lists the API, the printed pages open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from klantreis.devtools.postgres import free_port


@pytest.mark.slow
def test_the_demo_runs_the_twin_and_serves_its_data(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KLANTREIS_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klantreis",
            "demo",
            "--households",
            "150",
            "--technicians",
            "3",
            "--weeks",
            "3",
            "--out",
            str(tmp_path / "twin"),
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
        for _ in range(1800):  # the twin runs first
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
    assert (tmp_path / "twin" / "twin-report.html").exists()
    pages = re.findall(rf"http://127\.0\.0\.1:{port}/[bptma]/\S+", output)
    assert {link.split("/")[3] for link in pages} >= {"b", "t", "p", "a"}


@pytest.mark.slow
def test_the_printed_pages_open_on_the_twins_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same demo, checked page by page with the server in-process."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from klantreis.entrypoints.api.app import create_app
    from klantreis.entrypoints.cli.main import app

    twin = tmp_path / "twin"
    result = CliRunner().invoke(
        app,
        [
            "demo",
            "--no-serve",
            "--households",
            "150",
            "--technicians",
            "3",
            "--weeks",
            "3",
            "--out",
            str(twin),
        ],
        env={"KLANTREIS_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"},
    )
    assert result.exit_code == 0, result.output
    pages = re.findall(r"http://127\.0\.0\.1:8000(/[bptma]/\S+)", result.output)
    database = twin / "twin-predictive.db"
    monkeypatch.setenv("KLANTREIS_DATABASE_URL", f"sqlite:///{database}")
    with TestClient(create_app()) as client:
        for path in pages:
            page = client.get(path)
            assert page.status_code == 200, (path, page.text[:300])
    assert len(pages) >= 5
