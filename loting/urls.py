from django.urls import path

from . import views

app_name = "loting"
urlpatterns = [
    path("", views.index, name="index"),
]
