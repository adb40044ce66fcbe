"""The font swap moves nothing (issue 17): the theme's fallback faces are Noto Sans' metrics on local
fonts (`invoke fonts`), and in Chromium a page drawn in each fallback puts its text where Noto Sans does."""

import pytest
from conftest import ROOT
from portal_assets.fallback_fonts import FALLBACKS, with_fallback_css
from quality import browser_facts

FONT_SWAP = ROOT / "tests" / "gates" / "font_swap.mjs"
NEWS = "/tin-tuc/dia-phuong/quang-tri-tang-cuong-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc/"
ONE_LINE = 30  # px: a line of body text is 17 px × 1.6


def test_the_stylesheet_holds_the_faces_measured_from_the_fonts():
    stylesheet = (ROOT / "theme" / "static" / "css" / "main.css").read_text(encoding="utf-8")
    assert with_fallback_css(stylesheet, ROOT / "theme" / "static" / "fonts") == stylesheet, "run `invoke fonts`"
    for fallback in FALLBACKS:
        assert f'"{fallback.family}"' in stylesheet.split("body {", 1)[1].split("}", 1)[0]  # in the body's stack


def positions(base: str, width: int, path: str, families: list[str]) -> dict:
    return browser_facts(FONT_SWAP, base, str(width), path, *families)


def shift(drawn: dict, web: dict) -> tuple[int, int]:
    """How far the page's end and its farthest-moved block of text move when the web font arrives."""
    assert len(drawn["blocks"]) == len(web["blocks"]) > 10
    moved = max(abs(a[0] - b[0]) for a, b in zip(drawn["blocks"], web["blocks"], strict=True))
    return abs(drawn["height"] - web["height"]), moved


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", [NEWS, "/van-ban/"])
def test_text_stays_where_it_is_when_noto_sans_arrives(portal, path, width):
    matched = [f'"{fallback.family}"' for fallback in FALLBACKS]
    plain = ["Arial", "Roboto", '"DejaVu Sans"']
    drawn = positions(portal, width, path, ["web", *matched, *plain])
    assert any(family.startswith("Noto Sans") for family in drawn["web"]["used"])
    for family in matched:  # each fallback face puts the text within a line of where Noto Sans puts it
        assert max(shift(drawn[family], drawn["web"])) <= ONE_LINE, (family, shift(drawn[family], drawn["web"]))
    if path == NEWS and width == 360:  # the same fonts unscaled move the page by several lines
        assert all(shift(drawn[family], drawn["web"])[1] > 3 * ONE_LINE for family in plain), {
            family: shift(drawn[family], drawn["web"]) for family in plain
        }
