"""Reading the project's TOML configuration: a firm's own file, or the one we ship."""

from __future__ import annotations

import tomllib
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


def read_toml(path: Path | None, packaged: Traversable) -> tuple[dict[str, Any], str]:
    """The document in ``path``, or the packaged one, with the name errors should give it;
    ``ValueError`` naming the file when it is not valid TOML."""
    if path is None:
        text, name = packaged.read_text("utf-8"), packaged.name
    else:
        text, name = path.read_text("utf-8"), str(path)
    try:
        return tomllib.loads(text), name
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{name}: not valid TOML: {error}") from None
