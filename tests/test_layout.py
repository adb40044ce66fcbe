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
