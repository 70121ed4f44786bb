from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Adres,
    AdresVerificatie,
    Bewoner,
    Boeking,
    Budgetpot,
    Buurt,
    Indicator,
    Meting,
    Stadsdeel,
    Straat,
    Wijk,
)


@admin.register(Stadsdeel)
class StadsdeelAdmin(admin.ModelAdmin):
    list_display = ["naam", "contact_email"]
    prepopulated_fields = {"slug": ("naam",)}
    filter_horizontal = ["gebiedsteam"]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "stadsdeel", "soort", "inwoners", "archetype"]
    list_filter = ["stadsdeel", "soort"]
    prepopulated_fields = {"slug": ("naam",)}
    search_fields = ["naam"]


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin):
    list_display = ["naam", "wijk"]
    list_filter = ["wijk__stadsdeel"]
    search_fields = ["naam"]


@admin.register(Straat)
class StraatAdmin(admin.ModelAdmin):
    list_display = ["naam", "buurt"]
    search_fields = ["naam"]
    list_select_related = ["buurt"]


@admin.register(Adres)
class AdresAdmin(admin.ModelAdmin):
    list_display = ["__str__", "postcode"]
    search_fields = ["postcode", "straat__naam"]
    list_select_related = ["straat"]
    raw_id_fields = ["straat"]


@admin.register(Bewoner)
class BewonerAdmin(admin.ModelAdmin):
    list_display = ["user", "adres", "geverifieerd"]
    raw_id_fields = ["user", "adres"]


@admin.register(AdresVerificatie)
class AdresVerificatieAdmin(admin.ModelAdmin):
    """Open requests (read only: changes go through the services, which audit them)."""

    list_display = ["pk", "adres", "aangevraagd_op", "verstuurd_op", "methode", "pogingen"]
    list_select_related = ["adres__straat"]
    raw_id_fields = ["user", "adres", "inwoner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "eenheid", "bron", "hoger_is_beter", "volgorde"]
    prepopulated_fields = {"code": ("naam",)}


@admin.register(Meting)
class MetingAdmin(admin.ModelAdmin):
    list_display = ["indicator", "wijk", "jaar", "waarde"]
    list_filter = ["indicator", "jaar"]
    list_select_related = ["indicator", "wijk"]


class BoekingInline(admin.TabularInline):
    model = Boeking
    fk_name = "pot"
    extra = 0
    fields = ("datum", "soort", "bedrag_centen", "omschrijving", "geboekt_namens")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Budgetpot)
class BudgetpotAdmin(admin.ModelAdmin):
    list_display = ["naam", "wijk", "soort", "periode_start", "periode_eind"]
    list_filter = ["soort", "wijk__stadsdeel"]
    list_select_related = ["wijk"]
    inlines = [BoekingInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # its ledger is append-only; a pot with entries must stay


@admin.register(Boeking)
class BoekingAdmin(admin.ModelAdmin):
    """View-only: entries are booked through the services and never changed."""

    list_display = [
        "id",
        "datum",
        "pot",
        "soort",
        "bedrag_centen",
        "omschrijving",
        "geboekt_namens",
    ]
    list_filter = ["soort", "categorie", "pot__soort"]
    list_select_related = ["pot__wijk"]
    search_fields = ["omschrijving", "bron_label"]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
