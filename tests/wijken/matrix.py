from tests.permission_matrix import Case, everyone, only, signed_in

STAFF = ["gebiedsteam", "beheerder"]  # gebiedsteam of Oost: the stadsdeel of ctx["wijk"]
STAFF_ZUID = ["gebiedsteam_elders", "beheerder"]  # of Zuid: the stadsdeel of ctx["other_wijk"]


def _slug(ctx):
    return {"slug": ctx["wijk"].slug}


CASES = [
    Case("wijken:lijst", everyone()),
    Case("wijken:begroting_stad", everyone()),
    Case("wijken:detail", everyone(), kwargs=_slug),
    Case("wijken:begroting", everyone(), kwargs=_slug),
    Case(
        "wijken:begroting_export",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "csv"},
        label="csv",
    ),
    Case(
        "wijken:begroting_export",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "xlsx"},
        label="xlsx",
    ),
    Case(
        "wijken:begroting_export",
        everyone(404),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "pdf"},
        label="unknown format",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "dna"},
        label="dna",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "swot"},
        label="swot",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF, code=302),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "dna"},
        method="post",
        data=lambda ctx: {"dna": "Een wijk met een eigen karakter."},
        label="dna",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].slug, "deel": "dna"},
        label="other stadsdeel",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF, code=404),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "onbekend"},
        label="unknown part",
    ),
    Case("wijken:geschiedenis", only(STAFF), kwargs=_slug),
    Case("wijken:boeken", only(STAFF), kwargs=_slug),
    Case("wijken:boeken", only(STAFF), kwargs=_slug, method="post", data=lambda ctx: {}),
    Case(
        "wijken:boeken",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].slug},
        label="other stadsdeel",
    ),
    Case("wijken:pot_nieuw", only(STAFF), kwargs=_slug),
    Case("wijken:pot_nieuw", only(STAFF), kwargs=_slug, method="post", data=lambda ctx: {}),
    Case(
        "wijken:adressen_upload",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
    ),
    Case(
        "wijken:adressen_upload",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
        method="post",
        data=lambda ctx: {},
    ),
    Case("wijken:kompas_upload", only(["beheerder"])),
    Case("wijken:kompas_upload", only(["beheerder"]), method="post", data=lambda ctx: {}),
    # Address verification: every signed-in person has a "Mijn adres" page.
    Case("wijken:mijn_adres", signed_in()),
    Case("wijken:mijn_adres", signed_in(), method="post", data=lambda ctx: {}),
    Case("wijken:mijn_adres_code", signed_in(302), method="post", data=lambda ctx: {}),
    Case("wijken:mijn_adres_intrekken", signed_in(302), method="post"),
    # The area team's list and letters: gebiedsteam of that stadsdeel only.
    Case(
        "wijken:adresverificaties",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
    ),
    Case(
        "wijken:adresverificaties",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].stadsdeel.slug},
        label="other stadsdeel",
    ),
    Case(
        "wijken:adresverificatie_brieven",
        only(STAFF, code=302),  # nothing left to print: back to the list
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
        method="post",
    ),
    Case(
        "wijken:adresverificatie_brieven",
        only(STAFF_ZUID, code=302),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].stadsdeel.slug},
        method="post",
        label="other stadsdeel",
    ),
    Case(
        "wijken:adresverificatie_balie",
        only(STAFF),
        kwargs=lambda ctx: {"pk": ctx["adresverificatie"].pk},
    ),
    Case(
        "wijken:adresverificatie_balie",
        only(STAFF),
        kwargs=lambda ctx: {"pk": ctx["adresverificatie"].pk},
        method="post",
        data=lambda ctx: {},  # not confirmed: the form again, nothing verified
    ),
    Case(
        "wijken:adresverificatie_balie",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"pk": ctx["adresverificatie_zuid"].pk},
        label="other stadsdeel",
    ),
]


def setup(ctx):
    from django.utils import timezone

    from tests.core.factories import make_user
    from tests.wijken.factories import make_pot
    from wijken.models import AdresVerificatie

    make_pot(ctx["wijk"], toegewezen=100_000)
    for key, w in (("adresverificatie", ctx["wijk"]), ("adresverificatie_zuid", ctx["other_wijk"])):
        adres = w.buurten.first().straten.first().adressen.order_by("pk").last()
        ctx[key] = AdresVerificatie.objects.create(
            user=make_user(),
            adres=adres,
            inwoner=adres.inwoners.first(),
            geboortejaar=adres.inwoners.first().geboortejaar,
            verstuurd_op=timezone.now(),  # letters printed: printing again finds nothing
            code_hash="0" * 64,
            methode=AdresVerificatie.Methode.BRIEF,
        )
