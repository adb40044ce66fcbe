"""The page being edited, at once: on a save, the preview renders that file's page from the last build's
model (`portal_build.LastBuild`), in well under a second at any size of archive, and shows it while the
whole portal is built again (tens of seconds at 10,000 documents).

What the quick page shows is the file as it is now (its title and header, its body and lead, with
citations linked as the build links them and links to files resolved) inside the page the last build
made for it: its relations, the listings and the search catch up when the build finishes, and the page
says so at its top, at its address and, when the edit moved it (a news item's title makes its address), at
the one it had. A file that is new, broken, of another kind, or in another publishing state than it was (a
draft now, or dated later) gets no quick page: the build shows it, or its problems. Nothing of this is
written: the page lives in the preview's memory until the build that follows replaces it.
"""

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

QUICK_STYLE_URL = "/__preview-quick.css"
QUICK_CSS = """.preview-quick { margin: 0; padding: 0.6rem 1rem; background: #fff8e1; color: #1a1a1a;
  border-bottom: 3px solid #8a6d00; font: 1rem/1.5 system-ui, sans-serif; }
@media print { .preview-quick { display: none; } }
"""
NOTE = (
    '<p class="preview-quick" role="status">Xem nhanh: trang đã có nội dung bạn vừa lưu. Quan hệ văn bản, '
    "danh sách và tìm kiếm được cập nhật khi dựng xong toàn cổng; trang tự tải lại.</p>"
)
_BODY = re.compile(rb"<body[^>]*>")


@dataclass(frozen=True)
class QuickPage:
    urls: tuple[str, ...]  # from the site root ("tin-tuc/dia-phuong/x/"): its address, and the one it had
    body: bytes


def quick_page(last, content_root: Path, path: Path) -> QuickPage | None:
    """The page of the content file at `path` as it is now, made with `last` (a preview build's
    portal_build.LastBuild); None when the build must show it (see the module's docstring)."""
    from portal_content.loading import load
    from portal_content.publishing import state_of
    from portal_content.rendering import link_local_files
    from portal_legal.citations import link_citations
    from portal_site.assemble import link_texts, name_of, published_body
    from portal_writer.writer import page_context

    content_root, path = Path(content_root).resolve(), Path(path).resolve()
    try:
        relative = path.relative_to(content_root).as_posix()
        data = path.read_bytes()
    except (ValueError, OSError):
        return None
    made, old = last.item_pages.get(relative), last.site.entries.get(relative)
    if made is None or old is None:
        return None
    loaded = load(path, content_root, last.setup.config, data)
    item = loaded.item
    if item is None or any(problem.is_error for problem in loaded.problems):
        return None
    if item.kind != old.record.kind or state_of(item, last.site.now) is not old.publishing:
        return None  # another kind, or now a draft, scheduled, hidden or expired: the build decides its page
    rendered = last.setup.render_cache.render(item.body)
    html, _ = link_local_files(rendered.html, item.source_path, content_root)
    pelican = copy.copy(old.pelican)  # the item's Pelican object, as the reader would make it of the file now
    pelican.metadata = {**old.pelican.metadata, "title": item.title, "record": item, "summary": item.summary}
    pelican.title, pelican.record, pelican.body_text, pelican._content = item.title, item, rendered.text, html
    if item.summary:
        pelican._summary = item.summary
    body, lead = link_texts(link_citations, pelican, last.site.citation_targets)  # as the model links them
    entry = replace(
        old,
        record=item,
        pelican=pelican,
        name=name_of(item),
        content=published_body(pelican, body),
        lead=lead.html if lead else None,
        body_text=rendered.text,
    )
    site = replace(last.site, entries=MappingProxyType({**last.site.entries, relative: entry}))
    kwargs = {key: pelican if value is old.pelican else value for key, value in made.kwargs.items()}
    page = made.template.render({**page_context(made.context, made.name, kwargs), "site": site}).encode("utf-8")
    page = page.replace(b"</head>", f'<link rel="stylesheet" href="{QUICK_STYLE_URL}"></head>'.encode(), 1)
    page = _BODY.sub(lambda match: match[0] + NOTE.encode(), page, count=1)
    return QuickPage(tuple(dict.fromkeys((item.url, old.record.url))), page)
