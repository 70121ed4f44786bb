"""Reads of the idea rounds."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from groningenmodel.permissions import staff_of_wijk

from .models import (
    UITVOERING_STATUSSEN,
    Aanvraag,
    Fase,
    Idee,
    IdeeStatus,
    IdeeUpdate,
    Reactie,
    Ronde,
)


def ideeen_van_ronde(
    ronde: Ronde, *, status: str = "", thema: str = "", zoek: str = ""
) -> QuerySet[Idee]:
    qs = (
        Idee.objects.filter(ronde=ronde)
        .select_related("thema", "buurt")
        .annotate(
            aantal_steun=Count("steunbetuigingen", distinct=True),
            aantal_reacties=Count(
                "reacties", filter=Q(reacties__status=Reactie.Status.ZICHTBAAR), distinct=True
            ),
        )
        .order_by("-aantal_steun", "titel")
    )
    if status:
        qs = qs.filter(status=status)
    if thema:
        qs = qs.filter(thema_id=thema) if thema.isdigit() else qs
    if zoek:
        qs = qs.filter(Q(titel__icontains=zoek) | Q(beschrijving__icontains=zoek))
    return qs


def status_tellingen(ronde: Ronde) -> dict[str, int]:
    rows = Idee.objects.filter(ronde=ronde).values_list("status").annotate(n=Count("id"))
    return dict(rows)


def idee_detail(pk: int) -> Idee:
    reacties = Reactie.objects.select_related("auteur").order_by("op", "id")
    return (
        Idee.objects.select_related(
            "ronde__wijk__stadsdeel", "indiener", "thema", "buurt", "samengevoegd_in"
        )
        .prefetch_related(
            "afbeeldingen",
            "mede_indieners",
            "oordelen",
            Prefetch("reacties", queryset=reacties.filter(ouder__isnull=True), to_attr="draden"),
            Prefetch("reacties__antwoorden", queryset=reacties),
            Prefetch("updates", queryset=IdeeUpdate.objects.order_by("-datum", "-id")),
        )
        .annotate(aantal_steun=Count("steunbetuigingen", distinct=True))
        .get(pk=pk)
    )


_WORD = re.compile(r"\w{4,}", re.UNICODE)


def vergelijkbare_ideeen(
    ronde: Ronde, tekst: str, *, exclude: int | None = None, limit: int = 5
) -> list[Idee]:
    """Ideas in the round that look like ``tekst``: pg_trgm similarity on PostgreSQL,
    shared words (4+ letters) in the title elsewhere."""
    tekst = (tekst or "").strip()[:200]
    if len(tekst) < 4:
        return []
    qs = Idee.objects.filter(ronde=ronde).exclude(status=IdeeStatus.SAMENGEVOEGD)
    if exclude:
        qs = qs.exclude(pk=exclude)
    words = sorted({w.lower() for w in _WORD.findall(tekst)}, key=len, reverse=True)[:6]
    if not words:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity
        from django.db.models.functions import Greatest

        # Per typed word: how well it appears somewhere in the title (pg_trgm's
        # word_similarity), so "moestuintje" and the typo "moesstuin" find "Moestuin …".
        sims = [TrigramWordSimilarity(w, "titel") for w in words]
        score = Greatest(*sims) if len(sims) > 1 else sims[0]
        return list(qs.annotate(sim=score).filter(sim__gte=0.5).order_by("-sim", "titel")[:limit])
    # A crude stem: the first 6 letters of longer words (moestuintje → moestu).
    stems = {w[:6] for w in words}
    cond = Q()
    for w in sorted(stems)[:8]:
        cond |= Q(titel__icontains=w)
    found = list(qs.filter(cond)[:50])

    def _score(i: Idee) -> int:
        t = i.titel.lower()
        return sum(1 for w in stems if w in t)

    found.sort(key=lambda i: (-_score(i), i.titel))
    return found[:limit]


def huidige_ronde(wijk: Any) -> Ronde | None:
    return (
        Ronde.objects.filter(wijk=wijk)
        .exclude(fase__in=[Fase.CONCEPT, Fase.UITVOERING])
        .order_by("-indienen_vanaf")
        .first()
    ) or Ronde.objects.filter(wijk=wijk).exclude(fase=Fase.CONCEPT).order_by(
        "-indienen_vanaf"
    ).first()


def uitgevoerde_ideeen(wijk: Any, limit: int = 20) -> list[Idee]:
    """'Wat is er met de ideeën gebeurd': chosen ideas with their last update and spending."""
    laatste = IdeeUpdate.objects.order_by("-datum", "-id")
    return list(
        Idee.objects.filter(ronde__wijk=wijk, status__in=UITVOERING_STATUSSEN)
        .select_related("ronde")
        .annotate(uitgegeven=Sum("updates__uitgave"))
        .prefetch_related(Prefetch("updates", queryset=laatste, to_attr="alle_updates"))
        .order_by("-bijgewerkt")[:limit]
    )


def wijk_sectie(request: Any, wijk: Any) -> dict[str, Any] | None:
    ronde = huidige_ronde(wijk)
    gebeurd = uitgevoerde_ideeen(wijk, limit=8)
    beheer = staff_of_wijk(request.user, wijk)
    if ronde is None and not gebeurd and not beheer:
        return None
    return {
        "ronde": ronde,
        "tellingen": status_tellingen(ronde) if ronde else {},
        "gebeurd": gebeurd,
        "beheer": beheer,
    }


def aanvragen_van_wijk(wijk: Any, user: Any) -> QuerySet[Aanvraag]:
    qs = Aanvraag.objects.filter(wijk=wijk).select_related("aanvrager").order_by("-ingediend_op")
    if not staff_of_wijk(user, wijk):
        qs = qs.filter(aanvrager=user)
    return qs


def gemelde_reacties(wijk: Any) -> QuerySet[Reactie]:
    return (
        Reactie.objects.filter(idee__ronde__wijk=wijk, meldingen__afgehandeld=False)
        .select_related("idee", "auteur")
        .annotate(aantal_meldingen=Count("meldingen"))
        .prefetch_related("meldingen")
        .distinct()
        .order_by("-aantal_meldingen", "op")
    )
