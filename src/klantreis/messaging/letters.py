"""Letters as PDF: the address in the window of a C5 envelope, the date, the text; written to
the folder the print house collects from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from babel.dates import format_date
from fpdf import FPDF

from klantreis.messaging.outbox import OutboxMessage, Outcome, SendResult

# fpdf's core fonts speak Latin-1: anything else would come out as "?", so refuse it instead.
_ENCODING = "latin-1"


def letter_pdf(message: OutboxMessage, sender_lines: tuple[str, ...]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for line in sender_lines:
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(25, 50)  # the window of a C5/6 envelope
    pdf.set_font("Helvetica", size=11)
    for line in message.recipient.splitlines():
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(25, 95)
    today = format_date(datetime.now(UTC).date(), "d MMMM y", locale=message.language.value)
    pdf.cell(0, 6, today, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.multi_cell(0, 6, message.subject, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, message.text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class LetterSender:
    def __init__(self, folder: Path, sender_lines: tuple[str, ...]) -> None:
        self._folder, self._sender_lines = folder, sender_lines

    def send(self, message: OutboxMessage) -> SendResult:
        try:
            f"{message.recipient}{message.subject}{message.text}".encode(_ENCODING)
        except UnicodeEncodeError as error:
            return SendResult(Outcome.PERMANENT, f"cannot print '{error.object[error.start]}'")
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            target = self._folder / f"{message.id}.pdf"
            partial = target.with_suffix(".part")
            partial.write_bytes(letter_pdf(message, self._sender_lines))
            partial.replace(target)  # the print house never picks up half a file
        except OSError as error:
            return SendResult(Outcome.TRANSIENT, f"letter folder: {error}")
        return SendResult(Outcome.DELIVERED, provider_id=str(target))
