"""The ballot page without JavaScript and with htmx, voting codes in the session, and
panel consultations (only wijkpanel members, answers without identity)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from stemmen import selectors_stemming as sel
from stemmen import services_stemming as svc
from stemmen.models import Stemwijze
from stemmen.models_stemming import Kiezer, PeilingAntwoord, PeilingDeelname, Stembiljet, Stemcode
from tests.stemmen.factories_stemming import idee_pks, make_ronde

pytestmark = pytest.mark.django_db


def test_no_js_ballot_refuses_and_accepts(wijk: Any, roles: dict[str, Any], client: Any) -> None:
    r = make_ronde(wijk, roles["gebiedsteam"], stemwijze=Stemwijze.BUDGET)
    a, b, c, d = idee_pks(r)
    client.force_login(roles["bewoner"])
    url = reverse("stemmen:stem", kwargs={"pk": r.pk})
    page = client.get(url).content.decode()
    assert 'action="' + url in page and 'name="idee"' in page
    resp = client.post(url, {"idee": [b, c, d]})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "meer dan het budget" in body or "more than the budget" in body
    assert Stembiljet.objects.count() == 0
    resp = client.post(url, {"idee": [b, c]})
    assert resp.status_code == 302
    page = client.get(url).content.decode()
    assert f'value="{b}" checked' in page and f'value="{a}" checked' not in page
    client.post(url, {"idee": [a, d]})
    assert Stembiljet.objects.get().ideeen == sorted([a, d])


def test_htmx_running_total_is_a_partial(wijk: Any, roles: dict[str, Any], client: Any) -> None:
    r = make_ronde(wijk, roles["gebiedsteam"], stemwijze=Stemwijze.BUDGET)
    a, b, c, d = idee_pks(r)
    client.force_login(roles["bewoner"])
    url = reverse("stemmen:stem", kwargs={"pk": r.pk})
    resp = client.post(url, {"idee": [b, c, d], "_totaal": "1"}, HTTP_HX_REQUEST="true")
    body = resp.content.decode()
    assert resp.status_code == 200 and body.lstrip().startswith('<div id="totaal"')
    assert "21.000" in body and "fout-lijst" in body
    assert Stembiljet.objects.count() == 0  # the total never casts a vote


def test_code_voter_flow_and_binding(
    wijk: Any, roles: dict[str, Any], client: Any, rf: Any
) -> None:
    from django.test import Client

    from wijken.models import Adres

    r = make_ronde(wijk, roles["gebiedsteam"])
    a, b, *_ = idee_pks(r)
    code = svc.code_nieuw()
    Stemcode.objects.create(
        ronde=r,
        adres=Adres.objects.filter(straat__buurt__wijk=wijk).order_by("pk")[0],
        code_hash=svc.code_hash(code),
    )
    resp = client.post(reverse("stemmen:stemcode", kwargs={"pk": r.pk}), {"code": code.lower()})
    assert resp.status_code == 302
    stem_url = reverse("stemmen:stem_met_code", kwargs={"pk": r.pk})
    assert client.post(stem_url, {"idee": [a]}).status_code == 302
    assert client.post(stem_url, {"idee": [b]}).status_code == 302  # change, same browser
    assert Stembiljet.objects.get(ronde=r).ideeen == [b]
    assert Kiezer.objects.get(ronde=r).kanaal == "code"
    other = Client()
    resp = other.post(reverse("stemmen:stemcode", kwargs={"pk": r.pk}), {"code": code})
    body = resp.content.decode()
    assert resp.status_code == 200 and ("al gebruikt" in body or "already been used" in body)


def _panel(wijk: Any) -> list[Any]:
    """A drawn wijkpanel with three seats (seats made directly: loting's response_record
    fails on PostgreSQL, see the report)."""
    from datetime import timedelta

    from django.utils import timezone

    from loting.models import Orgaan, Zetel
    from loting.selectors import wijkpanel_leden
    from tests.loting.factories import drawn_loting

    loting = drawn_loting(wijk, doel="wijkpanel", zetels=3, uitnodigingen=8)
    today = timezone.localdate()
    for u in loting.uitnodigingen.filter(soort="uitgenodigd").order_by("pk")[:3]:
        Zetel.objects.create(
            orgaan=loting.orgaan,
            loting=loting,
            uitnodiging=u,
            rol=Zetel.Rol.LID,
            begin=today,
            einde=today + timedelta(days=700),
        )
    leden = list(wijkpanel_leden(wijk))
    assert len(leden) == 3 and all(z.orgaan.soort == Orgaan.Soort.WIJKPANEL for z in leden)
    return leden


@pytest.mark.django_db(transaction=True)
def test_peiling_for_panel_members_only(
    wijk: Any, make_user: Any, client: Any, celery_worker: Any
) -> None:
    leden = _panel(wijk)
    leden[0].uitnodiging.email = "lid@example.org"
    leden[0].uitnodiging.save()
    for z in leden[1:]:
        z.uitnodiging.email = ""
        z.uitnodiging.save()
    staff = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel)
    p = svc.peiling_opslaan(
        wijk=wijk,
        actor=staff,
        titel="Speeltuin",
        intro="",
        vragen=[
            {"soort": "een", "tekst": "Welke plek?", "opties": ["Park", "Plein"]},
            {"soort": "meer", "tekst": "Wat erbij?", "opties": ["Bankje", "Boom", "Lamp"]},
            {"soort": "schaal", "tekst": "Hoe belangrijk?"},
            {"soort": "open", "tekst": "Opmerkingen?"},
        ],
    )
    n = svc.peiling_versturen(peiling=p, actor=staff)
    assert n == 1 and PeilingDeelname.objects.filter(peiling=p).count() == len(leden)
    # the e-mail goes out through the worker (a file backend in the worker process)
    import time

    for _ in range(60):
        if PeilingDeelname.objects.filter(peiling=p, verstuurd_op__isnull=False).exists():
            break
        time.sleep(0.5)
    assert PeilingDeelname.objects.filter(peiling=p, verstuurd_op__isnull=False).count() == 1
    vragen = list(p.vragen.all())
    for i, z in enumerate(leden[:2]):
        url = reverse("stemmen:peiling_antwoord", kwargs={"token": svc.peiling_token(p, z.pk)})
        resp = client.post(
            url,
            {
                f"vraag_{vragen[0].pk}": "Park",
                f"vraag_{vragen[1].pk}": ["Bankje", "Lamp"] if i else ["Boom"],
                f"vraag_{vragen[2].pk}": str(4 + i),
                f"vraag_{vragen[3].pk}": f"Mooi plan {i}",
            },
        )
        assert resp.status_code == 302
        assert client.post(url, {f"vraag_{vragen[0].pk}": "Plein"}).status_code == 200  # only once
    # not a panel seat / forged token
    assert client.get(reverse("stemmen:peiling_antwoord", kwargs={"token": "x"})).status_code == 404
    res = sel.peiling_resultaten(p)
    assert res["beantwoord"] == 2
    assert res["vragen"][0]["telling"][0] == {"naam": "Park", "n": 2, "pct": 100.0}
    assert res["vragen"][2]["gemiddelde"] == 4.5
    assert res["vragen"][3]["teksten"] == ["Mooi plan 0", "Mooi plan 1"]
    # answers carry no link to a seat
    assert not {f.name for f in PeilingAntwoord._meta.get_fields()} & {
        "zetel",
        "deelname",
        "peiling",
    }
    client.force_login(staff)
    page = client.get(reverse("stemmen:peiling", kwargs={"pk": p.pk})).content.decode()
    assert "Mooi plan 1" in page and "lid@example.org" not in page
    lijst = client.get(reverse("stemmen:peiling_papier", kwargs={"pk": p.pk})).content.decode()
    assert lijst.count("/stemmen/peiling/antwoord/") == len(leden) - 1
