from django.urls import path

from . import views

app_name = "wijken"
urlpatterns = [
    path("", views.wijk_lijst, name="lijst"),
    path("<slug:slug>/", views.wijk_detail, name="detail"),
]
