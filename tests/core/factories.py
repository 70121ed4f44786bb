from __future__ import annotations

import itertools
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from groningenmodel.models import User

_seq = itertools.count(1)
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "test-wachtwoord-123"


def make_user(
    rol: str = "",
    *,
    email: str | None = None,
    wijk: Any = None,
    stadsdeel: Any = None,
    totp: bool | None = None,
    **extra: Any,
) -> User:
    """A verified user in a role: bewoner (needs wijk), gebiedsteam (needs stadsdeel),
    raadslid, beheerder or '' (plain account). Staff roles get TOTP unless totp=False."""
    n = next(_seq)
    email = email or f"{rol or 'user'}{n}@example.org"
    user = User.objects.create_user(
        email=email, password=PASSWORD, naam=f"{rol.title()} {n}", **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if rol == "beheerder":
        user.is_superuser = user.is_staff = True
        user.save()
    elif rol == "raadslid":
        user.is_raadslid = True
        user.save()
    elif rol == "gebiedsteam":
        stadsdeel.gebiedsteam.add(user)
    elif rol == "bewoner":
        from wijken.models import Adres, Bewoner

        adres = Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[n % 3]
        Bewoner.objects.create(user=user, adres=adres, geboortejaar=1980, geverifieerd=True)
    if totp if totp is not None else rol in ("beheerder", "raadslid", "gebiedsteam"):
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def totp_now(secret: str = TEST_TOTP_SECRET) -> str:
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
