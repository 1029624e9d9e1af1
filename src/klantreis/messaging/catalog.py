"""The template catalog: one TOML file per language, checked whole when it is loaded.

A template that names a placeholder its touchpoint cannot fill, or a touchpoint without its
three texts, fails here, at start-up, never at send time.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined, Template, TemplateSyntaxError, UndefinedError, meta

from klantreis.core.case import CaseOrigin
from klantreis.core.common import Channel, Language
from klantreis.messaging.channels import TEXT_CHANNELS
from klantreis.messaging.touchpoints import PLACEHOLDERS, Touchpoint

PARTS = ("subject", "short", "push", "long")
REASONS = "invitation_reasons"
FIX_BEFORE = "fix_before"  # in [invitation_reasons]: "... before {date}", for predicted cases
SIGN_OFF = {
    Language.NL: "Met vriendelijke groet,\nTeam Klantreis",
    Language.EN: "Kind regards,\nThe Klantreis team",
}
_URL = re.compile(r"https?://\S+")


class TemplateError(ValueError):
    """A template that cannot be used, named by file, touchpoint and part."""


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str | None = None
    action_url: str | None = None  # what tapping a push notification opens


class TemplateCatalog:
    def __init__(self, sources: Mapping[Language, tuple[str, str]]) -> None:
        """``sources``: per language, (file name for messages, TOML text)."""
        self._env = Environment(undefined=StrictUndefined, autoescape=False)
        self._templates: dict[tuple[Touchpoint, Language, str], Template] = {}
        self._needs: dict[tuple[Touchpoint, Language], frozenset[str]] = {}
        self._reasons: dict[tuple[CaseOrigin, Language], str] = {}
        self._deadlines: dict[Language, str] = {}
        for language in Language:
            if language not in sources:
                raise TemplateError(f"no templates for language '{language.value}'")
            name, text = sources[language]
            self._load(language, name, text)

    @classmethod
    def packaged(cls) -> TemplateCatalog:
        folder = resources.files("klantreis.messaging") / "templates"
        return cls(
            {
                lang: (f"{lang.value}.toml", (folder / f"{lang.value}.toml").read_text("utf-8"))
                for lang in Language
            }
        )

    @classmethod
    def from_folder(cls, folder: Path) -> TemplateCatalog:
        sources = {}
        for language in Language:
            path = folder / f"{language.value}.toml"
            if not path.exists():
                raise TemplateError(f"{path}: missing")
            sources[language] = (str(path), path.read_text("utf-8"))
        return cls(sources)

    def _load(self, language: Language, name: str, text: str) -> None:
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise TemplateError(f"{name}: not valid TOML: {error}") from None
        unknown = sorted(set(document) - {t.value for t in Touchpoint} - {REASONS})
        if unknown:
            raise TemplateError(f"{name}: unknown touchpoint(s) {', '.join(unknown)}")
        self._load_reasons(language, name, document.get(REASONS))
        for touchpoint in Touchpoint:
            section = document.get(touchpoint.value)
            if not isinstance(section, dict):
                raise TemplateError(f"{name}: touchpoint [{touchpoint.value}] is missing")
            extra = sorted(set(section) - set(PARTS))
            if extra:
                raise TemplateError(f"{name}: [{touchpoint.value}] has unknown part(s) {extra}")
            needs: set[str] = set()
            for part in PARTS:
                source = section.get(part)
                if not isinstance(source, str) or not source.strip():
                    raise TemplateError(f"{name}: [{touchpoint.value}].{part} is missing or empty")
                where = f"{name}: [{touchpoint.value}].{part}"
                try:
                    parsed = self._env.parse(source)
                except TemplateSyntaxError as error:
                    raise TemplateError(f"{where}: {error.message} (line {error.lineno})") from None
                used = meta.find_undeclared_variables(parsed)
                if strange := sorted(used - PLACEHOLDERS[touchpoint]):
                    allowed = ", ".join(sorted(PLACEHOLDERS[touchpoint]))
                    raise TemplateError(
                        f"{where} uses unknown placeholder(s) {', '.join(strange)} "
                        f"(this touchpoint offers: {allowed})"
                    )
                needs |= used
                self._templates[(touchpoint, language, part)] = self._env.from_string(source)
            self._needs[(touchpoint, language)] = frozenset(needs)

    def _load_reasons(self, language: Language, name: str, section: object) -> None:
        if not isinstance(section, dict):
            raise TemplateError(f"{name}: [{REASONS}] is missing")
        if extra := sorted(set(section) - {o.value for o in CaseOrigin} - {FIX_BEFORE}):
            raise TemplateError(f"{name}: [{REASONS}] has unknown origin(s) {extra}")
        deadline = section.get(FIX_BEFORE)
        if not isinstance(deadline, str) or "{date}" not in deadline:
            raise TemplateError(f"{name}: [{REASONS}].{FIX_BEFORE} needs a text with {{date}}")
        self._deadlines[language] = deadline.strip()
        for origin in CaseOrigin:
            text = section.get(origin.value)
            if not isinstance(text, str) or not text.strip():
                raise TemplateError(f"{name}: [{REASONS}].{origin.value} is missing or empty")
            self._reasons[(origin, language)] = text.strip()

    def invitation_reason(self, origin: CaseOrigin, language: Language) -> str:
        return self._reasons[(origin, language)]

    def fix_before_phrase(self, language: Language, day: str) -> str:
        """'; wij komen graag voor <day>' to follow the reason, or '' without a day."""
        return f"; {self._deadlines[language].format(date=day)}" if day else ""

    def needs(self, touchpoint: Touchpoint, language: Language) -> frozenset[str]:
        return self._needs[(touchpoint, language)]

    def render(
        self,
        touchpoint: Touchpoint,
        language: Language,
        channel: Channel,
        values: Mapping[str, str],
    ) -> Rendered:
        missing = sorted(self.needs(touchpoint, language) - set(values))
        if missing:
            raise TemplateError(f"{touchpoint.value}/{language.value}: no value for {missing}")
        try:
            subject = self._templates[(touchpoint, language, "subject")].render(values).strip()
            part = {Channel.PUSH: "push", Channel.SMS: "short", Channel.WHATSAPP: "short"}.get(
                channel, "long"
            )
            body = self._templates[(touchpoint, language, part)].render(values).strip()
        except UndefinedError as error:
            raise TemplateError(f"{touchpoint.value}/{language.value}: {error}") from None
        if channel is Channel.PUSH:
            return Rendered(subject, body, action_url=values.get("link"))
        if channel in TEXT_CHANNELS:
            return Rendered(subject, body)
        text = f"{body}\n\n{SIGN_OFF[language]}"
        return Rendered(
            subject, text, _html(subject, text, language) if channel is Channel.EMAIL else None
        )


def _html(subject: str, text: str, language: Language) -> str:
    paragraphs = []
    for block in text.split("\n\n"):
        escaped = html.escape(block)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append(f"<p>{linked.replace(chr(10), '<br>')}</p>")
    return (
        f'<!doctype html><html lang="{language.value}"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>"
        '<body style="font-family: sans-serif; max-width: 36em; line-height: 1.5">'
        + "".join(paragraphs)
        + "</body></html>"
    )
