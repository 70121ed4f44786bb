"""Initiative applications outside rounds: buurtbudget, larger initiatives, right to challenge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stemmen import services
from stemmen.models import Aanvraag, AanvraagStatus, Criterium
from tests.stemmen.factories import make_pot
from wijken.models import Budgetpot
from wijken.selectors import saldo_pot

pytestmark = pytest.mark.django_db


def test_buurtbudget_grant_light_form_deadline_decision_booked(client, wijk, roles, settings):
    settings.STEMMEN_BUURTBUDGET_BESLISTERMIJN_DAGEN = 10
    pot = make_pot(
        wijk,
        bedrag=500_000,
        soort=Budgetpot.Soort.BUURTBUDGET,
        naam="Buurtbudget",
        max_toekenning_centen=50_000,
    )
    client.force_login(roles["bewoner"])
    r = client.post(
        f"/stemmen/wijk/{wijk.slug}/aanvragen/nieuw/",
        {
            "soort": "buurtbudget",
            "titel": "Straatfeest",
            "beschrijving": "Met de buren",
            "bedrag": "600",
            "betrokkenen": "4",
        },
    )
    assert "at most €500" in r.content.decode()
    r = client.post(
        f"/stemmen/wijk/{wijk.slug}/aanvragen/nieuw/",
        {
            "soort": "buurtbudget",
            "titel": "Straatfeest",
            "beschrijving": "Met de buren",
            "bedrag": "350",
            "betrokkenen": "4",
        },
    )
    a = Aanvraag.objects.get()
    assert r.status_code == 302 and a.bedrag == 35_000
    assert a.beslissen_voor == timezone.localdate() + timedelta(days=10)
    client.force_login(roles["gebiedsteam"])
    r = client.post(
        f"/stemmen/aanvraag/{a.pk}/besluit/", {"toekennen": "1", "reden": "", "pot": pot.pk}
    )
    assert r.status_code == 200
    client.post(
        f"/stemmen/aanvraag/{a.pk}/besluit/",
        {"toekennen": "1", "reden": "Goed voor de straat.", "pot": pot.pk},
    )
    a.refresh_from_db()
    assert a.status == AanvraagStatus.TOEGEKEND and a.verplichting.bedrag_centen == 35_000
    assert saldo_pot(pot).verplicht == 35_000
    client.force_login(roles["bewoner"])
    assert "Goed voor de straat." in client.get(f"/stemmen/aanvraag/{a.pk}/").content.decode()
    with pytest.raises(ValidationError, match="already been decided"):
        services.aanvraag_besluiten(
            aanvraag=a, actor=roles["gebiedsteam"], toekennen=False, reden="x"
        )


def test_larger_initiative_needs_every_criterion(wijk, roles):
    a = services.aanvraag_indienen(
        wijk=wijk,
        user=roles["bewoner"],
        soort="initiatief",
        titel="Buurthuis",
        beschrijving="x",
        bedrag=1_000_000,
        betrokkenen=8,
    )
    with pytest.raises(ValidationError, match="every criterion"):
        services.aanvraag_besluiten(
            aanvraag=a, actor=roles["gebiedsteam"], toekennen=False, reden="Te duur"
        )
    services.aanvraag_besluiten(
        aanvraag=a,
        actor=roles["gebiedsteam"],
        toekennen=False,
        reden="Structurele kosten",
        oordelen=dict.fromkeys(Criterium.values, ("deels", "")),
    )
    a.refresh_from_db()
    assert a.status == AanvraagStatus.AFGEWEZEN and a.oordelen.count() == len(Criterium.values)


def test_right_to_challenge_steps_then_decision(client, wijk, roles):
    pot = make_pot(wijk, bedrag=5_000_000)
    with pytest.raises(ValidationError):
        services.aanvraag_indienen(
            wijk=wijk,
            user=roles["bewoner"],
            soort="uitdaagrecht",
            titel="Groen",
            beschrijving="x",
            bedrag=100,
        )
    a = services.aanvraag_indienen(
        wijk=wijk,
        user=roles["bewoner"],
        soort="uitdaagrecht",
        titel="Groenonderhoud door de coöperatie",
        beschrijving="x",
        bedrag=4_000_000,
        taak="Plantsoenen onderhouden",
        huidig_budget=4_600_000,
        betrokkenen=23,
    )
    with pytest.raises(ValidationError, match="assessment steps"):
        services.aanvraag_besluiten(
            aanvraag=a, actor=roles["gebiedsteam"], toekennen=True, reden="ok", pot=pot
        )
    client.force_login(roles["gebiedsteam"])
    client.post(
        f"/stemmen/aanvraag/{a.pk}/stap/",
        {"stap": "vergelijking", "toelichting": "Goedkoper dan nu"},
    )
    a.refresh_from_db()
    assert a.status == AanvraagStatus.IN_BEHANDELING and a.stappen.count() == 1
    services.aanvraag_besluiten(
        aanvraag=a,
        actor=roles["gebiedsteam"],
        toekennen=True,
        reden="Meerwaarde voor de wijk",
        pot=pot,
    )
    a.refresh_from_db()
    assert a.status == AanvraagStatus.TOEGEKEND and saldo_pot(pot).verplicht == 4_000_000


def test_applications_list_shows_residents_only_their_own(client, wijk, roles, make_user):
    buur = make_user("bewoner", wijk=wijk)
    services.aanvraag_indienen(
        wijk=wijk,
        user=buur,
        soort="buurtbudget",
        titel="Van de buurman",
        beschrijving="x",
        bedrag=100,
    )
    services.aanvraag_indienen(
        wijk=wijk,
        user=roles["bewoner"],
        soort="buurtbudget",
        titel="Van mij",
        beschrijving="x",
        bedrag=100,
    )
    client.force_login(roles["bewoner"])
    html = client.get(f"/stemmen/wijk/{wijk.slug}/aanvragen/").content.decode()
    assert "Van mij" in html and "Van de buurman" not in html
    client.force_login(roles["gebiedsteam"])
    html = client.get(f"/stemmen/wijk/{wijk.slug}/aanvragen/").content.decode()
    assert "Van mij" in html and "Van de buurman" in html
