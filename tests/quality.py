"""The quality gates a government portal is judged on, as functions tests call on a built site.

- `html_errors`: the Nu HTML Checker (vnu-jar, from package.json) on HTML files;
- `accessibility_violations`: axe-core's WCAG 2.1 A and AA rules in Debian's headless Chromium;
- `broken_links`: every internal link, anchor and asset of every page resolves;
- `lighthouse_failures`: Lighthouse (from package.json) in Debian's headless Chromium, mobile and
  desktop, every category at or above a floor.
Each returns a list of "where: which rule" lines; empty means the gate passes. The tools are
installed by `invoke tools` (which `invoke test` runs first).
"""

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = ROOT / "tests" / "gates" / "axe_check.mjs"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


class MissingTool(RuntimeError):
    pass


def require(*paths: Path) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing or shutil.which("java") is None or shutil.which("node") is None:
        raise MissingTool(f"missing {missing or 'java/node'}: run `invoke tools` (installs chromium and npm packages)")


def html_errors(files: list[Path], root: Path) -> list[str]:
    """Nu HTML Checker errors (warnings are not failures), as "file:line: message"."""
    require(VNU)
    run = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    found = []
    for message in messages:
        url = message.get("url", "")
        name = Path(unquote(urlsplit(url).path))
        shown = name.relative_to(root).as_posix() if name.is_relative_to(root) else name.name
        found.append(f"{shown}:{message.get('lastLine', '?')}: {message.get('message')}")
    if run.returncode not in (0, 1) and not found:
        found.append(f"vnu exited {run.returncode}: {run.stderr[-500:]}")
    return found


def accessibility_violations(base_url: str, paths: list[str]) -> list[str]:
    """axe-core violations per page and viewport, as "path @width: rule (help) at selectors"."""
    require(AXE_SCRIPT, NODE_MODULES / "axe-core", NODE_MODULES / "playwright-core", CHROMIUM)
    run = subprocess.run(
        ["node", str(AXE_SCRIPT), base_url, *paths],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CHROMIUM": str(CHROMIUM)},
        check=False,
    )
    if run.returncode != 0:
        return [f"axe run failed: {run.stderr[-1000:]}"]
    found = []
    for page, violations in json.loads(run.stdout).items():
        for v in violations:
            found.append(f"{page}: {v['id']} ({v['impact']}: {v['help']}) at {', '.join(v['nodes'])}")
    return found


def browser_facts(script: Path, *args: str) -> dict:
    """What a Playwright script of tests/gates/ reports (JSON on stdout) from Debian's Chromium."""
    require(script, NODE_MODULES / "playwright-core", CHROMIUM)
    run = subprocess.run(
        ["node", str(script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM": str(CHROMIUM)},
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"{script.name} failed: {run.stderr[-1000:]}")
    return json.loads(run.stdout)


def lighthouse_report(url: str, preset: str, skip_audits: tuple[str, ...] = ()) -> dict:
    """One Lighthouse run on `url` ("mobile": Lighthouse's default phone with throttling; "desktop")."""
    require(LIGHTHOUSE, CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            f"--output-path={report}",
        ]
        command += ["--preset=desktop"] if preset == "desktop" else []
        command += [f"--skip-audits={','.join(skip_audits)}"] if skip_audits else []
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": folder},
            check=False,
        )
        if run.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url} ({preset}): {run.stderr[-1000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def _failing_audits(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            shown = f" {audit['displayValue']}" if audit.get("displayValue") else ""
            found.append(f"{ref['id']} {audit['score']:.2f}{shown}")
    return found


def lighthouse_failures(
    base_url: str, paths: dict[str, tuple[str, ...]], floor: float = 0.95, runs: int = 3
) -> list[str]:
    """Categories under `floor`, as "path (mobile|desktop): category score: failing audits".

    `paths` maps each page to the audits it skips (a page that must not be indexed skips
    "is-crawlable"). A page is run once per preset; when a category falls under the floor it is run
    until `runs` reports exist and judged on each category's median, as Lighthouse advises for its
    variance on a busy machine.
    """
    found = []
    for path, skip in paths.items():
        for preset in ("mobile", "desktop"):
            reports = [lighthouse_report(base_url + path, preset, skip)]
            if runtime := reports[0].get("runtimeError"):
                found.append(f"{path} ({preset}): Lighthouse could not load the page: {runtime.get('code')}")
                continue
            if any((reports[0]["categories"][c]["score"] or 0) < floor for c in LIGHTHOUSE_CATEGORIES):
                reports += [lighthouse_report(base_url + path, preset, skip) for _ in range(runs - 1)]
            for category in LIGHTHOUSE_CATEGORIES:
                ranked = sorted(reports, key=lambda r, c=category: r["categories"][c]["score"] or 0)
                median = ranked[len(ranked) // 2]
                score = median["categories"][category]["score"] or 0
                if score < floor:
                    audits = "; ".join(_failing_audits(median, category)) or "no single audit under 0.9"
                    found.append(f"{path} ({preset}): {category} {round(score * 100)} < {round(floor * 100)}: {audits}")
    return found


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (name == "href" and tag in ("a", "link", "area")) or (
                name == "src" and tag in ("img", "script", "source", "iframe")
            ):
                self.links.append((name, value))
            if name == "srcset":
                self.links.extend(("srcset", part.split()[0]) for part in value.split(",") if part.strip())


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(output: Path, pages: dict[str, str] | None = None, fetch=None) -> list[str]:
    """Every internal link, anchor and asset of every built page (and of `pages`: URL -> HTML
    fetched from the service) resolves: to a file, a fragment id in it, or (through `fetch`,
    which returns an HTTP status) to the search service."""
    parsed: dict[Path, _Links] = {}

    def target_of(path: str) -> Path:
        target = output / unquote(path).lstrip("/")
        return target / "index.html" if path.endswith("/") or target.is_dir() else target

    def links_of(file: Path) -> _Links:
        if file not in parsed:
            parsed[file] = _parse(file)
        return parsed[file]

    sources = {
        "/" + p.relative_to(output).as_posix().removesuffix("index.html"): p for p in sorted(output.rglob("*.html"))
    }
    extra = {}
    for url, text in (pages or {}).items():
        extra[url] = _Links()
        extra[url].feed(text)
    found = []
    for url, links in [(u, links_of(f)) for u, f in sources.items()] + list(extra.items()):
        for attribute, value in links.links:
            absolute = urljoin("http://portal.invalid" + url, value)
            parts = urlsplit(absolute)
            if parts.scheme in ("mailto", "tel") or parts.netloc not in ("portal.invalid",):
                continue  # another site: not ours to check
            file = target_of(parts.path)
            if not file.is_file():
                if fetch is not None and fetch(parts.path + (f"?{parts.query}" if parts.query else "")) == 200:
                    continue
                found.append(f"{url}: {attribute}={value} points to nothing")
                continue
            if parts.fragment and file.suffix == ".html":
                same_dynamic_page = url in extra and parts.path == urlsplit(url).path
                ids = extra[url].ids if same_dynamic_page else links_of(file).ids
                if parts.fragment not in ids:
                    found.append(f'{url}: {attribute}={value}: no element with id "{parts.fragment}"')
    return found
