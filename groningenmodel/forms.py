from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupExtraForm(forms.Form):
    """Extra field on the sign-up form: only a display name, and it is optional."""

    naam = forms.CharField(
        label=_("Display name (optional)"),
        max_length=150,
        required=False,
        help_text=_("Shown with your ideas and comments. Leave empty to show nothing."),
    )

    def signup(self, request: Any, user: Any) -> None:
        user.naam = self.cleaned_data.get("naam", "")
        user.save(update_fields=["naam"])
