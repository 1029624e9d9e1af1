"""A ``requests`` session for the CalDAV client that keeps to the fetch guard's rules.

The CalDAV client makes its own requests: discovery, redirects, and the hrefs a server
answers with, which may name any host. Every connection this session opens is checked at
the moment it connects (``checked_address``) and made to the address that was checked, so
neither a redirect, nor an href, nor a second DNS answer (rebinding) reaches inside our
network; TLS still verifies the host name. Answers are capped in size, redirects in number,
and the whole conversation in time: at the deadline its sockets are shut under it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection as urllib3_connection

from klantreis.scheduling.calendars.fetch import FetchLimits, checked_address
from klantreis.scheduling.ports import CalendarError


class _Conversation:
    """The sockets of one CalDAV conversation, and the moment it must end."""

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.deadline_s
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.ended = False

    def opened(self, sock: socket.socket) -> None:
        with self.lock:
            if self.ended:
                sock.close()
                raise CalendarError("the calendar server took too long to answer")
            self.sockets.append(sock)

    def end(self) -> None:
        with self.lock:
            self.ended = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # closed already
                    sock.shutdown(socket.SHUT_RDWR)


def _connection_classes(conversation: _Conversation) -> tuple[type, type]:
    def new_conn(connection: Any) -> socket.socket:
        # The socket goes to the checked address; the connection keeps its host name, which
        # TLS (SNI, the certificate) and the Host header go on using.
        address = checked_address(
            connection.host, connection.port, conversation.limits.allowed_hosts
        )
        try:
            sock = urllib3_connection.create_connection(
                (address, connection.port),
                connection.timeout,
                source_address=connection.source_address,
                socket_options=connection.socket_options,
            )
        except TimeoutError as exc:
            raise ConnectTimeoutError(connection, f"connecting to {connection.host}") from exc
        except OSError as exc:
            raise NewConnectionError(connection, f"cannot connect to {connection.host}") from exc
        conversation.opened(sock)
        return sock

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return new_conn(self)

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return new_conn(self)

    class GuardedHTTPPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return GuardedHTTPPool, GuardedHTTPSPool


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, conversation: _Conversation) -> None:
        self._conversation = conversation
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http_pool, https_pool = _connection_classes(self._conversation)
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        # Always streamed: the body is read here, within the size cap and the deadline.
        response = super().send(request, True, timeout, verify, cert, proxies)
        limits, host = self._conversation.limits, request.url or ""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            response.close()
            raise CalendarError(f"the calendar is larger than {limits.max_bytes // 1_000_000} MB")
        chunks, total = [], 0
        for chunk in response.raw.stream(65536, decode_content=True):
            total += len(chunk)
            if total > limits.max_bytes:
                response.close()
                raise CalendarError(
                    f"the calendar is larger than {limits.max_bytes // 1_000_000} MB"
                )
            if time.monotonic() > self._conversation.deadline:
                response.close()
                raise CalendarError(f"the calendar server at {host} took too long to answer")
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True
        return response


@contextmanager
def guarded_session(limits: FetchLimits) -> Iterator[requests.Session]:
    """A session whose every connection, answer and second obeys ``limits``; raises
    ``CalendarError`` past the deadline."""
    conversation = _Conversation(limits)
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment: we connect where we checked
    session.max_redirects = limits.max_redirects
    adapter = _GuardedAdapter(conversation)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    watchdog = threading.Timer(limits.deadline_s, conversation.end)
    watchdog.start()
    try:
        yield session
    except CalendarError:
        raise
    except Exception as exc:
        if time.monotonic() >= conversation.deadline:
            raise CalendarError("the calendar server took too long to answer") from exc
        raise
    finally:
        watchdog.cancel()
        session.close()
