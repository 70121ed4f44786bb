"""200 voters in parallel processes cast and change their ballots at the same time:
afterwards exactly one voter row and one ballot each, and no vote lost."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import time
import traceback
from typing import Any

import pytest

from stemmen import services_stemming as svc
from stemmen.models_stemming import Kiezer, Stembiljet
from tests.stemmen.factories_stemming import idee_pks, make_ronde

VOTERS = 200
PROCS = 20


def _worker(
    p: int, ronde_id: int, jobs: list[tuple[int, list[int]]], barrier: Any, errors: Any
) -> None:
    from django.db import connections

    from groningenmodel.models import User
    from stemmen.models import Ronde

    # A forked child must never talk over a database socket it inherited from the parent.
    for conn in connections.all(initialized_only=True):
        conn.connection = None
    try:
        ronde = Ronde.objects.get(pk=ronde_id)
        users = {u.pk: u for u in User.objects.filter(pk__in=[j[0] for j in jobs])}
        barrier.wait(timeout=60)
        for user_id, keuze in jobs:
            ident = svc.identiteit_account(ronde, users[user_id])
            svc.stem_uitbrengen(ronde=ronde, identiteit=ident, keuze=svc.Keuze(keuze))
    except Exception:  # noqa: BLE001
        errors.put(f"process {p}: {traceback.format_exc()}")
    finally:
        connections.close_all()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_200_voters_in_parallel(wijk: Any) -> None:
    from django.db import connections

    from groningenmodel.models import User
    from wijken.models import Adres, Bewoner

    adres = Adres.objects.filter(straat__buurt__wijk=wijk).first()
    users = User.objects.bulk_create([User(email=f"kiezer{i}@example.org") for i in range(VOTERS)])
    Bewoner.objects.bulk_create(
        [Bewoner(user=u, adres=adres, geboortejaar=1980, geverifieerd=True) for u in users]
    )
    ronde = make_ronde(wijk, users[0], keuze_max=2)
    a, b, c, _d = idee_pks(ronde)
    eerste = {u.pk: [a] for u in users}
    tweede = {u.pk: ([b, c] if i % 2 else [c]) for i, u in enumerate(users)}
    jobs: list[list[tuple[int, list[int]]]] = [[] for _ in range(PROCS)]
    for i, u in enumerate(users):
        jobs[i % PROCS].append((u.pk, eerste[u.pk]))  # cast ...
        jobs[(i + PROCS // 2) % PROCS].append((u.pk, tweede[u.pk]))  # ... and change, elsewhere
    connections.close_all()
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(PROCS)
    errors = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(p, ronde.pk, jobs[p], barrier, errors))
        for p in range(PROCS)
    ]
    for pr in procs:
        pr.start()
    # Drain the error queue while waiting: a child cannot exit while its queued
    # messages are unread (the queue's feeder thread blocks on a full pipe).
    failures = []
    deadline = time.monotonic() + 180
    while any(pr.is_alive() for pr in procs) and time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            failures.append(errors.get(timeout=0.2))
    for pr in procs:
        pr.join(5)
        if pr.is_alive():
            pr.kill()
    while True:
        try:
            failures.append(errors.get(timeout=0.5))
        except queue.Empty:
            break
    assert not failures, "\n".join(failures)
    assert all(pr.exitcode == 0 for pr in procs)

    assert Kiezer.objects.filter(ronde=ronde).count() == VOTERS
    assert Stembiljet.objects.filter(ronde=ronde).count() == VOTERS
    per_key = dict(Stembiljet.objects.filter(ronde=ronde).values_list("wijzig_sleutel", "ideeen"))
    for u in users:
        ballot = per_key[svc.wijzig_sleutel(ronde.pk, f"user:{u.pk}")]  # none lost
        assert ballot in (sorted(eerste[u.pk]), sorted(tweede[u.pk]))
