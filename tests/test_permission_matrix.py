"""Every URL, every role: the answer the matrix says, and never a 500."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix import ROLES, Case

APPS = ["core", "wijken", "praatplaat", "loting", "stemmen"]
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_PREFIXES = ("accounts/", "i18n/", "beheer/", "media/")


def _modules() -> list[Any]:
    return [importlib.import_module(f"tests.{app}.matrix") for app in APPS]


def _cases() -> list[Case]:
    return [c for m in _modules() for c in m.CASES]


def _project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str, ns: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(p, URLResolver):
                if p.namespace in EXCLUDED_NAMESPACES:
                    continue
                walk(p.url_patterns, route, f"{ns}{p.namespace}:" if p.namespace else ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(ns + p.name)

    walk(get_resolver().url_patterns, "", "")
    return names


def test_every_project_url_is_in_the_matrix() -> None:
    covered = {c.url_name for c in _cases()}
    missing = _project_url_names() - covered
    assert not missing, f"URLs without a permission-matrix case: {sorted(missing)}"


@pytest.fixture
def ctx(roles: dict[str, Any], wijk: Any, other_wijk: Any) -> dict[str, Any]:
    c: dict[str, Any] = {"roles": roles, "wijk": wijk, "other_wijk": other_wijk}
    for m in _modules():
        if hasattr(m, "setup"):
            m.setup(c)
    return c


@pytest.mark.django_db
@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.id)
def test_matrix(case: Case, ctx: dict[str, Any], client: Any) -> None:
    url = reverse(case.url_name, kwargs=case.kwargs(ctx))
    failures = []
    for role in ROLES:
        client.logout()
        user = ctx["roles"][role]
        if user is not None:
            client.force_login(user)
        response = getattr(client, case.method)(url, data=case.data(ctx))
        if response.status_code != case.expect[role]:
            failures.append(f"{role}: expected {case.expect[role]}, got {response.status_code}")
        must_login = case.expect["anon"] == 302 and any(case.expect[r] != 302 for r in ROLES[1:])
        if role == "anon" and must_login and response.status_code == 302:
            if "/accounts/login/" not in response["Location"]:
                failures.append(f"anon: redirected to {response['Location']}, not to the login")
    assert not failures, f"{case.id} {url}\n" + "\n".join(failures)
