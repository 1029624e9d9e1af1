"""Kill the worker in the middle of a batch and start it again: nothing is sent twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from klantreis.app.bootstrap import bootstrap
from klantreis.app.config import Settings
from klantreis.app.migrate import upgrade
from klantreis.devtools.smtp import smtp_server
from klantreis.messaging.outbox import Status
from klantreis.messaging.outbox_service import enqueue
from klantreis.messaging.touchpoints import Touchpoint
from tests.integration.test_outbox_delivery import VALUES
from tests.messaging_world import add_customer

MESSAGES = 150


def _worker(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KLANTREIS_DATABASE_URL": url, "KLANTREIS_SMTP_PORT": str(port)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klantreis.cli.main",
            "worker",
            "--batch",
            "200",
            "--lease",
            "2",
            "--interval",
            "0.2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.mark.slow
def test_a_worker_killed_mid_batch_and_restarted_sends_nothing_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    container = bootstrap(Settings(database_url=url))
    upgrade(container.engine)
    add_customer(container, "k1")
    with container.uow_factory() as uow:
        customer = uow.customers.get("k1")
        assert customer is not None
        for i in range(MESSAGES):
            enqueue(
                uow,
                container.clock,
                container.messenger,
                customer,
                Touchpoint.CONFIRMATION,
                VALUES,
                cause=f"case-{i}:v1",
            )
        uow.commit()

    def statuses() -> Counter[Status]:
        with container.uow_factory(read_only=True) as uow:
            return Counter(uow.outbox.counts())

    with smtp_server(delay=0.02) as (port, mailbox):
        first = _worker(url, port)
        _wait(lambda: len(mailbox.ids()) >= 30, 60)
        first.send_signal(signal.SIGKILL)
        first.wait()
        before_restart = len(mailbox.ids())
        assert before_restart < MESSAGES  # it really died mid-batch
        second = _worker(url, port)
        _wait(lambda: statuses()[Status.SENT] + statuses()[Status.UNCERTAIN] == MESSAGES, 90)
        second.terminate()
        second.wait()
        arrived = mailbox.ids()
    counts = statuses()
    assert len(arrived) == len(set(arrived)), "a message reached the customer twice"
    assert counts[Status.UNCERTAIN] <= 1  # at most the one being handed over at the kill
    with container.uow_factory(read_only=True) as uow:
        sent_ids = {m.id for m in uow.outbox.list(Status.SENT)}
    assert sent_ids <= set(arrived) and len(arrived) - len(sent_ids) <= counts[Status.UNCERTAIN]
    container.dispose()
