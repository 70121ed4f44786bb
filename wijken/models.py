from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
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
    """Links an account to an address: the account holder is a resident of that wijk."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bewoner"
    )
    adres = models.ForeignKey(Adres, on_delete=models.PROTECT, related_name="bewoners")
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
