"""Reads of the loting app, also for other apps (the wijkpanel membership for peilingen)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet

from wijken.models import Wijk

from .models import Loting, Orgaan, Uitnodiging, Zetel


def wijkpanel_leden(wijk: Wijk) -> QuerySet[Zetel]:
    """The active members (seats) of the wijk's wijkpanel.

    Each seat has ``uitnodiging.email`` (may be empty: then reach them on paper) and
    ``uitnodiging.toestemming``; for a personal link use the seat's pk, never the pool
    data. Used by the panel consultations (Peiling) of the stemmen app."""
    return (
        Zetel.objects.filter(
            orgaan__wijk=wijk, orgaan__soort=Orgaan.Soort.WIJKPANEL, status=Zetel.Status.ACTIEF
        )
        .select_related("uitnodiging", "orgaan")
        .order_by("pk")
    )


def public_lotingen(wijk: Wijk | None = None) -> QuerySet[Loting]:
    qs = Loting.objects.exclude(status=Loting.Status.CONCEPT).select_related("wijk", "orgaan")
    if wijk is not None:
        qs = qs.filter(wijk=wijk)
    return qs


def strata_table(loting: Loting) -> list[dict[str, Any]]:
    """Per stratum: invited, reserves, answered, yes, selected — counts only."""
    namen = loting.strata_namen or {}
    rows = (
        loting.uitnodigingen.values("stratum")
        .annotate(
            uitgenodigd=Count("pk", filter=Q(soort=Uitnodiging.Soort.UITGENODIGD)),
            reserve=Count("pk", filter=Q(soort=Uitnodiging.Soort.RESERVE)),
            geantwoord=Count("pk", filter=~Q(antwoord="")),
            ja=Count("pk", filter=Q(antwoord=Uitnodiging.Antwoord.JA)),
            geselecteerd=Count(
                "pk",
                filter=Q(
                    uitkomst__in=[
                        Uitnodiging.Uitkomst.GESELECTEERD,
                        Uitnodiging.Uitkomst.VERVANGER,
                        Uitnodiging.Uitkomst.AFGEZEGD,
                    ]
                ),
            ),
        )
        .order_by("stratum")
    )
    out = []
    for r in rows:
        r["naam"] = namen.get(r["stratum"], r["stratum"])
        out.append(r)
    return out


def totals(loting: Loting) -> dict[str, int]:
    return loting.uitnodigingen.aggregate(
        uitgenodigd=Count("pk", filter=Q(soort=Uitnodiging.Soort.UITGENODIGD)),
        reserve=Count("pk", filter=Q(soort=Uitnodiging.Soort.RESERVE)),
        geantwoord=Count("pk", filter=~Q(antwoord="")),
        ja=Count("pk", filter=Q(antwoord=Uitnodiging.Antwoord.JA)),
        nee=Count("pk", filter=Q(antwoord=Uitnodiging.Antwoord.NEE)),
        geselecteerd=Count(
            "pk",
            filter=Q(
                uitkomst__in=[Uitnodiging.Uitkomst.GESELECTEERD, Uitnodiging.Uitkomst.VERVANGER]
            ),
        ),
        afgezegd=Count("pk", filter=Q(uitkomst=Uitnodiging.Uitkomst.AFGEZEGD)),
    )


def quota_table(loting: Loting) -> list[dict[str, Any]]:
    """Per quota: bounds, yes-sayers in the pool and members selected (counts only)."""
    pool: Counter[tuple[str, str]] = Counter()
    gekozen: Counter[tuple[str, str]] = Counter()
    for buurt, leeftijd, geslacht, uitkomst in loting.uitnodigingen.filter(
        antwoord=Uitnodiging.Antwoord.JA
    ).values_list("buurt__naam", "leeftijdsgroep", "geslacht", "uitkomst"):
        for key in (("buurt", buurt or ""), ("leeftijd", leeftijd), ("geslacht", geslacht)):
            pool[key] += 1
            if uitkomst in (Uitnodiging.Uitkomst.GESELECTEERD, Uitnodiging.Uitkomst.VERVANGER):
                gekozen[key] += 1
    out = []
    for q in loting.quota.all():
        key = (q.kenmerk, q.waarde)
        out.append(
            {
                "quotum": q,
                "pool": pool[key],
                "gekozen": gekozen[key],
                "gehaald": q.minimum <= gekozen[key] <= q.maximum,
            }
        )
    return out


def orgaan_zetels(orgaan: Orgaan) -> dict[str, list[Zetel]]:
    groups: dict[str, list[Zetel]] = defaultdict(list)
    for z in orgaan.zetels.select_related("uitnodiging__buurt", "uitnodiging__raadslid").order_by(
        "status", "begin", "pk"
    ):
        groups["actief" if z.status == Zetel.Status.ACTIEF else "eerder"].append(z)
    return groups
