from django.urls import path

from . import views

app_name = "loting"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bundel/<slug:soort>.json", views.bundel, name="bundel"),
    path("<int:pk>/verifieer/", views.verifieer, name="verifieer"),
    path("<int:pk>/verificatie/<int:vpk>/", views.verificatie, name="verificatie"),
    path("orgaan/<int:pk>/", views.orgaan, name="orgaan"),
    path("reageren/", views.reageren, name="reageren"),
    path("reageren/<str:code>/", views.reageren_code, name="reageren_code"),
    path("reageren/<str:code>/wissen/", views.reageren_wissen, name="reageren_wissen"),
    path("bericht/<str:token>/", views.bericht, name="bericht"),
    path("mijn-gegevens/wissen/", views.mijn_gegevens_wissen, name="mijn_gegevens_wissen"),
    # staff
    path("beheer/", views.beheer, name="beheer"),
    path("beheer/wijk/<slug:slug>/nieuw/", views.nieuw, name="nieuw"),
    path("beheer/<int:pk>/", views.wizard, name="wizard"),
    path("beheer/<int:pk>/seed/", views.seed_vastleggen, name="seed_vastleggen"),
    path("beheer/<int:pk>/trekken/", views.trekken, name="trekken"),
    path("beheer/<int:pk>/voortgang/", views.voortgang, name="voortgang"),
    path("beheer/<int:pk>/brieven/", views.brieven, name="brieven"),
    path("beheer/<int:pk>/brieven.pdf", views.brieven_pdf, name="brieven_pdf"),
    path("beheer/<int:pk>/antwoorden/", views.antwoorden, name="antwoorden"),
    path(
        "beheer/<int:pk>/antwoorden/<int:upk>/", views.antwoord_invoeren, name="antwoord_invoeren"
    ),
    path("beheer/<int:pk>/quota/versoepelen/", views.quota_versoepelen, name="quota_versoepelen"),
    path("beheer/<int:pk>/selecteren/", views.selecteren, name="selecteren"),
    path("beheer/<int:pk>/onthullen/", views.onthullen, name="onthullen"),
    path("beheer/zetel/<int:pk>/einde/", views.zetel_beeindigen, name="zetel_beeindigen"),
    path("beheer/zetel/<int:pk>/vervangen/", views.vacature_vullen, name="vacature_vullen"),
    path("beheer/orgaan/<int:pk>/", views.orgaan_beheer, name="orgaan_beheer"),
    path("beheer/orgaan/<int:pk>/voorzitter/", views.voorzitter, name="voorzitter"),
    path("beheer/orgaan/<int:pk>/vergoedingen/", views.vergoedingen, name="vergoedingen"),
    path(
        "beheer/orgaan/<int:pk>/vergoedingen/export/",
        views.vergoedingen_export,
        name="vergoedingen_export",
    ),
    path("beheer/orgaan/<int:pk>/rotatie/", views.rotatie, name="rotatie"),
    path("beheer/orgaan/<int:pk>/bericht/", views.panel_bericht, name="panel_bericht"),
]
