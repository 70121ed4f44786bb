"""Tally through the service and the Celery task, explanations, pabulib round trip, secrecy."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stemmen import selectors_stemming as sel
from stemmen import services_stemming as svc
from stemmen.models import Fase, Ronde, Stemwijze, Telregel
from stemmen.models_stemming import Kiezer, Stembiljet, Uitslag
from stemmen.telling import tally_arrays
from tests.stemmen.factories_stemming import idee_pks, make_ronde

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages are asserted in English (the msgids); the site's default is Dutch."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _vote(r: Any, n: int, keuze: list[int], punten: list[int] | None = None) -> None:
    from stemmen.models_stemming import Kanaal

    for i in range(n):
        ident = svc.Identiteit(f"test:{len(keuze)}:{keuze}:{i}", Kanaal.CODE, None, "30-44")
        svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze(keuze, punten))


def test_greedy_tally_matches_engine_and_explains(wijk: Any, roles: dict[str, Any]) -> None:
    # budget 20.000: ideas 5.000 / 8.000 / 10.000 / 3.000
    r = make_ronde(wijk, roles["bewoner"])
    a, b, c, d = idee_pks(r)
    _vote(r, 5, [c, b])
    _vote(r, 4, [b])
    _vote(r, 3, [a, d])
    u = svc.ronde_tellen(ronde_id=r.pk)
    assert u.aantal_stemmen == 12
    # engine directly: b 9, c 5, a 3, d 3 → b (8.000), c (10.000), then a does not fit (2.000 left), d?
    direct = tally_arrays(
        project_ids=[str(x) for x in (a, b, c, d)],
        costs=[500_000, 800_000, 1_000_000, 300_000],
        budget=2_000_000,
        ballots=[[2, 1]] * 5 + [[1]] * 4 + [[0, 3]] * 3,
        rule="greedy",
    )
    assert u.resultaat["outcome"]["selected"] == direct.selected == [str(b), str(c)]
    rijen = sel.uitslag_rijen(r, u)
    per = {row["idee"].pk: row for row in rijen}
    assert per[b]["gekozen"] and per[c]["gekozen"] and not per[a]["gekozen"]
    assert "less than its cost of € 5.000" in per[a]["uitleg"]
    assert "€ 2.000" in per[a]["uitleg"]


def test_mes_and_borda_and_cumulative(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], telregel=Telregel.MES)
    a, b, c, d = idee_pks(r)
    _vote(r, 6, [a, b])
    _vote(r, 4, [c])
    u = svc.ronde_tellen(ronde_id=r.pk)
    assert u.regel == "mes-greedy"
    codes = {e["project_id"]: e["code"] for e in u.resultaat["outcome"]["explanations"]}
    assert codes[str(a)].startswith("mes.") or codes[str(a)].startswith("completion.")
    texts = [row["uitleg"] for row in sel.uitslag_rijen(r, u)]
    assert all(t and "%(" not in t for t in texts)

    r2 = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.RANKING, titel="Wijktop 3")
    a, b, c, d = idee_pks(r2)
    _vote(r2, 3, [d, a, b], [1, 2, 3])
    u2 = svc.ronde_tellen(ronde_id=r2.pk)
    assert u2.resultaat["scores"][str(d)] == 9  # ballot-Borda: 3 points for first place x3

    r3 = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.PUNTEN, titel="Punten")
    a, b, c, d = idee_pks(r3)
    _vote(r3, 2, [a, b], [7, 3])
    u3 = svc.ronde_tellen(ronde_id=r3.pk)
    assert u3.resultaat["scores"][str(a)] == 14 and u3.resultaat["votes"][str(b)] == 2


def test_pabulib_round_trip(wijk: Any, roles: dict[str, Any]) -> None:
    r = make_ronde(wijk, roles["bewoner"], stemwijze=Stemwijze.RANKING)
    a, b, c, d = idee_pks(r)
    _vote(r, 3, [d, a], [1, 2])
    _vote(r, 2, [b, c, a], [1, 2, 3])
    tekst = svc.ronde_naar_pb(r)
    assert "vote_type;ordinal" in tekst and "user:" not in tekst
    nieuw = svc.ronde_uit_pb(wijk=wijk, actor=roles["gebiedsteam"], tekst=tekst, titel="Kopie")
    assert (
        nieuw.fase == Fase.UITSLAG
        and nieuw.stemwijze == Stemwijze.RANKING
        and nieuw.budget == r.budget
    )
    assert sorted(nieuw.ideeen.values_list("kosten", flat=True)) == sorted(
        r.ideeen.values_list("kosten", flat=True)
    )
    assert Stembiljet.objects.filter(ronde=nieuw).count() == 5
    assert Kiezer.objects.filter(ronde=nieuw).count() == 5
    u1, u2 = svc.ronde_tellen(ronde_id=r.pk), svc.ronde_tellen(ronde_id=nieuw.pk)
    titel = lambda rr, ids: [rr.ideeen.get(pk=int(i)).titel for i in ids]  # noqa: E731
    assert titel(r, u1.resultaat["outcome"]["selected"]) == titel(
        nieuw, u2.resultaat["outcome"]["selected"]
    )

    # exporting the imported round again gives the same ballots (ids renumbered)
    def votes(text: str) -> list[str]:
        return [row.split(";", 1)[1] for row in text.split("VOTES")[1].strip().splitlines()[1:]]

    again = svc.ronde_naar_pb(nieuw)
    shift = {str(o): str(n) for o, n in zip(idee_pks(r), idee_pks(nieuw), strict=True)}
    assert votes(again) == [",".join(shift[x] for x in v.split(",")) for v in votes(tekst)]


def test_pabulib_import_errors_are_atomic(wijk: Any, roles: dict[str, Any]) -> None:
    before = Ronde.objects.count()
    with pytest.raises(ValidationError, match="not a valid pabulib"):
        svc.ronde_uit_pb(wijk=wijk, actor=roles["gebiedsteam"], tekst="hello")
    bad = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;10.001\nVOTES\nvoter_id;vote\n1;1\n"
    with pytest.raises(ValidationError, match="cents"):
        svc.ronde_uit_pb(wijk=wijk, actor=roles["gebiedsteam"], tekst=bad)
    bad2 = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\n1;7\n"
    with pytest.raises(ValidationError):
        svc.ronde_uit_pb(wijk=wijk, actor=roles["gebiedsteam"], tekst=bad2)
    assert Ronde.objects.count() == before


def test_pb_import_view(wijk: Any, roles: dict[str, Any], client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n1;60;Bankje\n2;50;Boom\nVOTES\nvoter_id;vote\n1;1,2\n2;2\n"
    client.force_login(roles["gebiedsteam"])
    url = reverse("stemmen:pb_import", kwargs={"slug": wijk.slug})
    resp = client.post(url, {"bestand": SimpleUploadedFile("x.pb", b"nonsense")})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "not a valid pabulib file" in body or "geen geldig pabulib-bestand" in body
    resp = client.post(url, {"bestand": SimpleUploadedFile("x.pb", ok.encode())})
    assert resp.status_code == 302
    ronde = (
        Ronde.objects.get(titel="x.pb")
        if Ronde.objects.filter(titel="x.pb").exists()
        else Ronde.objects.latest("pk")
    )
    assert ronde.ideeen.count() == 2 and Stembiljet.objects.filter(ronde=ronde).count() == 2


@pytest.mark.django_db(transaction=True)
def test_task_tallies_with_a_real_worker(celery_worker: Any, wijk: Any, make_user: Any) -> None:
    from stemmen.tasks_stemming import ronde_tellen, rondes_tellen_gesloten

    bewoner = make_user("bewoner", wijk=wijk)
    r = make_ronde(wijk, bewoner)
    a, b, *_ = idee_pks(r)
    _vote(r, 3, [a])
    assert ronde_tellen.delay(r.pk).get(timeout=60)
    assert Uitslag.objects.get(ronde=r).resultaat["outcome"]["selected"] == [str(a)]
    # the beat task tallies closed rounds that have no result yet
    Ronde.objects.filter(pk=r.pk).update(fase=Fase.UITSLAG)
    Uitslag.objects.filter(ronde=r).delete()
    assert rondes_tellen_gesloten.delay().get(timeout=60) == 1
    assert Uitslag.objects.filter(ronde=r).exists()


# --- secrecy ---------------------------------------------------------------------------------


def test_no_page_or_export_shows_choices_per_person(
    wijk: Any, roles: dict[str, Any], client: Any
) -> None:
    """Staff see turnout, never who voted what: the voter rows and the ballot rows share no
    key, and no staff page or export mentions a voter next to a choice."""
    r = make_ronde(wijk, roles["gebiedsteam"])
    a, b, c, d = idee_pks(r)
    ident = svc.identiteit_account(r, roles["bewoner"])
    svc.stem_uitbrengen(ronde=r, identiteit=ident, keuze=svc.Keuze([d]))
    _vote(r, 2, [a])
    # the models: no foreign key from ballot to voter, no timestamps on ballots
    ballot_fields = {f.name for f in Stembiljet._meta.get_fields()}
    assert not ballot_fields & {"kiezer", "user", "stemcode", "aangemaakt", "datum"}
    kiezer_fields = {f.name for f in Kiezer._meta.get_fields()}
    assert not kiezer_fields & {"stembiljet", "ideeen", "punten"}
    # the ballot key cannot be derived from the voter row without the server's secret
    k = Kiezer.objects.get(ronde=r, sleutel=ident.sleutel)
    import hashlib

    assert hashlib.sha256(f"stembiljet:{r.pk}:{k.sleutel}".encode()).hexdigest() not in set(
        Stembiljet.objects.values_list("wijzig_sleutel", flat=True)
    )
    svc.ronde_tellen(ronde_id=r.pk)
    Ronde.objects.filter(pk=r.pk).update(fase=Fase.UITSLAG)
    client.force_login(roles["beheerder"])
    email = roles["bewoner"].email
    pages = [
        reverse("stemmen:stemming_beheer", kwargs={"pk": r.pk}),
        reverse("stemmen:uitslag", kwargs={"pk": r.pk}),
        reverse("stemmen:papier", kwargs={"pk": r.pk}),
        reverse("stemmen:pb_export", kwargs={"pk": r.pk}),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert email not in body, url
        assert f"user:{roles['bewoner'].pk}" not in body, url
        assert ident.sleutel not in body
    export = client.get(pages[-1]).content.decode()
    votes = export.split("VOTES")[1]
    assert "voter_id;vote" in votes.replace('"', "") and "user" not in votes
    # the admin does not register ballots or voters
    from django.contrib import admin

    assert Stembiljet not in admin.site._registry and Kiezer not in admin.site._registry
    # the privacy page says that one voted, not what
    from groningenmodel.privacy import personal_data_for

    rows = [row for _t, rs in personal_data_for(roles["bewoner"]) for row in rs]
    assert any("Testronde" in v for _k, v in rows)
    assert not any(f"Idee {d_i}" in v for _k, v in rows for d_i in range(1, 5))


def test_recording_the_result_books_commitments(
    wijk: Any, roles: dict[str, Any], client: Any
) -> None:
    from stemmen.models import IdeeStatus
    from tests.wijken.factories import make_pot
    from wijken.models import Boeking

    r = make_ronde(wijk, roles["gebiedsteam"])
    a, b, c, d = idee_pks(r)
    _vote(r, 3, [c, d])
    Ronde.objects.filter(pk=r.pk).update(fase=Fase.UITSLAG)
    client.force_login(roles["gebiedsteam"])
    url = reverse("stemmen:uitslag_vastleggen", kwargs={"pk": r.pk})
    client.post(url)
    assert not r.ideeen.filter(status=IdeeStatus.GEKOZEN).exists()  # not counted yet
    svc.ronde_tellen(ronde_id=r.pk)
    client.post(url)  # no budget pot: refused, nothing recorded (all or nothing)
    assert not r.ideeen.filter(status=IdeeStatus.GEKOZEN).exists()
    pot = make_pot(wijk, toegewezen=5_000_000, door=roles["gebiedsteam"])
    Ronde.objects.filter(pk=r.pk).update(pot=pot)
    assert client.post(url).status_code == 302
    chosen = set(r.ideeen.filter(status=IdeeStatus.GEKOZEN).values_list("pk", flat=True))
    # a (no votes) would fit in the € 7.000 left, but an idea nobody voted for is not funded
    assert chosen == {c, d}
    assert set(r.ideeen.filter(status=IdeeStatus.NIET_GEKOZEN).values_list("pk", flat=True)) == {
        a,
        b,
    }
    assert Boeking.objects.filter(pot=pot, soort="verplichting").count() == 2


def test_explanations_use_singular_and_plural() -> None:
    from django.utils import translation

    from stemmen.selectors_stemming import uitleg

    een = {"code": "greedy.selected", "params": {"score": 1, "rank": 2, "cost": 5000}}
    drie = {"code": "greedy.selected", "params": {"score": 3, "rank": 1, "cost": 5000}}
    mes = {"code": "mes.selected", "params": {"supporters": 1, "round": 1, "cost": 5000}}
    with translation.override("en"):
        assert "with 1 vote it came" in uitleg(een, {})
        assert "with 3 votes it came" in uitleg(drie, {})
        assert "its one supporter paid" in uitleg(mes, {})
    with translation.override("nl"):
        assert "met 1 stem " in uitleg(een, {})
        assert "met 3 stemmen " in uitleg(drie, {})
        assert "de enige stemmer ervoor betaalde" in uitleg(mes, {})
