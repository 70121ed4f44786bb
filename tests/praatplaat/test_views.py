"""The staff forms work end to end (without JavaScript): gesprek, set with formsets,
status, progress, evaluation with charts, wijk-specific question."""

from __future__ import annotations

import pytest
from django.urls import reverse

from praatplaat.models import Antwoord, Evaluatie, Gesprek, Onderdeel, SetStatus, Vraag
from tests.praatplaat.factories import KOMPAS, beantwoord, maak_set

pytestmark = pytest.mark.django_db


def _formset(prefix: str, forms: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(forms)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for i, f in enumerate(forms):
        data.update({f"{prefix}-{i}-{k}": v for k, v in f.items()})
    return data


def test_staff_records_a_conversation_with_answers(roles, wijk, client) -> None:
    client.force_login(roles["gebiedsteam"])
    url = reverse("praatplaat:gesprek_nieuw", args=[wijk.slug])
    page = client.get(url).content.decode()
    v = Vraag.objects.get(code="transparantie-6")
    assert v.tekst_nl in page
    r = client.post(
        url,
        {
            "datum": "2024-04-02",
            "vorm": "online",
            "plaats": "Teams",
            "deelnemers": "9",
            "groepen": ["bewoners", "jongeren"],
            f"vraag_{v.pk}": "De wijkraad en een onafhankelijke voorzitter",
        },
    )
    g = Gesprek.objects.get()
    assert r.status_code == 302 and r["Location"] == g.get_absolute_url()
    assert g.groepen == ["bewoners", "jongeren"] and g.deelnemers == 9
    assert Antwoord.objects.get(gesprek=g).vraag == v
    # names without consent are refused, nothing changes
    r = client.post(
        reverse("praatplaat:gesprek_bewerken", args=[wijk.slug, g.pk]),
        {"datum": "2024-04-02", "vorm": "online", "deelnemers": "9", "namen": "Jan"},
    )
    assert r.status_code == 200
    g.refresh_from_db()
    assert g.namen == ""


def test_staff_edits_a_set_through_formsets_and_sends_it(roles, wijk, client) -> None:
    staff = roles["gebiedsteam"]
    beantwoord(wijk, staff, *KOMPAS)
    client.force_login(staff)
    r = client.post(reverse("praatplaat:set_nieuw", args=[wijk.slug]), {"titel": "Wijkagenda 2025"})
    s = wijk.praatplaat_sets.get()
    assert r["Location"] == reverse("praatplaat:set_bewerken", args=[s.pk])
    bouwsteen = Onderdeel.objects.get(code="realisatiekracht")
    data = {
        "set-titel": "Wijkagenda 2025",
        "set-verantwoording_wijk": "Jaarvergadering",
        "set-verantwoording_raad": "",
        **_formset(
            "afspraak",
            [
                {
                    "wat": "Open begroting publiceren",
                    "wie": "gemeente",
                    "bouwsteen": str(bouwsteen.pk),
                    "status": "open",
                }
            ],
        ),
        **_formset("thema", [{"naam": "Groen", "archetype": "3", "open_begroting_pot": ""}]),
        **_formset("instrument", [{"soort": "wijkpanel", "omschrijving": "400 leden"}]),
    }
    r = client.post(reverse("praatplaat:set_bewerken", args=[s.pk]), data)
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.versie == 2 and s.afspraken.get().wat == "Open begroting publiceren"
    # incongruent (no pot, no accountability to the council): refused with the gaps
    r = client.post(
        reverse("praatplaat:set_status", args=[s.pk]), {"naar": "ter_bespreking"}, follow=True
    )
    s.refresh_from_db()
    assert s.status == SetStatus.CONCEPT
    html = r.content.decode()
    assert "Groen" in html and "A3-OPEN-BEGROTING" in html
    t, i, a = s.themas.get(), s.instrumenten.get(), s.afspraken.get()
    data.update(
        {
            "set-verantwoording_raad": "Jaarverslag",
            **_formset(
                "thema",
                [
                    {
                        "id": str(t.pk),
                        "naam": "Groen",
                        "archetype": "3",
                        "open_begroting_pot": "Groenbudget",
                    }
                ],
                initial=1,
            ),
            **_formset(
                "instrument",
                [{"id": str(i.pk), "soort": "wijkpanel", "omschrijving": "400 leden"}],
                initial=1,
            ),
            **_formset(
                "afspraak",
                [
                    {
                        "id": str(a.pk),
                        "wat": "Open begroting publiceren",
                        "wie": "gemeente",
                        "bouwsteen": str(bouwsteen.pk),
                        "status": "open",
                    }
                ],
                initial=1,
            ),
        }
    )
    assert client.post(reverse("praatplaat:set_bewerken", args=[s.pk]), data).status_code == 302
    client.post(reverse("praatplaat:set_status", args=[s.pk]), {"naar": "ter_bespreking"})
    s.refresh_from_db()
    assert s.status == SetStatus.TER_BESPREKING and s.versie == 4
    # the edit page refuses now
    assert client.get(reverse("praatplaat:set_bewerken", args=[s.pk])).status_code == 302


def test_evaluation_form_and_charts(roles, wijk, client) -> None:
    client.force_login(roles["gebiedsteam"])
    url = reverse("praatplaat:evaluatie_nieuw", args=[wijk.slug])
    for datum, score in (("2023-01-01", "2"), ("2024-01-01", "4")):
        r = client.post(
            url,
            {
                "datum": datum,
                "ieders_stem": score,
                "transparantie": "3",
                "zeggenschap": "5",
                "goede_gesprek": "1",
                "lessen": "Samen leren",
            },
        )
        assert r.status_code == 302
    assert (
        client.post(
            url,
            {
                "datum": "2024-02-01",
                "ieders_stem": "7",
                "transparantie": "3",
                "zeggenschap": "3",
                "goede_gesprek": "3",
            },
        ).status_code
        == 200
    )
    assert Evaluatie.objects.count() == 2
    html = client.get(reverse("praatplaat:evaluaties", args=[wijk.slug])).content.decode()
    assert html.count('role="img"') == 3  # two radars and one trend
    assert 'aria-labelledby="trend"' in html and "<caption>" in html


def test_wijk_specific_question_via_form(roles, wijk, other_wijk, client) -> None:
    client.force_login(roles["gebiedsteam"])
    r = client.post(
        reverse("praatplaat:vraag_nieuw", args=[wijk.slug]),
        {
            "onderdeel": Onderdeel.objects.get(code="samen-leren").pk,
            "tekst_nl": "Wie komt er naar de wijkacademie?",
            "tekst_en": "Who comes to the academy?",
        },
    )
    assert r.status_code == 302
    assert (
        "Wie komt er naar de wijkacademie?"
        in client.get(reverse("praatplaat:wijk", args=[wijk.slug])).content.decode()
    )
    assert (
        "Wie komt er naar de wijkacademie?"
        not in client.get(reverse("praatplaat:wijk", args=[other_wijk.slug])).content.decode()
    )


def test_set_gaps_listed_on_set_page_and_english_questions(roles, wijk, client) -> None:
    s = maak_set(wijk, roles["gebiedsteam"], archetype=2)
    html = client.get(reverse("praatplaat:set", args=[s.pk])).content.decode()
    assert "A2-INCLUSIE" in html and "A2-BEREIK" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("praatplaat:vragen")).content.decode()
    assert "How much money is there?" in html and "Hoeveel geld is er?" not in html
