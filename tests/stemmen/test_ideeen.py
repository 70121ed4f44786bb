"""Ideas: submission through the form, markup that stays inert, images, support,
threaded comments with reporting and moderation, similar-idea hints."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from stemmen import services
from stemmen.afbeeldingen import MAX_PX
from stemmen.models import Fase, Idee, Reactie, Steun
from tests.stemmen.factories import make_idee, make_ronde, png_bytes, upload

pytestmark = pytest.mark.django_db

XSS = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '"><svg onload=alert(1)>',
    "<iframe src='https://evil.example'></iframe>",
]


class _Live(HTMLParser):
    """Collects what would be live in a browser: script/iframe/svg elements, event
    handler attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "svg", "object", "embed"):
            self.found.append(tag)
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append("inline script")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag}[{name}=javascript:]")


def _dangerous(html: str) -> list[str]:
    p = _Live()
    p.feed(html)
    return p.found


def test_markup_in_every_text_field_comes_out_inert(client, wijk, roles):
    for payload in XSS:
        _check_inert(client, wijk, roles, payload)


def _check_inert(client, wijk, roles, payload):
    from stemmen.models import Aanvraag, AanvraagStap

    ronde = make_ronde(wijk, Fase.INDIENEN, titel=payload, beschrijving=payload)
    bewoner = roles["bewoner"]
    idee = services.idee_indienen(
        ronde=ronde,
        user=bewoner,
        titel=payload[:120],
        beschrijving=payload,
        kosten=100,
        locatie=payload[:150],
    )
    buur = roles["bewoner"].__class__.objects.get(pk=bewoner.pk)
    r = services.reactie_plaatsen(idee=idee, user=buur, tekst=payload)
    services.reactie_plaatsen(idee=idee, user=buur, tekst=payload, ouder=r)
    services.ronde_fase_volgende(ronde=ronde, actor=roles["gebiedsteam"])
    oordelen = dict.fromkeys(
        (
            "draagvlak",
            "meerdere_bewoners",
            "past_bij_wijk",
            "meerwaarde",
            "incidenteel",
            "geen_commercieel",
        ),
        ("ja", payload),
    )
    services.idee_beoordelen(
        idee=idee,
        actor=roles["gebiedsteam"],
        besluit="niet_stembaar",
        reden=payload,
        oordelen=oordelen,
        kosten_gemeente=500,
        kosten_notitie=payload,
    )
    services.idee_antwoorden(idee=idee, user=bewoner, tekst=payload)
    a = services.aanvraag_indienen(
        wijk=wijk,
        user=bewoner,
        soort="uitdaagrecht",
        titel=payload[:120],
        beschrijving=payload,
        bedrag=1000,
        cofinanciering=payload,
        taak=payload,
    )
    AanvraagStap.objects.create(aanvraag=a, stap="gesprek", toelichting=payload)
    services.aanvraag_besluiten(
        aanvraag=a, actor=roles["gebiedsteam"], toekennen=False, reden=payload
    )
    assert Aanvraag.objects.get(pk=a.pk).besluit_reden == payload.strip()

    client.force_login(bewoner)
    pages = [
        f"/stemmen/ronde/{ronde.pk}/",
        f"/stemmen/idee/{idee.pk}/",
        f"/stemmen/aanvraag/{a.pk}/",
        f"/stemmen/wijk/{wijk.slug}/aanvragen/",
        f"/stemmen/ronde/{ronde.pk}/vergelijkbaar/?titel={payload[:30]}",
        f"/wijken/{wijk.slug}/",
        "/stemmen/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert not _dangerous(html), (url, _dangerous(html))
    feed = client.get(f"/stemmen/wijk/{wijk.slug}/feed/").content
    # The Atom feed: only Atom elements; the HTML summary is escaped and itself inert.
    root = ElementTree.fromstring(feed)
    atom = "{http://www.w3.org/2005/Atom}"
    assert all(el.tag.startswith(atom) for el in root.iter())
    for summary in root.iter(f"{atom}summary"):
        assert not _dangerous(summary.text or "")


def test_markdown_description_keeps_harmless_formatting(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(
        ronde,
        roles["bewoner"],
        beschrijving="**vet** en *schuin*\n\n- een\n- twee\n\n[site](https://groningen.nl)",
    )
    html = client.get(f"/stemmen/idee/{idee.pk}/").content.decode()
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html and "<li>een</li>" in html
    assert 'href="https://groningen.nl"' in html and 'rel="nofollow noopener noreferrer"' in html


def _post_idee(client, ronde, files, **extra):
    data = {
        "titel": "Bankjes in het park",
        "beschrijving": "Om te zitten",
        "kosten": "350",
        **extra,
    }
    if files:
        data["afbeeldingen"] = files
    return client.post(f"/stemmen/ronde/{ronde.pk}/idee/nieuw/", data)


def test_submit_idea_with_image_resized_and_exif_stripped(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    client.force_login(roles["bewoner"])
    big = io.BytesIO(png_bytes(size=(2400, 1200), fmt="JPEG", exif=True))
    r = _post_idee(client, ronde, [upload("groot.jpg", big.getvalue(), "image/jpeg")])
    assert r.status_code == 302
    idee = Idee.objects.get(titel="Bankjes in het park")
    assert idee.kosten == 35000
    (a,) = idee.afbeeldingen.all()
    with Image.open(a.bestand.path) as img:
        assert max(img.size) == MAX_PX and img.size == (1600, 800)
        assert not img.getexif()
        assert "exif" not in img.info


@pytest.mark.parametrize(
    "name,data,ctype,message",
    [
        ("virus.png", b"MZ\x90\x00 not an image at all", "image/png", "is not an image"),
        ("plaatje.gif", None, "image/gif", "Only JPEG, PNG and WebP"),
        (
            "script.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "is not an image",
        ),
    ],
)
def test_wrong_image_type_is_refused_with_a_clear_message(
    client, wijk, roles, name, data, ctype, message
):
    if data is None:
        buf = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buf, format="GIF")
        data = buf.getvalue()
    ronde = make_ronde(wijk, Fase.INDIENEN)
    client.force_login(roles["bewoner"])
    r = _post_idee(client, ronde, [upload(name, data, ctype)])
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not Idee.objects.exists()


def test_too_large_image_is_refused(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    client.force_login(roles["bewoner"])
    data = png_bytes() + b"\0" * (5 * 1024 * 1024 + 10)
    r = _post_idee(client, ronde, [upload("huge.png", data)])
    assert r.status_code == 200
    assert "larger than 5 MB" in r.content.decode()
    assert not Idee.objects.exists()


def test_at_most_five_images(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    client.force_login(roles["bewoner"])
    r = _post_idee(client, ronde, [upload(f"f{i}.png") for i in range(6)])
    assert "at most 5 images" in r.content.decode()
    assert not Idee.objects.exists()


def test_only_residents_of_the_wijk_submit_support_comment(wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    for who in ("bewoner_elders", "gebiedsteam", "raadslid", "beheerder"):
        user = roles[who]
        with pytest.raises(ValidationError):
            services.idee_indienen(ronde=ronde, user=user, titel="x", beschrijving="x", kosten=1)
        with pytest.raises(ValidationError):
            services.idee_steunen(idee=idee, user=user)
        with pytest.raises(ValidationError):
            services.reactie_plaatsen(idee=idee, user=user, tekst="x")
    assert Idee.objects.count() == 1 and not Steun.objects.exists() and not Reactie.objects.exists()


def test_support_once_and_take_back(client, wijk, roles, make_user):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    buur = make_user("bewoner", wijk=wijk)
    client.force_login(buur)
    client.post(f"/stemmen/idee/{idee.pk}/steunen/", {"steun": "1"})
    r = client.post(f"/stemmen/idee/{idee.pk}/steunen/", {"steun": "1"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "1 resident supports this" in r.content.decode()
    assert Steun.objects.filter(idee=idee).count() == 1
    client.post(f"/stemmen/idee/{idee.pk}/steunen/", {"steun": "0"})
    assert not Steun.objects.exists()


def test_co_initiator_joins(wijk, roles, make_user):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    buur = make_user("bewoner", wijk=wijk)
    services.idee_meedoen(idee=idee, user=buur)
    assert list(idee.mede_indieners.all()) == [buur]
    with pytest.raises(ValidationError):
        services.idee_meedoen(idee=idee, user=roles["bewoner"])


def test_threaded_comments_report_and_moderation(client, wijk, roles, make_user):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    idee = make_idee(ronde, roles["bewoner"])
    buur = make_user("bewoner", wijk=wijk)
    eerste = services.reactie_plaatsen(idee=idee, user=buur, tekst="Eerste")
    antwoord = services.reactie_plaatsen(
        idee=idee, user=roles["bewoner"], tekst="Antwoord", ouder=eerste
    )
    diep = services.reactie_plaatsen(idee=idee, user=buur, tekst="Nog dieper", ouder=antwoord)
    assert antwoord.ouder == eerste and diep.ouder == eerste  # two levels
    client.force_login(roles["bewoner_elders"])
    client.post(f"/stemmen/reactie/{eerste.pk}/melden/", {"reden": "Onaardig"})
    client.force_login(roles["gebiedsteam"])
    lijst = client.get(f"/stemmen/wijk/{wijk.slug}/moderatie/").content.decode()
    assert "Eerste" in lijst
    r = client.post(f"/stemmen/reactie/{eerste.pk}/modereren/", {"actie": "verbergen", "reden": ""})
    assert r.status_code == 200 and "Give a reason" in r.content.decode()
    client.post(
        f"/stemmen/reactie/{eerste.pk}/modereren/",
        {"actie": "verbergen", "reden": "Persoonlijke aanval"},
    )
    eerste.refresh_from_db()
    assert eerste.status == Reactie.Status.VERBORGEN
    html = client.get(f"/stemmen/idee/{idee.pk}/").content.decode()
    assert "hidden by a moderator" in html and "Eerste" not in html.split('id="reacties"')[1]
    assert "Eerste" not in client.get(f"/stemmen/wijk/{wijk.slug}/moderatie/").content.decode()
    # Staff of another stadsdeel cannot moderate here.
    client.force_login(roles["gebiedsteam_elders"])
    assert (
        client.post(f"/stemmen/reactie/{eerste.pk}/modereren/", {"actie": "tonen"}).status_code
        == 403
    )


def test_similar_idea_hint_fallback(client, wijk, roles):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    make_idee(ronde, roles["bewoner"], titel="Moestuin in het Oosterpark")
    make_idee(ronde, roles["bewoner"], titel="Speeltuin opknappen")
    r = client.get(
        f"/stemmen/ronde/{ronde.pk}/vergelijkbaar/",
        {"titel": "moestuintje bij school"},
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert "Moestuin in het Oosterpark" in html and "Speeltuin" not in html
    assert (
        "Moestuin"
        not in client.get(
            f"/stemmen/ronde/{ronde.pk}/vergelijkbaar/", {"titel": "fietsenstalling"}
        ).content.decode()
    )


@pytest.mark.postgres_only
def test_similar_idea_hint_uses_trigrams_on_postgres(wijk, roles):
    from django.db import connection

    from stemmen.selectors import vergelijkbare_ideeen

    with connection.cursor() as c:
        c.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert c.fetchone()
    ronde = make_ronde(wijk, Fase.INDIENEN)
    make_idee(ronde, roles["bewoner"], titel="Moestuin in het Oosterpark")
    make_idee(ronde, roles["bewoner"], titel="Speeltuin opknappen")
    # A typo still matches with trigrams (the SQLite fallback would not find it).
    found = [i.titel for i in vergelijkbare_ideeen(ronde, "moesstuin oosterpark")]
    assert found == ["Moestuin in het Oosterpark"]


def test_round_list_page_query_count(client, wijk, roles, django_assert_max_num_queries):
    ronde = make_ronde(wijk, Fase.INDIENEN)
    for i in range(25):
        idee = make_idee(ronde, roles["bewoner"], titel=f"Idee {i}")
        Steun.objects.create(idee=idee, user=roles["bewoner"])
    with django_assert_max_num_queries(15):
        r = client.get(f"/stemmen/ronde/{ronde.pk}/")
    assert r.content.decode().count('class="card"') >= 25
    with django_assert_max_num_queries(12):
        client.get("/stemmen/")
    with django_assert_max_num_queries(25):
        client.get(f"/wijken/{wijk.slug}/")


def test_account_erasure_keeps_ideas_without_the_person(client, wijk, roles, make_user):
    from groningenmodel.privacy import account_erase, personal_data_for
    from stemmen.models import Aanvraag

    ronde = make_ronde(wijk, Fase.INDIENEN)
    buur = make_user("bewoner", wijk=wijk)
    idee = services.idee_indienen(
        ronde=ronde, user=buur, titel="Bankje", beschrijving="x", kosten=100
    )
    services.reactie_plaatsen(idee=idee, user=buur, tekst="Mijn persoonlijke verhaal")
    services.idee_steunen(idee=make_idee(ronde, roles["bewoner"]), user=buur)
    services.aanvraag_indienen(
        wijk=wijk, user=buur, soort="buurtbudget", titel="Feest", beschrijving="x", bedrag=100
    )
    rows = dict(
        next(rows for title, rows in personal_data_for(buur) if "idea" in str(title).lower())
    )
    assert rows["Idea you submitted"] == "Bankje"
    account_erase(user=buur)
    idee.refresh_from_db()
    assert idee.indiener is None and idee.titel == "Bankje"
    r = Reactie.objects.get(idee=idee)
    assert r.auteur is None and r.tekst == ""
    assert not Steun.objects.exists()
    assert Aanvraag.objects.get().aanvrager is None
    html = client.get(f"/stemmen/idee/{idee.pk}/").content.decode()
    assert "Mijn persoonlijke verhaal" not in html and "removed at the author" in html
