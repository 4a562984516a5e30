"""Which character Tesseract reads for each printed digit and code letter: the measure behind
``normalize/lookalikes.py``.

Run:  python bench/ocr_confusions.py                  # 300, 200, 150, 120 and 100 dpi, 3 blurs
      python bench/ocr_confusions.py --lines 80 --dpi 150 120

Lines of euro amounts and project codes (``€ 529.841,00  3E0107``, random: every digit equally often, the code's letter
from A-F and the other letters with a digit look-alike) are drawn in Liberation Sans 10 pt (the font of the bundled reports),
degraded as ``samples/renditions/scans.py`` degrades a scan (blur, paper tone, noise, JPEG q30),
and read by Tesseract with camerale's OCR settings (``ita``, psm 6, its blacklist).  Every token
read with its printed length is compared character by character; the table counts, for each
printed character, what was read in its place when that was something else.  Tokens read with
another length (a character lost or split) are counted apart, not aligned.
"""
from __future__ import annotations

import argparse
import io
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from camerale.extract.settings import OcrSettings  # noqa: E402

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
POINT_SIZE = 10


def amount(rng: random.Random) -> str:
    whole = rng.randrange(1, 10 ** rng.randint(1, 7))
    return f"€ {whole:,}".replace(",", ".") + f",{rng.randrange(100):02d}"


# The letters of the seeds' project codes (A-F) and every other letter with a digit look-alike.
CODE_LETTERS = "ABCDEFGILOQSTZ"


def code(rng: random.Random) -> str:
    return f"{rng.randint(1, 3)}{rng.choice(CODE_LETTERS)}{rng.randrange(10000):04d}"


def page_lines(rng: random.Random, n: int) -> list[str]:
    return [f"{amount(rng)}    {code(rng)}    {amount(rng)}" for _ in range(n)]


def draw(lines: list[str], dpi: int, blur: float, rng: np.random.Generator) -> Image.Image:
    scale = dpi / 72
    font = ImageFont.truetype(FONT, round(POINT_SIZE * scale))
    line_height = round(POINT_SIZE * 1.6 * scale)
    image = Image.new("L", (round(5.5 * dpi), line_height * (len(lines) + 2)), 255)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((round(0.3 * dpi), line_height * (i + 1)), line, font=font, fill=0)
    image = image.filter(ImageFilter.GaussianBlur(blur * dpi / 200))
    page = np.asarray(image, dtype=np.float32) / 255.0
    page = rng.uniform(16, 32) + page * (rng.uniform(226, 238) - 32)
    page = page + rng.normal(0, 1.2, page.shape)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(page, 0, 255).astype(np.uint8)).save(buffer, format="JPEG", quality=30)
    return Image.open(io.BytesIO(buffer.getvalue()))


def read(image: Image.Image, dpi: int) -> list[str]:
    settings = OcrSettings()
    config = f"--psm {settings.psm} --dpi {dpi} -c tessedit_char_blacklist={settings.blacklist}"
    return pytesseract.image_to_string(image, lang=settings.lang, config=config).splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 200, 150, 120, 100])
    parser.add_argument("--blur", type=float, nargs="+", default=[0.6, 1.0, 1.4])
    parser.add_argument("--lines", type=int, default=40, help="lines per image (3 values each)")
    parser.add_argument("--pages", type=int, default=2, help="images per dpi and blur")
    args = parser.parse_args()
    rng = random.Random(2019)
    noise = np.random.default_rng(2019)
    confusions: dict[str, Counter[str]] = defaultdict(Counter)
    printed: Counter[str] = Counter()
    unaligned = aligned = 0
    for dpi in args.dpi:
        for blur in args.blur:
            for _ in range(args.pages):
                lines = page_lines(rng, args.lines)
                got = [line for line in read(draw(lines, dpi, blur, noise), dpi) if line.strip()]
                truth = [t for line in lines for t in line.replace("€ ", "€").split()]
                seen = [t for line in got for t in line.replace("€ ", "€").split()]
                if len(seen) != len(truth):       # a token split or lost: align line by line
                    pairs = [(t, s) for want, have in zip(lines, got)
                             for t, s in zip(want.replace("€ ", "€").split(), have.replace("€ ", "€").split())
                             if len(want.split()) == len(have.split())]
                else:
                    pairs = list(zip(truth, seen))
                for t, s in pairs:
                    if len(t) != len(s):
                        unaligned += 1
                        continue
                    aligned += 1
                    for a, b in zip(t, s):
                        if a.isalnum():
                            printed[a] += 1
                            if a != b:
                                confusions[a][b] += 1
    print(f"{aligned} tokens aligned, {unaligned} read with another length (not counted)")
    print(f"{'printed':>7} {'count':>6}  read instead (count)")
    for ch in sorted(printed):
        wrong = ", ".join(f"{b!r} {n}" for b, n in confusions[ch].most_common())
        print(f"{ch:>7} {printed[ch]:>6}  {wrong}")


if __name__ == "__main__":
    main()
