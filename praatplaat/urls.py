from django.urls import path

from . import views

app_name = "praatplaat"
urlpatterns = [
    path("", views.index, name="index"),
]
