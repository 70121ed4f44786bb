"""Views of the voting part: thin, every one behind a named rule."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groningenmodel.permissions import permission_required, staff_of_wijk
from groningenmodel.types import HtmxHttpRequest
from wijken.models import Wijk

from . import selectors_stemming as sel
from . import services_stemming as svc
from .forms_stemming import CodeForm, PapierForm, PbImportForm, PeilingForm
from .models import Fase, Ronde, Stemwijze, fase_index
from .models_stemming import PapierInvoer, Peiling, PeilingDeelname, Stemcode, Uitslag, Vraag

Request = HtmxHttpRequest


def _ronde(request: Request, pk: int) -> Ronde:
    return get_object_or_404(Ronde.objects.select_related("wijk__stadsdeel"), pk=pk)


def _wijk(request: Request, slug: str) -> Wijk:
    return get_object_or_404(Wijk, slug=slug)


def _peiling(request: Request, pk: int) -> Peiling:
    return get_object_or_404(Peiling.objects.select_related("wijk"), pk=pk)


def _fouten(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- the ballot ---------------------------------------------------------------------------


def _stem_context(ronde: Ronde, keuze: svc.Keuze, actie: str) -> dict[str, Any]:
    ideeen = svc.stembare_ideeen(ronde)
    gekozen = set(keuze.ideeen)
    extra: dict[int, int] = {}
    if keuze.punten is not None:
        extra = dict(zip(keuze.ideeen, keuze.punten, strict=False))
    rijen = [
        {
            "idee": i,
            "kosten": svc._euro(i.kosten_definitief),
            "gekozen": i.pk in gekozen,
            "waarde": extra.get(i.pk, "")
            if ronde.stemwijze != Stemwijze.RANKING
            else (keuze.ideeen.index(i.pk) + 1 if i.pk in gekozen else ""),
        }
        for i in ideeen
    ]
    return {
        "ronde": ronde,
        "wijk": ronde.wijk,
        "rijen": rijen,
        "samenvatting": svc.keuze_samenvatting(ronde, keuze, ideeen) if keuze.ideeen else None,
        "open": svc.stemmen_open(ronde),
        "actie": actie,
        "rang_opties": list(range(1, (ronde.ranking_k or 0) + 1)),
    }


def _stem_pagina(
    request: Request, ronde: Ronde, identiteit: svc.Identiteit | None, cast: Any
) -> HttpResponse:
    """Shared by the account and the voting-code ballot: GET shows the ballot (with the
    voter's own current choices), POST with ``_totaal`` (htmx, on change) renders only the
    running total, POST without it casts or changes the ballot."""
    eigen = svc.eigen_stembiljet(ronde, identiteit)
    keuze = svc.Keuze(list(eigen.ideeen), eigen.punten) if eigen else svc.Keuze()
    if ronde.stemwijze == Stemwijze.RANKING and eigen:
        keuze = svc.Keuze(list(eigen.ideeen), list(range(1, len(eigen.ideeen) + 1)))
    fouten: list[str] = []
    if request.method == "POST":
        keuze = svc.keuze_uit_formulier(ronde, request.POST)
        if request.htmx and request.POST.get("_totaal"):
            ctx = _stem_context(ronde, keuze, request.path)
            ctx["samenvatting"] = svc.keuze_samenvatting(ronde, keuze)
            return render(request, "stemmen/stemming/stem.html#totaal", ctx)
        try:
            cast(keuze)
        except ValidationError as exc:
            fouten = _fouten(exc)
        else:
            messages.success(
                request,
                _("Your vote has been recorded. You can change it until voting closes."),
            )
            return redirect(request.path)
    ctx = _stem_context(ronde, keuze, request.path)
    ctx["fouten"] = fouten
    ctx["heeft_gestemd"] = eigen is not None
    if fouten:
        ctx["samenvatting"] = svc.keuze_samenvatting(ronde, keuze)
    return render(request, "stemmen/stemming/stem.html", ctx, status=400 if fouten else 200)


@permission_required("stemmen.vote", _ronde)
def stem(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    try:
        identiteit = svc.identiteit_account(ronde, request.user)
        svc.stemrecht_vrij(ronde=ronde, identiteit=identiteit)
    except ValidationError as exc:
        return render(
            request,
            "stemmen/stemming/niet_stemmen.html",
            {"ronde": ronde, "fouten": _fouten(exc)},
            status=403,
        )
    return _stem_pagina(
        request,
        ronde,
        identiteit,
        lambda k: svc.stem_uitbrengen(ronde=ronde, identiteit=identiteit, keuze=k),
    )


def _sessie_code(request: Request, ronde: Ronde) -> tuple[Stemcode | None, str | None]:
    data = request.session.get("stemcodes", {}).get(str(ronde.pk))
    if not data:
        return None, None
    sc = Stemcode.objects.filter(pk=data["id"], ronde=ronde).select_related("adres__straat").first()
    return sc, data.get("binding")


@permission_required("stemmen.vote_code", _ronde)
def stemcode(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sc = svc.stemcode_zoeken(ronde=ronde, code=form.cleaned_data["code"])
            svc.stemcode_bruikbaar(ronde=ronde, stemcode=sc)
            if sc.binding_hash:
                # used before: only the browser it is bound to may go on
                _oud, binding = _sessie_code(request, ronde)
                svc.stemcode_binden(stemcode=sc, binding=binding)
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            codes = request.session.get("stemcodes", {})
            prev = codes.get(str(ronde.pk), {})
            codes[str(ronde.pk)] = {
                "id": sc.pk,
                "binding": prev.get("binding") if prev.get("id") == sc.pk else None,
            }
            request.session["stemcodes"] = codes
            request.session.cycle_key()
            return redirect("stemmen:stem_met_code", pk=ronde.pk)
    return render(
        request,
        "stemmen/stemming/stemcode.html",
        {"ronde": ronde, "wijk": ronde.wijk, "form": form},
    )


@permission_required("stemmen.vote_code", _ronde)
def stem_met_code(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    sc, binding = _sessie_code(request, ronde)
    if sc is None:
        return redirect("stemmen:stemcode", pk=ronde.pk)
    identiteit = svc.identiteit_code(sc) if binding else None

    def cast(keuze: svc.Keuze) -> None:
        _biljet, nieuwe = svc.stem_met_code(ronde=ronde, stemcode=sc, binding=binding, keuze=keuze)
        codes = request.session.get("stemcodes", {})
        codes[str(ronde.pk)] = {"id": sc.pk, "binding": nieuwe}
        request.session["stemcodes"] = codes

    return _stem_pagina(request, ronde, identiteit, cast)


# --- result, turnout, tally ---------------------------------------------------------------


@permission_required("stemmen.view_uitslag", _ronde)
def uitslag(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    u = Uitslag.objects.filter(ronde=ronde).first()
    rijen = sel.uitslag_rijen(ronde, u) if u else []
    koppen: dict[str, str] = {Stemwijze.RANKING: _("Borda points"), Stemwijze.PUNTEN: _("points")}
    score_kop = koppen.get(str(ronde.stemwijze), _("votes"))
    opkomst = sel.opkomst(ronde)
    ctx: dict[str, Any] = {
        "ronde": ronde,
        "wijk": ronde.wijk,
        "uitslag": u,
        "rijen": rijen,
        "score_kop": score_kop,
        "grafiek": sel.staafdiagram(
            rijen, waarde="score", titel=_("Result per idea"), id_="uitslag-grafiek"
        )
        if rijen
        else "",
        "opkomst": opkomst,
        "beheer": staff_of_wijk(request.user, ronde.wijk),
        "gekozen_totaal": svc._euro(
            sum(r["idee"].kosten_definitief for r in rijen if r["gekozen"])
        ),
    }
    if opkomst["buurten"]:
        ctx["opkomst_grafiek"] = sel.staafdiagram(
            opkomst["buurten"],
            waarde="opkomst",
            titel=_("Turnout per buurt (%)"),
            id_="opkomst-grafiek",
        )
    return render(request, "stemmen/stemming/uitslag.html", ctx)


@require_POST
@permission_required("stemmen.run_stemming", _ronde)
def tellen(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    from .tasks_stemming import ronde_tellen

    if fase_index(obj.fase) < fase_index(Fase.STEMMEN):
        messages.error(request, _("There is nothing to count before voting opens."))
    else:
        ronde_tellen.delay(obj.pk, request.user.pk)
        messages.success(request, _("The count has started; reload this page in a moment."))
    return redirect("stemmen:uitslag", pk=obj.pk)


@require_POST
@permission_required("stemmen.run_stemming", _ronde)
def vastleggen(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    try:
        svc.uitslag_vastleggen(ronde=obj, actor=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("The result is recorded on the ideas; chosen ideas are committed in the ledger."),
        )
    return redirect("stemmen:uitslag", pk=obj.pk)


@permission_required("stemmen.run_stemming", _ronde)
def beheer(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    """Staff: turnout (never choices per person), voting codes, paper ballots, export."""
    ronde = obj
    ctx = {
        "ronde": ronde,
        "wijk": ronde.wijk,
        "opkomst": sel.opkomst(ronde),
        "codes": Stemcode.objects.filter(ronde=ronde).aggregate(
            n=Count("pk"), gebruikt=Count("pk", filter=Q(gebruikt_op__isnull=False))
        ),
        "papier": PapierInvoer.objects.filter(ronde=ronde)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status"),
        "uitslag": Uitslag.objects.filter(ronde=ronde).first(),
    }
    return render(request, "stemmen/stemming/beheer.html", ctx)


@require_POST
@permission_required("stemmen.run_stemming", _ronde)
def stemcodes(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    try:
        pdf, n = svc.stemcodes_maken(ronde=obj, actor=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("stemmen:stemming_beheer", pk=obj.pk)
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="stemcodes-ronde-{obj.pk}.pdf"'
    return resp


@permission_required("stemmen.run_stemming", _ronde)
def papier(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    ronde = obj
    form = PapierForm(request.POST or None)
    keuze = svc.Keuze()
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        keuze = svc.keuze_uit_formulier(ronde, request.POST)
        d = form.cleaned_data
        try:
            if d["invoer"] == "1":
                svc.papier_eerste_invoer(
                    ronde=ronde,
                    actor=request.user,
                    code=d["code"],
                    biljetnummer=d["biljetnummer"],
                    keuze=keuze,
                )
                messages.success(
                    request, _("First entry saved. A colleague now enters the same sheet again.")
                )
            else:
                inv = svc.papier_tweede_invoer(
                    ronde=ronde, actor=request.user, biljetnummer=d["biljetnummer"], keuze=keuze
                )
                if inv.status == PapierInvoer.Status.GETELD:
                    messages.success(request, _("Both entries match: the ballot counts."))
                else:
                    messages.error(
                        request,
                        _("The entries differ: check the sheet. The ballot does not count yet."),
                    )
        except ValidationError as exc:
            fouten = _fouten(exc)
        else:
            return redirect("stemmen:papier", pk=ronde.pk)
    ctx = _stem_context(ronde, keuze, request.path)
    ctx.update({"form": form, "fouten": fouten, "invoeren": sel.papier_lijst(ronde)})
    return render(request, "stemmen/stemming/papier.html", ctx, status=400 if fouten else 200)


@permission_required("stemmen.view_uitslag", _ronde)
def pb_export(request: Request, pk: int, obj: Ronde) -> HttpResponse:
    resp = HttpResponse(svc.ronde_naar_pb(obj), content_type="text/plain; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="groningen-{obj.wijk.slug}-{obj.pk}.pb"'
    return resp


@permission_required("stemmen.run_stemming", _wijk)
def pb_import(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    form = PbImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            tekst = form.cleaned_data["bestand"].read().decode("utf-8-sig")
            ronde = svc.ronde_uit_pb(
                wijk=obj, actor=request.user, tekst=tekst, titel=form.cleaned_data["titel"]
            )
        except UnicodeDecodeError:
            form.add_error("bestand", _("The file is not UTF-8 text."))
        except ValidationError as exc:
            form.add_error("bestand", exc)
        else:
            messages.success(request, _("The round was imported. Count it to see the result."))
            return redirect("stemmen:uitslag", pk=ronde.pk)
    return render(request, "stemmen/stemming/pb_import.html", {"wijk": obj, "form": form})


# --- panel consultations ------------------------------------------------------------------


@permission_required("stemmen.manage_peiling", _wijk)
def peilingen(request: Request, slug: str, obj: Wijk) -> HttpResponse:
    form = PeilingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = svc.peiling_opslaan(
                wijk=obj,
                actor=request.user,
                titel=form.cleaned_data["titel"],
                intro=form.cleaned_data["intro"],
                vragen=form.vragen(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("stemmen:peiling", pk=p.pk)
    lijst = Peiling.objects.filter(wijk=obj).annotate(
        n=Count("deelnames"),
        beantwoord=Count("deelnames", filter=Q(deelnames__beantwoord_op__isnull=False)),
    )
    return render(
        request, "stemmen/stemming/peilingen.html", {"wijk": obj, "form": form, "peilingen": lijst}
    )


@permission_required("stemmen.manage_peiling", _peiling)
def peiling(request: Request, pk: int, obj: Peiling) -> HttpResponse:
    from loting.selectors import wijkpanel_leden

    ctx = {
        "peiling": obj,
        "wijk": obj.wijk,
        "resultaten": sel.peiling_resultaten(obj),
        "leden": wijkpanel_leden(obj.wijk).count(),
    }
    return render(request, "stemmen/stemming/peiling.html", ctx)


@require_POST
@permission_required("stemmen.manage_peiling", _peiling)
def peiling_versturen(request: Request, pk: int, obj: Peiling) -> HttpResponse:
    try:
        n = svc.peiling_versturen(peiling=obj, actor=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request, _("The consultation is open; %(n)d e-mails are being sent.") % {"n": n}
        )
    return redirect("stemmen:peiling", pk=obj.pk)


@permission_required("stemmen.manage_peiling", _peiling)
def peiling_papier(request: Request, pk: int, obj: Peiling) -> HttpResponse:
    """Printable list: panel members without e-mail get their personal link on paper."""
    rijen = [
        {"zetel": d.zetel, "link": svc.peiling_link(obj, d.zetel_id), "beantwoord": d.beantwoord_op}
        for d in PeilingDeelname.objects.filter(
            peiling=obj, zetel__uitnodiging__email=""
        ).select_related("zetel__uitnodiging__adres__straat")
    ]
    return render(
        request,
        "stemmen/stemming/peiling_papier.html",
        {"peiling": obj, "wijk": obj.wijk, "rijen": rijen},
    )


@permission_required("stemmen.answer_peiling")
def peiling_antwoord(request: Request, token: str) -> HttpResponse:
    try:
        p, zetel_id = svc.peiling_uit_token(token)
    except ValidationError as exc:
        return render(
            request, "stemmen/stemming/peiling_antwoord.html", {"fouten": exc.messages}, status=404
        )
    fouten: list[str] = []
    klaar = PeilingDeelname.objects.filter(
        peiling=p, zetel_id=zetel_id, beantwoord_op__isnull=False
    ).exists()
    if request.method == "POST" and not klaar:
        antwoorden: dict[int, Any] = {}
        for v in p.vragen.all():
            key = f"vraag_{v.pk}"
            if v.soort == Vraag.Soort.MEER:
                antwoorden[v.pk] = request.POST.getlist(key)
            elif v.soort == Vraag.Soort.SCHAAL:
                antwoorden[v.pk] = svc._int(request.POST.get(key))
            else:
                antwoorden[v.pk] = request.POST.get(key, "").strip()
        try:
            svc.peiling_beantwoorden(peiling=p, zetel_id=zetel_id, antwoorden=antwoorden)
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(
                request, _("Thank you: your answers have been saved (without your name).")
            )
            return redirect(request.path)
    return render(
        request,
        "stemmen/stemming/peiling_antwoord.html",
        {
            "peiling": p,
            "vragen": p.vragen.all(),
            "klaar": klaar,
            "fouten": fouten,
            "schaal": range(1, 6),
        },
        status=400 if fouten else 200,
    )
