"""The size of an image from its first bytes (`portal_content.image_size`), on real files of each format."""

import struct
import zlib

from portal_content.image_size import image_size


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dht = b"\xff\xc4" + struct.pack(">H", 5) + b"\x00\x00\x00"  # a table segment before the frame
    sof2 = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + dht + sof2 + b"\xff\xd9"


def test_each_format_gives_width_and_height(tmp_path):
    files = {
        "a.png": (png(7, 3), (7, 3)),
        "b.gif": (b"GIF89a" + struct.pack("<HH", 640, 480) + b"\x00" * 20, (640, 480)),
        "c.jpg": (jpeg(1600, 900), (1600, 900)),
        "d.webp": (
            b"RIFF\x00\x00\x00\x00WEBPVP8X" + b"\x00" * 8 + (799).to_bytes(3, "little") + (599).to_bytes(3, "little"),
            (800, 600),
        ),
        "e.svg": (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80">',
            (120, 80),
        ),
        "f.svg": (b'<svg xmlns="http://www.w3.org/2000/svg"\n  viewBox="0 0 480 320" role="img">', (480, 320)),
    }
    for name, (data, size) in files.items():
        (tmp_path / name).write_bytes(data)
        assert image_size(tmp_path / name) == size, name


def test_unknown_or_damaged_images_give_no_size(tmp_path):
    files = {
        "a.png": png(7, 3)[:20],  # cut inside the header
        "b.jpg": b"\xff\xd8\xff\xe0\x00",
        "c.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%">',
        "d.bmp": b"BM" + b"\x00" * 40,
        "e.svg": b"<svg viewBox='0 0 0 0'>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        assert image_size(tmp_path / name) is None, name
