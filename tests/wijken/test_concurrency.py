"""Two real processes commit from the same pot at the same moment: the pot row lock
(select_for_update in the service) lets exactly one through on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest
from django.db import connection

from tests.conftest import ROOT, _worker_env
from tests.wijken.factories import make_pot
from wijken.models import Boeking
from wijken.selectors import saldo_pot

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groningenmodel.settings")
    import django
    django.setup()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from wijken.models import Budgetpot
    from wijken.services import boeking_verplichting

    pot_id, start, naam = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    pot = Budgetpot.objects.get(pk=pot_id)
    while time.time() < start:
        time.sleep(0.001)
    try:
        with transaction.atomic():
            boeking_verplichting(pot=pot, bedrag_centen=60_000, door=None, omschrijving=naam)
            # Hold the transaction open: without the row lock the other process would
            # now read the same free balance and book too.
            time.sleep(1.5)
    except ValidationError as exc:
        print("REFUSED", exc.messages[0])
    else:
        print("BOOKED")
    """
)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_commitments_cannot_overdraw_a_pot(wijk: Any) -> None:
    assert connection.vendor == "postgresql"
    pot = make_pot(wijk, toegewezen=100_000)  # room for one commitment of 60,000, not two
    env = _worker_env(connection.settings_dict["NAME"])
    start = time.time() + 4.0  # both wait for the same moment after Django has started
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(pot.pk), str(start), f"proces {i}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(o.split()[0] for o in outs) == ["BOOKED", "REFUSED"], outs
    refused = next(o for o in outs if o.startswith("REFUSED"))
    assert "overdrawn" in refused or "overschreden" in refused
    saldo = saldo_pot(pot)
    assert saldo.verplicht == 60_000 and saldo.vrij == 40_000
    assert Boeking.objects.filter(pot=pot, soort=Boeking.Soort.VERPLICHTING).count() == 1
