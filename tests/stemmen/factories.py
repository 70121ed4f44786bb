from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from stemmen.models import Fase, Idee, Ronde
from wijken import services as ledger
from wijken.models import Budgetpot

PHASE_OFFSETS = {
    # days from now at which each phase starts, so that the round is in the given phase
    Fase.CONCEPT: (5, 10, 20, 30, 40),
    Fase.INDIENEN: (-5, 10, 20, 30, 40),
    Fase.BEOORDELEN: (-10, -5, 20, 30, 40),
    Fase.STEMMEN: (-20, -15, -5, 30, 40),
    Fase.UITSLAG: (-30, -25, -20, -5, 40),
    Fase.UITVOERING: (-40, -35, -30, -20, -5),
}


def make_pot(wijk: Any, bedrag: int = 2_000_000, **kw: Any) -> Budgetpot:
    today = timezone.localdate()
    pot = ledger.budgetpot_create(
        wijk=wijk,
        soort=kw.pop("soort", Budgetpot.Soort.CWR),
        naam=kw.pop("naam", f"Pot {wijk.naam}"),
        periode_start=today - timedelta(days=365),
        periode_eind=today + timedelta(days=365),
        **kw,
    )
    ledger.boeking_toewijzing(pot=pot, bedrag_centen=bedrag, door=None, omschrijving="test")
    return pot


def make_ronde(wijk: Any, fase: str = Fase.INDIENEN, **kw: Any) -> Ronde:
    now = timezone.now()
    d = [now + timedelta(days=x) for x in PHASE_OFFSETS[Fase(fase)]]
    ronde = Ronde.objects.create(
        wijk=wijk,
        titel=kw.pop("titel", "Altijd een goed idee"),
        budget=kw.pop("budget", 2_000_000),
        fase=fase,
        indienen_vanaf=d[0],
        beoordelen_vanaf=d[1],
        stemmen_vanaf=d[2],
        uitslag_vanaf=d[3],
        uitvoering_vanaf=d[4],
        **kw,
    )
    return ronde


def make_idee(ronde: Ronde, indiener: Any, **kw: Any) -> Idee:
    return Idee.objects.create(
        ronde=ronde,
        indiener=indiener,
        titel=kw.pop("titel", "Moestuin in het Oosterpark"),
        beschrijving=kw.pop("beschrijving", "Samen groente kweken."),
        kosten=kw.pop("kosten", 150_000),
        **kw,
    )


def png_bytes(size: tuple[int, int] = (40, 30), fmt: str = "PNG", exif: bool = False) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if exif:
        ex = Image.Exif()
        ex[0x010F] = "CameraMaker"  # Make
        ex[0x8825] = {1: "N"}  # GPS IFD
        kwargs["exif"] = ex.tobytes()
    img.save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(
    name: str = "foto.png", data: bytes | None = None, content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, data if data is not None else png_bytes(), content_type=content_type
    )
