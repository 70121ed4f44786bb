"""Reads of the wijken app: balances of the open budget and wijkkompas figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q, Sum

from .models import AdresVerificatie, Boeking, BoekingQuerySet, Budgetpot, Stadsdeel, Wijk


@dataclass(frozen=True)
class Saldo:
    """Balances in cents. ``verplicht`` is what is committed and not yet spent or
    released; ``vrij`` = ``toegewezen`` − ``verplicht`` − ``uitgegeven``."""

    toegewezen: int = 0
    verplicht: int = 0
    uitgegeven: int = 0

    @property
    def vrij(self) -> int:
        return self.toegewezen - self.verplicht - self.uitgegeven

    @property
    def uitgegeven_aandeel(self) -> float:
        """Spent as a share (0–1) of allocated."""
        return self.uitgegeven / self.toegewezen if self.toegewezen else 0.0

    def __add__(self, other: Saldo) -> Saldo:
        return Saldo(
            self.toegewezen + other.toegewezen,
            self.verplicht + other.verplicht,
            self.uitgegeven + other.uitgegeven,
        )


def _saldo(qs: BoekingQuerySet) -> Saldo:
    t = qs.totalen()
    return Saldo(t["toegewezen"], t["verplicht"], t["uitgegeven"])


def saldo_pot(pot: Budgetpot | int) -> Saldo:
    pot_id = pot if isinstance(pot, int) else pot.pk
    return _saldo(Boeking.objects.filter(pot_id=pot_id))


def saldo_wijk(wijk: Wijk) -> Saldo:
    return _saldo(Boeking.objects.filter(pot__wijk=wijk))


def saldo_stadsdeel(stadsdeel: Stadsdeel) -> Saldo:
    return _saldo(Boeking.objects.filter(pot__wijk__stadsdeel=stadsdeel))


def saldo_stad() -> Saldo:
    return _saldo(Boeking.objects.all())


def _sums(prefix: str = "boekingen__") -> dict[str, Any]:
    return {
        "s_toegewezen": Sum(f"{prefix}delta_toegewezen"),
        "s_verplicht": Sum(f"{prefix}delta_verplicht"),
        "s_uitgegeven": Sum(f"{prefix}delta_uitgegeven"),
    }


def _from_row(row: Any) -> Saldo:
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return Saldo(
        int(get("s_toegewezen") or 0), int(get("s_verplicht") or 0), int(get("s_uitgegeven") or 0)
    )


def potten_met_saldo(wijk: Wijk) -> list[tuple[Budgetpot, Saldo]]:
    """The wijk's pots, each with its balance (one query)."""
    potten = Budgetpot.objects.filter(wijk=wijk).annotate(**_sums())
    return [(p, _from_row(p)) for p in potten]


def saldi_per_wijk() -> dict[int, Saldo]:
    """wijk id → balance, for all wijken (one query)."""
    rows = Boeking.objects.values("pot__wijk_id").order_by().annotate(**_sums(prefix=""))
    return {r["pot__wijk_id"]: _from_row(r) for r in rows}


def saldi_per_stadsdeel() -> dict[int, Saldo]:
    rows = Boeking.objects.values("pot__wijk__stadsdeel_id").order_by().annotate(**_sums(prefix=""))
    return {r["pot__wijk__stadsdeel_id"]: _from_row(r) for r in rows}


def verplichting_openstaand(verplichting: Boeking) -> int:
    """Cents of a commitment not yet spent or released (after corrections)."""
    total = Boeking.objects.filter(Q(pk=verplichting.pk) | Q(verplichting=verplichting)).aggregate(
        s=Sum("delta_verplicht")
    )["s"]
    return int(total or 0)


def boekingen_voor_bron(obj: models.Model) -> models.QuerySet[Boeking]:
    """Every entry caused by ``obj`` (any app's model instance)."""
    return Boeking.objects.filter(bron_type=obj._meta.label_lower, bron_id=str(obj.pk))


def budgetpot_actief(wijk: Wijk, soort: str, *, datum: date | None = None) -> Budgetpot | None:
    """The wijk's pot of this kind whose period contains ``datum`` (default today)."""
    from django.utils import timezone

    d = datum or timezone.localdate()
    return (
        Budgetpot.objects.filter(wijk=wijk, soort=soort, periode_start__lte=d, periode_eind__gte=d)
        .order_by("-periode_start")
        .first()
    )


# --- wijkkompas and spending over time ---------------------------------------------


@dataclass
class KompasRij:
    jaar: int
    wijk: Any
    stad: Any


@dataclass
class KompasIndicator:
    indicator: Any
    rijen: list[KompasRij]

    @property
    def laatste(self) -> KompasRij | None:
        return self.rijen[-1] if self.rijen else None


def kompas_voor_wijk(wijk: Wijk) -> list[KompasIndicator]:
    """Per indicator the wijk's values and the city average per year (one query)."""
    from .models import Meting

    metingen = (
        Meting.objects.filter(Q(wijk=wijk) | Q(wijk__isnull=True))
        .select_related("indicator")
        .order_by("indicator__volgorde", "indicator__naam", "jaar")
    )
    per: dict[int, tuple[Any, dict[int, list[Any]]]] = {}
    for m in metingen:
        ind, jaren = per.setdefault(m.indicator_id, (m.indicator, {}))
        slot = jaren.setdefault(m.jaar, [None, None])
        slot[0 if m.wijk_id else 1] = m.waarde
    out = []
    for ind, jaren in per.values():
        rijen = [KompasRij(j, w, s) for j, (w, s) in sorted(jaren.items())]
        if any(r.wijk is not None for r in rijen):
            out.append(KompasIndicator(ind, rijen))
    return out


def uitgaven_per_categorie_per_jaar(wijk: Wijk) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Net spending (cents) per category per year: (years, [(category label, [cents per
    year])]) — categories without spending left out."""
    from django.db.models.functions import ExtractYear

    rows = (
        Boeking.objects.filter(pot__wijk=wijk)
        .exclude(delta_uitgegeven=0)
        .annotate(jaar=ExtractYear("datum"))
        .values("jaar", "categorie")
        .order_by()
        .annotate(s=Sum("delta_uitgegeven"))
    )
    data: dict[str, dict[int, int]] = {}
    jaren: set[int] = set()
    for r in rows:
        data.setdefault(r["categorie"], {})[r["jaar"]] = int(r["s"] or 0)
        jaren.add(r["jaar"])
    js = sorted(jaren)
    labels = dict(Boeking.Categorie.choices)
    reeksen = [
        (str(labels.get(cat, cat)), [per.get(j, 0) for j in js])
        for cat, per in sorted(data.items(), key=lambda kv: -sum(kv[1].values()))
        if any(per.values())
    ]
    return js, reeksen


def budget_onder_zeggenschap_per_wijk(
    wijk_ids: list[int], *, datum: date | None = None
) -> dict[int, int]:
    """``budget_onder_zeggenschap`` for many wijken in one query: {wijk id: cents}."""
    from django.db.models import Sum
    from django.utils import timezone

    d = datum or timezone.localdate()
    rows = (
        Boeking.objects.filter(
            pot__wijk_id__in=wijk_ids, pot__periode_start__lte=d, pot__periode_eind__gte=d
        )
        .values("pot__wijk_id")
        .annotate(t=Sum("delta_toegewezen"))
    )
    found = {r["pot__wijk_id"]: int(r["t"] or 0) for r in rows}
    return {wid: found.get(wid, 0) for wid in wijk_ids}


def budget_onder_zeggenschap(wijk: Wijk, *, datum: date | None = None) -> int:
    """Cents allocated to the wijk's pots whose period includes ``datum`` (default today):
    the money the wijk currently has a say over (used by praatplaat's congruence check)."""
    from django.utils import timezone

    d = datum or timezone.localdate()
    return _saldo(
        Boeking.objects.filter(pot__wijk=wijk, pot__periode_start__lte=d, pot__periode_eind__gte=d)
    ).toegewezen


# --- address verification ------------------------------------------------------------------


def adresverificaties_open(
    stadsdeel: Stadsdeel, wijk: Wijk | None = None
) -> models.QuerySet[AdresVerificatie]:
    """Open address-verification requests in a stadsdeel (or one wijk of it), oldest
    first, with what the area team's list shows (no account data)."""
    qs = AdresVerificatie.objects.filter(adres__straat__buurt__wijk__stadsdeel=stadsdeel)
    if wijk is not None:
        qs = qs.filter(adres__straat__buurt__wijk=wijk)
    return qs.select_related("adres__straat__buurt__wijk").order_by("aangevraagd_op", "pk")
