"""The PORTAL_CONTENT settings dict, read and checked once."""

from dataclasses import dataclass, field

from portal_text import slugify

from .files import DEFAULT_FILE_TYPES

DEFAULT_DOC_TYPES = (
    "Hiến pháp",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Thông tư liên tịch",
    "Kế hoạch",
    "Công văn",
    "Thông báo",
    "Hướng dẫn",
    "Báo cáo",
    "Văn bản hợp nhất",
    "Dự thảo",
)


@dataclass(frozen=True)
class ContentConfig:
    doc_types: tuple[str, ...] = DEFAULT_DOC_TYPES
    # sub-folder of content/tin-tuc/ -> chuyên mục; also the order of the Tin tức menu
    news_sections: dict[str, str] = field(default_factory=dict)
    default_section: str = "Tin tổng hợp"
    # file types (suffixes) that may be published from content/: see files.py
    file_types: tuple[str, ...] = DEFAULT_FILE_TYPES
    static_paths: tuple[str, ...] = ("files",)

    def section_for(self, folder: str | None, category: str | None) -> tuple[str, str]:
        """(name, slug) of a news item's section: `category` if given, else its sub-folder."""
        if category:
            for slug, name in self.news_sections.items():
                if name == category:
                    return name, slug
            return category, slugify(category)
        if folder:
            return self.news_sections.get(folder, folder), slugify(folder)
        return self.default_section, slugify(self.default_section)


def content_config(settings: dict) -> ContentConfig:
    raw = settings.get("PORTAL_CONTENT", {})
    return ContentConfig(
        doc_types=tuple(raw.get("doc_types", DEFAULT_DOC_TYPES)),
        news_sections=dict(raw.get("news_sections", {})),
        default_section=raw.get("default_section", "Tin tổng hợp"),
        file_types=tuple(t.lower().lstrip(".") for t in raw.get("file_types", DEFAULT_FILE_TYPES)),
        static_paths=tuple(settings.get("STATIC_PATHS", ("files",))),
    )
