"""Phase rules of a round: dates move it on, staff can move it on, voting rules fix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stemmen import services
from stemmen.models import Fase, Ronde, Stemwijze, Telregel
from stemmen.tasks import fasen_bijwerken
from tests.stemmen.factories import make_idee, make_ronde

pytestmark = pytest.mark.django_db


def test_round_moves_on_by_date_through_the_beat_task(wijk):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    Ronde.objects.filter(pk=ronde.pk).update(beoordelen_vanaf=timezone.now() - timedelta(minutes=1))
    assert fasen_bijwerken() == 1
    ronde.refresh_from_db()
    assert ronde.fase == Fase.BEOORDELEN
    assert fasen_bijwerken() == 0  # idempotent


def test_phases_never_move_back(wijk):
    ronde = make_ronde(wijk, Fase.STEMMEN)
    services.ronde_fase_zetten(ronde=ronde, fase=Fase.INDIENEN)
    ronde.refresh_from_db()
    assert ronde.fase == Fase.STEMMEN


def test_no_submission_after_indienen_closes(wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    with pytest.raises(ValidationError, match="no longer be submitted"):
        services.idee_indienen(
            ronde=ronde, user=roles["bewoner"], titel="Te laat", beschrijving="x", kosten=100
        )


def test_submission_closes_by_date_even_before_the_beat_runs(wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    Ronde.objects.filter(pk=ronde.pk).update(beoordelen_vanaf=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.idee_indienen(
            ronde=ronde, user=roles["bewoner"], titel="Net te laat", beschrijving="x", kosten=1
        )
    ronde.refresh_from_db()
    assert ronde.fase == Fase.BEOORDELEN


def test_no_edits_after_screening_starts(wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = services.idee_indienen(
        ronde=ronde, user=roles["bewoner"], titel="Bankje", beschrijving="x", kosten=100
    )
    services.idee_bijwerken(
        idee=idee, user=roles["bewoner"], titel="Twee bankjes", beschrijving="x", kosten=200
    )
    idee.refresh_from_db()
    assert idee.titel == "Twee bankjes"
    services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])
    with pytest.raises(ValidationError, match="Screening has started"):
        services.idee_bijwerken(
            idee=idee, user=roles["bewoner"], titel="Drie", beschrijving="x", kosten=300
        )
    idee.refresh_from_db()
    assert idee.titel == "Twee bankjes"


def test_edit_view_refuses_after_screening_starts(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    idee = make_idee(ronde, roles["bewoner"])
    client.force_login(roles["bewoner"])
    r = client.post(
        f"/stemmen/idee/{idee.pk}/bewerken/", {"titel": "Nieuw", "beschrijving": "x", "kosten": "1"}
    )
    assert r.status_code == 302
    idee.refresh_from_db()
    assert idee.titel != "Nieuw"


def test_staff_moves_phase_and_the_date_becomes_now(wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    before = timezone.now()
    services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])
    ronde.refresh_from_db()
    assert ronde.fase == Fase.BEOORDELEN
    assert before <= ronde.beoordelen_vanaf <= timezone.now()


def test_voting_rules_fixed_once_voting_opens(wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    services.ronde_opslaan(
        actor=roles["gebiedsteam"], wijk=wijk, ronde=ronde, velden={"keuze_max": 5}
    )
    services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])
    ronde.refresh_from_db()
    assert ronde.fase == Fase.STEMMEN and ronde.stemregels_vast_op is not None
    for veld, waarde in [
        ("keuze_max", 3),
        ("budget", 1),
        ("minimum_leeftijd", 12),
        ("stemwijze", Stemwijze.BUDGET),
        ("telregel", Telregel.MES),
    ]:
        with pytest.raises(ValidationError, match="fixed"):
            services.ronde_opslaan(
                actor=roles["gebiedsteam"], wijk=wijk, ronde=ronde, velden={veld: waarde}
            )
        ronde.refresh_from_db()
    assert ronde.keuze_max == 5
    # Other fields may still change.
    services.ronde_opslaan(
        actor=roles["gebiedsteam"], wijk=wijk, ronde=ronde, velden={"titel": "Nieuwe titel"}
    )
    # Even a direct save is refused.
    ronde.keuze_max = 9
    with pytest.raises(ValidationError):
        ronde.save()


def test_voting_cannot_be_closed_early_by_staff(wijk, roles):
    ronde = make_ronde(wijk, Fase.STEMMEN)
    with pytest.raises(ValidationError, match="Voting closes"):
        services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])


def test_ballot_parameters_are_validated(wijk, roles):
    ronde = make_ronde(wijk, Fase.CONCEPT)
    with pytest.raises(ValidationError) as e:
        services.ronde_opslaan(
            actor=roles["gebiedsteam"],
            wijk=wijk,
            ronde=ronde,
            velden={"stemwijze": Stemwijze.RANKING},
        )
    assert "ranking_k" in e.value.error_dict
    ronde.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        services.ronde_opslaan(
            actor=roles["gebiedsteam"],
            wijk=wijk,
            ronde=ronde,
            velden={"keuze_min": 4, "keuze_max": 2},
        )
    assert "keuze_max" in e.value.error_dict
    ronde.refresh_from_db()
    with pytest.raises(ValidationError):
        services.ronde_opslaan(
            actor=roles["gebiedsteam"],
            wijk=wijk,
            ronde=ronde,
            velden={"beoordelen_vanaf": ronde.indienen_vanaf - timedelta(days=1)},
        )


def test_round_form_creates_round_with_themes(client, wijk, roles):
    client.force_login(roles["gebiedsteam"])
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    r = client.post(
        f"/stemmen/wijk/{wijk.slug}/ronde/nieuw/",
        {
            "titel": "Wijktop 3",
            "beschrijving": "",
            "budget_euro": "33000",
            "themas_tekst": "Groen\nJeugd",
            "indienen_vanaf": (now - timedelta(days=1)).strftime(fmt),
            "beoordelen_vanaf": (now + timedelta(days=10)).strftime(fmt),
            "stemmen_vanaf": (now + timedelta(days=20)).strftime(fmt),
            "uitslag_vanaf": (now + timedelta(days=30)).strftime(fmt),
            "uitvoering_vanaf": (now + timedelta(days=40)).strftime(fmt),
            "stemwijze": "ranking",
            "keuze_min": "1",
            "ranking_k": "3",
            "minimum_leeftijd": "12",
            "telregel": "borda",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    ronde = Ronde.objects.get(titel="Wijktop 3")
    assert ronde.budget == 3_300_000
    assert ronde.fase == Fase.INDIENEN  # its date has passed
    assert sorted(ronde.themas.values_list("naam", flat=True)) == ["Groen", "Jeugd"]


def test_round_form_during_voting_keeps_rules_and_saves_other_fields(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.STEMMEN, keuze_max=4, budget=2_000_000)
    client.force_login(roles["gebiedsteam"])
    page = client.get(f"/stemmen/ronde/{ronde.pk}/bewerken/").content.decode()
    assert 'name="keuze_max"' in page and "disabled" in page.split('name="keuze_max"')[1][:200]
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "titel": "Nieuwe titel",
        "beschrijving": "",
        "themas_tekst": "",
        "budget_euro": "1",  # disabled: ignored
        "keuze_max": "9",  # disabled: ignored
        "indienen_vanaf": timezone.localtime(ronde.indienen_vanaf).strftime(fmt),
        "beoordelen_vanaf": timezone.localtime(ronde.beoordelen_vanaf).strftime(fmt),
        "uitvoering_vanaf": timezone.localtime(ronde.uitvoering_vanaf).strftime(fmt),
    }
    r = client.post(f"/stemmen/ronde/{ronde.pk}/bewerken/", data)
    assert r.status_code == 302, r.context["form"].errors
    ronde.refresh_from_db()
    assert ronde.titel == "Nieuwe titel" and ronde.keuze_max == 4 and ronde.budget == 2_000_000
