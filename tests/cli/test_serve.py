"""`klantreis demo` runs the twin, writes its report, and serves the application on the
twin's data: health answers 200, /docs lists the API, the printed pages open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
    printed: list[str] = []
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the twin runs first, then the links, then Uvicorn
            printed.append(line)
            if "Uvicorn running" in line:
                break
        output = "".join(printed)
        assert "Uvicorn running" in output, output
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/api/v1/health").status_code == 200
        docs = httpx.get(f"{base}/docs")
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        assert "/api/v1/cases" in httpx.get(f"{base}/openapi.json").json()["paths"]
        pages = re.findall(rf"{re.escape(base)}(/[bptma]/\S+)", output)
        assert {path.split("/")[1] for path in pages} >= {"b", "t", "m", "p", "a"}
        for path in pages:  # every printed page opens on the twin's data
            page = httpx.get(f"{base}{path}")
            assert page.status_code == 200, (path, page.text[:300])
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert "X-API-Key: kr_admin_" in output and f"{base}/docs" in output
    assert (tmp_path / "twin" / "twin-report.html").exists()
