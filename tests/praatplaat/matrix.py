from tests.permission_matrix import LOGIN, Case, everyone, only

STAFF = ["gebiedsteam", "beheerder"]  # gebiedsteam of the wijk's stadsdeel (Oost)


def _set(ctx):
    return {"pk": ctx["pp_set"].pk}


def _wijk(ctx):
    return {"slug": ctx["wijk"].slug}


def _edit_data(ctx):
    return {
        "set-titel": "Afspraken matrix",
        **{f"{p}-TOTAL_FORMS": "0" for p in ("afspraak", "thema", "instrument")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("afspraak", "thema", "instrument")},
    }


CASES = [
    Case("praatplaat:index", everyone()),
    Case("praatplaat:vragen", everyone()),
    Case("praatplaat:regels", everyone()),
    Case("praatplaat:raad", only(["gebiedsteam", "gebiedsteam_elders", "raadslid", "beheerder"])),
    Case("praatplaat:wijk", everyone(), kwargs=_wijk),
    Case("praatplaat:pdf", everyone(), kwargs=_wijk),
    Case(
        "praatplaat:vraag_historie",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "vraag_id": ctx["pp_vraag"].pk},
    ),
    Case("praatplaat:vraag_nieuw", only(STAFF), kwargs=_wijk),
    Case(
        "praatplaat:vraag_nieuw",
        only(STAFF, code=302),
        kwargs=_wijk,
        method="post",
        data=lambda ctx: {"onderdeel": ctx["pp_onderdeel"].pk, "tekst_nl": "Eigen vraag?"},
    ),
    Case("praatplaat:gesprek_nieuw", only(STAFF), kwargs=_wijk),
    Case(
        "praatplaat:gesprek",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "pk": ctx["pp_gesprek"].pk},
    ),
    Case(
        "praatplaat:gesprek_bewerken",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "pk": ctx["pp_gesprek"].pk},
    ),
    Case(
        "praatplaat:set_nieuw",
        only(STAFF, code=302),
        kwargs=_wijk,
        method="post",
        data=lambda ctx: {"titel": "Nieuwe set"},
    ),
    Case("praatplaat:raadsrol", only(["raadslid", "beheerder"]), kwargs=_wijk),
    Case("praatplaat:evaluaties", everyone(), kwargs=_wijk),
    Case("praatplaat:evaluatie_nieuw", only(STAFF), kwargs=_wijk),
    Case("praatplaat:set", everyone(), kwargs=_set),
    Case("praatplaat:set_diff", everyone(), kwargs=_set),
    Case("praatplaat:set_bewerken", only(STAFF), kwargs=_set),
    Case(
        "praatplaat:set_bewerken",
        only(STAFF, code=302),
        kwargs=_set,
        method="post",
        data=_edit_data,
    ),
    Case(
        "praatplaat:set_status",
        only(STAFF, code=302),
        kwargs=_set,
        method="post",
        data=lambda ctx: {"naar": "vastgesteld"},  # illegal from concept: refused with a message
    ),
    Case(
        "praatplaat:commentaar",
        only(["gebiedsteam", "raadslid", "beheerder"], code=302),
        kwargs=_set,
        method="post",
        data=lambda ctx: {"tekst": "Commentaar uit de matrix"},
    ),
    Case(
        "praatplaat:afspraak_status",
        only(STAFF, code=302),
        kwargs=lambda ctx: {"pk": ctx["pp_afspraak"].pk},
        method="post",
        data=lambda ctx: {"status": "bezig"},
    ),
]
assert all(c.expect["anon"] in (LOGIN, 200) for c in CASES)


def setup(ctx):
    import datetime as dt

    from praatplaat import services
    from praatplaat.inhoud import laad_inhoud
    from praatplaat.models import ArchetypeBeschrijving, Onderdeel, Vraag
    from tests.praatplaat.factories import maak_set

    if not Vraag.objects.filter(wijk__isnull=True).exists():  # flushed by a transactional test
        laad_inhoud(Onderdeel, Vraag, ArchetypeBeschrijving)

    staff = ctx["roles"]["gebiedsteam"]
    ctx["pp_set"] = maak_set(ctx["wijk"], staff, archetype=1)
    ctx["pp_afspraak"] = ctx["pp_set"].afspraken.get()
    ctx["pp_vraag"] = Vraag.objects.get(code="dna-1")
    ctx["pp_onderdeel"] = Onderdeel.objects.get(code="dna")
    ctx["pp_gesprek"] = services.gesprek_opslaan(
        wijk=ctx["wijk"],
        door=staff,
        gegevens={"datum": dt.date(2024, 1, 1)},
        antwoorden={ctx["pp_vraag"].pk: "Een volkswijk"},
    )
