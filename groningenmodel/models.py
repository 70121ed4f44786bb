from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account, identified by e-mail.

    Roles: a *bewoner* has a verified address (``wijken.Bewoner``); a *gebiedsteam*
    member is linked to one or more ``wijken.Stadsdeel``; a *raadslid* is flagged here;
    a *beheerder* is a superuser.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    naam = models.CharField(_("display name"), max_length=150, blank=True)
    is_raadslid = models.BooleanField(_("council member"), default=False)
    fractie = models.CharField(_("party"), max_length=100, blank=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    taal = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nl")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.naam or self.email

    def get_short_name(self) -> str:
        return self.naam or self.email.split("@")[0]

    @property
    def is_beheerder(self) -> bool:
        return self.is_superuser


class AuditEntry(models.Model):
    """Who did what to which object, with the changed fields (append-only)."""

    created = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class WorkerPing(models.Model):
    """A round trip through the broker: the web process creates it, a worker answers."""

    created = models.DateTimeField(default=timezone.now)
    answered = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"ping {self.pk}"

    @property
    def round_trip_ms(self) -> int | None:
        if self.answered is None:
            return None
        return int((self.answered - self.created).total_seconds() * 1000)
