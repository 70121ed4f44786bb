"""Every congruence rule: it applies from its archetype, can fail, and can pass."""

from __future__ import annotations

import pytest

from praatplaat.congruentie import REGELS, Feiten, ThemaFeit, witte_vlekken

VOL = {
    c: (n, n)
    for c, n in [
        ("ieders-stem-telt", 6),
        ("transparantie", 6),
        ("zeggenschap", 2),
        ("goede-gesprek", 6),
    ]
}


def feiten(archetype: int = 3, **kw):  # type: ignore[no-untyped-def]
    base = {
        "themas": (ThemaFeit("Wijkagenda", archetype, "CWR-budget"),),
        "kompas": dict(VOL),
        "instrumenten": frozenset({"cwr"}),
        "verantwoording_wijk": True,
        "verantwoording_raad": True,
    }
    base.update(kw)
    return Feiten(**base)


def ids(f: Feiten) -> set[str]:
    return {v.regel for v in witte_vlekken(f)}


def test_every_rule_has_a_unique_id_and_text() -> None:
    assert len({r.id for r in REGELS}) == len(REGELS) == 7
    assert all(str(r.titel) and str(r.uitleg) for r in REGELS)


def test_complete_archetype_3_is_congruent() -> None:
    assert witte_vlekken(feiten(3)) == []


def test_archetype_1_has_no_requirements() -> None:
    assert witte_vlekken(Feiten(themas=(ThemaFeit("Verkeer", 1),))) == []


@pytest.mark.parametrize("archetype", [2, 3])
def test_a2_inclusie_fails_with_an_open_inclusion_question(archetype: int) -> None:
    f = feiten(archetype, kompas={**VOL, "ieders-stem-telt": (5, 6)})
    assert "A2-INCLUSIE" in ids(f)
    assert any("1" in v.tekst for v in witte_vlekken(f) if v.regel == "A2-INCLUSIE")


def test_a2_transparantie_fails_and_passes() -> None:
    assert "A2-TRANSPARANTIE" in ids(feiten(2, kompas={**VOL, "transparantie": (0, 6)}))
    assert "A2-TRANSPARANTIE" not in ids(feiten(2))


def test_a2_bereik_needs_an_outreach_instrument() -> None:
    assert "A2-BEREIK" in ids(feiten(2, instrumenten=frozenset()))
    assert "A2-BEREIK" not in ids(feiten(2, instrumenten=frozenset({"straatberaad"})))


def test_a2_rules_do_not_apply_to_archetype_1() -> None:
    f = feiten(1, kompas={}, instrumenten=frozenset())
    assert ids(f) == set()


def test_a3_kompas_needs_every_compass_question() -> None:
    f = feiten(3, kompas={**VOL, "goede-gesprek": (5, 6)})
    assert "A3-KOMPAS" in ids(f)
    # archetype 2 only needs inclusion and transparency
    assert "A3-KOMPAS" not in ids(feiten(2, kompas={**VOL, "goede-gesprek": (0, 6)}))


def test_a3_lot_of_stem_rejects_outreach_without_lot_or_open_vote() -> None:
    f = feiten(3, instrumenten=frozenset({"online", "inloop"}))
    assert "A3-LOT-OF-STEM" in ids(f)
    assert "A2-BEREIK" not in ids(f)
    for soort in ["wijkpanel", "cwr", "ideeenronde", "wijkstemdag", "loting"]:
        assert "A3-LOT-OF-STEM" not in ids(feiten(3, instrumenten=frozenset({soort})))


def test_a3_verantwoording_needs_wijk_and_raad() -> None:
    assert "A3-VERANTWOORDING" in ids(feiten(3, verantwoording_wijk=False))
    assert "A3-VERANTWOORDING" in ids(feiten(3, verantwoording_raad=False))
    assert (
        len(
            [
                v
                for v in witte_vlekken(
                    feiten(3, verantwoording_wijk=False, verantwoording_raad=False)
                )
                if v.regel == "A3-VERANTWOORDING"
            ]
        )
        == 2
    )


def test_a3_open_begroting_per_theme() -> None:
    f = feiten(
        3,
        themas=(
            ThemaFeit("Wijkagenda", 3, "pot"),
            ThemaFeit("Groen", 3, ""),
            ThemaFeit("Verkeer", 2, ""),
        ),
    )
    vlekken = [v for v in witte_vlekken(f) if v.regel == "A3-OPEN-BEGROTING"]
    assert len(vlekken) == 1 and "Groen" in vlekken[0].tekst


def test_highest_archetype_decides_and_gaps_name_the_themes() -> None:
    f = Feiten(themas=(ThemaFeit("Verkeer", 1), ThemaFeit("Budget X", 3)))
    found = ids(f)
    assert {
        "A2-INCLUSIE",
        "A2-TRANSPARANTIE",
        "A2-BEREIK",
        "A3-KOMPAS",
        "A3-LOT-OF-STEM",
        "A3-VERANTWOORDING",
        "A3-OPEN-BEGROTING",
    } == found
    assert all("Verkeer" not in v.tekst for v in witte_vlekken(f))
