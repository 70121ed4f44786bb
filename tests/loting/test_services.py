from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from loting import engine, services
from loting.models import Loting, Uitnodiging, Zetel
from tests.loting.factories import answer_all, drawn_loting, make_loting, selected_loting

pytestmark = pytest.mark.django_db


def test_quotas_cover_every_value_and_seed_commitment_is_sha256(wijk):
    loting = make_loting(wijk)
    kenmerken = {(q.kenmerk, q.waarde) for q in loting.quota.all()}
    assert {("buurt", b.naam) for b in wijk.buurten.all()} <= kenmerken
    assert ("leeftijd", "16-24") in kenmerken and ("geslacht", "x") in kenmerken
    services.seed_commit(loting=loting, seed="geheim")
    loting.refresh_from_db()
    assert loting.status == Loting.Status.VASTGELEGD
    assert loting.seed_commitment == engine.seed_commitment("geheim")
    with pytest.raises(ValidationError):
        services.seed_commit(loting=loting, seed="ander")


def test_invitation_draw_matches_the_engine_one_per_household(wijk):
    loting = drawn_loting(wijk)
    assert loting.status == Loting.Status.UITGENODIGD
    invited = loting.uitnodigingen.filter(soort="uitgenodigd")
    assert invited.count() == 12
    adressen = list(invited.values_list("adres_id", flat=True))
    assert len(adressen) == len(set(adressen))
    result = engine.verify_bundle(loting.uitnodiging_bundel)
    assert result.matches, result.messages
    # A second run of the task is a no-op: the draw is written once.
    assert services.invitations_draw(loting_id=loting.pk) is False
    assert loting.uitnodigingen.filter(soort="uitgenodigd").count() == 12


def test_selection_fills_seats_and_bundle_verifies(wijk):
    loting = selected_loting(wijk)
    assert loting.status == Loting.Status.GESELECTEERD
    zetels = Zetel.objects.filter(loting=loting)
    assert zetels.count() == 3
    assert engine.verify_bundle(loting.selectie_bundel).matches
    services.seed_reveal(loting=loting)
    loting.refresh_from_db()
    assert loting.seed_publiek == "test-seed"


def test_replacement_comes_from_same_stratum_and_never_twice(wijk):
    loting = drawn_loting(wijk, zetels=3, uitnodigingen=24)
    answer_all(loting)
    services.selection_start(loting=loting)
    assert services.selection_run(loting_id=loting.pk)
    gezien: set[int] = set(
        Zetel.objects.filter(loting=loting).values_list("uitnodiging_id", flat=True)
    )
    for _round in range(6):
        zetel = Zetel.objects.filter(loting=loting, status="actief").order_by("pk").first()
        stratum = zetel.uitnodiging.stratum
        reserves = loting.uitnodigingen.filter(stratum=stratum, soort="reserve").count()
        nieuw = services.zetel_end(zetel=zetel, status=Zetel.Status.AFGEZEGD)
        if nieuw is None:
            # No yes-sayer left in the stratum: the next reserve household is invited.
            if reserves:
                assert (
                    loting.uitnodigingen.filter(stratum=stratum, soort="reserve").count()
                    == reserves - 1
                )
            continue
        assert nieuw.uitnodiging.stratum == stratum
        assert nieuw.uitnodiging_id not in gezien
        gezien.add(nieuw.uitnodiging_id)
        assert nieuw.vervangt_id == zetel.pk
    afgezegd = loting.uitnodigingen.filter(uitkomst=Uitnodiging.Uitkomst.AFGEZEGD)
    assert not Zetel.objects.filter(uitnodiging__in=afgezegd, status="actief").exists()
