"""A local webhook receiver (what an SMS/WhatsApp/push gateway would be) for Apprise tests.

Paths under ``/fail`` answer 500, so a test can watch retries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from klantreis.devtools.postgres import free_port


@dataclass
class Received:
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, Received]]:
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                payload = {"raw": body.decode(errors="replace")}
            received.requests.append((self.path, payload))
            self.send_response(500 if self.path.startswith("/fail") else 200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
