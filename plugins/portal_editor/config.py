"""The editor's whole configuration (Decap CMS's config.yml), made when the editor starts.

Collections follow the content's folders as the build reads them (portal_content.schema.FOLDERS):
- Văn bản: one collection over `van-ban/<loại>/` and `van-ban/<loại>/<năm>/` (an archive's folders per year), a
  new document saved as `van-ban/<loại>/<năm>/<số>.md` (the year it is saved in, or of its `date`), so relations
  choose among every document;
- Tin tức: one collection per chuyên mục folder (`tin-tuc/<folder>/`), the settings' sections first;
- Trang, Hỏi đáp, Lãnh đạo, Cơ cấu tổ chức, Chuyên đề (`collections/*.yml`).
The backend is the local one (`/quan-tri/api`, portal_editor.backend) unless `PORTAL_EDITOR["backend"]`
names a forge (GitLab with its editorial workflow, or Gitea); see the README.
"""

from collections.abc import Mapping
from pathlib import Path

from portal_collections.definition import CRITERIA, SORTS
from portal_collections.definition import FOLDER as COLLECTIONS_FOLDER
from portal_collections.definition import KEYS as COLLECTION_KEYS
from portal_content.config import ContentConfig
from portal_content.model import DOCUMENT, LEADER, NEWS, PAGE, QUESTION, UNIT
from portal_content.schema import FOLDERS, KEYS
from portal_legal.validity import LABELS

from .form import Choices, form_fields

API = "/quan-tri/api"  # the local backend, on the editor's own address
MEDIA = "files"  # content/files/: attachments and images (PRODUCT.md)
FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
BACKENDS = ("local", "gitlab", "gitea")
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
# what a new file of each kind is called: as `invoke new` names it (portal_content.scaffold)
NEW_NAMES = {
    DOCUMENT: "{{number}}",  # in a folder of its year: van-ban/<loại>/<năm>/<số>.md
    NEWS: "{{title}}",
    PAGE: "{{title}}",
    QUESTION: "{{title}}",
    LEADER: "{{title}}",
    UNIT: "{{title}}",
}
LABELS_OF = {
    DOCUMENT: ("Văn bản", "văn bản"),
    PAGE: ("Trang", "trang"),
    QUESTION: ("Hỏi đáp", "câu hỏi"),
    LEADER: ("Lãnh đạo", "lãnh đạo"),
    UNIT: ("Cơ cấu tổ chức", "đơn vị"),
}
SUMMARIES = {
    DOCUMENT: "{{number}} ngày {{issued | date('DD/MM/YYYY')}}: {{title}}",
    QUESTION: "{{title}} (trả lời {{answered | date('DD/MM/YYYY')}})",
    LEADER: "{{title}}, {{position}}",
    UNIT: "{{title}} ({{group}})",
}


def backend_settings(settings: Mapping) -> dict:
    """The `backend:` block: the local one, or the forge `PORTAL_EDITOR` names."""
    editor = dict(settings.get("PORTAL_EDITOR") or {})
    name = editor.get("backend", "local")
    if name == "local":
        return {"name": "proxy", "proxy_url": API, "branch": editor.get("branch", "main")}
    block = {"name": name, "repo": editor["repo"], "branch": editor.get("branch", "main")}
    for key in ("base_url", "api_root", "auth_endpoint", "app_id", "auth_type"):
        if editor.get(key):
            block[key] = editor[key]
    if name == "gitlab":
        block.setdefault("auth_type", "pkce")
    return block


def _document_fields(choices: Choices) -> list:
    return form_fields(KEYS[DOCUMENT], choices)


def _news_collections(config: ContentConfig, content_root: Path, choices: Choices, prefix: str) -> list:
    base = content_root / FOLDER_OF[NEWS]
    found = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    folders = [*config.news_sections, *(f for f in found if f not in config.news_sections)]
    made = []
    if base.is_dir() and any(p.suffix == ".md" for p in base.iterdir()):
        folders.insert(0, "")  # items right in tin-tuc/: the default section
    for folder in folders:
        name = config.news_sections.get(folder, folder) if folder else config.default_section
        made.append(
            {
                "name": f"tin-tuc-{folder}" if folder else "tin-tuc",
                "label": f"Tin tức: {name}",
                "label_singular": f"tin {name}",
                "folder": f"{prefix}{FOLDER_OF[NEWS]}" + (f"/{folder}" if folder else ""),
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "slug": NEW_NAMES[NEWS],
                "summary": "{{title}} ({{date | date('DD/MM/YYYY')}})",
                "sortable_fields": ["date", "title"],
                "fields": form_fields(KEYS[NEWS], choices),
            }
        )
    return made


def _collection(kind: str, choices: Choices, prefix: str, **extra) -> dict:
    label, singular = LABELS_OF[kind]
    collection = {
        "name": FOLDER_OF[kind],
        "label": label,
        "label_singular": singular,
        "folder": f"{prefix}{FOLDER_OF[kind]}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": NEW_NAMES[kind],
        "summary": SUMMARIES.get(kind, "{{title}}"),
        "fields": form_fields(KEYS[kind], choices),
        **extra,
    }
    return collection


def _collections_of_topics(choices: Choices, prefix: str) -> dict:
    """Chuyên đề: a saved query in a small YAML file (portal_collections.definition)."""

    def chosen(name, options, label):
        return {
            "name": name,
            "label": label,
            "widget": "select",
            "multiple": True,
            "required": False,
            "options": options,
        }

    criteria = [
        chosen(
            "kind", [{"label": "Tin tức", "value": "tin-tuc"}, {"label": "Văn bản", "value": "van-ban"}], "Loại bài"
        ),
        chosen("doc_type", list(choices.doc_types), "Loại văn bản"),
        chosen("issuer", list(choices.issuers), "Cơ quan ban hành"),
        chosen("topics", list(choices.topics), "Lĩnh vực") if choices.topics else None,
        {"name": "tags", "label": "Từ khóa", "widget": "list", "required": False},
        chosen("section", list(choices.sections), "Chuyên mục tin tức"),
        {"name": "year", "label": "Năm", "widget": "list", "required": False, "hint": CRITERIA["year"]},
        chosen("validity", list(LABELS), "Tình trạng hiệu lực"),
    ]
    criteria = [c for c in criteria if c is not None]
    for field in criteria:
        field.setdefault("hint", CRITERIA[field["name"]])
    fields = [
        {"name": "title", "label": "Tên chuyên đề", "widget": "string", "hint": COLLECTION_KEYS["title"]},
        {"name": "description", "label": "Giới thiệu", "widget": "string", "hint": COLLECTION_KEYS["description"]},
        {"name": "criteria", "label": "Điều kiện chọn bài", "widget": "object", "fields": criteria},
        {"name": "sort", "label": "Thứ tự", "widget": "select", "options": list(SORTS), "default": "newest"},
        {"name": "limit", "label": "Số bài nhiều nhất", "widget": "number", "value_type": "int", "min": 1},
        {"name": "slug", "label": "Tên trên đường dẫn", "widget": "string"},
    ]
    for field in fields:
        field.setdefault("hint", COLLECTION_KEYS[field["name"]])
        field["required"] = field["name"] in ("title", "criteria")
    return {
        "name": "chuyen-de",
        "label": "Chuyên đề",
        "label_singular": "chuyên đề",
        "folder": f"{prefix}{COLLECTIONS_FOLDER}",
        "create": True,
        "extension": "yml",
        "format": "yml",
        "slug": "{{title}}",
        "fields": fields,
    }


def editor_config(settings: Mapping, config: ContentConfig, content_root: Path, choices: Choices) -> dict:
    """The editor's configuration. With the local backend, paths are from the content folder; with a forge,
    from the repository's root, where the content folder is `PORTAL_EDITOR["content"]` (default content)."""
    editor = dict(settings.get("PORTAL_EDITOR") or {})
    local = editor.get("backend", "local") == "local"
    prefix = "" if local else editor.get("content", "content").strip("/") + "/"
    # with `path`, Decap keeps media beside each entry unless told: attachments live in files/ (PRODUCT.md)
    documents = _collection(
        DOCUMENT,
        choices,
        prefix,
        # Decap lower-cases a path's template and turns its dots into dashes, so a field's filter cannot be in it:
        # the year is the publication date's, or the year it is saved (folders do not matter to the build)
        path="{{doc_type}}/{{year}}/{{slug}}",
        media_folder=f"/{prefix}{MEDIA}",
        public_folder=MEDIA,
        sortable_fields=["issued", "title"],
    )
    pages = _collection(PAGE, choices, prefix)
    english = None
    if (content_root / FOLDER_OF[PAGE] / "en").is_dir():  # English versions (lang: en), beside the Vietnamese
        english = {**_collection(PAGE, choices, prefix), "name": "pages-en", "label": "Trang tiếng Anh"}
        english["folder"] += "/en"
        english["fields"] = [dict(f, default="en") if f["name"] == "lang" else f for f in english["fields"]]
    collections = [
        documents,
        *_news_collections(config, content_root, choices, prefix),
        pages,
        *([english] if english else []),
        _collection(QUESTION, choices, prefix, sortable_fields=["answered", "title"]),
        _collection(LEADER, choices, prefix),
        _collection(UNIT, choices, prefix),
        _collections_of_topics(choices, prefix),
    ]
    made = {
        "backend": backend_settings(settings),
        "locale": "vi",
        "site_url": editor.get("preview_url") or "/",
        "display_url": editor.get("preview_url") or "/",
        "media_folder": f"{prefix}{MEDIA}",
        "public_folder": MEDIA,
        "slug": dict(SLUG),
        "show_preview_links": True,
        "search": True,
        "collections": collections,
    }
    if not local and editor.get("backend") == "gitlab" and editor.get("editorial_workflow", True):
        made["publish_mode"] = "editorial_workflow"  # a change is a merge request the Ban biên tập merges
    return made
