from __future__ import annotations

import pytest
from django.urls import reverse

from loting.models import Loting, Orgaan, Verificatie, Zetel

pytestmark = pytest.mark.django_db


def test_demo_fills_the_cwr_and_the_wijkpanel(client):
    from django.core.management import call_command

    call_command("demo", scale=0.05, quiet=True)
    cwr = Orgaan.objects.get(wijk__slug="oosterparkwijk", soort="cwr")
    actief = cwr.zetels.filter(status=Zetel.Status.ACTIEF)
    assert actief.count() == 17
    assert actief.filter(rol=Zetel.Rol.VOORZITTER).count() == 1
    assert actief.filter(uitnodiging__soort="raadslid").count() == 6
    assert cwr.zetels.filter(status=Zetel.Status.AFGEZEGD).count() == 1
    assert Zetel.objects.filter(orgaan=cwr, vervangt__isnull=False).count() == 1
    assert cwr.voorzitterskeuzes.count() == 1
    panel = Orgaan.objects.get(wijk__slug="oosterparkwijk", soort="wijkpanel")
    assert panel.zetels.filter(status="actief").count() > 10
    for loting in Loting.objects.filter(wijk__slug="oosterparkwijk"):
        assert loting.status == Loting.Status.ONTHULD
        r = client.get(reverse("loting:detail", kwargs={"pk": loting.pk}))
        assert r.status_code == 200 and loting.seed in r.content.decode()
    assert Verificatie.objects.filter(klopt=True).count() == 2
    # Idempotent.
    call_command("demo", scale=0.05, quiet=True)
    assert Loting.objects.filter(wijk__slug="oosterparkwijk").count() == 3
