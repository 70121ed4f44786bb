"""CSV imports: all or nothing, each bad row reported with its line number."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wijken.imports import adressen_import, kompas_import
from wijken.models import Adres, Buurt, Indicator, Inwoner, Meting, Straat

pytestmark = pytest.mark.django_db

KOP = "postcode;straat;huisnummer;toevoeging;buurt;wijk;geboortejaar;geslacht\n"


def _counts() -> tuple[int, int, int, int]:
    return (
        Buurt.objects.count(),
        Straat.objects.count(),
        Adres.objects.count(),
        Inwoner.objects.count(),
    )


def test_address_import_creates_geography_and_residents(wijk: Any) -> None:
    csv = KOP + (
        "9713 AB;Nieuwe Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n"
        "9713AB;Nieuwe Straat;1;;Nieuwe buurt;Oosterparkwijk;1982;m\n"
        "9713AB;Nieuwe Straat;2;a;Nieuwe buurt;oosterparkwijk;2001;x\n"
        "9713AC;Andere Straat;5;;Nieuwe buurt;Oosterparkwijk;;\n"
    )
    before = _counts()
    res = adressen_import(bestand=csv.encode(), stadsdeel=wijk.stadsdeel)
    assert res.ok, res.fouten
    assert res.aantallen == {"buurten": 1, "straten": 2, "adressen": 3, "inwoners": 3}
    assert _counts() == (before[0] + 1, before[1] + 2, before[2] + 3, before[3] + 3)
    adres = Adres.objects.get(postcode="9713AB", huisnummer=2, toevoeging="A")
    assert adres.straat.buurt.wijk == wijk
    assert list(adres.inwoners.values_list("geboortejaar", "geslacht")) == [(2001, "x")]

    # A second extract replaces the residents of the addresses in it.
    res2 = adressen_import(
        bestand=KOP + "9713AB;Nieuwe Straat;1;;Nieuwe buurt;Oosterparkwijk;1950;v\n"
    )
    assert res2.ok and res2.aantallen["inwoners_vervallen"] == 2
    a1 = Adres.objects.get(postcode="9713AB", huisnummer=1, toevoeging="")
    assert list(a1.inwoners.values_list("geboortejaar", flat=True)) == [1950]


def test_a_new_extract_keeps_who_is_still_registered_and_their_account(
    wijk: Any, make_user: Any
) -> None:
    """Re-importing the register must not cut the link between a verified account and
    its inhabitant (one vote per person rests on it); someone who moved out loses it."""
    from wijken.models import Bewoner

    adres_csv = "9713AB;Nieuwe Straat;1;;Nieuwe buurt;Oosterparkwijk;"
    res = adressen_import(
        bestand=KOP + f"{adres_csv}1980;v\n{adres_csv}1982;m\n{adres_csv}2010;x\n"
    )
    assert res.ok, res.fouten
    adres = Adres.objects.get(postcode="9713AB", huisnummer=1)
    ik = adres.inwoners.get(geboortejaar=1980)
    hij = adres.inwoners.get(geboortejaar=1982)
    mij = Bewoner.objects.create(
        user=make_user(""), adres=adres, inwoner=ik, geboortejaar=1980, geverifieerd=True
    )
    hem = Bewoner.objects.create(
        user=make_user(""), adres=adres, inwoner=hij, geboortejaar=1982, geverifieerd=True
    )

    # 1982 moved out, 2010 is still there, a baby arrived; 1980 is unchanged.
    res2 = adressen_import(
        bestand=KOP + f"{adres_csv}2010;x\n{adres_csv}1980;v\n{adres_csv}2026;v\n"
    )
    assert res2.ok, res2.fouten
    assert res2.aantallen["inwoners_behouden"] == 2
    assert res2.aantallen["inwoners_vervallen"] == 1
    assert res2.aantallen["bewoners_onbevestigd"] == 1
    assert sorted(adres.inwoners.values_list("geboortejaar", flat=True)) == [1980, 2010, 2026]
    mij.refresh_from_db()
    hem.refresh_from_db()
    assert mij.inwoner_id == ik.pk and mij.geverifieerd  # same row, link intact
    assert hem.inwoner_id is None and not hem.geverifieerd  # must verify again
    from django.utils import translation

    with translation.override("nl"):  # the summary staff read, in the site's language
        assert ("inwoners niet meer ingeschreven (verwijderd)", 1) in res2.aantallen_display


def test_bad_rows_leave_the_database_unchanged_and_are_all_reported(
    wijk: Any, other_wijk: Any
) -> None:
    csv = KOP + (
        "9713AB;Goede Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n"  # line 2: fine
        "97AB;Goede Straat;2;;Nieuwe buurt;Oosterparkwijk;1980;v\n"  # 3: postcode
        "9713AB;Goede Straat;drie;;Nieuwe buurt;Oosterparkwijk;1980;v\n"  # 4: number
        "9713AB;Goede Straat;4;;Nieuwe buurt;Atlantis;1980;v\n"  # 5: wijk
        "9713AB;Goede Straat;5;;Nieuwe buurt;De Wijert;1980;v\n"  # 6: other stadsdeel
        "9713AB;Goede Straat;6;;Nieuwe buurt;Oosterparkwijk;1780;q\n"  # 7: year + gender
        "9713AB;;7;;;Oosterparkwijk;1980;v\n"  # 8: street and buurt empty
        "9713AB;Andere Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n"  # 9: address moved
    )
    before = _counts()
    for dry_run in (True, False):
        res = adressen_import(bestand=csv.encode(), stadsdeel=wijk.stadsdeel, dry_run=dry_run)
        assert not res.ok
        regels = dict(res.fouten)
        assert sorted(regels) == [3, 4, 5, 6, 7, 8, 9]
        assert "97AB" in regels[3]
        assert "drie" in regels[4]
        assert "Atlantis" in regels[5]
        assert "De Wijert" in regels[6] and "Oost" in regels[6]
        assert "1780" in regels[7] and "q" in regels[7]
        assert "street is empty" in regels[8] and "buurt is empty" in regels[8]
        assert "earlier in the file" in regels[9]
    assert _counts() == before
    assert not Buurt.objects.filter(naam="Nieuwe buurt").exists()


def test_missing_columns_are_reported(wijk: Any) -> None:
    res = adressen_import(bestand="postcode,straat\n9713AB,X\n")
    assert res.fouten and res.fouten[0][0] == 1
    assert "huisnummer" in res.fouten[0][1] and "wijk" in res.fouten[0][1]


def test_dry_run_counts_but_writes_nothing(wijk: Any) -> None:
    csv = KOP + "9713AB;Goede Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n"
    before = _counts()
    res = adressen_import(bestand=csv, dry_run=True)
    assert res.ok and res.dry_run and not res.opgeslagen
    assert res.aantallen == {"buurten": 1, "straten": 1, "adressen": 1, "inwoners": 1}
    assert _counts() == before


def test_latin1_and_comma_separated(wijk: Any) -> None:
    csv = "Postcode,Straat,Huisnummer,Buurt,Wijk\n9713AB,Cöpstraat,1,Nieuwe buurt,Oosterparkwijk\n"
    res = adressen_import(bestand=csv.encode("latin-1"))
    assert res.ok, res.fouten
    assert Straat.objects.filter(naam="Cöpstraat").exists()


def test_management_command(wijk: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(KOP + "9713AB;Goede Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(KOP + "9713AB;Goede Straat;1;;Nieuwe buurt;Atlantis;1980;v\n")
    call_command("import_adressen", str(good), "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Straat.objects.filter(naam="Goede Straat").exists()
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_adressen", str(bad), stderr=open("/dev/null", "w"))  # noqa: SIM115
    call_command("import_adressen", str(good), "--stadsdeel", "oost", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Straat.objects.filter(naam="Goede Straat", buurt__wijk=wijk).exists()


def test_upload_in_the_browser_form(client: Any, roles: dict[str, Any], wijk: Any) -> None:
    client.force_login(roles["gebiedsteam"])
    url = reverse("wijken:adressen_upload", kwargs={"slug": wijk.stadsdeel.slug})
    csv = (KOP + "9713AB;Goede Straat;1;;Nieuwe buurt;Oosterparkwijk;1980;v\n").encode()
    r = client.post(url, {"bestand": SimpleUploadedFile("a.csv", csv), "voorbeeld": "1"})
    assert r.status_code == 200 and r.context["resultaat"].dry_run
    assert not Straat.objects.filter(naam="Goede Straat").exists()
    r = client.post(url, {"bestand": SimpleUploadedFile("a.csv", csv), "importeren": "1"})
    assert r.context["resultaat"].opgeslagen
    assert Straat.objects.filter(naam="Goede Straat").exists()
    bad = (KOP + "9713AB;X;1;;B;De Wijert;1980;v\n").encode()
    r = client.post(url, {"bestand": SimpleUploadedFile("b.csv", bad), "importeren": "1"})
    assert r.context["resultaat"].fouten[0][0] == 2
    assert "De Wijert" in r.content.decode()


def test_kompas_import(wijk: Any, other_wijk: Any) -> None:
    Indicator.objects.create(code="veiligheid", naam="Ervaren veiligheid", decimalen=1)
    csv = (
        "indicator;wijk;jaar;waarde;naam;eenheid;hoger_is_beter\n"
        "veiligheid;Oosterparkwijk;2024;6,8;;;\n"
        "veiligheid;stad;2024;7,2;;;\n"
        "groen;de-wijert;2024;31.5;Groen per inwoner;m2;ja\n"
    )
    res = kompas_import(bestand=csv)
    assert res.ok, res.fouten
    assert Meting.objects.get(indicator__code="veiligheid", wijk=wijk, jaar=2024).waarde == Decimal(
        "6.80"
    )
    assert Meting.objects.get(indicator__code="veiligheid", wijk=None, jaar=2024).waarde == Decimal(
        "7.20"
    )
    groen = Indicator.objects.get(code="groen")
    assert groen.hoger_is_beter is True and groen.eenheid == "m2"
    # Re-import replaces the value rather than adding one.
    res = kompas_import(bestand="indicator,wijk,jaar,waarde\nveiligheid,Oosterparkwijk,2024,6.9\n")
    assert res.aantallen == {"metingen_nieuw": 0, "metingen_gewijzigd": 1}
    assert Meting.objects.filter(indicator__code="veiligheid").count() == 2


def test_kompas_import_bad_rows_change_nothing(wijk: Any) -> None:
    csv = (
        "indicator,wijk,jaar,waarde\n"
        "onbekend,Oosterparkwijk,2024,1\n"
        "onbekend,Oosterparkwijk,2024,1\n"
    )
    res = kompas_import(bestand=csv)
    assert [r for r, _m in res.fouten] == [2, 3]
    Indicator.objects.create(code="x", naam="X")
    csv = (
        "indicator,wijk,jaar,waarde\n"
        "x,Oosterparkwijk,2024,1\n"
        "x,Atlantis,2024,1\n"
        "x,Oosterparkwijk,20x4,veel\n"
        "x,oosterparkwijk,2024,2\n"
    )
    res = kompas_import(bestand=csv)
    regels = dict(res.fouten)
    assert sorted(regels) == [3, 4, 5]
    assert "Atlantis" in regels[3] and "20x4" in regels[4] and "veel" in regels[4]
    assert "line 2" in regels[5]
    assert Meting.objects.count() == 0
