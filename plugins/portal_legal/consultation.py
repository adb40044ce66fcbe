"""A public consultation's outcome: the report (tổng hợp, tiếp thu, giải trình ý kiến) that answers a Dự thảo,
its comments grouped by the draft's articles, each with the agency's answer. Shown on both pages."""

from dataclasses import dataclass

from portal_content import LegalDocument, Problem
from portal_content.problems import WARNING

DRAFT_TYPE = "Dự thảo"
WHOLE = "Góp ý chung cho cả dự thảo"


@dataclass(frozen=True)
class ArticleAnswers:
    heading: str  # "Điều 5. Phạm vi điều chỉnh", or WHOLE
    url: str | None  # the article on the draft's page
    answers: tuple  # portal_content.model.Answer


@dataclass(frozen=True)
class Consultation:
    draft: LegalDocument
    draft_url: str
    report: LegalDocument
    report_url: str
    groups: tuple[ArticleAnswers, ...]  # the draft as a whole first, then its articles in order

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        """How many comments got each answer ("Tiếp thu", 4), in a fixed order, those with any."""
        every = [a.answer for group in self.groups for a in group.answers]
        return tuple(
            (name, every.count(name)) for name in ("Tiếp thu", "Tiếp thu một phần", "Giải trình") if name in every
        )

    @property
    def total(self) -> int:
        return sum(len(group.answers) for group in self.groups)


def consultation(
    report: LegalDocument, draft: LegalDocument, report_url: str, draft_url: str, articles: tuple
) -> tuple[Consultation | None, list[Problem]]:
    """The report's comments grouped by the draft's `articles` (portal_content.articles.Article); a comment on
    an article the draft lacks is a warning; so is a report answering a document that is no Dự thảo, which
    then has no consultation (None): the relation alone is shown."""
    problems = []
    if draft.doc_type != DRAFT_TYPE:
        return None, [
            Problem(
                report.source_path,
                f"responds_to nêu {draft.doc_type} {draft.number}, không phải một Dự thảo.",
                "responds_to ghi số ký hiệu của Dự thảo đã lấy ý kiến mà báo cáo này tổng hợp, tiếp thu, giải trình.",
                field="responds_to",
                severity=WARNING,
            )
        ]
    labels = {a.number: a for a in articles}
    by_article: dict[str | None, list] = {}
    for index, answer in enumerate(report.comments, 1):
        if answer.article is not None and answer.article not in labels:
            problems.append(
                Problem(
                    report.source_path,
                    f"ý kiến thứ {index} góp ý Điều {answer.article}, nhưng {draft.doc_type} {draft.number} "
                    f"trên cổng không có Điều {answer.article}.",
                    "Kiểm tra lại số điều (article); ý kiến vẫn được đăng, dưới Góp ý chung cho cả dự thảo.",
                    field="comments",
                    severity=WARNING,
                )
            )
            by_article.setdefault(None, []).append(answer)
            continue
        by_article.setdefault(answer.article, []).append(answer)
    groups = []
    if None in by_article:
        groups.append(ArticleAnswers(WHOLE, None, tuple(by_article[None])))
    for article in articles:
        if article.number in by_article:
            groups.append(
                ArticleAnswers(article.label, f"{draft_url}#{article.anchor}", tuple(by_article[article.number]))
            )
    return Consultation(draft, draft_url, report, report_url, tuple(groups)), problems
