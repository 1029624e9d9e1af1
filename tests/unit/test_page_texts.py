"""Page texts live with their capability (``<capability>/texts.toml``) and load as one
catalogue; a file that cannot be used is refused by file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantreis.core.common import Language
from klantreis.core.web.texts import TextsError, load_catalogue, texts_for


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_every_capability_s_texts_join_one_catalogue_in_both_languages() -> None:
    dutch, english = texts_for(Language.NL), texts_for(Language.EN)
    assert dutch.keys() == english.keys()
    assert dutch["title"] == "Kies uw moment" and english["title"] == "Choose your moment"
    assert dutch["survey_title"] == "Hoe was ons bezoek?"  # feedback's own file
    assert english["track_title"] == "Your technician"  # planning's own file


def test_a_text_without_its_english_is_refused_by_file_and_key(tmp_path: Path) -> None:
    path = _file(tmp_path, "texts.toml", '[title]\nnl = "Kies uw moment"\n')
    with pytest.raises(TextsError, match=r"texts.toml: 'title' needs exactly nl and en"):
        load_catalogue([path])


def test_a_key_two_capabilities_define_is_refused(tmp_path: Path) -> None:
    first = _file(tmp_path, "a.toml", '[title]\nnl = "Titel"\nen = "Title"\n')
    second = _file(tmp_path, "b.toml", '[title]\nnl = "Kop"\nen = "Heading"\n')
    with pytest.raises(TextsError, match=r"b.toml: 'title' is defined in .*a.toml already"):
        load_catalogue([first, second])


def test_an_empty_translation_and_broken_toml_are_refused(tmp_path: Path) -> None:
    empty = _file(tmp_path, "empty.toml", '[title]\nnl = " "\nen = "Title"\n')
    with pytest.raises(TextsError, match="'title' has an empty or non-text translation"):
        load_catalogue([empty])
    broken = _file(tmp_path, "broken.toml", "[title\n")
    with pytest.raises(TextsError, match="broken.toml: not valid TOML"):
        load_catalogue([broken])
