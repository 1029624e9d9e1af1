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
        pages = re.findall(rf"{re.escape(base)}(/[bt]/\S+)", output)
        assert {path.split("/")[1] for path in pages} >= {"b", "t"}
        for path in pages:  # every printed customer page opens on the twin's data
            page = httpx.get(f"{base}{path}")
            assert page.status_code == 200, (path, page.text[:300])
        admin = re.search(r"first admin: (\S+), password \(shown once\): (\S+)", output)
        assert admin, output
        console_pages = re.findall(rf"{re.escape(base)}(/staff\S*)", output)
        assert {p.split("?")[0] for p in console_pages} >= {
            "/staff/technician",
            "/staff/planner",
            "/staff/analytics",
            "/staff",
        }
        with httpx.Client(base_url=base) as browser_like:
            form = browser_like.get("/staff/sign-in")
            token = re.search(r'name="form_token" value="([^"]+)"', form.text)
            assert token
            signed = browser_like.post(
                "/staff/sign-in",
                data={
                    "email": admin.group(1),
                    "password": admin.group(2),
                    "form_token": token.group(1),
                },
                cookies={"__Host-klantreis-form": token.group(1)},
            )
            session = signed.cookies.get("__Host-klantreis-staff")
            assert signed.status_code == 303 and session
            for path in console_pages:  # and every console page, once signed in
                page = browser_like.get(path, cookies={"__Host-klantreis-staff": session})
                assert page.status_code == 200, (path, page.text[:300])
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert "X-API-Key: kr_admin_" in output and f"{base}/docs" in output
    assert (tmp_path / "twin" / "twin-report.html").exists()
