"""`/favicon.ico`, which browsers and feed readers ask for whatever the page says: the agency's emblem
(an SVG) drawn at 16, 32 and 48 pixels by Debian's Chromium, packed as PNG images in one ICO file.

`invoke favicon` writes theme/static/img/favicon.ico from PORTAL_AGENCY["emblem"]; the build copies it
to the site's root.
"""

import struct
import subprocess
import tempfile
from pathlib import Path

SIZES = (16, 32, 48)


def ico_from_pngs(images: list[bytes]) -> bytes:
    """An ICO file holding the PNG images as they are (Windows Vista's format, read by every browser)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, offset = b"", 6 + 16 * len(images)
    for png in images:
        if png[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError("not a PNG image")
        width, height = struct.unpack(">II", png[16:24])
        entries += struct.pack(
            "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset
        )  # 256 pixels is written 0
        offset += len(png)
    return header + entries + b"".join(images)


def draw(svg: Path, size: int, chromium: str = "chromium") -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, as PNG."""
    with tempfile.TemporaryDirectory(prefix="favicon-") as folder:
        page, shot = Path(folder) / "icon.html", Path(folder) / "icon.png"
        page.write_text(
            "<!DOCTYPE html><html><head><style>html,body{margin:0;background:transparent}"
            "img{display:block;width:100vw;height:100vh}</style></head>"
            f'<body><img src="{Path(svg).resolve().as_uri()}" alt=""></body></html>',
            encoding="utf-8",
        )
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--default-background-color=00000000",
                f"--window-size={size},{size}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return shot.read_bytes()


def favicon(svg: Path, chromium: str = "chromium") -> bytes:
    return ico_from_pngs([draw(svg, size, chromium) for size in SIZES])
