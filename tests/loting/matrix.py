"""Every loting URL for every role (see tests/permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import LOGIN, Case, everyone, only, signed_in

STAFF = ["gebiedsteam", "beheerder"]


def _l(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["loting"].pk}


def _o(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": ctx["loting"].orgaan_id}


CASES = [
    Case("loting:index", everyone()),
    Case("loting:detail", everyone(), kwargs=_l),
    Case("loting:bundel", everyone(), kwargs=lambda c: {"pk": c["loting"].pk, "soort": "selectie"}),
    Case("loting:verifieer", everyone(302), kwargs=_l, method="post"),
    Case(
        "loting:verificatie",
        everyone(),
        kwargs=lambda c: {"pk": c["loting"].pk, "vpk": c["verificatie"].pk},
    ),
    Case("loting:orgaan", everyone(), kwargs=_o),
    Case("loting:reageren", everyone()),
    Case("loting:reageren_code", everyone(), kwargs=lambda c: {"code": c["code"]}),
    Case(
        "loting:reageren_wissen",
        everyone(404),
        kwargs=lambda c: {"code": "AAAAABBBBB"},
        method="post",
        label="unknown",
    ),
    Case("loting:reageren_wissen", everyone(405), kwargs=lambda c: {"code": c["code"]}),
    Case("loting:bericht", everyone(), kwargs=lambda c: {"token": c["token"]}),
    Case("loting:mijn_gegevens_wissen", signed_in()),
    Case("loting:mijn_gegevens_wissen", signed_in(302), method="post"),
    Case("loting:beheer", only(["gebiedsteam", "gebiedsteam_elders", "beheerder"])),
    Case("loting:nieuw", only(STAFF), kwargs=lambda c: {"slug": c["wijk"].slug}),
    Case(
        "loting:nieuw",
        only(STAFF, 302),
        kwargs=lambda c: {"slug": c["wijk"].slug},
        method="post",
        data=lambda c: {
            "titel": "Nieuw",
            "doel": "cwr_raadsleden",
            "zetels": 6,
            "strata": "straat",
            "marge_procent": 15,
        },
    ),
    Case("loting:wizard", only(STAFF), kwargs=_l),
    Case(
        "loting:seed_vastleggen",
        only(STAFF, 302),
        kwargs=lambda c: {"pk": c["concept"].pk},
        method="post",
    ),
    Case(
        "loting:trekken", only(STAFF, 302), kwargs=lambda c: {"pk": c["concept"].pk}, method="post"
    ),
    Case("loting:voortgang", only(STAFF, 302), kwargs=_l),
    Case("loting:brieven", only(STAFF, 302), kwargs=_l, method="post"),
    Case("loting:brieven_pdf", only(STAFF), kwargs=_l),
    Case("loting:antwoorden", only(STAFF), kwargs=_l),
    Case(
        "loting:antwoord_invoeren",
        only(STAFF),
        kwargs=lambda c: {"pk": c["loting"].pk, "upk": c["open_uitnodiging"].pk},
    ),
    Case(
        "loting:antwoord_invoeren",
        only(STAFF, 302),
        kwargs=lambda c: {"pk": c["loting"].pk, "upk": c["open_uitnodiging"].pk},
        method="post",
        data=lambda c: {"antwoord": "nee", "via": "papier"},
    ),
    Case("loting:quota_versoepelen", only(STAFF, 302), kwargs=_l, method="post"),
    Case("loting:selecteren", only(STAFF, 302), kwargs=_l, method="post"),
    Case("loting:onthullen", only(STAFF, 302), kwargs=_l, method="post"),
    Case(
        "loting:zetel_beeindigen",
        only(STAFF, 302),
        kwargs=lambda c: {"pk": c["zetel"].pk},
        method="post",
        data=lambda c: {"status": "afgezegd"},
    ),
    Case(
        "loting:vacature_vullen",
        only(STAFF, 302),
        kwargs=lambda c: {"pk": c["zetel"].pk},
        method="post",
    ),
    Case("loting:orgaan_beheer", only(STAFF), kwargs=_o),
    Case(
        "loting:voorzitter",
        only(STAFF, 302),
        kwargs=_o,
        method="post",
        data=lambda c: {f"stemmen_{c['zetel'].pk}": 2},
    ),
    Case(
        "loting:vergoedingen",
        only(STAFF, 302),
        kwargs=_o,
        method="post",
        data=lambda c: {"maand": "2026-11"},
    ),
    Case("loting:vergoedingen_export", only(STAFF), kwargs=_o),
    Case("loting:rotatie", only(STAFF, 302), kwargs=_o, method="post"),
    Case(
        "loting:panel_bericht",
        only(STAFF, 302),
        kwargs=_o,
        method="post",
        data=lambda c: {"onderwerp": "Hallo", "tekst": "Test"},
    ),
]
assert LOGIN == 302


def setup(ctx: dict[str, Any]) -> None:
    from django.core.files.base import ContentFile

    from loting import services
    from loting.models import PanelBericht, PanelOntvanger, Verificatie, Zetel
    from tests.loting.factories import make_loting, selected_loting

    loting = selected_loting(ctx["wijk"], uitnodigingen=14)
    loting = services.seed_reveal(loting=loting)
    loting.brieven_pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    ctx["loting"] = loting
    ctx["concept"] = make_loting(ctx["wijk"], titel="Concept")
    ctx["verificatie"] = Verificatie.objects.create(loting=loting)
    ctx["zetel"] = Zetel.objects.filter(loting=loting).first()
    # One invited household without an answer yet, and one with a known code.
    open_u = loting.uitnodigingen.filter(soort="uitgenodigd").order_by("pk").last()
    open_u.antwoord = ""
    open_u.save()
    ctx["open_uitnodiging"] = open_u
    code = services.code_new()
    coded = (
        loting.uitnodigingen.filter(soort="uitgenodigd", uitkomst="").exclude(pk=open_u.pk).first()
    )
    coded.code_hash = services.code_hash(code)
    coded.save()
    ctx["code"] = services.code_normalise(code)
    bericht = PanelBericht.objects.create(orgaan=loting.orgaan, onderwerp="Peiling", tekst="Tekst")
    ctx["token"] = "matrix-token"
    PanelOntvanger.objects.create(
        bericht=bericht, zetel=ctx["zetel"], token_hash=services.token_hash("matrix-token")
    )
