"""``python -m klantreis`` is the ``klantreis`` command."""

from klantreis.cli.main import app

app(prog_name="klantreis")
