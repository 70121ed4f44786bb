from django.urls import include, path

from groningenmodel.permissions import permission_required

from . import views
from .feeds import WijkFeed

app_name = "stemmen"
urlpatterns = [
    path("", views.index, name="index"),
    path("instellingen/", views.instellingen, name="instellingen"),
    path("wijk/<slug:slug>/ronde/nieuw/", views.ronde_nieuw, name="ronde_nieuw"),
    path("wijk/<slug:slug>/moderatie/", views.moderatie, name="moderatie"),
    path("wijk/<slug:slug>/aanvragen/", views.aanvragen, name="aanvragen"),
    path("wijk/<slug:slug>/aanvragen/nieuw/", views.aanvraag_nieuw, name="aanvraag_nieuw"),
    path("wijk/<slug:slug>/feed/", permission_required("stemmen.view")(WijkFeed()), name="feed"),
    path("ronde/<int:pk>/", views.ronde_detail, name="ronde"),
    path("ronde/<int:pk>/bewerken/", views.ronde_bewerken, name="ronde_bewerken"),
    path("ronde/<int:pk>/fase/", views.ronde_fase, name="ronde_fase"),
    path("ronde/<int:pk>/idee/nieuw/", views.idee_nieuw, name="idee_nieuw"),
    path("ronde/<int:pk>/vergelijkbaar/", views.vergelijkbaar, name="vergelijkbaar"),
    path("idee/<int:pk>/", views.idee_detail, name="idee"),
    path("idee/<int:pk>/bewerken/", views.idee_bewerken, name="idee_bewerken"),
    path("idee/<int:pk>/steunen/", views.idee_steunen, name="idee_steunen"),
    path("idee/<int:pk>/meedoen/", views.idee_meedoen, name="idee_meedoen"),
    path("idee/<int:pk>/reactie/", views.reactie_plaatsen, name="reactie_plaatsen"),
    path("idee/<int:pk>/beoordelen/", views.idee_beoordelen, name="idee_beoordelen"),
    path("idee/<int:pk>/antwoord/", views.idee_antwoorden, name="idee_antwoorden"),
    path("idee/<int:pk>/uitslag/", views.idee_uitslag, name="idee_uitslag"),
    path("idee/<int:pk>/update/", views.idee_update, name="idee_update"),
    path("reactie/<int:pk>/melden/", views.reactie_melden, name="reactie_melden"),
    path("reactie/<int:pk>/modereren/", views.reactie_modereren, name="reactie_modereren"),
    path("aanvraag/<int:pk>/", views.aanvraag_detail, name="aanvraag"),
    path("aanvraag/<int:pk>/stap/", views.aanvraag_stap, name="aanvraag_stap"),
    path("aanvraag/<int:pk>/besluit/", views.aanvraag_besluit, name="aanvraag_besluit"),
    path("", include("stemmen.urls_stemming")),
]
