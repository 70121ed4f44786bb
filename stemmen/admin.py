from django.contrib import admin

from .models import Aanvraag, AanvraagStap, Idee, IdeeUpdate, Reactie, ReactieMelding, Ronde, Thema


class ThemaInline(admin.TabularInline):
    model = Thema
    extra = 0


@admin.register(Ronde)
class RondeAdmin(admin.ModelAdmin):
    list_display = ["titel", "wijk", "fase", "stemwijze", "budget"]
    list_filter = ["fase", "stemwijze", "wijk__stadsdeel"]
    inlines = [ThemaInline]
    readonly_fields = ["fase", "stemregels_vast_op"]


@admin.register(Idee)
class IdeeAdmin(admin.ModelAdmin):
    list_display = ["titel", "ronde", "status", "kosten"]
    list_filter = ["status", "ronde"]
    search_fields = ["titel"]
    raw_id_fields = ["indiener", "mede_indieners", "samengevoegd_in", "verplichting"]


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "idee", "status", "op"]
    list_filter = ["status"]
    raw_id_fields = ["idee", "auteur", "ouder"]


admin.site.register(ReactieMelding)
admin.site.register(IdeeUpdate)


class StapInline(admin.TabularInline):
    model = AanvraagStap
    extra = 0


@admin.register(Aanvraag)
class AanvraagAdmin(admin.ModelAdmin):
    list_display = ["titel", "wijk", "soort", "status", "bedrag", "beslissen_voor"]
    list_filter = ["soort", "status"]
    inlines = [StapInline]
    raw_id_fields = ["aanvrager", "besloten_door", "verplichting"]
