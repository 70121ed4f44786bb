from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms import Form, ModelForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groningenmodel.permissions import can, is_bewoner, permission_required, staff_of_wijk
from groningenmodel.types import HtmxHttpRequest
from wijken.models import Wijk

from . import selectors, services
from .forms import (
    AanvraagForm,
    AntwoordForm,
    BeoordeelForm,
    BesluitForm,
    IdeeForm,
    InstellingenForm,
    MeldenForm,
    ModereerForm,
    ReactieForm,
    RondeForm,
    StapForm,
    UitslagForm,
    UpdateForm,
)
from .models import (
    FASE_START_VELD,
    FASE_VOLGORDE,
    Aanvraag,
    AanvraagSoort,
    Fase,
    Idee,
    IdeeStatus,
    Reactie,
    Ronde,
    Steun,
    fase_index,
)

Request = HtmxHttpRequest


def _errors(form: Form | ModelForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc)


def _wijk(request: Request, slug: str) -> Wijk:
    return get_object_or_404(Wijk.objects.select_related("stadsdeel"), slug=slug)


def _ronde(request: Request, pk: int) -> Ronde:
    return get_object_or_404(Ronde.objects.select_related("wijk__stadsdeel"), pk=pk)


def _idee(request: Request, pk: int) -> Idee:
    return get_object_or_404(
        Idee.objects.select_related("ronde__wijk__stadsdeel", "indiener"), pk=pk
    )


def _reactie(request: Request, pk: int) -> Reactie:
    return get_object_or_404(Reactie.objects.select_related("idee__ronde__wijk__stadsdeel"), pk=pk)


def _aanvraag(request: Request, pk: int) -> Aanvraag:
    return get_object_or_404(Aanvraag.objects.select_related("wijk__stadsdeel", "aanvrager"), pk=pk)


# --- overview and rounds ----------------------------------------------------------


@permission_required("stemmen.view")
def index(request: Request) -> HttpResponse:
    rondes = (
        Ronde.objects.zichtbaar()
        .select_related("wijk")
        .annotate(aantal_ideeen=Count("ideeen"))
        .order_by("-indienen_vanaf")
    )
    eigen_wijk = None
    if request.user.is_authenticated:
        from groningenmodel.permissions import bewoner_wijk_id

        wid = bewoner_wijk_id(request.user)
        eigen_wijk = Wijk.objects.filter(pk=wid).first() if wid else None
    beheer_wijken = []
    if request.user.is_authenticated:
        if request.user.is_superuser:
            beheer_wijken = list(Wijk.objects.all())
        else:
            beheer_wijken = list(Wijk.objects.filter(stadsdeel__gebiedsteam=request.user))
    concepten = Ronde.objects.filter(fase=Fase.CONCEPT, wijk__in=beheer_wijken).select_related(
        "wijk"
    )
    return render(
        request,
        "stemmen/index.html",
        {
            "rondes": rondes,
            "eigen_wijk": eigen_wijk,
            "beheer_wijken": beheer_wijken,
            "concepten": concepten,
        },
    )


def _fasen(ronde: Ronde) -> list[dict[str, Any]]:
    huidig = fase_index(ronde.fase)
    return [
        {
            "fase": f,
            "start": getattr(ronde, FASE_START_VELD[f]),
            "huidig": f == ronde.fase,
            "voorbij": fase_index(f) < huidig,
        }
        for f in FASE_VOLGORDE[1:]
    ]


@permission_required("stemmen.view_ronde", _ronde)
def ronde_detail(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    status = request.GET.get("status", "")
    thema = request.GET.get("thema", "")
    zoek = request.GET.get("q", "").strip()[:100]
    ideeen = selectors.ideeen_van_ronde(ronde, status=status, thema=thema, zoek=zoek)
    page = Paginator(ideeen, 30).get_page(request.GET.get("pagina"))
    ctx = {
        "ronde": ronde,
        "wijk": ronde.wijk,
        "fasen": _fasen(ronde),
        "page": page,
        "tellingen": selectors.status_tellingen(ronde),
        "statussen": IdeeStatus.choices,
        "themas": ronde.themas.all(),
        "filter": {"status": status, "thema": thema, "q": zoek},
        "beheer": staff_of_wijk(request.user, ronde.wijk),
        "mag_indienen": is_bewoner(request.user, ronde.wijk_id),
    }
    template = (
        "stemmen/ronde.html#ideeen"
        if request.htmx and request.htmx.target == "ideeen"
        else "stemmen/ronde.html"
    )
    return render(request, template, ctx)


@permission_required("stemmen.manage_ronde", _wijk)
def ronde_nieuw(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    form = RondeForm(request.POST or None, wijk=obj)
    if request.method == "POST" and form.is_valid():
        try:
            ronde = services.ronde_opslaan(
                actor=request.user, wijk=obj, velden=form.velden(), themas=form.themas()
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The round has been created."))
            return redirect(ronde)
    return render(request, "stemmen/ronde_form.html", {"form": form, "wijk": obj, "ronde": None})


@permission_required("stemmen.manage_ronde", _ronde)
def ronde_bewerken(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    form = RondeForm(request.POST or None, instance=obj, wijk=obj.wijk)
    if request.method == "POST" and form.is_valid():
        try:
            services.ronde_opslaan(
                actor=request.user,
                wijk=obj.wijk,
                ronde=obj,
                velden=form.velden(),
                themas=form.themas(),
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The round has been saved."))
            return redirect(obj)
    return render(
        request, "stemmen/ronde_form.html", {"form": form, "wijk": obj.wijk, "ronde": obj}
    )


@require_POST
@permission_required("stemmen.manage_ronde", _ronde)
def ronde_fase(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    try:
        ronde = services.ronde_fase_volgende(ronde=obj, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The round is now in the phase: %(fase)s.") % {"fase": Fase(ronde.fase).label},
        )
    return redirect(obj)


# --- ideas ------------------------------------------------------------------------


@permission_required("stemmen.submit_idee", _ronde)
def idee_nieuw(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    services.ronde_fase_bijwerken(ronde=ronde)
    ronde.refresh_from_db()
    if not ronde.indienen_open:
        messages.error(request, _("Ideas can no longer be submitted in this round."))
        return redirect(ronde)
    form = IdeeForm(request.POST or None, request.FILES or None, ronde=ronde)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            idee = services.idee_indienen(
                ronde=ronde,
                user=request.user,
                titel=d["titel"],
                beschrijving=d["beschrijving"],
                kosten=d["kosten"],
                thema=d["thema"],
                buurt=d["buurt"],
                locatie=d["locatie"],
                afbeeldingen=d["afbeeldingen"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Thank you! Your idea has been submitted."))
            return redirect(idee)
    return render(request, "stemmen/idee_form.html", {"form": form, "ronde": ronde, "idee": None})


@permission_required("stemmen.view_ronde", _ronde)
def vergelijkbaar(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    tekst = request.GET.get("titel", "") or request.GET.get("q", "")
    exclude = request.GET.get("idee")
    gevonden = selectors.vergelijkbare_ideeen(
        obj, tekst, exclude=int(exclude) if exclude and exclude.isdigit() else None
    )
    return render(
        request, "stemmen/_vergelijkbaar.html", {"gevonden": gevonden, "tekst": tekst, "ronde": obj}
    )


@permission_required("stemmen.view_ronde", lambda request, pk: _idee(request, pk).ronde)
def idee_detail(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    idee = selectors.idee_detail(pk)
    user = request.user
    beheer = staff_of_wijk(user, idee.ronde.wijk)
    bewoner = is_bewoner(user, idee.ronde.wijk_id)
    ctx = {
        "idee": idee,
        "ronde": idee.ronde,
        "wijk": idee.ronde.wijk,
        "beheer": beheer,
        "bewoner": bewoner,
        "is_indiener": idee.is_initiatiefnemer(user),
        "steunt": bewoner and Steun.objects.filter(idee=idee, user_id=user.pk or 0).exists(),
        "doet_mee": bewoner and any(u.pk == user.pk for u in idee.mede_indieners.all()),
        "mag_bewerken": idee.is_initiatiefnemer(user)
        and idee.ronde.indienen_open
        and not idee.is_beoordeeld,
        "reactie_form": ReactieForm(),
        "antwoord_form": AntwoordForm(),
        "uitslag_form": UitslagForm(),
        "melden_form": MeldenForm(),
        "kan_melden": user.is_authenticated,
        "mee_fase": idee.ronde.fase in (Fase.INDIENEN, Fase.BEOORDELEN),
    }
    return render(request, "stemmen/idee.html", ctx)


@permission_required("stemmen.edit_idee", _idee)
def idee_bewerken(request: Request, pk: int, obj: Idee) -> HttpResponse:
    idee = obj
    services.ronde_fase_bijwerken(ronde=idee.ronde)
    idee.ronde.refresh_from_db()
    if not idee.ronde.indienen_open or idee.is_beoordeeld:
        messages.error(request, _("Screening has started: the idea can no longer be changed."))
        return redirect(idee)
    initial = {
        "titel": idee.titel,
        "beschrijving": idee.beschrijving,
        "kosten": idee.kosten,
        "thema": idee.thema_id,
        "buurt": idee.buurt_id,
        "locatie": idee.locatie,
    }
    form = IdeeForm(
        request.POST or None, request.FILES or None, ronde=idee.ronde, idee=idee, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.idee_bijwerken(
                idee=idee,
                user=request.user,
                titel=d["titel"],
                beschrijving=d["beschrijving"],
                kosten=d["kosten"],
                thema=d["thema"],
                buurt=d["buurt"],
                locatie=d["locatie"],
                nieuwe_afbeeldingen=d["afbeeldingen"],
                verwijder_afbeeldingen=[a.pk for a in d.get("verwijder") or []],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Your idea has been saved."))
            return redirect(idee)
    return render(
        request, "stemmen/idee_form.html", {"form": form, "ronde": idee.ronde, "idee": idee}
    )


def _steun_response(request: Request, idee: Idee, steunt: bool) -> HttpResponse:
    aantal = idee.steunbetuigingen.count()
    ctx = {
        "idee": idee,
        "steunt": steunt,
        "aantal_steun": aantal,
        "bewoner": True,
        "ronde": idee.ronde,
    }
    if request.htmx:
        return render(request, "stemmen/_steun.html", ctx)
    return redirect(idee)


@require_POST
@permission_required("stemmen.take_part", _idee)
def idee_steunen(request: Request, pk: int, obj: Idee) -> HttpResponse:
    try:
        steunt = services.idee_steunen(
            idee=obj, user=request.user, steun=request.POST.get("steun", "1") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(obj)
    return _steun_response(request, obj, steunt)


@require_POST
@permission_required("stemmen.take_part", _idee)
def idee_meedoen(request: Request, pk: int, obj: Idee) -> HttpResponse:
    try:
        services.idee_meedoen(idee=obj, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You are now a co-initiator of this idea."))
    return redirect(obj)


@require_POST
@permission_required("stemmen.take_part", _idee)
def reactie_plaatsen(request: Request, pk: int, obj: Idee) -> HttpResponse:
    form = ReactieForm(request.POST)
    if form.is_valid():
        ouder = None
        if form.cleaned_data.get("ouder"):
            ouder = Reactie.objects.filter(pk=form.cleaned_data["ouder"], idee=obj).first()
        try:
            r = services.reactie_plaatsen(
                idee=obj, user=request.user, tekst=form.cleaned_data["tekst"], ouder=ouder
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment has been posted."))
            return redirect(obj.get_absolute_url() + f"#reactie-{r.pk}")
    else:
        messages.error(request, _("Write a comment of at most 2000 characters."))
    return redirect(obj.get_absolute_url() + "#reacties")


@permission_required("stemmen.report", _reactie)
def reactie_melden(request: Request, pk: int, obj: Reactie) -> HttpResponse:
    form = MeldenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reactie_melden(reactie=obj, user=request.user, reden=form.cleaned_data["reden"])
        messages.success(request, _("Thank you. A moderator will look at this comment."))
        return redirect(obj.idee.get_absolute_url() + "#reacties")
    return render(
        request, "stemmen/reactie_melden.html", {"form": form, "reactie": obj, "idee": obj.idee}
    )


@permission_required("stemmen.moderate", _reactie)
def reactie_modereren(request: Request, pk: int, obj: Reactie) -> HttpResponse:
    form = ModereerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reactie_modereren(
                reactie=obj,
                actor=request.user,
                verbergen=form.cleaned_data["actie"] == "verbergen",
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The comment has been moderated."))
            return redirect("stemmen:moderatie", slug=obj.idee.ronde.wijk.slug)
    return render(
        request, "stemmen/reactie_modereren.html", {"form": form, "reactie": obj, "idee": obj.idee}
    )


@permission_required("stemmen.moderate", _wijk)
def moderatie(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    return render(
        request,
        "stemmen/moderatie.html",
        {"wijk": obj, "reacties": selectors.gemelde_reacties(obj)},
    )


# --- screening and result ---------------------------------------------------------


@permission_required("stemmen.screen_idee", _idee)
def idee_beoordelen(request: Request, pk: int, obj: Idee) -> HttpResponse:
    idee = obj
    form = BeoordeelForm(request.POST or None, idee=idee)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.idee_beoordelen(
                idee=idee,
                actor=request.user,
                besluit=d["besluit"],
                reden=d["reden"],
                oordelen=form.oordelen(),
                samengevoegd_in=d["samengevoegd_in"],
                kosten_gemeente=d["kosten_gemeente"],
                kosten_notitie=d["kosten_notitie"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("The screening has been recorded; the initiator gets an e-mail.")
            )
            return redirect(idee)
    return render(
        request, "stemmen/idee_beoordelen.html", {"form": form, "idee": idee, "ronde": idee.ronde}
    )


@require_POST
@permission_required("stemmen.answer_idee", _idee)
def idee_antwoorden(request: Request, pk: int, obj: Idee) -> HttpResponse:
    form = AntwoordForm(request.POST)
    if form.is_valid():
        try:
            services.idee_antwoorden(
                idee=obj, user=request.user, tekst=form.cleaned_data["antwoord"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your answer has been added to the decision."))
    else:
        messages.error(request, _("Write your answer."))
    return redirect(obj.get_absolute_url() + "#beoordeling")


@require_POST
@permission_required("stemmen.screen_idee", _idee)
def idee_uitslag(request: Request, pk: int, obj: Idee) -> HttpResponse:
    form = UitslagForm(request.POST)
    if form.is_valid():
        try:
            services.idee_uitslag_zetten(
                idee=obj, actor=request.user, gekozen=form.cleaned_data["gekozen"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The result has been recorded."))
    return redirect(obj)


@permission_required("stemmen.screen_idee", _idee)
def idee_update(request: Request, pk: int, obj: Idee) -> HttpResponse:
    form = UpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.idee_update_plaatsen(
                idee=obj,
                actor=request.user,
                status=d["status"],
                tekst=d["tekst"],
                foto=d["foto"],
                foto_alt=d["foto_alt"],
                uitgave=d["uitgave"] or 0,
                datum=d["datum"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The update has been published."))
            return redirect(obj.get_absolute_url() + "#uitvoering")
    return render(
        request, "stemmen/idee_update.html", {"form": form, "idee": obj, "ronde": obj.ronde}
    )


# --- initiative applications ------------------------------------------------------


@permission_required("stemmen.list_aanvragen", _wijk)
def aanvragen(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    qs = selectors.aanvragen_van_wijk(obj, request.user)
    return render(
        request,
        "stemmen/aanvragen.html",
        {
            "wijk": obj,
            "aanvragen": qs,
            "beheer": staff_of_wijk(request.user, obj),
            "mag_aanvragen": is_bewoner(request.user, obj.pk),
            "termijn": services.beslistermijn_dagen(),
        },
    )


@permission_required("stemmen.apply", _wijk)
def aanvraag_nieuw(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    soort = request.GET.get("soort", AanvraagSoort.BUURTBUDGET)
    form = AanvraagForm(
        request.POST or None, initial={"soort": soort if soort in AanvraagSoort.values else None}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = services.aanvraag_indienen(
                wijk=obj,
                user=request.user,
                soort=d["soort"],
                titel=d["titel"],
                beschrijving=d["beschrijving"],
                bedrag=d["bedrag"],
                betrokkenen=d["betrokkenen"],
                cofinanciering=d["cofinanciering"],
                taak=d["taak"],
                huidig_budget=d["huidig_budget"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Your application has been received."))
            return redirect(a)
    return render(request, "stemmen/aanvraag_form.html", {"form": form, "wijk": obj})


@permission_required("stemmen.view_aanvraag", _aanvraag)
def aanvraag_detail(request: Request, pk: int, obj: Aanvraag) -> HttpResponse:
    beheer = can(request.user, "stemmen.decide_aanvraag", obj)
    return render(
        request,
        "stemmen/aanvraag.html",
        {
            "aanvraag": obj,
            "wijk": obj.wijk,
            "beheer": beheer,
            "stappen": obj.stappen.select_related("door"),
            "oordelen": obj.oordelen.all(),
            "stap_form": StapForm() if beheer else None,
        },
    )


@require_POST
@permission_required("stemmen.decide_aanvraag", _aanvraag)
def aanvraag_stap(request: Request, pk: int, obj: Aanvraag) -> HttpResponse:
    form = StapForm(request.POST)
    if form.is_valid():
        try:
            services.aanvraag_stap_vastleggen(
                aanvraag=obj,
                actor=request.user,
                stap=form.cleaned_data["stap"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The step has been recorded."))
    else:
        messages.error(request, _("Choose a step and write the finding."))
    return redirect(obj)


@permission_required("stemmen.decide_aanvraag", _aanvraag)
def aanvraag_besluit(request: Request, pk: int, obj: Aanvraag) -> HttpResponse:
    form = BesluitForm(request.POST or None, aanvraag=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanvraag_besluiten(
                aanvraag=obj,
                actor=request.user,
                toekennen=form.cleaned_data["toekennen"],
                reden=form.cleaned_data["reden"],
                oordelen=form.oordelen(),
                pot=form.cleaned_data.get("pot"),
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("The decision has been recorded; the applicant gets an e-mail.")
            )
            return redirect(obj)
    return render(
        request, "stemmen/aanvraag_besluit.html", {"form": form, "aanvraag": obj, "wijk": obj.wijk}
    )


# --- settings ---------------------------------------------------------------------


@permission_required("stemmen.settings")
def instellingen(request: Request) -> HttpResponse:
    inst = services.meldingsinstelling_voor(request.user)
    form = InstellingenForm(request.POST or None, instance=inst)
    if request.method == "POST" and form.is_valid():
        services.meldingsinstelling_opslaan(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("stemmen:instellingen")
    return render(request, "stemmen/instellingen.html", {"form": form})
