"""Permission matrix rows for stemmen: every URL, every role."""

from __future__ import annotations

from tests.permission_matrix import LOGIN, Case, everyone, only, signed_in

STAFF = ["gebiedsteam", "beheerder"]
# The beheerder passes every rule (groningenmodel.permissions.can); the services still
# refuse resident-only actions to anyone who is not a resident of the wijk.
BEWONER = ["bewoner", "beheerder"]


def _ronde(ctx):
    return {"pk": ctx["s_ronde"].pk}


def _idee(ctx):
    return {"pk": ctx["s_idee"].pk}


def _wijk(ctx):
    return {"slug": ctx["wijk"].slug}


CASES = [
    Case("stemmen:index", everyone()),
    Case("stemmen:instellingen", signed_in()),
    Case("stemmen:ronde_nieuw", only(STAFF), kwargs=_wijk),
    Case("stemmen:moderatie", only(STAFF), kwargs=_wijk),
    Case(
        "stemmen:aanvragen",
        only(["bewoner", *STAFF]),
        kwargs=_wijk,
    ),
    Case("stemmen:aanvraag_nieuw", only(BEWONER), kwargs=_wijk),
    Case("stemmen:feed", everyone(), kwargs=_wijk),
    Case("stemmen:ronde", everyone(), kwargs=_ronde),
    Case(
        "stemmen:ronde",
        {**everyone(403), "anon": LOGIN, "gebiedsteam": 200, "beheerder": 200},
        kwargs=lambda ctx: {"pk": ctx["s_concept"].pk},
        label="concept",
    ),
    Case("stemmen:ronde_bewerken", only(STAFF), kwargs=_ronde),
    # POST moves the phase on: staff get a redirect back to the round.
    Case(
        "stemmen:ronde_fase",
        only(STAFF, code=302),
        kwargs=lambda ctx: {"pk": ctx["s_concept"].pk},
        method="post",
    ),
    Case("stemmen:idee_nieuw", only(BEWONER), kwargs=_ronde),
    Case(
        "stemmen:vergelijkbaar", everyone(), kwargs=_ronde, data=lambda ctx: {"titel": "moestuin"}
    ),
    Case("stemmen:idee", everyone(), kwargs=_idee),
    Case("stemmen:idee_bewerken", only(["beheerder"]), kwargs=_idee, label="not-own"),
    Case(
        "stemmen:idee_bewerken",
        only(BEWONER),
        kwargs=lambda ctx: {"pk": ctx["s_eigen_idee"].pk},
        label="own",
    ),
    Case("stemmen:idee_steunen", only(BEWONER, code=302), kwargs=_idee, method="post"),
    Case("stemmen:idee_meedoen", only(BEWONER, code=302), kwargs=_idee, method="post"),
    Case(
        "stemmen:reactie_plaatsen",
        only(BEWONER, code=302),
        kwargs=_idee,
        method="post",
        data=lambda ctx: {"tekst": "Mooi plan"},
    ),
    Case("stemmen:idee_beoordelen", only(STAFF), kwargs=_idee),
    Case(
        "stemmen:idee_antwoorden",
        only(BEWONER, code=302),
        kwargs=lambda ctx: {"pk": ctx["s_eigen_idee"].pk},
        method="post",
        data=lambda ctx: {"antwoord": "Dank"},
    ),
    Case(
        "stemmen:idee_uitslag",
        only(STAFF, code=302),
        kwargs=_idee,
        method="post",
        data=lambda ctx: {"gekozen": "0"},
    ),
    Case("stemmen:idee_update", only(STAFF), kwargs=_idee),
    Case("stemmen:reactie_melden", signed_in(), kwargs=lambda ctx: {"pk": ctx["s_reactie"].pk}),
    Case("stemmen:reactie_modereren", only(STAFF), kwargs=lambda ctx: {"pk": ctx["s_reactie"].pk}),
    Case(
        "stemmen:aanvraag",
        only(["bewoner", *STAFF]),
        kwargs=lambda ctx: {"pk": ctx["s_aanvraag"].pk},
    ),
    Case(
        "stemmen:aanvraag_stap",
        only(STAFF, code=302),
        kwargs=lambda ctx: {"pk": ctx["s_aanvraag"].pk},
        method="post",
        data=lambda ctx: {"stap": "gesprek", "toelichting": "Gesprek gevoerd"},
    ),
    Case("stemmen:aanvraag_besluit", only(STAFF), kwargs=lambda ctx: {"pk": ctx["s_aanvraag"].pk}),
]


def setup(ctx):
    from stemmen.models import Aanvraag, Fase, Reactie
    from tests.stemmen.factories import make_idee, make_ronde

    wijk = ctx["wijk"]
    bewoner = ctx["roles"]["bewoner"]
    buur = ctx["roles"]["bewoner"]
    from tests.core.factories import make_user

    buur = make_user("bewoner", wijk=wijk, email="buur@example.org")
    ctx["s_ronde"] = make_ronde(wijk, Fase.INDIENEN)
    ctx["s_concept"] = make_ronde(wijk, Fase.CONCEPT, titel="Nog niet open")
    ctx["s_idee"] = make_idee(ctx["s_ronde"], buur)
    ctx["s_eigen_idee"] = make_idee(ctx["s_ronde"], bewoner, titel="Eigen idee", beoordeeld_op=None)
    ctx["s_reactie"] = Reactie.objects.create(idee=ctx["s_idee"], auteur=buur, tekst="Hallo")
    from django.utils import timezone

    ctx["s_aanvraag"] = Aanvraag.objects.create(
        wijk=wijk,
        aanvrager=bewoner,
        soort="buurtbudget",
        titel="Straatfeest",
        beschrijving="Feest",
        bedrag=30000,
        beslissen_voor=timezone.localdate(),
    )


from tests.stemmen.matrix_stemming import CASES as STEMMING_CASES  # noqa: E402

CASES = CASES + STEMMING_CASES
