"""Address verification services: look-up, refusals, throttling, letter codes, the desk,
one account per registered inhabitant."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groningenmodel.models import AuditEntry
from groningenmodel.permissions import is_bewoner
from wijken import services_adres as svc
from wijken.models import (
    MAX_POGINGEN,
    Adres,
    AdresVerificatie,
    Bewoner,
    Inwoner,
)

pytestmark = pytest.mark.django_db


def _adres(wijk: Any, index: int = 0) -> Adres:
    return Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[index]


def _aanvragen(user: Any, adres: Adres, jaar: int, **kw: Any) -> AdresVerificatie:
    return svc.adresverificatie_aanvragen(
        user=user,
        postcode=kw.pop("postcode", adres.postcode),
        huisnummer=adres.huisnummer,
        toevoeging=kw.pop("toevoeging", adres.toevoeging),
        geboortejaar=jaar,
    )


def _brief_code(stadsdeel: Any, staff: Any) -> dict[int, str]:
    """Print the letters and read each request's code from the PDF text."""
    from pypdf import PdfReader

    pdf, n = svc.adresverificatie_brieven(stadsdeel=stadsdeel, door=staff)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == n
    codes = {}
    for page in reader.pages:
        text = page.extract_text()
        ref = re.search(r"(?:Referentienummer|Reference number) (\d+)", text)
        code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", text)
        assert ref and code, text
        codes[int(ref.group(1))] = code.group(1)
    return codes


def test_postcode_is_normalised() -> None:
    assert svc.postcode_normaliseren(" 9711 ab ") == "9711AB"
    assert svc.toevoeging_normaliseren(" -a ") == "A"


def test_request_links_a_pending_account_to_the_inhabitant(make_user: Any, wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk)
    inwoner = Inwoner.objects.filter(adres=adres).order_by("pk").first()
    assert inwoner is not None
    pc = f"{adres.postcode[:4]} {adres.postcode[4:].lower()}"
    v = _aanvragen(user, adres, inwoner.geboortejaar, postcode=pc)
    assert v.adres == adres and v.inwoner == inwoner and v.code_hash == ""
    bewoner = Bewoner.objects.get(user=user)
    assert bewoner.adres == adres and bewoner.inwoner == inwoner and not bewoner.geverifieerd
    assert not is_bewoner(user)
    assert AuditEntry.objects.filter(
        action="wijken.adresverificatie_aanvragen", object_id=str(v.pk)
    ).exists()


def test_address_without_registered_inhabitants_links_the_address_only(
    make_user: Any, wijk: Any
) -> None:
    adres = _adres(wijk, 3)
    Inwoner.objects.filter(adres=adres).delete()
    v = _aanvragen(make_user(), adres, 1970)
    assert v.inwoner is None and v.adres == adres


def test_unknown_address_and_wrong_year_give_the_same_message(make_user: Any, wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk)
    with pytest.raises(ValidationError) as unknown:
        svc.adresverificatie_aanvragen(
            user=user, postcode="9999ZZ", huisnummer=1, geboortejaar=1980
        )
    with pytest.raises(ValidationError) as wrong_year:
        _aanvragen(user, adres, 1901)
    assert unknown.value.messages == wrong_year.value.messages
    assert "could not find this combination" in unknown.value.messages[0]
    assert not AdresVerificatie.objects.exists() and not Bewoner.objects.exists()


def test_failed_lookups_are_throttled(make_user: Any, wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk)
    good_year = Inwoner.objects.filter(adres=adres).first().geboortejaar  # type: ignore[union-attr]
    for _i in range(svc.MAX_MISLUKT):
        with pytest.raises(ValidationError):
            _aanvragen(user, adres, 1901)
    with pytest.raises(ValidationError) as exc:
        _aanvragen(user, adres, good_year)  # even the right answer waits now
    assert exc.value.code == "geremd" and "in an hour" in exc.value.messages[0]
    # Another account is not held back.
    assert _aanvragen(make_user(), adres, good_year).adres == adres


def test_one_account_per_inhabitant(make_user: Any, wijk: Any) -> None:
    adres = _adres(wijk)
    # Two inhabitants with the same year of birth: two accounts, then no third.
    Inwoner.objects.filter(adres=adres).delete()
    a = Inwoner.objects.create(adres=adres, geboortejaar=1990, geslacht="v")
    b = Inwoner.objects.create(adres=adres, geboortejaar=1990, geslacht="m")
    v1 = _aanvragen(make_user(), adres, 1990)
    v2 = _aanvragen(make_user(), adres, 1990)
    assert {v1.inwoner, v2.inwoner} == {a, b}
    with pytest.raises(ValidationError) as exc:
        _aanvragen(make_user(), adres, 1990)
    assert exc.value.code == "al_gekoppeld" and "already linked" in exc.value.messages[0]


def test_verified_inhabitant_cannot_be_claimed_again(make_user: Any, wijk: Any) -> None:
    adres = _adres(wijk)
    inwoner = Inwoner.objects.filter(adres=adres).order_by("pk").first()
    assert inwoner is not None
    Inwoner.objects.filter(adres=adres, geboortejaar=inwoner.geboortejaar).exclude(
        pk=inwoner.pk
    ).delete()
    owner = make_user()
    Bewoner.objects.create(user=owner, adres=adres, inwoner=inwoner, geverifieerd=True)
    with pytest.raises(ValidationError) as exc:
        _aanvragen(make_user(), adres, inwoner.geboortejaar)
    assert exc.value.code == "al_gekoppeld"


def test_database_refuses_two_claims_on_one_inhabitant(make_user: Any, wijk: Any) -> None:
    adres = _adres(wijk)
    inwoner = Inwoner.objects.filter(adres=adres).first()
    AdresVerificatie.objects.create(user=make_user(), adres=adres, inwoner=inwoner, geboortejaar=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdresVerificatie.objects.create(
            user=make_user(), adres=adres, inwoner=inwoner, geboortejaar=1
        )
    Bewoner.objects.create(user=make_user(), adres=adres, inwoner=inwoner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bewoner.objects.create(user=make_user(), adres=adres, inwoner=inwoner)


def test_a_new_request_replaces_the_pending_one(make_user: Any, wijk: Any) -> None:
    user = make_user()
    eerste, tweede = _adres(wijk, 0), _adres(wijk, 1)
    v1 = _aanvragen(user, eerste, eerste.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    v2 = _aanvragen(user, tweede, tweede.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    assert not AdresVerificatie.objects.filter(pk=v1.pk).exists()
    assert AdresVerificatie.objects.get(user=user).pk == v2.pk
    assert Bewoner.objects.get(user=user).adres == tweede
    assert AuditEntry.objects.filter(
        action="wijken.adresverificatie_vervangen", object_id=str(v1.pk)
    ).exists()


def test_letter_code_verifies_the_account(make_user: Any, roles: dict[str, Any], wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk, 4)
    inwoner = adres.inwoners.order_by("pk").first()
    assert inwoner is not None
    v = _aanvragen(user, adres, inwoner.geboortejaar)
    with pytest.raises(ValidationError) as exc:
        svc.adresverificatie_code_invoeren(user=user, code="ABCD-EFGH")
    assert exc.value.code == "niet_verstuurd"

    codes = _brief_code(wijk.stadsdeel, roles["gebiedsteam"])
    v.refresh_from_db()
    assert v.verstuurd_op is not None and v.methode == "brief" and len(v.code_hash) == 64
    code = codes[v.pk]
    assert code not in v.code_hash and v.code_hash == svc.code_hash(v.pk, code)
    assert AuditEntry.objects.filter(action="wijken.adresverificatie_brief").count() == 1
    # Nothing left to print.
    with pytest.raises(ValidationError):
        svc.adresverificatie_brieven(stadsdeel=wijk.stadsdeel, door=roles["gebiedsteam"])

    bewoner = svc.adresverificatie_code_invoeren(user=user, code=code.lower().replace("-", " "))
    assert bewoner.geverifieerd and bewoner.geverifieerd_op and bewoner.inwoner == inwoner
    assert is_bewoner(user, wijk.pk)
    assert not AdresVerificatie.objects.filter(user=user).exists()
    entry = AuditEntry.objects.get(action="wijken.bewoner_geverifieerd")
    assert entry.changes["methode"] == "brief" and entry.actor == user


def test_wrong_codes_count_and_void_the_request(
    make_user: Any, roles: dict[str, Any], wijk: Any
) -> None:
    user = make_user()
    adres = _adres(wijk, 2)
    v = _aanvragen(user, adres, adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    code = _brief_code(wijk.stadsdeel, roles["gebiedsteam"])[v.pk]
    wrong = "ZZZZ-ZZZZ" if code != "ZZZZ-ZZZZ" else "YYYY-YYYY"
    with pytest.raises(ValidationError) as short:
        svc.adresverificatie_code_invoeren(user=user, code="ABC")
    assert short.value.code == "vorm"  # a typo in the form does not count
    for i in range(1, MAX_POGINGEN):
        with pytest.raises(ValidationError) as exc:
            svc.adresverificatie_code_invoeren(user=user, code=wrong)
        assert exc.value.code == "fout"
        assert f"{MAX_POGINGEN - i} more tr" in exc.value.messages[0]
        v.refresh_from_db()
        assert v.pogingen == i
    assert (
        AuditEntry.objects.filter(action="wijken.adresverificatie_foute_code").count()
        == MAX_POGINGEN - 1
    )
    with pytest.raises(ValidationError) as last:
        svc.adresverificatie_code_invoeren(user=user, code=wrong)
    assert last.value.code == "vervallen" and "request verification" in last.value.messages[0]
    assert not AdresVerificatie.objects.filter(user=user).exists()
    assert not Bewoner.objects.filter(user=user).exists()
    # The right code no longer helps.
    with pytest.raises(ValidationError) as gone:
        svc.adresverificatie_code_invoeren(user=user, code=code)
    assert gone.value.code == "geen"
    assert AuditEntry.objects.filter(action="wijken.adresverificatie_vervallen").exists()


def test_codes_expire(make_user: Any, roles: dict[str, Any], wijk: Any) -> None:
    user, other = make_user(), make_user()
    v = _aanvragen(user, _adres(wijk, 0), _adres(wijk, 0).inwoners.first().geboortejaar)  # type: ignore[union-attr]
    w = _aanvragen(other, _adres(wijk, 1), _adres(wijk, 1).inwoners.first().geboortejaar)  # type: ignore[union-attr]
    codes = _brief_code(wijk.stadsdeel, roles["gebiedsteam"])
    lang_geleden = timezone.now() - timedelta(days=61)
    AdresVerificatie.objects.filter(pk__in=[v.pk, w.pk]).update(verstuurd_op=lang_geleden)
    with pytest.raises(ValidationError) as exc:
        svc.adresverificatie_code_invoeren(user=user, code=codes[v.pk])
    assert exc.value.code == "verlopen"
    assert not AdresVerificatie.objects.filter(pk=v.pk).exists()
    # The daily clean-up voids the other expired one.
    assert svc.adresverificaties_opruimen() == 1
    assert not AdresVerificatie.objects.exists()
    assert not Bewoner.objects.filter(user__in=[user, other]).exists()


def test_desk_verification(make_user: Any, roles: dict[str, Any], wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk, 5)
    v = _aanvragen(user, adres, adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as own:
        svc.adresverificatie_balie(verificatie=v, door=user)
    assert own.value.code == "eigen"
    bewoner = svc.adresverificatie_balie(verificatie=v, door=roles["gebiedsteam"])
    assert bewoner.geverifieerd and is_bewoner(user, wijk.pk)
    entry = AuditEntry.objects.get(action="wijken.bewoner_geverifieerd")
    assert entry.actor == roles["gebiedsteam"] and entry.changes["methode"] == "balie"
    with pytest.raises(ValidationError) as again:
        svc.adresverificatie_balie(verificatie=v, door=roles["gebiedsteam"])
    assert again.value.code == "weg"


def test_a_verified_resident_who_moves_keeps_the_old_link_until_verified(
    roles: dict[str, Any], wijk: Any, other_wijk: Any
) -> None:
    user = roles["bewoner"]
    oud = Bewoner.objects.get(user=user)
    nieuw_adres = _adres(other_wijk, 1)
    v = _aanvragen(user, nieuw_adres, nieuw_adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    still = Bewoner.objects.get(user=user)
    assert still.geverifieerd and still.adres == oud.adres and is_bewoner(user, wijk.pk)
    # Cancelling keeps the old link.
    assert svc.adresverificatie_intrekken(user=user)
    assert Bewoner.objects.get(user=user).geverifieerd
    assert not svc.adresverificatie_intrekken(user=user)
    # Request again and verify at the desk of the new stadsdeel: the new address replaces it.
    v = _aanvragen(user, nieuw_adres, nieuw_adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    svc.adresverificatie_balie(verificatie=v, door=roles["gebiedsteam_elders"])
    now = Bewoner.objects.get(user=user)
    assert now.adres == nieuw_adres and now.inwoner == v.inwoner and now.geverifieerd
    fresh = type(user).objects.get(pk=user.pk)  # roles are cached per user object
    assert is_bewoner(fresh, other_wijk.pk) and not is_bewoner(fresh, wijk.pk)
    entry = AuditEntry.objects.get(action="wijken.bewoner_geverifieerd")
    assert entry.changes["vorig_adres_id"] == oud.adres_id


def test_already_verified_for_the_same_inhabitant(make_user: Any, wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk)
    inwoner = adres.inwoners.first()
    assert inwoner is not None
    Bewoner.objects.create(
        user=user, adres=adres, inwoner=inwoner, geboortejaar=inwoner.geboortejaar,
        geverifieerd=True,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        _aanvragen(user, adres, inwoner.geboortejaar)
    assert exc.value.code == "al_geverifieerd"


def test_cancel_removes_the_pending_account(make_user: Any, wijk: Any) -> None:
    user = make_user()
    adres = _adres(wijk)
    v = _aanvragen(user, adres, adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    assert svc.adresverificatie_intrekken(user=user)
    assert not Bewoner.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(
        action="wijken.adresverificatie_intrekken", object_id=str(v.pk)
    ).exists()


def test_register_change_after_the_request_is_rematched(
    make_user: Any, roles: dict[str, Any], wijk: Any
) -> None:
    """A new import replaced the address's inhabitants: verification finds the new row."""
    user = make_user()
    adres = _adres(wijk, 6)
    jaar = adres.inwoners.first().geboortejaar  # type: ignore[union-attr]
    v = _aanvragen(user, adres, jaar)
    Inwoner.objects.filter(adres=adres).delete()
    nieuw = Inwoner.objects.create(adres=adres, geboortejaar=jaar, geslacht="x")
    v.refresh_from_db()
    assert v.inwoner is None
    bewoner = svc.adresverificatie_balie(verificatie=v, door=roles["gebiedsteam"])
    assert bewoner.inwoner == nieuw


def test_erasing_the_account_erases_the_request(make_user: Any, wijk: Any) -> None:
    from groningenmodel.privacy import account_erase, personal_data_for

    user = make_user()
    adres = _adres(wijk)
    v = _aanvragen(user, adres, adres.inwoners.first().geboortejaar)  # type: ignore[union-attr]
    titles = [str(t) for t, _rows in personal_data_for(user)]
    assert "Address verification request" in titles
    account_erase(user=user)
    assert not AdresVerificatie.objects.filter(pk=v.pk).exists()
