"""QR codes for the invitation letters (inline SVG, no files)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    svg = buf.getvalue().decode()
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1]
    return svg.replace(' id="qr-path"', "")
