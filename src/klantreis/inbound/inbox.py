"""An SMTP inbox (aiosmtpd): every message received is parsed and handed on; one that cannot
be parsed is handed on as raw text with a note, so nothing that reaches us is lost."""

from __future__ import annotations

import re
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from aiosmtpd.controller import Controller

# (channel, sender, subject, body, note)
Deliver = Callable[[str, str, str, str, str], None]
_TAGS = re.compile(r"<[^>]+>")


def parse_mail(raw: bytes, envelope_from: str) -> tuple[str, str, str, str]:
    """(sender, subject, body, note) of a raw message; never raises."""
    try:
        mail = message_from_bytes(raw, policy=policy.default)
        assert isinstance(mail, EmailMessage)
        sender = parseaddr(str(mail.get("From", "")))[1] or envelope_from
        subject = str(mail.get("Subject", ""))
        part = mail.get_body(preferencelist=("plain", "html"))
        if part is None:
            return sender, subject, "", "no text part"
        body = part.get_content()
        if part.get_content_type() == "text/html":
            body = _TAGS.sub(" ", body)
        return sender, subject, body.strip(), ""
    except Exception as error:  # noqa: BLE001 - whatever breaks, the message is kept
        text = raw.decode("utf-8", errors="replace")
        return envelope_from, "", text, f"could not parse the e-mail: {error}"


class _Handler:
    def __init__(self, deliver: Deliver) -> None:
        self._deliver = deliver

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        sender, subject, body, note = parse_mail(envelope.original_content, envelope.mail_from)
        try:
            self._deliver("email", sender, subject, body, note)
        except Exception:  # noqa: BLE001 - tell the sending server to try again later
            return "451 4.3.0 could not store the message, try again later"
        return "250 Message accepted"


def start_inbox(deliver: Deliver, host: str, port: int) -> Controller:
    controller = Controller(_Handler(deliver), hostname=host, port=port)
    controller.start()
    return controller
