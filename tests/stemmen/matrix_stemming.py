"""Permission-matrix cases of the voting part (appended to tests/stemmen/matrix.py).

Objects are made lazily from ``ctx`` so this file needs no ``setup`` of its own."""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import LOGIN, Case, everyone, only

STAFF = ["gebiedsteam", "beheerder"]


def _ronde(ctx: dict[str, Any], fase: str = "stemmen") -> Any:
    key = f"stemming_ronde_{fase}"
    if key not in ctx:
        from tests.stemmen.factories_stemming import make_ronde

        ctx[key] = make_ronde(
            ctx["wijk"], ctx["roles"]["bewoner"], fase=fase, titel=f"Matrix {fase}"
        )
    return ctx[key]


def _peiling(ctx: dict[str, Any]) -> Any:
    if "stemming_peiling" not in ctx:
        from stemmen.models_stemming import Peiling, Vraag

        p = Peiling.objects.create(wijk=ctx["wijk"], titel="Matrixpeiling")
        Vraag.objects.create(peiling=p, soort="open", tekst="Wat vindt u?")
        ctx["stemming_peiling"] = p
    return ctx["stemming_peiling"]


def _token(ctx: dict[str, Any]) -> str:
    from stemmen.services_stemming import peiling_token

    return peiling_token(_peiling(ctx), 0)


def _pk(fase: str = "stemmen") -> Any:
    return lambda ctx: {"pk": _ronde(ctx, fase).pk}


def _slug(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"slug": ctx["wijk"].slug}


def _ppk(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"pk": _peiling(ctx).pk}


CASES = [
    Case("stemmen:stem", only(["bewoner"]), _pk()),
    Case("stemmen:stemcode", everyone(), _pk()),
    Case("stemmen:stem_met_code", everyone(302), _pk(), label="no code in session"),
    Case("stemmen:uitslag", only(STAFF), _pk(), label="voting"),
    Case("stemmen:uitslag", everyone(), _pk("uitslag"), label="closed"),
    Case("stemmen:tellen", only(STAFF, 302), _pk("uitslag"), method="post"),
    Case("stemmen:uitslag_vastleggen", only(STAFF, 302), _pk("uitslag"), method="post"),
    Case("stemmen:stemming_beheer", only(STAFF), _pk()),
    Case("stemmen:stemcodes", only(STAFF, 302), _pk("uitvoering"), method="post", label="closed"),
    Case("stemmen:papier", only(STAFF), _pk()),
    Case("stemmen:pb_export", only(STAFF), _pk(), label="voting"),
    Case("stemmen:pb_export", everyone(), _pk("uitslag"), label="closed"),
    Case("stemmen:pb_import", only(STAFF), _slug),
    Case("stemmen:peilingen", only(STAFF), _slug),
    Case("stemmen:peiling", only(STAFF), _ppk),
    Case("stemmen:peiling_versturen", only(STAFF, 302), _ppk, method="post"),
    Case("stemmen:peiling_papier", only(STAFF), _ppk),
    Case("stemmen:peiling_antwoord", everyone(), lambda ctx: {"token": _token(ctx)}),
]
assert LOGIN == 302
