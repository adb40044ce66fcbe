"""What a cached value depends on in code: our modules it imports, transitively, and the versions of
the libraries they import. Any change to either changes the fingerprint, so a cache keyed by it can
never hand back a value the current code would not produce (not a Pelican plugin)."""

import ast
import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = (ROOT / "plugins", ROOT)  # where our packages are importable from (PLUGIN_PATHS, the project)
OURS = {p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file()} | {"search"}

__all__ = ["closure", "code_fingerprint"]


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    for base in SOURCES:
        for candidate in (base.joinpath(*parts, "__init__.py"), base.joinpath(*parts).with_suffix(".py")):
            if candidate.is_file():
                return candidate
    return None


@cache
def _imported(path: Path) -> frozenset[str]:
    """Every module name an `import` in the file names (inside functions too), made absolute."""
    package = ".".join(path.relative_to(_base(path)).with_suffix("").parts)
    if path.name == "__init__.py":
        package = package.removesuffix(".__init__")
    else:
        package = package.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}  # `from pkg import module`
    return frozenset(names)


def _base(path: Path) -> Path:
    return next(base for base in SOURCES if path.is_relative_to(base) and path.relative_to(base).parts[0] != "plugins")


@cache
def closure(*starts: Path) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Our source files reachable by imports from `starts`, and the third-party top-level modules they import."""
    seen: dict[Path, None] = {}
    libraries = set()
    todo = [Path(start).resolve() for start in starts]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = None
        for name in _imported(path):
            top = name.split(".")[0]
            if top in OURS:
                found = _module_file(name)
                if found is not None:
                    todo.append(found)
                parent = _module_file(name.rpartition(".")[0]) if "." in name else None
                if parent is not None:
                    todo.append(parent)
            elif top not in sys.stdlib_module_names and top != "__future__":
                libraries.add(top)
    return tuple(sorted(seen)), tuple(sorted(libraries))


@cache
def _distributions() -> dict:
    return metadata.packages_distributions()


@cache
def _version(module: str) -> str:
    distributions = _distributions().get(module, [module])
    versions = []
    for name in distributions:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return ",".join(versions)


@cache
def code_fingerprint(*starts: Path, libraries: tuple[str, ...] = ()) -> bytes:
    """A digest of every source file `closure(starts)` finds and of the versions of the libraries they use
    (and of `libraries`, ones they use without importing them: Jinja through Pelican)."""
    files, imported = closure(*(Path(s).resolve() for s in starts))
    digest = hashlib.blake2b(f"python {sys.version_info[:2]}".encode(), digest_size=16)
    for library in sorted(set(imported) | set(libraries)):
        digest.update(f"|{library}:{_version(library)}".encode())
    for path in files:
        digest.update(f"|{path.relative_to(ROOT).as_posix()}:".encode())
        digest.update(path.read_bytes())
    return digest.digest()
