"""What the platform holds about a person, so they can see (and erase) it.

Apps add sections with :func:`register_section`: a function that takes the user and
returns a list of ``(label, value)`` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

Section = Callable[[Any], list[tuple[str, str]]]
_SECTIONS: list[tuple[Any, Section]] = []


def register_section(title: Any) -> Callable[[Section], Section]:
    def register(fn: Section) -> Section:
        _SECTIONS.append((title, fn))
        return fn

    return register


def personal_data_for(user: Any) -> list[tuple[Any, list[tuple[str, str]]]]:
    out = []
    for title, fn in _SECTIONS:
        rows = fn(user)
        if rows:
            out.append((title, rows))
    return out


@register_section(_("Account"))
def _account(user: Any) -> list[tuple[str, str]]:
    return [
        (str(_("E-mail address")), user.email),
        (str(_("Display name")), user.naam or "—"),
        (str(_("Language")), user.get_taal_display()),
        (str(_("Joined")), user.date_joined.strftime("%Y-%m-%d")),
    ]


Eraser = Callable[[Any], None]
_ERASERS: list[Eraser] = []


def register_eraser(fn: Eraser) -> Eraser:
    """Register what an app does when a person erases their account (runs before the
    user row is deleted, inside the same transaction): remove or pseudonymise rows."""
    _ERASERS.append(fn)
    return fn


def account_erase(*, user: Any) -> None:
    """Erase a person's account and everything apps hold about them."""
    from django.db import transaction

    from .audit import audit_log

    with transaction.atomic():
        for fn in _ERASERS:
            fn(user)
        audit_log(
            actor=None, action="account.erased", obj=user, summary="account erased on request"
        )
        user.delete()
