"""A real Celery worker is SIGKILLed in the middle of a draw: nothing half-drawn stays
behind, and the retried task (on a fresh worker) draws exactly the same outcome."""

from __future__ import annotations

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest

from loting import engine, services
from loting.models import Loting, Uitnodiging
from tests.conftest import start_worker
from tests.loting.factories import make_loting

QUEUE = "loting-kill-test"


def _wait(predicate, timeout: float, what: str, proc=None) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    log = Path(proc.log_path).read_text()[-3000:] if proc is not None else ""
    raise AssertionError(f"timed out waiting for {what}\n{log}")


def _stop(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except Exception:  # noqa: BLE001
            proc.kill()


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_draw_then_retry_gives_the_same_draw(wijk, monkeypatch):
    loting = make_loting(wijk, uitnodigingen=12)
    services.seed_commit(loting=loting, seed="kill-seed")
    loting.refresh_from_db()
    register, wie, _namen = services.invitation_register(loting)
    expected = engine.invitation_draw(register, 12, "kill-seed")

    # A slow worker on its own queue (so that no other worker takes the task).
    monkeypatch.setenv("LOTING_PROGRESS_DELAY", "2")
    slow = start_worker(["-Q", QUEUE])
    try:
        services.draw_start(loting=loting, queue=QUEUE)
        _wait(
            lambda: Loting.objects.filter(pk=loting.pk, voortgang__gte=40).exists(),
            90,
            "the draw to be under way",
            slow,
        )
        os.kill(slow.pid, signal.SIGKILL)
        slow.wait(10)
    finally:
        _stop(slow)

    loting.refresh_from_db()
    assert loting.status == Loting.Status.TREKKEN
    assert loting.taak == Loting.Taak.BEZIG
    assert not Uitnodiging.objects.filter(loting=loting).exists(), "half-drawn lottery left behind"
    assert loting.uitnodiging_bundel is None

    monkeypatch.setenv("LOTING_PROGRESS_DELAY", "0")
    fresh = start_worker(["-Q", QUEUE])
    try:
        assert services.stale_tasks_requeue(older_than=timedelta(0), queue=QUEUE) == [loting.pk]
        _wait(
            lambda: Loting.objects.filter(pk=loting.pk, status=Loting.Status.UITGENODIGD).exists(),
            90,
            "the retried draw",
            fresh,
        )
    finally:
        _stop(fresh)

    loting.refresh_from_db()
    invited = set(
        loting.uitnodigingen.filter(soort="uitgenodigd").values_list("pseudoniem", flat=True)
    )
    reserves = set(
        loting.uitnodigingen.filter(soort="reserve").values_list("pseudoniem", flat=True)
    )
    assert invited == set(expected.invited)
    assert reserves == {p for s in expected.strata for p in s.reserves}
    assert loting.uitnodigingen.count() == len(invited) + len(reserves)
    assert engine.verify_bundle(loting.uitnodiging_bundel).matches
    assert loting.taak == Loting.Taak.KLAAR and loting.voortgang == 100
