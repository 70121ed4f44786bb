"""One-time codes printed on paper (lottery response codes, voting codes, address
verification codes): random symbols from an alphabet without look-alikes, typed back in
any case and with or without spaces/dashes, and stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: unambiguous on paper


def code_maken(lengte: int, groep: int) -> str:
    """``lengte`` random symbols, printed in groups of ``groep`` joined by dashes."""
    raw = "".join(secrets.choice(ALFABET) for _ in range(lengte))
    return "-".join(raw[i : i + groep] for i in range(0, lengte, groep))


def code_normaliseren(code: str) -> str:
    """What the person typed, reduced to the symbols: upper case, no spaces or dashes."""
    return "".join(c for c in code.upper() if c.isalnum())


def code_hash(doel: str, code: str) -> str:
    """HMAC-SHA256 (keyed with SECRET_KEY) of ``"<doel>:<normalised code>"``; ``doel``
    keeps the kinds of code (and, where given, their owners) apart."""
    msg = f"{doel}:{code_normaliseren(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), msg, hashlib.sha256).hexdigest()
