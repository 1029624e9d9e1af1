"""What each channel can carry: SMS segments, push and WhatsApp lengths, subject lines."""

from __future__ import annotations

from klantreis.core.common import Channel

# The GSM 03.38 default alphabet (and its extension table, which costs two characters).
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = set("^{}\\[~]|€")
SMS_MAX_SEGMENTS = 2
PUSH_MAX_CHARS = 178  # what iOS and Android show without truncating
WHATSAPP_MAX_CHARS = 1_024
SUBJECT_MAX_CHARS = 78
TEXT_CHANNELS = frozenset({Channel.SMS, Channel.WHATSAPP, Channel.PUSH})


def sms_segments(text: str) -> int:
    """Segments an SMS needs: GSM-7 holds 160 (153 when split), UCS-2 70 (67 when split)."""
    if all(c in _GSM7 or c in _GSM7_EXTENDED for c in text):
        units = len(text) + sum(1 for c in text if c in _GSM7_EXTENDED)
        single, part = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    if units <= single:
        return 1
    return -(-units // part)


def over_limit(channel: Channel, subject: str, text: str) -> str | None:
    """Why the message does not fit its channel, or None when it does."""
    if channel is Channel.SMS and (segments := sms_segments(text)) > SMS_MAX_SEGMENTS:
        return f"SMS needs {segments} segments (at most {SMS_MAX_SEGMENTS})"
    if channel is Channel.PUSH and len(text) > PUSH_MAX_CHARS:
        return f"push text is {len(text)} characters (at most {PUSH_MAX_CHARS})"
    if channel is Channel.WHATSAPP and len(text) > WHATSAPP_MAX_CHARS:
        return f"WhatsApp text is {len(text)} characters (at most {WHATSAPP_MAX_CHARS})"
    if channel in (Channel.EMAIL, Channel.PUSH) and len(subject) > SUBJECT_MAX_CHARS:
        return f"subject is {len(subject)} characters (at most {SUBJECT_MAX_CHARS})"
    return None
