"""SMS, WhatsApp and push through Apprise: one URL per channel, ``{to}`` filled per message.

Apprise reports only success or failure, so a failure is retried; after the last attempt the
message is marked failed (a person sees it in the outbox).
"""

from __future__ import annotations

from urllib.parse import quote

import apprise

from klantreis.messaging.outbox import OutboxMessage, Outcome, SendResult


class AppriseSender:
    def __init__(self, url_template: str) -> None:
        """``url_template`` as Apprise understands it, e.g. ``json://host/sms?to={to}``."""
        self._template = url_template

    def send(self, message: OutboxMessage) -> SendResult:
        url = self._template.replace("{to}", quote(message.recipient, safe=""))
        notifier = apprise.Apprise()
        if not notifier.add(url):
            return SendResult(Outcome.PERMANENT, f"Apprise cannot use the URL for {message.id}")
        body = message.text
        if message.action_url:
            body = f"{body}\n{message.action_url}"
        ok = notifier.notify(title=message.subject, body=body)
        if not ok:
            return SendResult(Outcome.TRANSIENT, "Apprise could not deliver")
        return SendResult(Outcome.DELIVERED, provider_id=message.id)
