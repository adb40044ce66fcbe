"""Link integrity: a build that would take off the portal a document that others still name says so
before it goes live, naming each item that names it (as Plone asks before a delete).

What is live is read from the live site's open data (`van-ban/du-lieu-mo/van-ban.json`: every listed
document, its id, number and day of issue). A document in it that this build no longer lists (its file
deleted, its number or day of issue changed, or withdrawn: draft or hidden) is *taken down*. A relation
of a public document to it is an error; a citation of its number in a text is a warning. With no live
site (a first build, a fresh clone) there is nothing to take down.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from portal_content import Problem
from portal_content.problems import WARNING

from search.numbers import number_key

from .opendata import document_id

OPEN_DATA = Path("van-ban") / "du-lieu-mo" / "van-ban.json"


@dataclass(frozen=True)
class TakenDown:
    number: str
    doc_type: str
    issued: str  # YYYY-MM-DD
    why: str  # "deleted" (no file has its id now) or "withdrawn" (its file is a draft or hidden)

    @property
    def named(self) -> str:
        y, m, d = self.issued.split("-")
        return f"{self.doc_type} {self.number} ngày {int(d)}/{int(m)}/{y}"

    @property
    def reason(self) -> str:
        if self.why == "withdrawn":
            return "tệp của nó đang để status: draft hoặc hidden"
        return "không tệp nào còn mang số ký hiệu và ngày ban hành đó: tệp đã bị xóa, hoặc đã đổi số, đổi ngày"


def live_documents(live_output: str | Path | None) -> dict[str, dict]:
    """The documents the live site lists, by id; none when there is no live site or it cannot be read."""
    if not live_output:
        return {}
    try:
        data = json.loads((Path(live_output) / OPEN_DATA).read_text(encoding="utf-8"))
        return {str(d["id"]): d for d in data.get("documents", ()) if isinstance(d, dict) and "id" in d}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def taken_down(live: dict[str, dict], documents, public: set[str]) -> dict[str, list[TakenDown]]:
    """The live documents this build takes down, by number key. `documents`: every document read now;
    `public`: the source paths of those it lists."""
    if not live:
        return {}
    now = {document_id(d): d for d in documents}
    listed = {document_id(d) for d in documents if d.source_path in public}
    found = defaultdict(list)
    for key, entry in live.items():
        if key in listed:
            continue
        try:
            down = TakenDown(str(entry["number"]), str(entry["doc_type"]), str(entry["issued"]), "")
        except KeyError:
            continue
        why = "withdrawn" if key in now else "deleted"
        found[number_key(down.number)].append(TakenDown(down.number, down.doc_type, down.issued, why))
    return found


def relation_problems(graph, public: set[str], down: dict[str, list[TakenDown]], carried: set[str]) -> list[Problem]:
    """An error on each public document whose relation names a document this build takes down, unless
    another public document now carries that number (`carried`: the number keys public documents carry)."""
    problems = []
    if not down:
        return problems
    for source_path, rows in graph.outgoing.items():
        if source_path not in public:
            continue
        for row in rows:
            if row.key not in down:
                continue
            if row.document is not None and row.document.source_path in public:
                continue  # it names a document that stays
            if row.document is None and row.key in carried:
                continue  # another document with the number: the resolver's own messages say which
            for gone in down[row.key]:
                problems.append(
                    Problem(
                        source_path,
                        f'{row.kind} nêu "{row.number}", tức {gone.named} đang đăng trên cổng, nhưng bản dựng này '
                        f"gỡ văn bản đó xuống ({gone.reason}).",
                        "Giữ văn bản đó trên cổng (khôi phục tệp, số ký hiệu, ngày ban hành; bỏ status: draft hoặc "
                        f"hidden), hoặc sửa hay xóa dòng này trong {row.kind} trước khi gỡ nó.",
                        field=row.kind,
                        about=row.key,
                    )
                )
    return problems


def citation_problems(named_by: dict[str, list], down: dict[str, list[TakenDown]], carried: set[str]) -> list[Problem]:
    """A warning on each published item whose text cites the number of a document this build takes down
    (`named_by`: number key -> the records whose text names it), unless another public document carries it."""
    problems = []
    for key in sorted(set(named_by) & set(down)):
        if key in carried:
            continue
        for record in named_by[key]:
            for gone in down[key]:
                problems.append(
                    Problem(
                        record.source_path,
                        f"bài trích dẫn {gone.named}, văn bản đang đăng trên cổng mà bản dựng này gỡ xuống "
                        f"({gone.reason}); trích dẫn sẽ mất liên kết.",
                        "Giữ văn bản đó trên cổng, hoặc sửa trích dẫn trong bài.",
                        severity=WARNING,
                    )
                )
    return problems
