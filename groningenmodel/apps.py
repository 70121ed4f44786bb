from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroningenmodelConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "groningenmodel"
    verbose_name = _("Gronings model")
