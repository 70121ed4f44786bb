from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PraatplaatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "praatplaat"
    verbose_name = _("praatplaat")
