"""English versions (issue 16; ../shared/PRODUCT.md, "Languages"): a page with `lang: en` and the same
slug as a Vietnamese page is published under /en/, in English (`<html lang>`, interface text from the
gettext catalogue, dates, the agency's names), and each version names the other (hreflang, a switch)."""

import shutil

from conftest import ROOT, SETTINGS

ABOUT_VI = "---\ntitle: Giới thiệu\ndate: 2024-01-15\n---\n\nSở Thông tin và Truyền thông.\n"
ABOUT_EN = (
    "---\ntitle: About the Department\nslug: gioi-thieu\nlang: en\ndate: 2024-02-01\n"
    "changes:\n  - 2024-02-03: Contacts added\n---\n\nThe Department of Information and Communications.\n"
)


def test_an_english_page_pairs_with_the_vietnamese_one_both_ways(site):
    site.write("pages/gioi-thieu.md", ABOUT_VI)
    site.write("pages/en/gioi-thieu.md", ABOUT_EN)
    site.write("pages/lien-he.md", "---\ntitle: Liên hệ\ndate: 2024-01-15\n---\n\nĐịa chỉ.\n")
    assert site.build().ok, site.messages()
    english, vietnamese = site.page("/en/gioi-thieu/"), site.page("/gioi-thieu/")
    assert (english.html["lang"], vietnamese.html["lang"]) == ("en", "vi")
    pairs = {("en", "http://localhost:8000/en/gioi-thieu/"), ("vi", "http://localhost:8000/gioi-thieu/")}
    for page in (english, vietnamese):
        assert {(link["hreflang"], link["href"]) for link in page.find_all("link", hreflang=True)} == pairs
    switch = english.select_one(".language-switch a")
    assert (switch["href"], switch["hreflang"], switch.get_text()) == ("/gioi-thieu/", "vi", "Tiếng Việt")
    assert vietnamese.select_one(".language-switch a")["href"] == "/en/gioi-thieu/"
    # the interface in English, from theme/translations/en; the Vietnamese page as it always was
    assert english.select_one(".skip-link").get_text() == "Skip to main content"
    assert vietnamese.select_one(".skip-link").get_text() == "Bỏ qua, đến nội dung chính"
    assert [a.get_text() for a in english.select(".site-nav__list a")][:2] == ["Home", "About"]
    # the navigation leads an English reader to the English version where there is one
    about = english.select(".site-nav__list a")[1]
    assert (about["href"], about.get("aria-current")) == ("/en/gioi-thieu/", "page")
    assert vietnamese.select(".site-nav__list a")[1]["href"] == "/gioi-thieu/"
    assert english.select_one(".site-brand__name").get_text() == "Department of Information and Communications"
    assert "Address" in english.select_one(".site-footer__contact").get_text()
    assert english.find("nav", class_="breadcrumbs")["aria-label"] == "Breadcrumb"
    assert english.find("meta", property="og:locale")["content"] == "en_US"
    # dates as an English reader writes them
    assert (
        english.select_one(".print-only").get_text().endswith("; published 1 February 2024, updated 3 February 2024.")
    )
    assert english.select_one(".history li").get_text() == "3 February 2024: Contacts added"
    assert english.select_one(".history h2").get_text() == "Change history"
    # a page without an English version names none as its own, and its switch leads to where English starts
    alone = site.page("/lien-he/")
    assert not alone.find_all("link", hreflang=True)
    assert [a["href"] for a in alone.select(".language-switch a")] == ["/en/gioi-thieu/"]
    # English pages are in the sitemap, and in no Vietnamese listing or feed
    assert "/en/gioi-thieu/</loc>" in (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert all(
        "/en/gioi-thieu/" not in p.read_text(encoding="utf-8")
        for p in site.output.rglob("*.xml")
        if p.name != "sitemap.xml"
    )


def test_a_language_the_portal_does_not_have_is_refused(site):
    site.write("pages/a.md", "---\ntitle: À propos\ndate: 2024-01-15\nlang: fr\n---\n\nx\n")
    assert not site.build().ok
    assert any('trường "lang": "fr" không phải ngôn ngữ của cổng.' in m for m in site.messages()), site.messages()


def test_every_interface_text_of_the_theme_is_translated(tmp_path):
    """A template's new `_()` without its English translation fails here (run `invoke translations`)."""
    from pelican.settings import read_settings
    from portal_i18n.catalogues import untranslated

    settings = read_settings(str(SETTINGS))
    assert untranslated(ROOT / "theme", settings, "en") == []
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8") + '{{ _("Câu mới chưa dịch") }}\n', encoding="utf-8")
    assert untranslated(theme, settings, "en") == ["Câu mới chưa dịch (templates/page.html:20)"]
