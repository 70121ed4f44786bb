from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StemmenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stemmen"
    verbose_name = _("stemmen")
