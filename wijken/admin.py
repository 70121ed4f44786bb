from django.contrib import admin

from .models import Adres, Bewoner, Buurt, Stadsdeel, Straat, Wijk


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
