"""The role/permission matrix: every named URL of the project, per role, the answer.

Each app lists its cases in ``tests/<app>/matrix.py`` as ``CASES`` and may define
``setup(ctx)`` to create the objects its URLs need (``ctx`` is a dict with ``wijk``,
``other_wijk`` and ``roles`` already in it). ``tests/test_permission_matrix.py`` runs
every case for every role, and fails when a URL exists that no case covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = [
    "anon",
    "bewoner",
    "bewoner_elders",
    "gebiedsteam",
    "gebiedsteam_elders",
    "raadslid",
    "beheerder",
]
LOGIN = 302  # anonymous visitors are sent to the login page


@dataclass
class Case:
    url_name: str
    expect: dict[str, int]
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    method: str = "get"
    data: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    label: str = ""

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: no expectation for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}:{self.method}"


def everyone(code: int = 200) -> dict[str, int]:
    return dict.fromkeys(ROLES, code)


def signed_in(code: int = 200) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, code), "anon": LOGIN}


def only(allowed: list[str], code: int = 200, denied: int = 403) -> dict[str, int]:
    """``allowed`` roles get ``code``; other signed-in roles ``denied``; anon the login."""
    out = {r: (code if r in allowed else denied) for r in ROLES}
    if "anon" not in allowed:
        out["anon"] = LOGIN
    return out
