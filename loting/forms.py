from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GESLACHTEN, LEEFTIJDSGROEPEN, Loting, Uitnodiging, Zetel


class LotingForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    doel = forms.ChoiceField(label=_("Purpose"), choices=Loting.Doel.choices)
    zetels = forms.IntegerField(label=_("Number of seats to fill"), min_value=1, max_value=2000)
    aantal_uitnodigingen = forms.IntegerField(
        label=_("Number of invitations (households)"),
        min_value=0,
        max_value=20000,
        required=False,
        help_text=_("Not used for council members: they are drawn from the council list."),
    )
    strata = forms.ChoiceField(
        label=_("Spread the invitations over"), choices=Loting.Strata.choices, initial="straat"
    )
    marge_procent = forms.IntegerField(
        label=_("Quota margin (percent of the seats)"), min_value=0, max_value=100, initial=15
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("doel") != Loting.Doel.CWR_RAADSLEDEN and not data.get("aantal_uitnodigingen"):
            self.add_error("aantal_uitnodigingen", _("How many households should be invited?"))
        return data


class SeedForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed (optional)"),
        required=False,
        max_length=128,
        help_text=_(
            "Leave empty to let the platform choose a random seed. Keep it secret until the reveal."
        ),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your response code"),
        max_length=20,
        help_text=_("The code in your letter, for example ABCDE-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


GESLACHT_KEUZES = GESLACHTEN


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Do you want to take part?"),
        choices=[("ja", _("Yes, I want to take part")), ("nee", _("No, thank you"))],
        widget=forms.RadioSelect,
    )
    leeftijdsgroep = forms.ChoiceField(
        label=_("Age band"), choices=[("", "—"), *LEEFTIJDSGROEPEN], required=False
    )
    geslacht = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *GESLACHT_KEUZES], required=False
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("Only to reach you if you are drawn. Without it we write to you on paper."),
    )
    toestemming = forms.BooleanField(
        label=_(
            "I agree that my answers are used for this lottery, and kept until it is "
            "pseudonymised after the draw."
        ),
        required=False,
    )


class StaffAntwoordForm(AntwoordForm):
    via = forms.ChoiceField(
        label=_("Answer given"),
        choices=[c for c in Uitnodiging.Via.choices if c[0] != Uitnodiging.Via.ONLINE],
    )


class ZetelEindeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            (Zetel.Status.AFGEZEGD, _("declined the seat")),
            (Zetel.Status.VERTROKKEN, _("left the body")),
        ],
    )


class MaandForm(forms.Form):
    maand = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )


class PanelBerichtForm(forms.Form):
    onderwerp = forms.CharField(label=_("Subject"), max_length=200)
    tekst = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
