from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

# Modules of the ideas part (issue "ideas and idea rounds"); the voting part's tests
# (test_stemming_*) keep the site's defaults.
_IDEEEN_MODULES = {
    "test_aanvragen",
    "test_beoordeling",
    "test_browser",
    "test_demo",
    "test_fasen",
    "test_ideeen",
    "test_meldingen",
}


# Modules whose assertions read the English msgids.
_ENGELSE_MODULES = _IDEEEN_MODULES | {"test_stemming_een_stem"}


def _module(request: Any) -> str:
    return str(request.module.__name__).rsplit(".", 1)[-1]


def _mine(request: Any) -> bool:
    return _module(request) in _IDEEEN_MODULES


@pytest.fixture(autouse=True)
def _fast_hasher(request: Any) -> None:
    """The role fixtures hash seven passwords per test; keep that cheap here."""
    if _mine(request):
        request.getfixturevalue("settings").PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher"
        ]


@pytest.fixture(autouse=True)
def _english(request: Any) -> Iterator[None]:
    """Assertions read the English msgids; the site's default language is Dutch."""
    if _module(request) not in _ENGELSE_MODULES:
        yield
        return
    if "client" in request.fixturenames:
        from django.conf import settings

        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
