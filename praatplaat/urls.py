from django.urls import path

from . import views

app_name = "praatplaat"
urlpatterns = [
    path("", views.index, name="index"),
    path("vragen/", views.vragen, name="vragen"),
    path("regels/", views.regels, name="regels"),
    path("raad/", views.raad, name="raad"),
    path("wijk/<slug:slug>/", views.wijk, name="wijk"),
    path("wijk/<slug:slug>/praatplaat.pdf", views.praatplaat_pdf, name="pdf"),
    path("wijk/<slug:slug>/vraag/<int:vraag_id>/", views.vraag_historie, name="vraag_historie"),
    path("wijk/<slug:slug>/vraag/nieuw/", views.vraag_nieuw, name="vraag_nieuw"),
    path("wijk/<slug:slug>/gesprek/nieuw/", views.gesprek_bewerken, name="gesprek_nieuw"),
    path("wijk/<slug:slug>/gesprek/<int:pk>/", views.gesprek, name="gesprek"),
    path(
        "wijk/<slug:slug>/gesprek/<int:pk>/bewerken/",
        views.gesprek_bewerken,
        name="gesprek_bewerken",
    ),
    path("wijk/<slug:slug>/afspraken/nieuw/", views.set_nieuw, name="set_nieuw"),
    path("wijk/<slug:slug>/raadsrol/", views.raadsrol, name="raadsrol"),
    path("wijk/<slug:slug>/evaluaties/", views.evaluaties, name="evaluaties"),
    path("wijk/<slug:slug>/evaluaties/nieuw/", views.evaluatie_nieuw, name="evaluatie_nieuw"),
    path("afspraken/<int:pk>/", views.set_detail, name="set"),
    path("afspraken/<int:pk>/bewerken/", views.set_bewerken, name="set_bewerken"),
    path("afspraken/<int:pk>/status/", views.set_status, name="set_status"),
    path("afspraken/<int:pk>/verschil/", views.set_diff, name="set_diff"),
    path("afspraken/<int:pk>/commentaar/", views.commentaar, name="commentaar"),
    path("afspraak/<int:pk>/voortgang/", views.afspraak_status, name="afspraak_status"),
]
