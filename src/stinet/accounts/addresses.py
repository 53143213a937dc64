"""The client's address, behind the reverse proxies named by STINET_TRUSTED_PROXIES (settings.TRUSTED_PROXIES).

A request whose connection comes from a trusted proxy was made by the right-most address of its
X-Forwarded-For that is not a trusted proxy itself: each proxy appends the address it saw, and
whatever the client wrote to the left of that is not believed. From any other peer the header
is ignored (anyone can write it), and the client is the connection's address (REMOTE_ADDR).
Every limit per client (failed logins, requests to join) and the audit log use client_address; the
limits count an IPv6 client by its /64 network (limited_as), the block a single subscriber is given.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    """The trusted networks, parsed once per setting's value."""
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted() -> tuple[Network, ...]:
    """The networks of settings.TRUSTED_PROXIES (none by default)."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def parse_address(text: str) -> Address | None:
    """An address as proxies and servers write it ('203.0.113.7', '203.0.113.7:5123', '[2001:db8::1]:443',
    '"[2001:db8::1]"', '::ffff:10.0.0.1' -> 10.0.0.1); None when it is none ('unknown', '_hidden')."""
    text = text.strip().strip('"').strip()
    if text.startswith("["):
        text = text[1:text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _within(address: Address, networks: Iterable[Network]) -> bool:
    """True when the address lies in one of the networks."""
    return any(address.version == n.version and address in n for n in networks)


def is_trusted_proxy(remote_addr: str) -> bool:
    """True when a connection from this address comes from a trusted proxy."""
    networks = _trusted()
    address = parse_address(remote_addr) if networks else None
    return address is not None and _within(address, networks)


IPV6_BLOCK = 64  # the prefix length a provider gives one subscriber (RFC 6177): any address in it is theirs


def limited_as(address: str) -> str:
    """What a limit per client counts an address as: an IPv4 address itself, an IPv6 one as its /64
    network (a client choosing among 2^64 addresses of its own would otherwise never reach a limit)."""
    parsed = parse_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_BLOCK), strict=False))
    return str(parsed) if parsed is not None else address


def client_address(request: Any) -> str:
    """The client's address ('' outside a request): behind trusted proxies, from X-Forwarded-For."""
    meta = getattr(request, "META", None) or {}
    remote = str(meta.get("REMOTE_ADDR", "") or "")
    if not is_trusted_proxy(remote):
        return remote
    networks = _trusted()
    nearest = remote
    for hop in reversed(str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")):
        if not hop.strip():
            continue
        address = parse_address(hop)
        if address is None:  # not an address: nothing to its left can be believed
            break
        if not _within(address, networks):
            return str(address)
        nearest = str(address)  # another trusted proxy: the client is further left
    return nearest
