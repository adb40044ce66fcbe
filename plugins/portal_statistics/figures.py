"""What the portal can vouch for about itself (NĐ 42/2022): how many documents by loại, năm, cơ quan
ban hành and tình trạng hiệu lực, and how many news by chuyên mục and month. Counted from the site
model's listed items, so the figures are exactly what a reader can find on the portal."""

from collections import Counter
from dataclasses import dataclass

from portal_legal.validity import LABELS
from portal_text import sort_key


@dataclass(frozen=True)
class Table:
    key: str  # for ids and the JSON: "van-ban-theo-loai"
    title: str  # "Văn bản theo loại"
    heading: str  # the first column: "Loại văn bản"
    rows: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)

    @property
    def largest(self) -> int:
        return max((count for _, count in self.rows), default=0)


def statistics(documents, news) -> tuple[Table, ...]:
    """documents, news: the listed entries (with .record, .legal)."""
    by_type = Counter(d.record.doc_type for d in documents)
    by_year = Counter(str(d.record.issued.year) for d in documents)
    by_issuer = Counter(issuer for d in documents for issuer in d.record.issuers)
    by_validity = Counter(d.legal.validity.label for d in documents if d.legal is not None)
    by_section = Counter(n.record.section for n in news)
    by_month = Counter(f"{n.record.date.month:02d}/{n.record.date.year}" for n in news)

    def most_first(counter: Counter) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], sort_key(kv[0]))))

    return (
        Table("van-ban-theo-loai", "Văn bản theo loại", "Loại văn bản", most_first(by_type)),
        Table("van-ban-theo-nam", "Văn bản theo năm ban hành", "Năm", tuple(sorted(by_year.items(), reverse=True))),
        Table("van-ban-theo-co-quan", "Văn bản theo cơ quan ban hành", "Cơ quan ban hành", most_first(by_issuer)),
        Table(
            "van-ban-theo-hieu-luc",
            "Văn bản theo tình trạng hiệu lực",
            "Tình trạng",
            tuple((label, by_validity[label]) for label in LABELS if by_validity[label]),
        ),
        Table("tin-theo-chuyen-muc", "Tin tức theo chuyên mục", "Chuyên mục", most_first(by_section)),
        Table(
            "tin-theo-thang",
            "Tin tức theo tháng",
            "Tháng",
            tuple(sorted(by_month.items(), key=lambda kv: (kv[0][3:], kv[0][:2]), reverse=True)),
        ),
    )


def as_json(tables, generated: str) -> dict:
    return {
        "generated": generated,
        "tables": [
            {"key": t.key, "title": t.title, "total": t.total, "rows": [{"name": n, "count": c} for n, c in t.rows]}
            for t in tables
        ],
    }
