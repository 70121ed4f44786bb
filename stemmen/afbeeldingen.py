"""Uploaded images: really an image (Pillow verifies it), JPEG/PNG/WebP, at most 5 MB,
resized to at most 1600 px and saved again without EXIF or other metadata."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PX = 1600
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def verwerk_afbeelding(upload: Any) -> tuple[SimpleUploadedFile, int, int]:
    """Check and clean one upload; returns (file, width, height) or raises ValidationError."""
    name = getattr(upload, "name", "afbeelding")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 5 MB. Choose a smaller image."), params={"name": name}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            fmt = probe.format
            probe.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise ValidationError(
            _("%(name)s is not an image. Upload a JPEG, PNG or WebP photo."),
            params={"name": name},
        ) from exc
    if fmt not in FORMATS:
        raise ValidationError(
            _("%(name)s is a %(fmt)s image. Only JPEG, PNG and WebP are accepted."),
            params={"name": name, "fmt": fmt},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            opened.load()
            img: Image.Image = opened
            img = ImageOps.exif_transpose(img)
            img.thumbnail((MAX_PX, MAX_PX))
            if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            elif img.mode not in ("RGB", "RGBA", "L", "LA"):
                img = img.convert("RGBA")
            # Copy the pixels only: no EXIF, GPS, text chunks or other metadata survive.
            clean = Image.frombytes(img.mode, img.size, img.tobytes())
            out = io.BytesIO()
            kwargs: dict[str, Any] = {"quality": 85} if fmt in ("JPEG", "WEBP") else {}
            clean.save(out, format=fmt, **kwargs)
    except (Image.DecompressionBombError, OSError, ValueError) as exc:
        raise ValidationError(
            _("%(name)s could not be read as an image."), params={"name": name}
        ) from exc
    ext, mime = FORMATS[fmt]
    stem = (name.rsplit(".", 1)[0] or "afbeelding")[:60]
    f = SimpleUploadedFile(f"{stem}.{ext}", out.getvalue(), content_type=mime)
    return f, clean.size[0], clean.size[1]
