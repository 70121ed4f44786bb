from django.urls import path

from . import views

app_name = "stemmen"
urlpatterns = [
    path("", views.index, name="index"),
]
