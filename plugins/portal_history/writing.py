"""The history's pages and the old addresses' files, written from the site model."""

import json
from dataclasses import replace
from pathlib import Path

# in the output's private folder (portal_content.private): read by the servers, never served themselves
ADDRESSES = "dia-chi.json"  # read by `invoke serve` and the services (portal_serve.moved)
NGINX_MOVED = "dia-chi-chuyen.map"  # `map $uri $portal_moved { include …; }` in the README's nginx site
NGINX_GONE = "dia-chi-go.map"  # `map $uri $portal_gone { include …; }`


def _generator_class():
    from pelican.generators import Generator

    class HistoryGenerator(Generator):
        def generate_output(self, writer):
            site = self.context.get("site")
            if site is None:
                return
            for page in site.history_pages:
                writer.write_file(
                    page.url + "index.html",
                    self.get_template("history"),
                    self.context,
                    history_page=page,
                    crumbs=[("Trang chủ", ""), (page.name, page.item_url), ("Lịch sử", None)],
                    page_name=page.item_url,
                )
            addresses = site.addresses
            if addresses is None:
                return
            # an address a page of this build took (a listing, a service's page) is that page's: the model
            # leaves out every item's and listing's; the writer knows the rest (it runs last)
            taken = set(getattr(writer, "fingerprints", ()))
            addresses = replace(
                addresses,
                moved={old: new for old, new in addresses.moved.items() if old + "index.html" not in taken},
                gone={old: since for old, since in addresses.gone.items() if old + "index.html" not in taken},
                renumbered={old: new for old, new in addresses.renumbered.items() if old + "index.html" not in taken},
            )
            for old, new in addresses.moved.items():  # for hosts without redirects: a link and a refresh
                writer.write_file(
                    old + "index.html", self.get_template("moved"), self.context, moved_to=new, page_name=old
                )
            for old, since in addresses.gone.items():
                writer.write_file(
                    old + "index.html", self.get_template("gone"), self.context, gone_since=since, page_name=old
                )
            write_maps(addresses, Path(self.output_path))

    return HistoryGenerator


def forms(address: str) -> list[str]:
    """How a browser may ask for an address from the root: with and without its closing slash, and its file."""
    path = "/" + address
    return [path, path.rstrip("/"), path + "index.html"] if path.endswith("/") else [path]


def write_maps(addresses, output: Path) -> None:
    every = {**addresses.renumbered, **addresses.moved}
    moved = {form: "/" + new for old, new in every.items() for form in forms(old)}
    gone = {form: since.isoformat() for old, since in addresses.gone.items() for form in forms(old)}
    from portal_content.private import private_of

    private = private_of(output)
    private.mkdir(parents=True, exist_ok=True)
    (private / ADDRESSES).write_text(
        json.dumps({"moved": moved, "gone": gone}, ensure_ascii=False, indent=0), encoding="utf-8"
    )
    (private / NGINX_MOVED).write_text("".join(f'"{k}" "{v}";\n' for k, v in moved.items()), encoding="utf-8")
    (private / NGINX_GONE).write_text("".join(f'"{k}" 1;\n' for k in gone), encoding="utf-8")


def get_generators(pelican):
    return _generator_class()
