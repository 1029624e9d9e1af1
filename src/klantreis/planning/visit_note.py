"""What a technician writes down at a visit, with a photo of what they found: the photo's
kind is read from its first bytes (not from what the browser claims), and its size is held
to a limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from klantreis.core.common import to_utc
from klantreis.core.domain_errors import InvalidValue

MAX_NOTE = 2_000
MAX_PHOTO_BYTES = 5_000_000  # a phone's photo at full size is 2-4 MB
# The first bytes of each kind of photo accepted, and the type it is served as.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def photo_type(content: bytes) -> str:
    """``InvalidValue`` (field ``photo``) for what is no JPEG, PNG or WebP photo, or too big."""
    if len(content) > MAX_PHOTO_BYTES:
        raise InvalidValue("photo", f"a photo has at most {MAX_PHOTO_BYTES // 1_000_000} MB")
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    for signature, kind in SIGNATURES:
        if content.startswith(signature):
            return kind
    raise InvalidValue("photo", "only a JPEG, PNG or WebP photo can be kept")


@dataclass(frozen=True, slots=True)
class VisitNote:
    id: str
    case_id: str
    written_by: str  # the staff member's e-mail address
    written_at: datetime
    text: str
    photo_type: str = ""  # "" for a note without a photo
    photo_name: str = ""  # the stored file's name

    def __post_init__(self) -> None:
        object.__setattr__(self, "written_at", to_utc("written_at", self.written_at))
        self.check(self.text, self.photo_type)

    @staticmethod
    def check(text: str, photo_type: str) -> None:
        """``InvalidValue`` (field ``note``) for a note too long, or with nothing in it."""
        if len(text) > MAX_NOTE:
            raise InvalidValue("note", f"a note has at most {MAX_NOTE} characters")
        if not text.strip() and not photo_type:
            raise InvalidValue("note", "write something or add a photo")
