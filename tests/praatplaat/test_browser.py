"""The council journey in a real browser: 2FA login, overview, wijk, set, diff, comment."""

from __future__ import annotations

import re

import pytest

from praatplaat import services
from praatplaat.models import SetStatus
from tests.browser import login_staff
from tests.conftest import assert_accessible, screenshot
from tests.praatplaat.factories import congruente_set_3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_raadslid_reviews_and_comments_staff_sees_it(page, roles, wijk, browser) -> None:
    staff = roles["gebiedsteam"]
    s = congruente_set_3(wijk, staff)
    a = s.afspraken.get()
    services.afsprakenset_bijwerken(
        afsprakenset=s,
        door=staff,
        afspraken=[
            {
                "id": a.pk,
                "wat": "Wijkpanel van 400 leden samenstellen",
                "wie": "wijk",
                "partner": "",
                "wanneer": a.wanneer,
                "bouwsteen": a.bouwsteen,
                "status": "open",
            },
            {
                "wat": "Jaarverslag in de raadscommissie",
                "wie": "raad",
                "partner": "",
                "wanneer": None,
                "bouwsteen": None,
                "status": "open",
            },
        ],
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=staff)

    login_staff(page, roles["raadslid"].email)
    page.goto(page.base_url + "/praatplaat/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Raadsoverzicht|Council overview")).click()
    page.wait_for_url(re.compile(r"/praatplaat/raad/"))
    assert page.get_by_role("cell", name=re.compile("Wijkagenda: 3")).count() == 1
    assert_accessible(page)
    screenshot(page, "praatplaat-raad")

    page.get_by_role("link", name="Oosterparkwijk").first.click()
    page.wait_for_url(re.compile(r"/praatplaat/wijk/oosterparkwijk/"))
    assert_accessible(page)
    screenshot(page, "praatplaat-wijk")

    page.get_by_role("link", name="Afspraken test").first.click()
    page.wait_for_url(re.compile(rf"/praatplaat/afspraken/{s.pk}/$"))
    assert page.get_by_text("Jaarverslag in de raadscommissie").count() >= 1
    assert_accessible(page)
    screenshot(page, "praatplaat-set")

    page.get_by_role("link", name=re.compile("Wat is er veranderd|What changed")).first.click()
    page.wait_for_url(re.compile(r"/verschil/"))
    page.select_option("#van", "2")  # before the last edit; "naar" is the latest version
    page.get_by_role("button", name=re.compile("Vergelijk|Compare")).click()
    page.wait_for_url(re.compile(r"van=2"))
    assert page.locator("ins", has_text="Jaarverslag in de raadscommissie").count() == 1
    assert_accessible(page)
    screenshot(page, "praatplaat-diff")

    page.goto(page.base_url + s.get_absolute_url())
    page.select_option("#id_afspraak", label="Jaarverslag in de raadscommissie")
    page.fill("#id_tekst", "Welke commissie bespreekt het jaarverslag?")
    page.get_by_role("button", name=re.compile("Plaats commentaar|Place comment")).click()
    # htmx swaps the thread in place (without JavaScript the form posts and redirects)
    page.locator(".pp-comment", has_text="Welke commissie bespreekt het jaarverslag?").wait_for()
    assert page.locator("#commentaar [role=status]").count() == 1
    assert_accessible(page)
    screenshot(page, "praatplaat-commentaar")

    # the wijk's staff sees the comment on the set
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 800})
    staff_page = ctx.new_page()
    staff_page.base_url = page.base_url
    try:
        login_staff(staff_page, staff.email)
        staff_page.goto(page.base_url + s.get_absolute_url())
        comment = staff_page.locator(
            ".pp-comment", has_text="Welke commissie bespreekt het jaarverslag?"
        )
        assert comment.count() == 1
        assert "Jaarverslag in de raadscommissie" in comment.inner_text()
        assert_accessible(staff_page)
        screenshot(staff_page, "praatplaat-set-staff-360")
    finally:
        ctx.close()
