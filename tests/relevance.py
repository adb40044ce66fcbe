"""The relevance set: queries citizens type, each with the item a citizen expects first.

Two parts. SAMPLE: written by hand over the committed sample portal, in the classes issue 15
names (numbers typed any way, names, spelling variants, the document above what cites it,
accents, years). CORPUS: made from a generated corpus (`../shared/bench/make_corpus.py`), so
that each query's answer is a fact of the corpus, not a guess: for documents picked with a fixed
seed, their number typed in five ways. `evaluate` gives the mean reciprocal rank (MRR), recall@3
and the queries that missed; tests assert on them and `invoke bench` prints them.
"""

import random
import re
from dataclasses import dataclass
from pathlib import Path

CT08 = "/van-ban/chi-thi-08-ct-ubnd-ngay-16-06-2014/"
CT15 = "/van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/"
CT34 = "/van-ban/chi-thi-34-2008-ct-ttg-ngay-03-12-2008/"
DT05 = "/van-ban/du-thao-05-2026-dt-stttt-ngay-15-11-2026/"
VBHN = "/van-ban/van-ban-hop-nhat-01-vbhn-stttt-ngay-15-06-2026/"
HDLN = "/van-ban/huong-dan-01-hdln-stttt-snv-ngay-01-09-2025/"
KH12 = "/van-ban/ke-hoach-12-kh-stttt-ngay-15-01-2024/"
KH45 = "/van-ban/ke-hoach-45-kh-stttt-ngay-10-11-2026/"
LUAT67 = "/van-ban/luat-67-2006-qh11-ngay-29-06-2006/"
ND42 = "/van-ban/nghi-dinh-42-2022-nd-cp-ngay-24-06-2022/"
ND43 = "/van-ban/nghi-dinh-43-2011-nd-cp-ngay-13-06-2011/"
QD125 = "/van-ban/quyet-dinh-125-qd-stttt-ngay-10-03-2025/"
QD310 = "/van-ban/quyet-dinh-310-qd-stttt-ngay-20-05-2026/"
QD42 = "/van-ban/quyet-dinh-42-2012-qd-ubnd-ngay-20-11-2012/"
THU_TUONG = "/tin-tuc/chi-dao-dieu-hanh/thu-tuong-chi-thi-tang-cuong-su-dung-thu-dien-tu-trong-hoat-dong-cua-co-quan/"
DONG_THAP = "/tin-tuc/dia-phuong/dong-thap-trien-khai-dich-vu-hanh-chinh-cong-truc-tuyen-cap-do-3-truoc-nam-2013/"
QUANG_TRI = "/tin-tuc/dia-phuong/quang-tri-tang-cuong-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc/"
DAY_MANH = "/tin-tuc/dia-phuong/day-manh-su-dung-van-ban-dien-tu-trong-cac-co-quan-nha-nuoc-tai-quang-ngai/"
CNTT_QN = "/tin-tuc/dia-phuong/tang-cuong-ung-dung-cntt-va-su-dung-van-ban-dien-tu-trong-hoat-dong-cua-cac-co/"


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # the URL a citizen expects first
    kind: str  # the class of query, for the report


SAMPLE = [
    # numbers typed any way
    *(
        Case(q, CT15, "số ký hiệu")
        for q in (
            "15/CT-TTg",
            "15/ct-ttg",
            "15 ct ttg",
            "CT15",
            "ct 15",
            "Chỉ thị 15/CT-TTg",
            "chi thi 15",
            "Chỉ thị số 15/CT-TTg năm 2012",
            "15/2012/CT-TTg",
            "chỉ thị 15 năm 2012",
        )
    ),
    *(
        Case(q, ND43, "số ký hiệu")
        for q in ("43/2011/NĐ-CP", "43/2011/ND-CP", "nd43", "ND 43", "43/2011", "nghị định 43/2011", "nghi dinh 43")
    ),
    *(
        Case(q, QD125, "số ký hiệu")
        for q in (
            "125/QĐ-STTTT",
            "QD125",
            "qđ 125",
            "quyết định số 125",
            "125/QĐ-STTTT năm 2025",
            "quyet dinh 125 nam 2025",
        )
    ),
    *(Case(q, ND42, "số ký hiệu") for q in ("42/2022/NĐ-CP", "nghị định 42/2022", "nd42 2022")),
    Case("34/2008/CT-TTg", CT34, "số ký hiệu"),
    Case("ct34", CT34, "số ký hiệu"),
    Case("67/2006/QH11", LUAT67, "số ký hiệu"),
    Case("08/CT-UBND", CT08, "số ký hiệu"),
    Case("310/QĐ-STTTT", QD310, "số ký hiệu"),
    Case("01/VBHN-STTTT", VBHN, "số ký hiệu"),
    Case("01/HDLN-STTTT-SNV", HDLN, "số ký hiệu"),
    Case("12/KH-STTTT", KH12, "số ký hiệu"),
    Case("05/2026/DT-STTTT", DT05, "số ký hiệu"),
    Case("42/2012/QĐ-UBND", QD42, "số ký hiệu"),
    # names of signers, issuers, authors; topics and tags
    Case("Nguyễn Tấn Dũng", CT34, "tên"),
    Case("nguyen tan dung", CT34, "tên"),
    Case("Quốc hội", LUAT67, "tên"),
    Case("luat quoc hoi", LUAT67, "tên"),
    Case("Đài Sơn", QUANG_TRI, "tên"),
    Case("cao ba lam", DAY_MANH, "tên"),
    Case("Nguyễn Văn Mẫu quy chế thư điện tử", QD125, "tên"),
    Case("Sở Nội vụ chữ ký số", HDLN, "tên"),
    # spelling variants: i/y and the two tone placements
    Case("chữ kí số liên ngành", HDLN, "biến thể"),
    Case("chu ky so lien nganh", HDLN, "biến thể"),
    Case("hướng dẫn chữ ký số chuyên dùng", HDLN, "biến thể"),
    Case("luật công nghệ thông tin", LUAT67, "biến thể"),
    # what a citizen means
    Case("Đồng Tháp", DONG_THAP, "chủ đề"),
    Case("dong thap dich vu cong", DONG_THAP, "chủ đề"),
    Case("dịch vụ công trực tuyến cấp độ 3", DONG_THAP, "chủ đề"),
    Case("Quảng Trị văn bản điện tử", QUANG_TRI, "chủ đề"),
    Case("thủ tướng chỉ thị thư điện tử", THU_TUONG, "chủ đề"),
    Case("an toàn thông tin mạng dự thảo", DT05, "chủ đề"),
    Case("lấy ý kiến dự thảo quy chế", DT05, "chủ đề"),
    Case("kế hoạch tuyên truyền chuyển đổi số 2024", KH12, "chủ đề"),
    Case("kế hoạch chuyển đổi số năm 2027", KH45, "chủ đề"),
    Case("văn bản hợp nhất quy chế thư điện tử", VBHN, "chủ đề"),
    Case("ứng dụng CNTT Quảng Ngãi", CNTT_QN, "chủ đề"),
    Case("sửa đổi quy chế thư điện tử công vụ", QD310, "chủ đề"),
    Case("cung cấp thông tin dịch vụ công trực tuyến môi trường mạng", ND42, "chủ đề"),
]


def _abbreviation(symbol_part: str) -> str:
    from search.text import fold

    return fold(symbol_part).lower()


def corpus_cases(content: Path, count: int = 30, seed: int = 7) -> list[Case]:
    """Queries made from the documents of a generated corpus: each document's number typed as
    written, lowercase without diacritics, glued ("qd125"), with its year ("125/2025/QĐ-STTTT" or
    "… năm 2025"), and as "<loại> <số>" folded; the expected answer is that document."""
    import yaml

    from search.text import fold

    documents = []
    for path in sorted(Path(content, "van-ban").rglob("*.md")):
        header = path.read_text(encoding="utf-8").split("---")[1]
        data = yaml.safe_load(header)
        if isinstance(data, dict) and data.get("number"):
            documents.append(data)
    by_number = {}
    for d in documents:
        by_number.setdefault(str(d["number"]), []).append(d)
    rng = random.Random(seed)
    picked = rng.sample(
        [d for d in documents if len(by_number[str(d["number"])]) == 1], min(count // 5, len(documents))
    )
    cases = []
    for d in picked:
        number, issued, doc_type = str(d["number"]), d["issued"], str(d["doc_type"])
        from portal_content.model import document_slug

        url = f"/van-ban/{document_slug(doc_type, number, issued)}/"
        head, _, rest = number.partition("/")
        parts = rest.split("/")
        symbol = parts[-1]
        first = symbol.split("-")[0]
        with_year = number if len(parts) > 1 else f"{head}/{issued.year}/{symbol}"
        cases += [
            Case(number, url, "sinh: số"),
            Case(fold(number).lower(), url, "sinh: không dấu"),
            Case(
                f"{_abbreviation(first)}{int(head)}"
                if len(parts) == 1
                else f"{_abbreviation(first)}{int(head)} {parts[0]}",
                url,
                "sinh: viết liền",
            ),
            Case(with_year, url, "sinh: có năm"),
            Case(fold(f"{doc_type} {number} năm {issued.year}").lower(), url, "sinh: loại số năm"),
        ]
    return cases


def evaluate(search, cases: list[Case]) -> tuple[float, float, list[str]]:
    """(MRR, recall@3, what missed) for `search(query) -> [url, …]` (the first page, in order)."""
    reciprocal, top3, missed = 0.0, 0, []
    for case in cases:
        urls = search(case.query)
        rank = urls.index(case.expected) + 1 if case.expected in urls else None
        reciprocal += 1 / rank if rank else 0.0
        top3 += 1 if rank and rank <= 3 else 0
        if rank != 1:
            missed.append(
                f"{case.kind}: «{case.query}» → {case.expected} at {rank or 'none'}"
                + (f" (first: {urls[0]})" if urls else "")
            )
    return reciprocal / len(cases), top3 / len(cases), missed


__all__ = ["SAMPLE", "Case", "corpus_cases", "evaluate", "re"]
