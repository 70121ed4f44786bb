"""The praatplaat: questions as data, conversations, agreement sets, council review, evaluation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wijken.models import Archetype


def _taal(nl: str, en: str) -> str:
    """The text for the active language (Dutch is the default; English falls back to Dutch)."""
    lang = (get_language() or "nl")[:2]
    return en if lang == "en" and en else nl


# --- content: bouwstenen, kompas, questions, archetypes ------------------------------------


class Onderdeel(models.Model):
    """A part of the praatplaat: one of the five bouwstenen or one of the four kompas values."""

    class Soort(models.TextChoices):
        BOUWSTEEN = "bouwsteen", _("building block")
        KOMPAS = "kompas", _("compass value")

    code = models.SlugField(unique=True)
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    naam_nl = models.CharField(_("name (Dutch)"), max_length=200)
    naam_en = models.CharField(_("name (English)"), max_length=200)
    toelichting_nl = models.TextField(_("explanation (Dutch)"), blank=True)
    toelichting_en = models.TextField(_("explanation (English)"), blank=True)

    class Meta:
        ordering = ["soort", "volgorde"]
        verbose_name = _("praatplaat part")
        verbose_name_plural = _("praatplaat parts")

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return _taal(self.naam_nl, self.naam_en)

    @property
    def toelichting(self) -> str:
        return _taal(self.toelichting_nl, self.toelichting_en)


class VraagQuerySet(models.QuerySet["Vraag"]):
    def voor_wijk(self, wijk: Any) -> VraagQuerySet:
        """The standard questions plus the wijk's own questions."""
        return self.filter(models.Q(wijk__isnull=True) | models.Q(wijk=wijk), actief=True)


class Vraag(models.Model):
    """A question of the praatplaat; standard (wijk empty) or added for one wijk by staff."""

    onderdeel = models.ForeignKey(Onderdeel, on_delete=models.PROTECT, related_name="vragen")
    code = models.SlugField(unique=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    label_nl = models.CharField(_("sub-heading (Dutch)"), max_length=100, blank=True)
    label_en = models.CharField(_("sub-heading (English)"), max_length=100, blank=True)
    tekst_nl = models.TextField(_("question (Dutch)"))
    tekst_en = models.TextField(_("question (English)"), blank=True)
    wijk = models.ForeignKey(
        "wijken.Wijk",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="praatplaat_vragen",
        verbose_name=_("neighbourhood"),
    )
    actief = models.BooleanField(_("active"), default=True)

    objects = VraagQuerySet.as_manager()

    class Meta:
        ordering = ["onderdeel__soort", "onderdeel__volgorde", "volgorde", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.tekst[:80]

    @property
    def tekst(self) -> str:
        return _taal(self.tekst_nl, self.tekst_en)

    @property
    def label(self) -> str:
        return _taal(self.label_nl, self.label_en)


class ArchetypeBeschrijving(models.Model):
    """The description of one of the three archetypes (content from the Gronings model)."""

    nummer = models.PositiveSmallIntegerField(choices=Archetype.choices, unique=True)
    naam_nl = models.CharField(max_length=100)
    naam_en = models.CharField(max_length=100)
    beschrijving_nl = models.TextField()
    beschrijving_en = models.TextField()

    class Meta:
        ordering = ["nummer"]
        verbose_name = _("archetype description")
        verbose_name_plural = _("archetype descriptions")

    def __str__(self) -> str:
        return f"{self.nummer} {self.naam}"

    @property
    def naam(self) -> str:
        return _taal(self.naam_nl, self.naam_en)

    @property
    def beschrijving(self) -> str:
        return _taal(self.beschrijving_nl, self.beschrijving_en)


# --- conversations -------------------------------------------------------------------------


class Groep(models.TextChoices):
    """Who was at the table: groups, not names."""

    BEWONERS = "bewoners", _("residents")
    BEWONERSORGANISATIE = "bewonersorganisatie", _("residents' association")
    COLLECTIEF = "collectief", _("resident collective / initiative group")
    GELOOT = "geloot", _("residents drawn by lot")
    JONGEREN = "jongeren", _("young people")
    ONDERNEMERS = "ondernemers", _("entrepreneurs")
    PARTNERS = "partners", _("partner organisations")
    GEBIEDSTEAM = "gebiedsteam", _("area team")
    WIJKWETHOUDER = "wijkwethouder", _("neighbourhood alderman")
    RAAD = "raad", _("council members")


class Gesprek(models.Model):
    class Vorm(models.TextChoices):
        FYSIEK = "fysiek", _("in person")
        ONLINE = "online", _("online")
        HYBRIDE = "hybride", _("hybrid")

    wijk = models.ForeignKey(
        "wijken.Wijk", on_delete=models.CASCADE, related_name="praatplaat_gesprekken"
    )
    datum = models.DateField(_("date"))
    vorm = models.CharField(_("form"), max_length=10, choices=Vorm.choices, default=Vorm.FYSIEK)
    plaats = models.CharField(_("place or link"), max_length=200, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=150, blank=True)
    deelnemers = models.PositiveIntegerField(_("number of participants"), default=0)
    groepen = models.JSONField(_("groups at the table"), default=list, blank=True)
    toestemming_namen = models.BooleanField(
        _("participants consented to having their names recorded"), default=False
    )
    namen = models.TextField(_("names (only with consent)"), blank=True)
    notities = models.TextField(_("notes"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return f"{self.wijk} {self.datum:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("praatplaat:gesprek", kwargs={"slug": self.wijk.slug, "pk": self.pk})

    def clean(self) -> None:
        if self.namen.strip() and not self.toestemming_namen:
            raise ValidationError(
                {"namen": _("Names may only be recorded when the participants consented.")}
            )
        bad = [g for g in self.groepen or [] if g not in Groep.values]
        if bad:
            raise ValidationError({"groepen": _("Unknown group.")})

    @property
    def groepen_labels(self) -> list[str]:
        return [str(Groep(g).label) for g in self.groepen or [] if g in Groep.values]


class Antwoord(models.Model):
    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="antwoorden")
    tekst = models.TextField(_("answer"))

    class Meta:
        ordering = ["vraag__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "vraag"], name="antwoord_uniek_per_gesprek")
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.tekst[:80]


# --- agreement sets ---------------------------------------------------------------------------


class SetStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    TER_BESPREKING = "ter_bespreking", _("under council review")
    VASTGESTELD = "vastgesteld", _("adopted")
    GEEVALUEERD = "geevalueerd", _("evaluated")


class Afsprakenset(models.Model):
    """The agreements of one wijk (stap 2), versioned; goes before the council."""

    wijk = models.ForeignKey(
        "wijken.Wijk", on_delete=models.CASCADE, related_name="praatplaat_sets"
    )
    titel = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=SetStatus.choices, default=SetStatus.CONCEPT
    )
    verantwoording_wijk = models.TextField(
        _("public accountability to the neighbourhood"),
        blank=True,
        help_text=_("How the neighbourhood reports publicly to its residents (when, where, how)."),
    )
    verantwoording_raad = models.TextField(
        _("public accountability to the council"),
        blank=True,
        help_text=_("How the neighbourhood reports to the municipal council."),
    )
    vastgesteld_op = models.DateField(_("adopted on"), null=True, blank=True)
    besluit_referentie = models.CharField(_("decision reference"), max_length=200, blank=True)
    versie = models.PositiveIntegerField(_("version"), default=0)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("agreement set")
        verbose_name_plural = _("agreement sets")

    def __str__(self) -> str:
        return f"{self.wijk}: {self.titel}"

    def get_absolute_url(self) -> str:
        return reverse("praatplaat:set", kwargs={"pk": self.pk})

    @property
    def status_badge(self) -> str:
        return {
            SetStatus.CONCEPT: "badge-warn",
            SetStatus.TER_BESPREKING: "badge-warn",
            SetStatus.VASTGESTELD: "",
            SetStatus.GEEVALUEERD: "",
        }.get(SetStatus(self.status), "")


class Wie(models.TextChoices):
    WIJK = "wijk", _("neighbourhood")
    GEMEENTE = "gemeente", _("municipality")
    RAAD = "raad", _("council")
    PARTNER = "partner", _("partner")


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("open")
    BEZIG = "bezig", _("in progress")
    KLAAR = "klaar", _("done")
    VERVALLEN = "vervallen", _("dropped")


class Afspraak(models.Model):
    afsprakenset = models.ForeignKey(
        Afsprakenset, on_delete=models.CASCADE, related_name="afspraken"
    )
    wat = models.TextField(_("what"))
    wie = models.CharField(_("who"), max_length=10, choices=Wie.choices)
    partner = models.CharField(_("partner (if who is a partner)"), max_length=150, blank=True)
    wanneer = models.DateField(_("by when"), null=True, blank=True)
    bouwsteen = models.ForeignKey(
        Onderdeel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building block"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["volgorde", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.wat[:80]

    def clean(self) -> None:
        if self.wie == Wie.PARTNER and not self.partner.strip():
            raise ValidationError({"partner": _("Name the partner.")})

    @property
    def wie_label(self) -> str:
        if self.wie == Wie.PARTNER and self.partner:
            return f"{Wie(self.wie).label}: {self.partner}"
        return str(Wie(self.wie).label)


class Thema(models.Model):
    """A theme of the wijkagenda with the archetype (how much say) the wijk takes for it."""

    afsprakenset = models.ForeignKey(Afsprakenset, on_delete=models.CASCADE, related_name="themas")
    naam = models.CharField(_("theme"), max_length=100)
    archetype = models.PositiveSmallIntegerField(_("archetype"), choices=Archetype.choices)
    open_begroting_pot = models.CharField(
        _("open budget pot"),
        max_length=200,
        blank=True,
        help_text=_("The pot in the open budget the neighbourhood decides on for this theme."),
    )
    toelichting = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["-archetype", "naam"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return f"{self.naam} ({self.archetype})"


class InstrumentSoort(models.TextChoices):
    WIJKPANEL = "wijkpanel", _("neighbourhood panel (drawn by lot)")
    CWR = "cwr", _("cooperative neighbourhood council (drawn by lot)")
    LOTING = "loting", _("other group drawn by lot")
    IDEEENRONDE = "ideeenronde", _("idea round open to all residents")
    WIJKSTEMDAG = "wijkstemdag", _("neighbourhood voting day")
    ONLINE = "online", _("online participation platform")
    STRAATBERAAD = "straatberaad", _("street meetings / door-to-door")
    INLOOP = "inloop", _("drop-in market or open meeting")


class Instrument(models.Model):
    """How the wijk reaches residents beyond the active core (recorded by staff)."""

    afsprakenset = models.ForeignKey(
        Afsprakenset, on_delete=models.CASCADE, related_name="instrumenten"
    )
    soort = models.CharField(_("instrument"), max_length=20, choices=InstrumentSoort.choices)
    omschrijving = models.CharField(_("description"), max_length=250, blank=True)

    class Meta:
        ordering = ["soort", "id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.get_soort_display()


class AfsprakensetVersie(models.Model):
    """An immutable snapshot of an agreement set, written on every change."""

    afsprakenset = models.ForeignKey(Afsprakenset, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField()
    snapshot = models.JSONField()
    samenvatting = models.CharField(max_length=255, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["afsprakenset", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["afsprakenset", "nummer"], name="versie_uniek")
        ]
        verbose_name = _("agreement set version")
        verbose_name_plural = _("agreement set versions")

    def __str__(self) -> str:
        return f"{self.afsprakenset_id} v{self.nummer}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A version is immutable."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("A version is immutable."))


class RaadsMelding(models.Model):
    """Marks that the council was notified of a version (makes the mail task idempotent)."""

    afsprakenset = models.ForeignKey(Afsprakenset, on_delete=models.CASCADE, related_name="+")
    versie = models.PositiveIntegerField()
    ontvangers = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["afsprakenset", "versie"], name="melding_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.afsprakenset_id} v{self.versie}"


# --- council review --------------------------------------------------------------------------


class Commentaar(models.Model):
    """A threaded comment of a council member (or the wijk's staff) on a set or one agreement."""

    afsprakenset = models.ForeignKey(
        Afsprakenset, on_delete=models.CASCADE, related_name="commentaren"
    )
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.SET_NULL, null=True, blank=True, related_name="commentaren"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="reacties"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="praatplaat_commentaren"
    )
    rol = models.CharField(max_length=20, blank=True)
    tekst = models.TextField(_("comment"))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.tekst[:80]


class RaadsRol(models.TextChoices):
    KADERSTELLEND = "kaderstellend", _("setting frameworks")
    CONTROLEREND = "controlerend", _("scrutinising")
    MEEDOEN = "meedoen", _("taking part")
    VOLKSVERTEGENWOORDIGEND = "volksvertegenwoordigend", _("representing the people")


class Sturing(models.TextChoices):
    INHOUD = "inhoud", _("steering on content")
    PROCES = "proces", _("steering on process")


class Raadsrol(models.Model):
    """The council's role in one wijk; append-only, the latest row is current."""

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.CASCADE, related_name="+")
    sturing = models.CharField(_("steering"), max_length=10, choices=Sturing.choices)
    rollen = models.JSONField(_("roles"), default=list)
    toelichting = models.TextField(_("explanation"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")

    def __str__(self) -> str:
        return f"{self.wijk_id} {self.sturing}"

    @property
    def rollen_labels(self) -> list[str]:
        return [str(RaadsRol(r).label) for r in self.rollen if r in RaadsRol.values]


# --- evaluation (stap 3) ---------------------------------------------------------------------

KOMPAS_WAARDEN = ["ieders_stem", "transparantie", "zeggenschap", "goede_gesprek"]
KOMPAS_LABELS = {
    "ieders_stem": _("everyone's voice counts"),
    "transparantie": _("transparency"),
    "zeggenschap": _("say"),
    "goede_gesprek": _("the good conversation"),
}
_score = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluatie(models.Model):
    wijk = models.ForeignKey(
        "wijken.Wijk", on_delete=models.CASCADE, related_name="praatplaat_evaluaties"
    )
    afsprakenset = models.ForeignKey(
        Afsprakenset, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluaties"
    )
    datum = models.DateField(_("date"))
    ieders_stem = models.PositiveSmallIntegerField(KOMPAS_LABELS["ieders_stem"], validators=_score)
    ieders_stem_toelichting = models.TextField(_("explanation"), blank=True)
    transparantie = models.PositiveSmallIntegerField(
        KOMPAS_LABELS["transparantie"], validators=_score
    )
    transparantie_toelichting = models.TextField(_("explanation"), blank=True)
    zeggenschap = models.PositiveSmallIntegerField(KOMPAS_LABELS["zeggenschap"], validators=_score)
    zeggenschap_toelichting = models.TextField(_("explanation"), blank=True)
    goede_gesprek = models.PositiveSmallIntegerField(
        KOMPAS_LABELS["goede_gesprek"], validators=_score
    )
    goede_gesprek_toelichting = models.TextField(_("explanation"), blank=True)
    lessen = models.TextField(_("lessons learned (learning together)"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.wijk} {self.datum:%Y-%m-%d}"

    @property
    def scores(self) -> list[tuple[str, str, int, str]]:
        """(code, label, score, explanation) for the four kompas values."""
        return [
            (
                code,
                str(KOMPAS_LABELS[code]),
                getattr(self, code),
                getattr(self, f"{code}_toelichting"),
            )
            for code in KOMPAS_WAARDEN
        ]
