"""A real SMTP server (aiosmtpd) that keeps what it receives, for tests and the demo.

Recipients at ``bounce.example`` are refused with 550, those at ``busy.example`` with 451.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from klantreis.devtools.postgres import free_port


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    delay: float = 0.0  # seconds per message, to make a batch take a while
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ids(self) -> list[str]:
        with self.lock:
            return [str(m["X-Klantreis-Message"]) for m in self.messages]


class _Handler:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_RCPT(  # noqa: N802 - the name aiosmtpd calls
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "bounce.example":
            return "550 5.1.1 mailbox unavailable"
        if domain == "busy.example":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.mailbox.delay:
            time.sleep(self.mailbox.delay)
        with self.mailbox.lock:
            self.mailbox.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted"


@contextmanager
def smtp_server(delay: float = 0.0) -> Iterator[tuple[int, Mailbox]]:
    mailbox = Mailbox(delay=delay)
    port = free_port()
    controller = Controller(_Handler(mailbox), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()
