"""The width and height of an image, read from its first bytes, so a page can say them (`<img width height>`)
and the browser keeps the image's place before it arrives: nothing under it jumps (layout shift).

PNG, GIF, JPEG, WebP and SVG (its width and height, or its viewBox); anything else gives None and the
page simply says no size.
"""

import re
import struct
from pathlib import Path

__all__ = ["image_size"]

_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_SVG_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def _svg(head: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(head)
    if tag is None:
        return None
    found = re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', tag[0].decode("utf-8", "replace"))
    attributes = {name.lower(): value for name, value in found}
    width, height = (_SVG_LENGTH.match(attributes.get(name, "")) for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = attributes.get("viewbox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            return None
        if box_width > 0 and box_height > 0:
            return round(box_width), round(box_height)
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        # start of frame: baseline, progressive, … (not DHT 0xC4, JPG 0xC8, DAC 0xCC)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def image_size(path: Path, limit: int = 1 << 20) -> tuple[int, int] | None:
    """(width, height) in pixels of the image at `path`, or None when its format or header is not known."""
    with open(path, "rb") as file:
        data = file.read(limit)
    try:
        size = _size(data, Path(path).suffix.lower())
    except struct.error:  # a header cut short
        return None
    if size is None or size[0] <= 0 or size[1] <= 0:
        return None
    return int(size[0]), int(size[1])


def _size(data: bytes, suffix: str) -> tuple[int, int] | None:
    size = None
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        size = struct.unpack(">II", data[16:24])
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        size = struct.unpack("<HH", data[6:10])
    elif data.startswith(b"\xff\xd8"):
        size = _jpeg(data)
    elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        size = _webp(data)
    elif suffix == ".svg":
        size = _svg(data[:65536])
    return size
