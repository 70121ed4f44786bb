"""Voting services: ballots (every kind), voting codes, paper ballots with double entry,
tallies, pabulib import/export and panel consultations.

Secrecy design: the identity of a voter (``Kiezer``) and the content of a ballot
(``Stembiljet``) are separate rows without a foreign key between them.  The only link
is ``Stembiljet.wijzig_sleutel = HMAC(SECRET_KEY, "stembiljet:<ronde>:<identity>")``:
a request acting for that voter (signed in, or holding the bound voting code in its
session) can recompute it to show and change its own ballot; someone with only the
database cannot.  Ballots have random UUID keys and no timestamps; voters have only a
date.  No view, export or admin shows a ballot next to a voter.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groningenmodel import codes
from groningenmodel.audit import audit_log
from groningenmodel.permissions import is_bewoner, staff_of_wijk
from wijken.models import Bewoner, Inwoner, Wijk

from .models import Fase, Idee, IdeeStatus, Ronde, Stemwijze, Telregel, Thema, fase_index
from .models_stemming import (
    Kanaal,
    Kiezer,
    PapierInvoer,
    Peiling,
    PeilingAntwoord,
    PeilingDeelname,
    Stembiljet,
    Stemcode,
    Uitslag,
    Vraag,
    leeftijdsgroep,
)

User = Any

# --- ballot content ----------------------------------------------------------------------


@dataclass
class Keuze:
    """A ballot as the resident filled it in: idea pks (ranked order for a ranking) and,
    for a cumulative ballot, points aligned with them."""

    ideeen: list[int] = field(default_factory=list)
    punten: list[int] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"ideeen": list(self.ideeen), "punten": self.punten}


def stembare_ideeen(ronde: Ronde) -> list[Idee]:
    return list(
        ronde.ideeen.filter(
            status__in=[IdeeStatus.STEMBAAR, IdeeStatus.GEKOZEN, IdeeStatus.NIET_GEKOZEN]
        )
        .select_related("thema", "buurt")
        .order_by("pk")
    )


def _int(value: Any) -> int | None:
    try:
        text = str(value).strip()
        return int(text) if text else None
    except (TypeError, ValueError):
        return None


def keuze_uit_formulier(ronde: Ronde, data: Any) -> Keuze:
    """Read a ballot from POST data (works with and without JavaScript).

    approval / budget: ``idee`` (checkboxes); ranking: ``rang_<pk>`` (1..k);
    cumulative: ``punten_<pk>``.  Unparseable numbers count as empty.
    """
    if ronde.stemwijze in (Stemwijze.APPROVAL, Stemwijze.BUDGET):
        ids = []
        for v in data.getlist("idee"):
            i = _int(v)
            if i is not None and i not in ids:
                ids.append(i)
        return Keuze(ids)
    if ronde.stemwijze == Stemwijze.RANKING:
        rangen: list[tuple[int, int]] = []
        for key in data:
            if key.startswith("rang_"):
                pk, rang = _int(key[5:]), _int(data.get(key))
                if pk is not None and rang is not None:
                    rangen.append((rang, pk))
        rangen.sort()
        return Keuze([pk for _r, pk in rangen], [r for r, _pk in rangen])
    punten: list[tuple[int, int]] = []
    for key in data:
        if key.startswith("punten_"):
            pk, n = _int(key[7:]), _int(data.get(key))
            if pk is not None and n:
                punten.append((pk, n))
    punten.sort()
    return Keuze([pk for pk, _n in punten], [n for _pk, n in punten])


def _euro(cents: int | Fraction) -> str:
    value = Fraction(cents) / 100
    if value.denominator == 1:
        return f"€ {int(value):,}".replace(",", ".")
    return f"€ {float(value):,.2f}".replace(",", "x").replace(".", ",").replace("x", ".")


def keuze_samenvatting(
    ronde: Ronde, keuze: Keuze, ideeen: list[Idee] | None = None
) -> dict[str, Any]:
    """The running total and every problem with the ballot (empty ``fouten`` = valid)."""
    ideeen = ideeen if ideeen is not None else stembare_ideeen(ronde)
    per_pk = {i.pk: i for i in ideeen}
    fouten: list[str] = []
    n = len(keuze.ideeen)
    onbekend = [pk for pk in keuze.ideeen if pk not in per_pk]
    if onbekend:
        fouten.append(_("Your ballot names an idea that is not on the ballot."))
    if len(set(keuze.ideeen)) != n:
        fouten.append(_("Each idea can be on your ballot only once."))
    kosten = sum(per_pk[pk].kosten_definitief for pk in keuze.ideeen if pk in per_pk)
    totaal_punten = sum(keuze.punten or []) if ronde.stemwijze == Stemwijze.PUNTEN else 0
    if n == 0:
        fouten.append(_("Choose at least one idea."))
    if ronde.stemwijze == Stemwijze.APPROVAL:
        a, k = ronde.keuze_min, ronde.keuze_max
        if n and n < a:
            fouten.append(
                ngettext("Choose at least %(a)d idea.", "Choose at least %(a)d ideas.", a)
                % {"a": a}
            )
        if k is not None and n > k:
            fouten.append(
                ngettext("Choose at most %(k)d idea.", "Choose at most %(k)d ideas.", k) % {"k": k}
            )
    elif ronde.stemwijze == Stemwijze.BUDGET:
        if kosten > ronde.budget:
            fouten.append(
                _("Your basket costs %(cost)s, more than the budget of %(budget)s.")
                % {"cost": _euro(kosten), "budget": _euro(ronde.budget)}
            )
        if ronde.budget_min_aandeel and n:
            minimum = ronde.budget * ronde.budget_min_aandeel // 100
            if kosten < minimum:
                fouten.append(
                    _(
                        "Spend at least %(pct)d%% of the budget (%(min)s); your basket costs %(cost)s."
                    )
                    % {
                        "pct": ronde.budget_min_aandeel,
                        "min": _euro(minimum),
                        "cost": _euro(kosten),
                    }
                )
    elif ronde.stemwijze == Stemwijze.RANKING:
        k = ronde.ranking_k or 1
        rangen = keuze.punten or []
        if n > k:
            fouten.append(
                ngettext("Rank at most %(k)d idea.", "Rank at most %(k)d ideas.", k) % {"k": k}
            )
        if rangen and (len(set(rangen)) != len(rangen) or any(r < 1 or r > k for r in rangen)):
            fouten.append(_("Give each idea a different place from 1 to %(k)d.") % {"k": k})
    elif ronde.stemwijze == Stemwijze.PUNTEN:
        totaal = ronde.punten_totaal or 0
        if any(p < 0 for p in keuze.punten or []):
            fouten.append(_("Points cannot be negative."))
        if totaal_punten > totaal:
            fouten.append(
                _("You gave %(given)d points; you have %(total)d to spread.")
                % {"given": totaal_punten, "total": totaal}
            )
        per_idee = ronde.punten_max_per_idee
        if per_idee and any(p > per_idee for p in keuze.punten or []):
            fouten.append(_("At most %(max)d points per idea.") % {"max": per_idee})
    return {
        "aantal": n,
        "kosten": kosten,
        "kosten_euro": _euro(kosten),
        "budget_euro": _euro(ronde.budget),
        "rest_euro": _euro(max(ronde.budget - kosten, 0)),
        "over_budget": ronde.stemwijze == Stemwijze.BUDGET and kosten > ronde.budget,
        "punten": totaal_punten,
        "punten_over": (ronde.punten_totaal or 0) - totaal_punten,
        "fouten": fouten,
        "geldig": not fouten,
    }


def keuze_valideren(ronde: Ronde, keuze: Keuze) -> Keuze:
    s = keuze_samenvatting(ronde, keuze)
    if s["fouten"]:
        raise ValidationError(s["fouten"])
    if ronde.stemwijze == Stemwijze.RANKING:
        return Keuze(list(keuze.ideeen), None)  # order is the ranking
    if ronde.stemwijze == Stemwijze.PUNTEN:
        return keuze
    return Keuze(sorted(keuze.ideeen), None)


# --- voter identity ----------------------------------------------------------------------


@dataclass(frozen=True)
class Identiteit:
    """Who votes: ``sleutel`` is the channel identity (``user:<pk>`` / ``code:<pk>``) that
    finds the voter's own ballot; ``stemrecht`` the right to vote it uses (the registered
    inhabitant, ``inwoner:<pk>``, shared by an account and that inhabitant's code)."""

    sleutel: str
    kanaal: str
    buurt_id: int | None
    leeftijdsgroep: str
    stemrecht: str = ""

    @property
    def recht(self) -> str:
        return self.stemrecht or self.sleutel


def wijzig_sleutel(ronde_id: int, sleutel: str) -> str:
    msg = f"stembiljet:{ronde_id}:{sleutel}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), msg, hashlib.sha256).hexdigest()


def identiteit_account(ronde: Ronde, user: User) -> Identiteit:
    """An account votes as the registered inhabitant it is linked to (so it shares that
    inhabitant's right to vote with the voting code printed for them); an account at an
    address for which the register holds no inhabitants votes as itself."""
    if not is_bewoner(user, ronde.wijk_id):
        raise ValidationError(_("Only residents of this wijk with a verified address can vote."))
    bew = Bewoner.objects.filter(user=user).select_related("adres__straat", "inwoner").first()
    assert bew is not None
    geboortejaar = bew.inwoner.geboortejaar if bew.inwoner else bew.geboortejaar
    if geboortejaar is None:
        raise ValidationError(
            _("We need your year of birth to check the minimum age: add it to your account.")
        )
    if timezone.now().year - geboortejaar < ronde.minimum_leeftijd:
        raise ValidationError(
            _("The minimum age to vote in this round is %(age)d.") % {"age": ronde.minimum_leeftijd}
        )
    sleutel = f"user:{user.pk}"
    return Identiteit(
        sleutel,
        Kanaal.ACCOUNT,
        bew.adres.straat.buurt_id,
        leeftijdsgroep(geboortejaar),
        f"inwoner:{bew.inwoner_id}" if bew.inwoner_id else sleutel,
    )


def identiteit_code(code: Stemcode, kanaal: str = Kanaal.CODE) -> Identiteit:
    sleutel = f"code:{code.pk}"
    return Identiteit(
        sleutel,
        kanaal,
        code.adres.straat.buurt_id,
        code.leeftijdsgroep,
        f"inwoner:{code.inwoner_id}" if code.inwoner_id else sleutel,
    )


def stemrecht_gebruikt_door(ronde: Ronde, identiteit: Identiteit) -> str | None:
    """The channel by which *another* identity already used this identity's right to
    vote in the round (an account and the code of the same inhabitant), else None."""
    return (
        Kiezer.objects.filter(ronde=ronde, stemrecht=identiteit.recht)
        .exclude(sleutel=identiteit.sleutel)
        .values_list("kanaal", flat=True)
        .first()
    )


def _al_gestemd_melding(identiteit: Identiteit, kanaal: str) -> ValidationError:
    if identiteit.kanaal == Kanaal.ACCOUNT:
        if kanaal == Kanaal.PAPIER:
            return ValidationError(
                _(
                    "You have already voted in this round on paper, with the voting code "
                    "from your letter. Everyone has one vote."
                )
            )
        return ValidationError(
            _(
                "You have already voted in this round with the voting code from your letter. "
                "Everyone has one vote: to change it, use that code again in the same browser."
            )
        )
    return ValidationError(
        _(
            "The resident this voting code was printed for has already voted with their "
            "account. Everyone has one vote: they can change it by signing in."
        )
    )


def _kiezer_maken(ronde: Ronde, identiteit: Identiteit) -> Kiezer | None:
    """Register that this identity votes (using its right to vote).  Returns None when it
    had already voted (a change), raises when another identity used the right to vote."""
    bestaand = (
        Kiezer.objects.select_for_update().filter(ronde=ronde, sleutel=identiteit.sleutel).first()
    )
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            Kiezer.objects.create(
                ronde=ronde,
                sleutel=identiteit.sleutel,
                stemrecht=identiteit.recht,
                kanaal=identiteit.kanaal,
                buurt_id=identiteit.buurt_id,
                leeftijdsgroep=identiteit.leeftijdsgroep,
            )
    except IntegrityError:
        # the same voter in a concurrent request, or the right to vote used by another channel
        bestaand = (
            Kiezer.objects.select_for_update()
            .filter(ronde=ronde, sleutel=identiteit.sleutel)
            .first()
        )
        if bestaand is not None:
            return bestaand
        kanaal = stemrecht_gebruikt_door(ronde, identiteit) or ""
        raise _al_gestemd_melding(identiteit, kanaal) from None
    return None


def stemmen_open(ronde: Ronde) -> bool:
    return ronde.fase == Fase.STEMMEN and timezone.now() < ronde.uitslag_vanaf


def _check_open(ronde: Ronde) -> None:
    if not stemmen_open(ronde):
        raise ValidationError(_("Voting in this round is not open."))


@transaction.atomic
def stem_uitbrengen(*, ronde: Ronde, identiteit: Identiteit, keuze: Keuze) -> Stembiljet:
    """Cast or change a ballot.  One ``Kiezer`` per identity and per right to vote
    (database constraints), one ``Stembiljet`` per identity (unique keyed hash); a change
    replaces the content."""
    _check_open(ronde)
    keuze = keuze_valideren(ronde, keuze)
    kiezer = _kiezer_maken(ronde, identiteit)
    if kiezer is not None and kiezer.kanaal == Kanaal.PAPIER:
        raise ValidationError(_("A paper ballot was already received for this voting code."))
    sleutel = wijzig_sleutel(ronde.pk, identiteit.sleutel)
    biljet, _created = Stembiljet.objects.update_or_create(
        ronde=ronde,
        wijzig_sleutel=sleutel,
        defaults={"ideeen": keuze.ideeen, "punten": keuze.punten, "kanaal": identiteit.kanaal},
    )
    return biljet


def eigen_stembiljet(ronde: Ronde, identiteit: Identiteit | None) -> Stembiljet | None:
    if identiteit is None:
        return None
    return Stembiljet.objects.filter(
        ronde=ronde, wijzig_sleutel=wijzig_sleutel(ronde.pk, identiteit.sleutel)
    ).first()


# --- voting codes ----------------------------------------------------------------------

ALFABET = codes.ALFABET
CODE_LENGTE = 12  # 31**12 ≈ 2**59.4 ≥ 48 bits


def code_nieuw() -> str:
    return codes.code_maken(CODE_LENGTE, 4)


code_normaliseren = codes.code_normaliseren


def code_hash(code: str) -> str:
    return codes.code_hash("stemcode", code)


def _binding_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def stemcodes_maken(*, ronde: Ronde, actor: User) -> tuple[bytes, int]:
    """A voting code for every inhabitant old enough without one yet, and one PDF with
    one page per address.  Codes are stored only as keyed hashes: the PDF is the only
    place they appear."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    if fase_index(ronde.fase) > fase_index(Fase.STEMMEN):
        raise ValidationError(_("Voting in this round has closed."))
    max_jaar = timezone.now().year - ronde.minimum_leeftijd
    al = set(Stemcode.objects.filter(ronde=ronde).values_list("adres_id", flat=True))
    per_adres: dict[int, list[Inwoner]] = {}
    for inw in (
        Inwoner.objects.filter(adres__straat__buurt__wijk=ronde.wijk, geboortejaar__lte=max_jaar)
        .exclude(adres_id__in=al)
        .select_related("adres__straat__buurt")
        .order_by("adres__straat__naam", "adres__huisnummer", "pk")
    ):
        per_adres.setdefault(inw.adres_id, []).append(inw)
    if not per_adres:
        raise ValidationError(_("Every address in this wijk already has its voting codes."))
    brieven = []
    nieuw: list[Stemcode] = []
    for inwoners in per_adres.values():
        codes = []
        for inw in inwoners:
            c = code_nieuw()
            codes.append(c)
            nieuw.append(
                Stemcode(
                    ronde=ronde,
                    adres=inw.adres,
                    inwoner=inw,
                    code_hash=code_hash(c),
                    leeftijdsgroep=leeftijdsgroep(inw.geboortejaar),
                )
            )
        brieven.append({"adres": inwoners[0].adres, "codes": codes})
    url = f"{settings.SITE_URL.rstrip('/')}/stemmen/ronde/{ronde.pk}/stemcode/"
    html = render_to_string(
        "stemmen/stemming/stemcode_brieven.html", {"ronde": ronde, "brieven": brieven, "url": url}
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    with transaction.atomic():
        Stemcode.objects.bulk_create(nieuw, batch_size=500)
        audit_log(actor=actor, action="stemmen.stemcodes", obj=ronde, summary=str(len(nieuw)))
    return pdf, len(brieven)


def stemcode_zoeken(*, ronde: Ronde, code: str) -> Stemcode:
    if len(code_normaliseren(code)) != CODE_LENGTE:
        raise ValidationError(_("A voting code has 12 letters and digits, e.g. ABCD-EFGH-JKMN."))
    sc = (
        Stemcode.objects.filter(ronde=ronde, code_hash=code_hash(code))
        .select_related("adres__straat")
        .first()
    )
    if sc is None:
        raise ValidationError(_("This voting code is not valid for this round."))
    return sc


def stemrecht_vrij(*, ronde: Ronde, identiteit: Identiteit) -> None:
    """Refuse at once (before the ballot is shown) when another channel has already used
    this voter's right to vote."""
    kanaal = stemrecht_gebruikt_door(ronde, identiteit)
    if kanaal:
        raise _al_gestemd_melding(identiteit, kanaal)


def stemcode_bruikbaar(*, ronde: Ronde, stemcode: Stemcode) -> None:
    """Refuse a code at once when its inhabitant has already voted with an account (the
    code's own earlier use is checked by its binding)."""
    ident = identiteit_code(stemcode)
    if stemrecht_gebruikt_door(ronde, ident) == Kanaal.ACCOUNT:
        raise _al_gestemd_melding(ident, Kanaal.ACCOUNT)


@transaction.atomic
def stemcode_binden(*, stemcode: Stemcode, binding: str | None) -> str:
    """Bind the code to the caller on first use; later only the same binding passes.
    Returns the binding secret (new on first use)."""
    sc = Stemcode.objects.select_for_update().get(pk=stemcode.pk)
    if sc.binding_hash:
        if binding and hmac.compare_digest(sc.binding_hash, _binding_hash(binding)):
            return binding
        raise ValidationError(_("This voting code has already been used."))
    secret = secrets.token_urlsafe(24)
    sc.binding_hash = _binding_hash(secret)
    sc.gebruikt_op = timezone.now()
    sc.save(update_fields=["binding_hash", "gebruikt_op"])
    return secret


def stem_met_code(
    *, ronde: Ronde, stemcode: Stemcode, binding: str | None, keuze: Keuze
) -> tuple[Stembiljet, str]:
    with transaction.atomic():
        _check_open(ronde)
        keuze_valideren(ronde, keuze)
        binding = stemcode_binden(stemcode=stemcode, binding=binding)
        biljet = stem_uitbrengen(ronde=ronde, identiteit=identiteit_code(stemcode), keuze=keuze)
    return biljet, binding


# --- paper ballots (double entry) --------------------------------------------------------


def _papier_check(ronde: Ronde, actor: User) -> None:
    if not staff_of_wijk(actor, ronde.wijk):
        raise ValidationError(_("Only the area team can enter paper ballots."))
    if ronde.fase not in (Fase.STEMMEN, Fase.UITSLAG):
        raise ValidationError(
            _("Paper ballots are entered while voting is open or just after it closed.")
        )


@transaction.atomic
def papier_eerste_invoer(
    *, ronde: Ronde, actor: User, code: str, biljetnummer: str, keuze: Keuze
) -> PapierInvoer:
    """First entry: checks the voting code from the returned letter (it is then used up:
    the voter is registered) and stores the choices under the sheet number only."""
    _papier_check(ronde, actor)
    biljetnummer = biljetnummer.strip()
    if not biljetnummer:
        raise ValidationError(_("Write a sheet number on the ballot and enter it."))
    keuze = keuze_valideren(ronde, keuze)
    if PapierInvoer.objects.filter(ronde=ronde, biljetnummer=biljetnummer).exists():
        raise ValidationError(_("This sheet number has already been entered."))
    sc = stemcode_zoeken(ronde=ronde, code=code)
    sc = Stemcode.objects.select_for_update().get(pk=sc.pk)
    if sc.binding_hash:
        raise ValidationError(_("This voting code has already been used."))
    sc.binding_hash = "papier"
    sc.gebruikt_op = timezone.now()
    sc.save(update_fields=["binding_hash", "gebruikt_op"])
    ident = identiteit_code(sc, Kanaal.PAPIER)
    if _kiezer_maken(ronde, ident) is not None:
        raise ValidationError(_("This voting code has already been used."))
    invoer = PapierInvoer.objects.create(
        ronde=ronde, biljetnummer=biljetnummer, keuzes_1=keuze.as_dict(), door_1=actor
    )
    audit_log(actor=actor, action="stemmen.papier_invoer_1", obj=ronde, summary=biljetnummer)
    return invoer


@transaction.atomic
def papier_tweede_invoer(
    *, ronde: Ronde, actor: User, biljetnummer: str, keuze: Keuze
) -> PapierInvoer:
    """Second entry by a different staff member; the ballot counts only when it matches."""
    _papier_check(ronde, actor)
    invoer = (
        PapierInvoer.objects.select_for_update()
        .filter(ronde=ronde, biljetnummer=biljetnummer.strip())
        .first()
    )
    if invoer is None:
        raise ValidationError(_("No first entry with this sheet number."))
    if invoer.status == PapierInvoer.Status.GETELD:
        raise ValidationError(_("This sheet has already been counted."))
    if invoer.door_1_id == actor.pk:
        raise ValidationError(_("The second entry must be made by a different person."))
    keuze = keuze_valideren(ronde, keuze)
    invoer.keuzes_2 = keuze.as_dict()
    invoer.door_2 = actor
    invoer.op_2 = timezone.now()
    if invoer.keuzes_1 == invoer.keuzes_2:
        invoer.status = PapierInvoer.Status.GETELD
        invoer.wijzig_sleutel = secrets.token_hex(32)
        Stembiljet.objects.create(
            ronde=ronde,
            wijzig_sleutel=invoer.wijzig_sleutel,
            ideeen=keuze.ideeen,
            punten=keuze.punten,
            kanaal=Kanaal.PAPIER,
        )
    else:
        invoer.status = PapierInvoer.Status.AFWIJKEND
    invoer.save()
    audit_log(
        actor=actor,
        action="stemmen.papier_invoer_2",
        obj=ronde,
        summary=f"{invoer.biljetnummer}: {invoer.status}",
    )
    return invoer


# --- tally -------------------------------------------------------------------------------

VOTE_TYPE: dict[str, Any] = {
    Stemwijze.APPROVAL: "approval",
    Stemwijze.BUDGET: "approval",
    Stemwijze.RANKING: "ordinal",
    Stemwijze.PUNTEN: "cumulative",
}
REGEL: dict[str, str] = {
    Telregel.GREEDY: "greedy",
    Telregel.MES: "mes-greedy",
    Telregel.BORDA: "borda",
}


def _election(ronde: Ronde, ideeen: list[Idee]) -> Any:
    import numpy as np

    from stemmen.telling import Ballots, Election, Project

    index = {i.pk: n for n, i in enumerate(ideeen)}
    rows = Stembiljet.objects.filter(ronde=ronde).values_list("ideeen", "punten")
    lengths: list[int] = []
    flat: list[int] = []
    pts: list[int] = []
    cumulative = ronde.stemwijze == Stemwijze.PUNTEN
    for ids, punten in rows.iterator(chunk_size=20000):
        keep = [
            (index[i], p) for i, p in zip(ids, punten or [1] * len(ids), strict=False) if i in index
        ]
        lengths.append(len(keep))
        flat.extend(k for k, _p in keep)
        if cumulative:
            pts.extend(p for _k, p in keep)
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    ballots = Ballots(
        indptr,
        np.asarray(flat, dtype=np.int64),
        np.asarray(pts, dtype=np.int64) if cumulative else None,
    )
    projects = [
        Project(
            id=str(i.pk),
            cost=i.kosten_definitief,
            name=i.titel,
            categories=(i.thema.naam,) if i.thema_id and i.thema else (),
            neighborhood=i.buurt.naam if i.buurt_id and i.buurt else None,
        )
        for i in ideeen
    ]
    return Election(
        projects=projects,
        ballots=ballots,
        budget=ronde.budget,
        vote_type=VOTE_TYPE[ronde.stemwijze],
    )


def ronde_tellen(*, ronde_id: int, actor: User | None = None) -> Uitslag:
    """Tally the round with its rule and store the outcome with every explanation."""
    from stemmen.telling import TallyOptions, tally
    from stemmen.telling.rules.base import Instance, project_scores

    start = time.perf_counter()
    ronde = Ronde.objects.get(pk=ronde_id)
    ideeen = stembare_ideeen(ronde)
    if not ideeen:
        raise ValidationError(_("There are no ideas on the ballot."))
    election = _election(ronde, ideeen)
    regel = REGEL[ronde.telregel]
    # An idea nobody voted for is never funded (pabutools' greedy would fund it when it
    # fits): greedy and Borda run with a threshold of one vote / one point.
    opties = TallyOptions(min_score=1) if regel in ("greedy", "borda") else None
    outcome = tally(election, regel, opties)
    inst = Instance.from_election(election)
    votes = project_scores(inst, "votes")
    scores = project_scores(inst, "points")
    resultaat = {
        "outcome": outcome.as_dict(),
        "votes": {str(i.pk): int(v) for i, v in zip(ideeen, votes, strict=True)},
        "scores": {str(i.pk): int(s) for i, s in zip(ideeen, scores, strict=True)},
    }
    duur = int((time.perf_counter() - start) * 1000)
    with transaction.atomic():
        uitslag, _c = Uitslag.objects.update_or_create(
            ronde=ronde,
            defaults={
                "regel": regel,
                "berekend_op": timezone.now(),
                "aantal_stemmen": election.num_voters,
                "duur_ms": duur,
                "resultaat": resultaat,
            },
        )
        audit_log(
            actor=actor,
            action="stemmen.telling",
            obj=ronde,
            summary=f"{regel}: {election.num_voters}",
        )
    return uitslag


def rondes_tellen_gesloten() -> int:
    """Beat: tally every round whose voting has closed and that has no result yet."""
    n = 0
    for ronde in Ronde.objects.filter(
        fase__in=[Fase.UITSLAG, Fase.UITVOERING], uitslag__isnull=True
    ):
        if Stembiljet.objects.filter(ronde=ronde).exists():
            ronde_tellen(ronde_id=ronde.pk)
            n += 1
    return n


# --- pabulib -----------------------------------------------------------------------------


def ronde_naar_pb(ronde: Ronde) -> str:
    """The round as a pabulib file: projects in euros, anonymous ballots (numbered)."""
    from stemmen.telling import Ballots, Election, Project
    from stemmen.telling.pabulib import write_string

    ideeen = stembare_ideeen(ronde)
    e = _election(ronde, ideeen)
    projects = [
        Project(
            id=p.id,
            cost=Fraction(p.cost) / 100,
            name=p.name,
            categories=p.categories,
            neighborhood=p.neighborhood,
        )
        for p in e.projects
    ]
    b = e.ballots
    ballots = Ballots(b.indptr, b.indices, b.points, [str(n + 1) for n in range(b.num_voters)])
    meta = {
        "description": ronde.titel,
        "country": "Netherlands",
        "unit": f"Groningen, {ronde.wijk.naam}",
        "instance": str(ronde.uitslag_vanaf.year),
        "rule": {"greedy": "greedy", "mes-greedy": "equalshares", "borda": "greedy"}[
            REGEL[ronde.telregel]
        ],
    }
    if ronde.stemwijze == Stemwijze.APPROVAL:
        meta["min_length"] = str(ronde.keuze_min)
        if ronde.keuze_max:
            meta["max_length"] = str(ronde.keuze_max)
    elif ronde.stemwijze == Stemwijze.BUDGET:
        meta["max_sum_cost"] = (
            str(Fraction(ronde.budget, 100)) if ronde.budget % 100 else str(ronde.budget // 100)
        )
    elif ronde.stemwijze == Stemwijze.RANKING:
        meta["max_length"] = str(ronde.ranking_k)
    elif ronde.stemwijze == Stemwijze.PUNTEN:
        meta["max_sum_points"] = str(ronde.punten_totaal)
    election = Election(
        projects=projects,
        ballots=ballots,
        budget=Fraction(ronde.budget, 100),
        vote_type=e.vote_type,
        meta=meta,
    )
    return write_string(election)


@transaction.atomic
def ronde_uit_pb(*, wijk: Wijk, actor: User, tekst: str, titel: str = "") -> Ronde:
    """Create a closed round with its ideas and ballots from a pabulib file (all or nothing)."""
    from stemmen.telling.pabulib import PabulibError, parse_string

    try:
        pf = parse_string(tekst)
    except (PabulibError, ValueError, TypeError) as exc:
        raise ValidationError(
            _("This is not a valid pabulib file: %(error)s") % {"error": str(exc)}
        ) from exc
    e = pf.election
    meta = pf.meta

    def cents(value: Fraction | int, what: str) -> int:
        c = Fraction(value) * 100
        if c.denominator != 1 or c < 0:
            raise ValidationError(_("%(what)s is not a whole number of cents.") % {"what": what})
        return int(c)

    if e.num_projects == 0:
        raise ValidationError(_("The file has no projects."))
    stemwijze = {
        "approval": Stemwijze.APPROVAL,
        "choose-1": Stemwijze.APPROVAL,
        "ordinal": Stemwijze.RANKING,
        "cumulative": Stemwijze.PUNTEN,
    }[e.vote_type]
    if stemwijze == Stemwijze.APPROVAL and meta.get("max_sum_cost"):
        stemwijze = Stemwijze.BUDGET
    lengths = [int(x) for x in e.ballots.lengths] or [1]
    now = timezone.now()
    day = timedelta(days=1)
    ronde = Ronde(
        wijk=wijk,
        titel=(titel or meta.get("description") or meta.get("instance") or _("Imported round"))[
            :150
        ],
        beschrijving=_("Imported from a pabulib file."),
        budget=cents(e.budget, _("The budget")),
        fase=Fase.UITSLAG,
        indienen_vanaf=now - 4 * day,
        beoordelen_vanaf=now - 3 * day,
        stemmen_vanaf=now - 2 * day,
        uitslag_vanaf=now - day,
        uitvoering_vanaf=now + 30 * day,
        stemwijze=stemwijze,
        keuze_min=0 if stemwijze == Stemwijze.APPROVAL else 1,
        keuze_max=(1 if e.vote_type == "choose-1" else None)
        if stemwijze == Stemwijze.APPROVAL
        else None,
        ranking_k=max(lengths) if stemwijze == Stemwijze.RANKING else None,
        punten_totaal=(
            max(
                int(meta.get("max_sum_points") or 0),
                max((sum(e.ballots.ballot_points(i)) for i in range(e.num_voters)), default=1),
                1,
            )
            if stemwijze == Stemwijze.PUNTEN
            else None
        ),
        telregel=(
            Telregel.BORDA
            if stemwijze == Stemwijze.RANKING
            else Telregel.MES
            if meta.get("rule", "").lower() in ("equalshares", "mes", "equal_shares")
            else Telregel.GREEDY
        ),
        stemregels_vast_op=now - 2 * day,
    )
    ronde.full_clean()
    ronde.save()
    themas: dict[str, Thema] = {}
    buurten = {b.naam: b for b in wijk.buurten.all()}
    ideeen = []
    for p in e.projects:
        thema = None
        if p.categories:
            naam = p.categories[0][:100]
            if naam not in themas:
                themas[naam] = Thema.objects.create(ronde=ronde, naam=naam)
            thema = themas[naam]
        ideeen.append(
            Idee(
                ronde=ronde,
                indiener=actor,
                titel=(p.name or p.id)[:120],
                beschrijving=_("Project %(id)s from the pabulib file.") % {"id": p.id},
                kosten=cents(p.cost, _("The cost of project %(id)s") % {"id": p.id}),
                thema=thema,
                buurt=buurten.get(p.neighborhood or ""),
                status=IdeeStatus.STEMBAAR,
                uitkomst=IdeeStatus.STEMBAAR,
            )
        )
    Idee.objects.bulk_create(ideeen)
    pks = [i.pk for i in Idee.objects.filter(ronde=ronde).order_by("pk")]
    b = e.ballots
    kiezers = []
    biljetten = []
    for v in range(b.num_voters):
        sleutel = f"import:{v}"
        ids = [pks[j] for j in b.ballot(v)]
        punten = b.ballot_points(v) if stemwijze == Stemwijze.PUNTEN else None
        kiezers.append(
            Kiezer(ronde=ronde, sleutel=sleutel, stemrecht=sleutel, kanaal=Kanaal.IMPORT)
        )
        biljetten.append(
            Stembiljet(
                ronde=ronde,
                wijzig_sleutel=wijzig_sleutel(ronde.pk, sleutel),
                ideeen=ids,
                punten=punten,
                kanaal=Kanaal.IMPORT,
            )
        )
    Kiezer.objects.bulk_create(kiezers, batch_size=5000)
    Stembiljet.objects.bulk_create(biljetten, batch_size=5000)
    audit_log(
        actor=actor,
        action="stemmen.pb_import",
        obj=ronde,
        summary=f"{e.num_projects} / {b.num_voters}",
    )
    return ronde


# --- panel consultations -----------------------------------------------------------------

_PEILING_SALT = "stemmen.peiling"


def peiling_token(peiling: Peiling, zetel_id: int) -> str:
    return signing.dumps([peiling.pk, zetel_id], salt=_PEILING_SALT, compress=True)


def peiling_uit_token(token: str) -> tuple[Peiling, int]:
    try:
        peiling_id, zetel_id = signing.loads(token, salt=_PEILING_SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ValidationError(_("This link is not valid.")) from exc
    peiling = Peiling.objects.filter(pk=peiling_id).select_related("wijk").first()
    if peiling is None:
        raise ValidationError(_("This link is not valid."))
    return peiling, int(zetel_id)


def peiling_link(peiling: Peiling, zetel_id: int) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/stemmen/peiling/antwoord/{peiling_token(peiling, zetel_id)}/"


@transaction.atomic
def peiling_opslaan(
    *, wijk: Wijk, actor: User, titel: str, intro: str, vragen: list[dict[str, Any]]
) -> Peiling:
    if not vragen:
        raise ValidationError(_("Add at least one question."))
    peiling = Peiling(wijk=wijk, titel=titel, intro=intro)
    peiling.full_clean()
    peiling.save()
    for n, v in enumerate(vragen):
        vraag = Vraag(
            peiling=peiling,
            volgorde=n,
            soort=v["soort"],
            tekst=v["tekst"],
            opties=v.get("opties") or [],
        )
        if vraag.soort in (Vraag.Soort.EEN, Vraag.Soort.MEER) and len(vraag.opties) < 2:
            raise ValidationError(
                _("A choice question needs at least two options: %(q)s") % {"q": vraag.tekst}
            )
        vraag.full_clean()
        vraag.save()
    audit_log(actor=actor, action="stemmen.peiling", obj=peiling, summary=titel)
    return peiling


def _mail_later(peiling_id: int, zetel_id: int) -> Any:
    from . import tasks_stemming

    return lambda: tasks_stemming.peiling_mail.delay(peiling_id, zetel_id)


def peiling_versturen(*, peiling: Peiling, actor: User) -> int:
    """Open the consultation; e-mail every panel member with an address (via Celery)."""
    from loting.selectors import wijkpanel_leden

    with transaction.atomic():
        peiling = Peiling.objects.select_for_update().get(pk=peiling.pk)
        if peiling.status == Peiling.Status.GESLOTEN:
            raise ValidationError(_("This consultation is closed."))
        peiling.status = Peiling.Status.OPEN
        peiling.save(update_fields=["status"])
        n = 0
        for zetel in wijkpanel_leden(peiling.wijk):
            d, _c = PeilingDeelname.objects.get_or_create(peiling=peiling, zetel=zetel)
            if zetel.uitnodiging.email and d.verstuurd_op is None:
                transaction.on_commit(_mail_later(peiling.pk, zetel.pk))
                n += 1
        audit_log(actor=actor, action="stemmen.peiling_open", obj=peiling, summary=str(n))
    return n


def peiling_mail_sturen(*, peiling_id: int, zetel_id: int) -> bool:
    from django.core.mail import send_mail

    with transaction.atomic():
        d = (
            PeilingDeelname.objects.select_for_update(of=("self",))
            .select_related("peiling", "zetel__uitnodiging")
            .filter(peiling_id=peiling_id, zetel_id=zetel_id)
            .first()
        )
        if d is None or d.verstuurd_op or not d.zetel.uitnodiging.email:
            return False
        body = _(
            "The wijkpanel is asked for its opinion: %(title)s\n\nAnswer here (a personal link, "
            "please do not share it): %(link)s\n\nYour answers are stored without your name."
        ) % {"title": d.peiling.titel, "link": peiling_link(d.peiling, zetel_id)}
        send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + d.peiling.titel,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [d.zetel.uitnodiging.email],
        )
        d.verstuurd_op = timezone.now()
        d.save(update_fields=["verstuurd_op"])
    return True


@transaction.atomic
def peiling_beantwoorden(*, peiling: Peiling, zetel_id: int, antwoorden: dict[int, Any]) -> None:
    """Store one answer set for the seat; the answers carry no link to the seat."""
    if peiling.status != Peiling.Status.OPEN:
        raise ValidationError(_("This consultation is not open."))
    d = (
        PeilingDeelname.objects.select_for_update()
        .filter(peiling=peiling, zetel_id=zetel_id)
        .first()
    )
    if d is None:
        raise ValidationError(_("This link is not valid."))
    if d.beantwoord_op:
        raise ValidationError(_("You have already answered this consultation. Thank you!"))
    rows = []
    for vraag in peiling.vragen.all():
        w = antwoorden.get(vraag.pk)
        if w in (None, "", []):
            continue
        if vraag.soort == Vraag.Soort.EEN and w not in vraag.opties:
            raise ValidationError(_("Choose one of the options."))
        if vraag.soort == Vraag.Soort.MEER and (
            not isinstance(w, list) or any(x not in vraag.opties for x in w)
        ):
            raise ValidationError(_("Choose from the options."))
        if vraag.soort == Vraag.Soort.SCHAAL and w not in (1, 2, 3, 4, 5):
            raise ValidationError(_("Choose a number from 1 to 5."))
        if vraag.soort == Vraag.Soort.OPEN:
            w = str(w)[:2000]
        rows.append(PeilingAntwoord(vraag=vraag, waarde=w))
    PeilingAntwoord.objects.bulk_create(rows)
    d.beantwoord_op = timezone.now()
    d.save(update_fields=["beantwoord_op"])


@transaction.atomic
def uitslag_vastleggen(*, ronde: Ronde, actor: User) -> int:
    """Record the tally's outcome on the ideas through the ideas part's service (which
    books the commitment of every chosen idea in the wijk's ledger). All or nothing."""
    from . import services as ideeen_services

    uitslag = Uitslag.objects.filter(ronde=ronde).first()
    if uitslag is None:
        raise ValidationError(_("Count the votes first."))
    gekozen = set(uitslag.resultaat["outcome"]["selected"])
    n = 0
    for idee in stembare_ideeen(ronde):
        ideeen_services.idee_uitslag_zetten(idee=idee, actor=actor, gekozen=str(idee.pk) in gekozen)
        n += 1
    audit_log(
        actor=actor, action="stemmen.uitslag_vastgelegd", obj=ronde, summary=str(len(gekozen))
    )
    return n
