"""Image-only "office scans" of a rendition: every page rendered with pypdfium2, degraded
with a fixed random seed (slight rotation, blur, paper tone, uneven light, noise, specks)
and stored as one grey JPEG per page in an image-only PDF (img2pdf), so no text layer is
left and the text must come from OCR."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from derive import stamp


@dataclass(frozen=True)
class ScanSettings:
    dpi: int = 200
    max_rotation_deg: float = 0.35
    blur_radius: float = 0.6
    noise_sigma: float = 1.2
    jpeg_quality: int = 30
    seed: int = 2019


def degrade(image, rng, settings: ScanSettings):
    """One page as a scanner and a photocopier would leave it."""
    import numpy as np
    from PIL import Image, ImageFilter

    grey = image.convert("L")
    angle = rng.uniform(-settings.max_rotation_deg, settings.max_rotation_deg)
    grey = grey.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(settings.blur_radius))
    page = np.asarray(grey, dtype=np.float32) / 255.0
    white, black = rng.uniform(226, 238), rng.uniform(16, 32)          # paper and toner
    page = black + page * (white - black)
    h, w = page.shape
    tilt = rng.uniform(-0.012, 0.012)                                   # uneven lighting across the page
    page = page * (1 + tilt * (np.linspace(-1, 1, w)[None, :] + np.linspace(-1, 1, h)[:, None]) / 2)
    page = page + rng.normal(0, settings.noise_sigma, page.shape)
    for _ in range(int(rng.integers(0, 7))):                           # dust specks
        y, x, r = int(rng.integers(0, h)), int(rng.integers(0, w)), int(rng.integers(1, 3))
        page[max(0, y - r):y + r, max(0, x - r):x + r] = black
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), mode="L")


def scan(source: Path, out: Path, settings: ScanSettings = ScanSettings()) -> None:
    import img2pdf
    import numpy as np
    import pypdfium2

    rng = np.random.default_rng(settings.seed)
    pdf = pypdfium2.PdfDocument(str(source))
    pages = []
    for page in pdf:
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        degrade(image, rng, settings).save(buffer, format="JPEG", quality=settings.jpeg_quality, optimize=True,
                                           progressive=True)
        pages.append(buffer.getvalue())
    # Every page keeps its size in points (A4 portrait or landscape) at the scan's resolution.
    layout = img2pdf.get_fixed_dpi_layout_fun((settings.dpi, settings.dpi))
    out.write_bytes(img2pdf.convert(pages, layout_fun=layout, nodate=True))
    stamp(out)
