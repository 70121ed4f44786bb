"""Raadslid may comment but not edit; staff of other stadsdelen cannot edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from praatplaat.models import Commentaar, SetStatus
from tests.praatplaat.factories import maak_set

pytestmark = pytest.mark.django_db


def _edit_post(s):  # type: ignore[no-untyped-def]
    return {
        "set-titel": "Gekaapt",
        "set-verantwoording_wijk": "",
        "set-verantwoording_raad": "",
        **{f"{p}-TOTAL_FORMS": "0" for p in ("afspraak", "thema", "instrument")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("afspraak", "thema", "instrument")},
    }


def test_raadslid_comments_but_cannot_edit(roles, wijk, client) -> None:
    s = maak_set(wijk, roles["gebiedsteam"], archetype=1)
    client.force_login(roles["raadslid"])
    r = client.post(reverse("praatplaat:set_bewerken", args=[s.pk]), _edit_post(s))
    assert r.status_code == 403
    r = client.post(
        reverse("praatplaat:set_status", args=[s.pk]), {"naar": SetStatus.TER_BESPREKING}
    )
    assert r.status_code == 403
    a = s.afspraken.get()
    assert (
        client.post(
            reverse("praatplaat:afspraak_status", args=[a.pk]), {"status": "klaar"}
        ).status_code
        == 403
    )
    r = client.post(
        reverse("praatplaat:commentaar", args=[s.pk]),
        {"tekst": "Vraag van de raad", "afspraak": a.pk},
    )
    assert r.status_code == 302
    c = Commentaar.objects.get()
    assert c.afspraak == a and c.rol == "raadslid"
    s.refresh_from_db()
    assert s.titel == "Afspraken test"
    a.refresh_from_db()
    assert a.status == "open"


def test_staff_of_other_stadsdeel_cannot_edit(roles, wijk, client) -> None:
    s = maak_set(wijk, roles["gebiedsteam"], archetype=1)
    client.force_login(roles["gebiedsteam_elders"])
    assert (
        client.post(reverse("praatplaat:set_bewerken", args=[s.pk]), _edit_post(s)).status_code
        == 403
    )
    assert client.get(reverse("praatplaat:gesprek_nieuw", args=[wijk.slug])).status_code == 403
    assert (
        client.post(reverse("praatplaat:commentaar", args=[s.pk]), {"tekst": "x"}).status_code
        == 403
    )
    client.force_login(roles["gebiedsteam"])
    r = client.post(reverse("praatplaat:set_bewerken", args=[s.pk]), _edit_post(s))
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.titel == "Gekaapt"


def test_resident_cannot_comment_and_reply_threads(roles, wijk, client) -> None:
    s = maak_set(wijk, roles["gebiedsteam"], archetype=1)
    client.force_login(roles["bewoner"])
    assert (
        client.post(reverse("praatplaat:commentaar", args=[s.pk]), {"tekst": "x"}).status_code
        == 403
    )
    client.force_login(roles["raadslid"])
    client.post(reverse("praatplaat:commentaar", args=[s.pk]), {"tekst": "Eerste vraag"})
    parent = Commentaar.objects.get()
    client.force_login(roles["gebiedsteam"])
    client.post(
        reverse("praatplaat:commentaar", args=[s.pk]),
        {"tekst": "Antwoord van de wijk", "parent": parent.pk},
    )
    reply = Commentaar.objects.exclude(pk=parent.pk).get()
    assert reply.parent == parent and reply.rol == "gebiedsteam"
    # the thread is visible to the wijk (public set page)
    client.logout()
    html = client.get(reverse("praatplaat:set", args=[s.pk])).content.decode()
    assert "Eerste vraag" in html and "Antwoord van de wijk" in html


def test_only_raadslid_records_council_role(roles, wijk, client) -> None:
    url = reverse("praatplaat:raadsrol", args=[wijk.slug])
    data = {
        "sturing": "proces",
        "rollen": ["kaderstellend", "controlerend"],
        "toelichting": "Spelregels vooraf",
    }
    client.force_login(roles["gebiedsteam"])
    assert client.post(url, data).status_code == 403
    client.force_login(roles["raadslid"])
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("praatplaat:wijk", args=[wijk.slug])).content.decode()
    assert "Spelregels vooraf" in html


def test_comment_with_htmx_swaps_only_the_thread(roles, wijk, client) -> None:
    s = maak_set(wijk, roles["gebiedsteam"], archetype=1)
    client.force_login(roles["raadslid"])
    url = reverse("praatplaat:commentaar", args=[s.pk])
    r = client.post(url, {"tekst": "Via htmx geplaatst"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith('<section aria-labelledby="commentaar-kop" id="commentaar">')
    assert "Via htmx geplaatst" in html and "<html" not in html
    r = client.post(url, {"tekst": ""}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and 'role="alert"' in r.content.decode()
    assert Commentaar.objects.count() == 1
