"""The staff editor (`invoke editor`): forms made from the build's schema, saving into content/, with the
portal's live preview beside them. Not a Pelican plugin: the build never imports it.

    app.py      the one local address: Decap CMS, its configuration, the backend, the preview
    backend.py  Decap's proxy protocol over the content folder, and nothing else
    config.py   the configuration (collections, backend) from the schema and the settings
    form.py     one YAML key -> one form field, by the converter the build reads it with
    choices.py  what forms offer to choose from: the settings, then what the content says
"""

from dataclasses import dataclass
from pathlib import Path

from .app import DECAP, PREFIX, PreviewAddresses, editor_app, own_hosts, write_editor
from .backend import LocalBackend, backend_app
from .choices import choices_of
from .config import editor_config

__all__ = ["DECAP", "PREFIX", "Editor", "configuration", "editor_config", "make_editor", "write_editor"]


@dataclass
class Editor:
    app: object  # WSGI
    watcher: object  # portal_serve.watch.Watcher: start() it, stop() it
    config: dict


def configuration(settings_file: Path, content: Path, overrides: dict | None = None) -> tuple[dict, dict]:
    """(settings, the editor's configuration) as they are now: read at every start."""
    from pelican.settings import read_settings
    from portal_content.config import content_config

    settings = read_settings(str(settings_file), override={**(overrides or {}), "PATH": str(content)})
    config = content_config(settings)
    return settings, editor_config(settings, config, content, choices_of(settings, config, content))


def make_editor(settings_file: Path, content: Path, output: Path, port: int, overrides: dict | None = None) -> Editor:
    """The editor of `content` on 127.0.0.1:`port`, previewing into `output` (never the public folder)."""
    from portal_build import build
    from portal_content.config import content_config
    from portal_serve.app import portal_app
    from portal_serve.watch import PreviewState, Watcher, preview_app

    settings, made = configuration(settings_file, content, overrides)
    config = content_config(settings)
    addresses = PreviewAddresses()

    def rebuild():
        result = build(settings_file, content, output, {**(overrides or {}), "PORTAL_PREVIEW": True})
        addresses.remember(result)
        return result

    state = PreviewState()
    watched = [content, Path(settings_file).resolve().parent / "theme", Path(settings_file)]
    watcher = Watcher(watched, rebuild, state, content=content)
    site = preview_app(portal_app(output, settings), state)
    hosts = own_hosts(port)
    # what the backend writes is built at once: the editor knows when it saved, it need not wait for inotify,
    # which misses a file written into a folder made a moment before (a new year's folder of văn bản)
    backend = backend_app(LocalBackend(content, config.file_types, on_change=watcher.request), lambda: hosts)
    name = settings.get("SITENAME", "")
    return Editor(editor_app(site, backend, lambda: made, addresses, name, lambda: hosts), watcher, made)
