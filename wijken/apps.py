from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "wijken"
    verbose_name = _("wijken")

    def ready(self) -> None:
        from . import rules  # noqa: F401
