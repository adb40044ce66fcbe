"""The theme's files under names that change with their bytes (`css/main.3f9a0c1b2d.css`), so browsers
and proxies may keep them for a year (`Cache-Control: immutable`) and still never show an old style
after a change. Templates name them with `asset("css/main.css")`; a stylesheet's `url(…)` references
to other theme files (fonts) are rewritten to the hashed names too. The plain names stay in the
output for anything that links them directly.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Assets", "assets_for", "assets_of", "register"]

HASH_LENGTH = 10
_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")


@dataclass(frozen=True)
class Assets:
    prefix: str  # where Pelican copies the theme's static files in the output (THEME_STATIC_DIR)
    names: dict[str, str] = field(default_factory=dict)  # "css/main.css" -> "css/main.3f9a0c1b2d.css"
    contents: dict[str, bytes] = field(default_factory=dict)  # hashed name -> bytes to write

    def url(self, path: str) -> str:
        """The address of a theme file from the site root: `theme/css/main.3f9a0c1b2d.css`, for
        `css/main.css` or for its address from the site root (`theme/css/main.css`, as settings name it)."""
        path = path.removeprefix(f"{self.prefix}/")
        return f"{self.prefix}/{self.names.get(path, path)}"


def _hashed(relative: str, data: bytes) -> str:
    stem, dot, suffix = relative.rpartition(".")
    digest = hashlib.blake2b(data, digest_size=8).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"


def assets_of(static: Path, prefix: str) -> Assets:
    """Every file under the theme's static folder, hashed; stylesheets after the files they name."""
    static = Path(static)
    files = sorted(p for p in static.rglob("*") if p.is_file())
    names, contents = {}, {}
    for path in (p for p in files if p.suffix != ".css"):
        relative = path.relative_to(static).as_posix()
        data = path.read_bytes()
        names[relative] = _hashed(relative, data)
        contents[names[relative]] = data
    for path in (p for p in files if p.suffix == ".css"):
        relative = path.relative_to(static).as_posix()
        folder = Path(relative).parent

        def renamed(match, folder=folder):
            target = (folder / match[2]).as_posix()
            parts = []
            for part in target.split("/"):
                if part == "..":
                    parts = parts[:-1]
                elif part not in ("", "."):
                    parts.append(part)
            target = "/".join(parts)
            if target not in names:
                return match[0]
            return f"url({match[1]}{Path(match[2]).parent.as_posix()}/{Path(names[target]).name}{match[1]})"

        data = _URL.sub(renamed, path.read_text(encoding="utf-8")).encode("utf-8")
        names[relative] = _hashed(relative, data)
        contents[names[relative]] = data
    return Assets(prefix, names, contents)


_made: dict[tuple, Assets] = {}


def _assets(settings: dict) -> Assets:
    """The theme's assets, worked out again only when a file of it changed."""
    static = Path(settings["THEME"]) / "static"
    state = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(static.rglob("*")) if p.is_file())
    key = (str(static), settings.get("THEME_STATIC_DIR", "theme"), state)
    if key not in _made:
        _made.clear()
        _made[key] = assets_of(static, key[1])
    return _made[key]


def assets_for(settings: dict) -> Assets:
    return _assets(settings)


def add_global(generator) -> None:
    generator.env.globals["asset"] = _assets(generator.settings).url


def _generator_class():
    from pelican.generators import Generator

    class AssetsGenerator(Generator):
        def generate_context(self):
            pass

        def generate_output(self, writer):
            assets = _assets(self.settings)
            root = Path(self.output_path) / assets.prefix
            for name, data in assets.contents.items():
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    return AssetsGenerator


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(add_global)
    signals.get_generators.connect(get_generators)
