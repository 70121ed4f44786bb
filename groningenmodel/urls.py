from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("status/", views.status, name="status"),
    path("status/ping/<int:pk>/", views.status_ping, name="status_ping"),
    path("mijn-gegevens/", views.mijn_gegevens, name="mijn_gegevens"),
    path(
        "mijn-gegevens/verwijderen/",
        views.mijn_gegevens_verwijderen,
        name="mijn_gegevens_verwijderen",
    ),
    path("wijk-kiezen/", views.wijk_kiezen, name="wijk_kiezen"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("wijken/", include("wijken.urls")),
    path("praatplaat/", include("praatplaat.urls")),
    path("loting/", include("loting.urls")),
    path("stemmen/", include("stemmen.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "groningenmodel.views.forbidden"
handler404 = "groningenmodel.views.not_found"
