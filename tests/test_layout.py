"""House habits that code review alone would let slip: no import cycle between our packages, and
writers that never set attributes on Pelican's objects (the site model carries what they show)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {p.name: p for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file()} | {
    "search": ROOT / "search"
}


def imports_of(folder: Path) -> set[str]:
    """Our packages that a package imports, at the top of a module or inside a function."""
    found = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & PACKAGES.keys()
    return found - {folder.name}


def test_no_import_cycle_between_packages():
    graph = {name: imports_of(folder) for name, folder in PACKAGES.items()}
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for other in sorted(graph[name]):
            if other in path:
                cycles.append(" → ".join(path[path.index(other) :] + [other]))
            else:
                visit(other, path + [other])

    for name in sorted(graph):
        visit(name, [name])
    assert not cycles, sorted(set(cycles))


def test_no_plugin_sets_attributes_on_pelican_objects():
    """`article.x = …`, `page._content = …`, `setattr(content, …)`: state belongs in the site model."""
    assignment = re.compile(r"^\s*(article|page|content|item|generator\.articles\[.*\])\.\w+\s*=[^=]", re.MULTILINE)
    offending = [
        f"{path.relative_to(ROOT)}: {match[0].strip()}"
        for path in (ROOT / "plugins").rglob("*.py")
        for match in assignment.finditer(path.read_text(encoding="utf-8"))
    ]
    offending += [
        str(path.relative_to(ROOT))
        for path in (ROOT / "plugins").rglob("*.py")
        if "setattr(" in path.read_text(encoding="utf-8")
    ]
    assert not offending, offending


def test_the_render_cache_key_covers_every_module_that_shapes_a_body():
    """Every module of ours that rendering a body loads is in the code the cache key hashes, and an
    edit to one of them (search/text.py shapes heading ids) changes the key."""
    import subprocess
    import sys

    probe = (
        "import sys, json\n"
        "sys.path[:0] = ['plugins', '.']\n"
        "from portal_content.render_cache import RenderCache\n"
        "RenderCache(None).render('# Tiêu đề\\n\\nChỉ thị [số 15](https://chinhphu.vn/) *mới*.')\n"
        "print(json.dumps(sorted(m.__file__ for m in list(sys.modules.values()) if getattr(m, '__file__', None))))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    ours = {
        Path(f).resolve()
        for f in __import__("json").loads(loaded.stdout)
        if Path(f).resolve().is_relative_to(ROOT) and ".venv" not in Path(f).parts
    }
    from portal_code import closure

    here = ROOT / "plugins" / "portal_content"
    files, libraries = closure(here / "rendering.py", here / "render_cache.py")
    assert ROOT / "search" / "text.py" in ours  # the case the issue found
    assert ours <= set(files), sorted(str(p.relative_to(ROOT)) for p in ours - set(files))
    assert {"markdown", "nh3"} <= set(libraries)
