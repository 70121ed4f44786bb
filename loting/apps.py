from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "loting"
    verbose_name = _("loting")
