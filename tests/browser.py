"""Browser journeys shared by the tests: logging in as each kind of user."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from tests.core.factories import PASSWORD, totp_now


def mail_code(index: int = -1) -> str:
    body = mail.outbox[index].body
    match = re.search(r"^\s*([A-Z0-9]{3,4}-?[A-Z0-9]{3,4})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def login_by_code(page: Any, email: str) -> None:
    """A resident: ask for a code by e-mail, read it from the outbox, type it in."""
    before = len(mail.outbox)
    page.goto(page.base_url + "/accounts/login/code/")
    page.fill("input[name=email]", email)
    page.locator("form").filter(has=page.locator("input[name=email]")).locator(
        "button[type=submit]:not([form])"
    ).first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    assert len(mail.outbox) == before + 1
    page.fill("input[name=code]", mail_code())
    page.locator("form").filter(has=page.locator("input[name=code]")).locator(
        "button[type=submit]:not([form])"
    ).first.click()
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url, page.url


def login_staff(page: Any, email: str, password: str = PASSWORD) -> None:
    """Staff, raadsleden, beheerders: e-mail + password, then the TOTP code."""
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]:not([form])"
    ).first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_now())
    page.locator("form").filter(has=page.locator("input[name=code]")).locator(
        "button[type=submit]:not([form])"
    ).first.click()
    page.wait_for_load_state()
    assert "/accounts/" not in page.url, page.url
