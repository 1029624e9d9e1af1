"""The packaged message templates are read once per process, not on every message."""

from __future__ import annotations

from klantreis.app.bootstrap import _catalog


def test_every_messenger_shares_one_template_catalogue() -> None:
    assert _catalog() is _catalog()
