"""Reads of the praatplaat, including what the other apps know of a wijk: its bodies
(loting), its open idea rounds (stemmen) and its budget pots and budget (wijken)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, Sum

from loting.models import Orgaan
from stemmen.models import Fase, Ronde
from wijken.models import Budgetpot
from wijken.selectors import budget_onder_zeggenschap_per_wijk

from . import congruentie
from .models import (
    AfspraakStatus,
    Afsprakenset,
    Antwoord,
    Evaluatie,
    Gesprek,
    Onderdeel,
    Raadsrol,
    Vraag,
)

# --- answers -------------------------------------------------------------------------------


def antwoorden_per_vraag(wijk: Any) -> dict[int, list[Antwoord]]:
    """vraag id → the wijk's answers, newest conversation first (the first is current)."""
    out: dict[int, list[Antwoord]] = defaultdict(list)
    qs = (
        Antwoord.objects.filter(gesprek__wijk=wijk)
        .exclude(tekst="")
        .select_related("gesprek")
        .order_by("-gesprek__datum", "-gesprek_id")
    )
    for a in qs:
        out[a.vraag_id].append(a)
    return dict(out)


@dataclass
class VraagRij:
    vraag: Vraag
    antwoorden: list[Antwoord]

    @property
    def laatste(self) -> Antwoord | None:
        return self.antwoorden[0] if self.antwoorden else None


@dataclass
class OnderdeelBlok:
    onderdeel: Onderdeel
    rijen: list[VraagRij]

    @property
    def beantwoord(self) -> int:
        return sum(1 for r in self.rijen if r.laatste)


def praatplaat_voor_wijk(wijk: Any) -> tuple[list[OnderdeelBlok], list[OnderdeelBlok]]:
    """(bouwstenen, kompas): each part with its questions and the wijk's answers."""
    per_vraag = antwoorden_per_vraag(wijk)
    vragen = list(Vraag.objects.voor_wijk(wijk).select_related("onderdeel"))
    blokken: dict[int, OnderdeelBlok] = {}
    for o in Onderdeel.objects.all():
        blokken[o.pk] = OnderdeelBlok(o, [])
    for v in vragen:
        blokken[v.onderdeel_id].rijen.append(VraagRij(v, per_vraag.get(v.pk, [])))
    bouw = [b for b in blokken.values() if b.onderdeel.soort == Onderdeel.Soort.BOUWSTEEN]
    kompas = [b for b in blokken.values() if b.onderdeel.soort == Onderdeel.Soort.KOMPAS]
    return bouw, kompas


def kompas_telling(wijk: Any) -> dict[str, tuple[int, int]]:
    """kompas code → (answered questions, all questions) for the wijk."""
    answered = set(
        Antwoord.objects.filter(gesprek__wijk=wijk)
        .exclude(tekst="")
        .values_list("vraag_id", flat=True)
    )
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for vid, code in (
        Vraag.objects.voor_wijk(wijk)
        .filter(onderdeel__soort=Onderdeel.Soort.KOMPAS)
        .values_list("id", "onderdeel__code")
    ):
        out[code][1] += 1
        if vid in answered:
            out[code][0] += 1
    return {c: (a, t) for c, (a, t) in out.items()}


# --- what other apps know of the wijk -------------------------------------------------------


def instrumenten_elders(wijk: Any) -> list[tuple[str, str]]:
    """Instruments other apps know of: (instrument kind, description).

    loting: a CWR or wijkpanel of the wijk; stemmen: an idea round of the wijk that is
    open (not yet at its result)."""
    soorten: dict[str, str] = {Orgaan.Soort.CWR: "cwr", Orgaan.Soort.WIJKPANEL: "wijkpanel"}
    found = [
        (soorten[o.soort], str(o))
        for o in Orgaan.objects.filter(wijk=wijk, soort__in=list(soorten))
    ]
    found += [
        ("ideeenronde", str(r))
        for r in Ronde.objects.filter(wijk=wijk).exclude(fase__in=[Fase.UITSLAG, Fase.UITVOERING])
    ]
    return found


def open_potten_elders(wijk: Any) -> list[str]:
    """Names of the wijk's budget pots in the wijken ledger."""
    return [str(p) for p in Budgetpot.objects.filter(wijk=wijk)]


# --- congruence ----------------------------------------------------------------------------


def _pot_voor_thema(naam: str, potten: list[str]) -> str:
    for p in potten:
        if naam.lower() in p.lower():
            return p
    return ""


def feiten(afsprakenset: Afsprakenset) -> congruentie.Feiten:
    wijk = afsprakenset.wijk
    potten = open_potten_elders(wijk)
    themas = tuple(
        congruentie.ThemaFeit(
            t.naam, t.archetype, t.open_begroting_pot or _pot_voor_thema(t.naam, potten)
        )
        for t in afsprakenset.themas.all()
    )
    soorten = {i.soort for i in afsprakenset.instrumenten.all()}
    soorten |= {s for s, _d in instrumenten_elders(wijk)}
    return congruentie.Feiten(
        themas=themas,
        kompas=kompas_telling(wijk),
        instrumenten=frozenset(soorten),
        verantwoording_wijk=bool(afsprakenset.verantwoording_wijk.strip()),
        verantwoording_raad=bool(afsprakenset.verantwoording_raad.strip()),
    )


def witte_vlekken(afsprakenset: Afsprakenset) -> list[congruentie.WitteVlek]:
    return congruentie.witte_vlekken(feiten(afsprakenset))


# --- sets and the council overview -----------------------------------------------------------


def huidige_set(wijk: Any) -> Afsprakenset | None:
    return (
        Afsprakenset.objects.filter(wijk=wijk)
        .prefetch_related("themas", "afspraken", "instrumenten")
        .first()
    )


@dataclass
class OverzichtRij:
    wijk: Any
    set: Afsprakenset | None
    open_acties: int
    evaluatie: Evaluatie | None
    budget: int | None
    gesprekken: int
    deelnemers: int
    raadsrol: Raadsrol | None

    @property
    def themas(self) -> list[Any]:
        return list(self.set.themas.all()) if self.set else []


def raad_overzicht(wijken: Any) -> list[OverzichtRij]:
    """One row per wijk for the council; a fixed number of queries."""
    wijken = list(wijken)
    ids = [w.pk for w in wijken]
    sets: dict[int, Any] = {}
    for found in (
        Afsprakenset.objects.filter(wijk_id__in=ids)
        .annotate(
            n_open=Count(
                "afspraken",
                filter=Q(afspraken__status__in=[AfspraakStatus.OPEN, AfspraakStatus.BEZIG]),
            )
        )
        .prefetch_related("themas")
        .order_by("wijk_id", "-created", "-id")
    ):
        sets.setdefault(found.wijk_id, found)
    evals: dict[int, Evaluatie] = {}
    for e in Evaluatie.objects.filter(wijk_id__in=ids).order_by("wijk_id", "-datum", "-id"):
        evals.setdefault(e.wijk_id, e)
    rollen: dict[int, Raadsrol] = {}
    for r in Raadsrol.objects.filter(wijk_id__in=ids).order_by("wijk_id", "-created", "-id"):
        rollen.setdefault(r.wijk_id, r)
    deelname = {
        row["wijk_id"]: row
        for row in Gesprek.objects.filter(wijk_id__in=ids)
        .values("wijk_id")
        .annotate(n=Count("id"), d=Sum("deelnemers"), laatst=Max("datum"))
    }
    budgets = budget_onder_zeggenschap_per_wijk(list(ids))
    rows = []
    for w in wijken:
        s = sets.get(w.pk)
        d = deelname.get(w.pk, {})
        rows.append(
            OverzichtRij(
                wijk=w,
                set=s,
                open_acties=getattr(s, "n_open", 0) if s else 0,
                evaluatie=evals.get(w.pk),
                budget=budgets.get(w.pk),
                gesprekken=d.get("n", 0),
                deelnemers=d.get("d") or 0,
                raadsrol=rollen.get(w.pk),
            )
        )
    return rows


def laatste_raadsrol(wijk: Any) -> Raadsrol | None:
    return Raadsrol.objects.filter(wijk=wijk).select_related("door").first()
