"""Idea rounds, ideas and initiative applications.

Ballots and tallies are not here: they are built on top of :class:`Ronde` by the voting
part (see ``Ronde.STEMREGEL_VELDEN`` for the fields that define a round's vote).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.models import Buurt, Wijk


class Fase(models.TextChoices):
    CONCEPT = "concept", _("not open yet")
    INDIENEN = "indienen", _("submitting ideas")
    BEOORDELEN = "beoordelen", _("screening")
    STEMMEN = "stemmen", _("voting")
    UITSLAG = "uitslag", _("result")
    UITVOERING = "uitvoering", _("carrying out")


FASE_VOLGORDE = [
    Fase.CONCEPT,
    Fase.INDIENEN,
    Fase.BEOORDELEN,
    Fase.STEMMEN,
    Fase.UITSLAG,
    Fase.UITVOERING,
]
# The date field at which each phase starts.
FASE_START_VELD = {
    Fase.INDIENEN: "indienen_vanaf",
    Fase.BEOORDELEN: "beoordelen_vanaf",
    Fase.STEMMEN: "stemmen_vanaf",
    Fase.UITSLAG: "uitslag_vanaf",
    Fase.UITVOERING: "uitvoering_vanaf",
}


def fase_index(fase: str) -> int:
    return FASE_VOLGORDE.index(Fase(fase))


class Stemwijze(models.TextChoices):
    """The kind of ballot the voting part offers in this round."""

    APPROVAL = "approval", _("approval: choose between a and k ideas")
    BUDGET = "budget", _("budget ballot: a basket of ideas within the budget")
    RANKING = "ranking", _("ranking: put your top k in order")
    PUNTEN = "punten", _("cumulative points: spread your points over ideas")


class Telregel(models.TextChoices):
    GREEDY = "greedy", _("most votes first, as long as the budget allows")
    MES = "mes", _("Method of Equal Shares, with completion")
    BORDA = "borda", _("Borda count (rankings)")


class RondeQuerySet(models.QuerySet["Ronde"]):
    def zichtbaar(self) -> RondeQuerySet:
        return self.exclude(fase=Fase.CONCEPT)

    def lopend(self) -> RondeQuerySet:
        return self.exclude(fase__in=[Fase.CONCEPT])


class Ronde(models.Model):
    """An idea round in one wijk: ideas are submitted, screened, voted on and carried out."""

    # The voting rules: fixed from the moment the stemmen phase starts.
    STEMREGEL_VELDEN: ClassVar[tuple[str, ...]] = (
        "budget",
        "stemwijze",
        "keuze_min",
        "keuze_max",
        "budget_min_aandeel",
        "ranking_k",
        "punten_totaal",
        "punten_max_per_idee",
        "minimum_leeftijd",
        "telregel",
        "stemmen_vanaf",
        "uitslag_vanaf",
    )

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="rondes")
    titel = models.CharField(_("title"), max_length=150)
    beschrijving = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    budget = models.PositiveBigIntegerField(_("budget (cents)"), default=0)
    pot = models.ForeignKey(
        "wijken.Budgetpot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rondes",
        verbose_name=_("budget pot"),
        help_text=_("The wijk's budget pot in the ledger this round spends from."),
    )
    fase = models.CharField(_("phase"), max_length=12, choices=Fase.choices, default=Fase.CONCEPT)
    indienen_vanaf = models.DateTimeField(_("submitting opens"))
    beoordelen_vanaf = models.DateTimeField(_("screening starts"))
    stemmen_vanaf = models.DateTimeField(_("voting opens"))
    uitslag_vanaf = models.DateTimeField(_("voting closes, result"))
    uitvoering_vanaf = models.DateTimeField(_("carrying out starts"))

    stemwijze = models.CharField(
        _("ballot kind"), max_length=10, choices=Stemwijze.choices, default=Stemwijze.APPROVAL
    )
    keuze_min = models.PositiveSmallIntegerField(
        _("approval: at least (a)"), default=1, validators=[MinValueValidator(0)]
    )
    keuze_max = models.PositiveSmallIntegerField(
        _("approval: at most (k)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    budget_min_aandeel = models.PositiveSmallIntegerField(
        _("budget ballot: minimum share of the budget (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    ranking_k = models.PositiveSmallIntegerField(
        _("ranking: length of the top (k)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    punten_totaal = models.PositiveSmallIntegerField(
        _("cumulative: points per voter"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    punten_max_per_idee = models.PositiveSmallIntegerField(
        _("cumulative: at most per idea"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    minimum_leeftijd = models.PositiveSmallIntegerField(
        _("minimum age to vote"), default=16, validators=[MaxValueValidator(120)]
    )
    telregel = models.CharField(
        _("tally rule"), max_length=10, choices=Telregel.choices, default=Telregel.GREEDY
    )
    stemregels_vast_op = models.DateTimeField(_("voting rules fixed at"), null=True, blank=True)

    aangemaakt = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    objects = RondeQuerySet.as_manager()

    class Meta:
        ordering = ["-indienen_vanaf"]
        verbose_name = _("idea round")
        verbose_name_plural = _("idea rounds")

    def __str__(self) -> str:
        return f"{self.titel} ({self.wijk})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_stemregels_vast()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("stemmen:ronde", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        dates = [getattr(self, FASE_START_VELD[f]) for f in FASE_VOLGORDE[1:]]
        if all(dates):
            for (_a, da), (_b, db) in zip(
                list(FASE_START_VELD.items()), list(FASE_START_VELD.items())[1:], strict=False
            ):
                if getattr(self, db) <= getattr(self, da):
                    errors[db] = _("Each phase must start after the previous one.")
        if self.stemwijze == Stemwijze.APPROVAL:
            if self.keuze_max is not None and self.keuze_max < self.keuze_min:
                errors["keuze_max"] = _("At most (k) must be at least the minimum (a).")
        if self.stemwijze == Stemwijze.RANKING and not self.ranking_k:
            errors["ranking_k"] = _("A ranking ballot needs the length of the top (k).")
        if self.stemwijze == Stemwijze.PUNTEN and not self.punten_totaal:
            errors["punten_totaal"] = _("A cumulative ballot needs the points per voter.")
        if (self.telregel == Telregel.BORDA) != (self.stemwijze == Stemwijze.RANKING):
            errors["telregel"] = _("The Borda count goes with ranking ballots, and only with them.")
        if self.budget_min_aandeel and self.stemwijze != Stemwijze.BUDGET:
            errors["budget_min_aandeel"] = _("A minimum share only applies to a budget ballot.")
        if errors:
            raise ValidationError(errors)
        self.check_stemregels_vast()

    def check_stemregels_vast(self) -> None:
        """Once voting has opened, the voting rules cannot change."""
        if not self.pk:
            return
        old = (
            Ronde.objects.filter(pk=self.pk)
            .values(*self.STEMREGEL_VELDEN, "fase", "stemregels_vast_op")
            .first()
        )
        if not old:
            return
        vast = old["stemregels_vast_op"] is not None or fase_index(old["fase"]) >= fase_index(
            Fase.STEMMEN
        )
        if not vast:
            return
        changed = [f for f in self.STEMREGEL_VELDEN if getattr(self, f) != old[f]]
        if changed:
            raise ValidationError(
                dict.fromkeys(changed, _("The voting rules are fixed once voting has opened."))
            )

    # --- phases ---

    def fase_start(self, fase: str) -> datetime | None:
        veld = FASE_START_VELD.get(Fase(fase))
        return getattr(self, veld) if veld else None

    def fase_volgens_datum(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        current = Fase.CONCEPT
        for fase, veld in FASE_START_VELD.items():
            if getattr(self, veld) <= now:
                current = fase
        return current

    @property
    def volgende_fase(self) -> str | None:
        i = fase_index(self.fase)
        return FASE_VOLGORDE[i + 1] if i + 1 < len(FASE_VOLGORDE) else None

    @property
    def volgende_fase_start(self) -> datetime | None:
        nxt = self.volgende_fase
        return self.fase_start(nxt) if nxt else None

    @property
    def stemregels_vast(self) -> bool:
        return self.stemregels_vast_op is not None or fase_index(self.fase) >= fase_index(
            Fase.STEMMEN
        )

    @property
    def indienen_open(self) -> bool:
        return self.fase == Fase.INDIENEN

    @property
    def reageren_open(self) -> bool:
        return self.fase in (Fase.INDIENEN, Fase.BEOORDELEN, Fase.STEMMEN)

    @property
    def budget_euro(self) -> float:
        return self.budget / 100


class Thema(models.Model):
    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="themas")
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["ronde", "naam"], name="stemmen_thema_uniek_per_ronde")
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.naam


class Criterium(models.TextChoices):
    """The gebiedsteam's criteria for initiatives (003: 'een paar eenvoudige criteria')."""

    DRAAGVLAK = "draagvlak", _("Shown support in the buurt or wijk")
    MEERDERE_BEWONERS = (
        "meerdere_bewoners",
        _("Several residents involved in proposing and doing it"),
    )
    PAST_BIJ_WIJK = "past_bij_wijk", _("Fits what the wijk needs")
    MEERWAARDE = "meerwaarde", _("Adds value for liveability, safety or involvement")
    INCIDENTEEL = "incidenteel", _("One-off funding, preferably with co-financing")
    GEEN_COMMERCIEEL = "geen_commercieel", _("No commercial interest")


class Oordeel(models.TextChoices):
    JA = "ja", _("meets it")
    DEELS = "deels", _("partly")
    NEE = "nee", _("does not meet it")


class IdeeStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("submitted")
    STEMBAAR = "stembaar", _("on the ballot")
    NIET_STEMBAAR = "niet_stembaar", _("not on the ballot")
    SAMENGEVOEGD = "samengevoegd", _("merged into another idea")
    GEKOZEN = "gekozen", _("chosen")
    NIET_GEKOZEN = "niet_gekozen", _("not chosen")
    IN_UITVOERING = "in_uitvoering", _("being carried out")
    UITGEVOERD = "uitgevoerd", _("done")


UITVOERING_STATUSSEN = (IdeeStatus.GEKOZEN, IdeeStatus.IN_UITVOERING, IdeeStatus.UITGEVOERD)


class IdeeQuerySet(models.QuerySet["Idee"]):
    def met_tellingen(self) -> IdeeQuerySet:
        return self.annotate(
            aantal_steun=models.Count("steunbetuigingen", distinct=True),
        )

    def stembaar(self) -> IdeeQuerySet:
        return self.exclude(
            status__in=[IdeeStatus.INGEDIEND, IdeeStatus.NIET_STEMBAAR, IdeeStatus.SAMENGEVOEGD]
        )


class Idee(models.Model):
    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="ideeen")
    # SET_NULL: when a person erases their account the idea stays, without their name.
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideeen",
    )
    mede_indieners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="mede_ideeen",
        verbose_name=_("co-initiators"),
    )
    titel = models.CharField(_("title"), max_length=120)
    beschrijving = models.TextField(_("description"), max_length=6000)
    kosten = models.PositiveBigIntegerField(_("estimated cost (cents)"))
    kosten_gemeente = models.PositiveBigIntegerField(
        _("cost estimate adjusted by the area team (cents)"), null=True, blank=True
    )
    kosten_notitie = models.TextField(_("note on the cost estimate"), blank=True, max_length=2000)
    thema = models.ForeignKey(
        Thema, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideeen"
    )
    buurt = models.ForeignKey(
        Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideeen"
    )
    locatie = models.CharField(_("street or place"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=IdeeStatus.choices, default=IdeeStatus.INGEDIEND
    )
    samengevoegd_in = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="samengevoegd"
    )
    uitkomst = models.CharField(
        _("screening outcome"),
        max_length=15,
        blank=True,
        choices=[
            (IdeeStatus.STEMBAAR, IdeeStatus.STEMBAAR.label),
            (IdeeStatus.NIET_STEMBAAR, IdeeStatus.NIET_STEMBAAR.label),
            (IdeeStatus.SAMENGEVOEGD, IdeeStatus.SAMENGEVOEGD.label),
        ],
    )
    beoordeling_reden = models.TextField(_("reason for the decision"), blank=True, max_length=4000)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    antwoord = models.TextField(_("initiator's answer"), blank=True, max_length=4000)
    antwoord_op = models.DateTimeField(null=True, blank=True)
    verplichting = models.ForeignKey(
        "wijken.Boeking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(default=timezone.now)
    bijgewerkt = models.DateTimeField(auto_now=True)

    objects = IdeeQuerySet.as_manager()

    class Meta:
        ordering = ["-ingediend_op"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("stemmen:idee", kwargs={"pk": self.pk})

    @property
    def kosten_definitief(self) -> int:
        return self.kosten_gemeente if self.kosten_gemeente is not None else self.kosten

    @property
    def is_beoordeeld(self) -> bool:
        return self.beoordeeld_op is not None

    @property
    def in_uitvoering(self) -> bool:
        return self.status in UITVOERING_STATUSSEN

    def is_initiatiefnemer(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return self.indiener_id == user.pk


class IdeeAfbeelding(models.Model):
    MAX = 5

    idee = models.ForeignKey(Idee, on_delete=models.CASCADE, related_name="afbeeldingen")
    bestand = models.ImageField(upload_to="stemmen/ideeen/%Y/%m/")
    breedte = models.PositiveIntegerField(default=0)
    hoogte = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("description of the image"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt or self.bestand.name


class Steun(models.Model):
    """ "Ik steun dit": one per resident per idea."""

    idee = models.ForeignKey(Idee, on_delete=models.CASCADE, related_name="steunbetuigingen")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steun"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idee", "user"], name="stemmen_steun_uniek")]
        verbose_name = _("support")
        verbose_name_plural = _("support")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idee_id}"


class Reactie(models.Model):
    class Status(models.TextChoices):
        ZICHTBAAR = "zichtbaar", _("visible")
        VERBORGEN = "verborgen", _("hidden by a moderator")

    idee = models.ForeignKey(Idee, on_delete=models.CASCADE, related_name="reacties")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stemmen_reacties",
    )
    ouder = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="antwoorden"
    )
    tekst = models.TextField(_("comment"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ZICHTBAAR)
    moderatie_reden = models.CharField(_("moderation reason"), max_length=300, blank=True)
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["op", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.tekst[:50]

    @property
    def zichtbaar(self) -> bool:
        return self.status == self.Status.ZICHTBAAR


class ReactieMelding(models.Model):
    """A report of a comment, for the moderators."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="meldingen")
    melder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reden = models.CharField(_("why should a moderator look at this?"), max_length=300)
    op = models.DateTimeField(default=timezone.now)
    afgehandeld = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reactie", "melder"], name="stemmen_melding_uniek")
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.reden[:50]


class CriteriumOordeel(models.Model):
    """One criterion, judged by the gebiedsteam, for an idea or an initiative application."""

    idee = models.ForeignKey(
        Idee, on_delete=models.CASCADE, null=True, blank=True, related_name="oordelen"
    )
    aanvraag = models.ForeignKey(
        "Aanvraag", on_delete=models.CASCADE, null=True, blank=True, related_name="oordelen"
    )
    criterium = models.CharField(max_length=20, choices=Criterium.choices)
    oordeel = models.CharField(max_length=6, choices=Oordeel.choices)
    toelichting = models.TextField(_("explanation"), blank=True, max_length=2000)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idee", "criterium"], name="stemmen_oordeel_uniek_idee"
            ),
            models.UniqueConstraint(
                fields=["aanvraag", "criterium"], name="stemmen_oordeel_uniek_aanvraag"
            ),
            models.CheckConstraint(
                condition=models.Q(idee__isnull=False) ^ models.Q(aanvraag__isnull=False),
                name="stemmen_oordeel_idee_of_aanvraag",
            ),
        ]
        verbose_name = _("criterion judgement")
        verbose_name_plural = _("criterion judgements")

    def __str__(self) -> str:
        return f"{self.criterium}: {self.oordeel}"


class IdeeUpdate(models.Model):
    """A dated progress update of a chosen idea, optionally with a photo and an expense."""

    idee = models.ForeignKey(Idee, on_delete=models.CASCADE, related_name="updates")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    datum = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=[
            (IdeeStatus.IN_UITVOERING, IdeeStatus.IN_UITVOERING.label),
            (IdeeStatus.UITGEVOERD, IdeeStatus.UITGEVOERD.label),
        ],
    )
    tekst = models.TextField(_("what happened"), max_length=4000)
    foto = models.ImageField(upload_to="stemmen/updates/%Y/%m/", blank=True)
    foto_alt = models.CharField(_("description of the photo"), max_length=200, blank=True)
    uitgave = models.PositiveBigIntegerField(_("expense booked (cents)"), default=0)
    boeking = models.ForeignKey(
        "wijken.Boeking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.idee} · {self.datum}"


class AanvraagSoort(models.TextChoices):
    BUURTBUDGET = "buurtbudget", _("buurtbudget grant (up to €500)")
    INITIATIEF = "initiatief", _("larger initiative")
    UITDAAGRECHT = "uitdaagrecht", _("right to challenge")


class AanvraagStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("received")
    IN_BEHANDELING = "in_behandeling", _("being assessed")
    TOEGEKEND = "toegekend", _("granted")
    AFGEWEZEN = "afgewezen", _("refused")


BUURTBUDGET_MAX = 50_000  # cents: €500


class Aanvraag(models.Model):
    """An initiative application outside the rounds."""

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="aanvragen")
    aanvrager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanvragen",
    )
    soort = models.CharField(_("kind"), max_length=15, choices=AanvraagSoort.choices)
    titel = models.CharField(_("title"), max_length=120)
    beschrijving = models.TextField(_("what do you want to do?"), max_length=6000)
    bedrag = models.PositiveBigIntegerField(_("amount requested (cents)"))
    betrokkenen = models.PositiveSmallIntegerField(
        _("number of residents involved"), default=1, validators=[MinValueValidator(1)]
    )
    cofinanciering = models.TextField(
        _("co-financing or own contribution"), blank=True, max_length=2000
    )
    # Right to challenge: the municipal task and its current budget.
    taak = models.TextField(_("municipal task you offer to take over"), blank=True, max_length=2000)
    huidig_budget = models.PositiveBigIntegerField(
        _("current municipal budget for the task (cents)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=15, choices=AanvraagStatus.choices, default=AanvraagStatus.INGEDIEND
    )
    ingediend_op = models.DateTimeField(default=timezone.now)
    beslissen_voor = models.DateField(_("decision due by"))
    besluit_reden = models.TextField(_("reason for the decision"), blank=True, max_length=4000)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(null=True, blank=True)
    pot = models.ForeignKey(
        "wijken.Budgetpot", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verplichting = models.ForeignKey(
        "wijken.Boeking", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-ingediend_op"]
        verbose_name = _("initiative application")
        verbose_name_plural = _("initiative applications")

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("stemmen:aanvraag", kwargs={"pk": self.pk})

    @property
    def is_besloten(self) -> bool:
        return self.status in (AanvraagStatus.TOEGEKEND, AanvraagStatus.AFGEWEZEN)

    @property
    def te_laat(self) -> bool:
        return not self.is_besloten and timezone.localdate() > self.beslissen_voor


class AanvraagStap(models.Model):
    """An assessment step of an application (right to challenge, larger initiatives)."""

    class Stap(models.TextChoices):
        ONTVANKELIJK = "ontvankelijk", _("Complete and admissible")
        GESPREK = "gesprek", _("Conversation with the group")
        VERGELIJKING = "vergelijking", _("Compared with the municipality's own delivery")
        ADVIES = "advies", _("Advice of the area team")
        OVERIG = "overig", _("Other step")

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="stappen")
    stap = models.CharField(_("step"), max_length=15, choices=Stap.choices)
    toelichting = models.TextField(_("finding"), max_length=4000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["op", "id"]
        verbose_name = _("assessment step")
        verbose_name_plural = _("assessment steps")

    def __str__(self) -> str:
        return self.get_stap_display()


class Meldingsinstelling(models.Model):
    """Which e-mails a user wants from the idea rounds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stemmen_instelling"
    )
    idee_beoordeeld = models.BooleanField(_("my idea has been screened"), default=True)
    reactie_op_idee = models.BooleanField(_("someone commented on my idea"), default=True)
    fase_wijziging = models.BooleanField(
        _("a round in my neighbourhood moves to a new phase"), default=True
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class VerzondenBericht(models.Model):
    """One e-mail sent, by key: makes the mail tasks safe to run twice."""

    sleutel = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    op = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.sleutel


from .models_stemming import *  # noqa
