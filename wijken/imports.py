"""CSV imports: the municipal address register extract and wijkkompas figures.

Both are atomic: every row is checked; when any row is bad nothing is written and each
bad row is reported with its line number. ``dry_run=True`` runs the whole import inside
a transaction that is rolled back, so the preview's counts are exactly what a real
import would do.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groningenmodel.audit import audit_log

from .models import Adres, Bewoner, Buurt, Indicator, Inwoner, Meting, Stadsdeel, Straat, Wijk

MAX_FOUTEN = 200


@dataclass
class ImportResultaat:
    rijen: int = 0
    dry_run: bool = False
    aantallen: dict[str, int] = field(default_factory=dict)
    fouten: list[tuple[int, str]] = field(default_factory=list)
    voorbeeld: list[list[str]] = field(default_factory=list)
    voorbeeld_kop: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fouten

    @property
    def aantallen_display(self) -> list[tuple[str, int]]:
        return [(str(AANTAL_LABELS.get(k, k)), v) for k, v in self.aantallen.items()]

    @property
    def opgeslagen(self) -> bool:
        return self.ok and not self.dry_run

    def tel(self, wat: str, n: int = 1) -> None:
        self.aantallen[wat] = self.aantallen.get(wat, 0) + n


AANTAL_LABELS = {
    "buurten": gettext_lazy("new buurten"),
    "straten": gettext_lazy("new streets"),
    "adressen": gettext_lazy("new addresses"),
    "adressen_verplaatst": gettext_lazy("addresses moved to another street"),
    "inwoners": gettext_lazy("inhabitants in the file"),
    "inwoners_behouden": gettext_lazy("inhabitants still registered (unchanged)"),
    "inwoners_vervallen": gettext_lazy("inhabitants no longer registered (removed)"),
    "bewoners_onbevestigd": gettext_lazy("resident accounts that must verify their address again"),
    "indicatoren": gettext_lazy("new indicators"),
    "metingen_nieuw": gettext_lazy("new values"),
    "metingen_gewijzigd": gettext_lazy("changed values"),
}


class _Rollback(Exception):
    pass


def _lees(bestand: IO[bytes] | IO[str] | bytes | str) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV (UTF-8 with or without BOM, else Latin-1; ',' or ';')."""
    raw: Any = bestand if isinstance(bestand, bytes | str) else bestand.read()
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    else:
        text = raw.lstrip("\ufeff")
    eerste = text.split("\n", 1)[0]
    delim = ";" if eerste.count(";") > eerste.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    kop = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = kop
    rows = [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
    return kop, rows


def _alias(kop: list[str], *namen: str) -> str | None:
    for n in namen:
        if n in kop:
            return n
    return None


POSTCODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})$")
GESLACHT = {
    "v": "v", "vrouw": "v", "f": "v", "female": "v",
    "m": "m", "man": "m", "male": "m",
    "x": "x", "o": "x", "onbekend": "x", "anders": "x",
}  # fmt: skip


def _wijk_index(stadsdeel: Stadsdeel | None) -> dict[str, Wijk]:
    qs = Wijk.objects.select_related("stadsdeel")
    idx: dict[str, Wijk] = {}
    for w in qs:
        idx[w.naam.lower()] = w
        idx[w.slug] = w
    return idx


def adressen_import(
    *,
    bestand: IO[bytes] | IO[str] | bytes | str,
    stadsdeel: Stadsdeel | None = None,
    dry_run: bool = False,
    door: Any = None,
) -> ImportResultaat:
    """Import a municipal address register extract.

    Columns (header row, any order, case-insensitive): ``postcode``, ``straat``,
    ``huisnummer``, ``toevoeging`` (optional), ``buurt``, ``wijk`` (name or slug of an
    existing wijk) and optionally ``geboortejaar`` and ``geslacht`` (v/m/x): one row per
    resident. Addresses, streets and buurten are created when new. When the file has
    residents, the residents of every address in the file are replaced by the file's.
    With ``stadsdeel``, every row must lie in a wijk of that stadsdeel.
    """
    res = ImportResultaat(dry_run=dry_run)
    res.voorbeeld_kop = [
        _("Line"),
        _("Address"),
        _("Buurt"),
        _("Neighbourhood"),
        _("Year of birth"),
    ]
    kop, rows = _lees(bestand)
    res.rijen = len(rows)
    col = {
        "postcode": _alias(kop, "postcode"),
        "straat": _alias(kop, "straat", "straatnaam", "openbare_ruimte"),
        "huisnummer": _alias(kop, "huisnummer", "nummer"),
        "toevoeging": _alias(kop, "toevoeging", "huisletter", "huisnummertoevoeging"),
        "buurt": _alias(kop, "buurt", "buurtnaam"),
        "wijk": _alias(kop, "wijk", "wijknaam"),
        "geboortejaar": _alias(kop, "geboortejaar"),
        "geslacht": _alias(kop, "geslacht"),
    }
    ontbrekend = [k for k in ("postcode", "straat", "huisnummer", "buurt", "wijk") if not col[k]]
    if ontbrekend:
        res.fouten.append((1, _("Missing column(s): %(cols)s.") % {"cols": ", ".join(ontbrekend)}))
        return res
    if not rows:
        res.fouten.append((1, _("The file has no rows.")))
        return res
    met_inwoners = col["geboortejaar"] is not None
    wijken = _wijk_index(stadsdeel)
    jaar_nu = timezone.localdate().year

    # 1. Check every row (no writes yet).
    schoon: list[tuple[int, Wijk, str, str, str, int, str, int | None, str]] = []
    adres_plek: dict[tuple[str, int, str], tuple[int, str, str]] = {}
    for i, r in enumerate(rows, start=2):  # line 1 is the header
        fout: list[str] = []

        def get(k: str, r: dict[str, str] = r) -> str:
            c = col[k]
            return r.get(c, "") if c else ""

        m = POSTCODE.match(get("postcode"))
        postcode = f"{m.group(1)}{m.group(2).upper()}" if m else ""
        if not m:
            fout.append(_("postcode “%(v)s” is not like 9711AB") % {"v": get("postcode")})
        straat, buurt, wijk_naam = get("straat"), get("buurt"), get("wijk")
        if not straat:
            fout.append(_("street is empty"))
        if not buurt:
            fout.append(_("buurt is empty"))
        try:
            huisnummer = int(get("huisnummer"))
            if not 0 < huisnummer < 100000:
                raise ValueError
        except ValueError:
            huisnummer = 0
            fout.append(
                _("house number “%(v)s” is not a positive whole number") % {"v": get("huisnummer")}
            )
        toevoeging = get("toevoeging").upper()[:10]
        wijk = wijken.get(wijk_naam.lower()) or wijken.get(slugify(wijk_naam))
        if wijk is None:
            fout.append(_("unknown wijk “%(v)s”") % {"v": wijk_naam})
        elif stadsdeel is not None and wijk.stadsdeel_id != stadsdeel.pk:
            fout.append(
                _("wijk “%(w)s” is not in stadsdeel %(sd)s")
                % {"w": wijk.naam, "sd": stadsdeel.naam}
            )
        geboortejaar: int | None = None
        geslacht = ""
        if met_inwoners and (get("geboortejaar") or get("geslacht")):
            try:
                geboortejaar = int(get("geboortejaar"))
                if not 1890 <= geboortejaar <= jaar_nu:
                    raise ValueError
            except ValueError:
                fout.append(_("year of birth “%(v)s” is not valid") % {"v": get("geboortejaar")})
            geslacht = GESLACHT.get(get("geslacht").lower(), "")
            if not geslacht:
                fout.append(_("gender “%(v)s” is not v, m or x") % {"v": get("geslacht")})
        sleutel = (postcode, huisnummer, toevoeging)
        if not fout and wijk is not None:
            plek = (wijk.pk, buurt.lower(), straat.lower())
            eerder = adres_plek.setdefault(sleutel, plek)
            if eerder != plek:
                fout.append(
                    _("this address appears earlier in the file with another street, buurt or wijk")
                )
        if fout:
            if len(res.fouten) < MAX_FOUTEN:
                res.fouten.append((i, "; ".join(fout)))
            continue
        assert wijk is not None
        schoon.append(
            (i, wijk, buurt, straat, postcode, huisnummer, toevoeging, geboortejaar, geslacht)
        )
        if len(res.voorbeeld) < 10:
            res.voorbeeld.append(
                [str(i), f"{straat} {huisnummer}{toevoeging}, {postcode}", buurt, wijk.naam,
                 str(geboortejaar or "")]
            )  # fmt: skip
    if res.fouten:
        return res

    # 2. Write (inside a transaction; rolled back for a dry run).
    try:
        with transaction.atomic():
            _adressen_schrijven(schoon, res, met_inwoners)
            if dry_run:
                raise _Rollback
            audit_log(
                actor=door,
                action="wijken.adressen_import",
                obj=stadsdeel or schoon[0][1],
                summary=_("Address import: %(n)s rows") % {"n": res.rijen},
                changes=dict(res.aantallen),
            )
    except _Rollback:
        pass
    return res


def _adressen_schrijven(
    schoon: list[tuple[int, Wijk, str, str, str, int, str, int | None, str]],
    res: ImportResultaat,
    met_inwoners: bool,
) -> None:
    wijk_ids = {w.pk for _i, w, *_rest in schoon}
    buurten = {(b.wijk_id, b.naam.lower()): b for b in Buurt.objects.filter(wijk_id__in=wijk_ids)}
    straten = {
        (s.buurt_id, s.naam.lower()): s for s in Straat.objects.filter(buurt__wijk_id__in=wijk_ids)
    }
    postcodes = {pc for _i, _w, _b, _s, pc, *_r in schoon}
    adressen = {
        (a.postcode, a.huisnummer, a.toevoeging): a
        for a in Adres.objects.filter(postcode__in=postcodes).select_related("straat__buurt")
    }
    nieuwe_adressen: list[Adres] = []
    per_adres: dict[tuple[str, int, str], list[tuple[int, str]]] = {}
    for _i, wijk, b_naam, s_naam, pc, nr, tv, jaar, geslacht in schoon:
        buurt = buurten.get((wijk.pk, b_naam.lower()))
        if buurt is None:
            buurt = Buurt.objects.create(wijk=wijk, naam=b_naam)
            buurten[(wijk.pk, b_naam.lower())] = buurt
            res.tel("buurten")
        straat = straten.get((buurt.pk, s_naam.lower()))
        if straat is None:
            straat = Straat.objects.create(buurt=buurt, naam=s_naam)
            straten[(buurt.pk, s_naam.lower())] = straat
            res.tel("straten")
        key = (pc, nr, tv)
        adres = adressen.get(key)
        if adres is None:
            adres = Adres(straat=straat, huisnummer=nr, toevoeging=tv, postcode=pc)
            adressen[key] = adres
            nieuwe_adressen.append(adres)
            res.tel("adressen")
        elif adres.pk and adres.straat_id != straat.pk:
            adres.straat = straat
            adres.save(update_fields=["straat"])
            res.tel("adressen_verplaatst")
        if met_inwoners and jaar is not None:
            per_adres.setdefault(key, []).append((jaar, geslacht))
    Adres.objects.bulk_create(nieuwe_adressen, batch_size=2000)
    if not met_inwoners:
        return
    # Update the inhabitants of each address in the file as a difference: people still
    # registered keep their row (and so the accounts and voting codes linked to them);
    # only who left is removed and only who arrived is added.
    bestaand_ids = [adressen[k].pk for k in per_adres if adressen[k].pk]
    huidig: dict[int, list[Inwoner]] = {}
    for start in range(0, len(bestaand_ids), 900):
        for inw in (
            Inwoner.objects.filter(adres_id__in=bestaand_ids[start : start + 900])
            .annotate(gekoppeld=Exists(Bewoner.objects.filter(inwoner=OuterRef("pk"))))
            .order_by("-gekoppeld", "pk")
        ):
            huidig.setdefault(inw.adres_id, []).append(inw)
    weg: list[int] = []
    inwoners: list[Inwoner] = []
    behouden = 0
    for k, lijst in per_adres.items():
        vrij: dict[tuple[int, str], list[Inwoner]] = {}
        for oud in huidig.get(adressen[k].pk, []) if adressen[k].pk else []:
            vrij.setdefault((oud.geboortejaar, oud.geslacht), []).append(oud)
        for j, g in lijst:
            if vrij.get((j, g)):
                vrij[(j, g)].pop(0)
                behouden += 1
            else:
                inwoners.append(Inwoner(adres=adressen[k], geboortejaar=j, geslacht=g))
        weg += [oud.pk for rest in vrij.values() for oud in rest]
    if weg:
        # An account linked to someone who is no longer registered there must verify
        # its address again (it keeps its account; it loses its link and its vote there).
        for start in range(0, len(weg), 900):
            deel = weg[start : start + 900]
            n = Bewoner.objects.filter(inwoner_id__in=deel).update(inwoner=None, geverifieerd=False)
            if n:
                res.tel("bewoners_onbevestigd", n)
            Inwoner.objects.filter(pk__in=deel).delete()
        res.tel("inwoners_vervallen", len(weg))
    if behouden:
        res.tel("inwoners_behouden", behouden)
    Inwoner.objects.bulk_create(inwoners, batch_size=5000)
    res.tel("inwoners", sum(len(lijst) for lijst in per_adres.values()))


JA = {"ja", "yes", "true", "1", "hoger"}
NEE = {"nee", "no", "false", "0", "lager"}
STAD = {"", "stad", "gemeente", "groningen", "gemeente groningen", "stadsgemiddelde"}


def kompas_import(
    *, bestand: IO[bytes] | IO[str] | bytes | str, dry_run: bool = False, door: Any = None
) -> ImportResultaat:
    """Import wijkkompas figures.

    Columns: ``indicator`` (code), ``wijk`` (name or slug; empty or "stad"/"gemeente" for
    the city average), ``jaar``, ``waarde`` (Dutch or English decimals). Optional
    ``naam``, ``naam_en``, ``eenheid``, ``bron``, ``hoger_is_beter`` (ja/nee/empty),
    ``decimalen`` create an indicator that does not exist yet (or complete it).
    A value that exists for the same indicator, wijk and year is replaced.
    """
    res = ImportResultaat(dry_run=dry_run)
    res.voorbeeld_kop = [_("Line"), _("Indicator"), _("Neighbourhood"), _("Year"), _("Value")]
    kop, rows = _lees(bestand)
    res.rijen = len(rows)
    ontbrekend = [k for k in ("indicator", "wijk", "jaar", "waarde") if k not in kop]
    if ontbrekend:
        res.fouten.append((1, _("Missing column(s): %(cols)s.") % {"cols": ", ".join(ontbrekend)}))
        return res
    if not rows:
        res.fouten.append((1, _("The file has no rows.")))
        return res
    wijken = _wijk_index(None)
    indicatoren = {i.code: i for i in Indicator.objects.all()}
    nieuw: dict[str, dict[str, str]] = {}
    schoon: list[tuple[str, Wijk | None, int, Decimal]] = []
    gezien: dict[tuple[str, int | None, int], int] = {}
    jaar_nu = timezone.localdate().year
    for i, r in enumerate(rows, start=2):
        fout: list[str] = []
        code = slugify(r.get("indicator", ""))
        if not code:
            fout.append(_("indicator is empty"))
        elif code not in indicatoren and code not in nieuw:
            if r.get("naam"):
                nieuw[code] = r
            else:
                fout.append(
                    _("unknown indicator “%(v)s” (give a naam column to create it)")
                    % {"v": r.get("indicator")}
                )
        w = r.get("wijk", "")
        wijk = None if w.lower() in STAD else (wijken.get(w.lower()) or wijken.get(slugify(w)))
        if w.lower() not in STAD and wijk is None:
            fout.append(_("unknown wijk “%(v)s”") % {"v": w})
        try:
            jaar = int(r.get("jaar", ""))
            if not 1900 <= jaar <= jaar_nu + 1:
                raise ValueError
        except ValueError:
            jaar = 0
            fout.append(_("year “%(v)s” is not valid") % {"v": r.get("jaar", "")})
        t = r.get("waarde", "").replace(" ", "")
        if "," in t:
            t = t.replace(".", "").replace(",", ".")
        try:
            waarde = Decimal(t)
            if not waarde.is_finite() or abs(waarde) >= Decimal("1e12"):
                raise InvalidOperation
            waarde = waarde.quantize(Decimal("0.01"))
        except InvalidOperation:
            waarde = Decimal(0)
            fout.append(_("value “%(v)s” is not a number") % {"v": r.get("waarde", "")})
        hib = r.get("hoger_is_beter", "").lower()
        if hib and hib not in JA | NEE:
            fout.append(_("hoger_is_beter “%(v)s” is not ja, nee or empty") % {"v": hib})
        if not fout:
            key = (code, wijk.pk if wijk else None, jaar)
            if key in gezien:
                fout.append(_("same indicator, wijk and year as line %(n)s") % {"n": gezien[key]})
            gezien[key] = i
        if fout:
            if len(res.fouten) < MAX_FOUTEN:
                res.fouten.append((i, "; ".join(fout)))
            continue
        schoon.append((code, wijk, jaar, waarde))
        if len(res.voorbeeld) < 10:
            res.voorbeeld.append(
                [str(i), code, wijk.naam if wijk else _("city average"), str(jaar), str(waarde)]
            )
    if res.fouten:
        return res
    try:
        with transaction.atomic():
            for code, r in nieuw.items():
                hib = r.get("hoger_is_beter", "").lower()
                ind = Indicator(
                    code=code,
                    naam=r["naam"][:150],
                    naam_en=r.get("naam_en", "")[:150],
                    eenheid=r.get("eenheid", "")[:40],
                    bron=r.get("bron", "")[:200],
                    hoger_is_beter=True if hib in JA else (False if hib in NEE else None),
                    decimalen=int(r["decimalen"]) if r.get("decimalen", "").isdigit() else 0,
                    volgorde=len(indicatoren) + 1,
                )
                ind.save()
                indicatoren[code] = ind
                res.tel("indicatoren")
            bestaand = {
                (m.indicator_id, m.wijk_id, m.jaar): m
                for m in Meting.objects.filter(
                    indicator__code__in={c for c, *_r in schoon},
                    jaar__in={j for _c, _w, j, _v in schoon},
                )
            }
            nieuwe: list[Meting] = []
            gewijzigd: list[Meting] = []
            for code, wijk, jaar, waarde in schoon:
                ind = indicatoren[code]
                m = bestaand.get((ind.pk, wijk.pk if wijk else None, jaar))
                if m is None:
                    nieuwe.append(Meting(indicator=ind, wijk=wijk, jaar=jaar, waarde=waarde))
                elif m.waarde != waarde:
                    m.waarde = waarde
                    gewijzigd.append(m)
            Meting.objects.bulk_create(nieuwe, batch_size=2000)
            Meting.objects.bulk_update(gewijzigd, ["waarde"], batch_size=2000)
            res.tel("metingen_nieuw", len(nieuwe))
            res.tel("metingen_gewijzigd", len(gewijzigd))
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return res
