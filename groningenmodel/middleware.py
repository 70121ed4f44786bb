from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .permissions import needs_mfa

EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/", "/favicon.ico", "/health")


class StaffMfaMiddleware:
    """Gebiedsteam, raadsleden and beheerders must set up TOTP before using the site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_ROLES
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and needs_mfa(user)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                messages.warning(
                    request,
                    _("Your role requires two-factor login. Set up an authenticator app first."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
