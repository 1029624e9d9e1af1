"""Page templates: a capability's own folder first, then the shared base and refusal pages."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

SHARED = Path(__file__).parent / "templates"


def page_templates(folder: Path) -> Jinja2Templates:
    """Templates of one capability (``folder``), each free to extend the shared ``base.html``."""
    loader = ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(SHARED)])
    return Jinja2Templates(env=Environment(loader=loader, autoescape=True))
