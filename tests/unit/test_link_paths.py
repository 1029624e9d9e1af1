"""Every page a link opens has one path prefix, spelled in one place."""

from __future__ import annotations

import re
from pathlib import Path

from klantreis.core.link_paths import LINKED_PAGES, Page, address_of, path_of

SOURCE = Path(__file__).parents[2] / "src" / "klantreis"
SPELLED_OUT = re.compile(r"""["'}](/[abcmpstv]/)[{"']""")


def test_no_module_spells_out_a_page_s_path_prefix() -> None:
    spelled = sorted(
        f"{path.relative_to(SOURCE)}: {match.group(0)}"
        for path in SOURCE.rglob("*.py")
        if path.name != "link_paths.py"
        for match in SPELLED_OUT.finditer(path.read_text("utf-8"))
    )
    assert spelled == []


def test_addresses_are_built_from_the_one_prefix_per_page() -> None:
    assert path_of(Page.BOOKING, "tok") == "/b/tok"
    assert address_of("https://service.example.nl/", Page.SURVEY, "tok") == (
        "https://service.example.nl/s/tok"
    )
    assert "/c/" not in LINKED_PAGES and "/m/" in LINKED_PAGES  # a secret is not a link
