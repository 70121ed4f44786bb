"""The demo carries the seed numbers and loads twice without duplicating anything."""

from __future__ import annotations

import pytest

from stemmen.models import Aanvraag, Fase, Idee, IdeeStatus, Ronde, Stemwijze
from wijken.selectors import saldo_pot

pytestmark = pytest.mark.django_db


def test_demo_rounds_with_seed_numbers_idempotent():
    from groningenmodel import demo as core_demo
    from stemmen import demo
    from wijken import demo as wijken_demo

    wijken_demo.load(scale=0.02)
    core_demo.load(scale=0.02)
    demo.load()
    demo.load()
    op = Ronde.objects.get(wijk__slug="oosterparkwijk")
    assert op.titel == "Oosterparkwijk: altijd een goed idee" and op.budget == 2_000_000
    assert op.ideeen.count() == 65
    assert op.ideeen.filter(uitkomst=IdeeStatus.STEMBAAR).count() == 23
    gekozen = op.ideeen.filter(status__in=[IdeeStatus.IN_UITVOERING, IdeeStatus.UITGEVOERD])
    assert gekozen.count() == 13
    assert sum(i.kosten for i in gekozen) <= op.budget
    s = saldo_pot(op.pot)
    assert s.verplicht + s.uitgegeven == sum(i.kosten for i in gekozen)
    assert all(i.beoordeling_reden for i in Idee.objects.filter(ronde=op))
    west = Ronde.objects.get(wijk__slug="vinkhuizen")
    assert (
        west.fase == Fase.INDIENEN and west.stemwijze == Stemwijze.RANKING and west.ranking_k == 3
    )
    assert Aanvraag.objects.filter(soort="buurtbudget").count() == 4
    assert Aanvraag.objects.filter(soort="uitdaagrecht").count() == 1
