"""The staff journey in a real browser, with a real Celery worker: create a lottery,
commit the seed, draw (progress bar), letters (a real PDF), answers online with a code
and on paper, selection, reveal, and verification from the public page. axe-core on
every page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import login_staff
from tests.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE_RE = re.compile(r"\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b")


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_staff_runs_a_lottery_from_letter_to_verified_seat(
    page, browser, make_user, wijk, celery_worker
):
    staff = make_user("gebiedsteam", stadsdeel=wijk.stadsdeel)
    login_staff(page, staff.email)

    page.goto(page.base_url + "/loting/beheer/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Nieuwe loting in {wijk.naam}").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("input[name=titel]", "Wijkraad proef")
    page.select_option("select[name=doel]", "cwr_bewoners")
    page.fill("input[name=zetels]", "3")
    page.fill("input[name=aantal_uitnodigingen]", "8")
    page.fill("input[name=marge_procent]", "100")
    _submit(page, "Loting aanmaken")
    assert page.get_by_role("heading", name="Wijkraad proef", level=1).is_visible()
    assert_accessible(page)
    wizard_url = page.url

    # Commit the seed: the hash is shown (and public) before any draw.
    _submit(page, "Lotingsgetal vastleggen")
    commitment = page.get_by_test_id("commitment").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", commitment)
    assert_accessible(page)

    # Draw the invitations in the worker; the page polls a progress bar.
    _submit(page, "Loten")
    bar = page.locator("progress")
    assert bar.count() == 1
    assert int(bar.get_attribute("value")) <= 100
    screenshot(page, "loting-voortgang")
    page.get_by_text("Geloot op").wait_for(timeout=60000)
    assert page.locator('progress[data-taak="klaar"]').get_attribute("value") == "100"
    assert_accessible(page)
    screenshot(page, "loting-geloot")

    # Letters: one PDF page per household, each with a code.
    _submit(page, "Brieven maken")
    page.get_by_test_id("brieven-pdf").wait_for(timeout=60000)
    assert page.get_by_text("8 brieven staan klaar").is_visible()
    with page.expect_download() as dl:
        page.get_by_test_id("brieven-pdf").click()
    pdf = PdfReader(io.BytesIO(Path(dl.value.path()).read_bytes()))
    assert len(pdf.pages) == 8
    teksten = [p.extract_text() for p in pdf.pages]
    codes = [CODE_RE.search(t).group(1) for t in teksten]
    assert len(set(codes)) == 8
    assert all("Aan de bewoners van" in t for t in teksten)

    # Two residents answer online with their code (no account).
    resident = browser.new_context(locale="nl-NL").new_page()
    for i, code in enumerate(codes[:2]):
        resident.goto(page.base_url + "/loting/reageren/")
        if i == 0:
            assert_accessible(resident)
        resident.fill("input[name=code]", code.lower())
        resident.get_by_role("button", name="Verder").click()
        resident.wait_for_load_state()
        resident.get_by_label("Ja, ik wil meedoen").check()
        resident.select_option("select[name=leeftijdsgroep]", ["25-34", "65+"][i])
        resident.select_option("select[name=geslacht]", "vm"[i])
        resident.get_by_label(re.compile("Ik geef toestemming")).check()
        resident.get_by_role("button", name="Mijn antwoord opslaan").click()
        resident.wait_for_load_state()
        assert resident.get_by_text("Dank je: je antwoord is opgeslagen.").is_visible()
        assert resident.get_by_test_id("huidig-antwoord").is_visible()
        if i == 0:
            assert_accessible(resident)
            screenshot(resident, "loting-reageren")
    resident.context.close()

    # Two more answers given on paper, recorded by staff.
    for n in range(2):
        page.goto(wizard_url)
        page.get_by_role("link", name="Antwoorden op papier of per telefoon invoeren").click()
        page.wait_for_load_state()
        page.get_by_role("link", name="Nog geen antwoord").click()
        page.wait_for_load_state()
        if n == 0:
            assert_accessible(page)
        page.goto(
            page.base_url
            + page.locator("a", has_text="Antwoord invoeren").first.get_attribute("href")
        )
        if n == 0:
            assert_accessible(page)
        page.get_by_label("Ja, ik wil meedoen").check()
        page.select_option("select[name=leeftijdsgroep]", "35-49")
        page.select_option("select[name=geslacht]", "v")
        page.get_by_label(re.compile("Ik geef toestemming")).check()
        page.select_option("select[name=via]", "papier")
        _submit(page, "Opslaan")
        assert page.get_by_text("Het antwoord is vastgelegd.").is_visible()

    # Selection in the worker, then reveal.
    page.goto(wizard_url)
    _submit(page, "Selectie uitvoeren")
    try:
        page.get_by_text("Geselecteerd op").wait_for(timeout=90000)
    except Exception:
        screenshot(page, "loting-selectie-fout")
        raise
    assert page.locator("table", has_text="Gelote leden").locator("tbody tr").count() == 3
    assert_accessible(page)
    _submit(page, "Lotingsgetal onthullen")
    assert page.get_by_text("Lotingsgetal onthuld:").is_visible()
    screenshot(page, "loting-wizard-klaar")

    # The public page: commitment, seed, counts; verify re-runs the draw in the worker.
    page.get_by_role("link", name="Openbare pagina van deze loting").click()
    page.wait_for_load_state()
    assert commitment in page.content()
    assert page.get_by_test_id("seed").is_visible()
    assert_accessible(page)
    _submit(page, "Controleren")
    page.locator('[data-verificatie="klopt"]').wait_for(timeout=90000)
    assert_accessible(page)
    screenshot(page, "loting-openbaar")
