from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groningenmodel.permissions import (
    can,
    gebiedsteam_stadsdeel_ids,
    is_beheerder,
    permission_required,
)
from groningenmodel.types import HtmxHttpRequest
from wijken.models import Wijk

from . import selectors, services
from .forms import (
    AntwoordForm,
    CodeForm,
    LotingForm,
    MaandForm,
    PanelBerichtForm,
    SeedForm,
    StaffAntwoordForm,
    ZetelEindeForm,
)
from .models import Loting, Orgaan, PanelOntvanger, Uitnodiging, Verificatie, Zetel


def _loting(request: HttpRequest, pk: int, **kw: Any) -> Loting:
    return get_object_or_404(Loting.objects.select_related("wijk", "orgaan"), pk=pk)


def _orgaan(request: HttpRequest, pk: int, **kw: Any) -> Orgaan:
    return get_object_or_404(Orgaan.objects.select_related("wijk"), pk=pk)


def _wijk(request: HttpRequest, slug: str, **kw: Any) -> Wijk:
    return get_object_or_404(Wijk, slug=slug)


def _zetel(request: HttpRequest, pk: int, **kw: Any) -> Zetel:
    return get_object_or_404(Zetel.objects.select_related("orgaan__wijk", "uitnodiging"), pk=pk)


def _uitnodiging(request: HttpRequest, pk: int, upk: int, **kw: Any) -> Uitnodiging:
    return get_object_or_404(
        Uitnodiging.objects.select_related("loting__wijk"), pk=upk, loting_id=pk
    )


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def wijk_section_context(request: HttpRequest, wijk: Wijk) -> dict[str, Any] | None:
    lotingen = list(selectors.public_lotingen(wijk)[:10])
    organen = list(
        wijk.organen.annotate(leden=Count("zetels", filter=Q(zetels__status=Zetel.Status.ACTIEF)))
    )
    if not lotingen and not organen and not can(request.user, "loting.manage", wijk):
        return None
    return {
        "lotingen": lotingen,
        "organen": organen,
        "beheer": can(request.user, "loting.manage", wijk),
    }


# --- public ------------------------------------------------------------------------------------


@require_GET
@permission_required("loting.view")
def index(request: HttpRequest) -> HttpResponse:
    lotingen = selectors.public_lotingen().order_by("wijk__naam", "-created")
    organen = Orgaan.objects.select_related("wijk").annotate(
        leden=Count("zetels", filter=Q(zetels__status=Zetel.Status.ACTIEF))
    )
    return render(
        request,
        "loting/index.html",
        {
            "lotingen": lotingen,
            "organen": organen,
            "is_staff": can(request.user, "loting.manage_any"),
        },
    )


@require_GET
@permission_required("loting.view", _loting)
def detail(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    loting = obj
    return render(
        request,
        "loting/detail.html",
        {
            "loting": loting,
            "strata": selectors.strata_table(loting),
            "totalen": selectors.totals(loting),
            "quota": selectors.quota_table(loting),
            "bundels": services.bundle_kinds(loting) if loting.seed_onthuld_op else [],
            "verificatie": loting.verificaties.first(),
            "vervangingen": (loting.selectie_rapport or {}).get("vervangingen", []),
            "kan_beheren": can(request.user, "loting.manage", loting),
        },
    )


@require_GET
@permission_required("loting.view", _loting)
def bundel(request: HttpRequest, pk: int, soort: str, obj: Loting) -> HttpResponse:
    if not obj.seed_onthuld_op:
        raise Http404
    data = obj.bundels.filter(soort=soort).values_list("data", flat=True).first()
    if data is None:
        raise Http404
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="loting-{obj.pk}-{soort}.json"'
    return response


@require_POST
@permission_required("loting.view", _loting)
def verifieer(request: HtmxHttpRequest, pk: int, obj: Loting) -> HttpResponse:
    try:
        v = services.verification_start(loting=obj)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("loting:detail", pk=obj.pk)
    if request.htmx:
        return render(request, "loting/detail.html#verificatie", {"loting": obj, "verificatie": v})
    return redirect("loting:verificatie", pk=obj.pk, vpk=v.pk)


@require_GET
@permission_required("loting.view", _loting)
def verificatie(request: HtmxHttpRequest, pk: int, vpk: int, obj: Loting) -> HttpResponse:
    v = get_object_or_404(Verificatie, pk=vpk, loting=obj)
    if request.htmx:
        return render(request, "loting/detail.html#verificatie", {"loting": obj, "verificatie": v})
    return render(request, "loting/verificatie.html", {"loting": obj, "verificatie": v})


@require_GET
@permission_required("loting.view", _orgaan)
def orgaan(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    return render(
        request,
        "loting/orgaan.html",
        {
            "orgaan": obj,
            "zetels": selectors.orgaan_zetels(obj),
            "lotingen": obj.lotingen.exclude(status=Loting.Status.CONCEPT),
            "voorzitterskeuze": obj.voorzitterskeuzes.select_related("gekozen").first(),
            "vacatures_bewoners": services.orgaan_vacatures(obj),
            "vacatures_raad": services.orgaan_vacatures(obj, raadsleden=True),
            "kan_beheren": can(request.user, "loting.manage", obj),
            "per_buurt": obj.zetels.filter(status=Zetel.Status.ACTIEF)
            .values("uitnodiging__buurt__naam")
            .annotate(n=Count("pk"))
            .order_by("uitnodiging__buurt__naam"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("loting.respond")
def reageren(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        u = services.uitnodiging_by_code(form.cleaned_data["code"])
        if u is not None:
            return redirect(
                "loting:reageren_code", code=services.code_normalise(form.cleaned_data["code"])
            )
        form.add_error("code", _("We do not know this code. Check it and try again."))
    return render(request, "loting/reageren.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permission_required("loting.respond")
def reageren_code(request: HttpRequest, code: str) -> HttpResponse:
    u = services.uitnodiging_by_code(code)
    if u is None:
        raise Http404
    initial = {
        "antwoord": u.antwoord or None,
        "leeftijdsgroep": u.leeftijdsgroep,
        "geslacht": u.geslacht,
        "email": u.email,
        "toestemming": u.toestemming,
    }
    form = AntwoordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                uitnodiging=u,
                via=Uitnodiging.Via.ONLINE,
                respondent=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Thank you: your answer has been saved."))
            return redirect("loting:reageren_code", code=services.code_normalise(code))
    return render(
        request,
        "loting/reageren_code.html",
        {"u": u, "form": form, "code": services.code_normalise(code)},
    )


@require_POST
@permission_required("loting.respond")
def reageren_wissen(request: HttpRequest, code: str) -> HttpResponse:
    u = services.uitnodiging_by_code(code)
    if u is None:
        raise Http404
    services.uitnodiging_erase(
        uitnodiging=u, user=request.user if request.user.is_authenticated else None
    )
    messages.success(request, _("What we held about you for this lottery has been erased."))
    return redirect("loting:reageren")


@require_http_methods(["GET", "POST"])
@permission_required("loting.own_data")
def mijn_gegevens_wissen(request: HttpRequest) -> HttpResponse:
    """What the loting app holds about the signed-in person, and a button to erase it."""
    from .privacy import _loting, uitnodigingen_van

    if request.method == "GET":
        return render(request, "loting/mijn_gegevens.html", {"rijen": _loting(request.user)})
    n = 0
    for u in uitnodigingen_van(request.user).filter(soort=Uitnodiging.Soort.UITGENODIGD):
        services.uitnodiging_erase(uitnodiging=u, user=request.user)
        n += 1
    messages.success(request, _("Erased: %(n)s lottery answers.") % {"n": n})
    return redirect("mijn_gegevens")


@require_GET
@permission_required("loting.respond")
def bericht(request: HttpRequest, token: str) -> HttpResponse:
    o = (
        PanelOntvanger.objects.select_related("bericht__orgaan")
        .filter(token_hash=services.token_hash(token))
        .first()
    )
    if o is None:
        raise Http404
    if o.geopend_op is None:
        PanelOntvanger.objects.filter(pk=o.pk).update(geopend_op=timezone.now())
    return render(request, "loting/bericht.html", {"bericht": o.bericht})


# --- staff -----------------------------------------------------------------------------------------


@require_GET
@permission_required("loting.manage_any")
def beheer(request: HttpRequest) -> HttpResponse:
    wijken = Wijk.objects.select_related("stadsdeel").order_by("naam")
    if not is_beheerder(request.user):
        wijken = wijken.filter(stadsdeel_id__in=gebiedsteam_stadsdeel_ids(request.user))
    wijken = wijken.prefetch_related(
        Prefetch("lotingen", queryset=Loting.objects.select_related("orgaan").order_by("-created"))
    )
    return render(request, "loting/beheer.html", {"wijken": wijken})


@require_http_methods(["GET", "POST"])
@permission_required("loting.manage", _wijk)
def nieuw(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    initial: dict[str, Any] = {"doel": request.GET.get("doel", Loting.Doel.CWR_BEWONERS)}
    if request.GET.get("zetels", "").isdigit():
        initial["zetels"] = int(request.GET["zetels"])
    form = LotingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            loting = services.loting_create(
                wijk=obj,
                user=request.user,
                **{
                    **form.cleaned_data,
                    "aantal_uitnodigingen": form.cleaned_data["aantal_uitnodigingen"] or 0,
                },
            )
        except ValidationError as exc:
            for field, errs in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("Lottery created. Next step: commit the seed."))
            return redirect("loting:wizard", pk=loting.pk)
    return render(request, "loting/nieuw.html", {"wijk": obj, "form": form})


STAPPEN = [
    (Loting.Status.CONCEPT, "Strata and quotas"),
    (Loting.Status.VASTGELEGD, "Seed committed"),
    (Loting.Status.UITGENODIGD, "Invitations drawn"),
    (Loting.Status.GESELECTEERD, "Selection"),
    (Loting.Status.ONTHULD, "Seed revealed"),
]


@require_GET
@permission_required("loting.manage", _loting)
def wizard(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    return render(request, "loting/wizard.html", _wizard(obj))


def _wizard(loting: Loting) -> dict[str, Any]:
    return {
        "loting": loting,
        "quota": selectors.quota_table(loting),
        "totalen": selectors.totals(loting),
        "seed_form": SeedForm(),
        "relaxaties": (loting.selectie_rapport or {}).get("relaxaties", []),
        "leden": Zetel.objects.filter(loting=loting)
        .select_related("uitnodiging__buurt", "uitnodiging__raadslid")
        .annotate(n_vervangers=Count("vervangers"))
        .order_by("pk"),
        "einde_form": ZetelEindeForm(),
    }


@require_POST
@permission_required("loting.manage", _loting)
def seed_vastleggen(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            services.seed_commit(loting=obj, user=request.user, seed=form.cleaned_data["seed"])
            messages.success(request, _("The seed is committed; its hash is now public."))
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("loting:wizard", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _loting)
def trekken(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    try:
        services.draw_start(loting=obj, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("loting:wizard", pk=obj.pk)


@require_GET
@permission_required("loting.manage", _loting)
def voortgang(request: HtmxHttpRequest, pk: int, obj: Loting) -> HttpResponse:
    if request.htmx:
        response = render(request, "loting/wizard.html#voortgang", {"loting": obj})
        if not obj.taak_loopt:
            response["HX-Refresh"] = "true"  # the task ended: show the next step
        return response
    return redirect("loting:wizard", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _loting)
def brieven(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    try:
        services.letters_start(loting=obj, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("loting:wizard", pk=obj.pk)


@require_GET
@permission_required("loting.manage", _loting)
def brieven_pdf(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    if not obj.brieven_pdf:
        raise Http404
    return FileResponse(  # type: ignore[return-value]
        obj.brieven_pdf.open("rb"),
        as_attachment=True,
        filename=f"brieven-loting-{obj.pk}.pdf",
        content_type="application/pdf",
    )


@require_GET
@permission_required("loting.manage", _loting)
def antwoorden(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    qs = obj.uitnodigingen.filter(soort=Uitnodiging.Soort.UITGENODIGD).select_related(
        "adres__straat"
    )
    filter_ = request.GET.get("antwoord", "")
    if filter_ in ("ja", "nee"):
        qs = qs.filter(antwoord=filter_)
    elif filter_ == "open":
        qs = qs.filter(antwoord="")
    page = Paginator(qs.order_by("stratum", "volgorde"), 50).get_page(request.GET.get("pagina"))
    return render(
        request, "loting/antwoorden.html", {"loting": obj, "page": page, "filter": filter_}
    )


@require_http_methods(["GET", "POST"])
@permission_required("loting.manage", _uitnodiging)
def antwoord_invoeren(request: HttpRequest, pk: int, upk: int, obj: Uitnodiging) -> HttpResponse:
    form = StaffAntwoordForm(request.POST or None, initial={"via": Uitnodiging.Via.PAPIER})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        via = data.pop("via")
        try:
            services.response_record(uitnodiging=obj, via=via, user=request.user, **data)
        except ValidationError as exc:
            for field, errs in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("The answer has been recorded."))
            return redirect("loting:antwoorden", pk=obj.loting_id)
    return render(
        request, "loting/antwoord_invoeren.html", {"u": obj, "loting": obj.loting, "form": form}
    )


@require_POST
@permission_required("loting.manage", _loting)
def quota_versoepelen(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    n = services.quota_relax(loting=obj, user=request.user)
    messages.success(request, _("%(n)s quotas relaxed.") % {"n": n})
    return redirect("loting:wizard", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _loting)
def selecteren(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    try:
        services.selection_start(loting=obj, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("loting:wizard", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _loting)
def onthullen(request: HttpRequest, pk: int, obj: Loting) -> HttpResponse:
    try:
        services.seed_reveal(loting=obj, user=request.user)
        messages.success(request, _("The seed is public: anyone can now verify the draw."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("loting:wizard", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _zetel)
def zetel_beeindigen(request: HttpRequest, pk: int, obj: Zetel) -> HttpResponse:
    form = ZetelEindeForm(request.POST)
    if form.is_valid():
        try:
            nieuw = services.zetel_end(
                zetel=obj, status=form.cleaned_data["status"], user=request.user
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            if nieuw is not None:
                messages.success(request, _("A replacement from the same stratum has been drawn."))
            else:
                messages.warning(
                    request,
                    _(
                        "Nobody from the same stratum said yes: the next household on its reserve list is invited. Make its letter."
                    ),
                )
    nxt = request.POST.get("next", "")
    if nxt == "wizard":
        return redirect("loting:wizard", pk=obj.loting_id)
    return redirect("loting:orgaan_beheer", pk=obj.orgaan_id)


@require_POST
@permission_required("loting.manage", _zetel)
def vacature_vullen(request: HttpRequest, pk: int, obj: Zetel) -> HttpResponse:
    try:
        nieuw = services.vacature_vullen(zetel=obj, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if nieuw is None:
            messages.warning(request, _("Still nobody from the same stratum who said yes."))
        else:
            messages.success(request, _("A replacement from the same stratum has been drawn."))
    return redirect("loting:wizard", pk=obj.loting_id)


@require_GET
@permission_required("loting.manage", _orgaan)
def orgaan_beheer(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    leden = list(
        obj.zetels.filter(status=Zetel.Status.ACTIEF).select_related(
            "uitnodiging__buurt", "uitnodiging__raadslid"
        )
    )
    return render(
        request,
        "loting/orgaan_beheer.html",
        {
            "orgaan": obj,
            "leden": leden,
            "eerder": obj.zetels.exclude(status=Zetel.Status.ACTIEF).select_related(
                "uitnodiging__buurt", "uitnodiging__raadslid"
            ),
            "vergoedingen": obj.zetels.filter(vergoedingen__isnull=False)
            .values("vergoedingen__maand")
            .annotate(n=Count("vergoedingen"))
            .order_by("-vergoedingen__maand")[:12],
            "maand_form": MaandForm(initial={"maand": timezone.localdate().replace(day=1)}),
            "einde_form": ZetelEindeForm(),
            "bericht_form": PanelBerichtForm(),
            "berichten": obj.berichten.all()[:10],
            "vacatures_bewoners": services.orgaan_vacatures(obj),
            "vacatures_raad": services.orgaan_vacatures(obj, raadsleden=True),
        },
    )


@require_POST
@permission_required("loting.manage", _orgaan)
def voorzitter(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    stemmen: dict[int, int] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith("stemmen_") and value.strip():
            try:
                stemmen[int(key.removeprefix("stemmen_"))] = int(value)
            except ValueError:
                messages.error(request, _("Enter whole numbers."))
                return redirect("loting:orgaan_beheer", pk=obj.pk)
    try:
        keuze = services.voorzitter_kiezen(orgaan=obj, stemmen=stemmen, user=request.user)
        messages.success(
            request,
            _("Chair elected: %(naam)s.")
            % {"naam": keuze.gekozen.naam or keuze.gekozen.uitnodiging.pseudoniem},
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("loting:orgaan_beheer", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _orgaan)
def vergoedingen(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    form = MaandForm(request.POST)
    if form.is_valid():
        try:
            n = services.vergoedingen_vastleggen(
                orgaan=obj, maand=form.cleaned_data["maand"], user=request.user
            )
            messages.success(request, _("%(n)s allowances recorded.") % {"n": n})
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Choose a month."))
    return redirect("loting:orgaan_beheer", pk=obj.pk)


@require_GET
@permission_required("loting.manage", _orgaan)
def vergoedingen_export(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    from .models import Vergoeding

    header = [_("body"), _("seat"), _("member"), _("role"), _("month"), _("amount (EUR)")]
    rows = [
        [
            obj.naam,
            v.zetel_id,
            v.zetel.weergavenaam or v.zetel.uitnodiging.pseudoniem,
            v.zetel.get_rol_display(),
            f"{v.maand:%Y-%m}",
            f"{v.bedrag_cents / 100:.2f}",
        ]
        for v in Vergoeding.objects.filter(zetel__orgaan=obj)
        .select_related("zetel__uitnodiging")
        .order_by("maand", "zetel_id")
    ]
    if request.GET.get("formaat") == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.create_sheet("vergoedingen", 0)
        del wb["Sheet"]
        ws.append([str(h) for h in header])
        for r in rows:
            ws.append([*r[:5], float(str(r[5]))])
        buf = io.BytesIO()
        wb.save(buf)
        resp = HttpResponse(
            buf.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        resp["Content-Disposition"] = f'attachment; filename="vergoedingen-{obj.pk}.xlsx"'
        return resp
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([str(h) for h in header])
    w.writerows(rows)
    resp = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="vergoedingen-{obj.pk}.csv"'
    return resp


@require_POST
@permission_required("loting.manage", _orgaan)
def rotatie(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    n = services.orgaan_rotate(orgaan=obj, user=request.user)
    messages.success(
        request, _("%(n)s terms ended. Start a new lottery to fill the seats.") % {"n": n}
    )
    return redirect("loting:orgaan_beheer", pk=obj.pk)


@require_POST
@permission_required("loting.manage", _orgaan)
def panel_bericht(request: HttpRequest, pk: int, obj: Orgaan) -> HttpResponse:
    form = PanelBerichtForm(request.POST)
    if form.is_valid():
        try:
            b = services.panel_bericht_send(orgaan=obj, user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Message sent: %(email)s by e-mail, %(papier)s to send on paper.")
                % {"email": b.per_email, "papier": b.op_papier},
            )
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Write a subject and a text."))
    return redirect("loting:orgaan_beheer", pk=obj.pk)
