from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Type for views: the django-htmx middleware adds ``request.htmx``."""

    htmx: HtmxDetails
