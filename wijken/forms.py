from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .geld import parse_euro
from .models import Boeking, Budgetpot, Wijk


class EuroField(forms.CharField):
    """An amount typed in euros ("1.234,56") → integer cents."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("In euros, e.g. 1.250,00"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": "20"})

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            cents = parse_euro(str(value))
        except ValueError:
            raise forms.ValidationError(_("Enter an amount in euros, e.g. 1.250,00.")) from None
        if cents < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return cents


class DnaForm(forms.Form):
    dna = forms.CharField(
        label=_("DNA of the neighbourhood"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=10000,
        help_text=_("Its own character: history, people, places, what makes it this wijk."),
    )


class SwotForm(forms.Form):
    sterkten = forms.CharField(
        label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    zwakten = forms.CharField(
        label=_("Weaknesses"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kansen = forms.CharField(
        label=_("Opportunities"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    bedreigingen = forms.CharField(
        label=_("Threats"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One item per line."),
    )


PROFIEL_FORMS: dict[str, type[forms.Form]] = {"dna": DnaForm, "swot": SwotForm}


class BoekingForm(forms.Form):
    """One form for every kind of booking; the kind decides which fields count."""

    soort = forms.ChoiceField(label=_("Kind of entry"), choices=Boeking.Soort.choices)
    pot = forms.ModelChoiceField(
        label=_("Budget pot"),
        queryset=Budgetpot.objects.none(),
        required=False,
        help_text=_("For an allocation, commitment or direct expenditure."),
    )
    verplichting = forms.ModelChoiceField(
        label=_("Commitment"),
        queryset=Boeking.objects.none(),
        required=False,
        help_text=_("For an expenditure or release against a commitment."),
    )
    corrigeert = forms.ModelChoiceField(
        label=_("Entry to correct"),
        queryset=Boeking.objects.none(),
        required=False,
        help_text=_("For a correction: the entry it reverses."),
    )
    bedrag = EuroField(label=_("Amount"), required=False)
    datum = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    categorie = forms.ChoiceField(
        label=_("Category"), choices=Boeking.Categorie.choices, initial=Boeking.Categorie.OVERIG
    )
    omschrijving = forms.CharField(label=_("Description (public)"), max_length=255, required=False)
    bron_label = forms.CharField(
        label=_("Cause (public)"),
        max_length=255,
        required=False,
        help_text=_("E.g. the idea, initiative or CWR decision this is for."),
    )
    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required for a release or correction."),
    )
    totale_kosten = EuroField(label=_("Total project cost"), required=False)
    partnerbijdrage = EuroField(label=_("Partners' contribution"), required=False)

    def __init__(self, *args: Any, wijk: Wijk, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pot"].queryset = Budgetpot.objects.filter(wijk=wijk)  # type: ignore[attr-defined]
        self.fields["verplichting"].queryset = Boeking.objects.filter(  # type: ignore[attr-defined]
            pot__wijk=wijk, soort=Boeking.Soort.VERPLICHTING
        ).select_related("pot")
        self.fields["verplichting"].label_from_instance = (  # type: ignore[attr-defined]
            lambda b: f"#{b.pk} {b.omschrijving} ({b.pot.naam})"
        )
        self.fields["corrigeert"].queryset = (  # type: ignore[attr-defined]
            Boeking.objects.filter(pot__wijk=wijk)
            .exclude(soort=Boeking.Soort.CORRECTIE)
            .select_related("pot")
            .order_by("-id")
        )
        self.fields["corrigeert"].label_from_instance = (  # type: ignore[attr-defined]
            lambda b: f"#{b.pk} {b.datum:%Y-%m-%d} {b.get_soort_display()} · {b.omschrijving}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        soort = data.get("soort")
        S = Boeking.Soort
        if soort in (S.TOEWIJZING, S.VERPLICHTING) and not data.get("pot"):
            self.add_error("pot", _("Choose a budget pot."))
        if soort == S.UITGAVE and not (data.get("pot") or data.get("verplichting")):
            self.add_error("pot", _("Choose a budget pot or a commitment."))
        if soort == S.VRIJVAL and not data.get("verplichting"):
            self.add_error("verplichting", _("Choose the commitment to release."))
        if soort == S.CORRECTIE and not data.get("corrigeert"):
            self.add_error("corrigeert", _("Choose the entry to correct."))
        if soort in (S.TOEWIJZING, S.VERPLICHTING, S.UITGAVE) and not data.get("bedrag"):
            self.add_error("bedrag", _("Enter the amount."))
        if soort in (S.TOEWIJZING, S.VERPLICHTING) and not data.get("omschrijving"):
            self.add_error("omschrijving", _("Describe the entry."))
        return data


class BudgetpotForm(forms.Form):
    soort = forms.ChoiceField(label=_("Kind"), choices=Budgetpot.Soort.choices)
    naam = forms.CharField(label=_("Name"), max_length=150)
    bron = forms.CharField(label=_("Source of the money"), max_length=200, required=False)
    periode_start = forms.DateField(
        label=_("Period start"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    periode_eind = forms.DateField(
        label=_("Period end"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    bedrag_per_inwoner = EuroField(
        label=_("Amount per inhabitant"),
        required=False,
        help_text=_("Allocates this amount × the inhabitants (wijkwethoudersbudget: 3,00)."),
    )
    toewijzing = EuroField(label=_("Allocation now"), required=False)
    max_toekenning = EuroField(
        label=_("Maximum grant"), required=False, help_text=_("Buurtbudget: 500,00.")
    )
    max_aandeel_gemeente_procent = forms.IntegerField(
        label=_("Maximum municipal share (%)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Co-financing rule, e.g. 25 when partners bring 75%."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, eind = data.get("periode_start"), data.get("periode_eind")
        if start and eind and eind < start:
            self.add_error("periode_eind", _("The period cannot end before it starts."))
        return data


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 or Latin-1, separated by commas or semicolons, with a header row."),
    )


# --- address verification ------------------------------------------------------------------


class AdresAanvraagForm(forms.Form):
    """Postcode, house number, addition and year of birth: what links an account to a
    registered inhabitant."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=8,
        help_text=_("For example 9711 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "8"}),
    )
    huisnummer = forms.IntegerField(
        label=_("House number"),
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"}),
    )
    toevoeging = forms.CharField(
        label=_("Addition (optional)"),
        required=False,
        max_length=10,
        help_text=_("A letter or number after the house number, e.g. A or 2."),
        widget=forms.TextInput(attrs={"size": "6"}),
    )
    geboortejaar = forms.IntegerField(
        label=_("Year of birth"),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "size": "6", "autocomplete": "bday-year"}
        ),
    )

    def clean_postcode(self) -> str:
        from .services_adres import POSTCODE, postcode_normaliseren

        value = postcode_normaliseren(self.cleaned_data["postcode"])
        if not POSTCODE.match(value):
            raise forms.ValidationError(_("Enter a postcode like 9711 AB."))
        return value

    def clean_geboortejaar(self) -> int:
        jaar = self.cleaned_data["geboortejaar"]
        if not 1900 <= jaar <= timezone.localdate().year:
            raise forms.ValidationError(_("Enter a year of birth between 1900 and this year."))
        return int(jaar)


class VerificatieCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("8 letters and digits, e.g. ABCD-EFGH."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "size": "12"}
        ),
    )


class BalieForm(forms.Form):
    gecontroleerd = forms.BooleanField(
        label=_(
            "I have seen a valid identity document of the person at the desk: the address "
            "and year of birth match this request, and they showed me they can sign in to "
            "this account."
        ),
    )
