"""Status machine, congruence gate, versioning and diff, council notification, answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from praatplaat import diff, selectors, services
from praatplaat.models import (
    AfsprakensetVersie,
    Onderdeel,
    RaadsMelding,
    SetStatus,
    Vraag,
)
from tests.praatplaat.factories import KOMPAS, beantwoord, congruente_set_3, maak_set

pytestmark = pytest.mark.django_db


def test_content_is_loaded_with_both_languages() -> None:
    assert Onderdeel.objects.filter(soort="bouwsteen").count() == 5
    assert Onderdeel.objects.filter(soort="kompas").count() == 4
    counts = {o.code: o.vragen.count() for o in Onderdeel.objects.filter(soort="kompas")}
    assert counts == {
        "ieders-stem-telt": 6,
        "transparantie": 6,
        "zeggenschap": 2,
        "goede-gesprek": 6,
    }
    assert not Vraag.objects.filter(tekst_en="").exists()
    from django.utils import translation

    v = Vraag.objects.get(code="realisatie-financieel")
    with translation.override("en"):
        assert v.tekst.startswith("How much money")
    with translation.override("nl"):
        assert v.tekst.startswith("Hoeveel geld")


def test_send_refused_while_incongruent_and_gaps_listed(roles, wijk) -> None:
    staff = roles["gebiedsteam"]
    s = maak_set(wijk, staff, archetype=3)
    with pytest.raises(ValidationError) as exc:
        services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    assert any("lot" in m for m in exc.value.messages)
    s.refresh_from_db()
    assert s.status == SetStatus.CONCEPT


def test_full_lifecycle_and_illegal_transitions(
    roles, wijk, django_capture_on_commit_callbacks
) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    assert selectors.witte_vlekken(s) == []
    # illegal: concept → vastgesteld / geëvalueerd
    for naar in (SetStatus.VASTGESTELD, SetStatus.GEEVALUEERD, SetStatus.CONCEPT):
        with pytest.raises(ValidationError):
            services.afsprakenset_status(
                afsprakenset=s,
                naar=naar,
                door=staff,
                vastgesteld_op=dt.date(2024, 1, 1),
                besluit_referentie="x",
            )
    with django_capture_on_commit_callbacks() as callbacks:
        services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    assert len(callbacks) == 1  # the council mail task is enqueued on commit
    # editing while under review is refused
    with pytest.raises(ValidationError):
        services.afsprakenset_bijwerken(afsprakenset=s, door=staff, gegevens={"titel": "Nieuw"})
    with pytest.raises(ValidationError):  # decision needs date and reference
        services.afsprakenset_status(afsprakenset=s, naar=SetStatus.VASTGESTELD, door=staff)
    services.afsprakenset_status(
        afsprakenset=s,
        naar=SetStatus.VASTGESTELD,
        door=staff,
        vastgesteld_op=dt.date(2024, 3, 1),
        besluit_referentie="Raadsbesluit 2024-1",
    )
    with pytest.raises(ValidationError):  # back to concept is not allowed once adopted
        services.afsprakenset_status(afsprakenset=s, naar=SetStatus.CONCEPT, door=staff)
    with pytest.raises(ValidationError):  # evaluated needs an evaluation
        services.afsprakenset_status(afsprakenset=s, naar=SetStatus.GEEVALUEERD, door=staff)
    services.evaluatie_vastleggen(
        wijk=wijk,
        door=staff,
        gegevens={
            "datum": dt.date(2024, 9, 1),
            "afsprakenset": s,
            "ieders_stem": 3,
            "transparantie": 4,
            "zeggenschap": 4,
            "goede_gesprek": 2,
        },
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.GEEVALUEERD, door=staff)
    for naar in SetStatus.values:
        with pytest.raises(ValidationError):
            services.afsprakenset_status(afsprakenset=s, naar=naar, door=staff)
    s.refresh_from_db()
    assert s.status == SetStatus.GEEVALUEERD and s.besluit_referentie == "Raadsbesluit 2024-1"


def test_back_to_concept_from_review(roles, wijk) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.CONCEPT, door=staff)
    services.afsprakenset_bijwerken(afsprakenset=s, door=staff, gegevens={"titel": "Herzien"})
    s.refresh_from_db()
    assert s.titel == "Herzien"


def test_versions_are_immutable_and_diff_is_readable(roles, wijk, client) -> None:
    staff = roles["gebiedsteam"]
    s = maak_set(wijk, staff, archetype=2)
    v_voor = s.versie
    a = s.afspraken.get()
    t = s.themas.get()
    services.afsprakenset_bijwerken(
        afsprakenset=s,
        door=staff,
        afspraken=[
            {
                "id": a.pk,
                "wat": "Wijkpanel van 400 leden samenstellen",
                "wie": "gemeente",
                "partner": "",
                "wanneer": a.wanneer,
                "bouwsteen": a.bouwsteen,
                "status": "open",
            },
            {
                "wat": "Wijkkrant elk kwartaal",
                "wie": "partner",
                "partner": "Wijkkrant",
                "wanneer": None,
                "bouwsteen": None,
                "status": "open",
            },
        ],
        themas=[
            {"id": t.pk, "delete": True},
            {"naam": "Groen", "archetype": 1, "open_begroting_pot": ""},
        ],
    )
    s.refresh_from_db()
    assert s.versie == v_voor + 1
    # nothing changed → no new version
    assert (
        services.afsprakenset_bijwerken(afsprakenset=s, door=staff, gegevens={"titel": s.titel})
        is None
    )
    oud, nieuw = (s.versies.get(nummer=v_voor), s.versies.get(nummer=s.versie))
    d = diff.verschil(oud.snapshot, nieuw.snapshot)
    assert [i.titel for i in d.toegevoegd] == ["Wijkkrant elk kwartaal", "Groen"]
    assert [i.titel for i in d.verwijderd] == ["Wijkagenda"]
    [gewijzigd] = d.gewijzigd
    assert {w.veld for w in gewijzigd.wijzigingen} == {"wat", "wie"}
    with pytest.raises(ValidationError):
        oud.snapshot = {}
        oud.save()
    with pytest.raises(ValidationError):
        nieuw.delete()
    assert AfsprakensetVersie.objects.filter(afsprakenset=s).count() == s.versie
    set_page = client.get(reverse("praatplaat:set", args=[s.pk])).content.decode()
    assert "2 onderdelen toegevoegd; 1 onderdeel verwijderd; 1 onderdeel gewijzigd" in set_page
    page = client.get(
        reverse("praatplaat:set_diff", args=[s.pk]) + f"?van={v_voor}&naar={s.versie}"
    )
    html = page.content.decode()
    assert "Wijkkrant elk kwartaal" in html and "Wijkpanel van 400 leden samenstellen" in html
    from django.utils import translation
    from django.utils.html import escape

    from wijken.models import Archetype

    with translation.override("nl"):
        assert escape(str(Archetype(1).label)) in html  # the label, not the code


def test_agreement_progress_after_adoption_is_versioned(roles, wijk) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    a = s.afspraken.get()
    with pytest.raises(ValidationError):  # not while the council reviews
        services.afspraak_status_zetten(afspraak=a, status="bezig", door=staff)
    services.afsprakenset_status(
        afsprakenset=s,
        naar=SetStatus.VASTGESTELD,
        door=staff,
        vastgesteld_op=dt.date(2024, 2, 1),
        besluit_referentie="R1",
    )
    v = s.versies.count()
    services.afspraak_status_zetten(afspraak=a, status="klaar", door=staff)
    assert s.versies.count() == v + 1
    assert s.versies.first().snapshot["afspraken"][str(a.pk)]["status"] == "klaar"


def test_council_mail_once_per_version(roles, wijk) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    mail.outbox.clear()
    n = services.raad_melden(afsprakenset_id=s.pk, versie=s.versie)
    assert n == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == [roles["raadslid"].email]
    assert "Oosterparkwijk" in mail.outbox[0].subject
    assert f"/praatplaat/afspraken/{s.pk}/" in mail.outbox[0].body
    assert services.raad_melden(afsprakenset_id=s.pk, versie=s.versie) == 0  # idempotent
    assert len(mail.outbox) == 1 and RaadsMelding.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_council_mail_sent_by_real_worker(roles, wijk, celery_worker) -> None:
    import time

    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    for _ in range(120):
        m = RaadsMelding.objects.filter(afsprakenset=s).first()
        if m and m.ontvangers:
            break
        time.sleep(0.5)
    from pathlib import Path

    log = Path(celery_worker.log_path).read_text(errors="replace")[-3000:]
    assert m is not None and m.ontvangers == 1 and m.verzonden_op is not None, log


def test_wijk_page_shows_latest_answer_and_history(roles, wijk, client) -> None:
    staff = roles["gebiedsteam"]
    v = Vraag.objects.get(code="dna-1")
    services.gesprek_opslaan(
        wijk=wijk,
        door=staff,
        gegevens={"datum": dt.date(2023, 1, 1)},
        antwoorden={v.pk: "Oud antwoord"},
    )
    services.gesprek_opslaan(
        wijk=wijk,
        door=staff,
        gegevens={"datum": dt.date(2024, 1, 1)},
        antwoorden={v.pk: "Nieuw antwoord"},
    )
    html = client.get(reverse("praatplaat:wijk", args=[wijk.slug])).content.decode()
    assert "Nieuw antwoord" in html and "Oud antwoord" not in html
    hist = client.get(reverse("praatplaat:vraag_historie", args=[wijk.slug, v.pk])).content.decode()
    assert hist.index("Nieuw antwoord") < hist.index("Oud antwoord")


def test_names_need_consent(roles, wijk) -> None:
    with pytest.raises(ValidationError):
        services.gesprek_opslaan(
            wijk=wijk,
            door=roles["gebiedsteam"],
            antwoorden={},
            gegevens={"datum": dt.date(2024, 1, 1), "namen": "Jan de Vries"},
        )


def test_wijk_specific_question_counts_for_congruence(roles, wijk, other_wijk) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    assert selectors.witte_vlekken(s) == []
    q = services.vraag_toevoegen(
        wijk=wijk,
        door=staff,
        onderdeel=Onderdeel.objects.get(code="transparantie"),
        tekst_nl="Hoe delen we de notulen?",
        tekst_en="How do we share minutes?",
    )
    assert {v.regel for v in selectors.witte_vlekken(s)} == {"A2-TRANSPARANTIE", "A3-KOMPAS"}
    assert not Vraag.objects.voor_wijk(other_wijk).filter(pk=q.pk).exists()


def test_pdf_is_a3_with_questions_and_answers(roles, wijk, client) -> None:
    import io

    from pypdf import PdfReader

    beantwoord(wijk, roles["gebiedsteam"], "dna")
    r = client.get(reverse("praatplaat:pdf", args=[wijk.slug]))
    assert r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    box = reader.pages[0].mediabox
    assert sorted([round(float(box.width)), round(float(box.height))]) == [842, 1191]
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Antwoord op dna-1" in text and "Transparantie" in text
    # cached by content: a new answer gives a new PDF
    v = Vraag.objects.get(code="leren-1")
    services.gesprek_opslaan(
        wijk=wijk,
        door=roles["gebiedsteam"],
        gegevens={"datum": dt.date(2025, 1, 1)},
        antwoorden={v.pk: "Wijkacademie elk voorjaar"},
    )
    r2 = client.get(reverse("praatplaat:pdf", args=[wijk.slug]))
    text2 = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r2.content)).pages)
    assert "Wijkacademie elk voorjaar" in text2


def test_council_overview_query_count(
    roles, wijk, other_wijk, client, django_assert_max_num_queries
) -> None:
    staff = roles["gebiedsteam"]
    congruente_set_3(wijk, staff)
    beantwoord(other_wijk, roles["gebiedsteam_elders"], *KOMPAS)
    maak_set(other_wijk, roles["gebiedsteam_elders"], archetype=2, instrumenten=("online",))
    client.force_login(roles["raadslid"])
    with django_assert_max_num_queries(15):
        r = client.get(reverse("praatplaat:raad"))
    html = r.content.decode()
    assert "Oosterparkwijk" in html and "De Wijert" in html and "Wijkagenda: 3" in html
    # No query per wijk: a third wijk with a set costs no extra queries.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.wijken.factories import StadsdeelFactory, WijkFactory

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("praatplaat:raad"))
    w3 = WijkFactory(
        stadsdeel=StadsdeelFactory(naam="West", slug="west"), naam="Vinkhuizen", slug="vinkhuizen"
    )
    maak_set(w3, staff, archetype=2, instrumenten=("online",))
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("praatplaat:raad"))
    assert len(after) == len(before)


def test_wijk_section_on_wijk_page(roles, wijk, client) -> None:
    maak_set(wijk, roles["gebiedsteam"], archetype=2)
    html = client.get(reverse("wijken:detail", args=[wijk.slug])).content.decode()
    assert "Afspraken test" in html and reverse("praatplaat:wijk", args=[wijk.slug]) in html


def test_adopting_a_set_sets_the_wijk_archetype(roles, wijk) -> None:
    import datetime as dt

    from praatplaat import services
    from praatplaat.models import SetStatus
    from tests.praatplaat.factories import congruente_set_3

    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)
    wijk.refresh_from_db()
    assert wijk.archetype is None  # not before the council adopted it
    services.afsprakenset_status(
        afsprakenset=s,
        naar=SetStatus.VASTGESTELD,
        door=staff,
        vastgesteld_op=dt.date(2026, 3, 1),
        besluit_referentie="Raadsbesluit 2026-12",
    )
    wijk.refresh_from_db()
    assert wijk.archetype == 3


def test_instruments_and_pots_from_the_other_apps_count(roles, wijk, other_wijk) -> None:
    """A wijkpanel (loting), an open idea round (stemmen) and a budget pot named after the
    theme (wijken) fill the archetype-3 gaps without being typed into the set; those of
    another wijk, a closed round or a lottery's "other body" do not."""
    from loting.models import Orgaan
    from stemmen.models import Fase
    from tests.stemmen.factories_stemming import make_ronde
    from wijken.models import Budgetpot

    staff = roles["gebiedsteam"]
    beantwoord(wijk, staff, *KOMPAS)
    s = maak_set(wijk, staff, archetype=3, verantwoording=True)
    before = {v.regel for v in selectors.witte_vlekken(s)}
    assert {"A3-LOT-OF-STEM", "A3-OPEN-BEGROTING"} <= before

    Orgaan.objects.create(wijk=other_wijk, soort=Orgaan.Soort.WIJKPANEL, naam="Elders")
    Orgaan.objects.create(wijk=wijk, soort=Orgaan.Soort.ANDER, naam="Klankbord")
    make_ronde(wijk, roles["bewoner"], fase=Fase.UITSLAG)
    pot = {"periode_start": dt.date(2026, 1, 1), "periode_eind": dt.date(2026, 12, 31)}
    Budgetpot.objects.create(
        wijk=other_wijk, soort=Budgetpot.Soort.OVERIG, naam="Wijkagenda elders", **pot
    )
    assert selectors.instrumenten_elders(wijk) == []
    assert {v.regel for v in selectors.witte_vlekken(s)} == before

    Orgaan.objects.create(wijk=wijk, soort=Orgaan.Soort.WIJKPANEL, naam="Wijkpanel")
    Budgetpot.objects.create(
        wijk=wijk, soort=Budgetpot.Soort.OVERIG, naam="Budget wijkagenda", **pot
    )
    assert ("wijkpanel", "Wijkpanel") in selectors.instrumenten_elders(wijk)
    assert selectors.witte_vlekken(s) == []
