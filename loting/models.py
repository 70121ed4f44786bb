"""Lotteries (Loting), their invitations and responses, and the bodies they fill.

A ``Loting`` is one draw for one purpose in one wijk. Residents are drawn in two
steps (stratified invitation draw, then quota selection from the yes-sayers); council
members in one (uniform draw with replacement on decline). Every random choice comes
from ``loting.engine`` and one seed that is committed before the draw and revealed
after it. Invitations hold the pool's personal data only until the retention job
pseudonymises them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.models import Adres, Buurt, Inwoner, Wijk


class Orgaan(models.Model):
    """A body whose seats are filled by lot: the Coöperatieve Wijkraad or a wijkpanel."""

    class Soort(models.TextChoices):
        CWR = "cwr", _("Cooperative neighbourhood council")
        WIJKPANEL = "wijkpanel", _("Neighbourhood panel")
        ANDER = "ander", _("Other body")

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="organen")
    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    naam = models.CharField(_("name"), max_length=150)
    zetels_bewoners = models.PositiveIntegerField(_("seats for residents"), default=11)
    zetels_raadsleden = models.PositiveIntegerField(_("seats for council members"), default=0)
    termijn_maanden = models.PositiveIntegerField(_("term (months)"), default=24)
    vergoeding_cents = models.PositiveIntegerField(
        _("monthly allowance per resident member (cents)"), default=0
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["wijk__naam", "soort", "naam"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("loting:orgaan", kwargs={"pk": self.pk})


class Loting(models.Model):
    class Doel(models.TextChoices):
        CWR_BEWONERS = "cwr_bewoners", _("CWR: residents")
        CWR_RAADSLEDEN = "cwr_raadsleden", _("CWR: council members")
        WIJKPANEL = "wijkpanel", _("Neighbourhood panel")
        ANDER = "ander", _("Other body")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        VASTGELEGD = "vastgelegd", _("seed committed")
        TREKKEN = "trekken", _("drawing invitations")
        UITGENODIGD = "uitgenodigd", _("invitations drawn")
        SELECTEREN = "selecteren", _("selecting")
        GESELECTEERD = "geselecteerd", _("selected")
        ONTHULD = "onthuld", _("seed revealed")

    class Strata(models.TextChoices):
        STRAAT = "straat", _("street")
        BUURT = "buurt", _("area")

    class Taak(models.TextChoices):
        GEEN = "", _("none")
        WACHT = "wacht", _("queued")
        BEZIG = "bezig", _("running")
        KLAAR = "klaar", _("done")
        FOUT = "fout", _("failed")

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="lotingen")
    orgaan = models.ForeignKey(
        Orgaan, on_delete=models.PROTECT, related_name="lotingen", verbose_name=_("body")
    )
    doel = models.CharField(_("purpose"), max_length=20, choices=Doel.choices)
    titel = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    strata = models.CharField(
        _("strata"), max_length=10, choices=Strata.choices, default=Strata.STRAAT
    )
    aantal_uitnodigingen = models.PositiveIntegerField(_("number of invitations"), default=0)
    zetels = models.PositiveIntegerField(_("number of seats to fill"))
    minimum_leeftijd = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    marge_procent = models.PositiveSmallIntegerField(
        _("quota margin (percent of the seats)"), default=15
    )
    huishoudregel = models.BooleanField(_("at most one person per household"), default=True)
    # Seed: the commitment is public from the start, the seed only after the reveal.
    seed = models.CharField(max_length=128, blank=True)
    seed_commitment = models.CharField(max_length=64, blank=True)
    seed_vastgelegd_op = models.DateTimeField(null=True, blank=True)
    seed_onthuld_op = models.DateTimeField(null=True, blank=True)
    pseudoniem_zout = models.CharField(max_length=64, blank=True)
    engine_versie = models.CharField(max_length=20, blank=True)
    getrokken_op = models.DateTimeField(null=True, blank=True)
    geselecteerd_op = models.DateTimeField(null=True, blank=True)
    gepseudonimiseerd_op = models.DateTimeField(null=True, blank=True)
    # Published outcomes (counts only); the bundles are in ``Bundel`` (they are large).
    strata_namen = models.JSONField(default=dict, blank=True)
    selectie_rapport = models.JSONField(null=True, blank=True)
    # The running task (one at a time), for the progress bar.
    taak = models.CharField(max_length=10, choices=Taak.choices, blank=True, default="")
    taak_naam = models.CharField(max_length=30, blank=True)
    voortgang = models.PositiveSmallIntegerField(default=0)
    voortgang_tekst = models.CharField(max_length=200, blank=True)
    taak_fout = models.TextField(blank=True)
    taak_bijgewerkt = models.DateTimeField(null=True, blank=True)
    brieven_pdf = models.FileField(upload_to="loting/brieven/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("lottery")
        verbose_name_plural = _("lotteries")

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("loting:detail", kwargs={"pk": self.pk})

    def _bundel(self, soort: str) -> dict[str, Any] | None:
        data: dict[str, Any] | None = (
            self.bundels.filter(soort=soort).values_list("data", flat=True).first()
        )
        return data

    @property
    def uitnodiging_bundel(self) -> dict[str, Any] | None:
        return self._bundel(Bundel.Soort.UITNODIGINGEN)

    @property
    def selectie_bundel(self) -> dict[str, Any] | None:
        return self._bundel(Bundel.Soort.SELECTIE)

    @property
    def is_raadsleden(self) -> bool:
        return self.doel == self.Doel.CWR_RAADSLEDEN

    @property
    def seed_publiek(self) -> str:
        return self.seed if self.seed_onthuld_op else ""

    @property
    def taak_loopt(self) -> bool:
        return self.taak in (self.Taak.WACHT, self.Taak.BEZIG)


class Bundel(models.Model):
    """A verification bundle of the engine (JSON, pseudonymous ids only). Contains the
    seed, so it is published only after the reveal."""

    class Soort(models.TextChoices):
        UITNODIGINGEN = "uitnodigingen", _("invitation draw")
        SELECTIE = "selectie", _("selection")

    loting = models.ForeignKey(Loting, on_delete=models.CASCADE, related_name="bundels")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    data = models.JSONField()

    class Meta:
        ordering = ["loting", "soort"]
        constraints = [models.UniqueConstraint(fields=["loting", "soort"], name="bundel_uniek")]
        verbose_name = _("verification bundle")
        verbose_name_plural = _("verification bundles")

    def __str__(self) -> str:
        return f"{self.loting_id}:{self.soort}"


class Quotum(models.Model):
    class Kenmerk(models.TextChoices):
        BUURT = "buurt", _("area")
        LEEFTIJD = "leeftijd", _("age band")
        GESLACHT = "geslacht", _("gender")

    loting = models.ForeignKey(Loting, on_delete=models.CASCADE, related_name="quota")
    kenmerk = models.CharField(_("feature"), max_length=20, choices=Kenmerk.choices)
    waarde = models.CharField(_("value"), max_length=100)
    minimum = models.PositiveIntegerField(_("minimum"))
    maximum = models.PositiveIntegerField(_("maximum"))
    aandeel = models.FloatField(_("share in the register"), default=0)

    class Meta:
        ordering = ["kenmerk", "waarde"]
        constraints = [
            models.UniqueConstraint(fields=["loting", "kenmerk", "waarde"], name="quotum_uniek")
        ]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self) -> str:
        return f"{self.kenmerk}={self.waarde} [{self.minimum}, {self.maximum}]"


LEEFTIJDSGROEPEN = [
    ("16-24", _("16 to 24")),
    ("25-34", _("25 to 34")),
    ("35-49", _("35 to 49")),
    ("50-64", _("50 to 64")),
    ("65+", _("65 or older")),
]


GESLACHTEN = [("v", _("woman")), ("m", _("man")), ("x", _("other / I'd rather not say"))]


def leeftijdsgroep(leeftijd: int) -> str:
    if leeftijd < 25:
        return "16-24"
    if leeftijd < 35:
        return "25-34"
    if leeftijd < 50:
        return "35-49"
    if leeftijd < 65:
        return "50-64"
    return "65+"


class Uitnodiging(models.Model):
    """One drawn person of the pool: an invited household (or a reserve), or a drawn
    council member. The person and address links and the answers are personal data;
    the retention job clears them, keeping only the pseudonym and the quota values."""

    class Soort(models.TextChoices):
        UITGENODIGD = "uitgenodigd", _("invited")
        RESERVE = "reserve", _("reserve")
        RAADSLID = "raadslid", _("council member")

    class Antwoord(models.TextChoices):
        GEEN = "", _("no answer yet")
        JA = "ja", _("yes")
        NEE = "nee", _("no")

    class Via(models.TextChoices):
        ONLINE = "online", _("online with the code")
        PAPIER = "papier", _("on paper")
        TELEFOON = "telefoon", _("by phone")
        DEUR = "deur", _("at the door")

    class Uitkomst(models.TextChoices):
        GEEN = "", _("not selected")
        GESELECTEERD = "geselecteerd", _("selected")
        AFGEZEGD = "afgezegd", _("declined the seat")
        VERVANGER = "vervanger", _("selected as replacement")

    loting = models.ForeignKey(Loting, on_delete=models.CASCADE, related_name="uitnodigingen")
    pseudoniem = models.CharField(max_length=40)
    soort = models.CharField(max_length=12, choices=Soort.choices)
    stratum = models.CharField(max_length=150)
    volgorde = models.PositiveIntegerField(default=0)
    # Personal data (cleared by the retention job or by erasure).
    inwoner = models.ForeignKey(Inwoner, null=True, blank=True, on_delete=models.SET_NULL)
    adres = models.ForeignKey(Adres, null=True, blank=True, on_delete=models.SET_NULL)
    raadslid = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loting_trekkingen",
    )
    code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    brief_gemaakt_op = models.DateTimeField(null=True, blank=True)
    # The answer: only what the quotas need, plus consent (and an optional e-mail).
    antwoord = models.CharField(max_length=4, choices=Antwoord.choices, blank=True, default="")
    antwoord_via = models.CharField(max_length=10, choices=Via.choices, blank=True)
    antwoord_op = models.DateTimeField(null=True, blank=True)
    buurt = models.ForeignKey(Buurt, null=True, blank=True, on_delete=models.SET_NULL)
    leeftijdsgroep = models.CharField(
        _("age band"), max_length=10, blank=True, choices=LEEFTIJDSGROEPEN
    )
    geslacht = models.CharField(_("gender"), max_length=1, blank=True, choices=GESLACHTEN)
    toestemming = models.BooleanField(_("consent"), default=False)
    email = models.EmailField(_("e-mail address"), blank=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loting_antwoorden",
    )
    uitkomst = models.CharField(max_length=12, choices=Uitkomst.choices, blank=True, default="")
    uitkomst_volgorde = models.PositiveIntegerField(default=0)
    gepseudonimiseerd = models.BooleanField(default=False)

    class Meta:
        ordering = ["loting", "stratum", "soort", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["loting", "pseudoniem"], name="uitnodiging_uniek")
        ]
        indexes = [models.Index(fields=["loting", "soort", "antwoord"])]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.loting_id}:{self.pseudoniem}"

    @property
    def in_pool(self) -> bool:
        return self.antwoord == self.Antwoord.JA and self.toestemming


class Zetel(models.Model):
    """A seat in a body, held by a drawn resident or a drawn council member."""

    class Rol(models.TextChoices):
        LID = "lid", _("member")
        VOORZITTER = "voorzitter", _("chair")
        RAADSLID = "raadslid", _("council member")

    class Status(models.TextChoices):
        ACTIEF = "actief", _("active")
        AFGEZEGD = "afgezegd", _("declined")
        VERTROKKEN = "vertrokken", _("left")
        AFGELOPEN = "afgelopen", _("term ended")

    orgaan = models.ForeignKey(Orgaan, on_delete=models.CASCADE, related_name="zetels")
    loting = models.ForeignKey(Loting, on_delete=models.PROTECT, related_name="gevulde_zetels")
    uitnodiging = models.OneToOneField(Uitnodiging, on_delete=models.PROTECT, related_name="zetel")
    rol = models.CharField(_("role"), max_length=12, choices=Rol.choices, default=Rol.LID)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIEF)
    weergavenaam = models.CharField(_("display name (with consent)"), max_length=100, blank=True)
    begin = models.DateField(_("start of term"))
    einde = models.DateField(_("end of term"))
    beeindigd_op = models.DateField(null=True, blank=True)
    vervangt = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="vervangers"
    )

    class Meta:
        ordering = ["orgaan", "-rol", "begin", "id"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return f"{self.orgaan} · {self.get_rol_display()}"

    @property
    def is_raadslid(self) -> bool:
        return self.uitnodiging.soort == Uitnodiging.Soort.RAADSLID

    @property
    def naam(self) -> str:
        if self.weergavenaam:
            return self.weergavenaam
        if self.uitnodiging.raadslid_id:
            return str(self.uitnodiging.raadslid)
        return ""


class Voorzitterskeuze(models.Model):
    """The CWR elects a chair from its members: the votes per member, as counted."""

    orgaan = models.ForeignKey(Orgaan, on_delete=models.CASCADE, related_name="voorzitterskeuzes")
    datum = models.DateField(_("date"), default=timezone.localdate)
    stemmen = models.JSONField(default=dict)
    gekozen = models.ForeignKey(Zetel, on_delete=models.PROTECT, related_name="+")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("chair election")
        verbose_name_plural = _("chair elections")

    def __str__(self) -> str:
        return f"{self.orgaan} {self.datum}"


class Vergoeding(models.Model):
    """An allowance for a resident member for one month (integer cents)."""

    zetel = models.ForeignKey(Zetel, on_delete=models.PROTECT, related_name="vergoedingen")
    maand = models.DateField(_("month"))
    bedrag_cents = models.PositiveIntegerField(_("amount (cents)"))
    vastgelegd_op = models.DateTimeField(default=timezone.now)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The ledger entry (wijken.Boeking) when the wijk has an active CWR budget pot.
    boeking_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-maand", "zetel_id"]
        constraints = [
            models.UniqueConstraint(fields=["zetel", "maand"], name="vergoeding_uniek_per_maand")
        ]
        verbose_name = _("allowance")
        verbose_name_plural = _("allowances")

    def __str__(self) -> str:
        return f"{self.zetel_id} {self.maand:%Y-%m}"


class Verificatie(models.Model):
    """A re-run of a lottery's draws from its published bundles (anyone may ask)."""

    loting = models.ForeignKey(Loting, on_delete=models.CASCADE, related_name="verificaties")
    created = models.DateTimeField(default=timezone.now)
    klaar_op = models.DateTimeField(null=True, blank=True)
    klopt = models.BooleanField(null=True)
    meldingen = models.JSONField(default=list)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return f"{self.loting_id} {self.created:%Y-%m-%d %H:%M}"


class PanelBericht(models.Model):
    """A message from staff to the members of a wijkpanel (e-mail or paper)."""

    orgaan = models.ForeignKey(Orgaan, on_delete=models.CASCADE, related_name="berichten")
    onderwerp = models.CharField(_("subject"), max_length=200)
    tekst = models.TextField(_("text"))
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    per_email = models.PositiveIntegerField(default=0)
    op_papier = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("panel message")
        verbose_name_plural = _("panel messages")

    def __str__(self) -> str:
        return self.onderwerp


class PanelOntvanger(models.Model):
    bericht = models.ForeignKey(PanelBericht, on_delete=models.CASCADE, related_name="ontvangers")
    zetel = models.ForeignKey(Zetel, on_delete=models.CASCADE, related_name="berichten")
    token_hash = models.CharField(max_length=64, unique=True)
    per_email = models.BooleanField(default=False)
    geopend_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("panel message recipient")
        verbose_name_plural = _("panel message recipients")

    def __str__(self) -> str:
        return f"{self.bericht_id}:{self.zetel_id}"
