"""Ballot validation per kind, casting and changing, one ballot per voter across channels."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stemmen import services_stemming as svc
from stemmen.models import Fase, Stemwijze
from stemmen.models_stemming import Kanaal, Kiezer, Stembiljet, Stemcode
from tests.stemmen.factories_stemming import idee_pks, make_ronde

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages are asserted in English (the msgids); the site's default is Dutch."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _fouten(ronde: Any, keuze: svc.Keuze) -> list[str]:
    return svc.keuze_samenvatting(ronde, keuze)["fouten"]


def test_approval_min_and_max(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], keuze_min=2, keuze_max=3)
    a, b, c, d = idee_pks(r)
    assert _fouten(r, svc.Keuze([a])) == ["Choose at least 2 ideas."]
    assert _fouten(r, svc.Keuze([a, b, c, d])) == ["Choose at most 3 ideas."]
    assert _fouten(r, svc.Keuze([a, b])) == []
    assert "Choose at least one idea." in _fouten(r, svc.Keuze([]))
    assert "Your ballot names an idea that is not on the ballot." in _fouten(
        r, svc.Keuze([a, 999999])
    )


def test_budget_ballot_fits_and_minimum_share(wijk: Any, roles: dict[str, Any]) -> None:
    # budget € 20.000; ideas € 5.000, 8.000, 10.000, 3.000
    r = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.BUDGET, budget_min_aandeel=50)
    a, b, c, d = idee_pks(r)
    s = svc.keuze_samenvatting(r, svc.Keuze([a, b, c]))
    assert s["over_budget"] and s["kosten"] == 2_300_000
    assert "more than the budget" in s["fouten"][0]
    assert "Spend at least 50%" in _fouten(r, svc.Keuze([d]))[0]
    assert _fouten(r, svc.Keuze([a, b, d])) == []


def test_ranking_top_k(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.RANKING, ranking_k=2)
    a, b, c, _d = idee_pks(r)
    assert _fouten(r, svc.Keuze([a, b, c], [1, 2, 3]))[0] == "Rank at most 2 ideas."
    assert _fouten(r, svc.Keuze([a, b], [1, 1])) == [
        "Give each idea a different place from 1 to 2."
    ]
    ok = svc.keuze_valideren(r, svc.Keuze([b, a], [1, 2]))
    assert ok.ideeen == [b, a] and ok.punten is None


def test_ranking_from_form_keeps_the_order(wijk: Any, roles: dict[str, Any], rf: Any) -> None:
    r = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.RANKING)
    a, b, c, _d = idee_pks(r)
    data = rf.post("/", {f"rang_{a}": "3", f"rang_{b}": "1", f"rang_{c}": "2"}).POST
    assert svc.keuze_uit_formulier(r, data).ideeen == [b, c, a]


def test_cumulative_points(wijk: Any, roles: dict[str, Any], rf: Any) -> None:
    r = make_ronde(
        wijk, roles["bewoner"], stemwijze=Stemwijze.PUNTEN, punten_totaal=10, punten_max_per_idee=6
    )
    a, b, _c, _d = idee_pks(r)
    assert _fouten(r, svc.Keuze([a, b], [7, 4])) == [
        "You gave 11 points; you have 10 to spread.",
        "At most 6 points per idea.",
    ]
    data = rf.post("/", {f"punten_{a}": "6", f"punten_{b}": "4", "punten_x": "1"}).POST
    k = svc.keuze_uit_formulier(r, data)
    assert (k.ideeen, k.punten) == ([a, b], [6, 4])
    assert _fouten(r, k) == []


def test_cast_change_and_one_ballot(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, b, *_ = idee_pks(r)
    ident = svc.identiteit_account(r, roles["bewoner"])
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([a]))
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([b, a]))
    assert Kiezer.objects.filter(ronde=r).count() == 1
    assert list(Stembiljet.objects.filter(ronde=r).values_list("ideeen", flat=True)) == [
        sorted([a, b])
    ]
    eigen = svc.eigen_stembiljet(r, ident)
    assert eigen is not None and eigen.ideeen == sorted([a, b])


def test_database_constraint_one_voter_row(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    Kiezer.objects.create(ronde=r, sleutel="user:1", kanaal=Kanaal.ACCOUNT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kiezer.objects.create(ronde=r, sleutel="user:1", kanaal=Kanaal.CODE)
    # one right to vote (a registered inhabitant) for every channel together
    Kiezer.objects.create(ronde=r, sleutel="user:2", stemrecht="inwoner:7", kanaal=Kanaal.ACCOUNT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kiezer.objects.create(ronde=r, sleutel="code:3", stemrecht="inwoner:7", kanaal=Kanaal.CODE)


def test_eligibility(wijk: Any, other_wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], minimum_leeftijd=16)
    with pytest.raises(ValidationError):
        svc.identiteit_account(r, roles["bewoner_elders"])
    with pytest.raises(ValidationError):
        svc.identiteit_account(r, roles["gebiedsteam"])
    bew = roles["bewoner"].bewoner
    from django.utils import timezone

    bew.geboortejaar = timezone.now().year - 12
    bew.save()
    roles["bewoner"].__dict__.pop("_bewoner_wijk_id", None)
    with pytest.raises(ValidationError, match="minimum age"):
        svc.identiteit_account(r, roles["bewoner"])


def test_voting_closed(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], fase=Fase.UITSLAG)
    ident = svc.identiteit_account(r, roles["bewoner"])
    with pytest.raises(ValidationError, match="not open"):
        svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze(idee_pks(r)[:1]))


# --- voting codes ------------------------------------------------------------------------


def test_codes_are_long_unambiguous_and_hashed(wijk: Any, roles: dict[str, Any]) -> None:
    import math

    r = make_ronde(wijk, roles["bewoner"])
    assert CODE_BITS >= 48
    assert not set("01OIL") & set(svc.ALFABET)
    pdf, n = svc.stemcodes_maken(ronde=r, actor=roles["gebiedsteam"])
    assert pdf.startswith(b"%PDF") and n > 0
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == n  # one page per address
    text = reader.pages[0].extract_text()
    codes = [w for w in text.split() if len(w) == 14 and w.count("-") == 2]
    assert codes
    stored = set(Stemcode.objects.filter(ronde=r).values_list("code_hash", flat=True))
    assert svc.code_hash(codes[0]) in stored
    assert codes[0] not in str(stored)
    assert math.log2(len(svc.ALFABET)) * svc.CODE_LENGTE >= 48
    with pytest.raises(ValidationError):  # a second run makes no new codes
        svc.stemcodes_maken(ronde=r, actor=roles["gebiedsteam"])


CODE_BITS = 12 * 4.95


def _code(r: Any) -> tuple[Stemcode, str]:
    from wijken.models import Adres

    c = svc.code_nieuw()
    adres = Adres.objects.filter(straat__buurt__wijk=r.wijk).order_by("pk")[0]
    sc = Stemcode.objects.create(
        ronde=r, adres=adres, code_hash=svc.code_hash(c), leeftijdsgroep="30-44"
    )
    return sc, c


def test_code_binds_on_first_use(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, b, *_ = idee_pks(r)
    sc, code = _code(r)
    found = svc.stemcode_zoeken(ronde=r, code=code.lower().replace("-", " "))
    assert found.pk == sc.pk
    _biljet, binding = svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze([a]))
    # the same browser (binding) may change it
    svc.stem_met_code(ronde=r, stemcode=sc, binding=binding, keuze=svc.Keuze([b]))
    assert Stembiljet.objects.get(ronde=r).ideeen == [b]
    # another browser with the same code may not
    with pytest.raises(ValidationError, match="already been used"):
        svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze([a]))
    with pytest.raises(ValidationError, match="already been used"):
        svc.stem_met_code(ronde=r, stemcode=sc, binding="guess", keuze=svc.Keuze([a]))
    assert Stembiljet.objects.get(ronde=r).ideeen == [b]
    with pytest.raises(ValidationError, match="not valid"):
        svc.stemcode_zoeken(ronde=r, code="ABCD-EFGH-JKMN")


def test_one_ballot_across_channels_code_then_paper(
    wijk: Any, roles: dict[str, Any], make_user: Any
) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, *_ = idee_pks(r)
    sc, code = _code(r)
    svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze([a]))
    with pytest.raises(ValidationError, match="already been used"):
        svc.papier_eerste_invoer(
            ronde=r, actor=roles["gebiedsteam"], code=code, biljetnummer="1", keuze=svc.Keuze([a])
        )
    assert Kiezer.objects.filter(ronde=r).count() == 1
    assert Stembiljet.objects.filter(ronde=r).count() == 1


def test_paper_then_code_refused(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, *_ = idee_pks(r)
    sc, code = _code(r)
    svc.papier_eerste_invoer(
        ronde=r, actor=roles["gebiedsteam"], code=code, biljetnummer="7", keuze=svc.Keuze([a])
    )
    with pytest.raises(ValidationError, match="already been used"):
        svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze([a]))
    # even bypassing the binding, the voter row refuses a second ballot for a paper voter
    with pytest.raises(ValidationError, match="paper ballot"):
        svc.stem_uitbrengen(ronde=r, identiteit=svc.identiteit_code(sc), keuze=svc.Keuze([a]))


def test_paper_double_entry(wijk: Any, roles: dict[str, Any], make_user: Any) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, b, *_ = idee_pks(r)
    staf1 = roles["gebiedsteam"]
    staf2 = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel, email="tweede@example.org")
    sc1, code1 = _code(r)
    sc2, code2 = _code(r)
    svc.papier_eerste_invoer(
        ronde=r, actor=staf1, code=code1, biljetnummer="1", keuze=svc.Keuze([a, b])
    )
    assert Stembiljet.objects.filter(ronde=r).count() == 0  # not counted after one entry
    with pytest.raises(ValidationError, match="different person"):
        svc.papier_tweede_invoer(ronde=r, actor=staf1, biljetnummer="1", keuze=svc.Keuze([a, b]))
    inv = svc.papier_tweede_invoer(ronde=r, actor=staf2, biljetnummer="1", keuze=svc.Keuze([b, a]))
    assert inv.status == "geteld" and inv.door_1 == staf1 and inv.door_2 == staf2 and inv.op_2
    assert Stembiljet.objects.filter(ronde=r, kanaal="papier").count() == 1
    # mismatch is flagged and does not count
    svc.papier_eerste_invoer(
        ronde=r, actor=staf1, code=code2, biljetnummer="2", keuze=svc.Keuze([a])
    )
    inv = svc.papier_tweede_invoer(ronde=r, actor=staf2, biljetnummer="2", keuze=svc.Keuze([b]))
    assert inv.status == "afwijkend"
    assert Stembiljet.objects.filter(ronde=r).count() == 1
    # a correct re-entry by the second person resolves it
    inv = svc.papier_tweede_invoer(ronde=r, actor=staf2, biljetnummer="2", keuze=svc.Keuze([a]))
    assert inv.status == "geteld"
    assert Stembiljet.objects.filter(ronde=r).count() == 2
    with pytest.raises(ValidationError):
        svc.papier_eerste_invoer(
            ronde=r, actor=staf1, code=code2, biljetnummer="3", keuze=svc.Keuze([a])
        )
    with pytest.raises(ValidationError):
        svc.papier_eerste_invoer(
            ronde=r, actor=roles["bewoner"], code=code2, biljetnummer="4", keuze=svc.Keuze([a])
        )
