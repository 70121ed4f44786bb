from tests.permission_matrix import Case, everyone, only

STAFF = ["gebiedsteam", "beheerder"]  # gebiedsteam of Oost: the stadsdeel of ctx["wijk"]
STAFF_ZUID = ["gebiedsteam_elders", "beheerder"]  # of Zuid: the stadsdeel of ctx["other_wijk"]


def _slug(ctx):
    return {"slug": ctx["wijk"].slug}


CASES = [
    Case("wijken:lijst", everyone()),
    Case("wijken:begroting_stad", everyone()),
    Case("wijken:detail", everyone(), kwargs=_slug),
    Case("wijken:begroting", everyone(), kwargs=_slug),
    Case(
        "wijken:begroting_export",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "csv"},
        label="csv",
    ),
    Case(
        "wijken:begroting_export",
        everyone(),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "xlsx"},
        label="xlsx",
    ),
    Case(
        "wijken:begroting_export",
        everyone(404),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "formaat": "pdf"},
        label="unknown format",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "dna"},
        label="dna",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "swot"},
        label="swot",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF, code=302),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "dna"},
        method="post",
        data=lambda ctx: {"dna": "Een wijk met een eigen karakter."},
        label="dna",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].slug, "deel": "dna"},
        label="other stadsdeel",
    ),
    Case(
        "wijken:profiel_bewerken",
        only(STAFF, code=404),
        kwargs=lambda ctx: {"slug": ctx["wijk"].slug, "deel": "onbekend"},
        label="unknown part",
    ),
    Case("wijken:geschiedenis", only(STAFF), kwargs=_slug),
    Case("wijken:boeken", only(STAFF), kwargs=_slug),
    Case("wijken:boeken", only(STAFF), kwargs=_slug, method="post", data=lambda ctx: {}),
    Case(
        "wijken:boeken",
        only(STAFF_ZUID),
        kwargs=lambda ctx: {"slug": ctx["other_wijk"].slug},
        label="other stadsdeel",
    ),
    Case("wijken:pot_nieuw", only(STAFF), kwargs=_slug),
    Case("wijken:pot_nieuw", only(STAFF), kwargs=_slug, method="post", data=lambda ctx: {}),
    Case(
        "wijken:adressen_upload",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
    ),
    Case(
        "wijken:adressen_upload",
        only(STAFF),
        kwargs=lambda ctx: {"slug": ctx["wijk"].stadsdeel.slug},
        method="post",
        data=lambda ctx: {},
    ),
    Case("wijken:kompas_upload", only(["beheerder"])),
    Case("wijken:kompas_upload", only(["beheerder"]), method="post", data=lambda ctx: {}),
]


def setup(ctx):
    from tests.wijken.factories import make_pot

    make_pot(ctx["wijk"], toegewezen=100_000)
