"""Fetching an address a customer gave us, without letting it reach inside our network.

A calendar address comes from a customer link, so it may name anything: the database host,
the cloud's metadata service, our own API on localhost. Every hop (the first request and each
redirect) is resolved first, and refused unless every address it resolves to is a public
one; the request then goes to the address that was checked (so a second DNS answer cannot
point elsewhere), with the host name kept for TLS and the Host header. Redirects, size and
total time are capped, and what came back is never repeated in an error: an error says what
went wrong, not what the server said.

A company's own calendar server may live on a private network: its host names can be allowed
by configuration (``KLANTREIS_CALENDAR_ALLOWED_HOSTS``).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from klantreis.scheduling.ports import CalendarError

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    deadline_s: float = 10.0  # the whole fetch, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 3
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)


class AddressRefused(CalendarError):
    """The address leads somewhere we do not fetch from."""


def checked_address(host: str, port: int, allowed: Iterable[str]) -> str:
    """The address to connect to for ``host``: the host itself when allowed by configuration,
    else its first resolved address, provided every address it resolves to is public."""
    if host.lower() in {h.lower() for h in allowed}:
        return host
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise CalendarError(f"the calendar host {host} does not exist") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))  # the resolver's order
    if not addresses:
        raise CalendarError(f"the calendar host {host} does not exist")
    for text in addresses:
        if not is_public(ipaddress.ip_address(text.split("%")[0])):
            raise AddressRefused(
                "the calendar address points into a private network; give an address on the "
                "internet"
            )
    ipv4 = [a for a in addresses if ":" not in a]
    return (ipv4 or addresses)[0]


NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Global unicast, also after unwrapping the IPv6 forms that carry an IPv4 address
    (mapped, 6to4, Teredo, NAT64, IPv4-compatible): those reach IPv4 hosts."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in SITE_LOCAL:
            return False
        embedded = (
            address.ipv4_mapped
            or address.sixtofour
            or (address.teredo[1] if address.teredo else None)
            or (
                ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
                if address in NAT64 or (address in IPV4_COMPATIBLE and int(address) > 1)
                else None
            )
        )
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not address.is_multicast


def fetch(url: str, limits: FetchLimits) -> bytes:
    """GET ``url`` (http or https) within ``limits``; ``CalendarError`` says why not."""
    deadline = time.monotonic() + limits.deadline_s
    for _hop in range(limits.max_redirects + 1):
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise CalendarError("the calendar address must start with https:// or webcal://")
        host = parts.hostname
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError as exc:
            raise CalendarError("the calendar address has an invalid port") from exc
        address = checked_address(host, port, limits.allowed_hosts)
        shown = f"[{address}]" if ":" in address else address
        target = urlunsplit((parts.scheme, f"{shown}:{port}", parts.path or "/", parts.query, ""))
        auth = (parts.username or "", parts.password or "") if parts.username else None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CalendarError(f"the calendar at {host} took too long to answer")
        client = httpx.Client(
            timeout=httpx.Timeout(remaining), follow_redirects=False, trust_env=False
        )
        # Per-read timeouts do not bound a server that trickles its headers: at the deadline
        # the connection is closed under the request, whatever it is waiting for.
        watchdog = threading.Timer(remaining, client.close)
        watchdog.start()
        try:
            with (
                client,
                client.stream(
                    "GET",
                    target,
                    headers={"Host": host if parts.port is None else f"{host}:{port}"},
                    auth=auth,
                    extensions={"sni_hostname": host},
                ) as response,
            ):
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code != 200:
                    raise CalendarError(
                        f"the calendar at {host} answered HTTP {response.status_code}"
                    )
                return _read(response, host, limits, deadline)
        except (httpx.HTTPError, RuntimeError, OSError) as exc:  # closed at the deadline too
            if time.monotonic() >= deadline:
                raise CalendarError(f"the calendar at {host} took too long to answer") from exc
            raise CalendarError(f"the calendar at {host} could not be reached") from exc
        finally:
            watchdog.cancel()
    raise CalendarError("the calendar address redirects too often")


def _read(response: httpx.Response, host: str, limits: FetchLimits, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise CalendarError(f"the calendar is larger than {limits.max_bytes // 1_000_000} MB")
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limits.max_bytes:
            raise CalendarError(f"the calendar is larger than {limits.max_bytes // 1_000_000} MB")
        if time.monotonic() > deadline:  # a server that trickles a byte at a time
            raise CalendarError(f"the calendar at {host} took too long to answer")
        chunks.append(chunk)
    return b"".join(chunks)
