from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PraatplaatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "praatplaat"
    verbose_name = _("praatplaat")

    def ready(self) -> None:
        from groningenmodel.privacy import register_section
        from groningenmodel.sections import register_wijk_section

        from . import rules  # noqa: F401
        from .sections import persoonsgegevens, wijk_sectie

        register_wijk_section(
            "praatplaat", order=20, template="praatplaat/_wijk_section.html", context=wijk_sectie
        )
        register_section(_("Praatplaat"))(persoonsgegevens)
