"""Helpers for the voting tests: a round in the voting phase with ideas on the ballot."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from stemmen.models import Fase, Idee, IdeeStatus, Ronde, Stemwijze, Telregel


def make_ronde(
    wijk: Any,
    indiener: Any,
    *,
    stemwijze: str = Stemwijze.APPROVAL,
    kosten: list[int] | None = None,
    budget: int = 2_000_000,
    fase: str = Fase.STEMMEN,
    **velden: Any,
) -> Ronde:
    now = timezone.now()
    d = timedelta(days=1)
    defaults: dict[str, Any] = {
        "keuze_min": 1,
        "keuze_max": None,
        "telregel": Telregel.BORDA if stemwijze == Stemwijze.RANKING else Telregel.GREEDY,
    }
    if stemwijze == Stemwijze.RANKING:
        defaults["ranking_k"] = 3
    if stemwijze == Stemwijze.PUNTEN:
        defaults["punten_totaal"] = 10
    defaults.update(velden)
    ronde = Ronde(
        wijk=wijk,
        titel=velden.pop("titel", "Testronde"),
        budget=budget,
        fase=fase,
        indienen_vanaf=now - 10 * d,
        beoordelen_vanaf=now - 5 * d,
        stemmen_vanaf=now - 2 * d,
        uitslag_vanaf=now + 5 * d if fase == Fase.STEMMEN else now - d,
        uitvoering_vanaf=now + 30 * d,
        stemwijze=stemwijze,
        **{k: v for k, v in defaults.items() if k != "titel"},
    )
    ronde.full_clean()
    ronde.save()
    for n, k in enumerate(kosten or [500_000, 800_000, 1_000_000, 300_000]):
        Idee.objects.create(
            ronde=ronde,
            indiener=indiener,
            titel=f"Idee {n + 1}",
            beschrijving="Een idee.",
            kosten=k,
            status=IdeeStatus.STEMBAAR,
            uitkomst=IdeeStatus.STEMBAAR,
        )
    return ronde


def idee_pks(ronde: Ronde) -> list[int]:
    return list(Idee.objects.filter(ronde=ronde).order_by("pk").values_list("pk", flat=True))
