"""What the loting app holds about a signed-in person (groningenmodel.privacy)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from groningenmodel.privacy import register_section

from .models import Uitnodiging, Vergoeding


def uitnodigingen_van(user: Any) -> Any:
    """Answers this account gave, and council-member draws of this account."""
    from django.db.models import Q

    return (
        Uitnodiging.objects.filter(Q(respondent=user) | Q(raadslid=user), gepseudonimiseerd=False)
        .select_related("loting", "buurt")
        .order_by("pk")
    )


@register_section(_("Lotteries"))
def _loting(user: Any) -> list[tuple[str, str]]:
    if not getattr(user, "pk", None):
        return []
    rows: list[tuple[str, str]] = []
    for u in uitnodigingen_van(user):
        parts = [str(u.get_soort_display())]
        if u.antwoord:
            parts.append(f"{_('answer')}: {u.get_antwoord_display()}")
        if u.leeftijdsgroep:
            parts.append(f"{_('age band')}: {u.leeftijdsgroep}")
        if u.geslacht:
            parts.append(f"{_('gender')}: {u.geslacht}")
        if u.buurt:
            parts.append(f"{_('area')}: {u.buurt.naam}")
        if u.email:
            parts.append(f"{_('e-mail address')}: {u.email}")
        if u.uitkomst:
            parts.append(str(u.get_uitkomst_display()))
        rows.append((u.loting.titel, " · ".join(parts)))
    for v in Vergoeding.objects.filter(zetel__uitnodiging__respondent=user).select_related(
        "zetel__orgaan"
    ):
        rows.append(
            (
                str(_("Allowance")),
                f"{v.zetel.orgaan.naam} {v.maand:%Y-%m}: € {v.bedrag_cents / 100:.2f}",
            )
        )
    if rows:
        from django.urls import reverse

        rows.append((str(_("See or erase")), reverse("loting:mijn_gegevens_wissen")))
    return rows
