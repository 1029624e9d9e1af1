"""The voice check: every template x persona x channel x language rendered and held to the
voice guide (docs/VOICE.md) and its channel's limits; broken catalogs fail at load."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from klantreis.core.case import CaseOrigin
from klantreis.core.common import Channel, Language
from klantreis.core.customer import Address, Customer, Persona, Salutation
from klantreis.core.device import Device, DeviceKind
from klantreis.core.time_window import TimeWindow
from klantreis.messaging.catalog import TemplateCatalog, TemplateError
from klantreis.messaging.channels import sms_segments
from klantreis.messaging.touchpoints import Touchpoint
from klantreis.messaging.values import message_values
from klantreis.messaging.voice import problems

CATALOG = TemplateCatalog.packaged()
CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.PUSH, Channel.LETTER)
ADDRESS = Address("Burgemeester van Roijensingel", "112-bis", "8011 CW", "Zwolle")
# Long names on purpose: the limits must hold for the longest customers we have.
PERSONAS = {
    Persona.FAMILY: Customer(
        "c1",
        "Heuvel-Oosterbroek",
        ADDRESS,
        salutation=Salutation.MEVROUW,
        initials="W.J.M.",
        first_name="Wilhelmina",
        tussenvoegsel="van den",
        persona=Persona.FAMILY,
    ),
    Persona.SINGLE_SENIOR: Customer(
        "c2",
        "Berg",
        ADDRESS,
        salutation=Salutation.HEER,
        initials="J.",
        tussenvoegsel="van der",
        persona=Persona.SINGLE_SENIOR,
    ),
    Persona.BUSINESS: Customer(
        "c3",
        "Bakker",
        ADDRESS,
        salutation=Salutation.NEUTRAL,
        initials="A.",
        organisation="Bakkerij en Banketbakkerij De Gouden Krakeling",
        contact_role="bedrijfsleider",
        persona=Persona.BUSINESS,
    ),
    Persona.INSTITUTION: Customer(
        "c4",
        "Vries",
        ADDRESS,
        salutation=Salutation.FIRST_NAME,
        first_name="Fatima-Zahra",
        tussenvoegsel="de",
        organisation="Stichting Woonzorgcentrum De Zonnebloem",
        persona=Persona.INSTITUTION,
    ),
}
DEVICE = Device("d1", "c1", DeviceKind.WASHING_MACHINE, "Miele WWD 320", "WM123", date(2020, 1, 1))
WINDOW = TimeWindow(datetime(2026, 9, 30, 14, tzinfo=UTC), datetime(2026, 9, 30, 16, tzinfo=UTC))
LINK = (
    "https://service.klantreis.nl/b/"
    + "eyJjIjoiMDFhMjA1NTczNTAwNzAwMDk4NjIxOGQxYjlmZmJiZWEifQ.Zk3c9Q"
)
EXTRA = {
    "reason": "het jaarlijkse onderhoud is over drie weken",
    "eta_start": "14:20",
    "eta_end": "14:40",
    "technician": "Mohammed",
    "old_date": "woensdag 23 september",
    "old_start": "10:00",
    "request": "verzetten",
    "address": "j***@example.nl",
    "deadline": "",
}


def _values(customer: Customer, language: Language) -> dict[str, str]:
    return message_values(customer, language, LINK, DEVICE, WINDOW, **EXTRA)


CASES = list(itertools.product(Touchpoint, PERSONAS, CHANNELS, Language))


@pytest.mark.parametrize(("touchpoint", "persona", "channel", "language"), CASES)
def test_every_message_speaks_with_one_voice(
    touchpoint: Touchpoint, persona: Persona, channel: Channel, language: Language
) -> None:
    customer = PERSONAS[persona]
    reasons = (  # every reason an invitation can give, the longest included
        [CATALOG.invitation_reason(origin, language) for origin in CaseOrigin]
        if touchpoint is Touchpoint.INVITATION
        else [EXTRA["reason"]]
    )
    for reason in reasons:
        values = _values(customer, language) | {"reason": reason}
        rendered = CATALOG.render(touchpoint, language, channel, values)
        assert problems(channel, language, rendered.subject, rendered.text) == []
        if channel is Channel.EMAIL:
            assert rendered.html is not None and f'href="{LINK}"' in rendered.html
        if channel is Channel.PUSH:
            assert rendered.action_url == LINK and LINK not in rendered.text
        else:
            assert LINK in rendered.text


@pytest.mark.parametrize(
    ("text", "language", "channel", "expected"),
    [
        ("Geachte heer/mevrouw, u dient te betalen.", Language.NL, Channel.EMAIL, "heer/mevrouw"),
        ("Dear valued customer", Language.EN, Channel.EMAIL, "valued customer"),
        ("Beste {{ name }}, tot morgen", Language.NL, Channel.EMAIL, "unfilled placeholder"),
        ("Beste None, tot morgen", Language.NL, Channel.EMAIL, "unfilled placeholder"),
        ("Beste  Jansen", Language.NL, Channel.EMAIL, "empty placeholder"),
        ("x" * 307, Language.NL, Channel.SMS, "3 segments"),
        ("ł" * 135, Language.NL, Channel.SMS, "3 segments"),  # Unicode: 67 per part
        ("y" * 179, Language.EN, Channel.PUSH, "push text"),
    ],
)
def test_the_voice_check_catches_what_it_should(
    text: str, language: Language, channel: Channel, expected: str
) -> None:
    assert any(expected in p for p in problems(channel, language, "Onderwerp", text))


def test_sms_segments_follow_gsm7_and_unicode_rules() -> None:
    assert sms_segments("a" * 160) == 1 and sms_segments("a" * 161) == 2
    assert sms_segments("€" * 80) == 1 and sms_segments("€" * 81) == 2  # two units each
    assert sms_segments("ł" * 70) == 1 and sms_segments("ł" * 71) == 2


def test_the_salutation_follows_what_each_customer_asked() -> None:
    greetings = {p: _values(c, Language.NL)["salutation"] for p, c in PERSONAS.items()}
    assert greetings == {
        Persona.FAMILY: "Geachte mevrouw Van den Heuvel-Oosterbroek",
        Persona.SINGLE_SENIOR: "Geachte heer Van der Berg",
        Persona.BUSINESS: "Geachte bedrijfsleider van "
        "Bakkerij en Banketbakkerij De Gouden Krakeling",
        Persona.INSTITUTION: "Beste Fatima-Zahra",
    }
    assert (
        _values(PERSONAS[Persona.SINGLE_SENIOR], Language.EN)["salutation"]
        == "Dear Mr Van der Berg"
    )


def test_dates_and_times_are_in_the_customers_language_and_zone() -> None:
    nl = _values(PERSONAS[Persona.FAMILY], Language.NL)
    en = _values(PERSONAS[Persona.FAMILY], Language.EN)
    assert (nl["date"], nl["start"], nl["end"]) == ("woensdag 30 september", "16:00", "18:00")
    assert en["date"] == "Wednesday 30 September"


def _catalog_with(tmp_path: Path, language: str, old: str, new: str) -> TemplateCatalog:
    source = Path(__file__).parents[2] / "src/klantreis/messaging/templates"
    for path in source.glob("*.toml"):
        text = path.read_text("utf-8")
        if path.stem == language:
            assert old in text
            text = text.replace(old, new, 1)
        (tmp_path / path.name).write_text(text, "utf-8")
    return TemplateCatalog.from_folder(tmp_path)


def test_an_unknown_placeholder_fails_when_the_catalog_loads(tmp_path: Path) -> None:
    with pytest.raises(
        TemplateError,
        match=r"nl.toml: \[confirmation\].short uses unknown placeholder\(s\) eta_start",
    ):
        _catalog_with(
            tmp_path,
            "nl",
            "tussen {{ start }} en {{ end }}. Verzetten",
            "tussen {{ eta_start }} en {{ end }}. Verzetten",
        )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[survey]", "[enquete]", "unknown touchpoint"),
        ('short = "{{ salutation }}, hoe was', 'kort = "{{ salutation }}, hoe was', "unknown part"),
        ("Het spijt ons: {{ reason }}", "Het spijt ons: {{ reason }", "line"),
        ('subject = "Het spijt ons"', 'subject = ""', "missing or empty"),
        ('predicted = "onze metingen', 'voorspeld = "onze metingen', "unknown origin"),
        ('u vroeg om een bezoek"', '"', r"\[invitation_reasons\].customer_request is missing"),
        ("[invitation_reasons]", "[redenen]", "unknown touchpoint"),
    ],
)
def test_a_broken_catalog_is_refused_with_where_it_breaks(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        _catalog_with(tmp_path, "nl", old, new)


def test_a_missing_language_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "nl.toml").write_text("", "utf-8")
    with pytest.raises(TemplateError, match="en.toml: missing"):
        TemplateCatalog.from_folder(tmp_path)


def test_rendering_without_a_needed_value_names_it() -> None:
    values = _values(PERSONAS[Persona.FAMILY], Language.NL)
    del values["technician"]
    with pytest.raises(TemplateError, match="technician"):
        CATALOG.render(Touchpoint.ON_THE_WAY, Language.NL, Channel.SMS, values)
