"""Readable differences between two snapshots of an agreement set (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

SET_VELDEN = {
    "titel": _("title"),
    "status": _("status"),
    "verantwoording_wijk": _("public accountability to the neighbourhood"),
    "verantwoording_raad": _("public accountability to the council"),
    "vastgesteld_op": _("adopted on"),
    "besluit_referentie": _("decision reference"),
}
VELDEN = {
    "afspraken": {
        "wat": _("what"),
        "wie": _("who"),
        "partner": _("partner"),
        "wanneer": _("by when"),
        "bouwsteen": _("building block"),
        "status": _("status"),
    },
    "themas": {
        "naam": _("theme"),
        "archetype": _("archetype"),
        "open_begroting_pot": _("open budget pot"),
    },
    "instrumenten": {"soort": _("instrument"), "omschrijving": _("description")},
}
TITEL = {"afspraken": "wat", "themas": "naam", "instrumenten": "soort"}


@dataclass
class Wijziging:
    veld: str
    label: str
    oud: Any
    nieuw: Any


@dataclass
class ItemDiff:
    soort: str  # afspraken / themas / instrumenten
    sleutel: str
    titel: str
    wijzigingen: list[Wijziging] = field(default_factory=list)
    waarden: dict[str, Any] = field(default_factory=dict)


@dataclass
class SetDiff:
    velden: list[Wijziging] = field(default_factory=list)
    toegevoegd: list[ItemDiff] = field(default_factory=list)
    verwijderd: list[ItemDiff] = field(default_factory=list)
    gewijzigd: list[ItemDiff] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return not (self.velden or self.toegevoegd or self.verwijderd or self.gewijzigd)


def verschil(oud: dict[str, Any], nieuw: dict[str, Any]) -> SetDiff:
    d = SetDiff()
    for veld, label in SET_VELDEN.items():
        if oud.get(veld) != nieuw.get(veld):
            d.velden.append(Wijziging(veld, str(label), oud.get(veld), nieuw.get(veld)))
    for soort, velden in VELDEN.items():
        a: dict[str, Any] = oud.get(soort, {})
        b: dict[str, Any] = nieuw.get(soort, {})
        for key in b.keys() - a.keys():
            d.toegevoegd.append(ItemDiff(soort, key, str(b[key].get(TITEL[soort], "")), [], b[key]))
        for key in a.keys() - b.keys():
            d.verwijderd.append(ItemDiff(soort, key, str(a[key].get(TITEL[soort], "")), [], a[key]))
        for key in a.keys() & b.keys():
            changes = [
                Wijziging(v, str(label), a[key].get(v), b[key].get(v))
                for v, label in velden.items()
                if a[key].get(v) != b[key].get(v)
            ]
            if changes:
                d.gewijzigd.append(
                    ItemDiff(soort, key, str(b[key].get(TITEL[soort], "")), changes, b[key])
                )
    for lst in (d.toegevoegd, d.verwijderd, d.gewijzigd):
        lst.sort(key=lambda i: (i.soort, int(i.sleutel) if i.sleutel.isdigit() else 0))
    return d


def samenvatting(d: SetDiff) -> str:
    """A short, translated description of what a version changed (rendered when shown,
    so it follows the reader's language)."""
    from django.utils.translation import gettext, ngettext

    from .models import SetStatus

    delen: list[str] = []
    for w in d.velden:
        if w.veld == "status" and w.oud in SetStatus.values and w.nieuw in SetStatus.values:
            delen.append(
                gettext("status %(van)s → %(naar)s")
                % {"van": SetStatus(w.oud).label, "naar": SetStatus(w.nieuw).label}
            )
    if any(w.veld != "status" for w in d.velden):
        delen.append(gettext("details of the set changed"))
    if d.toegevoegd:
        n = len(d.toegevoegd)
        delen.append(ngettext("%(n)s item added", "%(n)s items added", n) % {"n": n})
    if d.verwijderd:
        n = len(d.verwijderd)
        delen.append(ngettext("%(n)s item removed", "%(n)s items removed", n) % {"n": n})
    if d.gewijzigd:
        n = len(d.gewijzigd)
        delen.append(ngettext("%(n)s item changed", "%(n)s items changed", n) % {"n": n})
    return "; ".join(delen) or gettext("no changes")
