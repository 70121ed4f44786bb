from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StemmenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stemmen"
    verbose_name = _("stemmen")

    def ready(self) -> None:
        from groningenmodel.sections import register_wijk_section

        from . import privacy, rules  # noqa: F401
        from .selectors import wijk_sectie

        register_wijk_section(
            "stemmen", order=30, template="stemmen/_wijk_sectie.html", context=wijk_sectie
        )
