"""E-mail over SMTP: text and HTML alternatives; 5xx answers are bounces, the rest retried."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from klantreis.messaging.outbox import OutboxMessage, Outcome, SendResult


class SmtpSender:
    def __init__(self, host: str, port: int, sender: str, timeout: float = 20.0) -> None:
        self._host, self._port, self._sender, self._timeout = host, port, sender, timeout

    def send(self, message: OutboxMessage) -> SendResult:
        mail = EmailMessage()
        mail["From"] = self._sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(idstring=message.id, domain="klantreis")
        mail["X-Klantreis-Message"] = message.id
        mail["Content-Language"] = message.language.value
        mail.set_content(message.text)
        if message.html:
            mail.add_alternative(message.html, subtype="html")
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                refused = smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            code, reason = next(iter(error.recipients.values()))
            return _failure(code, reason)
        except smtplib.SMTPResponseException as error:
            return _failure(error.smtp_code, error.smtp_error)
        except (OSError, smtplib.SMTPException) as error:
            return SendResult(Outcome.TRANSIENT, f"SMTP: {error}")
        if refused:
            code, reason = next(iter(refused.values()))
            return _failure(code, reason)
        return SendResult(Outcome.DELIVERED, provider_id=str(mail["Message-ID"]))


def _failure(code: int, reason: bytes | str) -> SendResult:
    text = reason.decode(errors="replace") if isinstance(reason, bytes) else reason
    outcome = Outcome.PERMANENT if 500 <= code < 600 else Outcome.TRANSIENT
    return SendResult(outcome, f"SMTP {code}: {text}")
