"""A real OpenID Connect provider (node-oidc-provider, ``devtools/oidc``) on a free port, for
the sign-in tests; ``make test`` installs its npm packages (``npm ci``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from klantreis.devtools.postgres import free_port

FOLDER = Path(__file__).parent / "oidc"


@dataclass(frozen=True)
class IdentityProvider:
    issuer: str
    client_id: str
    client_secret: str


@contextmanager
def identity_provider(
    redirect_uri: str, accounts: Mapping[str, Mapping[str, object]]
) -> Iterator[IdentityProvider]:
    """``accounts``: per login (what ``login_hint`` names), its claims, ``sub`` among them."""
    node = shutil.which("node")
    if node is None or not (FOLDER / "node_modules" / "oidc-provider").exists():
        raise RuntimeError("the test identity provider needs Node.js and `make oidc-deps`")
    port = free_port()
    provider = IdentityProvider(f"http://127.0.0.1:{port}", "klantreis", "test-client-secret")
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": provider.client_id,
        "CLIENT_SECRET": provider.client_secret,
        "REDIRECT_URI": redirect_uri,
        "ACCOUNTS": json.dumps(accounts),
        "NODE_ENV": "test",
    }
    process = subprocess.Popen(
        [node, str(FOLDER / "provider.mjs")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{provider.issuer}/.well-known/openid-configuration").is_success:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.stdout else ""
                raise RuntimeError(f"the identity provider did not start: {output[-2000:]}")
            time.sleep(0.1)
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)
