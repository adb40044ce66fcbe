"""Citizens write back: comments on open drafts (góp ý dự thảo) and questions (hỏi đáp).

The Pelican side writes the pages: the "Gửi câu hỏi" page (`/hoi-dap/`), the receipt page and
the page that lists what to fix; each Dự thảo page carries its form while comments are open
(document.html). The write path itself (service.py) runs beside the search service; staff read
what came in with `invoke gop-y` and `invoke hoi-dap` (staff.py). See PRODUCT.md, "Citizens
writing back", and the README.
"""

from .config import FeedbackConfig, feedback_config
from .consent import LOOKUP_PAGE, NOTICE_PAGE, FeedbackView

__all__ = ["FeedbackConfig", "FeedbackView", "feedback_config", "register", "view_of"]


def view_of(config: FeedbackConfig) -> FeedbackView:
    return FeedbackView(config.controller, config.retention_text, config.contact, config.max_chars)


NEWEST_ANSWERS = 5  # answered questions under the question form


def _generator_class():
    from pelican.generators import Generator

    class FeedbackGenerator(Generator):
        def generate_context(self):
            from .article_links import comment_links

            self.context["feedback"] = view_of(feedback_config(self.settings))
            self.context["comment_links"] = comment_links

        def generate_output(self, writer):
            site = self.context.get("site")
            newest = tuple(site.questions[:NEWEST_ANSWERS]) if site is not None else ()
            if site is not None:
                write_chrome(site, self.output_path)
            for url, template, extra in (
                ("hoi-dap/", "question", {"questions": newest}),  # the form, and the newest answers
                ("phan-hoi/da-nhan/", "feedback_receipt", {}),
                ("phan-hoi/loi/", "feedback_problems", {}),
                (NOTICE_PAGE, "feedback_notice", {}),  # the notice a consent names, printable
                (LOOKUP_PAGE, "feedback_lookup", {}),  # a citizen sees, or asks to delete, what they sent
            ):
                writer.write_file(url + "index.html", self.get_template(template), self.context, page_name=url, **extra)

    return FeedbackGenerator


CHROME = "chrome.json"  # in the output's private folder, beside the pages' manifest: never served


def write_chrome(site, output_path: str) -> None:
    """What every page's header and footer show of the site model (the leaders' and units' pages exist,
    the units' own portals), for the pages the services render per request (search, the receipt, a
    refused form): they have the same footer as every static page (portal_serve.pages reads it)."""
    import json

    from portal_content.private import private_of

    target = private_of(output_path) / CHROME
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "leaders": bool(site.leaders),
        "units": bool(site.units),
        "unit_portals": list(site.unit_portals),
        "language_entries": list(site.language_entries),
    }
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def get_generators(pelican):
    return _generator_class()


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(get_generators)
