"""Two real processes claim the same registered inhabitant at the same moment: exactly
one account gets it (row lock on the inhabitant, unique constraint behind it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest
from django.db import connection

from tests.conftest import ROOT, _worker_env
from wijken.models import Adres, AdresVerificatie, Inwoner

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groningenmodel.settings")
    import django
    django.setup()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from groningenmodel.models import User
    from wijken.services_adres import adresverificatie_aanvragen

    user_id, adres_pc, nr, jaar, start = sys.argv[1:6]
    user = User.objects.get(pk=int(user_id))
    while time.time() < float(start):
        time.sleep(0.001)
    try:
        with transaction.atomic():
            adresverificatie_aanvragen(
                user=user, postcode=adres_pc, huisnummer=int(nr), geboortejaar=int(jaar)
            )
            # Hold the transaction open: without the lock the other process would now
            # see the inhabitant as free too.
            time.sleep(1.5)
    except ValidationError as exc:
        print("REFUSED", exc.code)
    else:
        print("LINKED")
    """
)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_accounts_cannot_claim_one_inhabitant(make_user: Any, wijk: Any) -> None:
    assert connection.vendor == "postgresql"
    adres = Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id").first()
    assert adres is not None
    Inwoner.objects.filter(adres=adres).delete()
    Inwoner.objects.create(adres=adres, geboortejaar=1975, geslacht="v")
    users = [make_user(), make_user()]
    env = _worker_env(connection.settings_dict["NAME"])
    start = time.time() + 4.0
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(u.pk),
                adres.postcode,
                str(adres.huisnummer),
                "1975",
                str(start),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for u in users
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(outs) == ["LINKED", "REFUSED al_gekoppeld"], outs
    assert AdresVerificatie.objects.filter(adres=adres).count() == 1
