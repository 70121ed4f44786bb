from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.models import Budgetpot, Buurt

from .models import (
    AanvraagSoort,
    AanvraagStap,
    Criterium,
    Idee,
    IdeeAfbeelding,
    IdeeStatus,
    Meldingsinstelling,
    Oordeel,
    Ronde,
    Thema,
)


class EuroField(forms.DecimalField):
    """Euros in the form, integer cents in the model."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        d = super().clean(value)
        return None if d is None else int((d * 100).to_integral_value())

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return Decimal(value) / 100
        return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:  # type: ignore[override]
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RondeForm(forms.ModelForm):
    budget_euro = EuroField(label=_("Budget (€)"))
    themas_tekst = forms.CharField(
        label=_("Themes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One theme per line."),
    )
    pot = forms.ModelChoiceField(
        label=_("Budget pot"), queryset=Budgetpot.objects.none(), required=False
    )

    class Meta:
        model = Ronde
        fields = [
            "titel",
            "beschrijving",
            "indienen_vanaf",
            "beoordelen_vanaf",
            "stemmen_vanaf",
            "uitslag_vanaf",
            "uitvoering_vanaf",
            "stemwijze",
            "keuze_min",
            "keuze_max",
            "budget_min_aandeel",
            "ranking_k",
            "punten_totaal",
            "punten_max_per_idee",
            "minimum_leeftijd",
            "telregel",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "indienen_vanaf": DT,
            "beoordelen_vanaf": DT,
            "stemmen_vanaf": DT,
            "uitslag_vanaf": DT,
            "uitvoering_vanaf": DT,
        }

    def __init__(self, *args: Any, wijk: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in (
            "indienen_vanaf",
            "beoordelen_vanaf",
            "stemmen_vanaf",
            "uitslag_vanaf",
            "uitvoering_vanaf",
        ):
            self.fields[f].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]  # type: ignore[attr-defined]
        self.fields["pot"].queryset = Budgetpot.objects.filter(wijk=wijk)  # type: ignore[attr-defined]
        if self.instance.pk:
            # In euros: a disabled field is cleaned from its initial value.
            self.fields["budget_euro"].initial = Decimal(self.instance.budget) / 100
            self.fields["pot"].initial = self.instance.pot_id
            self.fields["themas_tekst"].initial = "\n".join(
                t.naam for t in self.instance.themas.all()
            )
            if self.instance.stemregels_vast:
                for f in Ronde.STEMREGEL_VELDEN:
                    name = "budget_euro" if f == "budget" else f
                    if name in self.fields:
                        self.fields[name].disabled = True

    def velden(self) -> dict[str, Any]:
        """The changed model fields; disabled (fixed) fields are left alone."""
        out = {f: self.cleaned_data[f] for f in self.Meta.fields if not self.fields[f].disabled}
        if not self.fields["budget_euro"].disabled:
            out["budget"] = self.cleaned_data["budget_euro"]
        out["pot"] = self.cleaned_data.get("pot")
        return out

    def themas(self) -> list[str]:
        return [t for t in self.cleaned_data.get("themas_tekst", "").splitlines() if t.strip()]

    def _post_clean(self) -> None:
        # Validation of the model happens in the service (ronde_opslaan).
        pass


class IdeeForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=120)
    beschrijving = forms.CharField(
        label=_("Description"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What do you want to do, for whom, and who helps? You can use Markdown: *italic*, **bold**, lists."
        ),
    )
    kosten = EuroField(label=_("Estimated cost (€)"), max_value=Decimal("1000000"))
    thema: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Theme"), queryset=Thema.objects.none(), required=False
    )
    buurt: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Area (buurt)"), queryset=Buurt.objects.none(), required=False
    )
    locatie = forms.CharField(label=_("Street or place"), max_length=150, required=False)
    afbeeldingen = MultipleImageField(
        label=_("Images"),
        required=False,
        help_text=_("Up to 5 images, JPEG, PNG or WebP, at most 5 MB each."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, ronde: Ronde, idee: Idee | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = ronde.themas.all()  # type: ignore[attr-defined]
        self.fields["buurt"].queryset = ronde.wijk.buurten.all()  # type: ignore[attr-defined]
        from django.urls import reverse

        url = reverse("stemmen:vergelijkbaar", kwargs={"pk": ronde.pk})
        if idee is not None:
            url += f"?idee={idee.pk}"
        self.fields["titel"].widget.attrs.update(
            {
                "autocomplete": "off",
                "hx-get": url,
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#vergelijkbaar-hint",
                "hx-swap": "innerHTML",
            }
        )
        if idee is not None:
            self.fields["verwijder"] = forms.ModelMultipleChoiceField(
                label=_("Remove images"),
                queryset=idee.afbeeldingen.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_afbeeldingen(self) -> list[Any]:
        files = self.cleaned_data.get("afbeeldingen") or []
        if len(files) > IdeeAfbeelding.MAX:
            raise forms.ValidationError(_("An idea can have at most 5 images."))
        from .afbeeldingen import MAX_BYTES

        for f in files:
            if f.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than 5 MB. Choose a smaller image."),
                    params={"name": f.name},
                )
        return files


class ReactieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    ouder = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MeldenForm(forms.Form):
    reden = forms.CharField(label=_("Why should a moderator look at this?"), max_length=300)


class ModereerForm(forms.Form):
    actie = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("verbergen", _("Hide the comment")),
            ("tonen", _("Show the comment (no problem)")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(label=_("Reason"), max_length=300, required=False)


class BeoordeelForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (IdeeStatus.STEMBAAR, _("On the ballot (stembaar)")),
            (IdeeStatus.NIET_STEMBAAR, _("Not on the ballot (niet stembaar)")),
            (IdeeStatus.SAMENGEVOEGD, _("Merged into another idea")),
        ],
        widget=forms.RadioSelect,
    )
    samengevoegd_in: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Merged into"), queryset=Idee.objects.none(), required=False
    )
    reden = forms.CharField(
        label=_("Reason (the initiator reads this)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kosten_gemeente = EuroField(label=_("Cost estimate of the area team (€)"), required=False)
    kosten_notitie = forms.CharField(
        label=_("Note on the cost estimate"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, idee: Idee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["samengevoegd_in"].queryset = idee.ronde.ideeen.exclude(pk=idee.pk).exclude(  # type: ignore[attr-defined]
            status=IdeeStatus.SAMENGEVOEGD
        )
        bestaand = {o.criterium: o for o in idee.oordelen.all()}
        self.criteria = []
        for key, label in Criterium.choices:
            o = bestaand.get(key)
            self.fields[f"oordeel_{key}"] = forms.ChoiceField(
                label=label,
                choices=Oordeel.choices,
                widget=forms.RadioSelect,
                initial=o.oordeel if o else None,
            )
            self.fields[f"toelichting_{key}"] = forms.CharField(
                label=_("Explanation"),
                max_length=2000,
                required=False,
                initial=o.toelichting if o else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.criteria.append((self[f"oordeel_{key}"], self[f"toelichting_{key}"]))
        if idee.is_beoordeeld:
            self.fields["besluit"].initial = idee.status
            self.fields["reden"].initial = idee.beoordeling_reden
            self.fields["samengevoegd_in"].initial = idee.samengevoegd_in_id
        self.fields["kosten_gemeente"].initial = idee.kosten_definitief
        self.fields["kosten_notitie"].initial = idee.kosten_notitie

    def oordelen(self) -> dict[str, tuple[str, str]]:
        return {
            key: (
                self.cleaned_data[f"oordeel_{key}"],
                self.cleaned_data.get(f"toelichting_{key}", ""),
            )
            for key in Criterium.values
        }


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Your answer to the decision"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class UitslagForm(forms.Form):
    gekozen = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Chosen")), ("0", _("Not chosen"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (IdeeStatus.IN_UITVOERING, IdeeStatus.IN_UITVOERING.label),
            (IdeeStatus.UITGEVOERD, IdeeStatus.UITGEVOERD.label),
        ],
    )
    datum = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tekst = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    foto = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    foto_alt = forms.CharField(label=_("Description of the photo"), max_length=200, required=False)
    uitgave = EuroField(label=_("Expense to book (€)"), required=False)


class AanvraagForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of application"), choices=AanvraagSoort.choices, widget=forms.RadioSelect
    )
    titel = forms.CharField(label=_("Title"), max_length=120)
    beschrijving = forms.CharField(
        label=_("What do you want to do?"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    bedrag = EuroField(label=_("Amount requested (€)"), max_value=Decimal("10000000"))
    betrokkenen = forms.IntegerField(
        label=_("Number of residents involved"), min_value=1, initial=1
    )
    cofinanciering = forms.CharField(
        label=_("Co-financing or own contribution"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    taak = forms.CharField(
        label=_("Right to challenge: the municipal task your group offers to take over"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    huidig_budget = EuroField(
        label=_("Right to challenge: what the municipality spends on it now (€)"), required=False
    )


class StapForm(forms.Form):
    stap = forms.ChoiceField(label=_("Step"), choices=AanvraagStap.Stap.choices)
    toelichting = forms.CharField(
        label=_("Finding"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BesluitForm(forms.Form):
    toekennen = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Grant")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reason (the applicant reads this)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    pot = forms.ModelChoiceField(
        label=_("Book on budget pot"), queryset=Budgetpot.objects.none(), required=False
    )

    def __init__(self, *args: Any, aanvraag: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pot"].queryset = Budgetpot.objects.filter(wijk=aanvraag.wijk)  # type: ignore[attr-defined]
        self.criteria = []
        if aanvraag.soort == AanvraagSoort.INITIATIEF:
            for key, label in Criterium.choices:
                self.fields[f"oordeel_{key}"] = forms.ChoiceField(
                    label=label, choices=Oordeel.choices, widget=forms.RadioSelect
                )
                self.fields[f"toelichting_{key}"] = forms.CharField(
                    label=_("Explanation"),
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.criteria.append((self[f"oordeel_{key}"], self[f"toelichting_{key}"]))

    def oordelen(self) -> dict[str, tuple[str, str]] | None:
        if not self.criteria:
            return None
        return {
            key: (
                self.cleaned_data[f"oordeel_{key}"],
                self.cleaned_data.get(f"toelichting_{key}", ""),
            )
            for key in Criterium.values
        }


class InstellingenForm(forms.ModelForm):
    class Meta:
        model = Meldingsinstelling
        fields = ["idee_beoordeeld", "reactie_op_idee", "fase_wijziging"]
