from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groningenmodel.permissions import can, permission_required
from groningenmodel.types import HtmxHttpRequest
from wijken.models import Wijk

from . import charts, congruentie, diff, selectors, services
from .forms import (
    AfspraakFormSet,
    AfspraakStatusForm,
    CommentaarForm,
    EvaluatieForm,
    GesprekForm,
    InstrumentFormSet,
    RaadsrolForm,
    SetForm,
    SetNieuwForm,
    StatusForm,
    ThemaFormSet,
    VraagForm,
)
from .models import (
    KOMPAS_LABELS,
    KOMPAS_WAARDEN,
    Afspraak,
    AfspraakStatus,
    Afsprakenset,
    ArchetypeBeschrijving,
    Commentaar,
    Evaluatie,
    Gesprek,
    Onderdeel,
    SetStatus,
    Vraag,
)


def _wijk(request: HttpRequest, slug: str, **kw: Any) -> Wijk:
    return get_object_or_404(Wijk.objects.select_related("stadsdeel"), slug=slug)


def _set(request: HttpRequest, pk: int, **kw: Any) -> Afsprakenset:
    return get_object_or_404(Afsprakenset.objects.select_related("wijk__stadsdeel"), pk=pk)


def _set_wijk(request: HttpRequest, pk: int, **kw: Any) -> Wijk:
    return _set(request, pk).wijk


def _afspraak_wijk(request: HttpRequest, pk: int, **kw: Any) -> Wijk:
    a = get_object_or_404(Afspraak.objects.select_related("afsprakenset__wijk__stadsdeel"), pk=pk)
    return a.afsprakenset.wijk


def _fouten(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


# --- public pages ---------------------------------------------------------------------------


@permission_required("praatplaat.view")
def index(request: HttpRequest) -> HttpResponse:
    wijken = Wijk.objects.select_related("stadsdeel").order_by("stadsdeel__naam", "naam")
    sets: dict[int, Afsprakenset] = {}
    for s in Afsprakenset.objects.prefetch_related("themas").order_by("wijk_id", "-created", "-id"):
        sets.setdefault(s.wijk_id, s)
    rijen = [(w, sets.get(w.pk)) for w in wijken if w.pk in sets]
    zonder = [w for w in wijken if w.pk not in sets]
    return render(
        request,
        "praatplaat/index.html",
        {
            "rijen": rijen,
            "zonder": zonder,
            "archetypen": ArchetypeBeschrijving.objects.all(),
            "overzicht": can(request.user, "praatplaat.council_overview"),
        },
    )


@permission_required("praatplaat.view")
def vragen(request: HttpRequest) -> HttpResponse:
    onderdelen = Onderdeel.objects.prefetch_related("vragen")
    return render(
        request,
        "praatplaat/vragen.html",
        {
            "bouwstenen": [o for o in onderdelen if o.soort == Onderdeel.Soort.BOUWSTEEN],
            "kompas": [o for o in onderdelen if o.soort == Onderdeel.Soort.KOMPAS],
            "archetypen": ArchetypeBeschrijving.objects.all(),
        },
    )


@permission_required("praatplaat.view")
def regels(request: HttpRequest) -> HttpResponse:
    return render(request, "praatplaat/regels.html", {"regels": congruentie.REGELS})


@permission_required("praatplaat.view", _wijk)
def wijk(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    bouw, kompas = selectors.praatplaat_voor_wijk(obj)
    sets = list(Afsprakenset.objects.filter(wijk=obj).prefetch_related("themas"))
    return render(
        request,
        "praatplaat/wijk.html",
        {
            "wijk": obj,
            "bouwstenen": bouw,
            "kompas": kompas,
            "gesprekken": Gesprek.objects.filter(wijk=obj),
            "sets": sets,
            "huidige": sets[0] if sets else None,
            "vlekken": selectors.witte_vlekken(sets[0]) if sets else [],
            "evaluatie": Evaluatie.objects.filter(wijk=obj).first(),
            "raadsrol": selectors.laatste_raadsrol(obj),
            "beheer": can(request.user, "praatplaat.manage", obj),
            "mag_raadsrol": can(request.user, "praatplaat.raadsrol", obj),
            "nieuw_set_form": SetNieuwForm(),
        },
    )


@permission_required("praatplaat.view", _wijk)
def vraag_historie(request: HttpRequest, slug: str, vraag_id: int, obj: Wijk) -> HttpResponse:
    vraag = get_object_or_404(Vraag.objects.voor_wijk(obj), pk=vraag_id)
    antwoorden = selectors.antwoorden_per_vraag(obj).get(vraag.pk, [])
    return render(
        request,
        "praatplaat/vraag_historie.html",
        {"wijk": obj, "vraag": vraag, "antwoorden": antwoorden},
    )


@permission_required("praatplaat.view", _wijk)
def praatplaat_pdf(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    bouw, kompas = selectors.praatplaat_voor_wijk(obj)
    # page 1: the five bouwstenen in three poster columns; page 2: the four kompas values
    kolommen = [bouw[:2], bouw[2:4], bouw[4:]]
    html = render_to_string(
        "praatplaat/pdf.html",
        {
            "wijk": obj,
            "kolommen": kolommen,
            "kompas": kompas,
            "archetypen": ArchetypeBeschrijving.objects.all(),
        },
        request=request,
    )
    # The PDF only changes when its HTML does: cache it by content (rendering takes seconds).
    key = "praatplaat:pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="praatplaat-{obj.slug}.pdf"'
    return response


@permission_required("praatplaat.view", _wijk)
def gesprek(request: HttpRequest, slug: str, pk: int, obj: Wijk) -> HttpResponse:
    g = get_object_or_404(Gesprek, wijk=obj, pk=pk)
    antwoorden = g.antwoorden.select_related("vraag__onderdeel").order_by(
        "vraag__onderdeel__soort", "vraag__onderdeel__volgorde", "vraag__volgorde"
    )
    return render(
        request,
        "praatplaat/gesprek.html",
        {
            "wijk": obj,
            "gesprek": g,
            "antwoorden": antwoorden,
            "namen_zien": can(request.user, "praatplaat.view_names", obj),
            "beheer": can(request.user, "praatplaat.manage", obj),
        },
    )


def _versies_met_samenvatting(s: Afsprakenset) -> list[Any]:
    """Newest first; each version's summary is computed from its diff with the previous."""
    versies = list(s.versies.select_related("door").order_by("nummer"))
    vorige: dict[str, Any] = {}
    for v in versies:
        v.uitleg = (  # type: ignore[attr-defined]
            diff.samenvatting(diff.verschil(vorige, v.snapshot))
            if vorige
            else _("Agreement set created")
        )
        vorige = v.snapshot
    return list(reversed(versies))


def _set_context(request: HttpRequest, s: Afsprakenset, obj: Wijk) -> dict[str, Any]:
    afspraken = list(s.afspraken.select_related("bouwsteen"))
    commentaren = list(s.commentaren.select_related("auteur", "afspraak").order_by("created", "id"))
    draad: dict[int | None, list[Commentaar]] = {}
    for c in commentaren:
        draad.setdefault(c.parent_id, []).append(c)

    def boom(parent: int | None, diepte: int = 0) -> list[tuple[Commentaar, int]]:
        out = []
        for c in draad.get(parent, []):
            out.append((c, min(diepte, 4)))
            out += boom(c.pk, diepte + 1)
        return out

    beheer = can(request.user, "praatplaat.manage", obj)
    return {
        "wijk": obj,
        "set": s,
        "afspraken": afspraken,
        "themas": list(s.themas.all()),
        "instrumenten": list(s.instrumenten.all()),
        "elders": selectors.instrumenten_elders(obj),
        "vlekken": selectors.witte_vlekken(s),
        "draad": boom(None),
        "versies": _versies_met_samenvatting(s),
        "beheer": beheer,
        "mag_commentaar": can(request.user, "praatplaat.comment", obj),
        "overgangen": sorted(services.TRANSITIES[s.status]),
        "SetStatus": SetStatus,
        "progress_bewerkbaar": beheer and s.status in (SetStatus.CONCEPT, SetStatus.VASTGESTELD),
        "status_keuzes": AfspraakStatus.choices,
    }


@permission_required("praatplaat.view", _set_wijk)
def set_detail(request: HttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    s = _set(request, pk)
    return render(request, "praatplaat/set.html", _set_context(request, s, obj))


@permission_required("praatplaat.view", _set_wijk)
def set_diff(request: HttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    s = _set(request, pk)
    versies = list(s.versies.order_by("nummer"))
    if not versies:
        raise Http404
    nummers = [v.nummer for v in versies]

    def nummer(param: str, default: int) -> int:
        try:
            n = int(request.GET.get(param, default))
        except ValueError:
            return default
        return n if n in nummers else default

    naar = nummer("naar", nummers[-1])
    van = nummer("van", nummers[-2] if len(nummers) > 1 else nummers[0])
    per = {v.nummer: v for v in versies}
    verschil = diff.verschil(per[van].snapshot, per[naar].snapshot)
    return render(
        request,
        "praatplaat/diff.html",
        {
            "wijk": obj,
            "set": s,
            "versies": versies,
            "van": per[van],
            "naar": per[naar],
            "diff": verschil,
        },
    )


# --- staff: conversations and questions -------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("praatplaat.manage", _wijk)
def gesprek_bewerken(
    request: HttpRequest, slug: str, obj: Wijk, pk: int | None = None
) -> HttpResponse:
    g = get_object_or_404(Gesprek, wijk=obj, pk=pk) if pk else None
    vragen = list(Vraag.objects.voor_wijk(obj).select_related("onderdeel"))
    bestaand = {a.vraag_id: a.tekst for a in g.antwoorden.all()} if g else {}
    form = GesprekForm(request.POST or None, instance=g, vragen=vragen, antwoorden=bestaand)
    if request.method == "POST" and form.is_valid():
        try:
            g = services.gesprek_opslaan(
                wijk=obj,
                door=request.user,
                gegevens={k: v for k, v in form.cleaned_data.items() if not k.startswith("vraag_")},
                antwoorden=form.antwoorden(),
                gesprek=g,
            )
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The conversation has been saved."))
            return redirect(g)
    return render(
        request, "praatplaat/gesprek_form.html", {"wijk": obj, "form": form, "gesprek": g}
    )


@require_http_methods(["GET", "POST"])
@permission_required("praatplaat.manage", _wijk)
def vraag_nieuw(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    form = VraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vraag_toevoegen(wijk=obj, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The question has been added for this neighbourhood."))
            return redirect("praatplaat:wijk", slug=obj.slug)
    return render(request, "praatplaat/vraag_form.html", {"wijk": obj, "form": form})


# --- staff: agreement sets --------------------------------------------------------------------


@require_POST
@permission_required("praatplaat.manage", _wijk)
def set_nieuw(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    form = SetNieuwForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the agreement set a title."))
        return redirect("praatplaat:wijk", slug=obj.slug)
    s = services.afsprakenset_maken(wijk=obj, door=request.user, titel=form.cleaned_data["titel"])
    return redirect("praatplaat:set_bewerken", pk=s.pk)


@require_http_methods(["GET", "POST"])
@permission_required("praatplaat.manage", _set_wijk)
def set_bewerken(request: HttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    s = _set(request, pk)
    if s.status != SetStatus.CONCEPT:
        messages.error(request, _("Only a draft can be edited. Move the set back to draft first."))
        return redirect(s)
    data = request.POST or None
    form = SetForm(data, instance=s, prefix="set")
    afspraken: Any = AfspraakFormSet(data, queryset=s.afspraken.all(), prefix="afspraak")
    themas: Any = ThemaFormSet(data, queryset=s.themas.all(), prefix="thema")
    instrumenten: Any = InstrumentFormSet(data, queryset=s.instrumenten.all(), prefix="instrument")
    alle: list[Any] = [form, afspraken, themas, instrumenten]
    if request.method == "POST" and all(f.is_valid() for f in alle):
        try:
            services.afsprakenset_bijwerken(
                afsprakenset=s,
                door=request.user,
                gegevens=form.cleaned_data,
                afspraken=afspraken.items(),
                themas=themas.items(),
                instrumenten=instrumenten.items(),
            )
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The agreement set has been saved as a new version."))
            return redirect(s)
    return render(
        request,
        "praatplaat/set_form.html",
        {
            "wijk": obj,
            "set": s,
            "form": form,
            "afspraken": afspraken,
            "themas": themas,
            "instrumenten": instrumenten,
        },
    )


@require_POST
@permission_required("praatplaat.manage", _set_wijk)
def set_status(request: HttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    s = _set(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect(s)
    try:
        services.afsprakenset_status(
            afsprakenset=s,
            naar=form.cleaned_data["naar"],
            door=request.user,
            vastgesteld_op=form.cleaned_data.get("vastgesteld_op"),
            besluit_referentie=form.cleaned_data.get("besluit_referentie") or "",
        )
    except ValidationError as exc:
        _fouten(request, exc)
    else:
        messages.success(request, _("The status has been changed."))
    return redirect(s)


@require_POST
@permission_required("praatplaat.manage", _afspraak_wijk)
def afspraak_status(request: HttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    a = get_object_or_404(Afspraak, pk=pk)
    form = AfspraakStatusForm(request.POST)
    if form.is_valid():
        try:
            services.afspraak_status_zetten(
                afspraak=a, status=form.cleaned_data["status"], door=request.user
            )
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The progress has been saved."))
    return redirect(a.afsprakenset)


# --- council ---------------------------------------------------------------------------------


@require_POST
@permission_required("praatplaat.comment", _set_wijk)
def commentaar(request: HtmxHttpRequest, pk: int, obj: Wijk) -> HttpResponse:
    s = _set(request, pk)
    form = CommentaarForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            ctx = {**_set_context(request, s, obj), "fout": _("Write a comment first.")}
            return render(request, "praatplaat/set.html#commentaren", ctx)
        messages.error(request, _("Write a comment first."))
        return redirect(s)
    afspraak = parent = None
    if form.cleaned_data.get("afspraak"):
        afspraak = Afspraak.objects.filter(pk=form.cleaned_data["afspraak"]).first()
    if form.cleaned_data.get("parent"):
        parent = Commentaar.objects.filter(pk=form.cleaned_data["parent"]).first()
    try:
        c = services.commentaar_plaatsen(
            afsprakenset=s,
            auteur=request.user,
            tekst=form.cleaned_data["tekst"],
            afspraak=afspraak,
            parent=parent,
        )
    except ValidationError as exc:
        _fouten(request, exc)
        return redirect(s)
    if request.htmx:  # swap only the comment thread
        ctx = {**_set_context(request, s, obj), "geplaatst": c}
        return render(request, "praatplaat/set.html#commentaren", ctx)
    messages.success(request, _("Your comment has been placed."))
    return redirect(f"{s.get_absolute_url()}#commentaar-{c.pk}")


@permission_required("praatplaat.council_overview")
def raad(request: HttpRequest) -> HttpResponse:
    wijken = Wijk.objects.select_related("stadsdeel").order_by("stadsdeel__naam", "naam")
    return render(request, "praatplaat/raad.html", {"rijen": selectors.raad_overzicht(wijken)})


@require_http_methods(["GET", "POST"])
@permission_required("praatplaat.raadsrol", _wijk)
def raadsrol(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    huidig = selectors.laatste_raadsrol(obj)
    initial = {"sturing": huidig.sturing, "rollen": huidig.rollen} if huidig else {}
    form = RaadsrolForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.raadsrol_vastleggen(wijk=obj, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The council's role has been recorded."))
            return redirect("praatplaat:wijk", slug=obj.slug)
    return render(
        request, "praatplaat/raadsrol_form.html", {"wijk": obj, "form": form, "huidig": huidig}
    )


# --- evaluation -------------------------------------------------------------------------------


@permission_required("praatplaat.view", _wijk)
def evaluaties(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    lijst = list(Evaluatie.objects.filter(wijk=obj).select_related("afsprakenset"))
    labels = [str(KOMPAS_LABELS[c]) for c in KOMPAS_WAARDEN]
    items = [
        (
            e,
            charts.radar(
                labels,
                [s for _c, _l, s, _t in e.scores],
                chart_id=f"radar-{e.pk}",
                titel=_("Compass scores of %(datum)s (1 to 5)") % {"datum": e.datum},
            ),
        )
        for e in lijst
    ]
    return render(
        request,
        "praatplaat/evaluaties.html",
        {
            "wijk": obj,
            "items": items,
            "labels": labels,
            "trend": charts.trend(lijst, labels, chart_id="trend") if len(lijst) > 1 else None,
            "evaluaties": list(reversed(lijst)),
            "beheer": can(request.user, "praatplaat.manage", obj),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("praatplaat.manage", _wijk)
def evaluatie_nieuw(request: HttpRequest, slug: str, obj: Wijk) -> HttpResponse:
    form = EvaluatieForm(request.POST or None, wijk=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluatie_vastleggen(wijk=obj, door=request.user, gegevens=form.cleaned_data)
        except ValidationError as exc:
            _fouten(request, exc)
        else:
            messages.success(request, _("The evaluation has been recorded."))
            return redirect("praatplaat:evaluaties", slug=obj.slug)
    return render(request, "praatplaat/evaluatie_form.html", {"wijk": obj, "form": form})
