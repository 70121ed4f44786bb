from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        naam = form.cleaned_data.get("naam")
        if naam:
            user.naam = naam
        lang = getattr(request, "LANGUAGE_CODE", "nl")
        user.taal = lang if lang in ("nl", "en") else "nl"
        if commit:
            user.save()
        return user


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """allauth authenticates with ``email=``; axes must count failures per address."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or request.POST.get("login")
    return value.strip().lower() if isinstance(value, str) else None
