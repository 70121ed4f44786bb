from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from groningenmodel.sections import wijk_sections

from .models import Stadsdeel, Wijk


def wijk_lijst(request: HttpRequest) -> HttpResponse:
    stadsdelen = Stadsdeel.objects.prefetch_related("wijken")
    return render(request, "wijken/lijst.html", {"stadsdelen": stadsdelen})


def wijk_detail(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = get_object_or_404(Wijk.objects.select_related("stadsdeel"), slug=slug)
    buurten = wijk.buurten.all()
    return render(
        request,
        "wijken/detail.html",
        {"wijk": wijk, "buurten": buurten, "sections": wijk_sections(request, wijk)},
    )
