from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from .models import WorkerPing
from .permissions import permission_required, rollen
from .tasks import ping
from .types import HtmxHttpRequest


def home(request: HttpRequest) -> HttpResponse:
    from wijken.models import Stadsdeel

    stadsdelen = Stadsdeel.objects.prefetch_related("wijken").annotate(
        n_wijken=Count("wijken"), n_dorpen=Count("wijken", filter=Q(wijken__soort="dorp"))
    )
    return render(request, "home.html", {"stadsdelen": stadsdelen})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def wijk_kiezen(request: HttpRequest) -> HttpResponse:
    """The header's wijk switcher: a plain GET form, so it works without JavaScript."""
    slug = request.GET.get("wijk", "")
    if slug:
        return redirect("wijken:detail", slug=slug)
    return redirect("wijken:lijst")


@require_http_methods(["GET", "POST"])
@permission_required("core.view_status")
def status(request: HtmxHttpRequest) -> HttpResponse:
    latest = WorkerPing.objects.first()
    if request.method == "POST":
        p = WorkerPing.objects.create()
        ping.delay(p.pk)
        if request.htmx:
            return render(request, "core/status.html#ping", {"ping": p, "waiting": True})
        return redirect("status_ping", pk=p.pk)
    return render(request, "core/status.html", {"ping": latest, "waiting": False})


@require_GET
@permission_required("core.view_status")
def status_ping(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(WorkerPing, pk=pk)
    waiting = p.answered is None and p.created > timezone.now() - timedelta(seconds=30)
    template = "core/status.html#ping" if request.htmx else "core/status.html"
    return render(request, template, {"ping": p, "waiting": waiting})


@permission_required("core.view_own_data")
def mijn_gegevens(request: HttpRequest) -> HttpResponse:
    from .privacy import personal_data_for

    return render(
        request,
        "core/mijn_gegevens.html",
        {"gegevens": personal_data_for(request.user), "rollen": rollen(request.user)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("core.view_own_data")
def mijn_gegevens_verwijderen(request: HttpRequest) -> HttpResponse:
    """Erase the account and what the platform holds about the person, after confirmation."""
    from django.contrib import messages
    from django.contrib.auth import logout
    from django.utils.translation import gettext as _

    from .privacy import account_erase

    error = ""
    if request.method == "POST":
        if request.POST.get("bevestig") == "ja":
            user = request.user
            logout(request)
            account_erase(user=user)
            messages.success(request, _("Your account and your data have been erased."))
            return redirect("home")
        error = _("Tick the box to confirm that you want to erase your account.")
    return render(request, "core/mijn_gegevens_verwijderen.html", {"error": error})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
