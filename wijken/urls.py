from django.urls import path

from . import views, views_adres

app_name = "wijken"
urlpatterns = [
    path("", views.wijk_lijst, name="lijst"),
    path("begroting/", views.begroting_stad, name="begroting_stad"),
    path("kompas/importeren/", views.kompas_upload, name="kompas_upload"),
    path(
        "stadsdeel/<slug:slug>/adressen-importeren/",
        views.adressen_upload,
        name="adressen_upload",
    ),
    # Address verification ("Mijn adres"); before "<slug>/" so no wijk slug hides them.
    path("mijn-adres/", views_adres.mijn_adres, name="mijn_adres"),
    path("mijn-adres/code/", views_adres.mijn_adres_code, name="mijn_adres_code"),
    path("mijn-adres/intrekken/", views_adres.mijn_adres_intrekken, name="mijn_adres_intrekken"),
    path(
        "stadsdeel/<slug:slug>/adresverificaties/",
        views_adres.adresverificaties,
        name="adresverificaties",
    ),
    path(
        "stadsdeel/<slug:slug>/adresverificaties/brieven/",
        views_adres.adresverificatie_brieven,
        name="adresverificatie_brieven",
    ),
    path(
        "adresverificatie/<int:pk>/balie/",
        views_adres.adresverificatie_balie,
        name="adresverificatie_balie",
    ),
    path("<slug:slug>/", views.wijk_detail, name="detail"),
    path("<slug:slug>/profiel/<str:deel>/", views.profiel_bewerken, name="profiel_bewerken"),
    path("<slug:slug>/geschiedenis/", views.profiel_geschiedenis, name="geschiedenis"),
    path("<slug:slug>/begroting/", views.begroting, name="begroting"),
    path(
        "<slug:slug>/begroting/boekingen.<str:formaat>",
        views.begroting_export,
        name="begroting_export",
    ),
    path("<slug:slug>/begroting/boeken/", views.boeken, name="boeken"),
    path("<slug:slug>/begroting/nieuwe-pot/", views.pot_nieuw, name="pot_nieuw"),
]
