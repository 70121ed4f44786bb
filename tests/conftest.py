"""Shared fixtures: roles, a real Celery worker, and Playwright on Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = "/usr/bin/chromium"
BACKEND = os.environ.get("TEST_BACKEND", "sqlite")


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> None:
    """Hashing with PBKDF2 costs ~0.3 s a user; tests create many users."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache. Database ids are reused between tests on
    SQLite, so without this a TOTP code "already used" by user 1 in one test would be
    refused for another user 1 in the next test within the same 30 seconds."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # PostgreSQL-only tests belong to the postgres suite: deselected (not skipped) here.
    if BACKEND != "postgres":
        deselected = [item for item in items if "postgres_only" in item.keywords]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if "postgres_only" not in item.keywords]


def need(condition: bool, what: str) -> None:
    """A missing system part: a failure in CI, a skip on a developer's machine."""
    if condition:
        return
    if CI:
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available here")


# --- users and roles ---------------------------------------------------------------


@pytest.fixture
def make_user(db: Any) -> Any:
    from tests.core.factories import make_user as _make

    return _make


@pytest.fixture
def stadsdeel(db: Any) -> Any:
    from tests.wijken.factories import StadsdeelFactory

    return StadsdeelFactory(naam="Oost", slug="oost")


@pytest.fixture
def wijk(stadsdeel: Any) -> Any:
    from tests.wijken.factories import WijkFactory, populate_wijk

    w = WijkFactory(
        stadsdeel=stadsdeel, naam="Oosterparkwijk", slug="oosterparkwijk", inwoners=11000
    )
    populate_wijk(w, buurten=3, straten=2, adressen=5)
    return w


@pytest.fixture
def other_wijk(db: Any) -> Any:
    from tests.wijken.factories import StadsdeelFactory, WijkFactory, populate_wijk

    sd = StadsdeelFactory(naam="Zuid", slug="zuid")
    w = WijkFactory(stadsdeel=sd, naam="De Wijert", slug="de-wijert", inwoners=8000)
    populate_wijk(w, buurten=2, straten=2, adressen=3)
    return w


@pytest.fixture
def roles(wijk: Any, other_wijk: Any, make_user: Any) -> dict[str, Any]:
    """One user per role; staff of Oost (the wijk's stadsdeel) and of Zuid."""
    return {
        "anon": None,
        "bewoner": make_user("bewoner", wijk=wijk),
        "bewoner_elders": make_user("bewoner", wijk=other_wijk, email="elders@example.org"),
        "gebiedsteam": make_user("gebiedsteam", stadsdeel=wijk.stadsdeel),
        "gebiedsteam_elders": make_user(
            "gebiedsteam", stadsdeel=other_wijk.stadsdeel, email="zuid@example.org"
        ),
        "raadslid": make_user("raadslid"),
        "beheerder": make_user("beheerder"),
    }


# --- Celery worker -------------------------------------------------------------------


def _worker_env(db_name: str) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{db_name}"
    else:
        d = settings.DATABASES["default"]
        env["DATABASE_URL"] = f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}/{db_name}"
    return env


def start_worker(
    extra_args: list[str] | None = None, *, pool: str = "solo"
) -> subprocess.Popen[bytes]:
    """Start a real Celery worker against the test database; the caller stops it."""
    from django.db import connection

    env = _worker_env(connection.settings_dict["NAME"])
    log = open(Path(os.environ.get("DATA_DIR", "/tmp")) / f"worker-{time.time_ns()}.log", "wb")  # noqa: SIM115
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "groningenmodel",
        "worker",
        "-P",
        pool,
        "-c",
        "1",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "INFO",
        *(extra_args or []),
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log.name  # type: ignore[attr-defined]
    return proc


def wait_for_worker(proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    from groningenmodel.tasks import add

    result = add.delay(20, 22)
    try:
        assert result.get(timeout=timeout) == 42
    except Exception as exc:  # noqa: BLE001
        log = Path(proc.log_path).read_text(errors="replace")[-3000:]  # type: ignore[attr-defined]
        raise RuntimeError(f"Celery worker did not answer: {exc}\n{log}") from exc


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup: Any, django_db_blocker: Any
) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker process on the run's broker (Redis or the filesystem broker)."""
    with django_db_blocker.unblock():
        proc = start_worker()
        try:
            wait_for_worker(proc)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


# --- browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        "Chromium (/usr/bin/chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20000)
    pg.base_url = live_server.url  # type: ignore[attr-defined]
    yield pg
    context.close()


ARTIFACTS = ROOT / "test-artifacts"


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{BACKEND}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page: Any) -> None:
    """axe-core on the current page: zero WCAG 2.1 A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
