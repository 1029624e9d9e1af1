"""Photos of visits as files in a folder (``KLANTREIS_PHOTO_DIR``), each under a random name."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from klantreis.core.errors import NotFound

NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class FolderPhotoStore:
    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def save(self, content: bytes) -> str:
        self._folder.mkdir(parents=True, exist_ok=True)
        name = secrets.token_urlsafe(24)
        (self._folder / name).write_bytes(content)
        return name

    def read(self, name: str) -> bytes:
        path = self._folder / name
        if not NAME.match(name) or not path.is_file():  # a stored name only: no path tricks
            raise NotFound("this photo is not kept here")
        return path.read_bytes()
