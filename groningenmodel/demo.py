"""Demo accounts: one per role, with fixed credentials printed by ``manage.py demo``."""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from .models import User

DEMO_PASSWORD = "groningen-demo-2026"


TOTP_DEMO = "totp"  # marker: the account gets a demo TOTP secret derived from its e-mail


def demo_totp_secret(email: str) -> str:
    """A fixed, documented demo secret (base32), so the demo can be used on any machine."""
    return base64.b32encode(hashlib.sha256(f"demo-totp:{email}".encode()).digest()[:20]).decode()


@dataclass(frozen=True)
class DemoAccount:
    email: str
    rol: str
    naam: str
    totp_secret: str = ""
    stadsdelen: tuple[str, ...] = ()
    wijk: str = ""


ACCOUNTS = [
    DemoAccount("beheerder@demo.groningen.nl", "beheerder", "Bea Beheer", TOTP_DEMO),
    DemoAccount(
        "gebiedsteam.oost@demo.groningen.nl", "gebiedsteam", "Gerrit Oost", TOTP_DEMO, ("oost",)
    ),
    DemoAccount(
        "gebiedsteam.zuid@demo.groningen.nl", "gebiedsteam", "Zoë Zuid", TOTP_DEMO, ("zuid",)
    ),
    DemoAccount(
        "gebiedsteam.west@demo.groningen.nl",
        "gebiedsteam",
        "Wim West",
        TOTP_DEMO,
        ("west", "noord"),
    ),
    DemoAccount(
        "gebiedsteam.centrum@demo.groningen.nl",
        "gebiedsteam",
        "Cor Centrum",
        TOTP_DEMO,
        ("centrum", "haren", "ten-boer"),
    ),
    DemoAccount("raadslid@demo.groningen.nl", "raadslid", "Rita Raad", TOTP_DEMO),
    DemoAccount("bewoner@demo.groningen.nl", "bewoner", "Bram Bewoner", wijk="oosterparkwijk"),
    DemoAccount("bewoner.selwerd@demo.groningen.nl", "bewoner", "Sanne Selwerd", wijk="selwerd"),
]

FRACTIES = [
    ("GroenLinks", 10),
    ("PvdA", 8),
    ("D66", 5),
    ("SP", 4),
    ("Partij voor de Dieren", 3),
    ("VVD", 3),
    ("CDA", 2),
    ("Stadspartij", 3),
    ("ChristenUnie", 2),
    ("Student en Stad", 2),
    ("PVV", 1),
    ("BBB", 1),
    ("100% Groningen", 1),
]
VOORNAMEN = [
    "Anna",
    "Jan",
    "Fenna",
    "Sjoerd",
    "Ineke",
    "Roelf",
    "Marleen",
    "Hidde",
    "Yasmina",
    "Pieter",
    "Tjitske",
    "Mohamed",
    "Els",
    "Wiebe",
    "Noor",
    "Klaas",
    "Sara",
    "Daan",
    "Hilde",
    "Bart",
    "Lotte",
    "Geert",
    "Fatma",
    "Harm",
    "Jelle",
    "Mirjam",
    "Thijs",
]
ACHTERNAMEN = [
    "de Vries",
    "Bakker",
    "Huizinga",
    "Dijkstra",
    "Smit",
    "Mulder",
    "Visser",
    "Kuipers",
    "Hoekstra",
    "Jansen",
    "Boersma",
    "Postma",
    "Wiersma",
    "Veenstra",
    "Kramer",
    "van der Meer",
    "Oosterhuis",
    "Zijlstra",
    "Bos",
    "Meijer",
]


def _ensure_user(acc: DemoAccount) -> User:
    user, _ = User.objects.get_or_create(email=acc.email, defaults={"naam": acc.naam})
    user.naam = acc.naam
    user.is_superuser = user.is_staff = acc.rol == "beheerder"
    user.is_raadslid = acc.rol == "raadslid"
    if acc.rol == "raadslid":
        user.fractie = "GroenLinks"
    if acc.rol == "bewoner":
        user.set_unusable_password()
    else:
        user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=acc.email, defaults={"verified": True, "primary": True}
    )
    if (
        acc.totp_secret
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, demo_totp_secret(acc.email))
    return user


@transaction.atomic
def load(*, stdout: Any = None, scale: float = 1.0) -> dict[str, User]:
    from wijken.demo import inwoner_voor
    from wijken.models import Adres, Bewoner, Stadsdeel

    users = {}
    for acc in ACCOUNTS:
        user = _ensure_user(acc)
        users[acc.email] = user
        for slug in acc.stadsdelen:
            Stadsdeel.objects.get(slug=slug).gebiedsteam.add(user)
        if acc.wijk and not hasattr(user, "bewoner"):
            adres = Adres.objects.filter(straat__buurt__wijk__slug=acc.wijk).order_by("id").first()
            if adres is not None:
                Bewoner.objects.create(
                    user=user,
                    adres=adres,
                    inwoner=inwoner_voor(adres, 1985),
                    geboortejaar=1985,
                    geverifieerd=True,
                    geverifieerd_op=timezone.now(),
                )
    # The municipal council: 45 members (synthetic names), the pool for CWR council seats.
    rng = random.Random("demo:raad")
    n = User.objects.filter(is_raadslid=True).count()
    seats = [f for f, k in FRACTIES for _ in range(k)]
    for i, fractie in enumerate(seats[n:], start=n + 1):
        naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
        User.objects.create_user(
            email=f"raadslid{i:02d}@raad.demo.groningen.nl",
            naam=naam,
            is_raadslid=True,
            fractie=fractie,
        )
    return users
