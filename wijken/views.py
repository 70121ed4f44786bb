from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groningenmodel.audit import audit_history
from groningenmodel.permissions import can, gebiedsteam_stadsdeel_ids, permission_required
from groningenmodel.sections import wijk_sections
from groningenmodel.types import HtmxHttpRequest

from . import selectors, services
from .charts import Reeks, balkgrafiek, lijngrafiek, staafgrafiek
from .forms import PROFIEL_FORMS, BoekingForm, BudgetpotForm, UploadForm
from .geld import euro
from .imports import adressen_import, kompas_import
from .models import Boeking, Stadsdeel, Wijk


def _wijk(request: HttpRequest, slug: str, **kwargs: Any) -> Wijk:
    return get_object_or_404(Wijk.objects.select_related("stadsdeel"), slug=slug)


def _stadsdeel(request: HttpRequest, slug: str, **kwargs: Any) -> Stadsdeel:
    return get_object_or_404(Stadsdeel, slug=slug)


# --- geography and profiles -----------------------------------------------------------


@permission_required("wijken.view")
def wijk_lijst(request: HttpRequest) -> HttpResponse:
    stadsdelen = Stadsdeel.objects.prefetch_related(
        Prefetch("wijken", queryset=Wijk.objects.order_by("naam"))
    )
    return render(
        request,
        "wijken/lijst.html",
        {"stadsdelen": stadsdelen, "mijn_stadsdelen": gebiedsteam_stadsdeel_ids(request.user)},
    )


def _fmt_indicator(ind: Any) -> Any:
    from django.utils.formats import number_format

    def fmt(v: float) -> str:
        return number_format(v, decimal_pos=ind.decimalen, use_l10n=True, force_grouping=True)

    return fmt


def _kompas(wijk: Wijk) -> list[dict[str, Any]]:
    out = []
    for k in selectors.kompas_voor_wijk(wijk):
        ind = k.indicator
        eenheid = f" ({ind.eenheid})" if ind.eenheid else ""
        eerste, laatste = k.rijen[0], k.rijen[-1]
        beschrijving = _(
            "%(name)s in %(wijk)s from %(y0)s to %(y1)s: %(v0)s to %(v1)s; city average "
            "in %(y1)s: %(s1)s."
        ) % {
            "name": ind.label,
            "wijk": wijk.naam,
            "y0": eerste.jaar,
            "y1": laatste.jaar,
            "v0": _fmt_indicator(ind)(float(eerste.wijk)) if eerste.wijk is not None else "—",
            "v1": _fmt_indicator(ind)(float(laatste.wijk)) if laatste.wijk is not None else "—",
            "s1": _fmt_indicator(ind)(float(laatste.stad)) if laatste.stad is not None else "—",
        }
        svg = lijngrafiek(
            id=f"kompas-{ind.code}",
            titel=f"{ind.label}{eenheid}: {wijk.naam} " + _("and the city average"),
            beschrijving=beschrijving,
            reeksen=[
                Reeks(wijk.naam, [(r.jaar, r.wijk) for r in k.rijen]),
                Reeks(
                    _("City average"),
                    [(r.jaar, r.stad) for r in k.rijen],
                    kleur="#3d4a57",
                    gestreept=True,
                ),
            ],
            fmt=_fmt_indicator(ind),
        )
        verschil = None
        if laatste.wijk is not None and laatste.stad is not None:
            verschil = laatste.wijk - laatste.stad
        oordeel = None
        if verschil and ind.hoger_is_beter is not None:
            oordeel = "beter" if (verschil > 0) == ind.hoger_is_beter else "slechter"
        out.append(
            {
                "indicator": ind,
                "rijen": k.rijen,
                "svg": svg,
                "verschil": verschil,
                "oordeel": oordeel,
            }
        )
    return out


def _detail_context(request: HttpRequest, wijk: Wijk) -> dict[str, Any]:
    return {
        "wijk": wijk,
        "kan_bewerken": can(request.user, "wijken.edit_profiel", wijk),
        "kan_boeken": can(request.user, "wijken.book", wijk),
    }


@permission_required("wijken.view", _wijk)
def wijk_detail(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    wijk = obj
    ctx = _detail_context(request, wijk)
    ctx.update(
        {
            "buurten": wijk.buurten.all(),
            "sections": wijk_sections(request, wijk),
            "kompas": _kompas(wijk),
            "gebiedsteam": wijk.stadsdeel,
            "saldo": selectors.saldo_wijk(wijk),
            "laatst_gewijzigd": audit_history(wijk).filter(action="wijken.profiel_update").first(),
        }
    )
    return render(request, "wijken/detail.html", ctx)


@require_http_methods(["GET", "POST"])
@permission_required("wijken.edit_profiel", _wijk)
def profiel_bewerken(request: HtmxHttpRequest, slug: str, deel: str, obj: Wijk) -> HttpResponse:
    """Inline (htmx) editing of the DNA or the SWOT; a full page without JavaScript."""
    wijk = obj
    form_class = PROFIEL_FORMS.get(deel)
    if form_class is None:
        raise Http404
    partial = "dna" if deel == "dna" else "swot"
    if request.method == "GET" and "annuleren" in request.GET:
        if request.htmx:
            return render(request, f"wijken/detail.html#{partial}", _detail_context(request, wijk))
        return redirect(wijk)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            gewijzigd = services.wijk_profiel_update(
                wijk=wijk, door=request.user, **form.cleaned_data
            )
            wijk.refresh_from_db()
            if request.htmx:
                ctx = _detail_context(request, wijk)
                ctx["opgeslagen"] = bool(gewijzigd)
                return render(request, f"wijken/detail.html#{partial}", ctx)
            messages.success(request, _("The profile has been saved."))
            return redirect(wijk)
    else:
        form = form_class(initial={f: getattr(wijk, f) for f in form_class.base_fields})
    ctx = {"wijk": wijk, "form": form, "deel": deel}
    if request.htmx:
        return render(request, "wijken/profiel_bewerken.html#formulier", ctx)
    return render(request, "wijken/profiel_bewerken.html", ctx)


@permission_required("wijken.view_history", _wijk)
def profiel_geschiedenis(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    entries = audit_history(obj).filter(action__startswith="wijken.")[:200]
    return render(request, "wijken/geschiedenis.html", {"wijk": obj, "entries": entries})


# --- open budget ------------------------------------------------------------------------


def _begroting_context(wijk: Wijk, pagina: str | None) -> dict[str, Any]:
    potten = selectors.potten_met_saldo(wijk)
    totaal = sum((s for _p, s in potten), selectors.Saldo())
    jaren, reeksen = selectors.uitgaven_per_categorie_per_jaar(wijk)
    svg = staafgrafiek(
        id="uitgaven",
        titel=_("Spending in %(wijk)s by category and year") % {"wijk": wijk.naam},
        beschrijving=_("Stacked bars per year; the table below gives every amount."),
        groepen=[str(j) for j in jaren],
        reeksen=[(label, [c / 100 for c in vals]) for label, vals in reeksen],
        fmt=lambda v: euro(int(v * 100), decimals=False),
    )
    boekingen = (
        Boeking.objects.filter(pot__wijk=wijk).select_related("pot").order_by("-datum", "-id")
    )
    page = Paginator(boekingen, 50).get_page(pagina)
    return {
        "wijk": wijk,
        "potten": potten,
        "totaal": totaal,
        "per_inwoner": totaal.toegewezen // wijk.inwoners if wijk.inwoners else None,
        "jaren": jaren,
        "reeksen": reeksen,
        "reeks_totalen": [sum(v[i] for _l, v in reeksen) for i in range(len(jaren))],
        "svg": svg,
        "page": page,
    }


@permission_required("wijken.view", _wijk)
def begroting(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    ctx = _begroting_context(obj, request.GET.get("pagina"))
    ctx["kan_boeken"] = can(request.user, "wijken.book", obj)
    return render(request, "wijken/begroting.html", ctx)


EXPORT_KOLOMMEN = [
    ("id", "nr"),
    ("datum", "datum"),
    ("pot", "pot"),
    ("pot_soort", "soort pot"),
    ("soort", "soort boeking"),
    ("categorie", "categorie"),
    ("omschrijving", "omschrijving"),
    ("bron", "oorzaak"),
    ("reden", "reden"),
    ("bedrag", "bedrag (EUR)"),
    ("toegewezen", "effect toegewezen (EUR)"),
    ("verplicht", "effect verplicht (EUR)"),
    ("uitgegeven", "effect uitgegeven (EUR)"),
    ("verplichting", "bij verplichting"),
    ("corrigeert", "corrigeert"),
    ("geboekt_door", "geboekt door"),
]


def _export_rijen(wijk: Wijk) -> list[list[Any]]:
    from decimal import Decimal

    def eur(c: int) -> Decimal:
        return Decimal(c) / 100

    out = []
    for b in Boeking.objects.filter(pot__wijk=wijk).select_related("pot").order_by("datum", "id"):
        out.append(
            [
                b.pk,
                b.datum,
                b.pot.naam,
                b.pot.get_soort_display(),
                b.get_soort_display(),
                b.get_categorie_display(),
                b.omschrijving,
                b.bron_label,
                b.reden,
                eur(b.bedrag_centen),
                eur(b.delta_toegewezen),
                eur(b.delta_verplicht),
                eur(b.delta_uitgegeven),
                b.verplichting_id or "",
                b.corrigeert_id or "",
                b.namens_display,
            ]
        )
    return out


@permission_required("wijken.view", _wijk)
def begroting_export(request: HttpRequest, slug: str, formaat: str, obj: Wijk) -> HttpResponse:
    """All entries of the wijk as CSV or XLSX (no personal data: the team, not a name)."""
    wijk = obj
    rijen = _export_rijen(wijk)
    kop = [k for _key, k in EXPORT_KOLOMMEN]
    naam = f"begroting-{wijk.slug}"
    if formaat == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";")
        w.writerow(kop)
        for r in rijen:
            w.writerow(
                [
                    f"{v:.2f}".replace(".", ",") if k in (9, 10, 11, 12) else v
                    for k, v in enumerate(r)
                ]
            )
        resp = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
        return resp
    if formaat == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Boekingen"
        ws.append(kop)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rijen:
            ws.append(r)
        for row in ws.iter_rows(min_row=2, min_col=10, max_col=13):
            for cell in row:
                cell.number_format = "#,##0.00"
        ws2 = wb.create_sheet("Potten")
        ws2.append(["pot", "soort", "periode", "toegewezen", "verplicht", "uitgegeven", "vrij"])
        for pot, s in selectors.potten_met_saldo(wijk):
            ws2.append(
                [
                    pot.naam,
                    pot.get_soort_display(),
                    f"{pot.periode_start} – {pot.periode_eind}",
                    s.toegewezen / 100,
                    s.verplicht / 100,
                    s.uitgegeven / 100,
                    s.vrij / 100,
                ]
            )
        buf2 = io.BytesIO()
        wb.save(buf2)
        resp = HttpResponse(
            buf2.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
        return resp
    raise Http404


@require_http_methods(["GET", "POST"])
@permission_required("wijken.book", _wijk)
def boeken(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    wijk = obj
    initial: dict[str, Any] = {}
    for key in ("soort", "verplichting", "corrigeert", "pot"):
        if key in request.GET:
            initial[key] = request.GET[key]
    form = BoekingForm(request.POST or None, wijk=wijk, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        S = Boeking.Soort
        common = {"door": request.user, "datum": d["datum"]}
        try:
            if d["soort"] == S.TOEWIJZING:
                b = services.boeking_toewijzing(
                    pot=d["pot"], bedrag_centen=d["bedrag"], omschrijving=d["omschrijving"],
                    bron_label=d["bron_label"], reden=d["reden"], **common,
                )  # fmt: skip
            elif d["soort"] == S.VERPLICHTING:
                b = services.boeking_verplichting(
                    pot=d["pot"], bedrag_centen=d["bedrag"], omschrijving=d["omschrijving"],
                    bron_label=d["bron_label"], reden=d["reden"], categorie=d["categorie"],
                    totale_kosten_centen=d["totale_kosten"],
                    partnerbijdrage_centen=d["partnerbijdrage"], **common,
                )  # fmt: skip
            elif d["soort"] == S.UITGAVE:
                b = services.boeking_uitgave(
                    pot=None if d["verplichting"] else d["pot"], verplichting=d["verplichting"],
                    bedrag_centen=d["bedrag"], omschrijving=d["omschrijving"],
                    bron_label=d["bron_label"], reden=d["reden"],
                    categorie=d["categorie"] if not d["verplichting"] else None, **common,
                )  # fmt: skip
            elif d["soort"] == S.VRIJVAL:
                b = services.boeking_vrijval(
                    verplichting=d["verplichting"], bedrag_centen=d["bedrag"], reden=d["reden"],
                    **common,
                )  # fmt: skip
            else:
                b = services.boeking_correctie(
                    boeking=d["corrigeert"], bedrag_centen=d["bedrag"], reden=d["reden"], **common
                )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request,
                _("Booked: entry #%(id)s, %(kind)s of %(amount)s.")
                % {"id": b.pk, "kind": b.get_soort_display(), "amount": euro(b.bedrag_centen)},
            )
            return redirect(reverse("wijken:begroting", kwargs={"slug": wijk.slug}) + "#boekingen")
    potten = selectors.potten_met_saldo(wijk)
    return render(request, "wijken/boeken.html", {"wijk": wijk, "form": form, "potten": potten})


@require_http_methods(["GET", "POST"])
@permission_required("wijken.book", _wijk)
def pot_nieuw(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    wijk = obj
    form = BudgetpotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            from django.db import transaction

            with transaction.atomic():
                pot = services.budgetpot_create(
                    wijk=wijk, soort=d["soort"], naam=d["naam"], bron=d["bron"],
                    periode_start=d["periode_start"], periode_eind=d["periode_eind"],
                    bedrag_per_inwoner_centen=d["bedrag_per_inwoner"],
                    max_toekenning_centen=d["max_toekenning"],
                    max_aandeel_gemeente_procent=d["max_aandeel_gemeente_procent"],
                    door=request.user,
                )  # fmt: skip
                if pot.bedrag_per_inwoner_centen:
                    services.budgetpot_toewijzen_per_inwoner(
                        pot=pot, door=request.user, datum=pot.periode_start
                    )
                if d["toewijzing"]:
                    services.boeking_toewijzing(
                        pot=pot, bedrag_centen=d["toewijzing"], door=request.user,
                        omschrijving=_("Allocation at the start"), datum=pot.periode_start,
                    )  # fmt: skip
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("Budget pot “%(name)s” created.") % {"name": pot.naam})
            return redirect(pot)
    return render(request, "wijken/pot_nieuw.html", {"wijk": wijk, "form": form})


@permission_required("wijken.view")
def begroting_stad(request: HttpRequest) -> HttpResponse:
    """City overview: every wijk's budget per inhabitant and spent share."""
    per_wijk = selectors.saldi_per_wijk()
    per_sd = selectors.saldi_per_stadsdeel()
    stadsdelen: list[dict[str, Any]] = []
    for sd in Stadsdeel.objects.prefetch_related(
        Prefetch("wijken", queryset=Wijk.objects.order_by("naam"))
    ):
        rijen: list[dict[str, Any]] = []
        inwoners = 0
        for w in sd.wijken.all():
            s = per_wijk.get(w.pk, selectors.Saldo())
            inwoners += w.inwoners
            rijen.append(
                {
                    "wijk": w,
                    "saldo": s,
                    "per_inwoner": s.toegewezen // w.inwoners if w.inwoners else None,
                }
            )
        s_sd = per_sd.get(sd.pk, selectors.Saldo())
        stadsdelen.append(
            {"sd": sd, "rijen": rijen, "saldo": s_sd, "inwoners": inwoners,
             "per_inwoner": s_sd.toegewezen // inwoners if inwoners else None}
        )  # fmt: skip
    stad = sum(per_sd.values(), selectors.Saldo())
    inwoners_stad = sum(s["inwoners"] for s in stadsdelen)
    alle = sorted(
        (r for s in stadsdelen for r in s["rijen"] if r["per_inwoner"] is not None),
        key=lambda r: -r["per_inwoner"],
    )
    svg = balkgrafiek(
        id="per-inwoner",
        titel=_("Budget per inhabitant per neighbourhood"),
        beschrijving=_(
            "Allocated euros per inhabitant, highest first; the tables give every number."
        ),
        rijen=[(r["wijk"].naam, r["per_inwoner"] / 100) for r in alle],
        fmt=lambda v: euro(int(round(v * 100))),
    )
    return render(
        request,
        "wijken/begroting_stad.html",
        {
            "stadsdelen": stadsdelen,
            "stad": stad,
            "inwoners": inwoners_stad,
            "per_inwoner": stad.toegewezen // inwoners_stad if inwoners_stad else None,
            "svg": svg,
        },
    )


# --- imports ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("wijken.import_adressen", _stadsdeel)
def adressen_upload(request: HttpRequest, slug: str, obj: Stadsdeel) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    resultaat = None
    if request.method == "POST" and form.is_valid():
        dry_run = "importeren" not in request.POST
        resultaat = adressen_import(
            bestand=form.cleaned_data["bestand"], stadsdeel=obj, dry_run=dry_run, door=request.user
        )
        if resultaat.opgeslagen:
            messages.success(request, _("Imported %(n)s rows.") % {"n": resultaat.rijen})
    return render(
        request,
        "wijken/upload.html",
        {
            "form": form,
            "resultaat": resultaat,
            "titel": _("Import addresses for stadsdeel %(sd)s") % {"sd": obj.naam},
            "soort": "adressen",
            "stadsdeel": obj,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("wijken.import_kompas")
def kompas_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    resultaat = None
    if request.method == "POST" and form.is_valid():
        dry_run = "importeren" not in request.POST
        resultaat = kompas_import(
            bestand=form.cleaned_data["bestand"], dry_run=dry_run, door=request.user
        )
        if resultaat.opgeslagen:
            messages.success(request, _("Imported %(n)s rows.") % {"n": resultaat.rijen})
    return render(
        request,
        "wijken/upload.html",
        {
            "form": form,
            "resultaat": resultaat,
            "titel": _("Import wijkkompas figures"),
            "soort": "kompas",
        },
    )
