from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import (
    Afspraak,
    Afsprakenset,
    AfsprakensetVersie,
    ArchetypeBeschrijving,
    Commentaar,
    Evaluatie,
    Gesprek,
    Onderdeel,
    Raadsrol,
    Vraag,
)


@admin.register(Onderdeel)
class OnderdeelAdmin(admin.ModelAdmin):
    list_display = ["code", "soort", "volgorde", "naam_nl", "naam_en"]
    list_filter = ["soort"]


@admin.register(Vraag)
class VraagAdmin(admin.ModelAdmin):
    list_display = ["code", "onderdeel", "wijk", "tekst_nl", "actief"]
    list_filter = ["onderdeel", "actief"]
    search_fields = ["code", "tekst_nl", "tekst_en"]


@admin.register(ArchetypeBeschrijving)
class ArchetypeBeschrijvingAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam_nl", "naam_en"]


@admin.register(Gesprek)
class GesprekAdmin(admin.ModelAdmin):
    list_display = ["wijk", "datum", "vorm", "deelnemers"]
    list_filter = ["vorm", "wijk"]


class AfspraakInline(admin.TabularInline):
    model = Afspraak
    extra = 0
    fields = ["wat", "wie", "partner", "wanneer", "bouwsteen", "status"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # edits go through the site, so every change writes a version


@admin.register(Afsprakenset)
class AfsprakensetAdmin(admin.ModelAdmin):
    list_display = ["titel", "wijk", "status", "versie", "vastgesteld_op"]
    list_filter = ["status"]
    readonly_fields = ["status", "versie", "vastgesteld_op", "besluit_referentie"]
    inlines = [AfspraakInline]


@admin.register(AfsprakensetVersie)
class AfsprakensetVersieAdmin(admin.ModelAdmin):
    list_display = ["afsprakenset", "nummer", "samenvatting", "door", "created"]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Commentaar)
class CommentaarAdmin(admin.ModelAdmin):
    list_display = ["afsprakenset", "auteur", "rol", "created"]


@admin.register(Raadsrol)
class RaadsrolAdmin(admin.ModelAdmin):
    list_display = ["wijk", "sturing", "created"]


@admin.register(Evaluatie)
class EvaluatieAdmin(admin.ModelAdmin):
    list_display = ["wijk", "datum", "ieders_stem", "transparantie", "zeggenschap", "goede_gesprek"]
