from django.urls import path

from . import views

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
