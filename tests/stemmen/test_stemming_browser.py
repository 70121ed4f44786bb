"""A resident votes with a budget ballot (running total refuses an over-budget basket),
changes the vote, staff enter a paper ballot twice, the worker tallies, and the resident
reads why an idea lost.  axe-core on every page visited."""

from __future__ import annotations

import re
from typing import Any

import pytest

from stemmen import services_stemming as svc
from stemmen.models import Fase, Ronde, Stemwijze
from stemmen.models_stemming import Kanaal, PapierInvoer, Stembiljet, Stemcode, Uitslag
from tests.browser import login_by_code, login_staff
from tests.conftest import assert_accessible, screenshot
from tests.stemmen.factories_stemming import idee_pks, make_ronde

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, pk: int, on: bool = True) -> None:
    box = page.locator(f"#idee_{pk}")
    box.check() if on else box.uncheck()


def test_budget_ballot_paper_double_entry_and_result(
    page: Any,
    browser: Any,
    live_server: Any,
    roles: dict[str, Any],
    make_user: Any,
    wijk: Any,
    celery_worker: Any,
) -> None:
    # budget € 20.000; ideas € 5.000 / 8.000 / 10.000 / 3.000
    ronde = make_ronde(
        wijk, roles["gebiedsteam"], stemwijze=Stemwijze.BUDGET, titel="Oosterpark kiest"
    )
    a, b, c, d = idee_pks(ronde)
    # other residents (voting codes): c is popular, a is not
    for i in range(3):
        ident = svc.Identiteit(f"code:test{i}", Kanaal.CODE, None, "30-44")
        svc.stem_uitbrengen(ronde=ronde, identiteit=ident, keuze=svc.Keuze([c, d]))

    # --- resident ---
    login_by_code(page, roles["bewoner"].email)
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/")
    assert_accessible(page)
    page.locator(f"a[href='/stemmen/ronde/{ronde.pk}/stem/']").click()
    page.wait_for_url(re.compile(r"/stem/$"))
    assert_accessible(page)
    for pk in (b, c, d):  # 8.000 + 10.000 + 3.000 = 21.000 > 20.000
        _check(page, pk)
    total = page.locator("#totaal")
    total.locator(".fout-lijst").wait_for()
    assert "21.000" in total.inner_text()
    assert_accessible(page)
    screenshot(page, "stemming-over-budget")
    page.locator("form.stem-form button[type=submit]").click()  # the server refuses it too
    page.wait_for_load_state()
    assert page.locator("[role=alert]").first.is_visible()
    assert Stembiljet.objects.filter(ronde=ronde).count() == 3
    _check(page, d, False)  # 18.000: fits
    page.locator("#totaal .ok").wait_for()
    page.locator("form.stem-form button[type=submit]").click()
    page.wait_for_load_state()
    assert Stembiljet.objects.filter(ronde=ronde).count() == 4
    # change the vote: b and a instead of b and c
    assert page.locator(f"#idee_{c}").is_checked()
    _check(page, c, False)
    _check(page, a)
    page.locator("#totaal .ok").wait_for()
    page.locator("form.stem-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"#idee_{a}").is_checked() and not page.locator(f"#idee_{c}").is_checked()
    assert Stembiljet.objects.filter(ronde=ronde).count() == 4
    assert sorted(Stembiljet.objects.values_list("ideeen", flat=True)).count(sorted([a, b])) == 1
    screenshot(page, "stemming-gestemd")

    # --- staff: a paper ballot, entered twice by two people ---
    code = svc.code_nieuw()
    from wijken.models import Adres

    Stemcode.objects.create(
        ronde=ronde,
        adres=Adres.objects.filter(straat__buurt__wijk=wijk).get(
            pk=Adres.objects.filter(straat__buurt__wijk=wijk).values("pk")[:1]
        ),
        code_hash=svc.code_hash(code),
    )
    tweede = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel, email="collega@example.org")
    for n, (user, invoer) in enumerate(((roles["gebiedsteam"], "1"), (tweede, "2"))):
        ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        staff = ctx.new_page()
        staff.set_default_timeout(20000)
        staff.base_url = live_server.url
        login_staff(staff, user.email)
        staff.goto(f"{staff.base_url}/stemmen/ronde/{ronde.pk}/stemming/")
        assert_accessible(staff)
        staff.goto(f"{staff.base_url}/stemmen/ronde/{ronde.pk}/papier/")
        staff.locator(f"input[name=invoer][value='{invoer}']").check()
        staff.fill("input[name=biljetnummer]", "P-001")
        if invoer == "1":
            staff.fill("input[name=code]", code)
        staff.locator(f"#idee_{c}").check()
        staff.locator("form.stem-form button[type=submit]").click()
        staff.wait_for_load_state()
        assert_accessible(staff)
        screenshot(staff, f"stemming-papier-{n + 1}")
        if n == 0:
            assert PapierInvoer.objects.get(ronde=ronde).status == "wacht"
            staff_page = None
            ctx.close()
        else:
            assert PapierInvoer.objects.get(ronde=ronde).status == "geteld"
            staff_page = staff
    assert Stembiljet.objects.filter(ronde=ronde, kanaal="papier").count() == 1

    # --- voting closes; staff start the count (the real worker runs it) ---
    Ronde.objects.filter(pk=ronde.pk).update(fase=Fase.UITSLAG)
    assert staff_page is not None
    staff_page.goto(f"{staff_page.base_url}/stemmen/ronde/{ronde.pk}/uitslag/")
    staff_page.locator(f"form[action='/stemmen/ronde/{ronde.pk}/tellen/'] button").first.click()
    staff_page.wait_for_load_state()
    for _ in range(60):
        if Uitslag.objects.filter(ronde=ronde).exists():
            break
        staff_page.wait_for_timeout(500)
    assert Uitslag.objects.filter(ronde=ronde).exists()

    # --- the resident reads the result and why an idea lost ---
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/uitslag/")
    assert_accessible(page)
    screenshot(page, "stemming-uitslag")
    # c: 4 votes (3 codes + paper), d: 3, a: 1, b: 1 → c, d, a (ties by id); b (8.000) no longer fits in 2.000
    uitleg = page.locator(f"#uitleg-{b}").inner_text()
    assert re.search(r"Niet gekozen|Not chosen", uitleg), uitleg
    assert "2.000" in uitleg and "8.000" in uitleg
    assert page.locator("svg[role=img] title").first.text_content()
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/stemcode/")
    assert_accessible(page)


def test_staff_pages_and_panel_answer_are_accessible(
    page: Any, browser: Any, live_server: Any, roles: dict[str, Any], wijk: Any
) -> None:
    """Panel consultation (create, results, printable list, answer page), pabulib import,
    turnout at 360 px: axe-core clean."""
    login_staff(page, roles["gebiedsteam"].email)
    page.goto(f"{page.base_url}/stemmen/wijk/{wijk.slug}/peilingen/")
    assert_accessible(page)
    page.fill("input[name=titel]", "Speelplek")
    page.fill("input[name=vraag1_tekst]", "Welke plek?")
    page.select_option("select[name=vraag1_soort]", "een")
    page.fill("input[name=vraag1_opties]", "Park; Plein")
    page.fill("input[name=vraag2_tekst]", "Opmerkingen?")
    page.select_option("select[name=vraag2_soort]", "open")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/stemmen/peiling/\d+/$"))
    assert_accessible(page)
    from stemmen.models_stemming import Peiling

    p = Peiling.objects.get(titel="Speelplek")
    assert [v.soort for v in p.vragen.all()] == ["een", "open"]
    page.goto(f"{page.base_url}/stemmen/peiling/{p.pk}/papier/")
    assert_accessible(page)
    page.goto(f"{page.base_url}/stemmen/wijk/{wijk.slug}/pb-import/")
    assert_accessible(page)
    ronde = make_ronde(wijk, roles["gebiedsteam"], fase=Fase.UITSLAG)
    svc.ronde_tellen(ronde_id=ronde.pk)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{page.base_url}/stemmen/ronde/{ronde.pk}/uitslag/")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "stemming-uitslag-360px")
    Peiling.objects.filter(pk=p.pk).update(status="open")
    page.goto(f"{page.base_url}/stemmen/peiling/antwoord/{svc.peiling_token(p, 1)}/")
    assert_accessible(page)
    screenshot(page, "stemming-peiling-antwoord")
