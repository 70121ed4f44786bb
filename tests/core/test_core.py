from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.core import mail
from django.urls import reverse

from groningenmodel.models import User, WorkerPing
from groningenmodel.permissions import can, needs_mfa, rollen
from tests.core.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_home_lists_the_wijken(client, wijk, other_wijk):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Oosterparkwijk" in body and "De Wijert" in body
    assert 'lang="nl"' in body


def test_english_is_the_second_language(client, wijk):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert 'lang="en"' in body and "Neighbourhoods and villages" in body
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Wijken en dorpen" in client.get("/").content.decode()


def test_roles_are_derived_from_links(roles):
    assert [r.value for r in rollen(roles["bewoner"])] == ["bewoner"]
    assert [r.value for r in rollen(roles["gebiedsteam"])] == ["gebiedsteam"]
    assert [r.value for r in rollen(roles["raadslid"])] == ["raadslid"]
    assert "beheerder" in [r.value for r in rollen(roles["beheerder"])]
    assert not needs_mfa(roles["bewoner"])
    assert needs_mfa(roles["gebiedsteam"]) and needs_mfa(roles["raadslid"])


def test_beheerder_passes_every_rule_anonymous_none(roles):
    assert can(roles["beheerder"], "core.view_status")
    assert not can(roles["raadslid"], "core.view_status")
    assert not can(None, "core.view_status")
    with pytest.raises(KeyError):
        can(roles["beheerder"], "no.such.rule")


def test_staff_without_totp_must_set_it_up(client, wijk, make_user):
    staff = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel, totp=False)
    client.force_login(staff)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # A resident is never forced.
    resident = make_user("bewoner", wijk=wijk)
    client.force_login(resident)
    assert client.get("/").status_code == 200


def test_signup_by_email_then_verify_by_code(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "Nieuw@Example.org", "naam": "Nina"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.naam == "Nina" and not user.has_usable_password()
    assert len(mail.outbox) == 1
    code = _code_from(mail.outbox[0].body)
    response = client.post(reverse("account_email_verification_sent"), {"code": code})
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified


def test_login_by_code(client, roles):
    resident = roles["bewoner"]
    response = client.post(reverse("account_request_login_code"), {"email": resident.email})
    assert response.status_code == 302
    code = _code_from(mail.outbox[-1].body)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("mijn_gegevens")).status_code == 200


def test_wrong_passwords_are_throttled(client, roles, settings):
    user = roles["raadslid"]
    codes = [
        client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codes[-1] == 429 and 429 not in codes[:-1]
    # Locked out: even the right password does not get through now.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session


def _code_from(body: str) -> str:
    import re

    match = re.search(r"^\s*([A-Z0-9]{3,4}-?[A-Z0-9]{3,4})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


@pytest.mark.django_db(transaction=True)
def test_celery_round_trip_through_the_broker(celery_worker, settings):
    from groningenmodel.tasks import add

    assert add.delay(2, 3).get(timeout=30) == 5
    if os.environ.get("TEST_BACKEND") == "postgres":
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"


@pytest.mark.django_db(transaction=True)
def test_status_page_shows_the_worker_answer(celery_worker, client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.post(reverse("status"))
    assert response.status_code == 302
    ping = WorkerPing.objects.get()
    deadline = time.time() + 30
    while time.time() < deadline:
        ping.refresh_from_db()
        if ping.answered:
            break
        time.sleep(0.2)
    body = client.get(response["Location"]).content.decode()
    assert ping.answered is not None
    assert 'data-status="ok"' in body


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "wijkdemocratie.groningen.nl",
        "DEBUG": "0",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def test_docker_compose_runs_the_production_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "mail"} <= set(services)
    for name, svc in services.items():
        assert "healthcheck" in svc, f"{name} has no health check"
        assert svc["healthcheck"]["test"], name
    for name in ("web", "worker", "beat"):
        deps = services[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy"
        assert deps["redis"]["condition"] == "service_healthy"
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
    assert "celery" in " ".join(services["worker"]["command"])
    assert "beat" in " ".join(services["beat"]["command"])


def test_demo_is_idempotent(db):
    from django.core.management import call_command

    from wijken.models import Adres, Inwoner, Wijk

    call_command("demo", scale=0.005, quiet=True)
    counts = (
        Wijk.objects.count(),
        Adres.objects.count(),
        Inwoner.objects.count(),
        User.objects.count(),
    )
    call_command("demo", scale=0.005, quiet=True)
    assert counts == (
        Wijk.objects.count(),
        Adres.objects.count(),
        Inwoner.objects.count(),
        User.objects.count(),
    )
    assert counts[0] >= 15
    assert (
        User.objects.filter(is_raadslid=True).count() == 45
    )  # the council; the demo raadslid holds one seat
    assert Wijk.objects.get(slug="oosterparkwijk").inwoners == 11000


def test_a_person_can_erase_their_account(client, roles):
    from groningenmodel.models import AuditEntry

    resident = roles["bewoner"]
    client.force_login(resident)
    response = client.post(reverse("mijn_gegevens_verwijderen"), {})
    assert response.status_code == 200 and User.objects.filter(pk=resident.pk).exists()
    response = client.post(reverse("mijn_gegevens_verwijderen"), {"bevestig": "ja"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=resident.pk).exists()
    assert AuditEntry.objects.filter(action="account.erased", object_id=str(resident.pk)).exists()
    assert "_auth_user_id" not in client.session


def test_dutch_first_even_for_an_english_browser(client, wijk):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in body


def test_redis_cache_uses_its_own_database():
    """Clearing the cache must never flush the broker's queues."""
    from groningenmodel.settings import _redis_cache_url

    assert _redis_cache_url("redis://127.0.0.1:6379") == "redis://127.0.0.1:6379/1"
    assert _redis_cache_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/1"
    assert _redis_cache_url("redis://:pw@redis:6379/3") == "redis://:pw@redis:6379/4"


def test_a_totp_code_works_once(client, roles):
    """Staff log in with password + TOTP; replaying the same code is refused."""
    from tests.core.factories import totp_now

    user = roles["gebiedsteam"]
    code = totp_now()
    for attempt in range(2):
        client.logout()
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        if attempt == 0:
            assert response.status_code == 302, response.content[:500]
        else:
            assert response.status_code == 200
            assert "_auth_user_id" not in client.session


def test_printed_codes_share_one_alphabet_and_keep_their_stored_hashes(settings):
    """Lottery, voting and address codes use one generator; the hash of each kind is
    still HMAC(SECRET_KEY, "<kind>:<symbols>"), so codes already printed keep working."""
    import hashlib
    import hmac

    from groningenmodel import codes
    from loting import services as loting
    from stemmen import services_stemming as stemmen
    from wijken import services_adres as wijken

    settings.SECRET_KEY = "vaste-sleutel-voor-de-test"

    def oud(msg: str) -> str:
        return hmac.new(settings.SECRET_KEY.encode(), msg.encode(), hashlib.sha256).hexdigest()

    assert stemmen.code_hash("abcd efgh-jkmn") == oud("stemcode:ABCDEFGHJKMN")
    assert loting.code_hash("abcde-fghjk") == oud("loting-code:ABCDEFGHJK")
    assert wijken.code_hash(7, "abcd-efgh") == oud("adresverificatie:7:ABCDEFGH")
    for maak, groepen in ((stemmen.code_nieuw, 3), (loting.code_new, 2), (wijken.code_nieuw, 2)):
        code = maak()
        assert code.count("-") == groepen - 1
        assert set(code.replace("-", "")) <= set(codes.ALFABET)
    assert not set("01OIL") & set(codes.ALFABET)
