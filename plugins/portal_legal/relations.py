"""Relations between documents, declared once (by the newer document) and shown on both sides.

Staff name documents by number, as they cite them, with the year or day of issue (or the
issuer) where several documents on the portal carry that number. A number no file carries is
kept as plain text and reported as a warning; a bare number that several documents carry, a
document naming itself, or replacements that loop, are errors.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from portal_content import LegalDocument, Problem
from portal_content.model import Reference
from portal_content.problems import WARNING

from search.numbers import NumberGuesser, fitting, identity, number_key

# key in the YAML header -> (what the document does, what is said of the other side)
KINDS = {
    "based_on": ("Căn cứ", "Được làm căn cứ cho"),
    "implements": ("Thực hiện, hướng dẫn", "Được thực hiện, hướng dẫn bởi"),
    "amends": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    "replaces": ("Thay thế", "Bị thay thế bởi"),
    "repeals": ("Bãi bỏ", "Bị bãi bỏ bởi"),
    "partly_repeals": ("Bãi bỏ một phần", "Bị bãi bỏ một phần bởi"),
    "suspends": ("Đình chỉ", "Bị đình chỉ bởi"),
    "partly_suspends": ("Ngưng hiệu lực một phần", "Bị ngưng hiệu lực một phần bởi"),
    "consolidates": ("Hợp nhất", "Được hợp nhất trong"),
    # a consultation's report (tổng hợp, tiếp thu, giải trình ý kiến) and the Dự thảo it answers
    "responds_to": ("Tiếp thu, giải trình ý kiến về", "Báo cáo tiếp thu, giải trình ý kiến"),
}


# On a page, what changed this document comes first, what it rests on last.
ORDER = [
    "Bị thay thế bởi",
    "Bị bãi bỏ bởi",
    "Bị đình chỉ bởi",
    "Bị ngưng hiệu lực một phần bởi",
    "Bị bãi bỏ một phần bởi",
    "Thay thế",
    "Bãi bỏ",
    "Đình chỉ",
    "Ngưng hiệu lực một phần",
    "Bãi bỏ một phần",
    "Được sửa đổi, bổ sung bởi",
    "Sửa đổi, bổ sung",
    "Được hợp nhất trong",
    "Hợp nhất",
    "Được thực hiện, hướng dẫn bởi",
    "Thực hiện, hướng dẫn",
    "Căn cứ",
    "Được làm căn cứ cho",
    "Báo cáo tiếp thu, giải trình ý kiến",
    "Tiếp thu, giải trình ý kiến về",
]


@dataclass
class Related:
    """One line of a document's "Văn bản liên quan" block."""

    kind: str  # the YAML key that declared it, e.g. "replaces"
    label: str  # how this side reads it, e.g. "Bị thay thế bởi"
    number: str  # as cited, e.g. "125/QĐ-STTTT năm 2025"
    document: LegalDocument | None  # None: no file on the portal carries this number
    key: str = ""  # number_key of the number alone (without the day, year or issuer given)


@dataclass
class RelationGraph:
    outgoing: dict[str, list[Related]] = field(default_factory=lambda: defaultdict(list))  # source_path -> …
    incoming: dict[str, list[Related]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)

    def related(self, doc: LegalDocument) -> list[tuple[str, list[Related]]]:
        """The document's relations grouped under their labels, in a fixed order."""
        grouped = defaultdict(list)
        for row in self.outgoing[doc.source_path] + self.incoming[doc.source_path]:
            grouped[row.label].append(row)
        return [(label, grouped[label]) for label in ORDER if grouped[label]]

    def changed_by(self, doc: LegalDocument) -> dict[str, list[LegalDocument]]:
        """The documents that act on this one, by relation: {"replaces": [...], "suspends": [...]}."""
        found = defaultdict(list)
        for row in self.incoming[doc.source_path]:
            if row.document is not None:
                found[row.kind].append(row.document)
        return found

    def edges(self):
        """(from, kind, to number, to document or None) for every declared relation."""
        for source_path, rows in sorted(self.outgoing.items()):
            for row in rows:
                yield source_path, row.kind, row.number, row.document


class Resolver:
    """Which document a reference means, among those on the portal (PRODUCT.md, "Which document a
    number means"): the number, then the day or year of issue and the issuer where given."""

    def __init__(self, documents: list[LegalDocument]):
        self.by_key = defaultdict(list)
        for doc in sorted(documents, key=lambda d: (d.issued, d.source_path)):
            self.by_key[number_key(doc.number)].append(doc)
        self.guess = NumberGuesser(d.number for d in documents)

    def candidates(self, ref: Reference) -> tuple[list[LegalDocument], list[LegalDocument]]:
        """(every document with the number, those that also fit the day, year and issuer given)."""
        carrying = self.by_key.get(number_key(ref.number), [])
        return carrying, fitting(carrying, day=ref.issued, year=ref.year, issuer=ref.issuer)

    def resolve(self, ref: Reference, source_path: str, key: str) -> tuple[LegalDocument | None, Problem | None]:
        carrying, fitting = self.candidates(ref)
        if len(fitting) == 1:
            return fitting[0], None
        if not carrying:
            guess = self.guess(ref.number)
            hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
            return None, Problem(
                source_path,
                f'số ký hiệu "{ref}" không có trên cổng; được ghi là chữ, không có liên kết.',
                hint + "Kiểm tra lại số, hoặc đăng văn bản đó lên cổng.",
                field=key,
                severity=WARNING,
                about=number_key(ref.number),
            )
        listing = "; ".join(f"{d.citation} của {', '.join(d.issuers)} ({d.source_path})" for d in carrying)
        if not fitting:
            return None, Problem(
                source_path,
                f'không có văn bản "{ref}" trên cổng; các văn bản mang số này: {listing}.',
                "Kiểm tra lại năm hoặc ngày ban hành; được ghi là chữ, không có liên kết.",
                field=key,
                severity=WARNING,
            )
        return None, Problem(
            source_path,
            f'số ký hiệu "{ref}" có ở {len(fitting)} văn bản trên cổng: {listing}.',
            "Ghi rõ văn bản nào, ví dụ: " + ", ".join(how_to_cite(d, fitting) for d in fitting[:2]),
            field=key,
        )


def how_to_cite(doc: LegalDocument, among: list[LegalDocument]) -> str:
    """The shortest citation that tells `doc` apart from the others carrying its number."""
    if sum(1 for d in among if d.issued.year == doc.issued.year) == 1:
        return str(Reference(doc.number, year=doc.issued.year))
    if sum(1 for d in among if d.issued == doc.issued) == 1:
        return str(Reference(doc.number, issued=doc.issued))
    return f"{{number: {doc.number}, issued: {doc.issued.isoformat()}, issuer: {doc.issuers[0]}}}"


def distinct(documents: list[LegalDocument]) -> list[LegalDocument]:
    """One record per document, by file name: a second file with the same number, day of issue and
    issuer is reported by the content checks and must not make every reference to it ambiguous."""
    seen, kept = set(), []
    for doc in sorted(documents, key=lambda d: d.source_path):
        if (itself := identity(doc.number, doc.issued, doc.issuers)) not in seen:
            seen.add(itself)
            kept.append(doc)
    return kept


def build_graph(documents: list[LegalDocument]) -> RelationGraph:
    documents = distinct(documents)
    resolver = Resolver(documents)
    graph = RelationGraph()
    for doc in documents:
        for kind, (label, inverse) in KINDS.items():
            for ref in getattr(doc, kind):
                target, problem = resolver.resolve(ref, doc.source_path, kind)
                if target is doc:
                    graph.problems.append(
                        Problem(
                            doc.source_path,
                            f'văn bản tự nêu số ký hiệu của chính nó ("{ref}").',
                            f"Xóa {ref} khỏi {kind}: một văn bản không {label.lower()} chính nó.",
                            field=kind,
                        )
                    )
                    continue
                if problem is not None:
                    graph.problems.append(problem)
                graph.outgoing[doc.source_path].append(Related(kind, label, str(ref), target, number_key(ref.number)))
                if target is not None:
                    graph.incoming[target.source_path].append(Related(kind, inverse, doc.number, doc))
    graph.problems.extend(_replacement_loops(documents, graph))
    return graph


def _replacement_loops(documents, graph) -> list[Problem]:
    """A replaces B replaces … replaces A: no document could ever be in force."""
    replaces = {
        d.source_path: [
            r.document
            for r in graph.outgoing[d.source_path]
            if r.kind in ("replaces", "repeals") and r.document is not None
        ]
        for d in documents
    }
    problems, reported = [], set()
    for start in documents:
        path, stack, seen = [start], [iter(replaces[start.source_path])], {start.source_path}
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                path.pop()
                continue
            if nxt is start:
                cycle = frozenset(d.source_path for d in path)
                if cycle not in reported:
                    reported.add(cycle)
                    chain = " → ".join(d.number for d in path + [start])
                    problems.append(
                        Problem(
                            start.source_path,
                            f"các văn bản thay thế nhau thành vòng: {chain}.",
                            "Mỗi văn bản chỉ thay thế văn bản ban hành trước nó; xóa số ký hiệu sai khỏi replaces.",
                            field="replaces",
                        )
                    )
                continue
            if nxt.source_path not in seen:
                seen.add(nxt.source_path)
                path.append(nxt)
                stack.append(iter(replaces[nxt.source_path]))
    return problems
