"""Voting: who voted (Kiezer), what was voted (Stembiljet), voting codes, paper ballots
with double entry, tally results, and panel consultations (Peiling).

Ballot secrecy (see ``services_stemming``):

* :class:`Kiezer` is the *identity* row: one per (ronde, voter) where the voter is
  ``user:<pk>`` or ``code:<pk>`` (a voting code from a letter, online or on paper).  Its
  ``stemrecht`` is the *right to vote* it uses: ``inwoner:<pk>`` — the registered
  inhabitant the account is linked to, or the inhabitant the voting code was printed
  for — and only when there is no such inhabitant the channel identity itself.  The
  unique constraint on ``(ronde, stemrecht)`` is the one-ballot-per-voter rule for every
  channel together: an account and the postal code of the same inhabitant share it.
  The row holds only what turnout needs (channel, buurt, age band, date).
* :class:`Stembiljet` is the *content*: the choices, with no foreign key to the voter,
  a random UUID primary key (no ordering to correlate) and no timestamp.  Its
  ``wijzig_sleutel`` is an HMAC (keyed with the server's secret) of the voter identity,
  so only a request acting for that voter can find the ballot to change it; the
  database alone cannot link a ballot to a person.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.models import Adres, Buurt, Inwoner, Wijk


class Kanaal(models.TextChoices):
    ACCOUNT = "account", _("online, with an account")
    CODE = "code", _("online, with a voting code")
    PAPIER = "papier", _("paper ballot")
    IMPORT = "import", _("imported from a pabulib file")


LEEFTIJDSGROEPEN: list[tuple[int, int | None, str]] = [
    (0, 17, "0-17"),
    (18, 29, "18-29"),
    (30, 44, "30-44"),
    (45, 64, "45-64"),
    (65, None, "65+"),
]


def leeftijdsgroep(geboortejaar: int | None, jaar: int | None = None) -> str:
    if not geboortejaar:
        return ""
    leeftijd = (jaar or timezone.now().year) - geboortejaar
    for lo, hi, label in LEEFTIJDSGROEPEN:
        if leeftijd >= lo and (hi is None or leeftijd <= hi):
            return label
    return ""


class Kiezer(models.Model):
    """That a voter voted in a round (never what)."""

    ronde = models.ForeignKey("stemmen.Ronde", on_delete=models.CASCADE, related_name="kiezers")
    sleutel = models.CharField(max_length=40)  # "user:<pk>" / "code:<pk>"
    # "inwoner:<pk>" (see the module docstring), else equal to ``sleutel``
    stemrecht = models.CharField(max_length=40)
    kanaal = models.CharField(_("channel"), max_length=10, choices=Kanaal.choices)
    buurt = models.ForeignKey(
        Buurt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    leeftijdsgroep = models.CharField(_("age band"), max_length=8, blank=True)
    datum = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ronde", "sleutel"], name="kiezer_een_stem_per_ronde"),
            models.UniqueConstraint(
                fields=["ronde", "stemrecht"], name="kiezer_een_stem_per_stemrecht"
            ),
        ]
        verbose_name = _("voter")
        verbose_name_plural = _("voters")

    def __str__(self) -> str:
        return f"{self.ronde_id}:{self.kanaal}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.stemrecht:
            self.stemrecht = self.sleutel
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Stembiljet(models.Model):
    """The content of one ballot; not linked to a voter (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ronde = models.ForeignKey(
        "stemmen.Ronde", on_delete=models.CASCADE, related_name="stembiljetten"
    )
    wijzig_sleutel = models.CharField(max_length=64)
    # idea pks in ballot order (the ranking order for a ranking ballot)
    ideeen = models.JSONField(default=list)
    # points aligned with ``ideeen`` (cumulative ballots), else null
    punten = models.JSONField(null=True, blank=True)
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "wijzig_sleutel"], name="stembiljet_een_per_kiezer"
            )
        ]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.id)


class Stemcode(models.Model):
    """A one-time voting code sent by post (stored as a keyed hash only)."""

    ronde = models.ForeignKey("stemmen.Ronde", on_delete=models.CASCADE, related_name="stemcodes")
    adres = models.ForeignKey(Adres, on_delete=models.CASCADE, related_name="+")
    # the registered inhabitant the code was printed for (one code per inhabitant)
    inwoner = models.ForeignKey(
        Inwoner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    leeftijdsgroep = models.CharField(max_length=8, blank=True)
    aangemaakt = models.DateTimeField(default=timezone.now)
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    # hash of the secret the first browser (or the paper entry) got: the code is bound to it
    binding_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")

    def __str__(self) -> str:
        return f"{self.ronde_id}:{self.pk}"


class PapierInvoer(models.Model):
    """A paper ballot entered twice by two different staff members; it counts only when
    both entries match.  Identified by the sheet number written on it, not by voter."""

    class Status(models.TextChoices):
        WACHT = "wacht", _("waiting for the second entry")
        GETELD = "geteld", _("both entries match: counted")
        AFWIJKEND = "afwijkend", _("entries differ: check the sheet")

    ronde = models.ForeignKey("stemmen.Ronde", on_delete=models.CASCADE, related_name="papier")
    biljetnummer = models.CharField(_("sheet number"), max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHT)
    keuzes_1 = models.JSONField(default=dict)
    door_1 = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op_1 = models.DateTimeField(default=timezone.now)
    keuzes_2 = models.JSONField(null=True, blank=True)
    door_2 = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op_2 = models.DateTimeField(null=True, blank=True)
    wijzig_sleutel = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["biljetnummer"]
        constraints = [
            models.UniqueConstraint(fields=["ronde", "biljetnummer"], name="papier_biljet_uniek")
        ]
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")

    def __str__(self) -> str:
        return f"{self.ronde_id}:{self.biljetnummer}"


class Uitslag(models.Model):
    """The stored result of a tally (the engine's outcome, explanations included)."""

    ronde = models.OneToOneField("stemmen.Ronde", on_delete=models.CASCADE, related_name="uitslag")
    regel = models.CharField(_("rule"), max_length=30)
    berekend_op = models.DateTimeField(_("tallied at"), default=timezone.now)
    aantal_stemmen = models.PositiveIntegerField(_("ballots"), default=0)
    duur_ms = models.PositiveIntegerField(default=0)
    # {"outcome": Outcome.as_dict(), "scores": {idee_pk: score}, "votes": {idee_pk: n}}
    resultaat = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.ronde_id}: {self.regel}"


# --- panel consultations ----------------------------------------------------------------


class Peiling(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        OPEN = "open", _("open")
        GESLOTEN = "gesloten", _("closed")

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="peilingen")
    titel = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONCEPT)
    aangemaakt = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-aangemaakt"]
        verbose_name = _("panel consultation")
        verbose_name_plural = _("panel consultations")

    def __str__(self) -> str:
        return self.titel


class Vraag(models.Model):
    class Soort(models.TextChoices):
        EEN = "een", _("single choice")
        MEER = "meer", _("multiple choice")
        SCHAAL = "schaal", _("scale 1-5")
        OPEN = "open", _("open text")

    peiling = models.ForeignKey(Peiling, on_delete=models.CASCADE, related_name="vragen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    soort = models.CharField(_("kind"), max_length=8, choices=Soort.choices)
    tekst = models.CharField(_("question"), max_length=300)
    opties = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ["volgorde", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.tekst


class PeilingDeelname(models.Model):
    """That a seat answered (never what): one answer set per seat."""

    peiling = models.ForeignKey(Peiling, on_delete=models.CASCADE, related_name="deelnames")
    zetel = models.ForeignKey("loting.Zetel", on_delete=models.CASCADE, related_name="+")
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peiling", "zetel"], name="peiling_een_per_zetel")
        ]

    def __str__(self) -> str:
        return f"{self.peiling_id}:{self.zetel_id}"


class PeilingAntwoord(models.Model):
    """One answer to one question, without any link to who gave it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    waarde = models.JSONField()

    def __str__(self) -> str:
        return str(self.id)


__all__ = [
    "LEEFTIJDSGROEPEN",
    "Kanaal",
    "Kiezer",
    "PapierInvoer",
    "Peiling",
    "PeilingAntwoord",
    "PeilingDeelname",
    "Stembiljet",
    "Stemcode",
    "Uitslag",
    "Vraag",
    "leeftijdsgroep",
]
