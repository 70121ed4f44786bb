"""The resident journey in a real browser: submit an idea with an image, get a
similar-idea hint, a neighbour supports and comments, the area team screens it and the
initiator reads (and answers) the reason. axe-core on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from stemmen.models import Criterium, Fase, Idee, IdeeStatus, Reactie, Steun
from tests.browser import login_by_code, login_staff
from tests.conftest import assert_accessible, screenshot
from tests.stemmen.factories import make_idee, make_ronde, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_page(browser: Any, live_server: Any) -> Any:
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20000)
    pg.base_url = live_server.url
    return pg


def test_resident_journey(page, browser, live_server, wijk, roles, make_user):
    ronde = make_ronde(wijk, Fase.INDIENEN, titel="Oosterparkwijk: altijd een goed idee")
    buur = make_user("bewoner", wijk=wijk, email="buur@example.org")
    make_idee(ronde, buur, titel="Moestuin in het Oosterpark")
    initiatiefnemer = roles["bewoner"]

    # 1. The initiator logs in by e-mail code and submits an idea with an image.
    login_by_code(page, initiatiefnemer.email)
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/")
    assert_accessible(page)
    page.locator(f'a[href="/stemmen/ronde/{ronde.pk}/idee/nieuw/"]').click()
    page.wait_for_url(re.compile(r"/idee/nieuw/$"))
    assert_accessible(page)
    page.locator("#id_titel").press_sequentially("Moestuin bij de school", delay=30)
    hint = page.locator("#vergelijkbaar-hint")
    hint.get_by_role("link", name="Moestuin in het Oosterpark").wait_for()
    assert_accessible(page)
    screenshot(page, "stemmen-idee-hint")
    page.fill("#id_beschrijving", "Een **moestuin** voor de kinderen van de school en de buren.")
    page.fill("#id_kosten", "750")
    page.set_input_files(
        "#id_afbeeldingen",
        files=[{"name": "tuin.png", "mimeType": "image/png", "buffer": png_bytes((800, 600))}],
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/stemmen/idee/\d+/$"))
    idee = Idee.objects.get(titel="Moestuin bij de school")
    assert idee.afbeeldingen.count() == 1 and idee.kosten == 75_000
    page.locator(".afbeeldingen img").wait_for()
    assert page.locator(".beschrijving strong").inner_text() == "moestuin"
    assert_accessible(page)
    screenshot(page, "stemmen-idee-ingediend")

    # 2. A neighbour supports it (htmx) and comments.
    buur_page = _new_page(browser, live_server)
    login_by_code(buur_page, buur.email)
    buur_page.goto(f"{buur_page.base_url}/stemmen/idee/{idee.pk}/")
    assert_accessible(buur_page)
    buur_page.locator('#steun button[type="submit"]').click()
    buur_page.locator('#steun button[aria-pressed="true"]').wait_for()
    assert Steun.objects.filter(idee=idee, user=buur).exists()
    buur_page.fill("#id_tekst", "Goed idee, ik help mee met zaaien!")
    buur_page.locator('form[action$="/reactie/"] button[type=submit]').click()
    buur_page.wait_for_url(re.compile(r"#reactie-\d+$"))
    assert Reactie.objects.filter(idee=idee, auteur=buur).count() == 1
    assert buur_page.get_by_text("Goed idee, ik help mee met zaaien!").is_visible()
    assert_accessible(buur_page)
    screenshot(buur_page, "stemmen-idee-steun-reactie")
    buur_page.context.close()

    # 3. The area team opens screening and rejects the idea with a written reason.
    staff_page = _new_page(browser, live_server)
    login_staff(staff_page, roles["gebiedsteam"].email)
    staff_page.goto(f"{staff_page.base_url}/stemmen/ronde/{ronde.pk}/")
    assert_accessible(staff_page)
    staff_page.locator(f'form[action="/stemmen/ronde/{ronde.pk}/fase/"] button').click()
    staff_page.wait_for_load_state()
    ronde.refresh_from_db()
    assert ronde.fase == Fase.BEOORDELEN
    assert_accessible(staff_page)
    staff_page.goto(f"{staff_page.base_url}/stemmen/idee/{idee.pk}/beoordelen/")
    assert_accessible(staff_page)
    for i, key in enumerate(Criterium.values):
        staff_page.check(f"#id_oordeel_{key}_{2 if key == 'past_bij_wijk' else 0}")
        if i == 0:
            staff_page.fill(f"#id_toelichting_{key}", "Veel steun in de buurt.")
    staff_page.check("#id_besluit_1")  # niet stembaar
    screenshot(staff_page, "stemmen-beoordelen-formulier")
    staff_page.fill(
        "#id_reden",
        "De schooltuin valt onder het onderwijsbudget; we brengen u in contact met de school.",
    )
    staff_page.locator("form button[type=submit]").last.click()
    staff_page.wait_for_url(re.compile(rf"/stemmen/idee/{idee.pk}/$"))
    idee.refresh_from_db()
    assert idee.status == IdeeStatus.NIET_STEMBAAR
    assert_accessible(staff_page)
    screenshot(staff_page, "stemmen-idee-beoordeeld-staf")
    staff_page.context.close()

    # 4. The initiator reads the reason and answers it once.
    page.goto(f"{page.base_url}/stemmen/idee/{idee.pk}/")
    assert page.get_by_text("De schooltuin valt onder het onderwijsbudget").is_visible()
    assert_accessible(page)
    page.fill("#id_antwoord", "Dank voor de uitleg, we nemen contact op met de school.")
    page.locator('form[action$="/antwoord/"] button[type=submit]').click()
    page.wait_for_load_state()
    idee.refresh_from_db()
    assert idee.antwoord.startswith("Dank voor de uitleg")
    assert page.locator('form[action$="/antwoord/"]').count() == 0  # once only
    assert_accessible(page)
    screenshot(page, "stemmen-idee-antwoord")

    # 5. The wijk page shows the round; the round page fits a 360 px screen.
    page.goto(f"{page.base_url}/wijken/{wijk.slug}/")
    assert page.locator("#stemmen-wijk-kop").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    screenshot(page, "stemmen-ronde-360px")


def test_staff_and_application_pages_are_accessible(page, wijk, roles, make_user):
    """The area team's pages (round form, applications, decision, progress update,
    moderation) and a resident's application form: axe-clean, working without JS."""
    from stemmen import services
    from tests.stemmen.factories import make_pot

    pot = make_pot(wijk)
    ronde = make_ronde(wijk, Fase.UITVOERING, pot=pot)
    idee = make_idee(ronde, roles["bewoner"], status=IdeeStatus.STEMBAAR, kosten=100_000)
    services.idee_uitslag_zetten(idee=idee, actor=roles["gebiedsteam"], gekozen=True)
    aanvraag = services.aanvraag_indienen(
        wijk=wijk,
        user=roles["bewoner"],
        soort="uitdaagrecht",
        titel="Groenonderhoud door bewoners",
        beschrijving="Wij nemen het maaien over.",
        bedrag=400_000,
        taak="Maaien van de plantsoenen",
        huidig_budget=450_000,
    )
    Reactie.objects.create(
        idee=idee, auteur=roles["bewoner"], tekst="Gemelde reactie"
    ).meldingen.create(melder=roles["bewoner_elders"], reden="Spam")

    login_by_code(page, roles["bewoner"].email)
    for url in (
        f"/stemmen/wijk/{wijk.slug}/aanvragen/",
        f"/stemmen/wijk/{wijk.slug}/aanvragen/nieuw/?soort=buurtbudget",
        f"/stemmen/aanvraag/{aanvraag.pk}/",
        "/stemmen/instellingen/",
        "/stemmen/",
    ):
        page.goto(page.base_url + url)
        assert_accessible(page)
    page.context.clear_cookies()

    login_staff(page, roles["gebiedsteam"].email)
    for url in (
        f"/stemmen/wijk/{wijk.slug}/ronde/nieuw/",
        f"/stemmen/ronde/{ronde.pk}/bewerken/",
        f"/stemmen/wijk/{wijk.slug}/moderatie/",
        f"/stemmen/aanvraag/{aanvraag.pk}/",
        f"/stemmen/aanvraag/{aanvraag.pk}/besluit/",
        f"/stemmen/idee/{idee.pk}/update/",
        f"/stemmen/reactie/{idee.reacties.get().pk}/modereren/",
    ):
        page.goto(page.base_url + url)
        assert_accessible(page)
    # Record an assessment step and a progress update through the forms.
    page.goto(f"{page.base_url}/stemmen/aanvraag/{aanvraag.pk}/")
    page.select_option("#id_stap", "vergelijking")
    page.fill("#id_toelichting", "Goedkoper dan de huidige aanbesteding.")
    page.locator('form[action$="/stap/"] button[type=submit]').click()
    page.wait_for_load_state()
    assert aanvraag.stappen.count() == 1
    screenshot(page, "stemmen-aanvraag-staf")
    page.goto(f"{page.base_url}/stemmen/idee/{idee.pk}/update/")
    page.fill("#id_tekst", "De eerste planten staan erin.")
    page.fill("#id_uitgave", "400")
    page.set_input_files(
        "#id_foto",
        files=[{"name": "p.png", "mimeType": "image/png", "buffer": png_bytes((300, 200))}],
    )
    page.fill("#id_foto_alt", "Nieuwe planten in het perk")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_url(re.compile(r"#uitvoering$"))
    assert idee.updates.get().uitgave == 40_000
    page.get_by_alt_text("Nieuwe planten in het perk").wait_for()
    assert_accessible(page)
    screenshot(page, "stemmen-uitvoering")
