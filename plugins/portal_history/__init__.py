"""History and addresses (PRODUCT.md "History and addresses"): each item's published versions from git,
its Lịch sử page with a redline between consecutive versions, and every address once published kept
answering: moved (301, one hop) or gone (410, since when).

read.py reads git in one pass during the read phase (`history_for`), the site model decides (views.py,
addresses.py, called by portal_site.assemble), and this plugin writes: the Lịch sử pages, a static page at
each old address (a canonical link and a refresh for hosts without redirects; "đã gỡ" for a withdrawn
item), and, in the output's private folder (portal_content.private), `dia-chi.json` and two nginx maps
(`dia-chi-chuyen.map`, `dia-chi-go.map`) for the servers.
"""

from dataclasses import replace
from pathlib import Path

from .read import History, Source, read_history

__all__ = ["History", "Source", "history_for", "read_history", "register"]

SOURCE_SETTING = "PORTAL_HISTORY_SOURCE"  # set by portal_build when review is on: the approved commit


def history_for(settings: dict, installation: bytes | None) -> History:
    """The history of the content this build publishes. `installation`: the secret that seals the
    remembered verdicts of review."""
    from portal_review.git import Repository

    given = settings.get(SOURCE_SETTING)
    if given:
        from .read import Verdicts

        cache = settings.get("PORTAL_CACHE_PATH")
        verdicts = Verdicts(Path(f"{cache}-approvals") if cache else None, installation)
        from portal_review.sections import Sections

        source = Source(Repository(Path(given["root"])), given["commit"], given["content"], given["reviewers"])
        sections = Sections.from_config({"sections": given.get("sections") or {}})
        return read_history(replace(source, verdicts=verdicts, sections=sections))
    root = Path(settings["PATH"]).resolve()
    repository = Repository.around(root)
    if repository is None:
        return read_history(Source(None))
    content = root.relative_to(repository.root).as_posix()
    content = "" if content == "." else content
    changed = repository.run("diff", "--name-only", "-z", "HEAD", "--", content or ".", check=False).split("\0")
    prefix = f"{content}/" if content else ""
    uncommitted = frozenset(name[len(prefix) :] for name in changed if name)
    return read_history(Source(repository, "HEAD", content, None, uncommitted))


def register() -> None:
    from pelican import signals

    from .writing import get_generators

    signals.get_generators.connect(get_generators)
