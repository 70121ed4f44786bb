"""Congruence rules: the more say a wijk takes, the stronger its democratic process must be.

Every rule is a small pure function of a :class:`Feiten` value (no database) with an id. A
rule returns the "witte vlekken" (gaps) it finds, in plain language; an empty list means the
rule is met or does not apply. The rules are listed in the README ("Congruence rules") and on
the page ``/praatplaat/regels/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

#: Instrument kinds (``models.InstrumentSoort`` values) that reach residents beyond the
#: active core, and those that reach them by lot or by an open vote of all residents.
BEREIK_BUITEN_KERN = frozenset(
    {"wijkpanel", "cwr", "loting", "ideeenronde", "wijkstemdag", "online", "straatberaad", "inloop"}
)
LOT_OF_OPEN_STEM = frozenset({"wijkpanel", "cwr", "loting", "ideeenronde", "wijkstemdag"})

INCLUSIE = "ieders-stem-telt"
TRANSPARANTIE = "transparantie"
KOMPAS = ("ieders-stem-telt", "transparantie", "zeggenschap", "goede-gesprek")


@dataclass(frozen=True)
class ThemaFeit:
    naam: str
    archetype: int
    open_pot: str = ""  # recorded explicitly, or found in the wijken ledger


@dataclass(frozen=True)
class Feiten:
    """What the check needs to know about a wijk and its agreement set."""

    themas: tuple[ThemaFeit, ...] = ()
    #: onderdeel code → (answered questions, all questions)
    kompas: dict[str, tuple[int, int]] = field(default_factory=dict)
    instrumenten: frozenset[str] = frozenset()
    verantwoording_wijk: bool = False
    verantwoording_raad: bool = False

    @property
    def max_archetype(self) -> int:
        return max((t.archetype for t in self.themas), default=1)

    def onbeantwoord(self, code: str) -> int:
        answered, total = self.kompas.get(code, (0, 0))
        return max(total - answered, 0) if total else 1


@dataclass(frozen=True)
class WitteVlek:
    regel: str
    tekst: str


@dataclass(frozen=True)
class Regel:
    id: str
    archetype: int  # applies from this archetype up
    titel: object  # lazy translated string
    uitleg: object
    check: Callable[[Feiten], list[str]]


def _themas_vanaf(f: Feiten, archetype: int) -> str:
    return ", ".join(t.naam for t in f.themas if t.archetype >= archetype)


def r_inclusie_beantwoord(f: Feiten) -> list[str]:
    if f.max_archetype < 2 or not f.onbeantwoord(INCLUSIE):
        return []
    return [
        str(
            _(
                "Not all inclusion questions (everyone's voice counts) have been answered "
                "in a conversation: %(n)s open. Needed for: %(themas)s."
            )
            % {"n": f.onbeantwoord(INCLUSIE), "themas": _themas_vanaf(f, 2)}
        )
    ]


def r_transparantie_beantwoord(f: Feiten) -> list[str]:
    if f.max_archetype < 2 or not f.onbeantwoord(TRANSPARANTIE):
        return []
    return [
        str(
            _(
                "Not all transparency questions have been answered in a conversation: "
                "%(n)s open. Needed for: %(themas)s."
            )
            % {"n": f.onbeantwoord(TRANSPARANTIE), "themas": _themas_vanaf(f, 2)}
        )
    ]


def r_bereik_buiten_kern(f: Feiten) -> list[str]:
    if f.max_archetype < 2 or f.instrumenten & BEREIK_BUITEN_KERN:
        return []
    return [
        str(
            _(
                "There is no way yet to reach residents beyond the active core (for example a "
                "neighbourhood panel, street meetings, an online platform or an open idea "
                "round). Needed for: %(themas)s."
            )
            % {"themas": _themas_vanaf(f, 2)}
        )
    ]


def r_kompas_volledig(f: Feiten) -> list[str]:
    if f.max_archetype < 3:
        return []
    open_codes = [c for c in KOMPAS if f.onbeantwoord(c)]
    if not open_codes:
        return []
    namen = {
        "ieders-stem-telt": _("everyone's voice counts"),
        "transparantie": _("transparency"),
        "zeggenschap": _("say"),
        "goede-gesprek": _("the good conversation"),
    }
    return [
        str(
            _(
                "Every question of the compass must be answered for allocate and decide; "
                "still open: %(delen)s. Needed for: %(themas)s."
            )
            % {
                "delen": ", ".join(f"{namen[c]} ({f.onbeantwoord(c)})" for c in open_codes),
                "themas": _themas_vanaf(f, 3),
            }
        )
    ]


def r_inclusie_instrument(f: Feiten) -> list[str]:
    if f.max_archetype < 3 or f.instrumenten & LOT_OF_OPEN_STEM:
        return []
    return [
        str(
            _(
                "There is no instrument that reaches residents by lot or by an open vote (a "
                "neighbourhood panel, a cooperative neighbourhood council, or an idea round or "
                "voting day open to all residents). Needed for: %(themas)s."
            )
            % {"themas": _themas_vanaf(f, 3)}
        )
    ]


def r_verantwoording(f: Feiten) -> list[str]:
    if f.max_archetype < 3:
        return []
    out = []
    if not f.verantwoording_wijk:
        out.append(
            str(
                _(
                    "It is not recorded how the neighbourhood accounts publicly to its "
                    "residents. Needed for: %(themas)s."
                )
                % {"themas": _themas_vanaf(f, 3)}
            )
        )
    if not f.verantwoording_raad:
        out.append(
            str(
                _(
                    "It is not recorded how the neighbourhood accounts to the council. "
                    "Needed for: %(themas)s."
                )
                % {"themas": _themas_vanaf(f, 3)}
            )
        )
    return out


def r_open_begroting(f: Feiten) -> list[str]:
    return [
        str(
            _(
                "The theme %(thema)s has archetype 3 but no open budget pot the neighbourhood "
                "decides on."
            )
            % {"thema": t.naam}
        )
        for t in f.themas
        if t.archetype >= 3 and not t.open_pot.strip()
    ]


REGELS: list[Regel] = [
    Regel(
        "A2-INCLUSIE",
        2,
        _("Inclusion questions answered"),
        _(
            "From archetype 2: every question under 'everyone's voice counts' has an answer "
            "from a conversation."
        ),
        r_inclusie_beantwoord,
    ),
    Regel(
        "A2-TRANSPARANTIE",
        2,
        _("Transparency questions answered"),
        _("From archetype 2: every transparency question has an answer from a conversation."),
        r_transparantie_beantwoord,
    ),
    Regel(
        "A2-BEREIK",
        2,
        _("Reaching beyond the active core"),
        _(
            "From archetype 2: at least one instrument reaches residents beyond the active "
            "core (panel, lot, open idea round or voting day, online platform, street "
            "meetings, drop-in market)."
        ),
        r_bereik_buiten_kern,
    ),
    Regel(
        "A3-KOMPAS",
        3,
        _("Whole compass answered"),
        _("Archetype 3: every question of all four compass values has an answer."),
        r_kompas_volledig,
    ),
    Regel(
        "A3-LOT-OF-STEM",
        3,
        _("Inclusion by lot or open vote"),
        _(
            "Archetype 3: an instrument that reaches people by lot or by an open vote: a "
            "neighbourhood panel, a cooperative neighbourhood council (CWR), or an idea round "
            "or voting day open to all residents."
        ),
        r_inclusie_instrument,
    ),
    Regel(
        "A3-VERANTWOORDING",
        3,
        _("Public accountability to neighbourhood and council"),
        _(
            "Archetype 3: the agreement set records how the neighbourhood accounts publicly "
            "to its residents and to the council."
        ),
        r_verantwoording,
    ),
    Regel(
        "A3-OPEN-BEGROTING",
        3,
        _("Open budget pot per theme"),
        _(
            "Archetype 3: every theme with archetype 3 has an open budget pot the "
            "neighbourhood decides on."
        ),
        r_open_begroting,
    ),
]


def witte_vlekken(f: Feiten) -> list[WitteVlek]:
    """All gaps; an empty list means the agreement set is congruent."""
    return [WitteVlek(r.id, tekst) for r in REGELS for tekst in r.check(f)]
