from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from .models import (
    Afspraak,
    AfspraakStatus,
    Afsprakenset,
    Evaluatie,
    Gesprek,
    Groep,
    Instrument,
    Onderdeel,
    RaadsRol,
    SetStatus,
    Sturing,
    Thema,
    Vraag,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class GesprekForm(forms.ModelForm):
    groepen = forms.MultipleChoiceField(
        label=_("Who was at the table (groups)"),
        choices=Groep.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Gesprek
        fields = [
            "datum",
            "vorm",
            "plaats",
            "facilitator",
            "deelnemers",
            "groepen",
            "toestemming_namen",
            "namen",
            "notities",
        ]
        widgets = {
            "datum": DateInput(),
            "namen": forms.Textarea(attrs={"rows": 2}),
            "notities": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, vragen: list[Vraag], antwoorden: dict[int, str], **kw: Any):
        super().__init__(*args, **kw)
        self.vragen = vragen
        for v in vragen:
            self.fields[f"vraag_{v.pk}"] = forms.CharField(
                label=v.tekst,
                required=False,
                initial=antwoorden.get(v.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def vraag_velden(self) -> list[tuple[Vraag, Any]]:
        return [(v, self[f"vraag_{v.pk}"]) for v in self.vragen]

    def meta_velden(self) -> list[Any]:
        return [self[n] for n in self.Meta.fields]

    def antwoorden(self) -> dict[int, str]:
        return {v.pk: self.cleaned_data.get(f"vraag_{v.pk}", "") for v in self.vragen}


class VraagForm(forms.ModelForm):
    class Meta:
        model = Vraag
        fields = ["onderdeel", "tekst_nl", "tekst_en"]
        widgets = {
            "tekst_nl": forms.Textarea(attrs={"rows": 3}),
            "tekst_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["onderdeel"].label_from_instance = lambda o: o.naam  # type: ignore[attr-defined]
        self.fields["onderdeel"].label = _("Building block or compass value")


class SetNieuwForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)


class SetForm(forms.ModelForm):
    class Meta:
        model = Afsprakenset
        fields = ["titel", "verantwoording_wijk", "verantwoording_raad"]
        widgets = {
            "verantwoording_wijk": forms.Textarea(attrs={"rows": 2}),
            "verantwoording_raad": forms.Textarea(attrs={"rows": 2}),
        }


class AfspraakForm(forms.ModelForm):
    class Meta:
        model = Afspraak
        fields = ["wat", "wie", "partner", "wanneer", "bouwsteen", "status"]
        widgets = {"wat": forms.Textarea(attrs={"rows": 2}), "wanneer": DateInput()}

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        cast(forms.ModelChoiceField, self.fields["bouwsteen"]).queryset = Onderdeel.objects.filter(
            soort=Onderdeel.Soort.BOUWSTEEN
        )
        self.fields["bouwsteen"].label_from_instance = lambda o: o.naam  # type: ignore[attr-defined]


class ThemaForm(forms.ModelForm):
    class Meta:
        model = Thema
        fields = ["naam", "archetype", "open_begroting_pot"]


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["soort", "omschrijving"]


class _Formset(BaseModelFormSet):
    def items(self) -> list[dict[str, Any]]:
        """The formset as plain dicts for the service (``id``, ``delete``, fields)."""
        out = []
        for f in self.forms:
            if not f.has_changed() and f.instance.pk is None:
                continue
            data = {k: v for k, v in f.cleaned_data.items() if k not in ("id", "DELETE")}
            out.append({**data, "id": f.instance.pk, "delete": f.cleaned_data.get("DELETE", False)})
        return out


AfspraakFormSet = modelformset_factory(
    Afspraak, form=AfspraakForm, formset=_Formset, extra=1, can_delete=True
)
ThemaFormSet = modelformset_factory(
    Thema, form=ThemaForm, formset=_Formset, extra=1, can_delete=True
)
InstrumentFormSet = modelformset_factory(
    Instrument, form=InstrumentForm, formset=_Formset, extra=1, can_delete=True
)


class StatusForm(forms.Form):
    naar = forms.ChoiceField(choices=SetStatus.choices, widget=forms.HiddenInput)
    vastgesteld_op = forms.DateField(label=_("Adopted on"), required=False, widget=DateInput())
    besluit_referentie = forms.CharField(
        label=_("Decision reference"), max_length=200, required=False
    )


class AfspraakStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Progress"), choices=AfspraakStatus.choices)


class CommentaarForm(forms.Form):
    tekst = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    afspraak = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RaadsrolForm(forms.Form):
    sturing = forms.ChoiceField(
        label=_("The council steers on"), choices=Sturing.choices, widget=forms.RadioSelect
    )
    rollen = forms.MultipleChoiceField(
        label=_("Roles of the council"),
        choices=RaadsRol.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    toelichting = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


SCORES = [(i, str(i)) for i in range(1, 6)]


class EvaluatieForm(forms.ModelForm):
    class Meta:
        model = Evaluatie
        fields = [
            "datum",
            "afsprakenset",
            "ieders_stem",
            "ieders_stem_toelichting",
            "transparantie",
            "transparantie_toelichting",
            "zeggenschap",
            "zeggenschap_toelichting",
            "goede_gesprek",
            "goede_gesprek_toelichting",
            "lessen",
        ]
        widgets = {
            "datum": DateInput(),
            **{
                f"{c}_toelichting": forms.Textarea(attrs={"rows": 2})
                for c in ("ieders_stem", "transparantie", "zeggenschap", "goede_gesprek")
            },
            **{
                c: forms.Select(choices=SCORES)
                for c in ("ieders_stem", "transparantie", "zeggenschap", "goede_gesprek")
            },
            "lessen": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, wijk: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        cast(
            forms.ModelChoiceField, self.fields["afsprakenset"]
        ).queryset = Afsprakenset.objects.filter(wijk=wijk)
        for c in ("ieders_stem", "transparantie", "zeggenschap", "goede_gesprek"):
            label = self.fields[c].label
            self.fields[f"{c}_toelichting"].label = _("Explanation: %(waarde)s") % {"waarde": label}
