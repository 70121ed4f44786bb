from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Archetype(models.IntegerChoices):
    ADVISEREN = 1, _("1 · advise and speak up")
    AANJAGEN = 2, _("2 · initiate and drive")
    BESLISSEN = 3, _("3 · allocate and decide")


class Stadsdeel(models.Model):
    """A district of the municipality with its own gebiedsteam."""

    naam = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    gebiedsteam = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="gebiedsteam_stadsdelen",
        verbose_name=_("area team"),
    )
    contact_email = models.EmailField(_("area team e-mail"), blank=True)
    contact_telefoon = models.CharField(_("area team phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.naam


class Wijk(models.Model):
    class Soort(models.TextChoices):
        WIJK = "wijk", _("neighbourhood")
        DORP = "dorp", _("village")

    stadsdeel = models.ForeignKey(Stadsdeel, on_delete=models.PROTECT, related_name="wijken")
    naam = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices, default=Soort.WIJK)
    inwoners = models.PositiveIntegerField(_("inhabitants"), default=0)
    archetype = models.PositiveSmallIntegerField(
        _("archetype"), choices=Archetype.choices, null=True, blank=True
    )
    # The profile: "het DNA van de wijk" and a SWOT (one item per line).
    dna = models.TextField(_("DNA of the neighbourhood"), blank=True)
    sterkten = models.TextField(_("strengths"), blank=True)
    zwakten = models.TextField(_("weaknesses"), blank=True)
    kansen = models.TextField(_("opportunities"), blank=True)
    bedreigingen = models.TextField(_("threats"), blank=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("wijken:detail", kwargs={"slug": self.slug})


class Buurt(models.Model):
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="buurten")
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["wijk", "naam"], name="buurt_uniek_per_wijk")
        ]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.naam


class Straat(models.Model):
    """A street (or the part of it) within one buurt."""

    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="straten")
    naam = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["buurt", "naam"], name="straat_uniek_per_buurt")
        ]
        verbose_name = _("street")
        verbose_name_plural = _("streets")

    def __str__(self) -> str:
        return self.naam


class Adres(models.Model):
    """A household address from the municipal register."""

    straat = models.ForeignKey(Straat, on_delete=models.CASCADE, related_name="adressen")
    huisnummer = models.PositiveIntegerField(_("house number"))
    toevoeging = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)

    class Meta:
        ordering = ["straat__naam", "huisnummer", "toevoeging"]
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "huisnummer", "toevoeging"], name="adres_uniek"
            )
        ]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.straat.naam} {self.huisnummer}{self.toevoeging}, {self.postcode}"


class Inwoner(models.Model):
    """A registered inhabitant of an address: no name, only what draws need."""

    class Geslacht(models.TextChoices):
        VROUW = "v", _("woman")
        MAN = "m", _("man")
        ANDERS = "x", _("other / unknown")

    adres = models.ForeignKey(Adres, on_delete=models.CASCADE, related_name="inwoners")
    geboortejaar = models.PositiveSmallIntegerField(_("year of birth"))
    geslacht = models.CharField(_("gender"), max_length=1, choices=Geslacht.choices)

    class Meta:
        verbose_name = _("inhabitant")
        verbose_name_plural = _("inhabitants")

    def __str__(self) -> str:
        return f"{self.adres} ({self.geboortejaar})"


class Bewoner(models.Model):
    """Links an account to an address: the account holder is a resident of that wijk.

    Only ``geverifieerd=True`` makes the account a *bewoner*. A row with
    ``geverifieerd=False`` is a first request still being verified (see
    :class:`AdresVerificatie`); a verified resident who moves keeps this row as it is
    until the new address is verified.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bewoner"
    )
    adres = models.ForeignKey(Adres, on_delete=models.PROTECT, related_name="bewoners")
    # The registered inhabitant this account belongs to (same address and year of birth).
    # One account per inhabitant; it makes "one ballot per voter" hold across accounts
    # and voting codes (both vote as that inhabitant). Empty when the register holds no
    # inhabitants for the address.
    inwoner = models.OneToOneField(
        Inwoner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bewoner",
        verbose_name=_("registered inhabitant"),
    )
    geboortejaar = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    geverifieerd = models.BooleanField(_("address verified"), default=False)
    geverifieerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resident account")
        verbose_name_plural = _("resident accounts")

    def __str__(self) -> str:
        return f"{self.user} @ {self.adres}"

    @property
    def wijk(self) -> Wijk:
        return self.adres.straat.buurt.wijk


CODE_GELDIG_DAGEN = 60  # a letter's code works this many days after printing
MAX_POGINGEN = 5  # wrong codes before a request is void


class AdresVerificatie(models.Model):
    """An open request to link an account to a registered address (and inhabitant).

    It lives until it ends: verified (code from a letter, or ID checked at the desk),
    cancelled by the resident, void (too many wrong codes, expired) or replaced by a
    new request; then the row is deleted (the audit log keeps what happened). The code
    is stored only as a keyed hash and appears only in the printed letter.
    One open request per account; one account per inhabitant, also across requests
    (``inwoner`` is unique here as on :class:`Bewoner`).
    """

    class Methode(models.TextChoices):
        BRIEF = "brief", _("letter by post")
        BALIE = "balie", _("at the desk")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adresverificatie"
    )
    adres = models.ForeignKey(
        Adres, on_delete=models.CASCADE, related_name="verificaties", verbose_name=_("address")
    )
    inwoner = models.OneToOneField(
        Inwoner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verificatie",
        verbose_name=_("registered inhabitant"),
    )
    geboortejaar = models.PositiveSmallIntegerField(_("year of birth"))
    aangevraagd_op = models.DateTimeField(_("requested"), default=timezone.now)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    verstuurd_op = models.DateTimeField(_("letter sent"), null=True, blank=True)
    methode = models.CharField(_("method"), max_length=10, choices=Methode.choices, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("wrong codes"), default=0)

    class Meta:
        ordering = ["aangevraagd_op", "id"]
        verbose_name = _("address verification")
        verbose_name_plural = _("address verifications")

    def __str__(self) -> str:
        return f"{self.adres} ({self.aangevraagd_op:%Y-%m-%d})"

    @property
    def wijk(self) -> Wijk:
        return self.adres.straat.buurt.wijk

    @property
    def verloopt_op(self) -> Any:
        """When the code of the letter stops working (None before it is sent)."""
        from datetime import timedelta

        if self.verstuurd_op is None:
            return None
        return self.verstuurd_op + timedelta(days=CODE_GELDIG_DAGEN)

    @property
    def verlopen(self) -> bool:
        einde = self.verloopt_op
        return einde is not None and timezone.now() >= einde


# --- wijkkompas ----------------------------------------------------------------------


class Indicator(models.Model):
    """A wijkkompas figure, e.g. "% 65+" or "ervaren veiligheid" (measured per year)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("name"), max_length=150)
    naam_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    eenheid = models.CharField(_("unit"), max_length=40, blank=True)
    bron = models.CharField(_("source"), max_length=200, blank=True)
    hoger_is_beter = models.BooleanField(
        _("higher is better"),
        null=True,
        blank=True,
        help_text=_("Leave empty when neither direction is better (e.g. inhabitants)."),
    )
    decimalen = models.PositiveSmallIntegerField(_("decimals"), default=0)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.naam

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        if self.naam_en and (get_language() or "nl").startswith("en"):
            return self.naam_en
        return self.naam


class Meting(models.Model):
    """The value of an indicator for one wijk (or, with no wijk, the city) in one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="metingen")
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.CASCADE,
        related_name="metingen",
        null=True,
        blank=True,
        help_text=_("Empty: the city average."),
    )
    jaar = models.PositiveSmallIntegerField(_("year"))
    waarde = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "wijk", "jaar"], name="meting_uniek_per_wijk_jaar"
            ),
            models.UniqueConstraint(
                fields=["indicator", "jaar"],
                condition=models.Q(wijk__isnull=True),
                name="meting_stad_uniek_per_jaar",
            ),
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator} {self.wijk or '—'} {self.jaar}: {self.waarde}"


# --- open begroting: budget pots and the append-only ledger ----------------------------


class Budgetpot(models.Model):
    """A pot of money for one wijk, e.g. its wijkwethoudersbudget or CWR budget.

    Rules (all optional, enforced by the ``boeking_*`` services):
    - ``bedrag_per_inwoner_centen``: allocation computed from the wijk's population
      (wijkwethoudersbudget: €3 per inhabitant → 300);
    - ``max_toekenning_centen``: one commitment may not exceed this (buurtbudget: €500);
    - ``max_aandeel_gemeente_procent``: co-financing; a commitment that declares the
      project's total cost may be at most this share of it (e.g. 25 when partners bring
      75%).
    """

    class Soort(models.TextChoices):
        WIJKWETHOUDERSBUDGET = "wijkwethouder", _("alderman's neighbourhood budget")
        BUURTBUDGET = "buurtbudget", _("small-grant budget")
        CWR = "cwr", _("CWR budget")
        GEBIEDSPROGRAMMA = "gebiedsprogramma", _("area programme")
        OVERIG = "overig", _("other")

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="budgetpotten")
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    naam = models.CharField(_("name"), max_length=150)
    bron = models.CharField(
        _("source of the money"), max_length=200, blank=True, help_text=_("Who pays it.")
    )
    periode_start = models.DateField(_("period start"))
    periode_eind = models.DateField(_("period end"))
    bedrag_per_inwoner_centen = models.PositiveIntegerField(
        _("amount per inhabitant (cents)"), null=True, blank=True
    )
    max_toekenning_centen = models.PositiveBigIntegerField(
        _("maximum grant (cents)"), null=True, blank=True
    )
    max_aandeel_gemeente_procent = models.PositiveSmallIntegerField(
        _("maximum municipal share (%)"), null=True, blank=True
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["wijk__naam", "periode_start", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_eind__gte=models.F("periode_start")),
                name="budgetpot_periode_geldig",
            ),
            models.CheckConstraint(
                condition=models.Q(max_aandeel_gemeente_procent__lte=100)
                | models.Q(max_aandeel_gemeente_procent__isnull=True),
                name="budgetpot_aandeel_max_100",
            ),
        ]
        verbose_name = _("budget pot")
        verbose_name_plural = _("budget pots")

    def __str__(self) -> str:
        return f"{self.naam} ({self.wijk})"

    def get_absolute_url(self) -> str:
        return reverse("wijken:begroting", kwargs={"slug": self.wijk.slug}) + f"#pot-{self.pk}"


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a ledger entry."""


class BoekingQuerySet(models.QuerySet["Boeking"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("ledger entries cannot be updated; book a correction")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("ledger entries cannot be deleted; book a correction")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("ledger entries cannot be updated; book a correction")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("ledger entries cannot be updated; book a correction")

    def totalen(self) -> dict[str, int]:
        from django.db.models import Sum

        agg = self.aggregate(
            toegewezen=Sum("delta_toegewezen"),
            verplicht=Sum("delta_verplicht"),
            uitgegeven=Sum("delta_uitgegeven"),
        )
        return {k: int(v or 0) for k, v in agg.items()}


class Boeking(models.Model):
    """One entry of the append-only ledger of a budget pot (amounts in integer cents).

    Each entry carries its effect on the pot as three signed deltas, so every balance
    is a plain sum of entries:

    ============  ==================  =================  ==================
    kind          allocated           committed          spent
    ============  ==================  =================  ==================
    allocation    +amount
    commitment                        +amount
    expenditure                       −amount (if it     +amount
                                      uses a commitment)
    release                           −amount
    correction    the opposite of the corrected entry's deltas (for ``amount``)
    ============  ==================  =================  ==================

    free = allocated − committed − spent. Entries are never changed or deleted:
    ``save()`` on an existing row, ``delete()`` and the queryset's ``update()`` /
    ``delete()`` raise :class:`AppendOnlyError`.

    The cause (``bron_type`` = app_label.model, ``bron_id``) points at any object of any
    app (a funded idea, an approved initiative, a CWR decision) without a foreign key;
    ``bron_label`` is the public description of it, ``reden`` a free-text reason.
    """

    class Soort(models.TextChoices):
        TOEWIJZING = "toewijzing", _("allocation")
        VERPLICHTING = "verplichting", _("commitment")
        UITGAVE = "uitgave", _("expenditure")
        VRIJVAL = "vrijval", _("release")
        CORRECTIE = "correctie", _("correction")

    class Categorie(models.TextChoices):
        GROEN = "groen", _("green and nature")
        SPELEN = "spelen", _("play and youth")
        ONTMOETING = "ontmoeting", _("meeting and community")
        CULTUUR = "cultuur", _("culture and events")
        SPORT = "sport", _("sport and exercise")
        VEILIGHEID = "veiligheid", _("safety and traffic")
        ZORG = "zorg", _("care and wellbeing")
        DEMOCRATIE = "democratie", _("democracy and participation")
        ORGANISATIE = "organisatie", _("organisation and support")
        OVERIG = "overig", _("other")

    pot = models.ForeignKey(Budgetpot, on_delete=models.PROTECT, related_name="boekingen")
    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    bedrag_centen = models.PositiveBigIntegerField(_("amount (cents)"))
    delta_toegewezen = models.BigIntegerField(default=0, editable=False)
    delta_verplicht = models.BigIntegerField(default=0, editable=False)
    delta_uitgegeven = models.BigIntegerField(default=0, editable=False)
    datum = models.DateField(_("date"), default=timezone.localdate)
    categorie = models.CharField(
        _("category"), max_length=20, choices=Categorie.choices, default=Categorie.OVERIG
    )
    omschrijving = models.CharField(_("description"), max_length=255)
    reden = models.TextField(_("reason"), blank=True)
    verplichting = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afboekingen",
        verbose_name=_("commitment"),
        help_text=_("The commitment this entry settles, releases or corrects."),
    )
    corrigeert = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correcties",
        verbose_name=_("corrects"),
    )
    bron_type = models.CharField(_("cause type"), max_length=80, blank=True)
    bron_id = models.CharField(_("cause id"), max_length=64, blank=True)
    bron_label = models.CharField(_("cause"), max_length=255, blank=True)
    totale_kosten_centen = models.PositiveBigIntegerField(
        _("total project cost (cents)"), null=True, blank=True
    )
    partnerbijdrage_centen = models.PositiveBigIntegerField(
        _("partner contribution (cents)"), null=True, blank=True
    )
    # SET_NULL: when a person erases their account the link to them goes; the entry and
    # the team it was booked for (geboekt_namens) stay. Nothing else ever changes a row.
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    geboekt_namens = models.CharField(
        _("booked on behalf of"),
        max_length=150,
        blank=True,
        help_text=_("The booker's role or team at the time (shown publicly)."),
    )
    sleutel = models.CharField(
        _("idempotency key"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Booking again with the same key returns the existing entry."),
    )
    aangemaakt = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)

    objects = BoekingQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "id"]
        indexes = [
            models.Index(fields=["pot", "datum"]),
            models.Index(fields=["bron_type", "bron_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(bedrag_centen__gt=0), name="boeking_positief")
        ]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_soort_display()} {self.bedrag_centen / 100:.2f} ({self.pot})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("ledger entries cannot be changed; book a correction")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("ledger entries cannot be deleted; book a correction")

    @property
    def bedrag_euro(self) -> Decimal:
        return Decimal(self.bedrag_centen) / 100

    @property
    def effect_centen(self) -> int:
        """The entry's effect on the free balance (negative: less free money)."""
        return self.delta_toegewezen - self.delta_verplicht - self.delta_uitgegeven

    @property
    def namens_display(self) -> str:
        """Who booked it, as a role or team, never a person's name."""
        kind, _sep, rest = self.geboekt_namens.partition(":")
        if kind == "gebiedsteam":
            return str(_("Area team %(name)s") % {"name": rest})
        if kind == "beheer":
            return str(_("Platform administration"))
        if kind == "raad":
            return str(_("Municipal council"))
        return str(_("Municipality of Groningen"))

    @property
    def bron_object(self) -> models.Model | None:
        """The object that caused this entry, if it (still) exists."""
        from django.apps import apps

        if not self.bron_type or not self.bron_id:
            return None
        try:
            model = apps.get_model(self.bron_type)
        except (LookupError, ValueError):
            return None
        return model._default_manager.filter(pk=self.bron_id).first()
