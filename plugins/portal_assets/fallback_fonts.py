"""Fallback faces matched to Noto Sans, so the swap to the web font moves nothing on the page.

Until Noto Sans arrives a browser draws the text in a font it has (Arial on Windows and Apple systems,
Roboto on Android, DejaVu Sans on many Linux desktops). Each is wider or narrower than Noto Sans, so
lines wrap elsewhere and everything under them jumps when the web font comes (layout shift). Each
fallback face below is a local font scaled to Noto Sans' width (`size-adjust`, weighted by the letters
of Vietnamese text) with Noto Sans' ascent, descent and line gap (`*-override`).

`invoke fonts` measures the fonts and writes the faces into theme/static/css/main.css, between the two
marker comments; tests/test_fonts.py measures again and compares, and measures the swap in Chromium.
Measuring needs fontTools (requirements-dev.txt) and the local fonts (Debian's fonts-liberation2, whose
Liberation Sans has Arial's metrics, fonts-roboto-unhinted and fonts-dejavu-core; `invoke tools`).
"""

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BEGIN", "END", "FALLBACKS", "Fallback", "fallback_css", "with_fallback_css"]

BEGIN = "/* fallback faces: written by `invoke fonts` (portal_assets/fallback_fonts.py), do not edit */"
END = "/* end of fallback faces */"

# Vietnamese as the portal prints it: the letters' frequencies weight the width comparison
SAMPLE = (
    "Thủ tướng Chính phủ ban hành Chỉ thị về việc tăng cường sử dụng văn bản điện tử trong hoạt động "
    "của cơ quan hành chính nhà nước. Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân "
    "các huyện, thị xã, thành phố triển khai thực hiện nghiêm túc các nội dung sau đây: Điều 1. Phạm vi "
    "điều chỉnh và đối tượng áp dụng; Điều 2. Quyết định này có hiệu lực kể từ ngày ký 15/08/2022. "
    "Cổng thông tin điện tử, hỏi đáp, góp ý dự thảo, tin tức địa phương, thống kê văn bản quy phạm pháp luật."
)

WEB_FONTS = {  # weight -> the subsets of Noto Sans the theme serves (one face per unicode-range)
    400: ("noto-sans-latin-400-normal.woff2", "noto-sans-vietnamese-400-normal.woff2"),
    700: ("noto-sans-latin-700-normal.woff2", "noto-sans-vietnamese-700-normal.woff2"),
}


@dataclass(frozen=True)
class Fallback:
    family: str  # the face's name in the stylesheet
    local_names: dict[int, tuple[str, ...]]  # weight -> names `local()` may find the font by
    files: dict[int, str]  # weight -> a file of the font (or of a font with the same metrics) to measure


FALLBACKS = (
    Fallback(
        "Noto Sans Fallback Arial",
        {
            400: ("Arial", "ArialMT", "Liberation Sans", "LiberationSans"),
            700: ("Arial Bold", "Arial-BoldMT", "Liberation Sans Bold", "LiberationSans-Bold"),
        },
        {
            400: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            700: "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        },
    ),
    Fallback(
        "Noto Sans Fallback Roboto",
        {400: ("Roboto", "Roboto-Regular", "Roboto Regular"), 700: ("Roboto Bold", "Roboto-Bold")},
        {
            400: "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
            700: "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
        },
    ),
    Fallback(
        "Noto Sans Fallback DejaVu",
        {400: ("DejaVu Sans", "DejaVuSans"), 700: ("DejaVu Sans Bold", "DejaVuSans-Bold")},
        {
            400: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            700: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        },
    ),
)


def _fonts(paths):
    from fontTools.ttLib import TTFont

    return [TTFont(str(p)) for p in paths]


def _average_width(fonts, text: str) -> float:
    """The mean advance of `text`'s letters in em, each taken from the first font that has it."""
    total, counted = 0.0, 0
    for char in text:
        for font in fonts:
            glyph = font.getBestCmap().get(ord(char))
            if glyph is not None:
                total += font["hmtx"][glyph][0] / font["head"].unitsPerEm
                counted += 1
                break
    return total / counted


def _percent(value: float) -> str:
    return f"{value * 100:.2f}%"


def fallback_css(web_fonts_folder: Path) -> str:
    """The @font-face rules of every fallback and weight, measured from the font files."""
    rules = []
    for fallback in FALLBACKS:
        for weight, subsets in WEB_FONTS.items():
            web = _fonts(Path(web_fonts_folder) / name for name in subsets)
            local = _fonts([fallback.files[weight]])
            size = _average_width(web, SAMPLE) / _average_width(local, SAMPLE)
            em = web[0]["head"].unitsPerEm
            hhea = web[0]["hhea"]
            sources = ", ".join(f'local("{name}")' for name in fallback.local_names[weight])
            rules.append(
                f'@font-face {{ font-family: "{fallback.family}"; font-weight: {weight}; src: {sources};\n'
                f"  size-adjust: {_percent(size)}; ascent-override: {_percent(hhea.ascent / em / size)}; "
                f"descent-override: {_percent(-hhea.descent / em / size)}; "
                f"line-gap-override: {_percent(hhea.lineGap / em / size)}; }}"
            )
    return "\n".join(rules)


def with_fallback_css(stylesheet: str, web_fonts_folder: Path) -> str:
    """`stylesheet` with the text between the two markers replaced by freshly measured faces."""
    start, end = stylesheet.index(BEGIN) + len(BEGIN), stylesheet.index(END)
    return stylesheet[:start] + "\n" + fallback_css(web_fonts_folder) + "\n" + stylesheet[end:]
