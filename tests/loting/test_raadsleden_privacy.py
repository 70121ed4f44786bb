from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from loting import engine, services
from loting.models import Loting, Uitnodiging, Vergoeding, Zetel
from loting.selectors import wijkpanel_leden
from tests.loting.factories import drawn_loting, make_loting, selected_loting

pytestmark = pytest.mark.django_db


def test_council_members_uniform_draw_with_replacement(wijk, make_user):
    raad = [make_user("raadslid", totp=False) for _ in range(10)]
    loting = make_loting(wijk, doel="cwr_raadsleden", zetels=6)
    services.seed_commit(loting=loting, seed="raad-seed")
    services.draw_start(loting=loting)
    assert services.invitations_draw(loting_id=loting.pk)
    loting.refresh_from_db()
    assert loting.status == Loting.Status.GESELECTEERD
    zetels = list(Zetel.objects.filter(loting=loting).order_by("pk"))
    assert len(zetels) == 6 and all(z.rol == Zetel.Rol.RAADSLID for z in zetels)
    assert {z.uitnodiging.raadslid for z in zetels} <= set(raad)
    eerste = {z.uitnodiging.raadslid_id for z in zetels}
    nieuw = services.zetel_end(zetel=zetels[0], status=Zetel.Status.AFGEZEGD)
    assert nieuw is not None and nieuw.uitnodiging.raadslid_id not in eerste
    assert nieuw.rol == Zetel.Rol.RAADSLID
    loting.refresh_from_db()
    assert loting.selectie_bundel["inputs"]["declines"] == [zetels[0].uitnodiging.pseudoniem]
    # The bundle replays the decline: anyone gets the same six.
    assert engine.verify_bundle(loting.selectie_bundel).matches
    actief = Zetel.objects.filter(loting=loting, status="actief")
    assert actief.count() == 6


def test_letters_pdf_has_one_page_per_household_and_codes_work(wijk, client):
    loting = drawn_loting(wijk, uitnodigingen=5)
    pdf, n = services.letters_make(loting=loting)
    assert n == 5
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 5
    tekst = reader.pages[0].extract_text()
    assert "Aan de bewoners van" in tekst and "English" in tekst
    code = next(w for w in tekst.split() if len(w) == 11 and w[5] == "-")
    # Stored hashed only.
    assert not Uitnodiging.objects.filter(code_hash__icontains=code).exists()
    u = services.uitnodiging_by_code(code.lower())
    assert u is not None and u.loting_id == loting.pk
    r = client.post(
        reverse("loting:reageren_code", kwargs={"code": code}),
        {"antwoord": "ja", "leeftijdsgroep": "25-34", "geslacht": "v", "toestemming": "on"},
    )
    assert r.status_code == 302
    u.refresh_from_db()
    assert (u.antwoord, u.antwoord_via, u.buurt_id) == ("ja", "online", u.adres.straat.buurt_id)
    # Without consent a yes is refused and nothing is stored.
    r = client.post(
        reverse("loting:reageren_code", kwargs={"code": code}),
        {"antwoord": "ja", "leeftijdsgroep": "35-49", "geslacht": "m"},
    )
    assert r.status_code == 200
    u.refresh_from_db()
    assert u.leeftijdsgroep == "25-34"


def test_retention_pseudonymises_pool_but_keeps_seated_members(wijk):
    loting = selected_loting(wijk)
    with override_settings(LOTING_RETENTION_DAYS=30):
        assert services.pool_retention() == 0
        n = services.pool_retention(vandaag=timezone.now() + timedelta(days=31))
    assert n > 0
    loting.refresh_from_db()
    assert loting.gepseudonimiseerd_op and loting.pseudoniem_zout == ""
    niet_gekozen = loting.uitnodigingen.filter(zetel__isnull=True)
    assert not niet_gekozen.filter(adres__isnull=False).exists()
    assert not niet_gekozen.exclude(code_hash="").exists()
    assert Uitnodiging.objects.filter(zetel__loting=loting, adres__isnull=False).count() == 3
    # The published bundle still verifies (pseudonymous ids only).
    assert engine.verify_bundle(loting.selectie_bundel).matches


def test_erasure_by_code_removes_answer_from_pool(wijk, client):
    loting = drawn_loting(wijk)
    u = loting.uitnodigingen.filter(soort="uitgenodigd").first()
    code = services.code_new()
    u.code_hash = services.code_hash(code)
    u.save()
    services.response_record(
        uitnodiging=u,
        antwoord="ja",
        via="online",
        leeftijdsgroep="65+",
        geslacht="m",
        toestemming=True,
        email="a@example.org",
    )
    r = client.get(reverse("loting:reageren_code", kwargs={"code": code}))
    assert b"a@example.org" in r.content
    r = client.post(reverse("loting:reageren_wissen", kwargs={"code": code}))
    assert r.status_code == 302
    u.refresh_from_db()
    assert (u.antwoord, u.email, u.adres_id, u.code_hash, u.leeftijdsgroep) == (
        "",
        "",
        None,
        "",
        "",
    )
    assert client.get(reverse("loting:reageren_code", kwargs={"code": code})).status_code == 404


def test_chair_allowances_rotation_and_panel(
    wijk, make_user, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    loting = selected_loting(wijk)
    leden = list(Zetel.objects.filter(loting=loting).order_by("pk"))
    with pytest.raises(Exception):
        services.voorzitter_kiezen(orgaan=loting.orgaan, stemmen={leden[0].pk: 1, leden[1].pk: 1})
    services.voorzitter_kiezen(orgaan=loting.orgaan, stemmen={leden[0].pk: 2, leden[1].pk: 1})
    leden[0].refresh_from_db()
    assert leden[0].rol == Zetel.Rol.VOORZITTER
    maand = timezone.localdate()
    assert services.vergoedingen_vastleggen(orgaan=loting.orgaan, maand=maand) == 3
    assert services.vergoedingen_vastleggen(orgaan=loting.orgaan, maand=maand) == 0
    assert Vergoeding.objects.filter(zetel__orgaan=loting.orgaan).count() == 3
    staff = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel)
    client.force_login(staff)
    r = client.get(reverse("loting:vergoedingen_export", kwargs={"pk": loting.orgaan_id}))
    assert r.content.decode().count("\n") == 4
    r = client.get(
        reverse("loting:vergoedingen_export", kwargs={"pk": loting.orgaan_id}) + "?formaat=xlsx"
    )
    assert r.content[:2] == b"PK"
    # Rotation: terms over → seats end.
    assert (
        services.orgaan_rotate(orgaan=loting.orgaan, vandaag=leden[0].einde + timedelta(days=1))
        == 3
    )
    # Wijkpanel: membership selector and a message by e-mail to those with consent.
    panel = selected_loting(wijk, doel="wijkpanel", titel="Panel", seed="panel")
    Uitnodiging.objects.filter(zetel__loting=panel).update(email="lid@example.org")
    assert wijkpanel_leden(wijk).count() == 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bericht = services.panel_bericht_send(
            orgaan=panel.orgaan, onderwerp="Peiling", tekst="Doe mee"
        )
    assert len(callbacks) == 1
    assert (bericht.per_email, bericht.op_papier, bericht.ontvangers.count()) == (3, 0, 3)
    from loting.models import PanelOntvanger
    from loting.tasks import panel_bericht_mail

    o = bericht.ontvangers.first()
    PanelOntvanger.objects.filter(pk=o.pk).update(token_hash=services.token_hash("t0ken"))
    assert panel_bericht_mail(bericht.pk, [["lid@example.org", "t0ken"]]) == 1
    assert "/loting/bericht/t0ken/" in mail.outbox[-1].body
    client.logout()
    r = client.get(reverse("loting:bericht", kwargs={"token": "t0ken"}))
    assert r.status_code == 200 and b"Doe mee" in r.content


def test_signed_in_resident_sees_and_erases_answers(wijk, make_user, client):
    from groningenmodel.privacy import personal_data_for

    bewoner = make_user("bewoner", wijk=wijk)
    loting = drawn_loting(wijk)
    u = loting.uitnodigingen.filter(soort="uitgenodigd").first()
    services.response_record(
        uitnodiging=u,
        antwoord="ja",
        via="online",
        leeftijdsgroep="35-49",
        geslacht="v",
        toestemming=True,
        respondent=bewoner,
    )
    waarden = [w for _titel, rows in personal_data_for(bewoner) for _l, w in rows]
    assert any("35-49" in w for w in waarden)
    client.force_login(bewoner)
    r = client.get(reverse("loting:mijn_gegevens_wissen"))
    assert "35-49" in r.content.decode()
    assert client.post(reverse("loting:mijn_gegevens_wissen")).status_code == 302
    u.refresh_from_db()
    assert (u.antwoord, u.respondent_id, u.leeftijdsgroep) == ("", None, "")


def test_allowances_are_booked_on_the_cwr_budget_pot(wijk):
    from datetime import date

    from wijken.models import Boeking, Budgetpot
    from wijken.services import boeking_toewijzing, budgetpot_create

    vandaag = timezone.localdate()
    pot = budgetpot_create(
        wijk=wijk,
        soort=Budgetpot.Soort.CWR,
        naam="CWR-budget",
        periode_start=date(vandaag.year - 1, 1, 1),
        periode_eind=date(vandaag.year + 2, 12, 31),
    )
    boeking_toewijzing(pot=pot, bedrag_centen=20_000_000, door=None, omschrijving="CWR")
    loting = selected_loting(wijk)
    assert services.vergoedingen_vastleggen(orgaan=loting.orgaan, maand=vandaag) == 3
    uitgaven = Boeking.objects.filter(pot=pot, soort=Boeking.Soort.UITGAVE)
    assert uitgaven.count() == 3
    assert sum(b.bedrag_centen for b in uitgaven) == 3 * loting.orgaan.vergoeding_cents
    assert not Vergoeding.objects.filter(
        zetel__orgaan=loting.orgaan, boeking_id__isnull=True
    ).exists()
    # Idempotent: recording the month again books nothing new.
    services.vergoedingen_vastleggen(orgaan=loting.orgaan, maand=vandaag)
    assert uitgaven.count() == 3
