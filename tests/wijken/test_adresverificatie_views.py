"""Mijn adres and the area team's address verifications, through the pages."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse

from groningenmodel.models import AuditEntry
from wijken import services_adres as svc
from wijken.models import Adres, AdresVerificatie, Bewoner

pytestmark = pytest.mark.django_db

MIJN_ADRES = reverse("wijken:mijn_adres")


@pytest.fixture
def en(client: Any) -> Any:
    client.cookies["django_language"] = "en"
    return client


def _adres(wijk: Any, index: int = 0) -> Adres:
    return Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[index]


def _form(adres: Adres, jaar: int) -> dict[str, Any]:
    pc = f"{adres.postcode[:4]} {adres.postcode[4:].lower()}"  # as people type it
    return {"postcode": pc, "huisnummer": adres.huisnummer, "toevoeging": "", "geboortejaar": jaar}


def test_resident_requests_gets_a_letter_and_enters_the_code(
    en: Any, make_user: Any, roles: dict[str, Any], wijk: Any
) -> None:
    client = en
    user = make_user()
    adres = _adres(wijk, 7)
    jaar = adres.inwoners.first().geboortejaar  # type: ignore[union-attr]
    client.force_login(user)
    body = client.get(MIJN_ADRES).content.decode()
    assert 'name="postcode"' in body and "Request verification of your address" in body

    r = client.post(MIJN_ADRES, _form(adres, jaar))
    assert r.status_code == 302
    v = AdresVerificatie.objects.get(user=user)
    body = client.get(MIJN_ADRES).content.decode()
    assert "awaiting letter" in body and f"<dd>{v.pk}</dd>" in body and str(adres) in body
    assert 'name="code"' not in body  # no letter, no code yet

    # The area team's list: the request, without the account's e-mail.
    client.force_login(roles["gebiedsteam"])
    lijst = reverse("wijken:adresverificaties", kwargs={"slug": wijk.stadsdeel.slug})
    body = client.get(lijst).content.decode()
    assert str(adres) in body and user.email not in body and "Print 1 letter (PDF)" in body
    r = client.post(
        reverse("wijken:adresverificatie_brieven", kwargs={"slug": wijk.stadsdeel.slug})
    )
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "attachment" in r["Content-Disposition"] and r["X-Letters"] == "1"
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", text).group(1)  # type: ignore[union-attr]
    assert adres.straat.naam in text and "/wijken/mijn-adres/" in text
    assert "English" in text
    body = client.get(lijst).content.decode()
    assert 'data-status="verstuurd"' in body and "Print 0 letters (PDF)" in body

    client.force_login(user)
    body = client.get(MIJN_ADRES).content.decode()
    assert 'name="code"' in body and "You have 5 tries left." in body
    r = client.post(reverse("wijken:mijn_adres_code"), {"code": "ZZZZ-ZZZY"})
    assert r.status_code == 200 and "That code is not right. You have 4 more tries." in (
        r.content.decode()
    )
    r = client.post(reverse("wijken:mijn_adres_code"), {"code": code})
    assert r.status_code == 302
    body = client.get(r["Location"]).content.decode()
    assert "You are a verified resident" in body and wijk.naam in body
    assert f"now a resident of {wijk.naam}" in body
    assert Bewoner.objects.get(user=user).geverifieerd


def test_generic_message_and_form_errors(en: Any, make_user: Any, wijk: Any) -> None:
    client = en
    client.force_login(make_user())
    r = client.post(MIJN_ADRES, {"postcode": "97111", "huisnummer": "x", "geboortejaar": "1850"})
    body = r.content.decode()
    assert r.status_code == 200
    assert "Enter a postcode like 9711 AB." in body
    assert "Enter a year of birth between 1900 and this year." in body
    r = client.post(MIJN_ADRES, _form(_adres(wijk), 1901))
    assert "could not find this combination of address and year of birth" in r.content.decode()
    assert not AdresVerificatie.objects.exists()
    for _i in range(svc.MAX_MISLUKT):
        r = client.post(MIJN_ADRES, _form(_adres(wijk), 1901))
    assert "try again in an hour" in r.content.decode()


def test_resident_cancels(en: Any, make_user: Any, wijk: Any) -> None:
    client = en
    user = make_user()
    client.force_login(user)
    adres = _adres(wijk, 8)
    client.post(MIJN_ADRES, _form(adres, adres.inwoners.first().geboortejaar))  # type: ignore[union-attr]
    assert AdresVerificatie.objects.filter(user=user).exists()
    r = client.post(reverse("wijken:mijn_adres_intrekken"))
    assert r.status_code == 302
    assert not AdresVerificatie.objects.filter(user=user).exists()
    assert "Your request has been cancelled." in client.get(MIJN_ADRES).content.decode()


def test_desk_verification_needs_confirmation(
    en: Any, make_user: Any, roles: dict[str, Any], wijk: Any
) -> None:
    client = en
    user = make_user()
    adres = _adres(wijk, 9)
    jaar = adres.inwoners.first().geboortejaar  # type: ignore[union-attr]
    v = svc.adresverificatie_aanvragen(
        user=user, postcode=adres.postcode, huisnummer=adres.huisnummer, geboortejaar=jaar
    )
    url = reverse("wijken:adresverificatie_balie", kwargs={"pk": v.pk})
    client.force_login(roles["gebiedsteam"])
    body = client.get(url).content.decode()
    assert user.email in body and str(jaar) in body and 'name="gecontroleerd"' in body
    r = client.post(url, {})
    assert r.status_code == 200 and not Bewoner.objects.get(user=user).geverifieerd
    r = client.post(url, {"gecontroleerd": "on"})
    assert r.status_code == 302
    assert Bewoner.objects.get(user=user).geverifieerd
    assert AuditEntry.objects.filter(
        action="wijken.bewoner_geverifieerd", actor=roles["gebiedsteam"]
    ).exists()
    # The request is gone from the list; a second try finds nothing.
    assert client.get(url).status_code == 404


def test_staff_cannot_verify_their_own_request(en: Any, roles: dict[str, Any], wijk: Any) -> None:
    client = en
    staff = roles["gebiedsteam"]
    adres = _adres(wijk, 10)
    v = svc.adresverificatie_aanvragen(
        user=staff,
        postcode=adres.postcode,
        huisnummer=adres.huisnummer,
        geboortejaar=adres.inwoners.first().geboortejaar,  # type: ignore[union-attr]
    )
    client.force_login(staff)
    r = client.post(
        reverse("wijken:adresverificatie_balie", kwargs={"pk": v.pk}), {"gecontroleerd": "on"}
    )
    assert r.status_code == 200 and "ask a colleague" in r.content.decode()
    assert not Bewoner.objects.get(user=staff).geverifieerd


def test_list_query_count_and_wijk_filter(
    en: Any,
    make_user: Any,
    roles: dict[str, Any],
    wijk: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = en
    for i in range(12):
        adres = _adres(wijk, i + 12)
        svc.adresverificatie_aanvragen(
            user=make_user(),
            postcode=adres.postcode,
            huisnummer=adres.huisnummer,
            geboortejaar=adres.inwoners.first().geboortejaar,  # type: ignore[union-attr]
        )
    client.force_login(roles["gebiedsteam"])
    url = reverse("wijken:adresverificaties", kwargs={"slug": wijk.stadsdeel.slug})
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert body.count('data-status="wacht"') == 12 and "Print 12 letters (PDF)" in body
    assert "@example.org" not in body.split("<main")[1]  # no account data in the list
    r = client.get(url, {"wijk": "onbekend"})
    assert r.content.decode().count('data-status="wacht"') == 12


def test_links_to_mijn_adres(en: Any, make_user: Any, roles: dict[str, Any]) -> None:
    client = en
    client.force_login(make_user())
    body = client.get(reverse("mijn_gegevens")).content.decode()
    assert "Link your account to your address" in body and MIJN_ADRES in body
    client.force_login(roles["bewoner"])
    body = client.get(reverse("mijn_gegevens")).content.decode()
    assert "Link your account" not in body and MIJN_ADRES in body
    client.force_login(roles["gebiedsteam"])
    body = client.get(reverse("wijken:lijst")).content.decode()
    assert reverse("wijken:adresverificaties", kwargs={"slug": "oost"}) in body
    assert reverse("wijken:adresverificaties", kwargs={"slug": "zuid"}) not in body
