"""Screening with criteria and written reasons; the initiator's one answer; the result,
the ledger commitment and the expenditure while an idea is carried out."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stemmen import services
from stemmen.models import Criterium, CriteriumOordeel, Fase, IdeeStatus
from tests.stemmen.factories import make_idee, make_pot, make_ronde, upload
from wijken.models import Boeking
from wijken.selectors import saldo_pot

pytestmark = pytest.mark.django_db

ALLES_JA = dict.fromkeys(Criterium.values, ("ja", ""))


def _form(besluit="niet_stembaar", reden="Valt onder regulier onderhoud.", **extra):
    data = {"besluit": besluit, "reden": reden, **extra}
    for k in Criterium.values:
        data[f"oordeel_{k}"] = "nee" if k == "incidenteel" else "ja"
        data[f"toelichting_{k}"] = f"toelichting {k}"
    return data


def test_screening_records_every_criterion_and_reason_initiator_answers_once(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    idee = make_idee(ronde, roles["bewoner"], kosten=100_000)
    client.force_login(roles["gebiedsteam"])
    r = client.post(f"/stemmen/idee/{idee.pk}/beoordelen/", _form(reden=""))
    assert r.status_code == 200  # a reason is required
    r = client.post(
        f"/stemmen/idee/{idee.pk}/beoordelen/",
        _form(kosten_gemeente="1500", kosten_notitie=""),
    )
    assert "Explain why the cost estimate changed" in r.content.decode()
    r = client.post(
        f"/stemmen/idee/{idee.pk}/beoordelen/",
        _form(kosten_gemeente="1500", kosten_notitie="Inclusief plaatsing."),
    )
    assert r.status_code == 302
    idee.refresh_from_db()
    assert idee.status == idee.uitkomst == IdeeStatus.NIET_STEMBAAR
    assert idee.kosten_gemeente == 150_000 and idee.kosten_definitief == 150_000
    assert CriteriumOordeel.objects.filter(idee=idee).count() == len(Criterium.values)
    assert CriteriumOordeel.objects.get(idee=idee, criterium="incidenteel").oordeel == "nee"

    client.force_login(roles["bewoner"])
    html = client.get(f"/stemmen/idee/{idee.pk}/").content.decode()
    assert "Valt onder regulier onderhoud." in html and "Inclusief plaatsing." in html
    client.post(f"/stemmen/idee/{idee.pk}/antwoord/", {"antwoord": "Jammer, maar helder."})
    idee.refresh_from_db()
    assert idee.antwoord == "Jammer, maar helder."
    with pytest.raises(ValidationError, match="already answered"):
        services.idee_antwoorden(idee=idee, user=roles["bewoner"], tekst="Nog een keer")
    # Nobody else can answer.
    client.force_login(roles["bewoner_elders"])
    assert client.post(f"/stemmen/idee/{idee.pk}/antwoord/", {"antwoord": "x"}).status_code == 403


def test_screening_only_in_screening_phase_and_by_staff_of_the_stadsdeel(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    with pytest.raises(ValidationError, match="screening phase"):
        services.idee_beoordelen(
            idee=idee, actor=roles["gebiedsteam"], besluit="stembaar", reden="ok", oordelen=ALLES_JA
        )
    client.force_login(roles["gebiedsteam_elders"])
    assert client.get(f"/stemmen/idee/{idee.pk}/beoordelen/").status_code == 403


def test_merge_needs_another_idea_of_the_round(wijk, roles):
    ronde = make_ronde(wijk, Fase.BEOORDELEN)
    a = make_idee(ronde, roles["bewoner"], titel="Moestuin A")
    b = make_idee(ronde, roles["bewoner"], titel="Moestuin B")
    with pytest.raises(ValidationError):
        services.idee_beoordelen(
            idee=a,
            actor=roles["gebiedsteam"],
            besluit="samengevoegd",
            reden="zelfde",
            oordelen=ALLES_JA,
        )
    services.idee_beoordelen(
        idee=a,
        actor=roles["gebiedsteam"],
        besluit="samengevoegd",
        reden="zelfde",
        oordelen=ALLES_JA,
        samengevoegd_in=b,
    )
    a.refresh_from_db()
    assert a.status == IdeeStatus.SAMENGEVOEGD and a.samengevoegd_in == b


def test_chosen_idea_gets_commitment_updates_and_expenditure(client, wijk, roles):
    pot = make_pot(wijk, bedrag=2_000_000)
    ronde = make_ronde(wijk, Fase.UITSLAG, pot=pot)
    idee = make_idee(
        ronde,
        roles["bewoner"],
        kosten=300_000,
        status=IdeeStatus.STEMBAAR,
        uitkomst=IdeeStatus.STEMBAAR,
    )
    client.force_login(roles["gebiedsteam"])
    client.post(f"/stemmen/idee/{idee.pk}/uitslag/", {"gekozen": "1"})
    idee.refresh_from_db()
    assert idee.status == IdeeStatus.GEKOZEN
    assert idee.verplichting.soort == Boeking.Soort.VERPLICHTING
    assert idee.verplichting.bedrag_centen == 300_000
    assert saldo_pot(pot).verplicht == 300_000
    r = client.post(
        f"/stemmen/idee/{idee.pk}/update/",
        {
            "status": "in_uitvoering",
            "datum": "2026-11-01",
            "tekst": "Materiaal gekocht",
            "uitgave": "1200",
            "foto": upload("werk.png"),
            "foto_alt": "Werk",
        },
    )
    assert r.status_code == 302
    s = saldo_pot(pot)
    assert (s.verplicht, s.uitgegeven) == (180_000, 120_000)
    # Spending more than is committed is refused with the ledger's message.
    r = client.post(
        f"/stemmen/idee/{idee.pk}/update/",
        {"status": "uitgevoerd", "datum": "2026-11-02", "tekst": "Klaar", "uitgave": "5000"},
    )
    assert r.status_code == 200 and "Refused" in r.content.decode()
    client.post(
        f"/stemmen/idee/{idee.pk}/update/",
        {
            "status": "uitgevoerd",
            "datum": "2026-11-02",
            "tekst": "Klaar en geopend",
            "uitgave": "1800",
        },
    )
    idee.refresh_from_db()
    assert idee.status == IdeeStatus.UITGEVOERD and saldo_pot(pot).uitgegeven == 300_000
    html = client.get(f"/wijken/{wijk.slug}/").content.decode()
    assert "Klaar en geopend" in html and idee.titel in html


def test_choosing_needs_a_pot_and_a_votable_idea(wijk, roles):
    ronde = make_ronde(wijk, Fase.UITSLAG)
    idee = make_idee(ronde, roles["bewoner"], status=IdeeStatus.STEMBAAR)
    with pytest.raises(ValidationError, match="budget pot"):
        services.idee_uitslag_zetten(idee=idee, actor=roles["gebiedsteam"], gekozen=True)
    niet = make_idee(ronde, roles["bewoner"], status=IdeeStatus.NIET_STEMBAAR)
    with pytest.raises(ValidationError):
        services.idee_uitslag_zetten(idee=niet, actor=roles["gebiedsteam"], gekozen=True)
