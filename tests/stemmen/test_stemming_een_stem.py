"""One ballot per voter for every channel together: an account linked to a registered
inhabitant and the postal voting code printed for that inhabitant share one right to
vote (``Kiezer.stemrecht``), enforced by a unique constraint."""

from __future__ import annotations

import io
import multiprocessing as mp
import traceback
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from stemmen import services_stemming as svc
from stemmen.models_stemming import Kanaal, Kiezer, Stembiljet, Stemcode
from tests.stemmen.factories_stemming import idee_pks, make_ronde
from wijken.models import Adres, Bewoner, Inwoner


def _huishouden(wijk: Any, make_user: Any) -> tuple[Any, Inwoner, Inwoner, Adres]:
    """An address with two registered adults; the first has an account linked to them."""
    adres = Adres.objects.filter(straat__buurt__wijk=wijk).order_by("pk")[0]
    Inwoner.objects.filter(adres=adres).delete()
    ik = Inwoner.objects.create(adres=adres, geboortejaar=1980, geslacht="v")
    huisgenoot = Inwoner.objects.create(adres=adres, geboortejaar=1982, geslacht="m")
    user = make_user("")
    Bewoner.objects.create(user=user, adres=adres, inwoner=ik, geboortejaar=1980, geverifieerd=True)
    return user, ik, huisgenoot, adres


def _codes(ronde: Any, actor: Any, adres: Adres) -> dict[int, str]:
    """Print the letters and read the codes back from the PDF: {inwoner pk: code}."""
    from pypdf import PdfReader

    pdf, _n = svc.stemcodes_maken(ronde=ronde, actor=actor)
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    gevonden = [w for w in tekst.split() if len(w) == 14 and w.count("-") == 2]
    per_inwoner = {}
    for code in gevonden:
        sc = Stemcode.objects.get(ronde=ronde, code_hash=svc.code_hash(code))
        if sc.adres_id == adres.pk:
            assert sc.inwoner_id is not None
            per_inwoner[sc.inwoner_id] = code
    return per_inwoner


def test_account_then_own_code_is_refused_but_housemate_votes(
    wijk: Any, roles: dict[str, Any], make_user: Any
) -> None:
    user, ik, huisgenoot, adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    a, b, *_ = idee_pks(r)
    codes = _codes(r, roles["gebiedsteam"], adres)
    assert set(codes) == {ik.pk, huisgenoot.pk}  # one code per registered inhabitant

    ident = svc.identiteit_account(r, user)
    assert ident.recht == f"inwoner:{ik.pk}"
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([a]))

    eigen = svc.stemcode_zoeken(ronde=r, code=codes[ik.pk])
    with pytest.raises(ValidationError, match="already voted with their account"):
        svc.stem_met_code(ronde=r, stemcode=eigen, binding=None, keuze=svc.Keuze([b]))
    # the refusal leaves nothing behind: the code is not bound, no voter row, no ballot
    eigen.refresh_from_db()
    assert not eigen.binding_hash and eigen.gebruikt_op is None
    with pytest.raises(ValidationError, match="already voted with their account"):
        svc.papier_eerste_invoer(
            ronde=r,
            actor=roles["gebiedsteam"],
            code=codes[ik.pk],
            biljetnummer="9",
            keuze=svc.Keuze([b]),
        )
    assert not r.papier.exists()

    ander = svc.stemcode_zoeken(ronde=r, code=codes[huisgenoot.pk])
    svc.stem_met_code(ronde=r, stemcode=ander, binding=None, keuze=svc.Keuze([b]))
    assert Kiezer.objects.filter(ronde=r).count() == 2
    assert sorted(Stembiljet.objects.filter(ronde=r).values_list("ideeen", flat=True)) == [
        [a],
        [b],
    ]
    # the account can still change its own ballot
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([a, b]))
    assert Stembiljet.objects.filter(ronde=r).count() == 2


def test_code_then_account_is_refused(wijk: Any, roles: dict[str, Any], make_user: Any) -> None:
    user, ik, _huisgenoot, adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    a, b, *_ = idee_pks(r)
    codes = _codes(r, roles["gebiedsteam"], adres)
    sc = svc.stemcode_zoeken(ronde=r, code=codes[ik.pk])
    svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze([a]))

    ident = svc.identiteit_account(r, user)
    assert svc.stemrecht_gebruikt_door(r, ident) == Kanaal.CODE
    with pytest.raises(ValidationError, match="with the voting code from your letter"):
        svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([b]))
    assert list(Stembiljet.objects.filter(ronde=r).values_list("ideeen", flat=True)) == [[a]]
    assert Kiezer.objects.filter(ronde=r).count() == 1


def test_paper_then_account_is_refused(wijk: Any, roles: dict[str, Any], make_user: Any) -> None:
    user, ik, _huisgenoot, adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    a, *_ = idee_pks(r)
    codes = _codes(r, roles["gebiedsteam"], adres)
    svc.papier_eerste_invoer(
        ronde=r,
        actor=roles["gebiedsteam"],
        code=codes[ik.pk],
        biljetnummer="1",
        keuze=svc.Keuze([a]),
    )
    with pytest.raises(ValidationError, match="on paper"):
        svc.stem_uitbrengen(
            ronde=r, identiteit=svc.identiteit_account(r, user), keuze=svc.Keuze([a])
        )


def test_account_without_registered_inhabitants_votes_as_itself(
    wijk: Any, roles: dict[str, Any]
) -> None:
    r = make_ronde(wijk, roles["bewoner"])
    a, *_ = idee_pks(r)
    ident = svc.identiteit_account(r, roles["bewoner"])
    assert ident.recht == ident.sleutel == f"user:{roles['bewoner'].pk}"
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([a]))
    assert Kiezer.objects.get(ronde=r).stemrecht == ident.sleutel


def test_the_register_decides_the_age(wijk: Any, roles: dict[str, Any], make_user: Any) -> None:
    """A linked account's age comes from the register, not from what the account says."""
    from django.utils import timezone

    user, ik, _h, _adres = _huishouden(wijk, make_user)
    ik.geboortejaar = timezone.now().year - 15
    ik.save()
    r = make_ronde(wijk, roles["bewoner"], minimum_leeftijd=16)
    with pytest.raises(ValidationError, match="minimum age"):
        svc.identiteit_account(r, user)


def test_database_refuses_a_second_voter_row_for_one_inhabitant(
    wijk: Any, roles: dict[str, Any], make_user: Any
) -> None:
    user, ik, _h, _adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    svc.stem_uitbrengen(
        ronde=r, identiteit=svc.identiteit_account(r, user), keuze=svc.Keuze(idee_pks(r)[:1])
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Kiezer.objects.create(
            ronde=r, sleutel="code:999", stemrecht=f"inwoner:{ik.pk}", kanaal=Kanaal.CODE
        )


def test_the_code_page_says_so_at_once(
    wijk: Any, roles: dict[str, Any], make_user: Any, client: Any
) -> None:
    user, ik, _h, adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    codes = _codes(r, roles["gebiedsteam"], adres)
    svc.stem_uitbrengen(
        ronde=r, identiteit=svc.identiteit_account(r, user), keuze=svc.Keuze(idee_pks(r)[:1])
    )
    response = client.post(reverse("stemmen:stemcode", args=[r.pk]), {"code": codes[ik.pk]})
    assert response.status_code == 200
    assert "already voted with their account" in response.content.decode()
    assert "stemcodes" not in client.session


def _race(kind: str, ronde_id: int, user_id: int, code: str, barrier: Any, out: Any) -> None:
    from django.db import connections

    from groningenmodel.models import User
    from stemmen.models import Ronde

    for conn in connections.all(initialized_only=True):
        conn.connection = None
    try:
        ronde = Ronde.objects.get(pk=ronde_id)
        keuze = svc.Keuze(idee_pks(ronde)[:1])
        barrier.wait(timeout=30)
        if kind == "account":
            ident = svc.identiteit_account(ronde, User.objects.get(pk=user_id))
            svc.stem_uitbrengen(ronde=ronde, identiteit=ident, keuze=keuze)
        else:
            sc = svc.stemcode_zoeken(ronde=ronde, code=code)
            svc.stem_met_code(ronde=ronde, stemcode=sc, binding=None, keuze=keuze)
        out.put((kind, "ok"))
    except ValidationError:
        out.put((kind, "refused"))
    except Exception:  # noqa: BLE001
        out.put((kind, traceback.format_exc()))
    finally:
        connections.close_all()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_account_and_code_at_the_same_moment(wijk: Any, make_user: Any) -> None:
    """Both channels of one inhabitant race: exactly one ballot, the other is refused."""
    from django.db import connections

    gebiedsteam = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel)
    for _ in range(5):
        user, ik, _h, adres = _huishouden(wijk, make_user)
        r = make_ronde(wijk, gebiedsteam)
        code = _codes(r, gebiedsteam, adres)[ik.pk]
        connections.close_all()
        ctx = mp.get_context("fork")
        barrier, out = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(target=_race, args=(k, r.pk, user.pk, code, barrier, out))
            for k in ("account", "code")
        ]
        for p in procs:
            p.start()
        uitkomst = dict(out.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(10)
        assert sorted(uitkomst.values()) == ["ok", "refused"], uitkomst
        assert Kiezer.objects.filter(ronde=r, stemrecht=f"inwoner:{ik.pk}").count() == 1
        assert Stembiljet.objects.filter(ronde=r).count() == 1
        Bewoner.objects.filter(user=user).delete()


def test_the_ballot_page_says_so_at_once(
    wijk: Any, roles: dict[str, Any], make_user: Any, client: Any
) -> None:
    user, ik, _h, adres = _huishouden(wijk, make_user)
    r = make_ronde(wijk, roles["bewoner"])
    code = _codes(r, roles["gebiedsteam"], adres)[ik.pk]
    sc = svc.stemcode_zoeken(ronde=r, code=code)
    svc.stem_met_code(ronde=r, stemcode=sc, binding=None, keuze=svc.Keuze(idee_pks(r)[:1]))
    client.force_login(user)
    response = client.get(reverse("stemmen:stem", args=[r.pk]))
    assert response.status_code == 403
    assert "with the voting code from your letter" in response.content.decode()
    assert 'name="idee"' not in response.content.decode()
