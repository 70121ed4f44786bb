from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "loting"
    verbose_name = _("loting")

    def ready(self) -> None:
        from groningenmodel.sections import register_wijk_section

        from . import privacy, rules  # noqa: F401  (registers rules and privacy sections)
        from .views import wijk_section_context

        register_wijk_section(
            "loting", order=40, template="loting/_wijk_section.html", context=wijk_section_context
        )
