from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    """The role fixtures hash seven passwords per test; keep that cheap here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(request: Any) -> Iterator[None]:
    """Assertions read the English msgids; the site's default language is Dutch."""
    if "client" in request.fixturenames:
        from django.conf import settings

        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
