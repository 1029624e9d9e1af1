"""``python -m klantreis`` is the ``klantreis`` command."""

from klantreis.entrypoints.cli.main import app

app(prog_name="klantreis")
