"""Helpers to bring a lottery to a given step through the services (no shortcuts)."""

from __future__ import annotations

from typing import Any

from loting import services
from loting.models import Loting, Uitnodiging


def make_loting(
    wijk: Any, *, zetels: int = 3, uitnodigingen: int = 12, doel: str = "cwr_bewoners", **kw: Any
) -> Loting:
    return services.loting_create(
        wijk=wijk,
        doel=doel,
        titel=kw.pop("titel", "Testloting"),
        zetels=zetels,
        aantal_uitnodigingen=uitnodigingen,
        marge_procent=kw.pop("marge_procent", 100),
        **kw,
    )


def drawn_loting(wijk: Any, *, seed: str = "test-seed", **kw: Any) -> Loting:
    loting = make_loting(wijk, **kw)
    services.seed_commit(loting=loting, seed=seed)
    services.draw_start(loting=loting)
    assert services.invitations_draw(loting_id=loting.pk)
    loting.refresh_from_db()
    return loting


BANDS = ["16-24", "25-34", "35-49", "50-64", "65+"]


def answer_all(loting: Loting, *, ja_every: int = 1) -> list[Uitnodiging]:
    """Every invited household answers; every ``ja_every``-th says yes."""
    out = []
    for i, u in enumerate(loting.uitnodigingen.filter(soort="uitgenodigd").order_by("pk")):
        if i % ja_every == 0:
            out.append(
                services.response_record(
                    uitnodiging=u,
                    antwoord="ja",
                    via="papier",
                    leeftijdsgroep=BANDS[i % len(BANDS)],
                    geslacht="vm"[i % 2],
                    toestemming=True,
                )
            )
        else:
            out.append(services.response_record(uitnodiging=u, antwoord="nee", via="telefoon"))
    return out


def selected_loting(wijk: Any, **kw: Any) -> Loting:
    loting = drawn_loting(wijk, **kw)
    answer_all(loting)
    services.selection_start(loting=loting)
    assert services.selection_run(loting_id=loting.pk)
    loting.refresh_from_db()
    return loting
