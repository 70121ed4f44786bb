"""URLs of the voting part (included from stemmen/urls.py)."""

from django.urls import path

from . import views_stemming as v

urlpatterns = [
    path("ronde/<int:pk>/stem/", v.stem, name="stem"),
    path("ronde/<int:pk>/stemcode/", v.stemcode, name="stemcode"),
    path("ronde/<int:pk>/stemcode/stem/", v.stem_met_code, name="stem_met_code"),
    path("ronde/<int:pk>/uitslag/", v.uitslag, name="uitslag"),
    path("ronde/<int:pk>/tellen/", v.tellen, name="tellen"),
    path("ronde/<int:pk>/vastleggen/", v.vastleggen, name="uitslag_vastleggen"),
    path("ronde/<int:pk>/stemming/", v.beheer, name="stemming_beheer"),
    path("ronde/<int:pk>/stemcodes/", v.stemcodes, name="stemcodes"),
    path("ronde/<int:pk>/papier/", v.papier, name="papier"),
    path("ronde/<int:pk>/export.pb", v.pb_export, name="pb_export"),
    path("wijk/<slug:slug>/pb-import/", v.pb_import, name="pb_import"),
    path("wijk/<slug:slug>/peilingen/", v.peilingen, name="peilingen"),
    path("peiling/<int:pk>/", v.peiling, name="peiling"),
    path("peiling/<int:pk>/versturen/", v.peiling_versturen, name="peiling_versturen"),
    path("peiling/<int:pk>/papier/", v.peiling_papier, name="peiling_papier"),
    path("peiling/antwoord/<str:token>/", v.peiling_antwoord, name="peiling_antwoord"),
]
