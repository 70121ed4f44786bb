"""Forms of the voting part (the ballot itself is read by services_stemming.keuze_uit_formulier)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models_stemming import Vraag


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        max_length=30,
        help_text=_("The code from the letter, e.g. ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class PapierForm(forms.Form):
    invoer = forms.ChoiceField(
        label=_("Entry"),
        choices=[("1", _("first entry")), ("2", _("second entry (check)"))],
        widget=forms.RadioSelect,
        initial="1",
    )
    biljetnummer = forms.CharField(label=_("Sheet number"), max_length=20)
    code = forms.CharField(
        label=_("Voting code from the returned letter (first entry only)"),
        max_length=30,
        required=False,
    )


class PbImportForm(forms.Form):
    bestand = forms.FileField(label=_("pabulib file (.pb)"))
    titel = forms.CharField(
        label=_("Title of the round (optional)"), max_length=150, required=False
    )


VRAGEN = 5


class PeilingForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=150)
    intro = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, VRAGEN + 1):
            self.fields[f"vraag{n}_tekst"] = forms.CharField(
                label=_("Question %(n)d") % {"n": n}, max_length=300, required=n == 1
            )
            self.fields[f"vraag{n}_soort"] = forms.ChoiceField(
                label=_("Kind of question %(n)d") % {"n": n}, choices=Vraag.Soort.choices
            )
            self.fields[f"vraag{n}_opties"] = forms.CharField(
                label=_("Options of question %(n)d (separated by ;)") % {"n": n},
                max_length=1000,
                required=False,
            )

    def vraag_rijen(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"vraag{n}_tekst"], self[f"vraag{n}_soort"], self[f"vraag{n}_opties"])
            for n in range(1, VRAGEN + 1)
        ]

    def vragen(self) -> list[dict[str, Any]]:
        out = []
        for n in range(1, VRAGEN + 1):
            tekst = self.cleaned_data.get(f"vraag{n}_tekst", "").strip()
            if tekst:
                opties = [
                    o.strip()
                    for o in self.cleaned_data.get(f"vraag{n}_opties", "").split(";")
                    if o.strip()
                ]
                out.append(
                    {
                        "tekst": tekst,
                        "soort": self.cleaned_data[f"vraag{n}_soort"],
                        "opties": opties,
                    }
                )
        return out
