"""Reads of the voting part: turnout and representativeness, results with explanations,
SVG charts, paper entries, consultation results.  Nothing here returns choices per person."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijken.models import Inwoner

from .models import Idee, Ronde
from .models_stemming import (
    LEEFTIJDSGROEPEN,
    Kanaal,
    Kiezer,
    PapierInvoer,
    Peiling,
    PeilingAntwoord,
    PeilingDeelname,
    Stembiljet,
    Uitslag,
    Vraag,
    leeftijdsgroep,
)
from .services_stemming import _euro, stembare_ideeen


def _pct(a: int, b: int) -> float:
    return round(100 * a / b, 1) if b else 0.0


def opkomst(ronde: Ronde) -> dict[str, Any]:
    """Turnout per channel, per buurt and per age band, next to the population (Inwoner
    counts of the wijk, same minimum age) — representativeness."""
    max_jaar = timezone.now().year - ronde.minimum_leeftijd
    bevolking = Inwoner.objects.filter(
        adres__straat__buurt__wijk=ronde.wijk, geboortejaar__lte=max_jaar
    )
    totaal_bev = bevolking.count()
    kiezers = Kiezer.objects.filter(ronde=ronde)
    totaal = kiezers.count()
    per_kanaal = dict(
        kiezers.values_list("kanaal").annotate(n=Count("pk")).values_list("kanaal", "n")
    )
    kanalen = [
        {"label": label, "n": per_kanaal.get(k, 0)}
        for k, label in Kanaal.choices
        if per_kanaal.get(k)
    ]
    buurt_bev = dict(
        bevolking.values_list("adres__straat__buurt_id")
        .annotate(n=Count("pk"))
        .values_list("adres__straat__buurt_id", "n")
    )
    buurt_stem = dict(
        kiezers.values_list("buurt_id").annotate(n=Count("pk")).values_list("buurt_id", "n")
    )
    buurten = []
    for b in ronde.wijk.buurten.order_by("naam"):
        bev, stem = buurt_bev.get(b.pk, 0), buurt_stem.get(b.pk, 0)
        buurten.append(
            {
                "naam": b.naam,
                "bevolking": bev,
                "stemmers": stem,
                "opkomst": _pct(stem, bev),
                "aandeel_bev": _pct(bev, totaal_bev),
                "aandeel_stem": _pct(stem, totaal),
            }
        )
    jaar = timezone.now().year
    bev_groep: Counter[str] = Counter(
        leeftijdsgroep(j, jaar) for j in bevolking.values_list("geboortejaar", flat=True)
    )
    stem_groep = Counter(
        dict(
            kiezers.values_list("leeftijdsgroep")
            .annotate(n=Count("pk"))
            .values_list("leeftijdsgroep", "n")
        )
    )
    groepen = []
    for _lo, _hi, label in LEEFTIJDSGROEPEN:
        bev, stem = bev_groep.get(label, 0), stem_groep.get(label, 0)
        if bev or stem:
            groepen.append(
                {
                    "naam": label,
                    "bevolking": bev,
                    "stemmers": stem,
                    "opkomst": _pct(stem, bev),
                    "aandeel_bev": _pct(bev, totaal_bev),
                    "aandeel_stem": _pct(stem, totaal),
                }
            )
    if stem_groep.get(""):
        groepen.append(
            {
                "naam": _("unknown"),
                "bevolking": 0,
                "stemmers": stem_groep[""],
                "opkomst": 0.0,
                "aandeel_bev": 0.0,
                "aandeel_stem": _pct(stem_groep[""], totaal),
            }
        )
    return {
        "totaal": totaal,
        "bevolking": totaal_bev,
        "opkomst": _pct(totaal, totaal_bev),
        "stembiljetten": Stembiljet.objects.filter(ronde=ronde).count(),
        "kanalen": kanalen,
        "buurten": buurten,
        "groepen": groepen,
    }


# --- explanations -------------------------------------------------------------------------


def _money(value: Any) -> str:
    """Engine amounts are in cents (the round's unit), as exact strings."""
    if value is None:
        return ""
    return _euro(Fraction(str(value)))


def _aantal(value: Any) -> int:
    """A count for choosing singular or plural; fractions and blanks count as plural."""
    try:
        f = Fraction(str(value))
    except (TypeError, ValueError, ZeroDivisionError):
        return 2
    return int(f) if f.denominator == 1 else 2


def uitleg(expl: dict[str, Any], titels: dict[str, str]) -> str:
    """One sentence (Dutch or English) for an explanation code from the engine."""
    code, p = expl["code"], expl.get("params", {})
    n_score = _aantal(p.get("score"))
    n_steun = _aantal(p.get("supporters"))
    score_namen = {
        "votes": ngettext("vote", "votes", n_score),
        "points": ngettext("point", "points", n_score),
        "borda": ngettext("Borda point", "Borda points", n_score),
    }
    ctx = {
        "cost": _money(p.get("cost")),
        "score": p.get("score", ""),
        "score_name": score_namen.get(str(p.get("score_name", "votes")), score_namen["votes"]),
        "rank": p.get("rank", ""),
        "left": _money(p.get("budget_left", p.get("budget_before"))),
        "supporters": p.get("supporters", ""),
        "round": p.get("round", ""),
        "payment": _money(p.get("payment")),
        "voter_budget": _money(p.get("voter_budget")),
        "needed": _money(p.get("voter_budget_needed")),
        "money_start": _money(p.get("supporters_money_start")),
        "money_left": _money(p.get("supporters_money_left")),
        "shortfall": _money(p.get("shortfall")),
        "threshold": p.get("threshold", ""),
        "group": p.get("group") or "",
        "blocker": titels.get(str(p.get("blocked_by", "")), ""),
    }
    teksten = {
        "greedy.selected": _(
            "Chosen: with %(score)s %(score_name)s it came in place %(rank)s, and its cost (%(cost)s) "
            "fitted in the budget that was left (%(left)s)."
        ),
        "greedy.does_not_fit": _(
            "Not chosen: it had %(score)s %(score_name)s (place %(rank)s), but when it was its turn only "
            "%(left)s of the budget was left, less than its cost of %(cost)s."
        ),
        "greedy.group_budget_does_not_fit": _(
            "Not chosen: the budget for %(group)s had %(left)s left, less than its cost of %(cost)s."
        ),
        "greedy.stopped_before": _(
            "Not chosen: the count stopped at the first idea that did not fit (the no-skip rule), before its "
            "turn (%(score)s %(score_name)s)."
        ),
        "greedy.below_threshold": _(
            "Not chosen: %(score)s %(score_name)s is below the threshold of %(threshold)s."
        ),
        "mes.selected": ngettext(
            "Chosen in round %(round)s of the Method of Equal Shares: its one supporter paid its "
            "cost of %(cost)s from their equal share (%(voter_budget)s at the start).",
            "Chosen in round %(round)s of the Method of Equal Shares: its %(supporters)s supporters paid its "
            "cost of %(cost)s from their equal shares (%(voter_budget)s each at the start).",
            n_steun,
        ),
        "mes.not_affordable": ngettext(
            "Not chosen: its one supporter started with %(money_start)s, but when they "
            "could no longer buy it they had %(money_left)s left — %(shortfall)s short of its cost of "
            "%(cost)s (they had spent the rest on other ideas they supported).",
            "Not chosen: its %(supporters)s supporters started with %(money_start)s together, but when they "
            "could no longer buy it they had %(money_left)s left — %(shortfall)s short of its cost of "
            "%(cost)s (they had spent the rest on other ideas they supported).",
            n_steun,
        ),
        "mes.no_support": _("Not chosen: nobody voted for it."),
        "mes.zero_utility": _("Not chosen: its supporters gain nothing from it under this rule."),
        "completion.selected": _(
            "Chosen when the budget left after the Method of Equal Shares was filled up by votes "
            "(%(score)s %(score_name)s, cost %(cost)s)."
        ),
        "completion.does_not_fit": _(
            "Not chosen: its cost (%(cost)s) was more than the budget left (%(left)s)."
        ),
        "leftover.selected": _("Chosen with the budget that was left over (cost %(cost)s)."),
        "not_eligible": _("Not on the ballot in this count."),
    }
    tekst = teksten.get(code, code) % ctx
    if code == "mes.not_affordable" and p.get("completion") == "completion.does_not_fit":
        tekst += " " + _(
            "When the leftover budget was filled up by votes, %(left)s was left: not enough for it either."
        ) % {"left": _money(p.get("completion_budget_left"))}
    return tekst


def uitslag_rijen(ronde: Ronde, uitslag: Uitslag) -> list[dict[str, Any]]:
    ideeen = stembare_ideeen(ronde)
    titels = {str(i.pk): i.titel for i in ideeen}
    res = uitslag.resultaat
    uitleggen = {e["project_id"]: e for e in res["outcome"]["explanations"]}
    gekozen = res["outcome"]["selected"]
    rijen = []
    for i in ideeen:
        key = str(i.pk)
        e = uitleggen.get(key, {"code": "not_eligible", "params": {}, "selected": False})
        rijen.append(
            {
                "idee": i,
                "kosten": _euro(i.kosten_definitief),
                "stemmen": res["votes"].get(key, 0),
                "score": res["scores"].get(key, 0),
                "gekozen": bool(e.get("selected")),
                "volgorde": gekozen.index(key) + 1 if key in gekozen else None,
                "uitleg": uitleg(e, titels),
            }
        )
    rijen.sort(key=lambda r: (not r["gekozen"], -r["score"], r["idee"].pk))
    return rijen


def staafdiagram(rijen: list[dict[str, Any]], *, waarde: str, titel: str, id_: str) -> SafeString:
    """A horizontal bar chart as inline SVG (the numbers are in the table beside it)."""
    rijen = rijen[:30]
    # The name above its bar, so the bars get the full width and the text stays
    # readable when the chart is scaled down to a 360 px wide phone.
    rij = 38
    hoogte = rij * len(rijen) + 6
    maximum = max((r[waarde] for r in rijen), default=0) or 1
    parts = [
        f'<svg role="img" aria-labelledby="{id_}-t" viewBox="0 0 400 {hoogte}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" class="grafiek"><title id="{id_}-t">{escape(titel)}</title>'
    ]
    for n, r in enumerate(rijen):
        y = 4 + rij * n
        w = int(330 * r[waarde] / maximum)
        kleur = "#1a6b3c" if r.get("gekozen") else "#6b6b6b"
        naam = escape(str(r["idee"].titel)[:48] if "idee" in r else str(r["naam"])[:48])
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="14" fill="#1a1a1a">{naam}</text>'
            f'<rect x="0" y="{y + 18}" width="{max(w, 1)}" height="14" fill="{kleur}"></rect>'
            f'<text x="{w + 5}" y="{y + 30}" font-size="14" fill="#1a1a1a">{r[waarde]}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def papier_lijst(ronde: Ronde) -> list[PapierInvoer]:
    """Paper entries: sheet number, status, who entered and when — never the choices."""
    return list(
        PapierInvoer.objects.filter(ronde=ronde)
        .select_related("door_1", "door_2")
        .only(
            "biljetnummer", "status", "op_1", "op_2", "door_1__email", "door_2__email", "ronde_id"
        )
    )


def peiling_resultaten(peiling: Peiling) -> dict[str, Any]:
    deelnames = PeilingDeelname.objects.filter(peiling=peiling)
    vragen = []
    alle: Counter[int] = Counter()
    antwoorden = list(
        PeilingAntwoord.objects.filter(vraag__peiling=peiling)
        .order_by("id")
        .values_list("vraag_id", "waarde")
    )
    per_vraag: dict[int, list[Any]] = {}
    for vid, w in antwoorden:
        per_vraag.setdefault(vid, []).append(w)
        alle[vid] += 1
    for v in peiling.vragen.all():
        ws = per_vraag.get(v.pk, [])
        item: dict[str, Any] = {"vraag": v, "n": len(ws)}
        if v.soort in (Vraag.Soort.EEN, Vraag.Soort.MEER):
            c: Counter[str] = Counter()
            for w in ws:
                for x in w if isinstance(w, list) else [w]:
                    c[x] += 1
            item["telling"] = [
                {"naam": o, "n": c.get(o, 0), "pct": _pct(c.get(o, 0), len(ws))} for o in v.opties
            ]
        elif v.soort == Vraag.Soort.SCHAAL:
            c2 = Counter(int(w) for w in ws)
            item["telling"] = [
                {"naam": str(s), "n": c2.get(s, 0), "pct": _pct(c2.get(s, 0), len(ws))}
                for s in range(1, 6)
            ]
            item["gemiddelde"] = round(sum(int(w) for w in ws) / len(ws), 1) if ws else None
        else:
            item["teksten"] = sorted(str(w) for w in ws)  # sorted: no order of arrival
        vragen.append(item)
    return {
        "uitgenodigd": deelnames.count(),
        "beantwoord": deelnames.filter(beantwoord_op__isnull=False).count(),
        "vragen": vragen,
    }


def idee_titels(ronde: Ronde) -> dict[int, Idee]:
    return {i.pk: i for i in stembare_ideeen(ronde)}
