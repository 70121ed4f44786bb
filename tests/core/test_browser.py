"""The foundation in a real browser: log in by e-mail code, switch language, stay accessible."""

from __future__ import annotations

import pytest

from tests.browser import login_by_code, login_staff
from tests.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_logs_in_by_code_and_switches_language(page, roles):
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Wijken en dorpen").is_visible()
    assert_accessible(page)

    login_by_code(page, roles["bewoner"].email)
    page.goto(page.base_url + "/mijn-gegevens/")
    assert page.get_by_text(roles["bewoner"].email).is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Your data").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Jouw gegevens").is_visible()
    screenshot(page, "core-mijn-gegevens")


def test_wijk_switcher_and_small_screen(page, browser, live_server, wijk):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/")
    page.select_option("#wijk-kiezer", wijk.slug)
    page.get_by_role("button", name="Ga").click()
    page.wait_for_url(f"**/wijken/{wijk.slug}/")
    assert page.get_by_role("heading", name=wijk.naam, level=1).is_visible()
    # Nothing wider than the 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    screenshot(page, "core-wijk-360px")


def test_beheerder_logs_in_with_totp_and_sees_the_worker(page, make_user, celery_worker):
    admin = make_user("beheerder")
    login_staff(page, admin.email)
    page.goto(page.base_url + "/status/")
    assert_accessible(page)
    page.get_by_role("button", name="Worker controleren").click()
    page.locator('[data-status="ok"]').wait_for(timeout=30000)
    screenshot(page, "core-status")
