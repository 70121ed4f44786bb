"""Mijn adres (residents link their account to an address) and the area team's
address verifications (letters by post, verification at the desk)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groningenmodel.permissions import permission_required

from . import selectors, services_adres
from .forms import AdresAanvraagForm, BalieForm, VerificatieCodeForm
from .models import MAX_POGINGEN, AdresVerificatie, Bewoner, Stadsdeel


def _stadsdeel(request: HttpRequest, slug: str, **kwargs: Any) -> Stadsdeel:
    return get_object_or_404(Stadsdeel, slug=slug)


def _verificatie(request: HttpRequest, pk: int, **kwargs: Any) -> AdresVerificatie:
    return get_object_or_404(
        AdresVerificatie.objects.select_related("adres__straat__buurt__wijk__stadsdeel", "user"),
        pk=pk,
    )


# --- the resident ---------------------------------------------------------------------------


def _mijn_adres_context(
    request: HttpRequest,
    *,
    form: AdresAanvraagForm | None = None,
    code_form: VerificatieCodeForm | None = None,
) -> dict[str, Any]:
    user: Any = request.user
    bewoner = (
        Bewoner.objects.filter(user=user)
        .select_related("adres__straat__buurt__wijk__stadsdeel")
        .first()
    )
    verificatie = (
        AdresVerificatie.objects.filter(user=user)
        .select_related("adres__straat__buurt__wijk__stadsdeel")
        .first()
    )
    code_mogelijk = bool(
        verificatie and verificatie.verstuurd_op and verificatie.code_hash
        and not verificatie.verlopen
    )  # fmt: skip
    return {
        "bewoner": bewoner if bewoner and bewoner.geverifieerd else None,
        "verificatie": verificatie,
        "form": form or AdresAanvraagForm(),
        "code_form": code_form or (VerificatieCodeForm() if code_mogelijk else None),
        "code_mogelijk": code_mogelijk,
        "pogingen_over": MAX_POGINGEN - verificatie.pogingen if verificatie else MAX_POGINGEN,
    }


@require_http_methods(["GET", "POST"])
@permission_required("wijken.mijn_adres")
def mijn_adres(request: HttpRequest) -> HttpResponse:
    """The resident's address: status, and a request to link the account to an address."""
    form = AdresAanvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            v = services_adres.adresverificatie_aanvragen(
                user=request.user,
                postcode=d["postcode"],
                huisnummer=d["huisnummer"],
                toevoeging=d["toevoeging"],
                geboortejaar=d["geboortejaar"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request,
                _(
                    "Your request for %(adres)s has been received. The area team will send "
                    "a letter with a code to this address."
                )
                % {"adres": v.adres},
            )
            return redirect("wijken:mijn_adres")
    return render(request, "wijken/mijn_adres.html", _mijn_adres_context(request, form=form))


@require_POST
@permission_required("wijken.mijn_adres")
def mijn_adres_code(request: HttpRequest) -> HttpResponse:
    code_form = VerificatieCodeForm(request.POST)
    if code_form.is_valid():
        try:
            bewoner = services_adres.adresverificatie_code_invoeren(
                user=request.user, code=code_form.cleaned_data["code"]
            )
        except ValidationError as exc:
            if exc.code in ("verlopen", "vervallen", "geen", "niet_verstuurd"):
                messages.error(request, exc.messages[0])
                return redirect("wijken:mijn_adres")
            for m in exc.messages:
                code_form.add_error("code", m)
        else:
            messages.success(
                request,
                _("Your address is verified: you are now a resident of %(wijk)s.")
                % {"wijk": bewoner.wijk.naam},
            )
            return redirect("wijken:mijn_adres")
    ctx = _mijn_adres_context(request, code_form=code_form)
    if ctx["verificatie"] is None:
        return redirect("wijken:mijn_adres")
    return render(request, "wijken/mijn_adres.html", ctx)


@require_POST
@permission_required("wijken.mijn_adres")
def mijn_adres_intrekken(request: HttpRequest) -> HttpResponse:
    if services_adres.adresverificatie_intrekken(user=request.user):
        messages.success(request, _("Your request has been cancelled."))
    else:
        messages.info(request, _("You have no open request."))
    return redirect("wijken:mijn_adres")


# --- the area team ----------------------------------------------------------------------------


def _status(v: AdresVerificatie) -> tuple[str, str]:
    """(key, text) of an open request for the area team's list."""
    if v.verstuurd_op is None:
        return "wacht", _("awaiting letter")
    if v.verlopen:
        return "verlopen", _("code expired")
    return "verstuurd", _("letter sent %(date)s") % {
        "date": timezone.localtime(v.verstuurd_op).strftime("%d-%m-%Y")
    }


@permission_required("wijken.adresverificaties", _stadsdeel)
def adresverificaties(request: HttpRequest, slug: str, obj: Stadsdeel) -> HttpResponse:
    wijken = list(obj.wijken.order_by("naam"))
    wijk = next((w for w in wijken if w.slug == request.GET.get("wijk")), None)
    rijen = [(v, *_status(v)) for v in selectors.adresverificaties_open(obj, wijk)]
    return render(
        request,
        "wijken/adresverificaties.html",
        {
            "stadsdeel": obj,
            "wijken": wijken,
            "gekozen_wijk": wijk,
            "rijen": rijen,
            "te_versturen": sum(1 for _v, key, _t in rijen if key == "wacht"),
        },
    )


@require_POST
@permission_required("wijken.adresverificaties", _stadsdeel)
def adresverificatie_brieven(request: HttpRequest, slug: str, obj: Stadsdeel) -> HttpResponse:
    """Print every unsent letter as one PDF (and mark them as sent)."""
    wijk = obj.wijken.filter(slug=request.POST.get("wijk", "")).first()
    try:
        pdf, n = services_adres.adresverificatie_brieven(
            stadsdeel=obj, door=request.user, wijk=wijk
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        url = reverse("wijken:adresverificaties", kwargs={"slug": obj.slug})
        return redirect(url + (f"?wijk={wijk.slug}" if wijk else ""))
    naam = f"adresverificatie-brieven-{obj.slug}-{timezone.localdate():%Y%m%d}.pdf"
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{naam}"'
    resp["X-Letters"] = str(n)
    return resp


@require_http_methods(["GET", "POST"])
@permission_required("wijken.adresverificatie_balie", _verificatie)
def adresverificatie_balie(request: HttpRequest, pk: int, obj: AdresVerificatie) -> HttpResponse:
    """Verify a request at the desk, after checking an identity document (confirmation)."""
    form = BalieForm(request.POST or None)
    terug = reverse("wijken:adresverificaties", kwargs={"slug": obj.wijk.stadsdeel.slug})
    if request.method == "POST" and form.is_valid():
        try:
            bewoner = services_adres.adresverificatie_balie(verificatie=obj, door=request.user)
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request,
                _("Verified at the desk: %(adres)s is now linked to the account.")
                % {"adres": bewoner.adres},
            )
            return redirect(terug)
    return render(
        request,
        "wijken/adresverificatie_balie.html",
        {"v": obj, "form": form, "terug": terug, "status": _status(obj)[1]},
    )
