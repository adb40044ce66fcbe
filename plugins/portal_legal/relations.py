"""Relations between documents, declared once (by the newer document) and shown on both sides.

Staff name documents by number, as they cite them. A number no file carries is kept as
plain text and reported as a warning; a document naming itself, or replacements that loop,
are errors.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from portal_content import LegalDocument, Problem
from portal_content.problems import WARNING

from .numbers import number_key

# key in the YAML header -> (what the document does, what is said of the other side)
KINDS = {
    "based_on": ("Căn cứ", "Được làm căn cứ cho"),
    "implements": ("Thực hiện, hướng dẫn", "Được thực hiện, hướng dẫn bởi"),
    "amends": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    "replaces": ("Thay thế", "Bị thay thế bởi"),
    "consolidates": ("Hợp nhất", "Được hợp nhất trong"),
}


# On a page, what changed this document comes first, what it rests on last.
ORDER = ["Bị thay thế bởi", "Thay thế", "Được sửa đổi, bổ sung bởi", "Sửa đổi, bổ sung", "Được hợp nhất trong",
         "Hợp nhất", "Được thực hiện, hướng dẫn bởi", "Thực hiện, hướng dẫn", "Căn cứ", "Được làm căn cứ cho"]


@dataclass
class Related:
    """One line of a document's "Văn bản liên quan" block."""

    kind: str  # the YAML key that declared it, e.g. "replaces"
    label: str  # how this side reads it, e.g. "Bị thay thế bởi"
    number: str  # as written
    document: LegalDocument | None  # None: no file on the portal carries this number


@dataclass
class RelationGraph:
    by_key: dict[str, LegalDocument]
    outgoing: dict[str, list[Related]] = field(default_factory=lambda: defaultdict(list))  # source_path -> …
    incoming: dict[str, list[Related]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)

    def related(self, doc: LegalDocument) -> list[tuple[str, list[Related]]]:
        """The document's relations grouped under their labels, in a fixed order."""
        grouped = defaultdict(list)
        for row in self.outgoing[doc.source_path] + self.incoming[doc.source_path]:
            grouped[row.label].append(row)
        return [(label, grouped[label]) for label in ORDER if grouped[label]]

    def replaced_by(self, doc: LegalDocument) -> list[LegalDocument]:
        return [row.document for row in self.incoming[doc.source_path]
                if row.kind == "replaces" and row.document is not None]

    def edges(self):
        """(from, kind, to number, to document or None) for every declared relation."""
        for source_path, rows in sorted(self.outgoing.items()):
            for row in rows:
                yield source_path, row.kind, row.number, row.document


class _NumberGuesser:
    """The published number closest to a mistyped one: "15/CT-TTg" for "15/CT-TT".

    A typo changes one part of "số/năm/loại-cơ quan", so the candidates are the numbers that share
    its first part or the rest: comparing with every number on the portal would cost
    documents × unresolved numbers.
    """

    def __init__(self, numbers):
        self._by_head, self._by_tail = defaultdict(set), defaultdict(set)
        for number in numbers:
            head, _, tail = number.partition("/")
            self._by_head[head].add(number)
            self._by_tail[tail].add(number)
        self._guesses = {}

    def __call__(self, number: str) -> str | None:
        if number not in self._guesses:
            head, _, tail = number.partition("/")
            candidates = sorted(self._by_head.get(head, set()) | self._by_tail.get(tail, set()))
            guess = difflib.get_close_matches(number, candidates, n=1, cutoff=0.8)
            self._guesses[number] = guess[0] if guess else None
        return self._guesses[number]


def build_graph(documents: list[LegalDocument]) -> RelationGraph:
    documents = sorted(documents, key=lambda d: d.source_path)
    graph = RelationGraph(by_key={number_key(d.number): d for d in documents})
    guess_number = _NumberGuesser(d.number for d in documents)
    for doc in documents:
        for kind, (label, inverse) in KINDS.items():
            for number in getattr(doc, kind):
                target = graph.by_key.get(number_key(number))
                if target is doc:
                    graph.problems.append(Problem(
                        doc.source_path, f'văn bản tự nêu số ký hiệu của chính nó ("{number}").',
                        f"Xóa {number} khỏi {kind}: một văn bản không {label.lower()} chính nó.", field=kind))
                    continue
                graph.outgoing[doc.source_path].append(Related(kind, label, number, target))
                if target is None:
                    guess = guess_number(number)
                    hint = f'Có phải ý bạn là "{guess}"? ' if guess else ""
                    graph.problems.append(Problem(
                        doc.source_path, f'số ký hiệu "{number}" không có trên cổng; được ghi là chữ, không có liên kết.',
                        hint + "Kiểm tra lại số, hoặc đăng văn bản đó lên cổng.", field=kind, severity=WARNING))
                else:
                    graph.incoming[target.source_path].append(Related(kind, inverse, doc.number, doc))
    graph.problems.extend(_replacement_loops(documents, graph))
    return graph


def _replacement_loops(documents, graph) -> list[Problem]:
    """A replaces B replaces … replaces A: no document could ever be in force."""
    replaces = {d.source_path: [r.document for r in graph.outgoing[d.source_path]
                                if r.kind == "replaces" and r.document is not None] for d in documents}
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
                    problems.append(Problem(
                        start.source_path, f"các văn bản thay thế nhau thành vòng: {chain}.",
                        "Mỗi văn bản chỉ thay thế văn bản ban hành trước nó; xóa số ký hiệu sai khỏi replaces.",
                        field="replaces"))
                continue
            if nxt.source_path not in seen:
                seen.add(nxt.source_path)
                path.append(nxt)
                stack.append(iter(replaces[nxt.source_path]))
    return problems
