"""What the editor's forms offer to choose from: the settings first, then what the content already says.

Read when the editor starts, so a changed setting (a new loại văn bản, a chuyên mục) is in the forms at the next
start. Issuers and lĩnh vực are those the settings name (`PORTAL_AGENCY["issuer"]`, the issuers of
`PORTAL_LEGAL["issuer_jurisdictions"]`, `PORTAL_EDITOR["issuers"]` and `["topics"]`) and those documents
already carry, in Vietnamese order.
"""

from collections.abc import Mapping
from pathlib import Path

from portal_content.config import ContentConfig
from portal_content.front_matter import parse
from portal_content.problems import Invalid
from portal_i18n import LANGUAGES
from portal_text.sorting import sort_key

from .form import Choices


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() else []
    if isinstance(value, list):
        return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()]
    return []


def written_values(content_root: Path) -> tuple[set[str], set[str]]:
    """(issuers, topics) the documents under van-ban/ carry; a file that does not read is skipped (the build
    reports it, and the editor's preview shows the report)."""
    issuers: set[str] = set()
    topics: set[str] = set()
    for path in sorted((content_root / "van-ban").rglob("*.md")):
        try:
            header = parse(path.read_text(encoding="utf-8"))
        except (Invalid, OSError, UnicodeDecodeError):
            continue
        issuers.update(_strings(header.data.get("issuer")))
        topics.update(_strings(header.data.get("topics")))
    return issuers, topics


def _in_order(first: list[str], others: set[str]) -> tuple[str, ...]:
    seen = dict.fromkeys(v for v in first if v)
    return (*seen, *sorted((v for v in others if v not in seen), key=sort_key))


def choices_of(settings: Mapping, config: ContentConfig, content_root: Path) -> Choices:
    editor = settings.get("PORTAL_EDITOR") or {}
    agency = settings.get("PORTAL_AGENCY") or {}
    legal = settings.get("PORTAL_LEGAL") or {}
    issuers, topics = written_values(content_root)
    named = [agency.get("issuer", ""), *editor.get("issuers", ()), *(legal.get("issuer_jurisdictions") or {})]
    sections = [*config.news_sections.values(), config.default_section]
    return Choices(
        doc_types=config.doc_types,
        issuers=_in_order(named, issuers),
        topics=_in_order(list(editor.get("topics", ())), topics),
        sections=tuple(dict.fromkeys(sections)),
        languages=tuple(LANGUAGES),
        file_types=config.file_types,
    )
